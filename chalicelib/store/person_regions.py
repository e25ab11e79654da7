"""Where a person's support counts, and from when: the region facts of their profile, as a support
reads them (kept by the container in `read_cache.profile_regions`, never trusted alone: a support
made from the copy is marked so, and the supports' stream checks it against the profile before
counting it, store/stream_backstop.py; a reply's transaction checks it, `check_region_within`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from pynamodb.exceptions import DoesNotExist

from chalicelib.domain.people import Person
from chalicelib.domain.regional_figures import RegionalStanding, counts_from
from chalicelib.store.base import Transaction
from chalicelib.store.read_cache import profile_regions
from chalicelib.store.tables.people import PersonRecord


@dataclass(frozen=True)
class RegionFacts:
    """What decides where a person's support counts, and from when: their profile's region, when
    it last changed, and when the profile was made (None: no profile yet)."""

    region: str | None = None
    region_since: datetime | None = None
    joined_at: datetime | None = None

    def standing(self, today: date) -> RegionalStanding:
        return RegionalStanding(self.region, counts_from(self.joined_at, self.region_since, today))


def facts_of(person: PersonRecord | Person) -> RegionFacts:
    return RegionFacts(person.region, person.region_since, person.created_at)


def region_of(person_id: str) -> RegionFacts:
    """A person's region facts, read when they support (no profile: none given, not yet joined)."""
    try:
        return facts_of(PersonRecord.get(person_id, attributes_to_get=["id", "region", "region_since", "created_at"]))
    except DoesNotExist:
        return RegionFacts()


def region_known(person_id: str) -> bool:
    return person_id in profile_regions


def remember_region(person: PersonRecord | Person) -> None:
    profile_regions.put(person.id, facts_of(person))


def keep_region(person_id: str, person: PersonRecord | None) -> None:
    """The facts just read (None: no profile yet), kept as this container's copy."""
    profile_regions.put(person_id, facts_of(person) if person is not None else RegionFacts())


def known_region(person_id: str) -> RegionFacts:
    """The person's region facts as this container last saw them (read once, then kept: never
    trusted alone, see `read_cache.profile_regions`)."""
    facts: RegionFacts = profile_regions.get_or_read(person_id, lambda: region_of(person_id))
    return facts


def forget_region(person_id: str) -> None:
    profile_regions.forget(person_id)


def _same(attribute, value):
    return attribute == value if value is not None else attribute.does_not_exist()


def check_region_within(tx: Transaction, person_id: str, facts: RegionFacts, label: str = "region") -> None:
    """The profile still gives `facts` (no profile: still none) when `tx` commits."""
    still = (_same(PersonRecord.region, facts.region) & _same(PersonRecord.region_since, facts.region_since)
             & _same(PersonRecord.created_at, facts.joined_at))
    tx.condition_check(PersonRecord, person_id, still, label)
