"""What the fakes share: record types with the attribute names the logic reads, and one clock."""

from __future__ import annotations

from dataclasses import field, make_dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from chalicelib.domain.campaigns import Status


class ConditionFailed(Exception):
    """A PynamoDB condition the store does not translate: in production, a 500."""


def record_type(name: str, required: str, **optional: Any) -> Any:
    """A mutable record class with the attribute names the logic and the presenters read."""
    spec: list[Any] = [(n, Any) for n in required.split()]
    spec += [(n, Any, field(default_factory=list) if v == [] else field(default=v)) for n, v in optional.items()]
    return make_dataclass(name, spec)


Campaign = record_type("Campaign", "id slug title summary body area owner_id organisation_id created_at",
                   status=Status.DRAFT.value, hidden=None, support_count=0, version=1, submitted_at=None,
                   published_at=None, closes_at=None, closed_at=None, moderation_reason=None, official_response=None,
                   inbox_area=None, threshold_reached_at=None, milestones=[], consultation_id=None,
                   manifesto=None, language=None, translated_title=None, translated_summary=None)
Consultation = record_type("Consultation", "id area question brief opens_at closes_at created_by", closed_at=None,
                           summary=None)
OfficialResponse = record_type("OfficialResponse", "minister_id stance body created_at")
Reply = record_type("Reply", "reply_id campaign_id author_id parent_id depth body badges created_at", edited_at=None,
                history=[], deleted_at=None, hidden=False, version=1)
Badge = record_type("Badge", "kind", portfolio=None, organisation=None)
Event = record_type("Event", "campaign_id event_key kind area created_at", headline=None, body=None, author_id=None,
                stance=None, stage=None, note=None, parent_id=None, reply_id=None)
Response = record_type("Response", "campaign_id response_key minister_id area stance body created_at")
Person = record_type("Person", "id handle display_name roles", portfolio=[], policy_areas=[], created_at=None)
Organisation = record_type("Organisation", "id handle name")
Snapshot = record_type("Snapshot", "status hidden support_count", owner_id="", organisation_id=None, area="",
                       answered=False)


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")  # store.base.iso's format


class Clock:
    """Every stored time comes from here; each reading is a millisecond later, so order is creation order."""

    def __init__(self) -> None:
        self.moment = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)

    def now(self) -> datetime:
        self.moment += timedelta(milliseconds=1)
        return self.moment

    def iso(self) -> str:
        return stamp(self.now())

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)
