"""One client per AWS service per process (making one costs tens of milliseconds)."""

from __future__ import annotations

from functools import cache
from typing import Any

from chalicelib.settings import get_settings


@cache
def client(service: str) -> Any:
    # boto3 is imported by the first client made, not with this module: the logic that may send
    # imports it, yet most requests send nothing, and boto3 (with s3transfer) costs a cold start
    # ~75 ms (README, "Cold start"). PynamoDB needs only botocore.
    import boto3

    return boto3.client(service, region_name=get_settings().region)
