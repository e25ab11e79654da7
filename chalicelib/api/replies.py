"""The conversation under a campaign: threaded replies, oldest first."""

from __future__ import annotations

from chalice.app import Response
from pydantic import Field

from chalicelib import messages
from chalicelib.domain.identity import ANYONE, SIGNED_IN
from chalicelib.domain.people import Names, name_of
from chalicelib.http import presenters
from chalicelib.http.routing import Call, endpoint, if_match_version
from chalicelib.http.schemas import WRITTEN_IN_ON_CREATE, ApiModel, ContentLanguage, ListQuery, Reply, StrictModel
from chalicelib.logic import dialogue as logic

REPLY_LANGUAGE = "the language the reply is written in: en (English) or cy (Welsh)"


class ReplyCreate(StrictModel):
    body: str = Field(min_length=1, max_length=5000)
    parent_id: str | None = Field(default=None, max_length=64)
    language: ContentLanguage | None = Field(default=None, description=REPLY_LANGUAGE + WRITTEN_IN_ON_CREATE)


class ReplyEdit(StrictModel):
    body: str = Field(min_length=1, max_length=5000)
    language: ContentLanguage | None = Field(default=None, description=REPLY_LANGUAGE + "; if absent or null, "
                                             "the reply's stays")


class ReplyPage(ApiModel):
    items: list[Reply]
    next_cursor: str | None


class ThreadQuery(ListQuery):
    pass


class RepliedOn(ApiModel):
    id: str
    slug: str
    title: str


class MyReply(Reply):
    campaign: RepliedOn | None = Field(description="the campaign it is on; null if that is gone")


class MyReplies(ApiModel):
    items: list[MyReply] = Field(description="newest first, hidden and deleted ones too: only you see this")
    next_cursor: str | None




@endpoint("GET", "/campaigns/{campaign_id}/replies", access=ANYONE, query=ThreadQuery, response=ReplyPage,
          tags=("dialogue",), errors=(404,), summary="The conversation, oldest first, threaded by parent_id")
def list_replies(call: Call, campaign_id: str) -> ReplyPage:
    page = logic.thread(call.caller, campaign_id, call.query.limit, call.query.cursor)
    return ReplyPage(items=presenters.replies(page.replies, page.names), next_cursor=page.next_cursor)


@endpoint("POST", "/campaigns/{campaign_id}/replies", access=SIGNED_IN, body=ReplyCreate, response=Reply,
          status=201, tags=("dialogue",), errors=(404, 409, 429), erasure_in_write=True,
          summary="Reply to a campaign or to a reply (30 an hour per person)")
def create_reply(call: Call, campaign_id: str) -> Reply:
    written = logic.reply(call.signed_in, campaign_id, call.body.body, call.body.parent_id,
                          call.body.language or messages.active_language())
    return presenters.replies([written.reply], Names(people={written.author.id: name_of(written.author)}))[0]


@endpoint("PATCH", "/campaigns/{campaign_id}/replies/{reply_id}", access=SIGNED_IN, body=ReplyEdit,
          response=Reply, tags=("dialogue",), headers=("If-Match",), errors=(404, 409, 412),
          summary="Edit your reply; the earlier words are kept in its history")
def edit_reply(call: Call, campaign_id: str, reply_id: str) -> Reply:
    edited = logic.edit_reply(call.signed_in, campaign_id, reply_id, call.body.body,
                              if_match_version(call, required=False), call.body.language)
    return presenters.replies([edited], logic.authors([edited]))[0]


@endpoint("DELETE", "/campaigns/{campaign_id}/replies/{reply_id}", access=SIGNED_IN, tags=("dialogue",),
          status=204, errors=(404, 409), summary="Remove your reply; a tombstone keeps the thread's shape")
def delete_reply(call: Call, campaign_id: str, reply_id: str) -> Response:
    logic.delete_reply(call.signed_in, campaign_id, reply_id)
    return Response(body="", status_code=204)


@endpoint("GET", "/me/replies", access=SIGNED_IN, query=ListQuery, response=MyReplies, tags=("dialogue",),
          summary="Your replies, newest first, each with the campaign it is on (only you see this)")
def my_replies(call: Call) -> MyReplies:
    mine = logic.my_replies(call.signed_in, call.query.limit, call.query.cursor)
    items = []
    for record, shown in zip(mine.replies, presenters.replies(mine.replies, mine.names), strict=True):
        on = mine.campaigns.get(record.campaign_id)
        items.append(MyReply(**shown.model_dump(), campaign=RepliedOn(id=on.id, slug=on.slug, title=on.title)
                             if on else None))
    return MyReplies(items=items, next_cursor=mine.next_cursor)
