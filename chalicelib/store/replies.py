"""Replies: written, edited with their history kept, deleted as tombstones, hidden by moderators."""

from __future__ import annotations

import secrets
import time
from collections.abc import Sequence
from typing import Any

from pynamodb.exceptions import DoesNotExist, TransactWriteError

from chalicelib.domain.dialogue import Badge, Reply, reply_placement
from chalicelib.domain.errors import Busy, ConditionFailed
from chalicelib.domain.events import EventKind
from chalicelib.domain.limits import Limit
from chalicelib.store import outbox, to_domain
from chalicelib.store.base import Transaction, iso, utcnow
from chalicelib.store.guards import Guards
from chalicelib.store.pagination import decode_cursor, encode_cursor
from chalicelib.store.tables.campaign_events import CampaignEventRecord
from chalicelib.store.tables.replies import BadgeMap, EditMap, ReplyRecord

ATTEMPTS = 4  # a stale copy of a guard, then this hour's alert already out: each rebuilds once


def new_reply_id() -> str:
    """Time first, so replies sort oldest first by id; a random tail keeps ids unique."""
    return f"{time.time_ns():020d}-{secrets.token_hex(4)}"


def get_reply(reply_id: str, campaign_id: str | None = None) -> Reply | None:
    """The reply, if there is one (under `campaign_id`, if given)."""
    try:
        reply = ReplyRecord.get(reply_id)
    except DoesNotExist:
        return None
    if campaign_id is not None and reply.campaign_id != campaign_id:
        return None
    return to_domain.reply(reply)


def _notice_to_parent(parent: Reply | None, reply: ReplyRecord, area: str) -> CampaignEventRecord | None:
    """The author of the reply answered hears of it (domain.events REPLY_TO_REPLY): not of their own
    answer, nor under words they took back or a moderator hid. Found when told, from `parent_id`."""
    if parent is None or parent.author_id == reply.author_id or parent.deleted_at or parent.hidden:
        return None
    return outbox.event(reply.campaign_id, EventKind.REPLY_TO_REPLY, area, reply.created_at,
                        key=outbox.reply_notice_key(parent.reply_id, reply.created_at), parent_id=parent.reply_id,
                        reply_id=reply.reply_id)


def create_reply(*, campaign_id: str, author_id: str, body: str, parent_id: str | None,
                 badges: Sequence[Badge], tell_area: str | None = None, limit: Limit | None = None,
                 notice_area: str = "", language: str = "en") -> Reply:
    """`tell_area`: the campaign was answered officially, so its ministers hear of the reply
    (an outbox event written with the reply, one per campaign per hour: a later reply in the
    hour finds it there and is written without it, so a crowd of replies cannot fill a
    minister's inbox). An answer to someone's reply tells them, at most once an hour per reply (the
    same way). One use of `limit` (if given) and the author's erasure check go in the
    reply's own transaction (store/guards.py): on a warm container the reply is one call.
    ConditionFailed "parent": no such reply to answer under this campaign; or a guard's."""
    parent = get_reply(parent_id, campaign_id) if parent_id else None
    if parent_id and parent is None:
        raise ConditionFailed("parent")
    attach_to, depth = reply_placement(parent.reply_id if parent else None,
                                       parent.depth if parent else None, parent.parent_id if parent else None)
    reply = ReplyRecord(reply_id=new_reply_id(), campaign_id=campaign_id, author_id=author_id, body=body,
                        parent_id=attach_to, depth=depth, created_at=iso(utcnow()), language=language,
                        badges=[BadgeMap(kind=b.kind, portfolio=None if b.portfolio is None else list(b.portfolio),
                                         organisation=b.organisation) for b in badges])
    alert = outbox.event(campaign_id, EventKind.REPLY_ON_ANSWERED, tell_area, reply.created_at,
                         key=outbox.reply_alert_key(reply.created_at)) if tell_area else None
    notice = _notice_to_parent(parent, reply, notice_area)
    guards = Guards(author_id, limit)
    for _ in range(ATTEMPTS + 1):
        tx = Transaction()
        tx.save(reply, "reply", condition=ReplyRecord.reply_id.does_not_exist())
        if alert is not None:
            outbox.add_to(tx, alert)
        if notice is not None:
            outbox.add_to(tx, notice, "notice")
        guards.add_to(tx)
        try:
            tx.commit()
            return to_domain.reply(reply)
        except TransactWriteError:
            if guards.stale(tx):  # refused (raised), or a copy reread: build again
                continue
            if tx.failed and tx.failed <= {"event", "notice"}:
                # This hour's alert, or this hour's notice to the reply's author, is out already:
                # the reply goes without it.
                alert = None if "event" in tx.failed else alert
                notice = None if "notice" in tx.failed else notice
                continue
            raise
    raise Busy()


