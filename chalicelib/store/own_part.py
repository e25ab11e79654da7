"""A person's part in one campaign, read for them alone (`GET /me/campaigns/{id}`): the campaign
as it is now, their support, their follow, their replies there. Every read is keyed, and the ones
their own acts change are consistent, so a page never shows them less than they just did."""

from __future__ import annotations

from pynamodb.exceptions import DoesNotExist

from chalicelib.domain.campaigns import Campaign
from chalicelib.domain.dialogue import Reply
from chalicelib.domain.own_view import GivenSupport
from chalicelib.domain.shards import shard_key, shard_of
from chalicelib.store import to_domain
from chalicelib.store.tables.campaigns import CampaignRecord
from chalicelib.store.tables.follows import FollowRecord
from chalicelib.store.tables.replies import ReplyRecord
from chalicelib.store.tables.supports import SupportRecord

# What the person's view needs of the campaign: not its words, nor its regional figures.
CAMPAIGN_NOW = ["id", "status", "hidden", "support_count", "count_read_at", "version", "owner_id",
                "organisation_id", "area", "manifesto_stage", "official_response.created_at", "closed_at"]
# A person's replies are found among their latest ones (index `by_author`, newest first): enough for
# anyone but a prolific replier, and a bounded read for them too.
LATEST_REPLIES = 20


def campaign_now(campaign_id: str) -> Campaign | None:
    """The campaign's state, count and stage, read consistently: what the person just changed is in it."""
    try:
        return to_domain.campaign(CampaignRecord.get(campaign_id, consistent_read=True,
                                                     attributes_to_get=CAMPAIGN_NOW))
    except DoesNotExist:
        return None


def support_of(campaign_id: str, person_id: str) -> GivenSupport | None:
    try:
        record = SupportRecord.get(shard_key(campaign_id, shard_of(person_id)), person_id, consistent_read=True,
                                   attributes_to_get=["supporter_id", "supported_at", "consent_version"])
    except DoesNotExist:
        return None
    return GivenSupport(record.supported_at or "", record.consent_version)


def follows(campaign_id: str, person_id: str) -> bool:
    try:
        FollowRecord.get(shard_key(campaign_id, shard_of(person_id)), person_id, consistent_read=True,
                         attributes_to_get=["person_id"])
    except DoesNotExist:
        return False
    return True


def replies_on(campaign_id: str, author_id: str) -> list[Reply]:
    """The person's replies on this campaign among their latest, newest first; hidden ones too
    (their author still sees them), deleted ones as the tombstones they are."""
    ids = [k.reply_id for k in ReplyRecord.by_author.query(author_id, scan_index_forward=False, limit=LATEST_REPLIES)]
    if not ids:
        return []
    found = {r.reply_id: r for r in ReplyRecord.batch_get(
        ids, attributes_to_get=["reply_id", "campaign_id", "author_id", "created_at", "deleted_at", "hidden"])}
    return [to_domain.reply(found[i]) for i in ids if i in found and found[i].campaign_id == campaign_id]
