"""Email to one person goes through SES (SNS is for topics). Every email has a one-click
unsubscribe link that works without signing in: a signed token names the person and the kind."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

from chalicelib.domain.errors import InvalidInput
from chalicelib.notify.clients import client
from chalicelib.settings import get_settings


def _signature(payload: str) -> str:
    key = f"unsubscribe:{get_settings().cursor_secret}".encode()
    return base64.urlsafe_b64encode(hmac.new(key, payload.encode(), hashlib.sha256).digest()[:18]).decode().rstrip("=")


def unsubscribe_token(person_id: str, kind: str) -> str:
    payload = base64.urlsafe_b64encode(json.dumps([person_id, kind]).encode()).decode().rstrip("=")
    return f"{payload}.{_signature(payload)}"


def read_unsubscribe_token(token: str) -> tuple[str, str]:
    bad = InvalidInput("This unsubscribe link is not valid.", code="invalid_token_link")
    try:
        payload, signature = token.split(".")
        if not hmac.compare_digest(signature, _signature(payload)):
            raise bad
        person_id, kind = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (ValueError, TypeError) as exc:
        raise bad from exc
    return str(person_id), str(kind)


def send_update_email(person_id: str, address: str, kind: str, subject: str, text: str) -> None:
    link = f"{get_settings().public_base_url}/notifications/unsubscribe?token={unsubscribe_token(person_id, kind)}"
    client("ses").send_email(
        Source=get_settings().mail_from, Destination={"ToAddresses": [address]},
        Message={"Subject": {"Data": subject[:200]},
                 "Body": {"Text": {"Data": f"{text}\n\nStop these emails: {link}"}}},
    )
