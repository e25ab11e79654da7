"""In-memory stand-ins for a person's own view of a campaign (`store/own_part.py`) and the
moderators' waiting counts (`store/waiting.py`)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from chalicelib.domain.campaigns import Campaign, Status
from chalicelib.domain.dialogue import Reply
from chalicelib.domain.own_view import GivenSupport
from tests.logic.fakes_base import Clock

if TYPE_CHECKING:
    from tests.logic.fake_dialogue import FakeReplies, FakeReports
    from tests.logic.fake_support import FakeSupports
    from tests.logic.fakes import FakeCampaigns

LATEST_REPLIES = 20  # store.own_part: their replies are found among their latest


class FakeOwnPart:
    def __init__(self, clock: Clock, campaigns: FakeCampaigns, supports: FakeSupports, replies: FakeReplies) -> None:
        self.clock, self.campaigns, self.supports, self.replies = clock, campaigns, supports, replies

    def campaign_now(self, campaign_id: str) -> Campaign | None:
        found = self.campaigns.items.get(campaign_id)
        # The fakes recount at once: the count is always read after every support given.
        return None if found is None else replace(found, count_read_at=self.clock.iso())

    def support_of(self, campaign_id: str, person_id: str) -> GivenSupport | None:
        consent = self.supports.supporters.get(campaign_id, {}).get(person_id)
        if consent is None:
            return None
        return GivenSupport(self.supports.given_at.get((campaign_id, person_id), ""), consent)

    def follows(self, campaign_id: str, person_id: str) -> bool:
        return person_id in self.supports.followers.get(campaign_id, set())

    def replies_on(self, campaign_id: str, author_id: str) -> list[Reply]:
        return [r for r in self.replies.by_author(author_id, LATEST_REPLIES) if r.campaign_id == campaign_id]


class FakeWaiting:
    def __init__(self, campaigns: FakeCampaigns, reports: FakeReports) -> None:
        self.campaigns, self.reports = campaigns, reports

    def pending_campaigns(self, at_most: int) -> int:
        return min(at_most, sum(c.status == Status.PENDING.value for c in self.campaigns.items.values()))

    def open_reports(self, at_most: int) -> int:
        return min(at_most, len(self.reports.queue))
