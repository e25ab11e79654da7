"""Which language a request is answered in: the one rule, read once per request. Pages, API error
messages and anything else rendered while answering it (chalicelib.messages) speak it.

In order, the first that names a language there is a catalogue for:
1. `?lang=` in the address: the language as part of the URL, what `hreflang` alternates link to;
2. the `lang` cookie: a visitor's choice, set by the switch (`GET /language`) and by `PATCH /me`
   when someone signed in chooses (their profile keeps it; the page's script puts it back in the
   cookie on a browser they sign in on, as pages never read a token);
3. `Accept-Language`, for a first visit;
4. English.
All three are in what caches key on: every answer says `Vary: Accept-Language, Cookie`, and
CloudFront's cache policy keys on the query string, the `lang` cookie and `Accept-Language`
(README, "Words and languages"), so no cached page answers in the other language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from chalice.app import Request, Response

from chalicelib import messages
from chalicelib.http.cookies import cookie_value
from chalicelib.settings import get_settings

QUERY = "lang"
COOKIE = "lang"
COOKIE_MAX_AGE = 365 * 24 * 3600  # a year: a choice of language is not made often
# What an answer's words depend on, beyond its address: so a shared cache keeps one copy per language.
VARY = ("Accept-Language", "Cookie")
# Each language's name, in that language: what the switch shows (the one place it is not translated).
NAMES = {"en": "English", "cy": "Cymraeg"}

# The address of the page being answered (its path and query, without `lang`), for the switch and
# `hreflang` links the page carries.
_address: ContextVar[tuple[str, list[tuple[str, str]]]] = ContextVar("address", default=("/", []))


def known(language: str | None) -> str | None:
    """`language` if there is a catalogue for it ("cy", "cy-GB" and "CY" are Welsh), else None."""
    if not language:
        return None
    primary = language.strip().split("-")[0].split("_")[0].lower()
    return primary if primary in messages.LANGUAGES else None


def preferred(accept_language: str | None) -> str | None:
    """The language of ours that `Accept-Language` likes best (RFC 9110 weights; `*` names none)."""
    if not accept_language:
        return None
    ranked: list[tuple[float, int, str]] = []
    for place, part in enumerate(accept_language.split(",")):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        language = known(tag)
        if language and weight > 0:
            ranked.append((-weight, place, language))
    return min(ranked)[2] if ranked else None


def _header(request: Request, name: str) -> str | None:
    return request.headers.get(name) if request.headers else None


def query_value(request: Request, name: str) -> str | None:
    return request.query_params.get(name) if request.query_params else None


def cookie_of(request: Request) -> str | None:
    return known(cookie_value(request, COOKIE))


def language_of(request: Request) -> str:
    return (known(query_value(request, QUERY)) or cookie_of(request)
            or preferred(_header(request, "accept-language")) or messages.DEFAULT)


def set_cookie(language: str) -> str:
    """Not HttpOnly: the page's script reads it to keep a signed-in person's profile in step. Not
    Secure-only locally, like the session cookie, so the local stage works over plain HTTP."""
    settings = get_settings()
    secure = "" if settings.is_local and not settings.public_base_url.startswith("https") else "; Secure"
    return f"{COOKIE}={language}; Path=/; Max-Age={COOKIE_MAX_AGE}; SameSite=Lax{secure}"


def _address_of(request: Request) -> tuple[str, list[tuple[str, str]]]:
    path = request.path or "/"
    for name, value in (request.uri_params or {}).items():
        path = path.replace("{" + name + "}", quote(value, safe=""))
    query = request.query_params
    pairs = [(k, v) for k in (query or {}) for v in query.getlist(k) if k != QUERY] if query else []
    return path, pairs


def with_vary(response: Response, names: tuple[str, ...] = VARY) -> Response:
    headers = response.headers
    present = [v.strip() for v in str(headers.get("Vary", "")).split(",") if v.strip()]
    headers["Vary"] = ", ".join(present + [n for n in names if n.lower() not in {p.lower() for p in present}])
    return response


def language_middleware(request: Request, get_response: Callable[[Request], Response]) -> Response:
    language = language_of(request)
    token = _address.set(_address_of(request))
    try:
        with messages.speaking(language):
            response = get_response(request)
    finally:
        _address.reset(token)
    response.headers.setdefault("Content-Language", messages.LANGUAGES[language])
    return with_vary(response)


@dataclass(frozen=True)
class Alternate:
    language: str
    tag: str  # what hreflang and lang say
    name: str  # the language's name in itself
    href: str  # this page in that language: the address with ?lang=
    switch: str  # the switch: remembers the choice, then comes back here
    current: bool


def _with_lang(path: str, pairs: list[tuple[str, str]], language: str | None) -> str:
    query = urlencode(pairs + ([(QUERY, language)] if language else []))
    return f"{path}?{query}" if query else path


def alternates() -> Iterator[Alternate]:
    """This page in each language (templates: the switch, and `hreflang` links on public pages)."""
    path, pairs = _address.get()
    here = _with_lang(path, pairs, None)
    for language, tag in messages.LANGUAGES.items():
        yield Alternate(language=language, tag=tag, name=NAMES.get(language, language),
                        href=_with_lang(path, pairs, language),
                        switch="/language?" + urlencode({"to": language, "next": here}),
                        current=language == messages.active_language())


def default_address() -> str:
    """This page without a language in its address: `hreflang="x-default"` (the visitor's own choice)."""
    path, pairs = _address.get()
    return _with_lang(path, pairs, None)


def safe_next(next_path: str | None) -> str:
    """Where the switch returns to: a path on this site, never another origin (`//evil`, `/\\evil`)."""
    if not next_path or not next_path.startswith("/") or next_path.startswith(("//", "/\\")):
        return "/"
    if any(c in next_path for c in "\\\r\n\t") or any(ord(c) < 32 for c in next_path):
        return "/"
    return next_path
