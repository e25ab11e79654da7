"""What a client does to join, reset a password and sign in, and what a test reads back: the mail
the embedded SES sent (as /dev/mailbox shows it), tokens' claims, Cognito's own answers."""

from __future__ import annotations

import base64
import json
import re
import uuid
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from tests.conftest import REGION

CODE = re.compile(r"\b(\d{6})\b")


def address(name: str) -> str:
    return f"{name}-{uuid.uuid4().hex[:10]}@example.org"


def idp() -> Any:
    return boto3.client("cognito-idp", region_name=REGION)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def claims(token: str) -> dict:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def emails_to(to: str) -> list[dict[str, str]]:
    """Every email sent to this address, newest first (the mail /dev/mailbox reads)."""
    from chalicelib.notify.mailbox import read_emails

    return read_emails(to=to)


def code_mailed_to(to: str) -> str:
    newest = emails_to(to)[0]
    found = CODE.search(newest["text"])
    assert found, newest
    return found.group(1)


def refused_by_cognito(call, code: str, **kwargs) -> str:
    with pytest.raises(ClientError) as raised:
        call(**kwargs)
    assert raised.value.response["Error"]["Code"] == code, raised.value.response["Error"]
    return raised.value.response["Error"]["Message"]


def password_sign_in(client_id: str, email: str, password: str) -> dict:
    return idp().initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                               AuthParameters={"USERNAME": email, "PASSWORD": password})


def refresh_at_cognito(client_id: str, refresh_token: str) -> dict:
    return idp().initiate_auth(ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                               AuthParameters={"REFRESH_TOKEN": refresh_token})["AuthenticationResult"]


def join(api, email: str, password: str) -> None:
    """The join, as the /join page runs it: ask, read the code from the mail, give it back."""
    asked = api.post("/auth/join", json_body={"email": email})
    assert asked.status_code == 202, asked.body
    made = api.post("/auth/join/confirm", json_body={"email": email, "code": code_mailed_to(email),
                                                    "password": password})
    assert made.status_code == 201, made.body
