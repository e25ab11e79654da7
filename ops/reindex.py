"""Rebuilding the search index from the tables (`make reindex`, devstack/reindex.py): an operator's
batch job, run from a machine with the stage's credentials and never deployed, so the one place
outside the store that reads its tables whole. After a change to what is
indexed (the analysis, the caps), or to repair it. It pages through every campaign, person,
organisation and consultation, indexing what is public and taking out the rest, then through the index's own
documents, taking out any whose source is gone. Last, the fan-out's `reachable` index: settings
written before it existed get their `reach_shard` (run once after deploying it over existing data,
or the people with an address or a phone would get no email or push). After each page it saves
where it is in the jobs table, so an interrupted run carries on from there when started again. It also
fills what the public lists read for data written before they existed: campaigns waiting for an answer or
answered (`by_answer_state`), and the ministers holding a portfolio (`ministers`); and gives notification
settings the language their person chose, and ministers' alert subscriptions a filter policy on it (issue 29);
and, last, notes each public campaign's related campaigns on its slug's claim (issue 30)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from chalicelib.domain.search_terms import CAMPAIGN, CONSULTATION, ORGANISATION, PERSON
from chalicelib.logic import search
from chalicelib.logic.people import follow_language, resubscribe
from chalicelib.store import campaigns, consultations, notifications, people, to_domain
from chalicelib.store.jobs import load_checkpoint, save_checkpoint
from chalicelib.store.table_pages import estimated_items, scan_page
from chalicelib.store.tables.campaigns import CampaignRecord
from chalicelib.store.tables.consultations import ConsultationRecord
from chalicelib.store.tables.notification_settings import NotificationSettingsRecord
from chalicelib.store.tables.organisations import OrganisationRecord
from chalicelib.store.tables.people import PersonRecord
from chalicelib.store.tables.search_index import SearchEntryRecord

JOB = "search_reindex"


def _campaign(record: Any) -> int:
    return search.refresh_campaign(record.id, to_domain.campaign(record))


def _related(record: Any) -> int:
    """After every campaign is in the index: each public one's related campaigns, noted on its slug's
    claim (its page's cold reads; one noted before the others were indexed would miss them)."""
    return search.remember_related([to_domain.campaign(record)])


def _person(record: Any) -> int:
    return search.refresh_person(record.id, to_domain.person(record))


def _organisation(record: Any) -> int:
    return search.refresh_organisation(record.id, to_domain.organisation(record))


def _consultation(record: Any) -> int:
    return search.refresh_consultation(record.id, to_domain.consultation(record))


def _language(person: Any) -> int:
    """A language chosen before settings carried a copy of it (issue 29): copied, so what is sent to
    them is in it; a minister's alert subscription follows."""
    return follow_language(to_domain.person(person), person.language)


def _alert_policy(settings: Any) -> int:
    """A minister's alert subscription whose filter policy was set before alerts went once per
    language (it has no `language`, so it would take every language's copy): set again."""
    person = people.get_person(settings.person_id)
    return 0 if person is None else resubscribe(to_domain.settings(settings), person)


def _orphan(document: Any) -> int:
    """An index document whose source is gone (a stream record lost, a bug since mended)."""
    kind, doc_id = document.kind, document.doc_id
    if kind == CAMPAIGN:
        return 0 if campaigns.get_campaign(doc_id) else search.refresh_campaign(doc_id, None)
    if kind == PERSON:
        return 0 if people.get_person(doc_id) else search.refresh_person(doc_id, None)
    if kind == ORGANISATION:
        return 0 if people.get_organisation(doc_id) else search.refresh_organisation(doc_id, None)
    if kind == CONSULTATION:
        return 0 if consultations.get_consultation(doc_id) else search.refresh_consultation(doc_id, None)
    return 0


# (name, table, filter, what each item gets), in the order a run goes through them.
PHASES: list[tuple[str, Any, Any, Callable[[Any], int]]] = [
    ("campaigns", CampaignRecord, None, _campaign),
    ("people", PersonRecord, None, _person),
    ("organisations", OrganisationRecord, None, _organisation),
    ("index documents", SearchEntryRecord, SearchEntryRecord.sort == "doc", _orphan),
    ("notification settings", NotificationSettingsRecord, NotificationSettingsRecord.reach_shard.does_not_exist(),
     notifications.mark_reachable),
    # Last, so a run interrupted before these phases existed carries on at the phase it was in.
    ("consultations", ConsultationRecord, None, _consultation),
    ("answer states", CampaignRecord, CampaignRecord.answer_state.does_not_exist()
     & (CampaignRecord.official_response.exists() | CampaignRecord.inbox_area.exists()), campaigns.mark_answer_state),
    ("ministers", PersonRecord, PersonRecord.minister_listing.does_not_exist(), people.list_minister),
    # Once after deploying issue 29's notifications in each person's language (README, "Notifications").
    ("languages", PersonRecord, PersonRecord.language.exists(), _language),
    ("alert policies", NotificationSettingsRecord, NotificationSettingsRecord.subscription_arn.exists()
     | NotificationSettingsRecord.mailbox_subscription_arn.exists(), _alert_policy),
    # Issue 30: campaigns' related campaigns stored where their page reads them (README, "A cold container's
    # first pages"); last, after the index holds every campaign.
    ("related campaigns", CampaignRecord, CampaignRecord.status.is_in("open", "closed"), _related),
]


@dataclass
class Progress:
    phase: int = 0
    start: dict[str, Any] | None = None
    done: int = 0  # items seen in this phase
    written: int = 0  # index items written, over the whole run

    @property
    def finished(self) -> bool:
        return self.phase >= len(PHASES)


def _load(job: str) -> Progress:
    saved = load_checkpoint(job)
    return Progress(**json.loads(saved)) if saved else Progress()


def reindex(*, job: str = JOB, page_size: int = 100, max_pages: int | None = None,
            on_page: Callable[[str, int, int, Progress], None] = lambda *_: None) -> Progress:
    """Carry on from the last checkpoint (or begin); stop after `max_pages` pages if given.
    `on_page(phase, done, estimated total, progress)` after each page. A finished run clears
    its checkpoint, so the next begins again."""
    progress, pages = _load(job), 0
    while not progress.finished:
        name, model, condition, handle = PHASES[progress.phase]
        items, next_start = scan_page(model, progress.start, page_size, condition)
        for item in items:
            progress.written += handle(item)
        progress.done += len(items)
        # A filtered phase reads a table of other items too: its count would mislead.
        on_page(name, progress.done, 0 if condition is not None else estimated_items(model), progress)
        if next_start is None:
            progress = Progress(phase=progress.phase + 1, written=progress.written)
        else:
            progress.start = next_start
        pages += 1
        save_checkpoint(job, None if progress.finished else json.dumps(progress.__dict__))
        if max_pages is not None and pages >= max_pages:
            break
    return progress
