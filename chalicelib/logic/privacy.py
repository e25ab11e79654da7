"""A person's data: everything held about them, gathered from every table that holds it, and
starting the erasure of their account. The API shows what is gathered (`api/privacy.py`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from chalicelib.domain.errors import ConditionFailed
from chalicelib.domain.privacy import account_erased, account_erasing
from chalicelib.logic.ports import stores

if TYPE_CHECKING:  # what the export holds: every request checks `refuse_if_erasing`, few export
    from chalicelib.domain.amendments import Amendment
    from chalicelib.domain.campaigns import Campaign
    from chalicelib.domain.dialogue import OwnerUpdate, Reply, Response
    from chalicelib.domain.identity import Caller
    from chalicelib.domain.moderation import Report
    from chalicelib.domain.notifications import Device, FeedItem, Settings
    from chalicelib.domain.people import Membership, Names, Organisation, Person
    from chalicelib.domain.privacy import Support

ERASING, ERASED = "erasing", "erased"  # an erasure's states, as the store keeps them


@dataclass(frozen=True)
class HeldAbout:
    """What Labourspace holds about one person."""

    person: Person
    memberships: list[Membership]
    organisations: dict[str, Organisation]
    owned: list[Campaign]
    supports: list[Support]
    supported_campaigns: dict[str, Campaign]
    followed: list[str]
    replies: list[Reply]
    amendments: list[Amendment]
    responses: list[Response]
    updates: list[OwnerUpdate]
    reports: list[Report]
    settings: Settings
    channels: dict[str, list[str]]
    devices: list[Device]
    feed: list[FeedItem]
    names: Names  # beside the campaigns they own


def refuse_if_erasing(person_id: str) -> None:
    """An account being erased, or erased with a token still unexpired, does nothing more: 409
    `account_erasing`, or 401 `account_erased` (one GetItem, consistent)."""
    state = stores().erasures.state_of(person_id)
    if state == ERASING:
        raise account_erasing()
    if state == ERASED:
        raise account_erased()


def held_about(caller: Caller) -> HeldAbout:
    """Everything, read by key or index: nothing here scans a table."""
    from chalicelib.logic.campaigns import names  # the export's alone: not on every request's guard
    from chalicelib.logic.people import profile

    s = stores()
    refuse_if_erasing(caller.id)
    person = profile(caller)
    memberships = s.my_data.memberships_and_invitations(caller.id)
    supports = s.my_data.supports_of(caller.id)
    supported = {c.id: c for c in s.campaign_lists.fetch_in_order(sorted({x.campaign_id for x in supports}))}
    owned = s.my_data.campaigns_owned(caller.id)
    hosted = s.my_data.hosted_campaign_ids([m.organisation_id for m in memberships])
    settings = s.notifications.settings_of(caller.id)
    return HeldAbout(
        person=person, memberships=memberships,
        organisations=s.people.get_organisations({m.organisation_id for m in memberships}),
        owned=owned, supports=supports, supported_campaigns=supported,
        followed=s.my_data.followed_campaign_ids(caller.id), replies=s.my_data.replies_of(caller.id),
        amendments=s.amendments.proposed_by(caller.id), responses=s.my_data.responses_of(caller.id),
        updates=s.my_data.updates_by([c.id for c in owned] + hosted, caller.id),
        reports=s.my_data.reports_of(caller.id), settings=settings, channels=settings.every_channel(),
        devices=s.notifications.devices_of(caller.id), feed=s.my_data.feed_of(caller.id), names=names(owned))


def erase_account(caller: Caller) -> None:
    """Mark the account erasing (once), and end every sign-in of it: no token from before does
    anything more, reading included. The erasure job does the rest, even if interrupted."""
    refuse_if_erasing(caller.id)  # a double submit hears why, not a second job
    try:
        stores().erasures.start(caller.id)
    except ConditionFailed as refused:  # started between the check and the write
        if ERASING in refused.failed:
            raise account_erasing() from refused
        raise
    from chalicelib.logic import sign_ins  # Cognito's client (boto3): only an erasure needs it here

    sign_ins.sign_out_everywhere(caller)
