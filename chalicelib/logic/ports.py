"""The one seam between the logic and storage: the only module of `logic/` that names `store/`.

Each port is a set of functions the logic needs, typed in the domain's own frozen dataclasses
(`domain.campaigns.Campaign`, `domain.people.Person`, ...): nothing the store returns is a
PynamoDB record. In production every port is a module of `store/` (DynamoDB through PynamoDB),
imported on the port's first use, so a cold container's first request loads only the storage it
touches; the fast tests put in-memory fakes in their place (`tests/logic/fakes.py`), the way
Chalice's todo sample keeps an in-memory db beside the DynamoDB one. A refused read or write is
reported as `domain.errors.ConditionFailed` (which condition, by its label) or `Busy`, and the
logic explains it (`logic/refusals.py`). mypy checks each store module against its Protocol (the
`TYPE_CHECKING` block at the end), and `tests/logic/test_fakes.py` each fake.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol

from chalicelib.domain.campaigns import Campaign, SlugClaim, Snapshot, Status
from chalicelib.domain.consultations import Consultation
from chalicelib.domain.dialogue import Badge, OwnerUpdate, Reply, Response
from chalicelib.domain.limits import Limit
from chalicelib.domain.manifesto import Tracked
from chalicelib.domain.moderation import OpenReport, ReportTally
from chalicelib.domain.own_view import GivenSupport
from chalicelib.domain.permissions import Refusal
from chalicelib.domain.regional_figures import Tally
from chalicelib.domain.search_terms import Document, Found, Hit, Query
from chalicelib.logic.document_ports import AmendmentPort, DocumentPort, OriginPort, ProposerPort
from chalicelib.logic.people_ports import (
    AccountCodePort,
    ErasurePort,
    MyDataPort,
    NotificationPort,
    PeoplePort,
    SignInPort,
)

Page = tuple[list[Campaign], str | None]  # a page of a list, and the cursor to the next (None: the last)


class CampaignPort(Protocol):
    # None: no such campaign. `consistent`: read after a write that failed, to say why.
    def get_campaign(self, campaign_id: str, consistent: bool = False) -> Campaign | None: ...
    def campaign_by_slug(self, slug: str) -> Campaign | None: ...
    # A campaign's page (store/campaign_page.py): which campaign a slug names, with its claim's hints
    # (None: no such slug); then the campaign with the names not kept and the terms' document counts
    # (None when no terms asked) and the related campaigns' live items (those that exist), read
    # together; a kept claim whose campaign is gone, forgotten; the related campaigns' ids noted on the
    # claim unless ones found later are (False then).
    def slug_claim(self, slug: str) -> SlugClaim | None: ...
    def read_page(self, campaign_id: str, person_ids: set[str], organisation_ids: set[str], terms: tuple[str, ...],
                  related_ids: tuple[str, ...] = ()
                  ) -> tuple[Campaign | None, dict[str, int | None] | None, list[Found]]: ...
    def forget_slug(self, slug: str) -> None: ...
    def store_related(self, slug: str, campaign_id: str, related_ids: list[str], found_at: str) -> bool: ...
    # "consultation": it closed meanwhile; "slug": no free slug for the title.
    def create_campaign(self, *, owner_id: str, title: str, summary: str, body: str, area: str,
                        organisation_id: str | None, consultation_id: str | None = None, language: str | None = None,
                        translated_title: str | None = None, translated_summary: str | None = None) -> Campaign: ...
    # Each move and edit is conditional on the campaign as read: "campaign" if it changed since.
    # An edit's None takes an optional field away (a translation withdrawn).
    def edit_text(self, campaign: Campaign, changes: Mapping[str, str | None]) -> Campaign: ...
    def submit(self, campaign: Campaign, actor_id: str) -> Campaign: ...
    def decide(self, campaign: Campaign, moderator_id: str, approve: bool, reason: str) -> Campaign: ...
    def close(self, campaign: Campaign, actor_id: str, reason: str = "") -> Campaign: ...
    def set_hidden(self, campaign: Campaign, hidden: bool) -> None: ...
    def audit(self, subject: str, actor_id: str, action: str, reason: str) -> None: ...


class CampaignListPort(Protocol):
    """Lists of campaigns: a Query on an index, then one BatchGetItem (public ones only, except
    a person's own and the moderators' queue). "cursor": not a cursor the list gave out."""

    def browse(self, *, status: Status, area: str | None, sort: str, limit: int, cursor: str | None) -> Page: ...
    def open_data(self, *, status: Status, limit: int, cursor: str | None) -> Page: ...
    # "waiting" (past the threshold, longest first) or "answered" (newest answer first), every area.
    def by_answer(self, state: str, *, limit: int, cursor: str | None) -> Page: ...
    def canvass(self, *, status: Status, area: str, limit: int, cursor: str | None) -> Page: ...
    # The first page of each (status, area, sort, limit), in one BatchGetItem for them all; their
    # orders from the page's stored lists (`stored_as`) where those are current.
    def first_pages(self, wanted: list[tuple[Status, str | None, str, int]],
                    stored_as: str | None = None) -> list[list[Campaign]]: ...
    # Store a page's lists as the indexes have them now; False if later ones were stored meanwhile.
    def refresh_front_page(self, page: str, wanted: list[tuple[Status, str | None, str, int]]) -> bool: ...
    def fetch_in_order(self, ids: list[str]) -> list[Campaign]: ...
    def titles_of(self, ids: list[str]) -> list[Campaign]: ...  # only what a link shows (title, area, status)
    def moderation_queue(self, limit: int, cursor: str | None) -> Page: ...
    def owned_by(self, owner_id: str, limit: int, cursor: str | None) -> Page: ...
    def hosted_by(self, organisation_id: str, limit: int, cursor: str | None) -> Page: ...
    def due_to_close(self, now: datetime, page_size: int = 100) -> Iterator[Campaign]: ...


class ConsultationPort(Protocol):
    def get_consultation(self, consultation_id: str) -> Consultation | None: ...
    def open_consultation(self, *, area: str, question: str, brief: str, opens_at: datetime, closes_at: datetime,
                          created_by: str, now: datetime, language: str | None = None) -> Consultation: ...
    def listed(self, *, area: str | None, state: str, now: datetime, limit: int,
               cursor: str | None) -> tuple[list[Consultation], str | None]: ...
    # "consultation": someone closed it first.
    def close(self, consultation: Consultation, *, summary: str, actor_id: str, now: datetime) -> Consultation: ...
    def public_ideas(self, consultation_id: str) -> list[Campaign]: ...
    def announce_close(self, consultation: Consultation, ideas: list[Campaign]) -> int: ...
    def questions_of(self, consultation_ids: set[str]) -> dict[str, str]: ...  # ones gone are absent
    # (question, area) a campaign answering it links to, kept a minute per container; None: not found.
    def question_of(self, consultation_id: str) -> tuple[str, str] | None: ...


class SupportPort(Protocol):
    # None: no such campaign. Kept two seconds per container; read for `person_id`, with what the
    # container lacks of theirs for the write to come (region facts if `region`, `limit`'s item).
    def campaign_snapshot(self, campaign_id: str, person_id: str | None = None, limit: Limit | None = None,
                          region: bool = False) -> Snapshot | None: ...
    # `limit`: decided from the container's copy ("limit"); the stream charges the item and
    # removes a change past it, and what a close or an erasure forbids; Busy.
    def support(self, campaign_id: str, person_id: str, *, consent_version: str,
                limit: Limit | None = None) -> bool: ...
    def withdraw(self, campaign_id: str, person_id: str, limit: Limit | None = None) -> bool: ...
    def anonymise(self, campaign_id: str, person_id: str) -> bool: ...
    def supported_by(self, person_id: str, limit: int, cursor: str | None) -> tuple[list[str], str | None]: ...
    # The exact count, every supporter by cell and those still settling, from one consistent read
    # of every shard; then the settling counters whose day has come can be removed.
    def tally(self, campaign_id: str, today: date) -> Tally: ...
    def remove_gone_by(self, gone_by: Mapping[str, Sequence[str]]) -> int: ...


class FollowPort(Protocol):
    def follow(self, campaign_id: str, person_id: str, limit: Limit | None = None) -> bool: ...
    def unfollow(self, campaign_id: str, person_id: str, limit: Limit | None = None) -> bool: ...
    def followed_by(self, person_id: str, limit: int, cursor: str | None) -> tuple[list[str], str | None]: ...


class CountPort(Protocol):
    """The shown count and what it decides, each write conditional so a retried batch converges."""

    # None: a later reading is there already (or no such campaign); else the campaign as written.
    def write_count(self, campaign_id: str, total: int, read_at: str, by_region: Mapping[str, int] | None = None,
                    settling: Mapping[str, Mapping[str, int]] | None = None) -> Campaign | None: ...
    def raise_milestone(self, campaign_id: str, area: str, milestone: int, now: datetime) -> bool: ...
    def raise_threshold(self, campaign_id: str, area: str, total: int, now: datetime) -> bool: ...
    def record_milestone(self, campaign_id: str, milestone: int) -> None: ...
    def enter_inbox(self, campaign_id: str, area: str, at: str) -> None: ...


class ReplyPort(Protocol):
    def get_reply(self, reply_id: str, campaign_id: str | None = None) -> Reply | None: ...
    def thread(self, campaign_id: str, limit: int, cursor: str | None) -> tuple[list[Reply], str | None]: ...
    # "parent": no such reply to answer here; the guards' ("limit", "erasing", "erased"); Busy.
    def create_reply(self, *, campaign_id: str, author_id: str, body: str, parent_id: str | None,
                     badges: Sequence[Badge], tell_area: str | None = None, limit: Limit | None = None,
                     notice_area: str = "", language: str = "en") -> Reply: ...
    def edit_reply(self, reply: Reply, body: str, language: str | None = None) -> Reply: ...
    def delete_reply(self, reply: Reply) -> Reply: ...
    def set_hidden(self, reply: Reply, hidden: bool) -> Reply: ...
    def by_author(self, author_id: str, limit: int) -> list[Reply]: ...
    # A page of a person's replies (newest first), and replies by id (ones gone are absent).
    def page_by_author(self, author_id: str, limit: int, cursor: str | None) -> tuple[list[Reply], str | None]: ...
    def get_replies(self, reply_ids: list[str]) -> dict[str, Reply]: ...
    def thread_cursor_after(self, reply: Reply) -> str | None: ...


class ResponsePort(Protocol):
    # "campaign": it is not public, or its current response is not the one read (consistent reread says which).
    def give_response(self, campaign: Campaign, minister_id: str, stance: str, body: str, announce: bool,
                      answered_after_days: int | None = None) -> Response: ...
    def history(self, campaign_id: str) -> list[Response]: ...
    def inbox(self, areas: list[str], per_area: int = 100) -> list[Campaign]: ...
    def campaigns_answered_by(self, minister_id: str, limit: int) -> list[str]: ...
    def answer_days(self, minister_id: str) -> list[int]: ...
    def waiting_since(self, area: str) -> list[str]: ...


class OwnerUpdatePort(Protocol):
    def post_update(self, campaign: Campaign, author_id: str, headline: str,
                    body: str) -> OwnerUpdate: ...  # "campaign": not public


class OutboxPort(Protocol):
    def updates_of(self, campaign_id: str, limit: int = 50) -> list[OwnerUpdate]: ...


class ManifestoPort(Protocol):
    # "campaign": changed since it was read (its version), or no longer public.
    def move(self, campaign: Campaign, *, actor_id: str, after: Tracked) -> Campaign: ...
    def page(self, *, area: str | None, stage: str | None, limit: int, cursor: str | None) -> Page: ...


class ReportPort(Protocol):
    def report(self, target: str, reporter_id: str, reason: str, counts: bool) -> ReportTally: ...  # "report"
    def hide_unless_decided(self, target: str, decided_at: str | None) -> bool: ...
    def reviewed(self, target: str) -> int: ...
    def open_reports(self, limit: int = 100) -> list[OpenReport]: ...
    def reasons_for(self, target: str, limit: int = 10) -> list[str]: ...  # what reporters said, not who


class SearchIndexPort(Protocol):
    """The search index: DynamoDB today (store/search_index.py); an OpenSearch adapter would give the same."""

    def put_document(self, document: Document) -> int: ...
    def remove_document(self, kind: str, doc_id: str) -> int: ...
    def search(self, query: Query, *, kind: str | None, area: str | None, status: str | None, limit: int,
               cursor: str | None) -> tuple[list[Hit], str | None]: ...
    def suggest(self, query: Query) -> list[Hit]: ...
    # `counts`: the terms' document counts when already read (with a page's other reads).
    def related(self, terms: tuple[str, ...], *, kind: str, area: str | None, status: str | None,
                limit: int = 50, counts: Mapping[str, int | None] | None = None) -> list[Hit]: ...
    # A campaign page's related campaigns, as the container keeps them a short while (`find`: what finds them).
    def kept_related(self, campaign_id: str, title: str, find: Callable[[], list[Found]]) -> list[Found]: ...
    def related_kept_for(self, campaign_id: str, title: str) -> bool: ...  # whether kept_related would find
    def document_counts(self, terms: tuple[str, ...]) -> dict[str, int | None]: ...
    # The index's own words near one no document holds, with how many suggestion items carry each.
    def words_near(self, word: str) -> dict[str, int]: ...


class PopularPort(Protocol):
    def ranked_in(self, region: str) -> list[tuple[str, int]]: ...  # (campaign id, supporters there), best first
    def live_campaigns(self, ids: list[str]) -> list[Campaign]: ...


class OwnPartPort(Protocol):
    """A person's part in one campaign, read fresh (consistent where their own acts change it)."""

    def campaign_now(self, campaign_id: str) -> Campaign | None: ...  # its state, count and stage only
    def support_of(self, campaign_id: str, person_id: str) -> GivenSupport | None: ...
    def follows(self, campaign_id: str, person_id: str) -> bool: ...
    def replies_on(self, campaign_id: str, author_id: str) -> list[Reply]: ...  # among their latest, newest first


