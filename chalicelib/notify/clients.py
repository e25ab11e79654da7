"""One client per AWS service per process (making one costs tens of milliseconds)."""

from __future__ import annotations

from functools import cache
from typing import Any

from chalicelib.settings import get_settings


@cache
def client(service: str) -> Any:
    # boto3 (~75 ms to import) on the first client made: many requests import a module that can
    # publish or call Cognito and never do (the store reaches DynamoDB through PynamoDB's botocore).
    import boto3

    return boto3.client(service, region_name=get_settings().region)
