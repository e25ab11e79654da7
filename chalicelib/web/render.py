"""Rendering pages: one Jinja2 environment (autoescaped), the security and caching headers
every page sends, the static files, and the HTML error page for the domain's errors."""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from functools import lru_cache
from hashlib import sha1
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chalice.app import Response

from chalicelib import dates, messages
from chalicelib.domain import errors
from chalicelib.domain.consent import support_consent
from chalicelib.http import language
from chalicelib.http.errors import STATUS_BY_ERROR
from chalicelib.http.routing import PRIVATE, PUBLIC
from chalicelib.settings import get_settings
from chalicelib.web.shown_areas import SHOWN_AREAS

if TYPE_CHECKING:
    from jinja2 import BytecodeCache, Environment

WEB = Path(__file__).resolve().parent
STATIC = WEB / "static"
PAGE_BYTES = 100_000  # every page, before images: quick on a phone on a slow network
CACHE_PUBLIC = PUBLIC  # a page anyone may see (`routing.PUBLIC_MAX_AGE`)
CACHE_NEVER = PRIVATE
# Every template compiled when the deployment package is built (ops/bytecode.py): otherwise a new
# container's first page lexes, parses and compiles its templates (a campaign's page, about 80 ms of
# CPU). The working tree has none, so `make run` and the tests render from source; a compiled
# template whose source has changed since is ignored (Jinja2 compares the source's checksum).
TEMPLATE_BYTECODE = WEB / "template_bytecode"


def _bytecode_cache(directory: Path, *, writing: bool) -> BytecodeCache:
    from jinja2 import FileSystemBytecodeCache

    class PackagedBytecode(FileSystemBytecodeCache):
        def get_cache_key(self, name: str, filename: str | None = None) -> str:
            # By name alone: the package is built in one folder and unpacked in another (/var/task).
            return sha1(name.encode(), usedforsecurity=False).hexdigest()

        def dump_bytecode(self, bucket: Any) -> None:
            if writing:  # never in Lambda, whose /var/task is read-only
                super().dump_bytecode(bucket)

    return PackagedBytecode(str(directory))


def compile_every_template(directory: Path) -> int:
    """For the deployment package: every template compiled into `directory`; how many."""
    directory.mkdir(parents=True, exist_ok=True)
    env = environment()
    env.bytecode_cache = _bytecode_cache(directory, writing=True)
    names = env.list_templates()
    for name in names:
        env.get_template(name)
    return len(names)


@lru_cache(maxsize=1)
def environment() -> Environment:
    # Imported here, not at the top: only a page needs Jinja2, so an API request's cold start skips it.
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    from chalicelib.web import content_language

    compiled = _bytecode_cache(TEMPLATE_BYTECODE, writing=False) if TEMPLATE_BYTECODE.is_dir() else None
    env = Environment(loader=FileSystemLoader(str(WEB / "templates")),
                      autoescape=select_autoescape(["html"], default_for_string=True, default=True),
                      trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.i18n"], bytecode_cache=compiled)
    # Words in templates are the catalogue's ({% trans %}, _(), ngettext), read in the request's language:
    # callables rather than install_gettext_translations, as one environment serves every language.
    # `trimmed`: a {% trans %} block's line breaks and indents are not part of its words (babel.cfg says the same).
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_callables(  # type: ignore[attr-defined]  # added by the i18n extension
        messages.gettext, messages.ngettext, newstyle=True, pgettext=messages.pgettext, npgettext=messages.npgettext)
    # The consent wording is the API's own (domain.consent), so the page cannot drift from it.
    env.globals.update(areas=SHOWN_AREAS, settings=get_settings(), support_consent=support_consent,
                       label=messages.label, html_lang=messages.html_lang, script_words=messages.script_words,
                       alternates=language.alternates, default_address=language.default_address,
                       reading=content_language.reading, foreign=content_language.foreign,
                       read_in=content_language.READ_IN, page_language=messages.active_language,
                       language_names=language.NAMES)
    # Dates as people write them ("4 December 2026"), in the request's language; <time datetime> keeps ISO.
    env.filters["date_words"] = dates.in_words
    return env


def cognito_origin() -> str:
    """Where the browser calls Cognito when signing in: the only other origin pages may reach."""
    settings = get_settings()
    return settings.cognito_endpoint or f"https://cognito-idp.{settings.region}.amazonaws.com"


def security_headers(*, framable: bool) -> dict[str, str]:
    """No inline script or style anywhere; only the widget may be framed, by any site."""
    policy = ["default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
              f"connect-src 'self' {cognito_origin()}", "form-action 'self'", "base-uri 'none'",
              f"frame-ancestors {'*' if framable else chr(39) + 'none' + chr(39)}"]
    headers = {"Content-Security-Policy": "; ".join(policy), "X-Content-Type-Options": "nosniff",
               "Referrer-Policy": "strict-origin-when-cross-origin",
               # HTTPS only, for a year, subdomains too: no first visit over plain HTTP to strip.
               "Strict-Transport-Security": "max-age=31536000; includeSubDomains"}
    if not framable:
        headers["X-Frame-Options"] = "DENY"
    return headers


def page(template: str, *, status: int = 200, cache: str = CACHE_PUBLIC, framable: bool = False,
         extra_headers: dict[str, str] | None = None, **context: Any) -> Response:
    # A public page links to itself in each language (hreflang); a signed-in shell or an error does not.
    html = environment().get_template(template).render(public=cache == CACHE_PUBLIC, **context)
    headers: dict[str, str | list[str]] = {"Content-Type": "text/html; charset=utf-8", "Cache-Control": cache,
               **security_headers(framable=framable), **(extra_headers or {})}
    return Response(body=html, status_code=status, headers=headers)


def page_within_budget(template: str, shrink: Callable[[], bool], **context: Any) -> Response:
    """Render, and while the page is over budget let `shrink` leave something for a next page."""
    while True:
        response = page(template, **context)
        if len(response.body.encode()) <= PAGE_BYTES or not shrink():
            return response


def error_page(exc: BaseException) -> Response:
    """The domain's errors as a page: the same statuses as the API's one mapping, in HTML."""
    if not isinstance(exc, errors.LabourspaceError):
        raise exc  # the API's mapping logs it and answers 500 without internals
    status = next((code for kind, code in STATUS_BY_ERROR.items() if isinstance(exc, kind)), 500)
    return page("error.html", status=status, cache=CACHE_NEVER, status_code=status, message=exc.message)


def shown(build: Callable[[], Response]) -> Response:
    """A domain error (an unknown slug, a hidden campaign) becomes the HTML error page."""
    try:
        return build()
    except Exception as exc:  # non-domain errors are re-raised to the API's one mapping
        return error_page(exc)


def negotiated(template: str, context: Callable[[], dict[str, Any]]) -> Response:
    """A public page answering a browser on a path the API also answers in JSON (`html_view`): it
    varies with Accept, so no cache hands a page to a client that asked for JSON."""
    return shown(lambda: page(template, extra_headers={"Vary": "Accept"}, **context()))


def static_file(name: str) -> Response:
    path = (STATIC / name).resolve()
    if path.parent != STATIC or not path.is_file():
        raise errors.NotFound(code="static_not_found")
    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if content_type.startswith("text/") or content_type.endswith("javascript"):
        content_type += "; charset=utf-8"
    headers: dict[str, str | list[str]] = {"Content-Type": content_type, "Cache-Control": "public, max-age=300",
                                           "X-Content-Type-Options": "nosniff"}
    return Response(body=path.read_text(encoding="utf-8"), status_code=200, headers=headers)
