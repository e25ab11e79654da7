"""How policy documents, amendments, diffs and trails are shown: the API's shapes, and the functions
that present what logic gathered (they read nothing). Shared by api/documents.py, api/amendments.py
and api/trails.py."""

from __future__ import annotations

from typing import Literal, cast

from pydantic import Field

from chalicelib.domain.campaigns import written_in
from chalicelib.domain.disclosure import disclose
from chalicelib.domain.documents import Document, Status, Version
from chalicelib.domain.organisations import shown_kind
from chalicelib.domain.shown import AmendmentShown, DiffShown, DocumentShown
from chalicelib.domain.trail import Origin
from chalicelib.domain.versions import ClauseDiff
from chalicelib.http.presenters import display_time
from chalicelib.http.schemas import ApiModel, ContentLanguage, PersonSummary
from chalicelib.messages import label
from chalicelib.settings import get_settings

StatusName = Literal["open_for_amendments", "amendments_closed", "adopted"]
OrderName = Literal["most_supported", "oldest_first", "newest_first"]
AmendmentStatusName = Literal["submitted", "accepted", "accepted_in_part", "composited", "rejected"]


class OriginShown(ApiModel):
    campaign_id: str
    title: str
    url: str
    linked_at: str
    version: int = Field(description="the version the clause stood in when the idea was linked to it")


class ClauseShown(ApiModel):
    id: str = Field(description="the clause's id: the same in every version")
    number: str = Field(description='where it stands in this version: "2.3" is chapter 2, clause 3')
    text: str
    amendment_count: int = Field(default=0, description="amendments proposed to this clause")
    origins: list[OriginShown] = Field(default_factory=list, description="ideas the policy team says shaped it")


class ChapterShown(ApiModel):
    heading: str
    clauses: list[ClauseShown]


class DocumentSummary(ApiModel):
    id: str
    area: str
    title: str
    summary: str
    status: StatusName
    current_version: int
    amendments_close_at: str = Field(description="amendments are taken until then")
    adopted_at: str | None
    adoption_note: str | None = None
    amendment_order: OrderName = Field(description="how amendments are listed beside their clause")
    amendment_count: int
    undecided: int = Field(description="amendments waiting for a decision")
    unpublished_changes: int = Field(description="decided changes waiting for the next version")
    url: str


class DocumentShownModel(DocumentSummary):
    version: int = Field(description="the version shown (the current one unless ?version= asked another)")
    published_at: str
    version_note: str = ""
    changes: dict[str, list[str]] = Field(
        default_factory=dict, description="clauses changed in this version, with the amendments behind each")
    chapters: list[ChapterShown]


class DocumentList(ApiModel):
    items: list[DocumentSummary]
    next_cursor: str | None


class WordRun(ApiModel):
    op: Literal["same", "added", "removed"]
    text: str


class ClauseChange(ApiModel):
    clause_id: str
    kind: Literal["changed", "added", "removed"]
    number_before: str | None
    number_after: str | None
    words: list[WordRun] = Field(description="the clause's words in runs, word by word")
    amendment_ids: list[str] = Field(description="the amendments behind this change")


class DocumentDiff(ApiModel):
    document_id: str
    from_version: int = Field(alias="from")
    to_version: int = Field(alias="to")
    clauses: list[ClauseChange]


class OrganisationShownAs(ApiModel):
    id: str
    handle: str
    name: str
    kind: str | None = Field(description="constituency_party, branch, affiliated_union, socialist_society or "
                             "other, once an admin verified it; null before")
    kind_label: str | None = None


class DecisionShown(ApiModel):
    decision: Literal["accepted", "accepted_in_part", "composited", "rejected"]
    reason: str
    text: str | None = Field(description="the wording taken (in part) or composited")
    composite_of: list[str] = Field(description="composited: every amendment in the composite, the lead first")
    decided_at: str
    text_before: str = Field(description="the clause's words when it was decided")


class AmendmentModel(ApiModel):
    id: str
    status: AmendmentStatusName
    document_id: str
    clause_id: str
    clause_number: str | None = Field(description="where the clause stands now; null once a version deleted it")
    action: Literal["replace", "insert_after", "delete"]
    text: str
    reason: str
    proposer: PersonSummary
    organisation: OrganisationShownAs | None = Field(description="the organisation it was proposed for, if any")
    proposed_at: str
    against_version: int
    support_count: int
    support_by_region: dict[str, int | str] = Field(
        default_factory=dict, description='by nation or region, as a campaign\'s (domain.disclosure): "<10" below '
                                          'ten, others rounded to 5, "10+" where a small one could be worked out')
    decision: DecisionShown | None
    applied_in_version: int | None
    url: str
    language: ContentLanguage = Field(default="en", description="the language its words and reason are written in "
                                      "(en: English, cy: Welsh); en for amendments from before amendments said")


