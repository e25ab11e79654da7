"""The conversation under a campaign: threaded replies, oldest first."""

from __future__ import annotations

from chalice.app import Response
from pydantic import Field

from chalicelib.domain.identity import ANYONE, SIGNED_IN
from chalicelib.http import presenters
from chalicelib.http.routing import Call, endpoint, if_match_version
from chalicelib.http.schemas import ApiModel, ListQuery, Reply, StrictModel
from chalicelib.logic import dialogue as logic


class ReplyCreate(StrictModel):
    body: str = Field(min_length=1, max_length=5000)
    parent_id: str | None = Field(default=None, max_length=64)


class ReplyEdit(StrictModel):
    body: str = Field(min_length=1, max_length=5000)


class ReplyPage(ApiModel):
    items: list[Reply]
    next_cursor: str | None


class ThreadQuery(ListQuery):
    pass




@endpoint("GET", "/campaigns/{campaign_id}/replies", access=ANYONE, query=ThreadQuery, response=ReplyPage,
          tags=("dialogue",), errors=(404,), summary="The conversation, oldest first, threaded by parent_id")
def list_replies(call: Call, campaign_id: str) -> ReplyPage:
    shown, cursor = logic.thread(call.caller, campaign_id, call.query.limit, call.query.cursor)
    return ReplyPage(items=presenters.replies(shown), next_cursor=cursor)


@endpoint("POST", "/campaigns/{campaign_id}/replies", access=SIGNED_IN, body=ReplyCreate, response=Reply,
          status=201, tags=("dialogue",), errors=(404, 409, 429), erasure_in_write=True,
          summary="Reply to a campaign or to a reply (30 an hour per person)")
def create_reply(call: Call, campaign_id: str) -> Reply:
    written = logic.reply(call.signed_in, campaign_id, call.body.body, call.body.parent_id)
    return presenters.replies([written.reply], authors={written.author.id: written.author})[0]


@endpoint("PATCH", "/campaigns/{campaign_id}/replies/{reply_id}", access=SIGNED_IN, body=ReplyEdit,
          response=Reply, tags=("dialogue",), headers=("If-Match",), errors=(404, 409, 412),
          summary="Edit your reply; the earlier words are kept in its history")
def edit_reply(call: Call, campaign_id: str, reply_id: str) -> Reply:
    edited = logic.edit_reply(call.signed_in, campaign_id, reply_id, call.body.body,
                              if_match_version(call, required=False))
    return presenters.replies([edited])[0]


@endpoint("DELETE", "/campaigns/{campaign_id}/replies/{reply_id}", access=SIGNED_IN, tags=("dialogue",),
          status=204, errors=(404, 409), summary="Remove your reply; a tombstone keeps the thread's shape")
def delete_reply(call: Call, campaign_id: str, reply_id: str) -> Response:
    logic.delete_reply(call.signed_in, campaign_id, reply_id)
    return Response(body="", status_code=204)
