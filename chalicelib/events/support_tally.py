"""The shard counters follow the supports and the follows: each table's stream moves them, once
per item change (store/stream_tally.py), so a person's request writes only their own item.

No failure policy on purpose: a record skipped would leave a count wrong for good, so a batch that
fails is retried whole until it succeeds (what Lambda does by default, until the record's 24 hours
in the stream are up; the IteratorAge alarm says so long before). Records it already applied are
skipped by each counter's checkpoint, so a retry applies only what the failure left.
"""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint

from chalicelib.domain.shards import campaign_of
from chalicelib.events.support_counts import count_campaigns
from chalicelib.observability import logger, metrics
from chalicelib.settings import get_settings
from chalicelib.store import stream_tally

blueprint = Blueprint(__name__)


def _changes(event: Any, member_key: str) -> list[stream_tally.Change]:
    records = event.to_dict().get("Records", [])
    return [c for c in (stream_tally.change_of(r, member_key) for r in records) if c is not None]


def _report(kind: str, applied: stream_tally.Applied) -> None:
    if applied.counted:
        metrics.add_metric(name=f"{kind}Tallied", unit="Count", value=applied.counted)
    if applied.skipped:
        metrics.add_metric(name=f"{kind}RedeliveredSkipped", unit="Count", value=applied.skipped)
    if applied.late:
        # Shard keys only: who supported is never logged.
        logger.warning("supports after the close removed, uncounted", extra={"shards": sorted(set(applied.late))})
        metrics.add_metric(name="LateSupportsRemoved", unit="Count", value=len(applied.late))
    if applied.kept:
        logger.info("withdrawals after the close kept as anonymous supports",
                    extra={"shards": sorted(set(applied.kept))})
        metrics.add_metric(name="LateWithdrawalsKept", unit="Count", value=len(applied.kept))
    if applied.corrected:
        metrics.add_metric(name="SupportRegionsCorrected", unit="Count", value=applied.corrected)
    if applied.over_limit:
        metrics.add_metric(name=f"{kind}OverLimitRemoved", unit="Count", value=applied.over_limit)
    if applied.erased:
        logger.info("items of people being erased removed", extra={"kind": kind, "removed": applied.erased})
        metrics.add_metric(name=f"{kind}OfErasedRemoved", unit="Count", value=applied.erased)


# Batches of up to 1,000 gathered for at most a second, as the counters' own stream: one counter
# write per shard per batch. ParallelizationFactor stays 1 (Chalice's default), so a counter's
# records are applied in order.
@blueprint.on_dynamodb_record(stream_arn=get_settings().supports_stream_arn, batch_size=1000,
                              maximum_batching_window_in_seconds=1, name="tally_supports")
def tally_supports(event: Any) -> None:
    changes = _changes(event, "supporter_id")
    _report("Supports", stream_tally.apply(changes, stream_tally.SUPPORTS))
    # The count shown follows at once, not one more stream's hop later (the counters' stream counts
    # them again: the same sum, written once, as `write_count` keeps the latest reading).
    count_campaigns({campaign_of(c.counter_id) for c in changes})


@blueprint.on_dynamodb_record(stream_arn=get_settings().follows_stream_arn, batch_size=1000,
                              maximum_batching_window_in_seconds=1, name="tally_follows")
def tally_follows(event: Any) -> None:
    _report("Follows", stream_tally.apply(_changes(event, "person_id"), stream_tally.FOLLOWS))


# The same streams' second reader each (DynamoDB Streams serves two readers a shard without
# throttling): what a request no longer reads, put right beside the count, so the count's freshness
# never waits for it. An erasing person's supports and follows, and those past the person's rate
# limit, are removed (counted first, taken off by their REMOVE); every change is charged to the
# person's rate-limit item, once however often a batch comes (store/stream_backstop.py).
@blueprint.on_dynamodb_record(stream_arn=get_settings().supports_stream_arn, batch_size=1000,
                              maximum_batching_window_in_seconds=1, name="settle_supports")
def settle_supports(event: Any) -> None:
    _settle(event, "supporter_id", stream_tally.SUPPORTS, "Supports")


@blueprint.on_dynamodb_record(stream_arn=get_settings().follows_stream_arn, batch_size=1000,
                              maximum_batching_window_in_seconds=1, name="settle_follows")
def settle_follows(event: Any) -> None:
    _settle(event, "person_id", stream_tally.FOLLOWS, "Follows")


def _settle(event: Any, member_key: str, stream: stream_tally.StreamKind, kind: str) -> None:
    applied = stream_tally.Applied()
    stream_tally.settle(_changes(event, member_key), stream, applied)
    _report(kind, applied)
