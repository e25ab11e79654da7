"""No English on a Welsh page (issue 29, "Must show"): every page in the route table, asked for in
Welsh, has no text node (and no aria-label, placeholder, title or alt) that reads as one of the
English catalogue's messages, apart from the proper names and words Welsh shares with English
(ops/translations.SAME_IN_BOTH). Against the real Welsh catalogue, not a stub: this is what a reader
would see. The pages are rendered as the server sends them (shells' scripts fill in the rest, from the
same catalogue's scripts.json)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from chalicelib.http import routing
from ops import messages as catalogue
from ops.translations import SAME_IN_BOTH
from tests.api.campaign_helpers import open_campaign
from tests.api.consultation_helpers import open_consultation, policy_team
from tests.conftest import deliver_until_quiet

# Names that are the same in every language, and what a page shows as data rather than words.
PROPER_NAMES = frozenset({"Labourspace", "English", "API", "WhatsApp", "X", "Facebook", "UTC", "CSV"})
READ_ATTRIBUTES = ("aria-label", "placeholder", "title", "alt")
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def _english_messages() -> list[re.Pattern[str]]:
    """Each English message as a whole-text pattern, its placeholders matching anything."""
    english = catalogue.read(catalogue.CATALOGUES / "en" / "LC_MESSAGES" / "messages.po")
    shared = SAME_IN_BOTH.get("cy", frozenset()) | PROPER_NAMES
    patterns = []
    for message in english:
        for words in (message.id if isinstance(message.id, tuple) else (message.id,)):
            said = " ".join(str(words).split())
            # A message that is mostly placeholders ("On %(date)s") would match data ("On the shortlist."):
            # only words enough to be recognised as the catalogue's count.
            if not said or said in shared or len(re.findall(r"[A-Za-z]", PLACEHOLDER.sub("", said))) < 6:
                continue
            parts = [re.escape(p) for p in PLACEHOLDER.split(said.replace("%%", "%"))]
            patterns.append(re.compile("^" + "(.+)".join(parts) + "$", re.S))
    return patterns


class _Words(HTMLParser):
    """The words a reader is shown as the page's own: not scripts, and not content the page marks as
    written in another language than its <html lang> (`lang="en-GB"` on a Welsh page: an English
    minister's alert on /dev/mailbox), which a screen reader reads in that language."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skipping = 0
        self._foreign: tuple[str, int] | None = None  # the element marked foreign, and its nesting
        self._page_language = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._foreign is not None:
            if tag == self._foreign[0]:
                self._foreign = (tag, self._foreign[1] + 1)
            return
        language = (dict(attrs).get("lang") or "").lower().split("-")[0]
        if tag == "html":
            self._page_language = language
        elif language and language != self._page_language and tag not in VOID:
            self._foreign = (tag, 1)
            return
        if tag in ("script", "style"):
            self._skipping += 1
        self.found += [value for name, value in attrs if name in READ_ATTRIBUTES and value]

    def handle_endtag(self, tag: str) -> None:
        if self._foreign is not None:
            if tag == self._foreign[0]:
                depth = self._foreign[1] - 1
                self._foreign = (tag, depth) if depth else None
            return
        if tag in ("script", "style"):
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping and self._foreign is None and data.strip():
            self.found.append(" ".join(data.split()))


@pytest.fixture(scope="module")
def world(api, make_user, runner) -> dict[str, str]:
    from chalicelib.domain.events import EventKind
    from chalicelib.store.base import utcnow
    from chalicelib.store.outbox import raise_event

    people = policy_team(api, make_user, {"policy": ["health"]})
    owner, moderator = make_user(name="tudalen"), make_user("moderators", name="tudalen-mod")
    # Ministers of its area, one reading Welsh and one English, so /dev/mailbox shows an alert in each.
    admin, ministers = make_user("admins", name="tudalen-admin"), {}
    for language in ("cy", "en"):
        minister = make_user("ministers", name=f"tudalen-{language}")
        assert api.patch("/me", user=minister, json_body={"language": language}).status_code == 200
        ministers[language] = json.loads(api.get("/me", user=minister).body)["id"]
        api.put(f"/ministers/{ministers[language]}/portfolio", user=admin, json_body={"areas": ["health"]})
    campaign = open_campaign(api, owner, moderator, area="health", title="Meddygon teulu o fewn wythnos")
    raise_event(campaign["id"], EventKind.RESPONSE_THRESHOLD, "health", utcnow(), value=10_000)
    deliver_until_quiet(runner)
    draft = json.loads(api.post("/campaigns", user=owner, json_body={
        "title": "Drafft am fysiau", "summary": "Bysiau am ddim i brentisiaid.", "body": "Achos. " * 20,
        "area": "transport"}).body)
    consultation = open_consultation(api, people["policy"])
    handle = json.loads(api.get("/me", user=owner).body)["handle"]
    return {"slug": campaign["slug"], "campaign_id": campaign["id"], "draft_id": draft["id"],
            "consultation_id": consultation["id"], "handle": handle, "welsh_minister": ministers["cy"],
            "english_minister": ministers["en"]}


def _address(path: str, world: dict[str, str]) -> str:
    filled = {"/c/{slug}": f"/c/{world['slug']}", "/widgets/c/{campaign_id}": f"/widgets/c/{world['campaign_id']}",
              "/my/campaigns/{campaign_id}/edit": f"/my/campaigns/{world['draft_id']}/edit",
              "/consultations/{consultation_id}": f"/consultations/{world['consultation_id']}",
              "/people/{handle}": f"/people/{world['handle']}", "/areas/{area_id}": "/areas/health",
              "/canvass/{area_id}": "/canvass/health", "/search": "/search?q=meddygon",
              # Emails are shown as sent, each marked with its recipient's language; ministers' alerts
              # too (the world's Welsh minister's in Welsh, anyone else's marked lang="en-GB").
              "/dev/mailbox": "/dev/mailbox?to=neb-erioed@example.org",
              "/notifications/unsubscribe": "/notifications/unsubscribe?token=nonsense",
              "/notifications/confirm-email": "/notifications/confirm-email?token=nonsense"}
    return filled.get(path, path)


def _pages() -> list[str]:
    return sorted(path for (method, path), declared in routing.ENDPOINTS.items()
                  if method == "GET" and (declared.spec.produces == "text/html" or declared.spec.html)
                  and path != "/language")  # the switch answers 303 with no page


def test_no_page_shows_english_words_in_welsh(api, world) -> None:
    import app  # noqa: F401  (the route table's modules, imported as the app declares them)
    from chalicelib.route_table import ROUTE_TABLE

    for route in ROUTE_TABLE:
        __import__(route.module)
    english = _english_messages()
    pages = _pages()
    assert "/c/{slug}" in pages and "/my" in pages and len(pages) >= 25, pages
    shown_english: dict[str, list[str]] = {}
    for path in pages:
        answer = api.get(_address(path, world), headers={"Accept": "text/html", "Accept-Language": "cy"})
        html = answer.body.decode()
        assert answer.headers["Content-Type"].startswith("text/html") and '<html lang="cy-GB">' in html, path
        words = _Words()
        words.feed(html)
        leaked = [w for w in words.found if w not in PROPER_NAMES and any(p.match(w) for p in english)]
        if leaked:
            shown_english[path] = leaked
    assert shown_english == {}


def test_the_check_finds_english_when_there_is_some(api, world) -> None:
    """The walk can fail: the same page asked for in English is full of the catalogue's English."""
    words = _Words()
    words.feed(api.get("/join", headers={"Accept": "text/html", "Accept-Language": "en"}).body.decode())
    english = _english_messages()
    assert sum(1 for w in words.found if any(p.match(w) for p in english)) > 10


def test_the_mailbox_shows_a_welsh_minister_s_alert_in_welsh_and_marks_an_english_one_as_english(api, world) -> None:
    """What lets /dev/mailbox into the walk above: each minister's alert is in their own language, and one
    in English is marked `lang="en-GB"` rather than shown as the Welsh page's words."""
    from chalicelib import messages

    html = api.get("/dev/mailbox?to=neb-erioed@example.org",
                   headers={"Accept": "text/html", "Accept-Language": "cy"}).body.decode()
    subjects = {}
    for language in ("cy", "en"):
        with messages.speaking(language):
            subjects[language] = messages.text("alert.response_threshold.subject",
                                               campaign="Meddygon teulu o fewn wythnos")
    assert f'<li class="card" lang="cy-GB"><h4>{subjects["cy"]}</h4>' in html
    assert f'<li class="card" lang="en-GB"><h4>{subjects["en"]}</h4>' in html
    words = _Words()
    words.feed(html)
    assert subjects["cy"] in words.found and subjects["en"] not in words.found


@pytest.mark.parametrize(("language", "name", "department"), [
    ("cy", "Iechyd a gofal cymdeithasol", "Yr Adran Iechyd a Gofal Cymdeithasol"),
    ("en", "Health and social care", "Department of Health and Social Care")])
def test_a_policy_area_is_named_in_the_reader_s_language(api, world, language, name, department) -> None:
    """An area's name and department are the catalogue's: its page, a campaign's kicker and the list's
    filter all say them in the page's language."""
    def page(path: str) -> str:
        return api.get(path, headers={"Accept": "text/html", "Accept-Language": language}).body.decode()

    area = page("/areas/health")
    assert f"<h1>{name}</h1>" in area and department in area
    assert f'<a href="/areas/health">{name}</a>' in page(f"/c/{world['slug']}")
    assert f'<option value="health">{name}</option>' in page("/campaigns")
