"""Consultations' use cases: the policy team opens and closes them, anyone reads them and their
ideas. Closing tells every idea's people through the outbox and the existing fan-out.

Reading ideas gathers from the campaigns' index, so this module calls the store directly and is
tested on the embedded AWS (tests/api/test_consultations.py); its rules are in
`domain.consultations` and `domain.permissions`, tested in the fast tier."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chalicelib.domain.consultations import require_closable, require_valid_dates, stored_dates
from chalicelib.domain.errors import Forbidden
from chalicelib.domain.identity import Caller
from chalicelib.domain.permissions import can_steer_ideas_in
from chalicelib.observability import logger
from chalicelib.store import consultations as store
from chalicelib.store import profiles


@dataclass(frozen=True)
class ConsultationShown:
    consultation: Any
    ideas: list[Any]  # public campaigns answering it, most supported first


def _require_steers(caller: Caller, area: str) -> None:
    person = profiles.ensure_person(caller)
    if not can_steer_ideas_in(caller, list(person.policy_areas or []), area):
        raise Forbidden("Only the policy team of this area, or an admin, may do this.", code="not_policy_of_area",
                        details={"area": area})


def open_consultation(caller: Caller, *, area: str, question: str, brief: str, opens_at: datetime,
                      closes_at: datetime, now: datetime) -> Any:
    _require_steers(caller, area)
    require_valid_dates(opens_at, closes_at, now)
    return store.open_consultation(area=area, question=question, brief=brief, opens_at=opens_at,
                                   closes_at=closes_at, created_by=caller.id, now=now)


def shown(consultation_id: str) -> ConsultationShown:
    consultation = store.get_consultation(consultation_id)
    return ConsultationShown(consultation, store.public_ideas(consultation.id))


def shown_alone(consultation_id: str) -> Any:
    """The consultation without its ideas (the start page names the one being answered)."""
    return store.get_consultation(consultation_id)


def listed(*, area: str | None, state: str, now: datetime, limit: int,
           cursor: str | None) -> tuple[list[Any], str | None]:
    return store.listed(area=area, state=state, now=now, limit=limit, cursor=cursor)


def close(caller: Caller, consultation_id: str, summary: str, now: datetime) -> ConsultationShown:
    """The summary is published once (a second close is 409). The same transaction writes one
    outbox event for the consultation, which `announce` turns into one event per public idea."""
    consultation = store.get_consultation(consultation_id)
    _require_steers(caller, consultation.area)
    require_closable(stored_dates(consultation)[2])
    closed = store.close(consultation, summary=summary, actor_id=caller.id, now=now)
    ideas = store.public_ideas(closed.id)
    logger.info("consultation closed", extra={"consultation_id": closed.id, "ideas": len(ideas)})
    return ConsultationShown(closed, ideas)


def announce(consultation_id: str) -> int:
    """From the outbox's stream: one event per public idea, which the fan-out takes to its owner,
    supporters and followers. A transaction holds at most 100 items and a consultation may have
    thousands of ideas, so they are separate puts; each is conditional, so a batch that failed
    halfway is retried without telling anyone twice. Returns how many events were new."""
    closed = store.get_consultation(consultation_id)
    told = store.announce_close(closed, store.public_ideas(closed.id))
    logger.info("consultation announced", extra={"consultation_id": consultation_id, "events": told})
    return told


def question_of(consultation_id: str) -> tuple[str, str] | None:
    """(question, area) of the consultation a campaign answers, for its page's link: kept a minute."""
    return store.question_of(consultation_id)

