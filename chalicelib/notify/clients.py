"""One client per AWS service per process (making one costs tens of milliseconds)."""

from __future__ import annotations

from functools import cache
from typing import Any

from chalicelib.settings import get_settings


@cache
def client(service: str) -> Any:
    # boto3 is imported by the first client made, not with this module: the logic that may send
    # imports it, yet most requests send nothing: boto3, with s3transfer and multiprocessing, is
    # ~16 ms of CPU and 59 modules beyond the botocore PynamoDB needs (README, "Cold start").
    import boto3

    return boto3.client(service, region_name=get_settings().region)
