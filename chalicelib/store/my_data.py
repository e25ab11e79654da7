"""Everything held about one person, gathered for their export (GET /me/export) and for the
erasure job, each by the key or index that names them: never a Scan. The erasure job's steps
(`erasure_steps`) work on the records; the export reads them as the domain's types (below)."""

from __future__ import annotations

from collections.abc import Iterator

from chalicelib.domain.campaigns import Campaign
from chalicelib.domain.dialogue import OwnerUpdate, Reply, Response
from chalicelib.domain.moderation import Report
from chalicelib.domain.notifications import FeedItem
from chalicelib.domain.people import Membership
from chalicelib.domain.privacy import Support
from chalicelib.domain.shards import campaign_of
from chalicelib.store import follows, to_domain
from chalicelib.store.outbox import UPDATE_PREFIX, update_id
from chalicelib.store.tables.campaign_events import CampaignEventRecord
from chalicelib.store.tables.campaigns import CampaignRecord
from chalicelib.store.tables.devices import DeviceRecord
from chalicelib.store.tables.feed import FeedItemRecord
from chalicelib.store.tables.memberships import MembershipRecord
from chalicelib.store.tables.replies import ReplyRecord
from chalicelib.store.tables.reports import ReportRecord
from chalicelib.store.tables.responses import ResponseRecord
from chalicelib.store.tables.supports import SupportRecord

PAGE = 100


def support_records(person_id: str) -> Iterator[SupportRecord]:
    """The person's supports, whole (the index holds keys only), newest first."""
    keys = [(k.campaign_shard, k.supporter_id) for k in SupportRecord.by_supporter.query(
        person_id, scan_index_forward=False, page_size=PAGE)]
    for start in range(0, len(keys), PAGE):
        found = {(s.campaign_shard, s.supporter_id): s for s in SupportRecord.batch_get(keys[start:start + PAGE])}
        yield from (found[k] for k in keys[start:start + PAGE] if k in found)


def reply_records(person_id: str) -> Iterator[ReplyRecord]:
    ids = [k.reply_id for k in ReplyRecord.by_author.query(person_id, page_size=PAGE)]
    for start in range(0, len(ids), PAGE):
        found = {r.reply_id: r for r in ReplyRecord.batch_get(ids[start:start + PAGE])}
        yield from (found[i] for i in ids[start:start + PAGE] if i in found)


def report_records(person_id: str) -> Iterator[ReportRecord]:
    keys = [(k.target, k.reporter_id) for k in ReportRecord.by_reporter.query(person_id, page_size=PAGE)]
    for start in range(0, len(keys), PAGE):
        yield from ReportRecord.batch_get(keys[start:start + PAGE])


def response_records(person_id: str) -> Iterator[ResponseRecord]:
    """Official responses a minister gave."""
    keys = [(k.campaign_id, k.response_key) for k in ResponseRecord.by_minister.query(person_id, page_size=PAGE)]
    for start in range(0, len(keys), PAGE):
        yield from ResponseRecord.batch_get(keys[start:start + PAGE])


def owned_campaigns(person_id: str) -> Iterator[CampaignRecord]:
    ids = [k.id for k in CampaignRecord.by_owner.query(person_id, page_size=PAGE)]
    for start in range(0, len(ids), PAGE):
        yield from CampaignRecord.batch_get(ids[start:start + PAGE])


def memberships(person_id: str) -> list[MembershipRecord]:
    return list(MembershipRecord.by_person.query(person_id))


def devices(person_id: str) -> list[DeviceRecord]:
    return list(DeviceRecord.query(person_id))


def feed_items(person_id: str) -> Iterator[FeedItemRecord]:
    return FeedItemRecord.query(person_id, page_size=PAGE)


def followed_campaign_ids(person_id: str) -> list[str]:
    return follows.followed_campaign_ids(person_id)


def updates_written(campaign_ids: list[str], person_id: str) -> Iterator[CampaignEventRecord]:
    """The updates a person posted on these campaigns (theirs, or their organisations')."""
    for campaign_id in campaign_ids:
        for event in CampaignEventRecord.query(campaign_id, CampaignEventRecord.event_key.startswith(UPDATE_PREFIX)):
            if event.author_id == person_id:
                yield event


def hosted_campaign_ids(organisation_ids: list[str]) -> list[str]:
    return [k.id for org in organisation_ids for k in CampaignRecord.by_organisation.query(org, page_size=PAGE)]


# --- as the logic sees them (the privacy port: GET /me/export) --------------------------------

def supports_of(person_id: str) -> list[Support]:
    return [to_domain.support(s, s.campaign_id or campaign_of(s.campaign_shard)) for s in support_records(person_id)]


def replies_of(person_id: str) -> list[Reply]:
    return [to_domain.reply(r) for r in reply_records(person_id)]


def reports_of(person_id: str) -> list[Report]:
    return [to_domain.report(r) for r in report_records(person_id)]


def responses_of(person_id: str) -> list[Response]:
    return [to_domain.response(r) for r in response_records(person_id)]


def campaigns_owned(person_id: str) -> list[Campaign]:
    return [to_domain.campaign(c) for c in owned_campaigns(person_id)]


def memberships_and_invitations(person_id: str) -> list[Membership]:
    return [to_domain.membership(m) for m in memberships(person_id)]


def feed_of(person_id: str) -> list[FeedItem]:
    return [to_domain.feed_item(f) for f in feed_items(person_id)]


def updates_by(campaign_ids: list[str], person_id: str) -> list[OwnerUpdate]:
    return [to_domain.owner_update(u, update_id(u)) for u in updates_written(campaign_ids, person_id)]
