"""Fixed-window rate limits, one conditional ADD per action: exact across Lambda containers."""

from __future__ import annotations

import time

from pynamodb.exceptions import UpdateError

from chalicelib.domain.errors import RateLimited
from chalicelib.store.base import is_condition_failure
from chalicelib.store.tables.rate_limits import RateLimitRecord


def take(action: str, person_id: str, limit: int, window_seconds: int, now: float | None = None) -> None:
    """Count one `action` by `person_id`; RateLimited (429, with Retry-After) past `limit`."""
    now = now or time.time()
    window_start = int(now // window_seconds * window_seconds)
    record = RateLimitRecord(key=f"{action}#{person_id}#{window_start}")
    try:
        record.update(
            actions=[RateLimitRecord.count.add(1),
                     RateLimitRecord.expires_at.set(window_start + 2 * window_seconds)],
            condition=RateLimitRecord.count.does_not_exist() | (RateLimitRecord.count < limit),
        )
    except UpdateError as exc:
        if is_condition_failure(exc):
            retry_after = max(1, int(window_start + window_seconds - now))
            window = "an hour" if window_seconds == 3600 else ("a day" if window_seconds == 86400
                                                              else f"every {window_seconds} seconds")
            raise RateLimited(f"This can be done {limit} times {window}; try again later.",
                              retry_after=retry_after, details={"limit": limit, "retry_after_seconds": retry_after}) \
                from exc
        raise
