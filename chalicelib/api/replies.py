"""The conversation under a campaign: threaded replies, oldest first."""

from __future__ import annotations

from chalice.app import Blueprint, Response
from pydantic import BaseModel, Field

from chalicelib.api.campaigns import visible_campaign
from chalicelib.domain.campaigns import Status
from chalicelib.domain.dialogue import REPLIES_PER_HOUR, reply_badges
from chalicelib.domain.errors import Conflict, Forbidden
from chalicelib.domain.identity import ANYONE, SIGNED_IN, Role
from chalicelib.http import presenters
from chalicelib.http.routing import Call, endpoint, if_match_version
from chalicelib.http.schemas import ListQuery, Reply, StrictModel
from chalicelib.store import profiles, rate_limits
from chalicelib.store import replies as store


class ReplyCreate(StrictModel):
    body: str = Field(min_length=1, max_length=5000)
    parent_id: str | None = Field(default=None, max_length=64)


class ReplyEdit(StrictModel):
    body: str = Field(min_length=1, max_length=5000)


class ReplyPage(BaseModel):
    items: list[Reply]
    next_cursor: str | None


class ThreadQuery(ListQuery):
    pass


replies = Blueprint(__name__)


def _open_for_replies(status: str) -> None:
    if status != Status.OPEN.value:
        raise Conflict("Only open campaigns take replies; a closed campaign's thread is read-only.",
                       code="campaign_read_only", details={"status": status})


@endpoint(replies, "GET", "/campaigns/{campaign_id}/replies", access=ANYONE, query=ThreadQuery, response=ReplyPage,
          tags=("dialogue",), errors=(404,), summary="The conversation, oldest first, threaded by parent_id")
def list_replies(call: Call, campaign_id: str) -> ReplyPage:
    visible_campaign(call.caller, campaign_id)
    records, cursor = store.thread(campaign_id, call.query.limit, call.query.cursor)
    moderator = call.caller is not None and call.caller.has(Role.MODERATOR)
    shown = [r for r in records if not r.hidden or moderator or (call.caller and call.caller.id == r.author_id)]
    return ReplyPage(items=presenters.replies(shown), next_cursor=cursor)


@endpoint(replies, "POST", "/campaigns/{campaign_id}/replies", access=SIGNED_IN, body=ReplyCreate, response=Reply,
          status=201, tags=("dialogue",), errors=(404, 409, 429),
          summary="Reply to a campaign or to a reply (30 an hour per person)")
def create_reply(call: Call, campaign_id: str) -> Reply:
    caller = call.signed_in
    campaign, member = visible_campaign(caller, campaign_id)
    _open_for_replies(campaign.status)
    rate_limits.take("replies", caller.id, REPLIES_PER_HOUR, 3600)
    person = profiles.ensure_person(caller)
    organisation = profiles.get_organisation(campaign.organisation_id) if campaign.organisation_id else None
    badges = reply_badges(caller, owner_id=campaign.owner_id, portfolio=list(person.portfolio),
                          organisation_handle=organisation.handle if organisation else None, member_of_host=member)
    record = store.create_reply(campaign_id=campaign_id, author_id=caller.id, body=call.body.body,
                                parent_id=call.body.parent_id, badges=badges,
                                tell_area=campaign.area if campaign.official_response else None)
    return presenters.replies([record])[0]


def _own_reply(call: Call, campaign_id: str, reply_id: str):
    campaign, _ = visible_campaign(call.signed_in, campaign_id)
    reply = store.get_reply(reply_id, campaign_id)
    if reply.author_id != call.signed_in.id:
        raise Forbidden("Only its author may change a reply.")
    if reply.deleted_at:
        raise Conflict("This reply was removed by its author.", code="reply_removed")
    _open_for_replies(campaign.status)
    return reply


@endpoint(replies, "PATCH", "/campaigns/{campaign_id}/replies/{reply_id}", access=SIGNED_IN, body=ReplyEdit,
          response=Reply, tags=("dialogue",), headers=("If-Match",), errors=(404, 409, 412),
          summary="Edit your reply; the earlier words are kept in its history")
def edit_reply(call: Call, campaign_id: str, reply_id: str) -> Reply:
    reply = _own_reply(call, campaign_id, reply_id)
    return presenters.replies([store.edit_reply(reply, call.body.body, if_match_version(call, required=False))])[0]


@endpoint(replies, "DELETE", "/campaigns/{campaign_id}/replies/{reply_id}", access=SIGNED_IN, tags=("dialogue",),
          status=204, errors=(404, 409), summary="Remove your reply; a tombstone keeps the thread's shape")
def delete_reply(call: Call, campaign_id: str, reply_id: str) -> Response:
    store.delete_reply(_own_reply(call, campaign_id, reply_id))
    return Response(body="", status_code=204)
