"""Telling every supporter and follower: an update fanned out page by page, in chains of shards.

An event becomes a few chains of pages: the populated shards (of 128) of supporters, and apart
from them those of followers, grouped into at most PAGE_LAMBDAS chains balanced by their exact
counts (`domain.shards.fanout_chains`). Each chain starts as one SQS message; a page reads on
across its chain's shards until it holds PAGE_SIZE people, delivers them, then queues the next
page of the chain, so the chains run in parallel Lambdas and none runs long. A page that is
delivered twice (a retry after a crash) gives nobody a second item, push or email: see
`deliver_page`. Someone who both supports and follows gets one of each too.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from typing import Any

from chalicelib.domain.amendments import is_amendment_id
from chalicelib.domain.events import hearing, still_told
from chalicelib.domain.notifications import SupporterUpdate, update_text
from chalicelib.domain.privacy import FORMER_MEMBER_PREFIX
from chalicelib.domain.shards import SHARDS, fanout_chains, shard_key, shard_number
from chalicelib.notify.clients import client
from chalicelib.notify.email import send_update_email
from chalicelib.notify.languages import language_of, with_translations
from chalicelib.observability import count_event, logger
from chalicelib.settings import get_settings
from chalicelib.store import amendments, notifications
from chalicelib.store.signing import seal, unseal
from chalicelib.store.tables.campaigns import CampaignRecord
from chalicelib.store.tables.follows import FollowRecord
from chalicelib.store.tables.support_counters import SupportCounterRecord
from chalicelib.store.tables.supports import SupportRecord

# A Query page of keys stays far below 1 MB; the page's feed writes are 40 BatchWriteItems.
PAGE_SIZE = 1000
PARALLEL_DELIVERIES = 8  # people with a phone or email on a page, delivered side by side
# Page Lambdas at once (SQS event source maximum_concurrency): bench/fanout.py projects the
# feed table's write rate from it, to keep under DynamoDB's default 40,000 writes/s per table.
PAGE_LAMBDAS = 20
SQS_BATCH = 10
CURSOR_PURPOSE = "fanout-cursor"
# What a page needs of its event to write the feed item (`feed_item_for`), and nothing more.
PAGE_EVENT_FIELDS = ("campaign_id", "kind", "created_at", "event_key", "stance", "headline", "summary",
                     "consultation_id", "stage", "note", "document_id")


@lru_cache(maxsize=1)
def queue_url() -> str:
    return client("sqs").get_queue_url(QueueName=get_settings().fanout_queue_name)["QueueUrl"]


def enqueue(pages: list[dict[str, Any]]) -> None:
    for start in range(0, len(pages), SQS_BATCH):
        entries = [{"Id": str(i), "MessageBody": json.dumps(p)} for i, p in enumerate(pages[start:start + SQS_BATCH])]
        failed = client("sqs").send_message_batch(QueueUrl=queue_url(), Entries=entries).get("Failed")
        if failed:
            raise RuntimeError(f"SQS refused {len(failed)} fan-out page(s)")


def plan(event: dict[str, Any]) -> int:
    """The first page of each chain of the shards that have supporters, and of each chain of the
    shards that have followers (their counters say how many, exactly: a counter moves in the same
    transaction as the support or the follow); each page queues the next of its chain."""
    event = {k: event[k] for k in PAGE_EVENT_FIELDS if k in event}  # no author's or minister's id
    # What the feed item shows of the campaign, read once here instead of once a page. An amendment's
    # event names its place in the document itself (its supporters are the amendment's own shards).
    if is_amendment_id(event["campaign_id"]):
        event["campaign"] = {"title": event.get("summary") or "", "slug": ""}  # the document's title
    else:
        campaign = CampaignRecord.get(event["campaign_id"],
                                      attributes_to_get=["id", "title", "slug", "status", "hidden"])
        if not still_told(event["kind"], status=campaign.status, hidden=campaign.hidden):
            return 0  # hidden since: it tells nobody anything new
        event["campaign"] = {"title": campaign.title, "slug": campaign.slug}
    keys = [shard_key(event["campaign_id"], shard) for shard in range(SHARDS)]
    counters = list(SupportCounterRecord.batch_get(keys, consistent_read=True,
                                                   attributes_to_get=["counter_id", "count", "followers"]))
    pages: list[dict[str, Any]] = []
    for source, field in (("supports", "count"), ("follows", "followers")):
        counts = {shard_number(c.counter_id): int(getattr(c, field) or 0) for c in counters}
        pages += [{"event": event, "source": source, "shards": chain, "start": None}
                  for chain in fanout_chains(counts, PAGE_SIZE, PAGE_LAMBDAS)]
    if hearing(event["kind"]).owner:  # one page of one person, the idea's owner, read when delivered
        pages.append({"event": event, "source": "owner", "shard": 0, "start": None})
    enqueue(pages)
    return len(pages)


def seal_start(cursor: dict[str, Any]) -> str:
    """Where the next page starts, sealed: the shard's place in the chain and the last key read
    there, which is the last person's id; a page message sits in SQS (and, if it keeps failing,
    in the dead-letter queue) where no id of a supporter should."""
    return seal(json.dumps(cursor, sort_keys=True), CURSOR_PURPOSE)


def _unsealed(page: dict[str, Any]) -> Any:
    return json.loads(unseal(page["start"], CURSOR_PURPOSE)) if page.get("start") else None


def _shards(page: dict[str, Any]) -> list[int]:
    """A page queued by the code before chains (during a deployment) names one shard."""
    return page["shards"] if "shards" in page else [page["shard"]]


def _cursor(page: dict[str, Any]) -> tuple[int, dict[str, Any] | None]:
    """The place in the chain's shards to start at, and the key to start after (before chains,
    the sealed cursor was a bare key)."""
    if "shards" not in page:
        return 0, _unsealed(page)
    cursor = _unsealed(page) or {"at": 0, "key": None}
    return cursor["at"], cursor["key"]


def _people_on_page(page: dict[str, Any]) -> tuple[list[str], dict[str, Any] | None]:
    """Up to PAGE_SIZE people, read on across the chain's shards in order; and where the next
    page starts (None at the chain's end)."""
    if page.get("source") == "owner":  # an erased owner's campaign is a former member's: nobody to tell
        subject = page["event"]["campaign_id"]
        owner_id = (amendments.proposer_of(subject) or FORMER_MEMBER_PREFIX) if is_amendment_id(subject) else \
            CampaignRecord.get(subject, attributes_to_get=["owner_id"]).owner_id
        return ([] if owner_id.startswith(FORMER_MEMBER_PREFIX) else [owner_id]), None
    model, person = ((FollowRecord, "person_id") if page.get("source") == "follows"
                     else (SupportRecord, "supporter_id"))
    shards, (at, last_key) = _shards(page), _cursor(page)
    people: list[str] = []
    while at < len(shards) and len(people) < PAGE_SIZE:
        found = model.query(shard_key(page["event"]["campaign_id"], shards[at]), limit=PAGE_SIZE - len(people),
                            last_evaluated_key=last_key, attributes_to_get=[person])
        people += [getattr(record, person) for record in found]
        last_key = found.last_evaluated_key
        if last_key is None:  # this shard is done: the next one from its start
            at += 1
    return people, ({"at": at, "key": last_key} if at < len(shards) else None)


def reaches_beyond_feed(settings: Any, kind: str) -> bool:
    """Whether this person also gets a push or an email, which must never go twice."""
    if settings is None:
        return False
    channels = notifications.channels_for(settings, kind)
    return ("push" in channels and bool(settings.has_devices)) or ("email" in channels and bool(settings.email))


def send_beyond_feed(person_id: str, item: SupporterUpdate, settings: Any) -> bool:
    """The conditional put of the person's feed item is the gate: only the delivery that
    creates it sends the push and the email, so a retried page sends nothing twice. Both go in
    the person's language (their settings carry it; the item carries every language's words)."""
    if not notifications.add_feed_item(person_id, item):
        return False  # delivered before this page was retried
    channels = notifications.channels_for(settings, item.kind)
    language = language_of(settings)
    title, text = item.words_in(language)
    if "push" in channels and settings.has_devices:
        for device in notifications.devices_of(person_id):
            client("sns").publish(TargetArn=device.endpoint_arn, Message=json.dumps(
                {"default": title, "APNS": json.dumps({"aps": {"alert": title}}),
                 "GCM": json.dumps({"notification": {"title": title, "body": text}})}),
                MessageStructure="json")
    if "email" in channels and settings.email:
        send_update_email(person_id, settings.email, item.kind, title, f"{text}\n\n{item.url}", language)
    return True


def feed_item_for(event: dict[str, Any], campaign: dict[str, str]) -> SupporterUpdate:
    def words() -> tuple[str, str]:
        return update_text(event["kind"], campaign["title"], event.get("stance"), event.get("headline"),
                           event.get("summary"), event.get("stage"), event.get("note"))

    # Every language's words in every item: the feed shows the reader's, a push or an email the person's.
    title, text, translations = with_translations(words)
    base = get_settings().public_base_url
    if is_amendment_id(event["campaign_id"]):
        url = f"{base}/amendments/{event['campaign_id']}"
    elif event.get("consultation_id"):
        url = f"{base}/consultations/{event['consultation_id']}"
    else:
        url = f"{base}/c/{campaign['slug']}"
    return SupporterUpdate(campaign_id=event["campaign_id"], kind=event["kind"], title=title, text=text, url=url,
                           created_at=event["created_at"], event_key=event["event_key"], translations=translations)


def deliver_page(page: dict[str, Any]) -> dict[str, Any] | None:
    """Deliver one page; returns the next page of the same chain, or None at its end.

    Most people read updates only in their feed. Their items go in batches of 25: writing the
    same item again after a crash replaces it with itself, so no conditional write is needed
    and a page costs ~1 request per 25 people. Those with a phone or email chosen go one by one
    through the conditional put that decides whether to send."""
    event = page["event"]
    campaign = event.get("campaign")
    if campaign is None:  # a page queued by the code before this one, during a deployment
        record = CampaignRecord.get(event["campaign_id"], attributes_to_get=["title", "slug"])
        campaign = {"title": record.title, "slug": record.slug}
    item = feed_item_for(event, campaign)
    people, cursor = _people_on_page(page)
    settings = notifications.reachable_among(people)
    gated = {p for p in people if reaches_beyond_feed(settings.get(p), item.kind)}
    notifications.put_feed_items([p for p in people if p not in gated], item)
    with ThreadPoolExecutor(max_workers=PARALLEL_DELIVERIES) as pool:
        sent = sum(pool.map(lambda p: send_beyond_feed(p, item, settings[p]), gated))
    count_event("FanoutRecipients", len(people))
    logger.info("fan-out page delivered", extra={"campaign_id": event["campaign_id"], "source": page.get("source"),
                                                 "shards": len(_shards(page)), "people": len(people),
                                                 "beyond_feed": len(gated), "sent": sent})
    if cursor is None:
        return None
    return {"event": event, "source": page["source"], "shards": _shards(page), "start": seal_start(cursor)}
