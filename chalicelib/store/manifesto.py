"""The manifesto tracker in storage: a move is one transaction (the campaign, conditional on the
version its mover read; the audit record; the outbox event every supporter and follower hears
about), and the tracker is listed from two sparse keys-only indexes: no Scan. Whether a move is
allowed is the domain's rule (`domain.manifesto.advance`), asked by `logic.manifesto` before."""

from __future__ import annotations

from typing import Any

from pynamodb.exceptions import TransactWriteError

from chalicelib.domain.campaigns import Campaign, is_public
from chalicelib.domain.errors import ConditionFailed
from chalicelib.domain.events import EventKind
from chalicelib.domain.manifesto import LISTED, Tracked
from chalicelib.domain.times import moment
from chalicelib.store import outbox
from chalicelib.store.base import Transaction
from chalicelib.store.campaign_lists import fetch_in_order
from chalicelib.store.campaigns import as_read, audit_record, get_campaign, public_condition
from chalicelib.store.pagination import decode_cursor, encode_cursor
from chalicelib.store.tables.campaigns import CampaignRecord, ManifestoMap, ManifestoMoveMap

AUDIT_ACTION = "manifesto"


def move(campaign: Campaign, *, actor_id: str, after: Tracked) -> Campaign:
    """The idea's place in the tracker becomes `after` (its last move the new one), if the campaign
    is still as `campaign` was read (its version) and still public: ConditionFailed "campaign" if
    someone changed it meanwhile (another policy member moving it first) or it was hidden."""
    now, note = moment(after.updated_at), after.note
    history = [ManifestoMoveMap(stage=m.stage.value, note=m.note, at=m.at) for m in after.history]
    tx = Transaction()
    tx.update(as_read(campaign), [
        CampaignRecord.manifesto.set(ManifestoMap(history=history)),
        CampaignRecord.manifesto_stage.set(after.stage.value),
        CampaignRecord.manifesto_area_stage.set(f"{after.stage.value}#{campaign.area}"),
        CampaignRecord.manifesto_at.set(after.updated_at),
        CampaignRecord.updated_at.set(now),
    ], "campaign", condition=public_condition())  # and the version read (VersionAttribute)
    tx.save(audit_record(f"campaign#{campaign.id}", actor_id, f"{AUDIT_ACTION}:{after.stage.value}", note, now),
            "audit")
    outbox.add_to(tx, outbox.event(campaign.id, EventKind.MANIFESTO, campaign.area, after.updated_at,
                                   key=outbox.manifesto_key(after.stage.value), stage=after.stage.value, note=note))
    try:
        tx.commit()
    except TransactWriteError as exc:
        if "campaign" in tx.failed:
            raise ConditionFailed("campaign") from exc
        raise
    moved = get_campaign(campaign.id)
    assert moved is not None  # the write's condition found it
    return moved


def _stages(stage: str | None) -> list[str]:
    return [stage] if stage else [s.value for s in LISTED]


def page(*, area: str | None, stage: str | None, limit: int, cursor: str | None) -> tuple[list[Campaign], str | None]:
    """Ideas in the tracker, newest move first within a stage; without a stage, stage after stage in
    `LISTED` order (a page may run on into the next stage). One Query per stage reached (at most 4),
    then one BatchGetItem. The cursor says which stage and where in it."""
    stages = _stages(stage)
    scope = f"manifesto:{area or '*'}:{stage or '*'}"
    at = decode_cursor(scope, cursor) or {"stage": stages[0], "key": None}
    if at.get("stage") not in stages:
        raise ConditionFailed("cursor")
    position, key = stages.index(at["stage"]), at.get("key")
    ids: list[str] = []
    following: dict[str, Any] | None = None
    while True:
        current = stages[position]
        index, hash_value = ((CampaignRecord.manifesto_by_area_stage, f"{current}#{area}") if area
                             else (CampaignRecord.manifesto_by_stage, current))
        results = index.query(hash_value, scan_index_forward=False, limit=limit - len(ids), last_evaluated_key=key)
        ids += [r.id for r in results]
        if results.last_evaluated_key:
            following = {"stage": current, "key": results.last_evaluated_key}
            break
        position, key = position + 1, None
        if position == len(stages):
            break
        if len(ids) >= limit:
            following = {"stage": stages[position], "key": None}
            break
    records = fetch_in_order(ids)
    return [c for c in records if is_public(c.status, c.hidden)], encode_cursor(scope, following)
