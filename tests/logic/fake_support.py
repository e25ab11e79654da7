"""Supports on counters that freeze when a campaign closes, and follows (whose counter never
freezes): `store.supports` and `store.follows`, with the guards a person's write carries
(store/guards.py: the erasure check and the rate limit, in the same write)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from chalicelib.domain.campaigns import Snapshot
from chalicelib.domain.limits import Limit
from chalicelib.domain.regional_figures import Tally
from chalicelib.domain.regions import REGION_NAMES, UNKNOWN
from tests.logic.fakes_base import ConditionFailed
from tests.logic.paging import page_of

if TYPE_CHECKING:
    from tests.logic.fake_dialogue import FakeRateLimits
    from tests.logic.fake_notifications import FakeErasures
    from tests.logic.fake_people import FakePeople
    from tests.logic.fakes import FakeCampaigns


class FakeSupports:
    def __init__(self, campaigns: FakeCampaigns, rate_limits: FakeRateLimits, people: FakePeople,
                 erasures: FakeErasures) -> None:
        self.campaigns, self.frozen, self.rate_limits = campaigns, campaigns.frozen, rate_limits
        self.people, self.erasures = people, erasures
        self.supporters: dict[str, dict[str, str]] = {}  # campaign -> person -> consent version
        self.regions: dict[str, dict[str, str | None]] = {}  # campaign -> person -> region counted in
        self.anonymous: dict[str, int] = {}  # campaign -> supports that are nobody's (anonymised)
        self.followers: dict[str, set[str]] = {}
        self.order: list[tuple[str, str, str]] = []  # (kind, person, campaign) as written: newest last
        self.given_at: dict[tuple[str, str], str] = {}  # (campaign, person) -> when they supported it

    def campaign_snapshot(self, campaign_id: str, person_id: str | None = None, limit: Limit | None = None,
                          region: bool = False) -> Snapshot | None:
        c = self.campaigns.items.get(campaign_id)
        if c is None:
            return None
        return Snapshot(c.status, c.hidden, c.support_count, c.owner_id, c.organisation_id, c.area,
                        c.official_response is not None)

    def _guarded(self, person_id: str, limit: Limit | None, change: Callable[[], bool], erasure: bool = True) -> bool:
        """`store.supports.commit_changed` with its guards: refused before anything is written; the
        limit is spent only if the write moved something (a repeat's transaction fails whole)."""
        if erasure and (state := self.erasures.state_of(person_id)) is not None:
            raise ConditionFailed(state)
        before = dict(self.rate_limits.uses)
        if limit is not None:
            self.rate_limits.take(limit, person_id)
        try:
            changed = change()
        except Exception:
            self.rate_limits.uses = before
            raise
        if not changed:
            self.rate_limits.uses = before
        return changed

    def _recount(self, campaign_id: str) -> None:
        """The counters' stream, at once (unlike AWS): the count shown moves with the support."""
        if campaign_id in self.campaigns.items:
            total = len(self.supporters.get(campaign_id, {})) + self.anonymous.get(campaign_id, 0)
            self.campaigns.items[campaign_id] = replace(self.campaigns.items[campaign_id], support_count=total)

    def support(self, campaign_id: str, person_id: str, *, consent_version: str,
                limit: Limit | None = None) -> bool:
        def change() -> bool:
            if campaign_id in self.frozen:  # answered; the supports' stream removes it, uncounted
                return person_id not in self.supporters.get(campaign_id, {})
            people = self.supporters.setdefault(campaign_id, {})
            if person_id in people:
                return False
            people[person_id] = consent_version
            self.given_at[(campaign_id, person_id)] = self.people.clock.iso()
            profile = self.people.people.get(person_id)
            region = profile.region if profile and profile.region in REGION_NAMES else None
            self.regions.setdefault(campaign_id, {})[person_id] = region
            self.order.append(("support", person_id, campaign_id))
            self._recount(campaign_id)
            return True

        return self._guarded(person_id, limit, change)

    def withdraw(self, campaign_id: str, person_id: str, limit: Limit | None = None) -> bool:
        def change() -> bool:
            if campaign_id in self.frozen:  # the supports' stream keeps it as an anonymous support
                return self.anonymise(campaign_id, person_id)
            if self.supporters.setdefault(campaign_id, {}).pop(person_id, None) is None:
                return False
            self.regions.get(campaign_id, {}).pop(person_id, None)
            self._recount(campaign_id)
            return True

        return self._guarded(person_id, limit, change, erasure=False)

    def anonymise(self, campaign_id: str, person_id: str) -> bool:
        """`store.supports.anonymise`: the person's link goes, the counter (and the count) stays."""
        if self.supporters.setdefault(campaign_id, {}).pop(person_id, None) is None:
            return False
        self.anonymous[campaign_id] = self.anonymous.get(campaign_id, 0) + 1
        return True

    def _campaigns_of(self, kind: str, person_id: str, limit: int, cursor: str | None) -> tuple[list[str], str | None]:
        newest_first = [c for k, p, c in reversed(self.order) if k == kind and p == person_id
                        and (person_id in (self.supporters.get(c, {}) if kind == "support" else
                                           self.followers.get(c, set())))]
        return page_of(list(dict.fromkeys(newest_first)), f"{kind}:{person_id}", limit, cursor)

    def supported_by(self, person_id: str, limit: int, cursor: str | None) -> tuple[list[str], str | None]:
        return self._campaigns_of("support", person_id, limit, cursor)

    def counted(self, campaign_id: str) -> tuple[int, dict[str, int]]:
        total = len(self.supporters.get(campaign_id, {})) + self.anonymous.get(campaign_id, 0)
        by_region = dict.fromkeys(REGION_NAMES, 0)
        for region in self.regions.get(campaign_id, {}).values():
            if region is not None:
                by_region[region] += 1
        by_region[UNKNOWN] = total - sum(by_region.values())
        return total, by_region

    def tally(self, campaign_id: str, today: date) -> Tally:
        """Every support here counts in its region at once: none is ever settling."""
        total, by_region = self.counted(campaign_id)
        return Tally(total, by_region, {}, {})

    def remove_gone_by(self, gone_by: Mapping[str, Sequence[str]]) -> int:
        return len(gone_by)

    def follow(self, campaign_id: str, person_id: str, limit: Limit | None = None) -> bool:
        def change() -> bool:
            people = self.followers.setdefault(campaign_id, set())
            if person_id in people:
                return False
            people.add(person_id)
            self.order.append(("follow", person_id, campaign_id))
            return True

        return self._guarded(person_id, limit, change)

    def unfollow(self, campaign_id: str, person_id: str, limit: Limit | None = None) -> bool:
        def change() -> bool:
            people = self.followers.setdefault(campaign_id, set())
            had = person_id in people
            people.discard(person_id)
            return had

        return self._guarded(person_id, limit, change, erasure=False)

    def followed_by(self, person_id: str, limit: int, cursor: str | None) -> tuple[list[str], str | None]:
        return self._campaigns_of("follow", person_id, limit, cursor)
