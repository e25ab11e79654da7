"""The search index follows the campaigns', people's, organisations' and consultations' streams
(README, "Search"). The campaigns' stream also keeps the home and area pages' stored lists
(store/front_lists.py): a batch in which a campaign's place in them may have moved stores the
pages it touches again, once each; and each public campaign it indexed has its related campaigns
found and noted on its slug's claim, where its page reads them (README, "A cold container's first pages").

Each record is indexed from its new image, in stream order, so the index ends as the table ends:
a campaign enters when it opens and leaves when it is hidden, closed-and-hidden or deleted; a
person leaves when their profile is erased. A change the index does not show (a support that
does not move the campaign to another tier, a bio) writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from boto3.dynamodb.types import TypeDeserializer
from chalice.app import Blueprint

from chalicelib.domain.campaigns import Campaign, Status
from chalicelib.domain.consultations import Consultation
from chalicelib.domain.people import Organisation, Person
from chalicelib.domain.search_terms import support_tier
from chalicelib.events.stream_failures import process_each_record, stream_failure_policy
from chalicelib.logic.lists import pages_listing, refresh_front_pages
from chalicelib.logic.search import (
    refresh_campaign,
    refresh_consultation,
    refresh_organisation,
    refresh_person,
    remember_related,
)
from chalicelib.observability import metrics
from chalicelib.settings import get_settings

blueprint = Blueprint(__name__)
_deserialize = TypeDeserializer().deserialize

CAMPAIGN_SHOWN = ("title", "summary", "body", "area", "status", "hidden", "language", "translated_title",
                  "translated_summary")
# What places a campaign in the pages' lists: the keys of the indexes they are read from.
LIST_PLACE = ("status", "area", "area_status", "listed_at", "support_count", "trending_score")
PERSON_SHOWN = ("handle", "display_name", "language")
ORGANISATION_SHOWN = ("handle", "name", "language")
CONSULTATION_SHOWN = ("question", "brief", "area", "language")


def _image(record: dict[str, Any], which: str) -> dict[str, Any] | None:
    raw = record["dynamodb"].get(which)
    return {name: _deserialize(value) for name, value in raw.items()} if raw else None


def _campaign_view(image: dict[str, Any]) -> tuple:
    return (*(image.get(a) for a in CAMPAIGN_SHOWN), support_tier(int(image.get("support_count") or 0)))


def _campaign(campaign_id: str, image: dict[str, Any]) -> Campaign:
    """What the index reads of a campaign's new image."""
    return Campaign(id=campaign_id, slug=image.get("slug") or "", title=image.get("title") or "",
                    summary=image.get("summary") or "", body=image.get("body") or "", area=image.get("area") or "",
                    status=image.get("status") or Status.DRAFT.value, hidden=bool(image.get("hidden")),
                    support_count=int(image.get("support_count") or 0), language=image.get("language"),
                    translated_title=image.get("translated_title"), translated_summary=image.get("translated_summary"))


def _person(person_id: str, image: dict[str, Any]) -> Person:
    return Person(id=person_id, handle=image.get("handle") or "", display_name=image.get("display_name") or "",
                  language=image.get("language"))


def _organisation(organisation_id: str, image: dict[str, Any]) -> Organisation:
    return Organisation(id=organisation_id, handle=image.get("handle") or "", name=image.get("name") or "",
                        language=image.get("language"))


def _consultation(consultation_id: str, image: dict[str, Any]) -> Consultation:
    """What the index reads of a consultation's new image (its words and area; the rest it keeps not)."""
    return Consultation(id=consultation_id, area=image.get("area") or "", question=image.get("question") or "",
                        brief=image.get("brief") or "", opens_at=image.get("opens_at") or "",
                        closes_at=image.get("closes_at") or "", created_by=image.get("created_by") or "",
                        language=image.get("language"))


def _follow(event: Any, view: Callable[[dict[str, Any]], tuple | None], make: Callable[[str, dict[str, Any]], Any],
            refresh: Callable[[str, Any], int], indexed: list[Any] | None = None) -> dict[str, Any]:
    """Index each record whose shown view changed; `indexed` collects what was (re)indexed as it is now."""
    written = 0

    def index_record(record: dict[str, Any]) -> None:
        nonlocal written
        old, new = _image(record, "OldImage"), _image(record, "NewImage")
        if old is not None and new is not None and view(old) == view(new):
            return  # nothing the index shows has changed
        record_id = _deserialize(record["dynamodb"]["Keys"]["id"])
        made = None if new is None else make(record_id, new)
        written += refresh(record_id, made)
        if indexed is not None and made is not None:
            indexed.append(made)

    result = process_each_record(event.to_dict(), index_record)
    metrics.add_metric(name="SearchIndexWrites", unit="Count", value=written)
    return result


def _fields(names: tuple[str, ...]) -> Any:
    return lambda image: tuple(image.get(a) for a in names)


@blueprint.on_dynamodb_record(stream_arn=get_settings().campaigns_stream_arn, batch_size=100,
                              maximum_batching_window_in_seconds=1, name="index_campaigns")
@stream_failure_policy(max_retries=3)
def index_campaigns(event: Any) -> dict[str, Any]:
    indexed: list[Campaign] = []
    result = _follow(event, _campaign_view, _campaign, refresh_campaign, indexed)
    refresh_front_pages(_pages_moved(event.to_dict().get("Records", [])))
    # After the whole batch is in the index, so campaigns opened together find each other.
    remember_related(list({c.id: c for c in indexed}.values()))
    return result


def _pages_moved(records: list[dict[str, Any]]) -> set[str]:
    """The front pages on which some campaign of the batch entered, left or moved."""
    pages: set[str] = set()
    for record in records:
        old, new = _image(record, "OldImage"), _image(record, "NewImage")
        place = _fields(LIST_PLACE)
        if old is not None and new is not None and place(old) == place(new):
            continue
        for image in (old, new):
            if image is not None:
                pages |= pages_listing(image.get("status"), image.get("area"))
    return pages


@blueprint.on_dynamodb_record(stream_arn=get_settings().people_stream_arn, batch_size=100,
                              maximum_batching_window_in_seconds=1, name="index_people")
@stream_failure_policy(max_retries=3)
def index_people(event: Any) -> dict[str, Any]:
    return _follow(event, _fields(PERSON_SHOWN), _person, refresh_person)


@blueprint.on_dynamodb_record(stream_arn=get_settings().organisations_stream_arn, batch_size=100,
                              maximum_batching_window_in_seconds=1, name="index_organisations")
@stream_failure_policy(max_retries=3)
def index_organisations(event: Any) -> dict[str, Any]:
    return _follow(event, _fields(ORGANISATION_SHOWN), _organisation, refresh_organisation)


@blueprint.on_dynamodb_record(stream_arn=get_settings().consultations_stream_arn, batch_size=100,
                              maximum_batching_window_in_seconds=1, name="index_consultations")
@stream_failure_policy(max_retries=3)
def index_consultations(event: Any) -> dict[str, Any]:
    return _follow(event, _fields(CONSULTATION_SHOWN), _consultation, refresh_consultation)
