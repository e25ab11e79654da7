"""Consent to record a support (UK GDPR Article 9: a support says something about a person's
politics). Asked once per support, with the purpose written out; the version asked is stored
with the support, so we can always show what a person agreed to."""

from __future__ import annotations

from chalicelib.domain.errors import InvalidInput
from chalicelib.messages import text

# A new wording gets a new version; supports keep the version they were given under.
# support-2026-11: the purpose alone, for campaigns. support-2026-12: the one sentence ticked beside the
# button, with the purpose written out one tap away, now also for amendments to policy documents.
SUPPORT_CONSENT_VERSION = "support-2026-12"
# The wording itself is the catalogue's (messages/notices.py, `consent.support.summary` and
# `consent.support.purpose`): a new wording in English needs a new version here, and translations
# say the same as the English.
SUPPORT_CONSENT_SUMMARY = "consent.support.summary"
SUPPORT_CONSENT_PURPOSE = "consent.support.purpose"


def support_consent() -> dict[str, str]:
    """The wording asked now, and its version (what `GET /consent/support` shows): the sentence a
    person ticks, and the purpose written out in full."""
    return {"version": SUPPORT_CONSENT_VERSION, "summary": text(SUPPORT_CONSENT_SUMMARY),
            "purpose": text(SUPPORT_CONSENT_PURPOSE)}


# Every version's wording the catalogue still holds, so an export can show what each person agreed to:
# support-2026-11's purpose spoke of campaigns alone, and its words are no longer held.
_PURPOSE_SINCE = (SUPPORT_CONSENT_VERSION,)


def wording_agreed(version: str | None) -> dict[str, str | None]:
    """What a person agreed to under `version`: the sentence they ticked (None before there was one)
    and the purpose; both None for a version whose words are no longer held."""
    return {"summary": text(SUPPORT_CONSENT_SUMMARY) if version == SUPPORT_CONSENT_VERSION else None,
            "purpose": text(SUPPORT_CONSENT_PURPOSE) if version in _PURPOSE_SINCE else None}


def require_support_consent(given: str | None) -> str:
    """The consent version to store; 400 `consent_required` (with the wording) unless it is the current one."""
    if given != SUPPORT_CONSENT_VERSION:
        raise InvalidInput(code="consent_required", details=support_consent())
    return given
