"""The count shown: summed from the shard counters whenever they move, written onto the
campaign, with milestones decided once (store.support_counts)."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint

from chalicelib.domain.shards import campaign_of
from chalicelib.events.stream_failures import process_each_record, stream_failure_policy
from chalicelib.logic.counting import refresh_count
from chalicelib.observability import logger, metrics
from chalicelib.settings import get_settings

blueprint = Blueprint(__name__)


def count_campaigns(campaign_ids: set[str]) -> None:
    for campaign_id in sorted(campaign_ids):
        update = refresh_count(campaign_id)
        if update.events:
            logger.info("events raised", extra={"campaign_id": campaign_id, "events": update.events})
    metrics.add_metric(name="CampaignsCounted", unit="Count", value=len(campaign_ids))


# Up to 1,000 records a batch, gathered for at most a second: one campaign write per batch
# keeps the campaign item far from its partition's limit, and the count within seconds. A
# campaign whose count cannot be written fails only its own records (stream_failures).
@blueprint.on_dynamodb_record(stream_arn=get_settings().counters_stream_arn, batch_size=1000,
                              maximum_batching_window_in_seconds=1, name="count_supports")
@stream_failure_policy(max_retries=3)
def count_supports(event: Any) -> dict[str, Any]:
    counted: set[str] = set()

    def count_record(record: dict[str, Any]) -> None:
        campaign_id = campaign_of(record["dynamodb"]["Keys"]["counter_id"]["S"])
        if campaign_id in counted:  # once per campaign per batch, however many records
            return
        try:
            count_campaigns({campaign_id})
        except Exception:
            logger.exception("count failed", extra={"campaign_id": campaign_id})
            raise
        counted.add(campaign_id)

    return process_each_record(event.to_dict(), count_record)
