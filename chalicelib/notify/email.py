"""Email to one person goes through SES (SNS is for topics). Every email has a one-click
unsubscribe link that works without signing in (a signed token names the person and the kind),
in its text and in its `List-Unsubscribe` headers.
An address that is not the sign-in email is first sent a confirmation link, signed for that
purpose alone, naming the person and a hash of the address, with an expiry."""

from __future__ import annotations

import email.policy
import hmac
import json
import time
from email.message import EmailMessage

from chalicelib import messages
from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.notifications import address_hash
from chalicelib.messages import text as words
from chalicelib.notify.clients import client
from chalicelib.settings import get_settings
from chalicelib.store.signing import b64, signature, unb64


def unsubscribe_token(person_id: str, kind: str) -> str:
    payload = b64(json.dumps([person_id, kind]).encode())
    return f"{payload}.{signature(payload, 'unsubscribe')}"


def read_unsubscribe_token(token: str) -> tuple[str, str]:
    bad = InvalidInput(code="invalid_token_link", wording="unsubscribe")
    try:
        payload, signed = token.split(".")
        if not hmac.compare_digest(signed, signature(payload, "unsubscribe")):
            raise bad
        person_id, kind = json.loads(unb64(payload))
    except (ValueError, TypeError) as exc:
        raise bad from exc
    return str(person_id), str(kind)


# Lines as mail servers take them (CRLF), long enough that the unsubscribe link stays one plain header:
# folded at the default 78, it would be cut into encoded words that mail clients do not read as a link.
_MAIL_POLICY = email.policy.SMTP.clone(max_line_length=998)


def unsubscribe_link(person_id: str, kind: str) -> str:
    return f"{get_settings().public_base_url}/notifications/unsubscribe?token={unsubscribe_token(person_id, kind)}"


def update_email(person_id: str, address: str, kind: str, subject: str, text: str,
                 language: str = messages.DEFAULT) -> EmailMessage:
    """An update or notice as mail clients want it: the one-click unsubscribe both in the text and in
    the `List-Unsubscribe` headers (RFC 2369, and RFC 8058's one-click POST, which Gmail and Yahoo ask of
    bulk senders), so a mail client offers its own "unsubscribe" button too. `subject` and `text` are
    already in the recipient's `language`; the lines the email adds are put in it here."""
    base, link = get_settings().public_base_url, unsubscribe_link(person_id, kind)
    message = EmailMessage(policy=_MAIL_POLICY)
    message["Subject"] = subject[:200]
    message["From"] = get_settings().mail_from
    message["To"] = address
    message["List-Unsubscribe"] = f"<{link}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    with messages.speaking(language):
        message.set_content(f"{text}\n\n{words('email.stop', link=link)}\n"
                            f"{words('email.choose', link=f'{base}/my/notifications')}\n")
    message["Content-Language"] = messages.LANGUAGES[language]  # after set_content, which sets the Content-*
    return message


def send_update_email(person_id: str, address: str, kind: str, subject: str, text: str,
                      language: str = messages.DEFAULT) -> None:
    message = update_email(person_id, address, kind, subject, text, language)
    client("ses").send_raw_email(Source=get_settings().mail_from, Destinations=[address],
                                 RawMessage={"Data": message.as_bytes()})


def confirmation_token(person_id: str, address: str, valid_seconds: int, now: float | None = None) -> str:
    """The link's token: the address itself stays out of it (links end up in logs), only its hash."""
    expires = int((now or time.time()) + valid_seconds)
    payload = b64(json.dumps([person_id, address_hash(address), expires]).encode())
    return f"{payload}.{signature(payload, 'confirm-email')}"


def read_confirmation_token(token: str, now: float | None = None) -> tuple[str, str]:
    """(person id, address hash) of a valid, unexpired token; 400 `invalid_token_link` otherwise."""
    bad = InvalidInput(code="invalid_token_link", wording="confirmation")
    try:
        payload, signed = token.split(".")
        if not hmac.compare_digest(signed, signature(payload, "confirm-email")):
            raise bad
        person_id, address_hash, expires = json.loads(unb64(payload))
        if int(expires) < (now or time.time()):
            raise bad
    except (ValueError, TypeError) as exc:
        raise bad from exc
    return str(person_id), str(address_hash)


def send_confirmation_email(address: str, token: str) -> None:
    """No unsubscribe link: this is the one email sent to an unconfirmed address, and says how to ignore it."""
    link = f"{get_settings().public_base_url}/notifications/confirm-email?token={token}"
    client("ses").send_email(
        Source=get_settings().mail_from, Destination={"ToAddresses": [address]},
        Message={"Subject": {"Data": words("email.confirm.subject")},
                 "Body": {"Text": {"Data": words("email.confirm.text", link=link)}}},
    )
