"""What a person's write must also hold, checked inside the write's own transaction, so that on a
warm container the whole request is one DynamoDB call (TransactWriteItems):
- no erasure under way or done (a ConditionCheck on the erasure item: an erasure starting a moment
  before the write can no longer miss it, as a read ahead of the write could);
- one more use of a rate limit (a conditional put from the container's copy of it);
- the profile region the write is counted in is still the profile's (a ConditionCheck).
A failed guard is explained after the fact: the person's refusal reported (`ConditionFailed`
"erasing", "erased", or "limit" with when it frees), or a stale copy reread (and the caller builds
the transaction again). Failures are rare; the happy path reads nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.domain.limits import Limit
from chalicelib.store import erasures, person_regions, rate_limits
from chalicelib.store.base import Transaction


@dataclass(frozen=True)
class Guards:
    person_id: str
    limit: Limit | None = None
    not_erasing: bool = True
    region: bool = False  # the write counts the person in `person_regions.known_region`

    def add_to(self, tx: Transaction) -> None:
        if self.not_erasing:
            erasures.check_within(tx, self.person_id)
        if self.limit is not None:
            rate_limits.take_within(tx, self.limit, self.person_id)
        if self.region:
            person_regions.check_region_within(tx, self.person_id, person_regions.known_region(self.person_id))

    def stale(self, tx: Transaction) -> bool:
        """After `tx` was cancelled: ConditionFailed if a guard refuses the person; True if only a copy
        this container kept was out of date (now reread), so the write is worth building again."""
        if "erasure" in tx.failed:
            erasures.report_erasure(self.person_id)  # "erasing" or "erased"
            return True  # its item expired in between: nothing stands in the way now
        reread = False
        if "limit" in tx.failed and self.limit is not None:
            rate_limits.reload(self.limit, self.person_id)
            reread = True
        if "region" in tx.failed:
            person_regions.forget_region(self.person_id)
            reread = True
        return reread
