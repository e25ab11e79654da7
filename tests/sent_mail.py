"""What the embedded SES sent, read the same way whether the app sent a plain email (SendEmail: the
confirmation links) or a whole MIME message (SendRawEmail: updates and notices, whose headers carry
the one-click unsubscribe): one dict per message, its text with plain newlines."""

from __future__ import annotations

import email
from email.header import decode_header, make_header
from typing import Any

REGION = "eu-west-2"


def _sent() -> list[Any]:
    from moto.ses.models import ses_backends

    from devstack.embedded_aws import ACCOUNT_ID

    return ses_backends[ACCOUNT_ID][REGION].sent_messages


def _text(message: email.message.Message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            payload = part.get_payload(decode=True)
            return payload.decode(part.get_content_charset() or "utf-8") if isinstance(payload, bytes) else ""
    return ""


def _read(sent: Any) -> dict[str, Any]:
    if hasattr(sent, "raw_data"):
        parsed = email.message_from_string(sent.raw_data)
        return {"to": list(sent.destinations), "subject": str(make_header(decode_header(parsed["Subject"] or ""))),
                "text": _text(parsed).replace("\r\n", "\n"), "list_unsubscribe": parsed["List-Unsubscribe"],
                "list_unsubscribe_post": parsed["List-Unsubscribe-Post"]}
    return {"to": list(sent.destinations["ToAddresses"]), "subject": sent.subject, "text": sent.body,
            "list_unsubscribe": None, "list_unsubscribe_post": None}


def mail_count() -> int:
    return len(_sent())


def sent_mail(since: int = 0) -> list[dict[str, Any]]:
    """Every message sent since the `since`-th, oldest first."""
    return [_read(m) for m in _sent()[since:]]


def sent_to(address: str) -> list[dict[str, Any]]:
    return [m for m in sent_mail() if address in m["to"]]
