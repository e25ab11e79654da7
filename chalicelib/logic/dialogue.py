"""The dialogue under a campaign: replies and owners' updates (ministers' official responses:
`logic/responses.py`)."""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.domain import limits
from chalicelib.domain.campaigns import Campaign, is_public, require_takes_back, require_takes_replies
from chalicelib.domain.dialogue import OwnerUpdate, Reply, no_such_reply, reply_badges, reply_changed
from chalicelib.domain.errors import ConditionFailed, Conflict, Forbidden
from chalicelib.domain.identity import Caller
from chalicelib.domain.people import KnownPerson, Names
from chalicelib.domain.permissions import can_edit_campaign, can_see_hidden_reply
from chalicelib.logic.campaigns import get_campaign, visible_campaign
from chalicelib.logic.campaigns import names as campaign_names
from chalicelib.logic.people import known
from chalicelib.logic.ports import stores
from chalicelib.logic.refusals import explained, take
from chalicelib.logic.support import snapshot_of


@dataclass(frozen=True)
class Thread:
    """A page of a conversation, with its authors' names."""

    replies: list[Reply]
    next_cursor: str | None
    names: Names


def thread(caller: Caller | None, campaign_id: str, limit: int, cursor: str | None) -> Thread:
    """A page of the conversation. Hidden replies show only to their authors and moderators."""
    visible_campaign(caller, campaign_id)
    with explained():
        records, next_cursor = stores().replies.thread(campaign_id, limit, cursor)
    shown = [r for r in records if not r.hidden or can_see_hidden_reply(caller, r.author_id)]
    return Thread(shown, next_cursor, authors(shown))


def authors(replies: list[Reply]) -> Names:
    """The names shown beside replies (one BatchGetItem for those the container does not keep)."""
    return Names(people=stores().people.names_of_people({r.author_id for r in replies}))


@dataclass(frozen=True)
class Written:
    """A reply just written, with the profile it was written with."""

    reply: Reply
    author: KnownPerson  # the profile it was written with: its name and handle echo in the answer


def reply(caller: Caller, campaign_id: str, body: str, parent_id: str | None, language: str = "en") -> Written:
    """A reply in `language`, with the badges that say who wrote it; 30 an hour per person. On a warm container
    nothing is read first: the campaign from the support path's two-second cache, the author and
    their organisation from the container's short copies; the rate limit and the erasure check
    go in the reply's own write. A campaign not anyone may see is read in full, to tell who may."""
    s = stores()
    snapshot = snapshot_of(campaign_id)
    if is_public(snapshot.status, snapshot.hidden):
        status, owner_id, organisation_id = snapshot.status, snapshot.owner_id, snapshot.organisation_id
        area, answered = snapshot.area, snapshot.answered
        member = s.people.recent_membership_role(organisation_id, caller.id) is not None
    else:
        seen = visible_campaign(caller, campaign_id)  # 404 to whoever may not see it
        campaign, member = seen.campaign, seen.member
        status, owner_id, organisation_id = campaign.status, campaign.owner_id, campaign.organisation_id
        area, answered = campaign.area, campaign.official_response is not None
    require_takes_replies(status)
    person = known(caller)
    hosted_by = s.people.organisation_handle(organisation_id) if organisation_id and member else None
    badges = reply_badges(caller, owner_id=owner_id, portfolio=list(person.portfolio),
                          organisation_handle=hosted_by, member_of_host=member)
    try:
        with explained(limits.REPLIES):
            record = s.replies.create_reply(campaign_id=campaign_id, author_id=caller.id, body=body,
                                            parent_id=parent_id, badges=badges, tell_area=area if answered else None,
                                            limit=limits.REPLIES, notice_area=area, language=language)
    except ConditionFailed as refused:
        if "parent" in refused.failed:  # no such reply to answer, under this campaign
            raise no_such_reply() from refused
        raise
    return Written(record, person)


def _own_reply(caller: Caller, campaign: Campaign, reply_id: str) -> Reply:
    record = stores().replies.get_reply(reply_id, campaign.id)
    if record is None:
        visible_campaign(caller, campaign.id)
        raise no_such_reply()
    if record.author_id != caller.id:
        visible_campaign(caller, campaign.id)  # a stranger learns nothing of a campaign they cannot see
        raise Forbidden(wording="reply_author")
    if record.deleted_at:
        raise Conflict(code="reply_removed")
    return record


