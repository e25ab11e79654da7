"""What people are told, and where: feed counts, email addresses, the updates' and alerts' texts.
Which kinds of event reach whom, over which channels, is `domain/events`."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

# The feed's unread count reads at most UNREAD_COUNTED items (one Query page, Select COUNT): the
# header's badge shows up to UNREAD_SHOWN, and "99+" beyond. Exact past that costs reads nobody needs.
UNREAD_SHOWN = 99
UNREAD_COUNTED = UNREAD_SHOWN + 1


def unread_shown(counted: int) -> tuple[int, bool]:
    """(the number to show, whether there are more than that) from what one bounded count found."""
    return min(counted, UNREAD_SHOWN), counted > UNREAD_SHOWN


# Double opt-in: an address other than the verified sign-in email gets a signed link first, and
# nothing else is sent to it until the link is followed. Otherwise anyone could have updates
# ("the campaign you support...") and ministers' alerts mailed to a stranger.
EMAIL_CONFIRMATION_HOURS = 48


# What mail can be sent to: a plain ASCII address (RFC 5321's dot-atom local part, a domain of
# letters, digits and hyphens with an alphabetic top level). SES refuses anything else, and an
# address a mail server cannot take is no address: it is a 400, never a failed send (a 500).
_LOCAL_PART = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
_DOMAIN = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
_ADDRESS = re.compile(rf"{_LOCAL_PART}@{_DOMAIN}")


def is_mailable_address(address: str) -> bool:
    local = address.rpartition("@")[0]
    return len(address) <= 254 and len(local) <= 64 and _ADDRESS.fullmatch(address) is not None


def address_hash(address: str) -> str:
    """What a confirmation link names instead of the address (links end up in logs)."""
    return hashlib.sha256(address.strip().lower().encode()).hexdigest()[:24]


def needs_confirmation(address: str, sign_in_email: str | None) -> bool:
    """Whether an address must be confirmed before anything is sent to it: any but the sign-in
    email, which Cognito verified (the token's `email` claim)."""
    return not sign_in_email or address.strip().lower() != sign_in_email.strip().lower()


@dataclass(frozen=True)
class SupporterUpdate:
    """One update as it reaches every supporter and follower: the same item in each feed."""

    campaign_id: str
    event_key: str
    kind: str
    title: str
    text: str
    url: str
    created_at: str


# The policy team's note, in the update's own words, as far as a feed line and a push can carry it.
NOTE_IN_UPDATE = 280
MANIFESTO_TITLES = {"shortlisted": "Shortlisted for the manifesto", "in_draft": "In the draft manifesto",
                    "adopted": "Adopted in the manifesto", "not_taken_forward": "Not taken forward for the manifesto"}


VERDICT_TITLES = {"accepted": "Accepted", "accepted_in_part": "Accepted in part", "composited": "Composited",
                  "rejected": "Rejected"}


def update_text(kind: str, campaign_title: str, stance: str | None = None,
                headline: str | None = None, summary: str | None = None, stage: str | None = None,
                note: str | None = None) -> tuple[str, str]:
    """(title, text) of a supporter's update."""
    if kind == "consultation_closed":  # headline: the consultation's question
        return (f"Consultation closed: {headline or campaign_title}",
                f"\"{campaign_title}\" answered this consultation. The policy team's summary: {summary or ''}")
    if kind == "manifesto":
        said = note or ""
        said = said if len(said) <= NOTE_IN_UPDATE else said[:NOTE_IN_UPDATE - 3].rstrip() + "..."
        return (f"{MANIFESTO_TITLES.get(stage or '', 'The manifesto')}: {campaign_title}",
                f"The policy team: \"{said}\" Follow it on the campaign's page.")
    if kind == "amendment_decided":  # campaign_title: the amendment's place; stage: the verdict
        said = note or ""
        said = said if len(said) <= NOTE_IN_UPDATE else said[:NOTE_IN_UPDATE - 3].rstrip() + "..."
        return (f"{VERDICT_TITLES.get(stage or '', 'Decided')}: an amendment to {campaign_title}",
                f"The policy team decided the amendment you proposed or support. Its reason: \"{said}\"")
    if kind == "clause_shaped":  # headline: "clause 2.3 of <document>"
        return (f"Your idea shaped the manifesto: {campaign_title}",
                f"The policy team linked \"{campaign_title}\" to {headline or 'a clause'}. See its trail.")
    if kind == "document_adopted":
        return (f"Adopted: {headline or 'a policy document'}",
                f"\"{headline or 'The document'}\", with words that \"{campaign_title}\" shaped, was adopted "
                "for the manifesto.")
    if kind == "response":
        return (f"The government has responded: {campaign_title}",
                f"A minister has answered the campaign you support ({stance or 'responded'}). Read the response.")
    if kind == "owner_update":
        return (f"Update: {campaign_title}", f"{headline or 'News from the campaign'}. Read it on the campaign's page.")
    return (f"Closed: {campaign_title}", "The campaign you support has closed. Its final count is on its page.")


def alert_text(kind: str, campaign_title: str, value: int | None, url: str) -> tuple[str, str]:
    """(subject, text) of a minister's email alert: short, readable, with the link."""
    subjects = {
        "campaign_opened": f"New campaign in your area: {campaign_title}",
        "milestone": f"{value:,} supporters: {campaign_title}" if value else f"Milestone: {campaign_title}",
        "response_threshold": f"Awaiting your response: {campaign_title}",
        "response_overdue": f"Response overdue: {campaign_title}",
        "reply_on_answered": f"New reply on a campaign you answered: {campaign_title}",
    }
    bodies = {
        "response_threshold": f"{campaign_title} has passed the response threshold. Answer it here: {url}#respond",
        "response_overdue": f"{campaign_title} has waited past the response deadline. Answer it here: {url}#respond",
    }
    subject = subjects.get(kind, campaign_title)
    return subject[:97] + "..." if len(subject) > 100 else subject, bodies.get(kind, f"{subject}\n\n{url}")
