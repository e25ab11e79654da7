"""The app's own mail about joining and passwords. Every address asked about gets one email,
whether or not it has an account: a code, or a note saying what happened instead. So the page,
and the API, can answer the same for every address: "check your email". The words are the
catalogue's (`chalicelib/messages/notices.py`, `email.*`); a code's life there is domain.accounts'."""

from __future__ import annotations

from chalicelib.messages import text as words
from chalicelib.notify.clients import client
from chalicelib.settings import get_settings


def _send(address: str, subject: str, text: str) -> None:
    client("ses").send_email(Source=get_settings().mail_from, Destination={"ToAddresses": [address]},
                             Message={"Subject": {"Data": subject}, "Body": {"Text": {"Data": text}}})


def send_join_code(address: str, code: str) -> None:
    _send(address, words("email.join_code.subject"), words("email.join_code.text", code=code))


def send_already_joined(address: str) -> None:
    base = get_settings().public_base_url
    _send(address, words("email.already_joined.subject"),
          words("email.already_joined.text", sign_in=f"{base}/sign-in", reset=f"{base}/reset-password"))


def send_reset_code(address: str, code: str) -> None:
    _send(address, words("email.reset_code.subject"), words("email.reset_code.text", code=code))


def send_email_code(address: str, code: str) -> None:
    """The code that makes this address someone's sign-in email (Cognito's own email for this was
    worded once, in English, in infra/template.yaml; this one is in the asker's language)."""
    _send(address, words("email.email_code.subject"), words("email.email_code.text", code=code))


def send_email_taken(address: str) -> None:
    """Instead of a code, to an address that signs in to another account: the asker is answered the
    same either way, so asking tells nobody whose address has an account."""
    _send(address, words("email.email_taken.subject"), words("email.email_taken.text"))


def send_no_account(address: str) -> None:
    _send(address, words("email.no_account.subject"),
          words("email.no_account.text", join=f"{get_settings().public_base_url}/join"))
