"""Notices: something done to what a person did, told to that person alone (domain/events rows with
`notice`): their campaign approved or rejected (with the moderator's reason), an invitation to an
organisation, an answer to their reply. The idea's owner hears of manifesto moves and responses
through the fan-out's owner page instead.

Each arrives from the outbox's stream like any event; who is told is found now, from the thing itself
(`Addressee`), and is told the way they chose for its kind: the feed always, email to the address on
record (their verified sign-in email unless they confirmed another), a push if they chose one. The
feed item's conditional put decides, as in the fan-out, so a retried batch sends nothing twice.
Nothing here goes on the events topic: it is one person's business.
"""

from __future__ import annotations

from typing import Any

from pynamodb.exceptions import DoesNotExist

from chalicelib.domain.events import Addressee, hearing, still_told
from chalicelib.domain.notifications import SupporterUpdate, notice_text
from chalicelib.domain.privacy import FORMER_MEMBER_PREFIX
from chalicelib.notify.addresses import settings_with_address
from chalicelib.notify.fanout import reaches_beyond_feed, send_beyond_feed
from chalicelib.notify.languages import with_translations
from chalicelib.observability import count_event, logger
from chalicelib.settings import get_settings
from chalicelib.store import notifications, outbox
from chalicelib.store import people as profiles
from chalicelib.store.tables.campaigns import CampaignRecord
from chalicelib.store.tables.replies import ReplyRecord

CAMPAIGN_SHOWN = ["id", "title", "slug", "status", "hidden", "owner_id"]


def _someone(person_id: str | None) -> str | None:
    """An erased person's things are a former member's: there is nobody to tell."""
    return None if not person_id or person_id.startswith(FORMER_MEMBER_PREFIX) else person_id


def _about_a_campaign(event: dict[str, Any], to: Addressee) -> tuple[str | None, SupporterUpdate | None]:
    try:
        campaign = CampaignRecord.get(event["campaign_id"], attributes_to_get=CAMPAIGN_SHOWN)
    except DoesNotExist:  # a draft deleted since: nothing to tell about
        return None, None
    kind, base = event["kind"], get_settings().public_base_url
    if not still_told(kind, status=campaign.status, hidden=campaign.hidden):
        return None, None
    if to is Addressee.REPLIED_TO:
        replies = {r.reply_id: r for r in ReplyRecord.batch_get([event["parent_id"], event["reply_id"]],
                                                                attributes_to_get=["reply_id", "author_id", "hidden",
                                                                                   "deleted_at"])}
        answered, answer = replies.get(event["parent_id"]), replies.get(event["reply_id"])
        if answered is None or answer is None or any(r.hidden or r.deleted_at for r in (answered, answer)):
            return None, None  # taken back or hidden meanwhile: it says nothing now
        person, url = answered.author_id, f"{base}/c/{campaign.slug}#reply-{answer.reply_id}"
    else:
        person = campaign.owner_id
        # A rejected campaign has no public page: its owner changes it from their own.
        url = (f"{base}/my/campaigns/{campaign.id}/edit" if kind == "campaign_rejected"
               else f"{base}/c/{campaign.slug}")
    title, text, translations = with_translations(
        lambda: notice_text(kind, campaign=campaign.title, reason=event.get("note")))
    return _someone(person), SupporterUpdate(campaign_id=campaign.id, event_key=event["event_key"], kind=kind,
                                             title=title, text=text, url=url, created_at=event["created_at"],
                                             translations=translations)


def _an_invitation(event: dict[str, Any]) -> tuple[str | None, SupporterUpdate | None]:
    person, organisation_id = event["person_id"], event["organisation_id"]
    organisation = profiles.get_organisation(organisation_id)
    if organisation is None or not profiles.still_invited(organisation_id, person):
        return None, None  # answered, withdrawn or gone before it could be told
    title, text, translations = with_translations(lambda: notice_text("invited", organisation=organisation.name))
    return _someone(person), SupporterUpdate(campaign_id="", event_key=event["event_key"], kind=event["kind"],
                                             title=title, text=text, translations=translations,
                                             url=f"{get_settings().public_base_url}/my/organisations",
                                             created_at=event["created_at"])


def tell(event: dict[str, Any]) -> bool:
    """Tell one notice to its person; True if it reached someone's feed for the first time now."""
    to = hearing(event["kind"]).to
    assert to is not None, f"{event['kind']} is not a notice"
    person, item = _an_invitation(event) if to is Addressee.INVITEE else _about_a_campaign(event, to)
    told = False
    if person is not None and item is not None:
        settings = settings_with_address(person)
        if reaches_beyond_feed(settings, item.kind):
            told = send_beyond_feed(person, item, settings)
        else:
            told = notifications.add_feed_item(person, item)
    if event.get("person_id"):  # the outbox keeps nobody's id once the telling is done
        outbox.forget_told(event["campaign_id"], event["event_key"])
    return told


def tell_each(events: list[dict[str, Any]]) -> int:
    told = sum(tell(event) for event in events)
    count_event("NoticesTold", told)
    logger.info("notices told", extra={"notices": [f"{e['campaign_id']}/{e['event_key']}" for e in events],
                                       "told": told})
    return told
