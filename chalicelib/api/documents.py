"""Policy documents: the policy team publishes drafts and versions, links clauses to the ideas behind
them, and adopts; anyone reads any version and the difference between two (README, "The manifesto as
a document"). Browsers asking for text/html get the pages (`web/document_pages.py`)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AwareDatetime, Field

from chalicelib.domain.documents import (
    CHAPTERS_MAX,
    CLAUSE_MAX,
    HEADING_MAX,
    NOTE_MAX,
    SUMMARY_MAX,
    TITLE_MAX,
    AmendmentOrder,
)
from chalicelib.domain.identity import ANYONE, Role, only
from chalicelib.domain.times import iso
from chalicelib.http import document_shapes as shapes
from chalicelib.http.routing import Call, endpoint
from chalicelib.http.schemas import ApiModel, KnownArea, ListQuery, StrictModel
from chalicelib.logic import documents as logic

POLICY = only(Role.POLICY, Role.ADMIN)
Id = Annotated[str, Field(min_length=1, max_length=64)]


class ChapterDraft(StrictModel):
    heading: str = Field(min_length=1, max_length=HEADING_MAX)
    clauses: list[str] = Field(min_length=1, description=f"each clause's words, up to {CLAUSE_MAX} characters")


class DocumentCreate(StrictModel):
    area: KnownArea = Field(description="a policy area id from GET /areas; yours as the policy team")
    title: str = Field(min_length=1, max_length=TITLE_MAX)
    summary: str = Field(default="", max_length=SUMMARY_MAX)
    chapters: list[ChapterDraft] = Field(min_length=1, max_length=CHAPTERS_MAX)
    amendments_close_at: AwareDatetime = Field(description="ISO 8601 with a time zone: amendments are taken until "
                                               "then (in the future, at most 366 days ahead)")
    amendment_order: shapes.OrderName = Field(default="most_supported",
                                              description="how amendments are listed beside their clause")


class DocumentQuery(ListQuery):
    area: KnownArea | None = None
    status: shapes.StatusName = "open_for_amendments"


class VersionQuery(StrictModel):
    version: str | None = Field(default=None, max_length=6, description="a published version; the current one if none")


class DiffQuery(StrictModel):
    from_version: str | None = Field(default=None, alias="from", max_length=6,
                                     description="a version; the one before `to` if none")
    to_version: str | None = Field(default=None, alias="to", max_length=6, description="a version; the current one "
                                   "if none")


class DocumentSettings(StrictModel):
    amendment_order: shapes.OrderName = Field(description="how amendments are listed beside their clause")


class VersionCreate(StrictModel):
    note: str = Field(default="", max_length=NOTE_MAX, description="what this version is, for members to read")
    amendments_close_at: AwareDatetime | None = Field(default=None, description="open a new round of amendments "
                                                      "to the new version, until then")


class Adoption(StrictModel):
    note: str = Field(min_length=10, max_length=NOTE_MAX, description="when and how the party adopted it")


class OriginsSet(StrictModel):
    campaign_ids: list[Id] = Field(max_length=16, description="the ideas (campaigns) that shaped this clause: "
                                   "the whole list; those left out are unlinked")


class OriginsShown(ApiModel):
    clause_id: str
    campaign_ids: list[str]
    origins: list[shapes.OriginShown]


def _now() -> datetime:
    return datetime.now(UTC)


@endpoint("POST", "/documents", access=POLICY, body=DocumentCreate, response=shapes.DocumentShownModel,
          status=201, tags=("documents",), errors=(403,),
          summary="Publish a draft policy document (the policy team of its area, or an admin): chapters of "
          "numbered clauses, open for amendments until amendments_close_at")
def publish_draft(call: Call) -> shapes.DocumentShownModel:
    body, now = call.body, _now()
    made = logic.publish_draft(call.signed_in, area=body.area, title=body.title, summary=body.summary,
                               chapters=[(c.heading, c.clauses) for c in body.chapters],
                               amendments_close_at=body.amendments_close_at,
                               amendment_order=AmendmentOrder(body.amendment_order), now=now)
    return shapes.shown_document(logic.read(made.id, None, now), iso(now))


@endpoint("GET", "/documents", access=ANYONE, query=DocumentQuery, response=shapes.DocumentList,
          tags=("documents",), html=True,
          summary="Policy documents in an area (or all) by status: open for amendments (closing soonest first), "
          "amendments closed, or adopted (latest first)")
def list_documents(call: Call) -> shapes.DocumentList:
    query, now = call.query, _now()
    found, cursor = logic.listed(area=query.area, status=shapes.status_of(query.status), now=now, limit=query.limit,
                                 cursor=query.cursor)
    return shapes.DocumentList(items=[shapes.summary(d, iso(now)) for d in found], next_cursor=cursor)


@endpoint("GET", "/documents/{document_id}", access=ANYONE, query=VersionQuery,
          response=shapes.DocumentShownModel, tags=("documents",), errors=(400, 404), html=True,
          summary="A policy document: the current version's chapters and numbered clauses (?version=N for an "
          "earlier one), each clause with its amendments' count and the ideas that shaped it")
def get_document(call: Call, document_id: str) -> shapes.DocumentShownModel:
    now = _now()
    return shapes.shown_document(logic.read(document_id, call.query.version, now), iso(now))


@endpoint("PATCH", "/documents/{document_id}", access=POLICY, body=DocumentSettings,
          response=shapes.DocumentSummary, tags=("documents",), errors=(403, 404, 409),
          summary="Choose how amendments are listed beside their clause (the policy team of its area, or an admin)")
def set_document(call: Call, document_id: str) -> shapes.DocumentSummary:
    changed = logic.choose_order(call.signed_in, document_id, AmendmentOrder(call.body.amendment_order))
    return shapes.summary(changed, iso(_now()))


@endpoint("POST", "/documents/{document_id}/versions", access=POLICY, body=VersionCreate,
          response=shapes.DocumentShownModel, status=201, tags=("documents",), errors=(403, 404, 409, 503),
          summary="Publish the next version: every accepted and composited wording applied, in one transaction "
          "(the policy team of its area, or an admin)")
def publish_version(call: Call, document_id: str) -> shapes.DocumentShownModel:
    now = _now()
    published = logic.publish_version(call.signed_in, document_id, note=call.body.note,
                                      amendments_close_at=call.body.amendments_close_at, now=now)
    return shapes.shown_document(logic.read(published.id, str(published.current_version), now), iso(now))


@endpoint("GET", "/documents/{document_id}/diff", access=ANYONE, query=DiffQuery,
          response=shapes.DocumentDiff, tags=("documents",), errors=(400, 404), html=True,
          summary="What changed between two versions: clause by clause, word by word, each change with the "
          "amendments behind it")
def document_diff(call: Call, document_id: str) -> shapes.DocumentDiff:
    return shapes.diff(logic.compare(document_id, call.query.from_version, call.query.to_version))


@endpoint("POST", "/documents/{document_id}/adopt", access=POLICY, body=Adoption,
          response=shapes.DocumentSummary, tags=("documents",), errors=(403, 404, 409),
          summary="Adopt the document into the manifesto once every amendment is decided and published; the "
          "ideas it came from hear of it (the policy team of its area, or an admin)")
def adopt_document(call: Call, document_id: str) -> shapes.DocumentSummary:
    now = _now()
    return shapes.summary(logic.adopt(call.signed_in, document_id, call.body.note, now), iso(now))


@endpoint("PUT", "/documents/{document_id}/clauses/{clause_id}/origins", access=POLICY, body=OriginsSet,
          response=OriginsShown, tags=("documents",), errors=(400, 403, 404, 409),
          summary="Link the ideas (campaigns) that shaped a clause; each newly linked idea's owner, supporters "
          "and followers hear of it (the policy team of its area, or an admin)")
def set_clause_origins(call: Call, document_id: str, clause_id: str) -> OriginsShown:
    linked = logic.set_origins(call.signed_in, document_id, clause_id, call.body.campaign_ids, _now())
    return OriginsShown(clause_id=clause_id, campaign_ids=[o.campaign_id for o in linked],
                        origins=[shapes.origin(o) for o in linked])
