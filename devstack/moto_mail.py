"""Local mail a developer can read: every email the embedded SES accepts (the app's own and the
embedded Cognito's codes) is also put on one SQS queue of the embedded AWS, as JSON
{to, from, subject, text, sent_at, list_unsubscribe, content_language}, one message per recipient.
`GET /dev/mailbox` drains it.

moto's SES keeps what it sent in a list nobody outside the process can read; the queue is
where the app (in `chalice local`, another process) can reach it. SES still decides what is
sent: an unverified sender is refused exactly as before, and nothing refused is mirrored.
"""

from __future__ import annotations

import email
import email.header
import json
from datetime import UTC, datetime
from email.utils import getaddresses, parseaddr
from typing import Any

from moto.ses.models import SESBackend, ses_backends
from moto.sqs.models import sqs_backends

from chalicelib.settings import LOCAL_MAIL_QUEUE_NAME

_installed = False


def mirror(account_id: str, region: str, sender: str, recipients: list[str], subject: str, text: str,
           list_unsubscribe: str | None = None, content_language: str | None = None) -> None:
    """Put one copy per recipient on the local mail queue (made on first use: a moto reset
    forgets it along with everything else), with its `List-Unsubscribe` and `Content-Language`
    headers if it has them."""
    sqs = sqs_backends[account_id][region]
    if LOCAL_MAIL_QUEUE_NAME not in sqs.queues:
        sqs.create_queue(LOCAL_MAIL_QUEUE_NAME)
    sent_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    for recipient in recipients:
        address = parseaddr(recipient)[1] or recipient
        sqs.send_message(LOCAL_MAIL_QUEUE_NAME, json.dumps(
            {"to": address, "from": sender, "subject": subject, "text": text, "sent_at": sent_at,
             "list_unsubscribe": list_unsubscribe, "content_language": content_language}))


def send(account_id: str, region: str, sender: str, to: str, subject: str, text: str) -> None:
    """Send one plain-text email through the embedded SES, as a service of the account would."""
    ses_backends[account_id][region].send_email(
        source=sender, subject=subject, body=text, destinations={"ToAddresses": [to]})


def _plain_text(message: email.message.Message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                return payload.decode(part.get_content_charset() or "utf-8", errors="replace")
    return ""


def install() -> None:
    global _installed
    if _installed:
        return
    send_email, send_raw_email = SESBackend.send_email, SESBackend.send_raw_email

    def mirrored_send_email(self: SESBackend, source: str, subject: str, body: str,
                            destinations: dict[str, list[str]]) -> Any:
        message = send_email(self, source=source, subject=subject, body=body, destinations=destinations)
        recipients = [a for kind in ("ToAddresses", "CcAddresses", "BccAddresses")
                      for a in destinations.get(kind, [])]
        mirror(self.account_id, self.region_name, source, recipients, subject, body)
        return message

    def mirrored_send_raw_email(self: SESBackend, source: str | None, destinations: list[str],
                                raw_data: str) -> Any:
        explicit = list(destinations)  # moto appends the headers' recipients to this list
        message = send_raw_email(self, source=source, destinations=destinations, raw_data=raw_data)
        parsed = email.message_from_string(raw_data)
        headers = [parsed[h] for h in ("To", "Cc", "Bcc") if parsed[h]]
        recipients = explicit or [address for _, address in getaddresses(headers) if address]
        unsubscribe, language = parsed["List-Unsubscribe"], parsed["Content-Language"]
        mirror(self.account_id, self.region_name, source or str(parsed["From"] or ""), recipients,
               str(email.header.make_header(email.header.decode_header(str(parsed["Subject"] or "")))),
               _plain_text(parsed), str(unsubscribe) if unsubscribe else None, str(language) if language else None)
        return message

    SESBackend.send_email = mirrored_send_email  # type: ignore[method-assign]
    SESBackend.send_raw_email = mirrored_send_raw_email  # type: ignore[method-assign]
    _installed = True
