"""How every route is declared: one decorator that says who may call it and what it takes and
gives. The same declaration makes the route's view (it checks the caller, validates the request
with pydantic, maps errors to the API's shape), the row of the generated route table app.py
declares to Chalice (`ops/route_table.py`), the OpenAPI document and the authorization matrix
test, so none of them can drift from the code.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from chalice.app import Request, Response

from chalicelib.domain.errors import InvalidInput, NotFound, PayloadTooLarge
from chalicelib.domain.identity import Access, Caller
from chalicelib.http import auth
from chalicelib.http.errors import JSON_HEADERS, response_for
from chalicelib.http.negotiation import html_alternative, wants_html
from chalicelib.messages import text
from chalicelib.settings import get_settings

if TYPE_CHECKING:  # a route's module brings pydantic with its models; every request needs none of it
    from pydantic import BaseModel

# What no cache (a browser's, a proxy's, the CDN's) may keep: a signed-in person's own answers.
PRIVATE = "no-store"
# What is the same for everyone, kept briefly by browsers, proxies and the CDN: a viral campaign's
# page is served from caches, yet its count is at most this old (pages, and lists ranked for all).
PUBLIC_MAX_AGE = 30
PUBLIC = f"public, max-age={PUBLIC_MAX_AGE}"


@dataclass(frozen=True)
class RouteSpec:
    method: str
    path: str
    access: Access
    summary: str
    body: type[BaseModel] | None = None
    query: type[BaseModel] | None = None
    response: Any = None  # a model, or list[Model]; documents the 2xx body
    status: int = 200
    produces: str = "application/json"
    tags: tuple[str, ...] = ()
    headers: tuple[str, ...] = ()
    errors: tuple[int, ...] = field(default=())
    html: bool = False  # a browser asking for text/html gets the page registered for this path
    # The route guards the erasure itself, so no GetItem ahead of it: a reply in its own transaction
    # (store/guards.py); supports and follows by their streams, which remove what an erasure forbids.
    erasure_in_write: bool = False
    # Its answers are never cached, whoever asks: they carry tokens or answer for one account.
    private: bool = False
    # It records a change to how the person signs in (an authenticator set up): a token the change
    # itself makes stale still reaches it, and the second-factor guard is the handler's own business.
    sign_in_change: bool = False


@dataclass(frozen=True)
class Endpoint:
    """A declared route: its spec, and the view that answers it (`view(request, **path_params)`)."""

    spec: RouteSpec
    view: Callable[..., Response]
    name: str  # the handler's name: the route's view name
    module: str  # the module that declares it


# Every route declared so far, by (method, path): a route module's import fills in its own.
ENDPOINTS: dict[tuple[str, str], Endpoint] = {}


def endpoint_view(method: str, path: str) -> Callable[..., Response]:
    return ENDPOINTS[(method, path)].view


# An account being erased, or erased with a token still unexpired, writes nothing more: what it
# wrote after its erasure's step ran would outlive the erasure. One GetItem per signed-in write, unless
# the route guards it itself (`erasure_in_write`): in its transaction, leaving no gap before the write,
# or (supports, follows) by its stream, which removes a change made after the erasure began.
WRITES = {"POST", "PUT", "PATCH"}


@dataclass
class Call:
    """What a handler gets: the caller (or None), the validated body and query, the request."""

    request: Request
    caller: Caller | None
    body: Any = None
    query: Any = None

    @property
    def signed_in(self) -> Caller:
        assert self.caller is not None, "route declared Access.SIGNED_IN"
        return self.caller

    def header(self, name: str) -> str | None:
        return _header(self.request, name.lower())

    @property
    def client_address(self) -> str | None:
        return client_address(self.request)


def _header(request: Request, name: str) -> str | None:
    """A request header by its lower-case name (Chalice's headers are case-insensitive; a test's may be absent)."""
    headers = request.headers
    return headers.get(name) if headers else None


# CloudFront's own header: the address (and port) that connected to the edge.
VIEWER_ADDRESS = "cloudfront-viewer-address"


def client_address(request: Request) -> str | None:
    """Who is asking, for a per-client limit. Deployed, API Gateway's `sourceIp` is CloudFront's own
    address (the origin answers only through it: README, "Edge protection"), so counting it would
    let one client stop everyone behind an edge; the client is CloudFront's `CloudFront-Viewer-Address`.
    Locally, the address that connected. None when it cannot be known: the per-address limits hold."""
    viewer = _header(request, VIEWER_ADDRESS)
    if viewer:
        host, _, port = viewer.strip().rpartition(":")  # "203.0.113.9:4711", "[2001:db8::1]:4711"
        return (host if port.isdigit() else viewer).strip("[] ") or None
    if not get_settings().is_local:
        return None
    identity = (request.context or {}).get("identity") or {}
    return str(identity.get("sourceIp") or "") or None


def _parse_body(request: Request, model: type[BaseModel]) -> BaseModel:
    raw = request.raw_body or b""
    if len(raw) > get_settings().max_body_bytes:
        raise PayloadTooLarge(limit=get_settings().max_body_bytes,
                              details={"limit_bytes": get_settings().max_body_bytes})
    if not raw.strip():
        return model.model_validate({})  # no body: fine where every field has a default
    content_type = _header(request, "content-type") or ""
    if content_type.split(";")[0].strip().lower() != "application/json":
        raise InvalidInput(
            code="unsupported_content_type",
            details={"content_type": content_type or None},
        )
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidInput(code="invalid_json") from exc
    return model.model_validate(data)


def _parse_query(request: Request, model: type[BaseModel]) -> BaseModel:
    return model.model_validate(dict(request.query_params or {}))


def _as_json(shown: Any) -> Any:
    """A model as JSON; anything else as it is. (Asked of the value, not `isinstance(..., BaseModel)`,
    so that this module needs no pydantic: a route's module brings it with the models it returns.)"""
    return shown.model_dump(mode="json", by_alias=True) if hasattr(shown, "model_dump") else shown


def _to_response(result: Any, status: int) -> Response:
    if isinstance(result, Response):
        return result
    result = [_as_json(r) for r in result] if isinstance(result, list) else _as_json(result)
    return Response(body=result, status_code=status, headers=dict(JSON_HEADERS))


def endpoint(
    method: str,
    path: str,
    *,
    access: Access,
    summary: str,
    body: type[BaseModel] | None = None,
    query: type[BaseModel] | None = None,
    response: Any = None,
    status: int = 200,
    produces: str = "application/json",
    tags: tuple[str, ...] = (),
    headers: tuple[str, ...] = (),
    errors: tuple[int, ...] = (),
    html: bool = False,
    erasure_in_write: bool = False,
    private: bool = False,
    sign_in_change: bool = False,
) -> Callable[[Callable[..., Any]], Callable[..., Response]]:
    spec = RouteSpec(method, path, access, summary, body, query, response, status, produces,
                     tags, headers, errors, html, erasure_in_write, private, sign_in_change)

    def register(handler: Callable[..., Any]) -> Callable[..., Response]:
        @functools.wraps(handler)
        def view(request: Request, **path_params: str) -> Response:
            response = _answer(request, path_params)
            return _cache_policy(response, request, spec)

        def _answer(request: Request, path_params: dict[str, str]) -> Response:
            try:
                caller = auth.caller_for(request, access, sign_in_change=sign_in_change)
                _refuse_empty(path_params)
                page = html_alternative(path) if html and wants_html(request) else None
                if page is not None:
                    return page(request, path_params)
                if caller is not None and method in WRITES and not erasure_in_write:
                    # Imported by the first signed-in write that checks here: the erasure's logic
                    # brings the store, and every request needs none of it (README, "Cold start").
                    from chalicelib.logic.privacy import refuse_if_erasing

                    refuse_if_erasing(caller.id)
                call = Call(request=request, caller=caller)
                if body is not None:
                    call.body = _parse_body(request, body)
                if query is not None:
                    call.query = _parse_query(request, query)
                return _to_response(handler(call, **path_params), status)
            except Exception as exc:  # the one error mapping (pydantic's ValidationError among them)
                return response_for(exc)

        declared = Endpoint(spec, view, handler.__name__, handler.__module__)
        already = ENDPOINTS.setdefault((method, path), declared)
        if (already.module, already.name) != (declared.module, declared.name):
            raise ValueError(f"{method} {path} is declared twice: {already.module}.{already.name} and "
                             f"{declared.module}.{declared.name}")
        return view

    return register


def _refuse_empty(path_params: dict[str, str]) -> None:
    """`/campaigns//support` names no campaign. Chalice passes the empty parameter on (chalice
    local does), and DynamoDB refuses an empty key: a 500 before this."""
    empty = sorted(name for name, value in path_params.items() if not value)
    if empty:
        raise NotFound(wording="empty_path", name=empty[0].replace("_", " "),
                       details={"fields": {name: text("field.empty_path") for name in empty}})


def _cache_policy(response: Response, request: Request, spec: RouteSpec) -> Response:
    """`no-store` on every answer of a route that needs sign-in or says it is private (tokens, a
    code's answer), and on every answer to a request that carried a token (an owner sees their
    draft where others get 404), unless that route said its answer is the same for everyone (the
    open data's `public, max-age`)."""
    headers = response.headers if response.headers is not None else {}
    sent_token = bool(_header(request, "authorization"))
    if spec.access.sign_in or spec.private or (sent_token and "Cache-Control" not in headers):
        headers["Cache-Control"] = PRIVATE
    response.headers = headers
    return response


def if_match_version(call: Call, *, required: bool) -> int | None:
    """The version a client last read, from `If-Match: <version>` (quotes allowed)."""
    raw = call.header("If-Match")
    if raw is None:
        if required:
            raise InvalidInput(code="if_match_required", details={"fields": {"If-Match": text("field.missing")}})
        return None
    value = raw.strip().removeprefix("W/").strip('"')
    if not value.isdigit():
        raise InvalidInput(code="invalid_if_match",
                           details={"fields": {"If-Match": text("field.int_parsing")}})
    return int(value)
