"""Consent to record a support (UK GDPR Article 9: a support says something about a person's
politics). Asked once per support, with the purpose written out; the version asked is stored
with the support, so we can always show what a person agreed to."""

from __future__ import annotations

from chalicelib.domain.errors import InvalidInput

# A new wording gets a new version; supports keep the version they were given under.
# support-2026-12: the same promises, now also for amendments to policy documents.
SUPPORT_CONSENT_VERSION = "support-2026-12"
SUPPORT_CONSENT_PURPOSE = (
    "Supporting a campaign, or an amendment to a policy document, says something about your political "
    "opinions, which the law treats as special category data. With your explicit consent, Labourspace "
    "records that you support this campaign (or amendment), when, and the version of this wording you "
    "agreed to. We use it to "
    "count supporters (the count is public; your name never is) and, if you choose, to send you its "
    "updates. Nobody but you sees what you support: not the campaign's owner or the amendment's "
    "proposer, not ministers, not the party. You can withdraw at any time by withdrawing your support, "
    "which deletes the record; erasing your account deletes them all. Twelve months after a campaign "
    "closes, or an amendment is decided, its supports are anonymised: the count stays, the link to you goes."
)


def support_consent() -> dict[str, str]:
    """The wording asked now, and its version (what `GET /consent/support` shows)."""
    return {"version": SUPPORT_CONSENT_VERSION, "purpose": SUPPORT_CONSENT_PURPOSE}


def require_support_consent(given: str | None) -> str:
    """The consent version to store; 400 `consent_required` (with the wording) unless it is the current one."""
    if given != SUPPORT_CONSENT_VERSION:
        raise InvalidInput(
            "Supporting needs your explicit consent to the current wording; show it and send its version.",
            code="consent_required", details=support_consent())
    return given
