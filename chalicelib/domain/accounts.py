"""Joining and resetting a password, which the API runs (README, "Joining and resetting, for any
address alike"): the codes it mails, and the password rules the user pool holds. No AWS here."""

from __future__ import annotations

import secrets
from enum import Enum


class Taken(Enum):
    """What spending a mailed code found."""

    RIGHT = "right"
    WRONG = "wrong"      # not this code, or no code at all: the same answer either way
    EXPIRED = "expired"


JOIN = "join"
RESET = "reset"
EMAIL = "email"  # a new sign-in email, confirmed by the code mailed to it
# How long a mailed code works, as Cognito's own codes did: a day to join or to confirm a new email,
# an hour to reset.
CODE_SECONDS = {JOIN: 24 * 3600, RESET: 3600, EMAIL: 24 * 3600}
# Wrong codes before the code is spent and a new one must be asked for: with at most a few codes
# an hour per address (domain.limits), guessing a 6-digit code is a few chances in a million.
CODE_ATTEMPTS = 5
CODE_DIGITS = 6

# The user pool's PasswordPolicy (infra/template.yaml; tests/unit/test_account_rules.py compares).
PASSWORD_MIN_LENGTH = 10


def new_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def moving_to(person_id: str, address: str) -> str:
    """What an EMAIL code is kept under: this person's move to this address, so a code works only
    for the one who asked, and only for the address it was mailed to."""
    return f"{person_id} {address}"


def normalised_address(address: str) -> str:
    """One address, however it is typed: the pool matches sign-in emails without regard to case."""
    return address.strip().lower()


def password_meets_the_rules(password: str) -> bool:
    """Whether the pool's policy takes the password (its refusal's words: `invalid_password`)."""
    return (len(password) >= PASSWORD_MIN_LENGTH and any(c.isupper() for c in password)
            and any(c.islower() for c in password) and any(c.isdigit() for c in password))
