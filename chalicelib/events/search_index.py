"""The search index follows the campaigns', people's, organisations' and consultations' streams
(README, "Search").

Each record is indexed from its new image, in stream order, so the index ends as the table ends:
a campaign enters when it opens and leaves when it is hidden, closed-and-hidden or deleted; a
person leaves when their profile is erased. A change the index does not show (a support that
does not move the campaign to another tier, a bio) writes nothing.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from boto3.dynamodb.types import TypeDeserializer
from chalice.app import Blueprint

from chalicelib.domain.search_terms import support_tier
from chalicelib.events.stream_failures import process_each_record, stream_failure_policy
from chalicelib.logic.search import refresh_campaign, refresh_consultation, refresh_organisation, refresh_person
from chalicelib.observability import metrics
from chalicelib.settings import get_settings

blueprint = Blueprint(__name__)
_deserialize = TypeDeserializer().deserialize

CAMPAIGN_SHOWN = ("title", "summary", "body", "area", "status", "hidden", "language", "translated_title",
                  "translated_summary")
PERSON_SHOWN = ("handle", "display_name")
ORGANISATION_SHOWN = ("handle", "name")
CONSULTATION_SHOWN = ("question", "brief", "area")


def _image(record: dict[str, Any], which: str) -> dict[str, Any] | None:
    raw = record["dynamodb"].get(which)
    return {name: _deserialize(value) for name, value in raw.items()} if raw else None


def _campaign_view(image: dict[str, Any] | None) -> tuple | None:
    if image is None:
        return None
    return (*(image.get(a) for a in CAMPAIGN_SHOWN), support_tier(int(image.get("support_count") or 0)))


def _follow(event: Any, shown: tuple[str, ...], view: Any, refresh: Any) -> dict[str, Any]:
    written = 0

    def index_record(record: dict[str, Any]) -> None:
        nonlocal written
        old, new = _image(record, "OldImage"), _image(record, "NewImage")
        if old is not None and new is not None and view(old) == view(new):
            return  # nothing the index shows has changed
        record_id = _deserialize(record["dynamodb"]["Keys"]["id"])
        current = None if new is None else SimpleNamespace(
            id=record_id, **{a: new.get(a) for a in (*shown, "support_count")})
        written += refresh(record_id, current)

    result = process_each_record(event.to_dict(), index_record)
    metrics.add_metric(name="SearchIndexWrites", unit="Count", value=written)
    return result


def _fields(names: tuple[str, ...]) -> Any:
    return lambda image: tuple(image.get(a) for a in names)


@blueprint.on_dynamodb_record(stream_arn=get_settings().campaigns_stream_arn, batch_size=100,
                              maximum_batching_window_in_seconds=1, name="index_campaigns")
@stream_failure_policy(max_retries=3)
def index_campaigns(event: Any) -> dict[str, Any]:
    return _follow(event, CAMPAIGN_SHOWN, _campaign_view, refresh_campaign)


@blueprint.on_dynamodb_record(stream_arn=get_settings().people_stream_arn, batch_size=100,
                              maximum_batching_window_in_seconds=1, name="index_people")
@stream_failure_policy(max_retries=3)
def index_people(event: Any) -> dict[str, Any]:
    return _follow(event, PERSON_SHOWN, _fields(PERSON_SHOWN), refresh_person)


@blueprint.on_dynamodb_record(stream_arn=get_settings().organisations_stream_arn, batch_size=100,
                              maximum_batching_window_in_seconds=1, name="index_organisations")
@stream_failure_policy(max_retries=3)
def index_organisations(event: Any) -> dict[str, Any]:
    return _follow(event, ORGANISATION_SHOWN, _fields(ORGANISATION_SHOWN), refresh_organisation)


@blueprint.on_dynamodb_record(stream_arn=get_settings().consultations_stream_arn, batch_size=100,
                              maximum_batching_window_in_seconds=1, name="index_consultations")
@stream_failure_policy(max_retries=3)
def index_consultations(event: Any) -> dict[str, Any]:
    return _follow(event, CONSULTATION_SHOWN, _fields(CONSULTATION_SHOWN), refresh_consultation)
