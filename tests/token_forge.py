"""Tokens signed with the embedded Cognito's own key: moto signs every pool's tokens with one key
(kid "dummy"), so a test can make a token whose signature is right and whose claims it chooses,
e.g. the token a person held an hour ago, now expired."""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

import jwt
import moto

MOTO_KEY = json.loads(gzip.decompress(
    (Path(moto.__file__).parent / "cognitoidp" / "resources" / "jwks-private.json.gz").read_bytes()
))


def sign(claims: dict, key=None, kid: str = "dummy", alg: str = "RS256") -> str:
    signing_key = key or jwt.PyJWK.from_dict(MOTO_KEY, algorithm="RS256").key
    return jwt.encode(claims, signing_key, algorithm=alg, headers={"kid": kid})


def expired_copy(id_token: str, seconds_ago: int = 3600) -> str:
    """The same person's ID token, issued an hour earlier: expired `seconds_ago` seconds ago."""
    claims = jwt.decode(id_token, options={"verify_signature": False})
    now = int(time.time())
    lifetime = claims["exp"] - claims["iat"]
    return sign(dict(claims, iat=now - seconds_ago - lifetime, auth_time=now - seconds_ago - lifetime,
                     exp=now - seconds_ago))