class WaitingPort(Protocol):
    """How much waits for a moderator, counted up to `at_most` (keys only, never the items)."""

    def pending_campaigns(self, at_most: int) -> int: ...
    def open_reports(self, at_most: int) -> int: ...
class RateLimitPort(Protocol):
    def take(self, limit: Limit, subject_id: str) -> None: ...  # "limit" (with when it frees); Busy


class RefusalPort(Protocol):
    """Decisions refused for a conflict of interest, for admins to read (store/refusals.py)."""

    def record(self, *, actor_id: str, decision: str, rule: str, target: str, campaign_id: str,
               requested: str) -> None: ...
    def recent(self, limit: int, cursor: str | None) -> tuple[list[Refusal], str | None]: ...  # newest first


@dataclass
class Stores:
    campaigns: CampaignPort
    campaign_lists: CampaignListPort
    consultations: ConsultationPort
    people: PeoplePort
    supports: SupportPort
    follows: FollowPort
    counts: CountPort
    replies: ReplyPort
    responses: ResponsePort
    owner_updates: OwnerUpdatePort
    outbox: OutboxPort
    manifesto: ManifestoPort
    reports: ReportPort
    search: SearchIndexPort
    popular: PopularPort
    rate_limits: RateLimitPort
    notifications: NotificationPort
    erasures: ErasurePort
    my_data: MyDataPort
    documents: DocumentPort
    amendments: AmendmentPort
    origins: OriginPort
    proposers: ProposerPort
    refusals: RefusalPort
    sign_ins: SignInPort
    account_codes: AccountCodePort
    own_part: OwnPartPort
    waiting: WaitingPort


