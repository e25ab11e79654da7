"""bench/requests.py's rows for policy documents and amendments (bench/documents.py measures them at a
programme round's scale). Same shape as requests.scenarios."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

WARM = "warm container"
DRAFT = {"area": "health", "title": "A healthier Britain", "summary": "Our plan for the NHS.",
         "chapters": [{"heading": "GPs", "clauses": ["Every town keeps a GP surgery.", "Appointments within a week."]},
                      {"heading": "Hospitals", "clauses": ["Waiting lists cut by half."]}]}
REASON = "Members asked for it at branch meetings across the region."


class Documents:
    """A document of the policy member's, and amendments of the citizen's to it, made through the API."""

    def __init__(self, w: Any) -> None:
        self.w, self._document, self._made = w, None, 0

    def fresh(self) -> dict:
        body = {**DRAFT, "amendments_close_at": (datetime.now(UTC) + timedelta(days=30)).isoformat()}
        return self.w.api.post("/documents", user=self.w.policy, json_body=body).json_body

    def document(self) -> dict:
        if self._document is None:
            self._document = self.fresh()
        return self._document

    def path(self) -> str:
        return f"/documents/{self.document()['id']}"

    def clause(self, n: int = 0) -> str:
        return [c for ch in self.document()["chapters"] for c in ch["clauses"]][n]["id"]

    def amendment(self) -> str:
        """A fresh amendment, by each of the owners in turn (a person proposes at most 5 to a document)."""
        self._made += 1
        body = {"clause_id": self.clause(2), "action": "replace", "reason": REASON,
                "text": f"Waiting lists cut by two thirds {uuid.uuid4().hex[:4]}"}
        proposer = self.w.owners[self._made % len(self.w.owners)]
        return self.w.api.post(f"{self.path()}/amendments", user=proposer, json_body=body).json_body["id"]

    def organisation(self) -> str:
        handle = f"clp-{uuid.uuid4().hex[:8]}"
        self.w.api.post("/organisations", user=self.w.owners[3], json_body={"handle": handle, "name": "A CLP",
                                                                           "kind": "constituency_party"})
        return handle

    def support_state(self, amendment_id: str) -> str:
        from chalicelib.store.amendments import support_state

        support_state(amendment_id)
        return f"/amendments/{amendment_id}/support"


def document_scenarios(w: Any) -> list[tuple]:
    from chalicelib.domain.consent import SUPPORT_CONSENT_VERSION

    d, c, p = Documents(w), w.citizen, w.policy
    consent = {"consent_version": SUPPORT_CONSENT_VERSION}
    amendment = {"clause_id": "", "action": "delete", "text": "", "reason": REASON}
    return [
        ("POST /documents", "policy", p, lambda: ("/documents", {
            **DRAFT, "amendments_close_at": (datetime.now(UTC) + timedelta(days=30)).isoformat()})),
        ("GET /documents", "anyone", None, lambda: ("/documents?area=health", None)),
        ("GET /documents/{document_id}", "anyone", None, lambda: (d.path(), None)),
        ("GET /documents/{document_id}", "anyone", None, lambda: (w.asked(d.path()), None), WARM),
        ("PATCH /documents/{document_id}", "policy", p, lambda: (d.path(), {"amendment_order": "oldest_first"})),
        ("POST /documents/{document_id}/amendments", "citizen", c,
         lambda: (f"{d.path()}/amendments", {**amendment, "clause_id": d.clause(1)})),
        ("GET /documents/{document_id}/amendments", "anyone", None,
         lambda: (f"{d.path()}/amendments?clause_id={d.clause(2)}", None)),
        ("GET /documents/{document_id}/amendments", "anyone", None,
         lambda: (w.asked(f"{d.path()}/amendments?clause_id={d.clause(2)}"), None), WARM),
        ("GET /amendments/{amendment_id}", "anyone", None, lambda: (f"/amendments/{d.amendment()}", None)),
        ("PUT /amendments/{amendment_id}/support", "citizen", c, lambda: (f"/amendments/{d.amendment()}/support",
                                                                          consent)),
        ("PUT /amendments/{amendment_id}/support", "citizen", c, lambda: (d.support_state(d.amendment()), consent),
         WARM),
        ("DELETE /amendments/{amendment_id}/support", "citizen", c, lambda: (f"/amendments/{d.amendment()}/support",)),
        ("PUT /amendments/{amendment_id}/decision", "policy", p,
         lambda: (f"/amendments/{d.amendment()}/decision", {"decision": "rejected", "reason": REASON})),
        ("GET /amendments/{amendment_id}/trail", "anyone", None, lambda: (f"/amendments/{d.amendment()}/trail", None)),
        ("PUT /documents/{document_id}/clauses/{clause_id}/origins", "policy", p,
         lambda: (f"{d.path()}/clauses/{d.clause(0)}/origins", {"campaign_ids": [w.open_ids[7]]})),
        ("GET /campaigns/{campaign_id}/trail", "anyone", None, lambda: (f"/campaigns/{w.open_ids[7]}/trail", None)),
        ("POST /documents/{document_id}/versions", "policy", p, lambda: (f"{d.path()}/versions", {"note": "Spring."})),
        ("GET /documents/{document_id}/diff", "anyone", None, lambda: (f"{d.path()}/diff?from=1&to=2", None)),
        ("POST /documents/{document_id}/adopt", "policy", p,
         lambda: (f"/documents/{d.fresh()['id']}/adopt", {"note": "Adopted at annual conference."})),
        ("PUT /organisations/{handle}/verification", "admin", w.admin,
         lambda: (f"/organisations/{d.organisation()}/verification", {"kind": "constituency_party"})),
        ("GET /documents/new", "anyone", None, lambda: ("/documents/new", None)),
        ("GET /documents/{document_id}/clauses/{clause_id}", "anyone", None,
         lambda: (f"{d.path()}/clauses/{d.clause(2)}", None)),
        ("GET /documents/{document_id}/decide", "anyone", None, lambda: (f"{d.path()}/decide", None)),
    ]
