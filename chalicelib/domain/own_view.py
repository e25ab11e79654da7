"""What a person sees of a campaign they acted on: never less than they just did. Pages are the
same for everyone and cached (`http.routing.PUBLIC`), and the count shown is summed from the shards
within seconds (`events/support_counts`); the person's own view (`GET /me/campaigns/{id}`) mends both."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GivenSupport:
    """A person's support of one campaign, as their own view shows it."""

    supported_at: str
    consent_version: str | None


def count_seen_by_supporter(count: int, count_read_at: str | None, supported_at: str | None) -> int:
    """The count as someone who supports the campaign should see it: their support is in the sum
    if the sum was read after it was given (ISO times compare as text), and added here if not.
    Only for them: everyone else sees the sum, exact within seconds."""
    if supported_at and (not count_read_at or count_read_at < supported_at):
        return count + 1
    return count
