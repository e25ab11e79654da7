"""Rules for a person's data: how an erasure is named, what stands in for an erased person, and
how long things are kept. No AWS here."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from chalicelib.domain.errors import Conflict, InvalidToken

# Keep a finished erasure's hash this long: an ID token lives an hour, so two days outlasts any
# token issued before the erasure, and none of them can make the profile again meanwhile.
ERASED_MARKER_DAYS = 2


# Supports of a closed campaign are anonymised this long after it closed (the petitions site's practice).
SUPPORT_RETENTION_DAYS = 365


FORMER_MEMBER_PREFIX = "former-member#"


ANONYMOUS_SUPPORTER_PREFIX = "anonymous#"


# What the erasure job does, in order; each step is idempotent, and done steps are checkpointed.
ERASURE_STEPS = ("supports", "follows", "replies", "amendments", "responses", "reports", "updates", "campaigns",
                 "audit", "memberships", "subscriptions", "notifications", "profile", "account", "recount")


@dataclass(frozen=True)
class Support:
    """One person's support of a campaign, with the consent they gave (their data export)."""

    campaign_id: str
    supported_at: str | None
    consent_version: str | None
    consented_at: str | None
    region: str | None = None  # the region it counts in (none given: only in the total)
    region_counts_from: str | None = None  # the first day it counts in its region's figures (ISO date)


def account_erasing() -> Conflict:
    return Conflict(code="account_erasing")


def account_erased() -> InvalidToken:
    """A token issued before its account was erased still verifies for up to an hour: it does nothing."""
    return InvalidToken(code="account_erased")


def erasure_id_for(person_id: str) -> str:
    """A one-way name for an account's erasure: the job can be found by the account it erases,
    but the finished job does not say whose it was."""
    return hashlib.sha256(f"erasure:{person_id}".encode()).hexdigest()


def former_member_id() -> str:
    """Stands in for an erased author or owner: a fresh one each time, so an erased person's
    replies cannot even be grouped together. Pages show it as "a former member"."""
    return f"{FORMER_MEMBER_PREFIX}{secrets.token_hex(8)}"


def anonymous_supporter_id() -> str:
    return f"{ANONYMOUS_SUPPORTER_PREFIX}{secrets.token_hex(8)}"


def support_retention_cutoff(now: datetime) -> datetime:
    """Campaigns closed before this moment have their supports anonymised."""
    return now - timedelta(days=SUPPORT_RETENTION_DAYS)
