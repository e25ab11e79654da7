"""Consultations: the party asks a question in a policy area, and people answer it with campaigns.
Pure rules: which dates make a consultation, what state it is in, whether it takes an answer now.
No AWS: storage keeps the same rules with conditional writes (`store.consultations`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from chalicelib.domain.errors import Conflict, InvalidInput, NotFound, field_words

# Long enough for a summer's canvassing, short enough that a question is still the party's question.
LONGEST_OPEN = timedelta(days=366)
# A consultation may be announced ahead of time, but not years ahead.
FURTHEST_OPENING = timedelta(days=366)


@dataclass(frozen=True)
class Consultation:
    """Times are stored times (`times.iso`); its state is derived from them (`state`)."""

    id: str
    area: str
    question: str
    brief: str
    opens_at: str
    closes_at: str
    created_by: str
    closed_at: str | None = None
    summary: str | None = None
    version: int = 0
    language: str | None = None  # its question and brief's: "en", "cy"; None: from before languages, English


class State(StrEnum):
    UPCOMING = "upcoming"  # announced, not yet taking answers
    OPEN = "open"  # taking answers
    CLOSED = "closed"  # its closing date has passed, or the policy team closed it with a summary


def require_valid_dates(opens_at: datetime, closes_at: datetime, now: datetime) -> None:
    """A new consultation's dates, each problem named by its field (400 `invalid_dates`)."""
    problems: dict[str, str] = {}
    if closes_at <= opens_at:
        problems["closes_at"] = field_words("after_opens_at")
    elif closes_at - opens_at > LONGEST_OPEN:
        problems["closes_at"] = field_words("days_after_opens_at", days=LONGEST_OPEN.days)
    if closes_at <= now:
        problems.setdefault("closes_at", field_words("in_the_future"))
    if opens_at - now > FURTHEST_OPENING:
        problems["opens_at"] = field_words("days_from_now", days=FURTHEST_OPENING.days)
    if problems:
        raise InvalidInput(code="invalid_dates", details={"fields": problems})


def state(opens_at: datetime, closes_at: datetime, closed_at: datetime | None, now: datetime) -> State:
    """Derived from the dates and the close, never stored: a closing date passing needs no write."""
    if closed_at is not None or now >= closes_at:
        return State.CLOSED
    if now < opens_at:
        return State.UPCOMING
    return State.OPEN


def require_takes_answers(opens_at: datetime, closes_at: datetime, closed_at: datetime | None, now: datetime,
                          *, consultation_area: str, campaign_area: str) -> None:
    """A campaign may name a consultation only while it is open, and only in its area."""
    current = state(opens_at, closes_at, closed_at, now)
    if current is not State.OPEN:
        raise InvalidInput(code="consultation_not_open", status=current.value,
                           details={"fields": {"consultation_id": field_words(
                               "consultation_upcoming" if current is State.UPCOMING else "consultation_closed")}})
    if consultation_area != campaign_area:
        raise InvalidInput(code="consultation_other_area",
                           details={"fields": {"area": field_words("consultation_area", area=consultation_area)}})


def require_closable(closed_at: datetime | None) -> None:
    """A summary is published once: closing again is a 409."""
    if closed_at is not None:
        raise already_closed()


def already_closed() -> Conflict:
    return Conflict(code="consultation_closed")


def not_found() -> NotFound:
    return NotFound(code="consultation_not_found")


def closed_before_answered() -> InvalidInput:
    """It closed between the check and the answering campaign's write."""
    return InvalidInput(code="consultation_not_open", wording="closed_meanwhile",
                        details={"fields": {"consultation_id": field_words("consultation_closed")}})


def stored_dates(consultation: Consultation) -> tuple[datetime, datetime, datetime | None]:
    """(opens_at, closes_at, closed_at) of a stored consultation, whose times are ISO 8601 text."""
    closed = consultation.closed_at
    return (datetime.fromisoformat(consultation.opens_at), datetime.fromisoformat(consultation.closes_at),
            datetime.fromisoformat(closed) if closed else None)
