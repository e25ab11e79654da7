"""Official responses: the campaign's current one, its history, and the event that every
supporter hears about, all in one transaction, so the event cannot be lost."""

from __future__ import annotations

import uuid

from pynamodb.exceptions import TransactWriteError

from chalicelib.domain.campaigns import Campaign
from chalicelib.domain.dialogue import Response
from chalicelib.domain.errors import ConditionFailed
from chalicelib.domain.events import EventKind
from chalicelib.store import outbox, to_domain
from chalicelib.store.base import Transaction, iso, utcnow
from chalicelib.store.campaign_lists import fetch_in_order
from chalicelib.store.campaigns import as_read, public_condition
from chalicelib.store.supports import forget_snapshot
from chalicelib.store.tables.campaigns import ANSWERED, CampaignRecord, OfficialResponseMap
from chalicelib.store.tables.minister_records import MinisterRecordItem
from chalicelib.store.tables.responses import ResponseRecord


def give_response(campaign: Campaign, minister_id: str, stance: str, body: str,
                  announce: bool, answered_after_days: int | None = None) -> Response:
    """The response becomes the campaign's current one, joins the history, and, if `announce`,
    raises the event every supporter hears about. Only if the campaign is still public and its
    current response is still the one read (ConditionFailed "campaign" otherwise), so two at once
    cannot both be announced. With `answered_after_days`, the answer counts on the minister's
    record (README, "Ministers' record"), in the same transaction, and only while the campaign
    still waits in the inbox."""
    now = iso(utcnow())
    response_key = f"{now}#{uuid.uuid4().hex[:8]}"
    record = ResponseRecord(campaign_id=campaign.id, response_key=response_key, minister_id=minister_id,
                            area=campaign.area, stance=stance, body=body, created_at=now)
    read = campaign.official_response
    answer_as_read = (CampaignRecord.official_response.does_not_exist() if read is None
                      else CampaignRecord.official_response.created_at == read.created_at)
    if answered_after_days is not None:
        answer_as_read = answer_as_read & CampaignRecord.inbox_area.exists()
    tx = Transaction()
    tx.update(as_read(campaign), [
        CampaignRecord.official_response.set(OfficialResponseMap(
            minister_id=minister_id, stance=stance, body=body, created_at=now)),
        CampaignRecord.inbox_area.remove(),  # answered: out of the ministers' inbox
        CampaignRecord.answer_state.set(ANSWERED), CampaignRecord.answer_state_at.set(now),  # the public list
    ], "campaign", condition=public_condition() & answer_as_read, check_version=False)
    tx.save(record, "response")
    if answered_after_days is not None:
        tx.system_update(MinisterRecordItem, minister_id, [
            MinisterRecordItem.answered.add(1),
            MinisterRecordItem.answer_days.set((MinisterRecordItem.answer_days | []).append([answered_after_days])),
            MinisterRecordItem.last_answered_at.set(now),
        ], "minister_record")
    if announce:
        outbox.add_to(tx, outbox.event(campaign.id, EventKind.RESPONSE, campaign.area, now,
                                       key=outbox.response_key(response_key), stance=stance))
    try:
        tx.commit()
    except TransactWriteError as exc:
        if "campaign" in tx.failed:
            raise ConditionFailed("campaign") from exc
        raise
    forget_snapshot(campaign.id)  # answered now: this container's next reply there alerts the ministers
    return to_domain.response(record)


def history(campaign_id: str) -> list[Response]:
    """Every response, newest (current) first."""
    return [to_domain.response(r) for r in ResponseRecord.query(campaign_id, scan_index_forward=False)]


def inbox(areas: list[str], per_area: int = 100) -> list[Campaign]:
    """Campaigns in these areas past the response threshold with no response, oldest first."""
    ids = []
    for area in areas:
        ids += [k.id for k in CampaignRecord.ministers_inbox.query(area, scan_index_forward=True, limit=per_area)]
    campaigns = fetch_in_order(ids)
    return sorted(campaigns, key=lambda c: c.threshold_reached_at or "")


def campaigns_answered_by(minister_id: str, limit: int) -> list[str]:
    """The campaigns a minister answered, most recent answer first (each once)."""
    ids: list[str] = []
    for key in ResponseRecord.by_minister.query(minister_id, scan_index_forward=False, page_size=limit):
        if key.campaign_id not in ids:
            ids.append(key.campaign_id)
        if len(ids) == limit:
            break
    return ids


def answer_days(minister_id: str) -> list[int]:
    """The days each of the minister's counted answers took (one GetItem); none before the first."""
    try:
        item = MinisterRecordItem.get(minister_id, attributes_to_get=["answer_days"])
    except MinisterRecordItem.DoesNotExist:
        return []
    return list(to_domain.numbers(item.answer_days))


def waiting_since(area: str) -> list[str]:
    """When each campaign waiting in the area's inbox reached the threshold: one Query of the sparse,
    keys-only `ministers_inbox` index (a page per ~10,000 waiting), nothing else read."""
    return [k.threshold_reached_at for k in CampaignRecord.ministers_inbox.query(area)]