class AmendmentList(ApiModel):
    items: list[AmendmentModel]
    next_cursor: str | None
    order: OrderName
    clause: ClauseShown | None = Field(default=None, description="the clause as it stands now (with ?clause_id=)")


def _base() -> str:
    return get_settings().public_base_url


def document_url(document_id: str) -> str:
    return f"{_base()}/documents/{document_id}"


def summary(document: Document, now: str) -> DocumentSummary:
    return DocumentSummary(
        id=document.id, area=document.area, title=document.title, summary=document.summary,
        status=document.status(now).value, current_version=document.current_version,
        amendments_close_at=display_time(document.amendments_close_at) or "",
        adopted_at=display_time(document.adopted_at),
        adoption_note=document.adoption_note, amendment_order=document.amendment_order.value,
        amendment_count=document.amendment_count, undecided=document.undecided,
        unpublished_changes=document.pending, url=document_url(document.id))


def origin(o: Origin) -> OriginShown:
    return OriginShown(campaign_id=o.campaign_id, title=o.campaign_title, url=f"{_base()}/c/{o.campaign_slug}",
                       linked_at=display_time(o.linked_at) or "", version=o.version)


def chapters(document: Document, version: Version, origins: list[Origin]) -> list[ChapterShown]:
    by_clause: dict[str, list[OriginShown]] = {}
    for o in origins:
        by_clause.setdefault(o.clause_id, []).append(origin(o))
    return [ChapterShown(heading=ch.heading, clauses=[
        ClauseShown(id=c.id, number=c.number, text=c.text, amendment_count=document.clause_amendments.get(c.id, 0),
                    origins=by_clause.get(c.id, [])) for c in ch.clauses]) for ch in version.chapters]


def shown_document(shown: DocumentShown, now: str) -> DocumentShownModel:
    head = summary(shown.document, now)
    return DocumentShownModel(
        **head.model_dump(), version=shown.version.number, published_at=display_time(shown.version.published_at) or "",
        version_note=shown.version.note, changes={k: list(v) for k, v in shown.version.changes.items()},
        chapters=chapters(shown.document, shown.version, shown.origins))


def diff(shown: DiffShown) -> DocumentDiff:
    return DocumentDiff.model_validate({
        "document_id": shown.document.id, "from": shown.before.number, "to": shown.after.number,
        "clauses": [clause_change(d) for d in shown.clauses]})


def clause_change(d: ClauseDiff) -> ClauseChange:
    return ClauseChange(clause_id=d.clause_id, kind=d.kind.value, number_before=d.number_before,
                        number_after=d.number_after, words=[WordRun(op=op.value, text=t) for op, t in d.words],
                        amendment_ids=list(d.amendment_ids))


def amendment(shown: AmendmentShown) -> AmendmentModel:
    a, org = shown.amendment, shown.organisation
    who = shown.proposer
    person = (PersonSummary(id=who.id, handle=who.handle, display_name=who.display_name)
              if who else PersonSummary(id="", handle="", display_name="a former member"))
    d = a.decision
    return AmendmentModel(
        id=a.id, status=cast(AmendmentStatusName, a.status), document_id=a.document_id, clause_id=a.clause_id,
        clause_number=shown.clause.number if shown.clause else None, action=a.action.value, text=a.text,
        reason=a.reason, proposer=person,
        organisation=OrganisationShownAs(id=org.id, handle=org.handle, name=org.name,
                                         kind=shown_kind(org.kind, org.verified),
                                         kind_label=label("organisation_kind", org.kind) if org.verified else None)
        if org else None,
        proposed_at=display_time(a.proposed_at) or "", against_version=a.against_version,
        support_count=a.support_count, support_by_region=disclose(a.support_by_region or {}).shown,
        decision=DecisionShown(decision=d.verdict.value, reason=d.reason, text=d.text,
                               composite_of=list(d.composite_of), decided_at=display_time(d.decided_at) or "",
                               text_before=d.text_before) if d else None,
        applied_in_version=a.applied_in_version, url=f"{_base()}/amendments/{a.id}",
        language="cy" if written_in(a.language) == "cy" else "en")


def clause(shown_clause, document: Document) -> ClauseShown | None:
    if shown_clause is None:
        return None
    return ClauseShown(id=shown_clause.id, number=shown_clause.number, text=shown_clause.text,
                       amendment_count=document.clause_amendments.get(shown_clause.id, 0))


def status_of(name: str | None) -> Status:
    return Status(name) if name else Status.OPEN
