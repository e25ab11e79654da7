"""What the policy documents' pages show, gathered through logic: the list, a document with its clause
numbers, a clause with its amendments beside it, an amendment with its trail, a diff, and the policy
team's decision screen (clause by clause). Public facts only, as every page."""

from __future__ import annotations

from datetime import UTC, datetime

from chalicelib.domain.amendments import Action, Verdict
from chalicelib.domain.documents import Status
from chalicelib.domain.errors import InvalidInput, NotFound
from chalicelib.domain.organisations import Kind
from chalicelib.domain.times import iso
from chalicelib.http import document_shapes as shapes
from chalicelib.http import trail_shapes
from chalicelib.logic import amendments, documents, trail
from chalicelib.messages import label, text
from chalicelib.web.shown_areas import SHOWN_BY_ID

SECTION = 20
CLAUSE_PAGE = 25  # amendments beside a clause per page: well under the page budget at their longest


def _labels() -> dict[str, dict[str, str]]:
    """The words for the values the pages show, in the request's language (messages/labels.py)."""
    return {"actions": {a.value: label("amendment_action", a.value) for a in Action},
            "verdicts": {v.value: label("verdict", v.value) for v in Verdict},
            "kinds": {k.value: label("organisation_kind", k.value) for k in Kind},
            "statuses": {s.value: label("document_status", s.value) for s in Status}}


def _now() -> datetime:
    return datetime.now(UTC)


def listing(query: dict[str, str]) -> dict:
    """Every status's documents (one Query each), in one area or all."""
    area = query.get("area") or None
    if area is not None and area not in SHOWN_BY_ID:
        raise InvalidInput(wording="area", details={"fields": {"area": text("field.see_areas")}})
    now = _now()
    sections = []
    for status in (Status.OPEN, Status.CLOSED, Status.ADOPTED):
        found, _more = documents.listed(area=area, status=status, now=now, limit=SECTION, cursor=None)
        shown = [shapes.summary(d, iso(now)) for d in found]
        sections.append((status.value, label("document_status", status.value), shown))
    return {"sections": sections, "area": SHOWN_BY_ID.get(area) if area else None, "areas_by_id": SHOWN_BY_ID,
            **_labels()}


def document(document_id: str, query: dict[str, str]) -> dict:
    now = _now()
    shown = shapes.shown_document(documents.read(document_id, query.get("version"), now), iso(now))
    return {"document": shown, "area": SHOWN_BY_ID.get(shown.area), **_labels()}


def clause(document_id: str, clause_id: str, query: dict[str, str]) -> dict:
    """A clause of the current version with its amendments beside it, in the document's order."""
    page = amendments.of_clause(document_id, clause_id, CLAUSE_PAGE, query.get("cursor") or None)
    if page.clause is None:
        raise NotFound(code="clause_not_found")
    now = _now()
    head = shapes.summary(page.document, iso(now))
    return {"document": head, "clause": shapes.clause(page.clause, page.document), "area": SHOWN_BY_ID.get(head.area),
            "amendments": [shapes.amendment(a) for a in page.items], "more": page.next_cursor,
            "actions_offered": [(a.value, label("amendment_action", a.value)) for a in Action], **_labels()}


def amendment(amendment_id: str) -> dict:
    shown = shapes.amendment(amendments.shown(amendment_id))
    now = _now()
    found = documents.read(shown.document_id, None, now)
    return {"amendment": shown, "document": shapes.summary(found.document, iso(now)),
            "trail": trail_shapes.trail(trail.of_amendment(amendment_id), absolute=False), **_labels()}


def diff(document_id: str, query: dict[str, str]) -> dict:
    found = shapes.diff(documents.compare(document_id, query.get("from") or None, query.get("to") or None))
    now = _now()
    head = shapes.summary(documents.read(document_id, None, now).document, iso(now))
    return {"diff": found, "document": head, **_labels()}


def decide(document_id: str, query: dict[str, str]) -> dict:
    """The decision screen, one clause at a time: the clauses with amendments (their counts from the
    document), and the chosen clause's amendments, each with its decision or a form for one."""
    now = _now()
    found = documents.read(document_id, None, now)
    head = shapes.shown_document(found, iso(now))
    with_amendments = [c for ch in head.chapters for c in ch.clauses if c.amendment_count]
    chosen = query.get("clause") or (with_amendments[0].id if with_amendments else None)
    page = amendments.of_clause(document_id, chosen, CLAUSE_PAGE, query.get("cursor") or None) if chosen else None
    return {"document": head, "clauses": with_amendments, "chosen": chosen,
            "clause": shapes.clause(page.clause, page.document) if page else None,
            "amendments": [shapes.amendment(a) for a in page.items] if page else [],
            "more": page.next_cursor if page else None,
            "verdicts_offered": [(v.value, label("verdict", v.value)) for v in Verdict], **_labels()}


def kinds_offered() -> list[tuple[str, str]]:
    return [(k.value, label("organisation_kind", k.value)) for k in Kind]
