"""A person's data: everything held about them, gathered from every table that holds it, and
starting the erasure of their account. The API shows what is gathered (`api/privacy.py`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chalicelib.domain.identity import Caller
from chalicelib.domain.shards import campaign_of
from chalicelib.logic import sign_ins
from chalicelib.store import amendments, campaign_lists, erasures, my_data, profiles
from chalicelib.store import notifications as notification_store


@dataclass(frozen=True)
class HeldAbout:
    """What Labourspace holds about one person, as records."""

    person: Any
    memberships: list[Any]
    organisations: dict[str, Any]
    owned: list[Any]
    supports: list[Any]
    supported_campaigns: dict[str, Any]
    followed: list[str]
    replies: list[Any]
    amendments: list[Any]
    responses: list[Any]
    updates: list[Any]
    reports: list[Any]
    settings: Any
    channels: dict[str, list[str]]
    devices: list[Any]
    feed: list[Any]


def held_about(caller: Caller) -> HeldAbout:
    """Everything, read by key or index: nothing here scans a table."""
    erasures.refuse_if_erasing(caller.id)
    person = profiles.ensure_person(caller)
    memberships = my_data.memberships(caller.id)
    supports = list(my_data.support_records(caller.id))
    supported = {c.id: c for c in campaign_lists.fetch_in_order(
        sorted({s.campaign_id or campaign_of(s.campaign_shard) for s in supports}))}
    owned = list(my_data.owned_campaigns(caller.id))
    hosted = my_data.hosted_campaign_ids([m.organisation_id for m in memberships])
    settings = notification_store.settings_of(caller.id)
    return HeldAbout(
        person=person, memberships=memberships,
        organisations=profiles.get_organisations({m.organisation_id for m in memberships}),
        owned=owned, supports=supports, supported_campaigns=supported,
        followed=my_data.followed_campaign_ids(caller.id), replies=list(my_data.reply_records(caller.id)),
        amendments=amendments.proposed_by(caller.id),
        responses=list(my_data.response_records(caller.id)),
        updates=list(my_data.updates_written([c.id for c in owned] + hosted, caller.id)),
        reports=list(my_data.report_records(caller.id)), settings=settings,
        channels=notification_store.channels_for_all(settings), devices=my_data.devices(caller.id),
        feed=list(my_data.feed_items(caller.id)))


def erase_account(caller: Caller) -> None:
    """Mark the account erasing (once), and end every sign-in of it: no token from before does
    anything more, reading included. The erasure job does the rest, even if interrupted."""
    erasures.refuse_if_erasing(caller.id)  # a double submit hears why, not a second job
    erasures.start(caller.id)
    sign_ins.sign_out_everywhere(caller)
