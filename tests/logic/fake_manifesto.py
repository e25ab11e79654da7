"""The manifesto port in memory: `store.manifesto`'s move, conditional on the version read and on
the campaign staying public, audited, with its outbox event, all or nothing; and its pages."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from chalicelib.domain.campaigns import Campaign, is_public
from chalicelib.domain.events import EventKind
from chalicelib.domain.manifesto import LISTED, Tracked
from chalicelib.logic.campaign_ports import Page
from chalicelib.store.outbox import manifesto_key
from tests.logic.fakes_base import ConditionFailed, OutboxEvent
from tests.logic.paging import page_of

if TYPE_CHECKING:
    from tests.logic.fakes import FakeCampaigns, FakeOutbox


class FakeManifesto:
    def __init__(self, campaigns: FakeCampaigns, outbox: FakeOutbox) -> None:
        self.campaigns, self.outbox = campaigns, outbox

    def move(self, campaign: Campaign, *, actor_id: str, after: Tracked) -> Campaign:
        stored = self.campaigns.items[campaign.id]
        if not is_public(stored.status, stored.hidden) or stored.version != campaign.version:
            raise ConditionFailed("campaign")
        self.outbox.add(OutboxEvent(stored.id, manifesto_key(after.stage.value), EventKind.MANIFESTO.value, stored.area,
                                    after.updated_at, stage=after.stage.value, note=after.note))
        moved = self.campaigns.items[stored.id] = replace(stored, manifesto=after, version=stored.version + 1)
        self.campaigns.audit_trail.append((f"campaign#{stored.id}", actor_id, f"manifesto:{after.stage.value}",
                                           after.note))
        return moved

    def page(self, *, area: str | None, stage: str | None, limit: int, cursor: str | None) -> Page:
        stages = [stage] if stage else [s.value for s in LISTED]
        tracked = [(c, c.manifesto) for c in self.campaigns.items.values() if c.manifesto is not None
                   and c.manifesto.stage.value in stages and (area is None or c.area == area)]
        newest_first = sorted(tracked, key=lambda pair: pair[1].updated_at, reverse=True)
        ordered = [c for c, moves in sorted(newest_first, key=lambda pair: stages.index(pair[1].stage.value))]
        found, next_cursor = page_of(ordered, f"manifesto:{area}:{stage}", limit, cursor)
        return [c for c in found if is_public(c.status, c.hidden)], next_cursor
