"""Erasing an account from DynamoDB: the job's checkpoint, and one idempotent function per kind
of data (README, "Privacy"). Each finds what is left of the person by key or index, so a step
run again after an interruption does only what the first run did not."""

from __future__ import annotations

import contextlib
from typing import Any, cast

from pynamodb.attributes import UnicodeAttribute
from pynamodb.exceptions import DoesNotExist, TransactWriteError, UpdateError

from chalicelib.domain import limits
from chalicelib.domain.campaigns import Status
from chalicelib.domain.errors import ConditionFailed
from chalicelib.domain.privacy import former_member_id
from chalicelib.domain.shards import campaign_of
from chalicelib.settings import get_settings
from chalicelib.store import amendments, follows, my_data, public_names, rate_limits, to_domain
from chalicelib.store.base import Transaction, is_condition_failure, system_update
from chalicelib.store.campaigns import close
from chalicelib.store.supports import anonymise_record, counters_frozen, take_off
from chalicelib.store.tables.amendments import AmendmentRecord
from chalicelib.store.tables.audit import AuditRecord
from chalicelib.store.tables.campaign_events import CampaignEventRecord
from chalicelib.store.tables.campaigns import CampaignRecord
from chalicelib.store.tables.dev_mailbox import DevMailRecord
from chalicelib.store.tables.erasures import ErasureRecord
from chalicelib.store.tables.minister_records import MinisterRecordItem
from chalicelib.store.tables.names import UniqueNameRecord, name_key
from chalicelib.store.tables.notification_settings import NotificationSettingsRecord
from chalicelib.store.tables.organisations import OrganisationRecord
from chalicelib.store.tables.people import PersonRecord
from chalicelib.store.tables.replies import ReplyRecord
from chalicelib.store.tables.reports import ReportRecord
from chalicelib.store.tables.responses import ResponseRecord

SYSTEM_ACTOR = "system:erasure"


# --- the steps -----------------------------------------------------------------------------

def _update_if_still_theirs(model_cls: type, hash_key: str, *, actions: list, condition, range_key=None) -> None:
    """A stand-in written only where the person still is: an index read again after an
    interruption may still list what an earlier run already changed."""
    try:
        system_update(model_cls, hash_key, range_key=range_key, actions=actions, condition=condition)
    except UpdateError as exc:
        if not is_condition_failure(exc):
            raise


def erase_supports(job: ErasureRecord) -> int:
    """Each support of an open campaign goes with its shard's counter: the count must not keep
    someone who asked to be forgotten. A closed campaign's count is final and published, so its
    support is anonymised instead (taking it off would show, in the CSV before and after, what
    the person supported). The campaigns are noted on the job first, so their shown counts are
    redone (`recount`) even if the job stops here."""
    person_id = job.person_id
    supports = list(my_data.support_records(person_id))
    campaigns = {campaign_of(s.campaign_shard) for s in supports}
    if campaigns:
        job.update(actions=[ErasureRecord.touched_campaigns.add(campaigns)])
    for record in supports:
        # As a withdrawal is made: deleted, and the supports' stream takes it off the total and the
        # support's region. Already gone (an earlier run got here) is fine. In this module's
        # Transaction, looked up when called, as every step's writes are.
        if counters_frozen(record.campaign_shard):  # the campaign closed: its count is final
            anonymise_record(record.campaign_shard, person_id, campaign_of(record.campaign_shard))
        else:
            take_off(record.campaign_shard, person_id, new_transaction=lambda: Transaction())
    return len(supports)


def erase_replies(person_id: str) -> int:
    """Replies stay in their threads, credited to "a former member"; their current words stay too.
    Their earlier versions (`history`) go: they were never shown, and are the person's to forget."""
    replies = list(my_data.reply_records(person_id))
    for reply in replies:
        _update_if_still_theirs(ReplyRecord, reply.reply_id, actions=[ReplyRecord.author_id.set(former_member_id()),
                                                                      ReplyRecord.history.set([])],
                                condition=ReplyRecord.author_id == person_id)
    rate_limits.forget(person_id, limits.PER_PERSON)  # the times of their last uses, keyed by their id
    return len(replies)


def erase_amendments(person_id: str) -> int:
    """Amendments stay on their clauses (the policy team decided them, members supported them), by a
    former member; the caps on what they proposed to each document, kept under their id, go."""
    found = amendments.proposed_by(person_id)
    for amendment in found:
        _update_if_still_theirs(AmendmentRecord, amendment.id,
                                actions=[AmendmentRecord.proposer_id.set(former_member_id())],
                                condition=AmendmentRecord.proposer_id == person_id)
    for document_id in {a.document_id for a in found}:
        rate_limits.forget(limits.per_document(document_id, person_id), (limits.AMENDMENTS_BY_PERSON,))
    return len(found)


def erase_responses(person_id: str) -> int:
    """Official responses are the party's answer: they stay, credited to "a former member"."""
    responses = list(my_data.response_records(person_id))
    for response in responses:
        stand_in = former_member_id()
        _update_if_still_theirs(ResponseRecord, response.campaign_id, range_key=response.response_key,
                                actions=[ResponseRecord.minister_id.set(stand_in)],
                                condition=ResponseRecord.minister_id == person_id)
        # Only where it is still the campaign's current response. (The map's attribute is a path
        # here; PynamoDB's stubs type it as the value it holds.)
        responder = cast(UnicodeAttribute, CampaignRecord.official_response.minister_id)
        _update_if_still_theirs(CampaignRecord, response.campaign_id, actions=[responder.set(stand_in)],
                                condition=responder == person_id)
    MinisterRecordItem(minister_id=person_id).delete()  # their record goes with them (deleting none is fine)
    return len(responses)


