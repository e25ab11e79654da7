"""Every HMAC the service makes, with the stage's one secret: list cursors and unsubscribe
links. A `purpose` keys each use apart, so one kind of token is never another.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from chalicelib.settings import get_settings


def _secret() -> bytes:
    secret = get_settings().cursor_secret
    if not secret:  # fail closed: an unsigned cursor could be forged
        raise RuntimeError("CURSOR_SECRET is not set for this stage")
    return secret.encode()


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def signature(payload: str, purpose: str | None = None) -> str:
    """HMAC of a payload with the stage's secret; a `purpose` keys it apart (an unsubscribe
    link's signature is no cursor's). Fails closed when the secret is missing."""
    key = _secret() if purpose is None else f"{purpose}:".encode() + _secret()
    return b64(hmac.new(key, payload.encode(), hashlib.sha256).digest()[:18])
