"""The policy documents' pages: thin handlers that gather what a page shows (`document_views`) and
render it; beside them the manifesto tracker ("You said, we did", which lists the adopted documents)
and the admins' page that verifies what an organisation is (so it may amend). Reading needs no
JavaScript; proposing, supporting, deciding and publishing are small scripts (`static/documents.js`)
that call the JSON API with the ID token, and the API decides who may."""

from __future__ import annotations

from chalice.app import Response

from chalicelib.domain.identity import ANYONE
from chalicelib.http.negotiation import html_view
from chalicelib.http.routing import Call, endpoint
from chalicelib.web import document_views as views
from chalicelib.web import manifesto_views, render
from chalicelib.web.pages import page_route

HTML = {"Vary": "Accept"}


def _shown(template: str, build) -> Response:
    try:
        return render.page(template, extra_headers=HTML, **build())
    except Exception as exc:  # a domain error becomes the HTML error page; anything else the API's 500
        return render.error_page(exc)


@html_view("/documents", query=True)
def documents_page(query: dict[str, str]) -> Response:
    """`GET /documents` for browsers: every status's documents (the API declares the route)."""
    return _shown("documents.html", lambda: views.listing(query))


@html_view("/documents/{document_id}", query=True)
def document_page(query: dict[str, str], document_id: str) -> Response:
    """`GET /documents/{id}` for browsers: the text with its clause numbers, amendments' counts and origins."""
    return _shown("document.html", lambda: views.document(document_id, query))


@html_view("/documents/{document_id}/diff", query=True)
def diff_page(query: dict[str, str], document_id: str) -> Response:
    return _shown("diff.html", lambda: views.diff(document_id, query))


@html_view("/amendments/{amendment_id}")
def amendment_page(amendment_id: str) -> Response:
    return _shown("amendment.html", lambda: views.amendment(amendment_id))


@endpoint("GET", "/documents/{document_id}/clauses/{clause_id}", access=ANYONE,
          produces="text/html", tags=("pages",), errors=(404,),
          summary="A clause and its amendments beside it, each with its support; the form to amend it")
def clause_page(call: Call, document_id: str, clause_id: str) -> Response:
    query = dict(call.request.query_params or {})
    return _shown("clause.html", lambda: views.clause(document_id, clause_id, query))


@endpoint("GET", "/documents/{document_id}/decide", access=ANYONE, produces="text/html",
          tags=("pages",), errors=(404,),
          summary="The policy team's decision screen, clause by clause (its forms call the API, which decides who may)")
def decide_page(call: Call, document_id: str) -> Response:
    query = dict(call.request.query_params or {})
    return _shown("decide.html", lambda: views.decide(document_id, query))


@endpoint("GET", "/documents/new", access=ANYONE, produces="text/html", tags=("pages",),
          summary="Publish a draft policy document (the policy team; the form posts to the API)")
def new_document_page(call: Call) -> Response:
    return render.page("document_new.html", cache=render.CACHE_NEVER)


@html_view("/manifesto", query=True)
def manifesto_page(query: dict[str, str]) -> Response:
    """`GET /manifesto` for browsers ("You said, we did"): the API declares the route with `html=True`."""
    return render.negotiated("manifesto.html", lambda: manifesto_views.tracker(query))


@page_route("/admin/organisations",
            summary="Admins: verify what an organisation is, so its kind shows and it may amend (a shell)")
def admin_organisations_page(call: Call) -> Response:
    return render.page("admin_organisations.html", cache=render.CACHE_NEVER, kinds=views.kinds_offered())