# Each port's module in store/: imported on the port's first use (a cold start pays only for its own).
MODULES = {"campaigns": "campaigns", "campaign_lists": "campaign_lists", "consultations": "consultations",
           "people": "people", "supports": "supports", "follows": "follows", "counts": "support_counts",
           "replies": "replies", "responses": "responses", "owner_updates": "owner_updates", "outbox": "outbox",
           "manifesto": "manifesto", "reports": "reports", "search": "search_index", "popular": "popular",
           "rate_limits": "rate_limits", "notifications": "notifications", "erasures": "erasures",
           "my_data": "my_data", "refusals": "refusals", "sign_ins": "sign_ins",
           "account_codes": "account_codes", "own_part": "own_part", "waiting": "waiting",
           "documents": "documents", "amendments": "amendments", "origins": "clause_origins",
           "proposers": "proposers"}


class _InDynamoDB(Stores):
    """Production's storage: each port is its store module, imported when first asked for."""

    def __init__(self) -> None:  # no port yet: see __getattr__
        pass

    def __getattr__(self, port: str) -> object:
        if port not in MODULES:
            raise AttributeError(port)
        module = importlib.import_module(f"chalicelib.store.{MODULES[port]}")
        setattr(self, port, module)
        return module


_stores: Stores | None = None


