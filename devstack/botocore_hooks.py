"""The one way the call recorders (devstack.aws_calls, devstack.dynamodb_calls, bench/fanout.py)
see every botocore client: a hook run on each client created from now on, however it is made
(boto3, PynamoDB, Chalice)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import botocore.session

ClientHook = Callable[[str, Any], None]  # (service name, the new client)
_hooks: dict[str, ClientHook] = {}
_original_create_client = botocore.session.Session.create_client


def _create_client(self: botocore.session.Session, service_name: str, *args: Any, **kwargs: Any) -> Any:
    client = _original_create_client(self, service_name, *args, **kwargs)
    for hook in list(_hooks.values()):
        hook(service_name, client)
    return client


def on_new_clients(name: str, hook: ClientHook) -> None:
    """Run `hook` on each client created from now on. Idempotent per name: installing twice adds
    nothing, so each recorder's `install()` may be called from every test and bench."""
    _hooks.setdefault(name, hook)
    botocore.session.Session.create_client = _create_client  # type: ignore[method-assign]
