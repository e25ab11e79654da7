"""The app's own mail about joining and passwords. Every address asked about gets one email,
whether or not it has an account: a code, or a notice saying what happened instead. So the page,
and the API, can answer the same for every address: "check your email"."""

from __future__ import annotations

from chalicelib.domain.accounts import CODE_SECONDS, JOIN, RESET
from chalicelib.notify.clients import client
from chalicelib.settings import get_settings

NOT_YOU = "If you did not ask for this, ignore this email: nothing changes without it."


def _send(address: str, subject: str, text: str) -> None:
    client("ses").send_email(Source=get_settings().mail_from, Destination={"ToAddresses": [address]},
                             Message={"Subject": {"Data": subject}, "Body": {"Text": {"Data": text}}})


def _hours(purpose: str) -> str:
    hours = CODE_SECONDS[purpose] // 3600
    return "an hour" if hours == 1 else f"{hours} hours"


def send_join_code(address: str, code: str) -> None:
    _send(address, "Your Labourspace code", (
        f"Your Labourspace code is {code}. Type it where you were asked for it, to finish joining. "
        f"It works for {_hours(JOIN)}.\n\n{NOT_YOU}"))


def send_already_joined(address: str) -> None:
    base = get_settings().public_base_url
    _send(address, "You already have a Labourspace account", (
        "Someone asked to join Labourspace with this address, but it already has an account. "
        f"If it was you, sign in: {base}/sign-in\nForgotten your password? Reset it: {base}/reset-password\n\n"
        f"{NOT_YOU}"))


def send_reset_code(address: str, code: str) -> None:
    _send(address, "Your Labourspace code", (
        f"Your Labourspace code is {code}. Type it where you were asked for it, with your new password. "
        f"It works for {_hours(RESET)}. Resetting your password signs you out everywhere.\n\n{NOT_YOU}"))


def send_no_account(address: str) -> None:
    base = get_settings().public_base_url
    _send(address, "Resetting a Labourspace password", (
        "Someone asked to reset the Labourspace password for this address, but it has no account. "
        f"If it was you, perhaps you joined with another address; or join now: {base}/join\n\n{NOT_YOU}"))