def erase_reports(person_id: str) -> int:
    """A report stays counted against its target (moderators still see why), but by nobody."""
    reports = list(my_data.report_records(person_id))
    for report in reports:
        tx = Transaction()
        tx.delete(ReportRecord(target=report.target, reporter_id=person_id), "report",
                  condition=ReportRecord.reporter_id.exists())
        tx.save(ReportRecord(target=report.target, reporter_id=former_member_id(), reason=report.reason,
                             created_at=report.created_at), "anonymous report")
        try:
            tx.commit()
        except TransactWriteError:
            if "report" not in tx.failed:
                raise
    return len(reports)


def erase_campaigns(person_id: str) -> int:
    """Campaigns that were never open go; the rest are closed and credited to "a former member"."""
    campaigns = list(my_data.owned_campaigns(person_id))
    for campaign in campaigns:
        if campaign.published_at is None:
            _delete_unpublished(campaign)
            continue
        if campaign.status == Status.OPEN.value:
            with contextlib.suppress(ConditionFailed):  # closed meanwhile
                close(to_domain.campaign(campaign), SYSTEM_ACTOR, reason="Its owner left Labourspace.")
        # The slug's claim notes the owner for the page's reads (store/campaign_page.py): first, so a
        # run interrupted here finds the campaign by its owner again and finishes both.
        _update_if_still_theirs(UniqueNameRecord, name_key("slug", campaign.slug),
                                actions=[UniqueNameRecord.owner_id.set(former_member_id())],
                                condition=UniqueNameRecord.owner_id == person_id)
        _update_if_still_theirs(CampaignRecord, campaign.id, actions=[CampaignRecord.owner_id.set(former_member_id())],
                                condition=CampaignRecord.owner_id == person_id)
    return len(campaigns)


def erase_audit_actor(person_id: str) -> int:
    """The audit trail keeps what was done (a moderator's decision, an owner's submission), by a former member."""
    entries = list(AuditRecord.by_actor.query(person_id))
    for entry in entries:
        _update_if_still_theirs(AuditRecord, entry.subject, range_key=entry.at_id,
                                actions=[AuditRecord.actor_id.set(former_member_id())],
                                condition=AuditRecord.actor_id == person_id)
    return len(entries)


def _delete_unpublished(campaign: CampaignRecord) -> None:
    for entry in AuditRecord.query(f"campaign#{campaign.id}"):
        entry.delete()
    tx = Transaction()
    tx.delete(UniqueNameRecord(name=name_key("slug", campaign.slug)), "slug",
              condition=UniqueNameRecord.target_id == campaign.id)
    tx.delete(campaign, "campaign", condition=CampaignRecord.published_at.does_not_exist())
    try:
        tx.commit()
    except TransactWriteError:
        if "slug" not in tx.failed:
            raise
        campaign.delete(condition=CampaignRecord.published_at.does_not_exist())  # the slug went already


def erase_memberships(person_id: str) -> int:
    found = my_data.memberships(person_id)
    for membership in found:
        try:
            organisation = OrganisationRecord.get(membership.organisation_id)
            if organisation.created_by == person_id:
                system_update(OrganisationRecord, organisation.id,
                              actions=[OrganisationRecord.created_by.set(former_member_id())])
        except DoesNotExist:
            pass
        membership.delete()
    return len(found)


def notification_settings(person_id: str) -> NotificationSettingsRecord | None:
    try:
        return NotificationSettingsRecord.get(person_id, consistent_read=True)
    except DoesNotExist:
        return None


def erase_notification_records(person_id: str) -> int:
    """Settings (with the email given for alerts), devices, feed and (locally) mail; the SNS
    subscriptions and endpoints they name were removed by the step before."""
    settings = notification_settings(person_id)
    groups: list[list[Any]] = [[settings] if settings is not None else [], my_data.devices(person_id),
              list(my_data.feed_items(person_id))]
    if get_settings().is_local:
        groups.append(list(DevMailRecord.query(person_id)))
    for records in groups:
        if records:
            with type(records[0]).batch_write() as batch:  # a batch writes to its own model's table
                for record in records:
                    batch.delete(record)
    return sum(len(records) for records in groups)


def erase_profile(person_id: str) -> int:
    """The profile and its handle, together."""
    try:
        person = PersonRecord.get(person_id, consistent_read=True)
    except DoesNotExist:
        return 0
    tx = Transaction()
    tx.delete(UniqueNameRecord(name=name_key("handle", person.handle)), "handle",
              condition=UniqueNameRecord.target_id == person_id)
    tx.delete(person, "person")  # the version condition comes with the model
    try:
        tx.commit()
    except TransactWriteError:
        if "handle" not in tx.failed:
            raise
        person.delete()  # the handle was released already
    public_names.forget_person(person_id)
    return 1


def erase_follows(person_id: str) -> int:
    campaign_ids = my_data.followed_campaign_ids(person_id)
    for campaign_id in campaign_ids:
        follows.unfollow(campaign_id, person_id)
    return len(campaign_ids)


def erase_updates_authorship(person_id: str) -> int:
    """Owner updates stay on their campaigns (supporters were told them), by a former member:
    on the person's own campaigns and on those of organisations they belong to."""
    organisations = [m.organisation_id for m in my_data.memberships(person_id)]
    campaign_ids = [c.id for c in my_data.owned_campaigns(person_id)] + my_data.hosted_campaign_ids(organisations)
    updates = list(my_data.updates_written(sorted(set(campaign_ids)), person_id))
    for update in updates:
        _update_if_still_theirs(CampaignEventRecord, update.campaign_id, range_key=update.event_key,
                                actions=[CampaignEventRecord.author_id.set(former_member_id())],
                                condition=CampaignEventRecord.author_id == person_id)
    return len(updates)