def stores() -> Stores:
    """The storage in use: DynamoDB unless a test said otherwise (`use`)."""
    global _stores
    if _stores is None:
        _stores = _InDynamoDB()
    return _stores


def use(replacement: Stores | None) -> None:
    """Put other storage behind the logic (tests); None goes back to DynamoDB."""
    global _stores
    _stores = replacement


def is_unavailable(exc: BaseException) -> bool:
    """Whether the storage was throttled or unreachable (worth a 503 and a retry): the API's error
    mapping asks, and only once something went wrong, so nothing of the store loads before."""
    from chalicelib.store.base import is_unavailable as store_unavailable

    return isinstance(exc, Exception) and store_unavailable(exc)


if TYPE_CHECKING:  # mypy checks each store module against the port it stands behind
    from chalicelib.store import (
        account_codes,
        amendments,
        campaign_lists,
        campaigns,
        clause_origins,
        consultations,
        documents,
        erasures,
        follows,
        manifesto,
        my_data,
        notifications,
        outbox,
        own_part,
        owner_updates,
        people,
        popular,
        proposers,
        rate_limits,
        refusals,
        replies,
        reports,
        responses,
        search_index,
        sign_ins,
        support_counts,
        supports,
        waiting,
    )

    _checked = Stores(
        campaigns=campaigns, campaign_lists=campaign_lists, consultations=consultations, people=people,
        supports=supports, follows=follows, counts=support_counts, replies=replies, responses=responses,
        owner_updates=owner_updates, outbox=outbox, manifesto=manifesto, reports=reports, search=search_index,
        popular=popular, rate_limits=rate_limits, notifications=notifications, erasures=erasures, my_data=my_data,
        refusals=refusals, sign_ins=sign_ins, account_codes=account_codes, own_part=own_part, waiting=waiting,
        documents=documents, amendments=amendments, origins=clause_origins, proposers=proposers)
