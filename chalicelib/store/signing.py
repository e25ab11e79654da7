"""Every HMAC the service makes, with the stage's one secret: list cursors and unsubscribe
links; and the one sealed (encrypted) token, the fan-out's cursor. A `purpose` keys each use
apart, so one kind of token is never another.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from chalicelib.settings import get_settings


def _secret() -> bytes:
    secret = get_settings().signing_secret()
    if not secret:  # fail closed: an unsigned cursor could be forged
        raise RuntimeError("the stage's signing secret is empty")
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


class Unsealable(ValueError):
    """A sealed token that was altered, is of another purpose or stage, or is not one at all."""


NONCE_BYTES = 12


def _aead(purpose: str):
    # cryptography comes with pyjwt[crypto] (token checks); imported here so other Lambdas skip it.
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(hmac.new(_secret(), f"seal:{purpose}".encode(), hashlib.sha256).digest())


def seal(payload: str, purpose: str) -> str:
    """The payload encrypted and authenticated (AES-GCM, a key of its own per purpose): for a token
    that must carry what nobody holding it may read, such as a person's id in a fan-out cursor."""
    nonce = os.urandom(NONCE_BYTES)
    return b64(nonce + _aead(purpose).encrypt(nonce, payload.encode(), purpose.encode()))


def unseal(token: str, purpose: str) -> str:
    from cryptography.exceptions import InvalidTag

    try:
        raw = unb64(token)
        return _aead(purpose).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], purpose.encode()).decode()
    except (InvalidTag, ValueError, TypeError) as exc:
        raise Unsealable("not a token this service sealed for this purpose") from exc