def _update(reply: Reply, actions: list, condition: Any = None) -> Reply:
    """An update of the reply as read: its version moves, conditional on the one read (PynamoDB's
    VersionAttribute), so an update from a stale copy fails (a 500: the callers read it just before)."""
    record = ReplyRecord(reply_id=reply.reply_id, version=reply.version or None)
    record.update(actions=actions, condition=condition)
    return to_domain.reply(record)


def edit_reply(reply: Reply, body: str, language: str | None = None) -> Reply:
    """The new words, the old ones kept in its history; from the copy read (its version). `language`:
    the one they are written in, if the edit says (None keeps the reply's)."""
    now = iso(utcnow())
    actions = [ReplyRecord.history.set(ReplyRecord.history.append([EditMap(body=reply.body, replaced_at=now)])),
               ReplyRecord.body.set(body), ReplyRecord.edited_at.set(now)]
    if language is not None:
        actions.append(ReplyRecord.language.set(language))
    return _update(reply, actions, condition=ReplyRecord.deleted_at.does_not_exist())


def delete_reply(reply: Reply) -> Reply:
    """A tombstone: the words and their history go, the place in the thread stays."""
    return _update(reply, [ReplyRecord.body.set(""), ReplyRecord.history.set([]),
                           ReplyRecord.deleted_at.set(iso(utcnow()))])


def set_hidden(reply: Reply, hidden: bool) -> Reply:
    return _update(reply, [ReplyRecord.hidden.set(hidden)])


def thread(campaign_id: str, limit: int, cursor: str | None) -> tuple[list[Reply], str | None]:
    scope = f"by_campaign:{campaign_id}"
    results = ReplyRecord.by_campaign.query(campaign_id, scan_index_forward=True, limit=limit,
                                            last_evaluated_key=decode_cursor(scope, cursor))
    replies = [to_domain.reply(r) for r in results]
    return replies, encode_cursor(scope, results.last_evaluated_key)


def by_author(author_id: str, limit: int) -> list[Reply]:
    """A person's latest replies, newest first: keys from `by_author`, then one BatchGetItem."""
    keys = ReplyRecord.by_author.query(author_id, scan_index_forward=False, limit=limit)
    ids = [k.reply_id for k in keys]
    if not ids:
        return []
    found = {r.reply_id: r for r in ReplyRecord.batch_get(ids)}
    return [to_domain.reply(found[i]) for i in ids if i in found]


def get_replies(reply_ids: list[str]) -> dict[str, Reply]:
    """Replies by id, one BatchGetItem; ones gone are absent."""
    return {r.reply_id: to_domain.reply(r) for r in ReplyRecord.batch_get(reply_ids)} if reply_ids else {}


def page_by_author(author_id: str, limit: int, cursor: str | None) -> tuple[list[Reply], str | None]:
    """A page of a person's replies, newest first: keys from `by_author`, then one BatchGetItem."""
    scope = f"by_author:{author_id}"
    keys = ReplyRecord.by_author.query(author_id, scan_index_forward=False, limit=limit,
                                       last_evaluated_key=decode_cursor(scope, cursor))
    ids = [k.reply_id for k in keys]
    found = get_replies(ids)
    return [found[i] for i in ids if i in found], encode_cursor(scope, keys.last_evaluated_key)


def thread_cursor_after(reply: Reply) -> str | None:
    """A cursor that continues a thread after `reply`, as if a page had ended there."""
    return encode_cursor(f"by_campaign:{reply.campaign_id}",
                         {"reply_id": {"S": reply.reply_id}, "campaign_id": {"S": reply.campaign_id}})


def count_shown(campaign_id: str) -> int:
    """Replies shown under a campaign (not deleted, not hidden): one COUNT Query on `by_campaign`
    (the hourly schedule, for the canvass)."""
    return ReplyRecord.by_campaign.count(
        campaign_id, filter_condition=ReplyRecord.deleted_at.does_not_exist() & (ReplyRecord.hidden == False))  # noqa: E712
