"""One client per AWS service per process (making one costs tens of milliseconds)."""

from __future__ import annotations

from functools import cache
from typing import Any

import boto3

from chalicelib.settings import get_settings


@cache
def client(service: str) -> Any:
    return boto3.client(service, region_name=get_settings().region)