def edit_reply(caller: Caller, campaign_id: str, reply_id: str, body: str, version: int | None,
               language: str | None = None) -> Reply:
    """New words (and the language they are in, if said; None keeps the reply's)."""
    campaign = visible_campaign(caller, campaign_id).campaign
    record = _own_reply(caller, campaign, reply_id)
    require_takes_replies(campaign.status)
    if version is not None and version != record.version:
        raise reply_changed(record.version)
    return stores().replies.edit_reply(record, body, language)


def delete_reply(caller: Caller, campaign_id: str, reply_id: str) -> None:
    """One's own words can always be taken back, on a closed or hidden campaign too; editing there stays refused."""
    campaign = get_campaign(campaign_id)
    require_takes_back(campaign.status)
    stores().replies.delete_reply(_own_reply(caller, campaign, reply_id))


@dataclass(frozen=True)
class MyReplies:
    """A page of a person's own replies, with where each is."""

    replies: list[Reply]  # newest first
    names: Names  # theirs, as shown beside each
    campaigns: dict[str, Campaign]  # each reply's campaign (a link's worth); absent once gone
    next_cursor: str | None


def my_replies(caller: Caller, limit: int, cursor: str | None) -> MyReplies:
    """A page of the caller's own replies, newest first, hidden and deleted ones too (they are theirs),
    with the campaigns they are on (id, slug, title): two reads and one BatchGetItem."""
    s = stores()
    with explained():
        records, next_cursor = s.replies.page_by_author(caller.id, limit, cursor)
    campaigns = s.campaign_lists.titles_of(list(dict.fromkeys(r.campaign_id for r in records)))
    return MyReplies(records, authors(records), {c.id: c for c in campaigns}, next_cursor)


def post_update(caller: Caller, campaign_id: str, headline: str, body: str) -> OwnerUpdate:
    """News from the campaign's owner (or its organisation) to every supporter and follower."""
    s = stores()
    seen = visible_campaign(caller, campaign_id)
    if not can_edit_campaign(caller, seen.campaign.owner_id, seen.member):
        raise Forbidden(wording="owner_or_members_update")
    take(limits.OWNER_UPDATES, seen.campaign.id)  # in any 24 hours, not per UTC day
    try:
        return s.owner_updates.post_update(seen.campaign, caller.id, headline, body)
    except ConditionFailed as refused:  # hidden since it was read
        if "campaign" in refused.failed:
            raise Conflict(code="campaign_not_public", wording="updates") from refused
        raise


UPDATES_ON_PAGE = 10


def shown_updates(campaign: Campaign) -> list[OwnerUpdate]:
    """A public campaign's latest updates for its page: read only if it has sent any."""
    return stores().outbox.updates_of(campaign.id, UPDATES_ON_PAGE) if campaign.updates_posted else []


def updates_of(caller: Caller | None, campaign_id: str) -> list[OwnerUpdate]:
    visible_campaign(caller, campaign_id)
    return stores().outbox.updates_of(campaign_id)


def public_thread(campaign_id: str, limit: int, cursor: str | None) -> Thread:
    """A page of a public campaign's conversation as a page shows it: hidden replies left out."""
    with explained():
        records, next_cursor = stores().replies.thread(campaign_id, limit, cursor)
    public = [r for r in records if not r.hidden]
    return Thread(public, next_cursor, authors(public))


def cursor_after(reply: Reply) -> str | None:
    """A cursor that continues a thread after `reply`, as if a page had ended there."""
    return stores().replies.thread_cursor_after(reply)


@dataclass(frozen=True)
class Recent:
    """A person's latest replies shown on their page, on public campaigns only, with those campaigns."""

    replies: list[Reply]
    reply_names: Names
    campaigns: dict[str, Campaign]
    campaign_names: Names


def recent_replies(author_id: str, limit: int) -> Recent:
    s = stores()
    records = [r for r in s.replies.by_author(author_id, limit) if not r.hidden and not r.deleted_at]
    campaigns = {c.id: c for c in s.campaign_lists.fetch_in_order(list({r.campaign_id for r in records}))}
    visible = [r for r in records if r.campaign_id in campaigns and is_public(campaigns[r.campaign_id].status,
                                                                              campaigns[r.campaign_id].hidden)]
    shown = {i: campaigns[i] for i in {r.campaign_id for r in visible}}
    return Recent(visible, authors(visible), shown, campaign_names(list(shown.values())))
