"""Email to one person goes through SES (SNS is for topics). Every email has a one-click
unsubscribe link that works without signing in: a signed token names the person and the kind."""

from __future__ import annotations

import hmac
import json

from chalicelib.domain.errors import InvalidInput
from chalicelib.notify.clients import client
from chalicelib.settings import get_settings
from chalicelib.store.signing import b64, signature, unb64


def unsubscribe_token(person_id: str, kind: str) -> str:
    payload = b64(json.dumps([person_id, kind]).encode())
    return f"{payload}.{signature(payload, 'unsubscribe')}"


def read_unsubscribe_token(token: str) -> tuple[str, str]:
    bad = InvalidInput("This unsubscribe link is not valid.", code="invalid_token_link")
    try:
        payload, signed = token.split(".")
        if not hmac.compare_digest(signed, signature(payload, "unsubscribe")):
            raise bad
        person_id, kind = json.loads(unb64(payload))
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
