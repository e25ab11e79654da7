"""The embedded AWS: moto's server on loopback, taking one request at a time.

moto's threaded server breaks DynamoDB transaction atomicity under concurrent requests
(see DESIGN.md), so this server is deliberately single-threaded. Nothing may ask it to call
back into the app while it serves a request: the event runner pulls instead.
"""

from __future__ import annotations

import logging
import os
import threading

import requests
from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import BaseWSGIServer, make_server

from devstack import moto_patches

ACCOUNT_ID = "123456789012"  # moto's default account, which it writes into every ARN


def aws_env(endpoint: str, region: str = "eu-west-2") -> dict[str, str]:
    """The environment that points boto3 (and PynamoDB through it) at the embedded AWS."""
    return {
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": region,
        "AWS_REGION": region,
    }


class EmbeddedAws:
    """moto's server in a daemon thread of this process; all data lives in memory.

    moto keeps its state in module globals: every EmbeddedAws (and any `mock_aws`) in one
    process sees the same resources, whatever its port.
    """

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host = host
        self._requested_port = port
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> EmbeddedAws:
        # One line per request would drown `make run`'s own output.
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        # moto checks TOTP codes only when asked to (against its one fixed secret,
        # devstack.accounts.LOCAL_TOTP_SECRET); otherwise any six digits would pass.
        os.environ["MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP"] = "true"
        moto_patches.install()
        app = DomainDispatcherApplication(create_backend_app)
        # threaded=False: one request at a time keeps DynamoDB transactions exact.
        # werkzeug's server sets SO_REUSEADDR, so a restart can bind the same port at once.
        self._server = make_server(
            self.host, self._requested_port, app, threaded=False,
            request_handler=MotoRequestHandler,
        )
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.1},
            name=f"embedded-aws:{self.port}", daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()  # release the port now, not at garbage collection
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("EmbeddedAws is not started")
        return int(self._server.socket.getsockname()[1])

    @property
    def endpoint(self) -> str:
        return f"http://{self.host}:{self.port}"

    def reset(self) -> None:
        """Forget every resource in every service, for the whole process (moto's reset API)."""
        requests.post(f"{self.endpoint}/moto-api/reset", timeout=10).raise_for_status()

    def __enter__(self) -> EmbeddedAws:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
