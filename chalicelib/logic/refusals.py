"""What the store's refusals mean to people. The store reports which of its conditions failed
(`ConditionFailed`, by the labels its transactions give them) or that it gave up (`Busy`); the
refusals many use cases can meet are turned here into the one error the domain defines for each.
A use case explains its own (a taken slug, a stale copy) where it makes the write."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from chalicelib.domain import limits
from chalicelib.domain.errors import Busy, ConditionFailed, LabourspaceError, RateLimited
from chalicelib.domain.limits import Limit, too_many_at_once
from chalicelib.domain.paging import bad_cursor, expired_cursor
from chalicelib.domain.privacy import account_erased, account_erasing
from chalicelib.logic.ports import stores

DOCUMENT_REFUSALS = frozenset({"no document", "no amendment", "busy document"})  # the store's labels


def common(refused: ConditionFailed, limit: Limit | None = None) -> LabourspaceError | None:
    """The error for a refusal any person's write or any list can meet; None for the others."""
    failed = refused.failed
    if "erasing" in failed:  # the account's erasure has started: nothing more is written for it
        return account_erasing()
    if "erased" in failed:  # a token from before the erasure, still unexpired
        return account_erased()
    if "limit" in failed and limit is not None:
        return over_limit(limit, refused.retry_after or 1)
    if "cursor expired" in failed:
        return expired_cursor()
    if "cursor" in failed:
        return bad_cursor()
    if failed & DOCUMENT_REFUSALS:
        return _about_documents(failed)
    return None


def _about_documents(failed: frozenset[str]) -> LabourspaceError | None:
    """Policy documents' refusals: their domain modules are imported here, as only a document's or an
    amendment's write can meet them, not with every write that explains its refusals (issue 30)."""
    from chalicelib.domain import amendments, documents

    if "no document" in failed:  # a policy document, or a version of it, that is not there
        return documents.not_found()
    if "no amendment" in failed:
        return amendments.not_found()
    if "busy document" in failed:
        return documents.busy_document()
    return None


def over_limit(limit: Limit, retry_after: int) -> RateLimited:
    """One more use of `limit` does not fit; it does in `retry_after` seconds. Its words are the
    limit's (`Limit.describe`), in the reader's language."""
    details = {"limit": limit.count, "window_seconds": limit.window_seconds, "retry_after_seconds": retry_after}
    # A whole document's amendment caps have words of their own; the rest say "N times a <window>".
    if limit is limits.AMENDMENTS_BY_PERSON:
        return RateLimited(wording="amendments_person", count=limit.count, retry_after=retry_after, details=details)
    if limit is limits.AMENDMENTS_BY_ORGANISATION:
        return RateLimited(wording="amendments_organisation", count=limit.count, retry_after=retry_after,
                           details=details)
    return RateLimited(count=limit.count, window=limit.window(), retry_after=retry_after, details=details)


@contextmanager
def explained(limit: Limit | None = None,
              busy: Callable[[], LabourspaceError] = too_many_at_once) -> Iterator[None]:
    """Around a store call: its common refusals raised as the domain's errors (`limit`: the one
    its write spends; `busy`: what to say if the store gave up). Any other refusal goes on up, for
    the use case to explain."""
    try:
        yield
    except ConditionFailed as refused:
        error = common(refused, limit)
        if error is None:
            raise
        raise error from refused
    except Busy as gave_up:
        raise busy() from gave_up


def take(limit: Limit, subject_id: str) -> None:
    """One use of `limit` by `subject_id`, in a write of its own: 429 past it."""
    with explained(limit):
        stores().rate_limits.take(limit, subject_id)
