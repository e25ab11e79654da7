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

The Protocols live in `*_ports.py` beside this module, one module per seam, and are imported here
only for mypy: they are types, and building them (with the domain modules their signatures name)
was a third of what a new container's first request imported (issue 30, README "Cold start").
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chalicelib.logic.campaign_ports import (
        CampaignListPort,
        CampaignPort,
        ConsultationPort,
        ManifestoPort,
        PopularPort,
        SearchIndexPort,
    )
    from chalicelib.logic.dialogue_ports import OutboxPort, OwnerUpdatePort, ReplyPort, ResponsePort
    from chalicelib.logic.document_ports import AmendmentPort, DocumentPort, OriginPort, ProposerPort
    from chalicelib.logic.moderation_ports import RefusalPort, ReportPort, WaitingPort
    from chalicelib.logic.people_ports import (
        AccountCodePort,
        ErasurePort,
        MyDataPort,
        NotificationPort,
        PeoplePort,
        SignInPort,
    )
    from chalicelib.logic.support_ports import CountPort, FollowPort, OwnPartPort, RateLimitPort, SupportPort


@dataclass
class Stores:
    """Every port the logic reaches storage through (the Protocols of the `*_ports.py` modules)."""

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
