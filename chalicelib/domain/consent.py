"""Consent to record a support (UK GDPR Article 9: a support says something about a person's
politics). Asked once per support, with the purpose written out; the version asked is stored
with the support, so we can always show what a person agreed to."""

from __future__ import annotations

from chalicelib.domain.errors import InvalidInput
from chalicelib.messages import text

# A new wording gets a new version; supports keep the version they were given under.
# support-2026-12: the same promises, now also for amendments to policy documents.
SUPPORT_CONSENT_VERSION = "support-2026-12"
# The wording itself is the catalogue's (messages/notices.py, `consent.support.purpose`): a new
# wording in English needs a new version here, and translations say the same as the English.
SUPPORT_CONSENT_PURPOSE = "consent.support.purpose"


def support_consent() -> dict[str, str]:
    """The wording asked now, and its version (what `GET /consent/support` shows)."""
    return {"version": SUPPORT_CONSENT_VERSION, "purpose": text(SUPPORT_CONSENT_PURPOSE)}


def require_support_consent(given: str | None) -> str:
    """The consent version to store; 400 `consent_required` (with the wording) unless it is the current one."""
    if given != SUPPORT_CONSENT_VERSION:
        raise InvalidInput(code="consent_required", details=support_consent())
    return given
