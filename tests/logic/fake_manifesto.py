"""The manifesto port in memory: `store.manifesto`'s move, conditional on the version read and on
the campaign staying public, audited, with its outbox event, all or nothing."""

from __future__ import annotations

import copy
from typing import Any

from chalicelib.domain.campaigns import is_public
from chalicelib.domain.errors import Conflict, StaleVersion
from chalicelib.domain.events import EventKind
from chalicelib.domain.manifesto import Tracked, advance
from chalicelib.store.outbox import manifesto_key
from tests.logic.fakes_base import Event


class FakeManifesto:
    def __init__(self, campaigns: Any, outbox: Any) -> None:
        self.campaigns, self.outbox, self.clock = campaigns, outbox, campaigns.clock

    def tracked(self, record: Any) -> Tracked | None:
        return record.manifesto  # the fakes keep the rules' own Tracked on the campaign

    def move(self, campaign: Any, *, actor_id: str, stage: str, note: str) -> Any:
        now = self.clock.iso()
        after = advance(campaign.manifesto, stage, note, now)
        stored = self.campaigns.stored(campaign.id)
        if not is_public(stored.status, stored.hidden):
            raise Conflict("Only open or closed campaigns can enter the manifesto tracker.",
                           code="campaign_not_public")
        if stored.version != campaign.version:
            raise StaleVersion("The campaign changed since you read it; reload it.")
        self.outbox.add(Event(stored.id, manifesto_key(after.stage.value), EventKind.MANIFESTO.value, stored.area, now,
                              stage=after.stage.value, note=note))
        stored.manifesto, stored.version = after, stored.version + 1
        self.campaigns.audit_trail.append((f"campaign#{stored.id}", actor_id, f"manifesto:{after.stage.value}", note))
        return copy.deepcopy(stored)
