"""Where a person's email goes: the address on their notification settings (their verified sign-in
email, kept when their profile was made, or another they confirmed). An account made before that
rule has none on record: its verified sign-in email is read from Cognito once, when something is
first told to it alone (a notice, a portfolio's alerts), and kept, so it costs one call per person
ever. A fan-out to thousands never asks Cognito: it reaches the addresses on record."""

from __future__ import annotations

from typing import Protocol

from chalicelib.domain.notifications import Settings
from chalicelib.notify.clients import client
from chalicelib.settings import get_settings
from chalicelib.store import notifications


class SettingsStore(Protocol):
    """Where the settings are kept: the store's module, or the logic's port (`logic.ports`)."""

    def settings_of(self, person_id: str) -> Settings: ...
    def keep_sign_in_email(self, person_id: str, email: str) -> bool: ...


def verified_sign_in_email(person_id: str) -> str | None:
    """The account's email, if Cognito verified it; None for an account gone or unverified."""
    found = client("cognito-idp").list_users(UserPoolId=get_settings().user_pool_id, Filter=f'sub = "{person_id}"',
                                             Limit=1).get("Users", [])
    attributes = {a["Name"]: a["Value"] for user in found for a in user.get("Attributes", [])}
    verified = attributes.get("email_verified", "").lower() == "true"
    return attributes.get("email") if verified and attributes.get("email") else None


def settings_with_address(person_id: str, store: SettingsStore = notifications) -> Settings:
    """The person's notification settings, with their sign-in email on record if none was."""
    settings = store.settings_of(person_id)
    if settings.email:
        return settings
    email = verified_sign_in_email(person_id)
    if email and store.keep_sign_in_email(person_id, email):
        return store.settings_of(person_id)
    return settings
