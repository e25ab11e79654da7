"""The outbox's stream to SNS: every event written once is published, however long SNS is down."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from boto3.dynamodb.types import TypeDeserializer
from chalice.app import Blueprint

from chalicelib.domain.events import EventKind, hearing, kind_named
from chalicelib.logic import consultations, documents
from chalicelib.notify import notices
from chalicelib.notify.alerts import alerts_for, publish_alerts
from chalicelib.notify.fanout import plan
from chalicelib.notify.publisher import publish_events
from chalicelib.observability import logger, metrics
from chalicelib.settings import get_settings
from chalicelib.store.campaign_lists import CARD_ATTRIBUTES, fetch_in_order

blueprint = Blueprint(__name__)
_deserialize = TypeDeserializer().deserialize

# What writes the events a kind expands into (`Hearing.expands_into`), for each kind that does.
EXPANSIONS: dict[EventKind, Callable[[dict[str, Any]], object]] = {
    EventKind.CONSULTATION_CLOSING: lambda closing: consultations.announce(closing["consultation_id"]),
    EventKind.DOCUMENT_ADOPTING: lambda adopting: documents.announce_adoption(adopting["document_id"]),
}


def events_in(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    events = []
    for record in records:
        if record.get("eventName") != "INSERT":
            continue
        image = record["dynamodb"]["NewImage"]
        events.append({name: _plain(_deserialize(value)) for name, value in image.items()})
    return events


def _plain(value: Any) -> Any:
    """DynamoDB numbers arrive as Decimal, which JSON does not take."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def handle_events(events: list[dict[str, Any]]) -> None:
    """Each event as its kind's row in `domain/events` says: one that expands (a consultation's
    close, a document's adoption) becomes one event per idea, which come back through this stream; a
    notice is told to its one person (`notify/notices`); every other goes onto
    the events topic, then to the ministers' alerts topic and into the fan-out queue as its kind
    is heard. Any failure fails the whole batch, which Lambda retries: at least once for each (the
    fan-out itself never delivers twice)."""
    events = [{**e, "kind": kind_named(e["kind"]).value} for e in events]  # a former name, as now
    for event in events:
        if hearing(event["kind"]).expands_into is not None:
            EXPANSIONS[EventKind(event["kind"])](event)
    notices.tell_each([e for e in events if hearing(e["kind"]).notice])  # one person's business: not published
    events = [e for e in events if hearing(e["kind"]).expands_into is None and not hearing(e["kind"]).notice]
    if not events:
        return
    published = publish_events(events)
    campaigns = {c.id: c for c in fetch_in_order(sorted({e["campaign_id"] for e in events}), CARD_ATTRIBUTES)}
    alerts = publish_alerts(alerts_for([e for e in events if hearing(e["kind"]).ministers], campaigns))
    fanned = sum(plan(e) for e in events if hearing(e["kind"]).supporters)
    metrics.add_metric(name="EventsPublished", unit="Count", value=published)
    metrics.add_metric(name="AlertsPublished", unit="Count", value=alerts)
    logger.info("events published", extra={"events": [f"{e['campaign_id']}/{e['event_key']}" for e in events],
                                           "alerts": alerts, "fanout_pages": fanned})


@blueprint.on_dynamodb_record(stream_arn=get_settings().campaign_events_stream_arn, batch_size=100,
                              maximum_batching_window_in_seconds=1, name="publish_events")
def publish_outbox(event: Any) -> None:
    handle_events(events_in(event.to_dict()["Records"]))
