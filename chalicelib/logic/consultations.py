"""Consultations' use cases: the policy team opens and closes them, anyone reads them and their
ideas. Closing tells every idea's people through the outbox and the existing fan-out. The rules
are in `domain.consultations` and `domain.permissions`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from chalicelib.domain.campaigns import Campaign
from chalicelib.domain.consultations import (
    Consultation,
    already_closed,
    not_found,
    require_closable,
    require_valid_dates,
    stored_dates,
)
from chalicelib.domain.errors import ConditionFailed, Forbidden
from chalicelib.domain.identity import Caller
from chalicelib.domain.people import Names, name_of
from chalicelib.domain.permissions import can_steer_ideas_in
from chalicelib.logic.people import profile
from chalicelib.logic.ports import stores
from chalicelib.logic.refusals import explained
from chalicelib.observability import logger


@dataclass(frozen=True)
class ConsultationShown:
    """A consultation with its public ideas and the names of who asked it."""

    consultation: Consultation
    ideas: list[Campaign]  # public campaigns answering it, most supported first
    names: Names  # who asked it


@dataclass(frozen=True)
class Consultations:
    """Consultations with the names of who asked each, and the cursor to the next page."""

    consultations: list[Consultation]
    names: Names
    next_cursor: str | None = None


def askers(consultations: list[Consultation]) -> Names:
    """The names shown beside consultations: the policy team members who opened them."""
    people = stores().people.get_people({c.created_by for c in consultations})
    return Names(people={i: name_of(p) for i, p in people.items()})


def get(consultation_id: str) -> Consultation:
    consultation = stores().consultations.get_consultation(consultation_id)
    if consultation is None:
        raise not_found()
    return consultation


def _require_steers(caller: Caller, area: str) -> None:
    person = profile(caller)
    if not can_steer_ideas_in(caller, list(person.policy_areas), area):
        raise Forbidden(code="not_policy_of_area",
                        details={"area": area})


def open_consultation(caller: Caller, *, area: str, question: str, brief: str, opens_at: datetime,
                      closes_at: datetime, now: datetime, language: str | None = None) -> Consultations:
    """`language` is what the question and brief are written in (search analyses them so)."""
    _require_steers(caller, area)
    require_valid_dates(opens_at, closes_at, now)
    opened = stores().consultations.open_consultation(area=area, question=question, brief=brief, opens_at=opens_at,
                                                      closes_at=closes_at, created_by=caller.id, now=now,
                                                      language=language)
    return Consultations([opened], askers([opened]))


def shown(consultation_id: str) -> ConsultationShown:
    consultation = get(consultation_id)
    ideas = stores().consultations.public_ideas(consultation.id)
    return ConsultationShown(consultation, ideas, askers([consultation]))


def shown_alone(consultation_id: str) -> Consultations:
    """The consultation without its ideas (the start page names the one being answered)."""
    consultation = get(consultation_id)
    return Consultations([consultation], askers([consultation]))


def listed(*, area: str | None, state: str, now: datetime, limit: int, cursor: str | None) -> Consultations:
    with explained():
        found, next_cursor = stores().consultations.listed(area=area, state=state, now=now, limit=limit,
                                                           cursor=cursor)
    return Consultations(found, askers(found), next_cursor)


def close(caller: Caller, consultation_id: str, summary: str, now: datetime) -> ConsultationShown:
    """The summary is published once (a second close is 409). The same transaction writes one
    outbox event for the consultation, which `announce` turns into one event per public idea."""
    consultation = get(consultation_id)
    _require_steers(caller, consultation.area)
    closed = closed_as_read(consultation, summary=summary, actor_id=caller.id, now=now)
    ideas = stores().consultations.public_ideas(closed.id)
    logger.info("consultation closed", extra={"consultation_id": closed.id, "ideas": len(ideas)})
    return ConsultationShown(closed, ideas, askers([closed]))


def closed_as_read(consultation: Consultation, *, summary: str, actor_id: str, now: datetime) -> Consultation:
    """Close `consultation` as it was read: once, whoever read it open (409 if someone closed it first)."""
    require_closable(stored_dates(consultation)[2])
    try:
        return stores().consultations.close(consultation, summary=summary, actor_id=actor_id, now=now)
    except ConditionFailed as refused:  # someone closed it since it was read
        if "consultation" in refused.failed:
            raise already_closed() from refused
        raise


def announce(consultation_id: str) -> int:
    """From the outbox's stream: one event per public idea, which the fan-out takes to its owner,
    supporters and followers. A transaction holds at most 100 items and a consultation may have
    thousands of ideas, so they are separate puts; each is conditional, so a batch that failed
    halfway is retried without telling anyone twice. Returns how many events were new."""
    s = stores()
    closed = get(consultation_id)
    told = s.consultations.announce_close(closed, s.consultations.public_ideas(closed.id))
    logger.info("consultation announced", extra={"consultation_id": consultation_id, "events": told})
    return told


def question_of(consultation_id: str) -> tuple[str, str] | None:
    """(question, area) of the consultation a campaign answers, for its page's link: kept a minute."""
    return stores().consultations.question_of(consultation_id)
