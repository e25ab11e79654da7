"""Words people write stay words: script-injection payloads render inert in a real browser.
The widget works inside an iframe on another site; every other page refuses to be framed."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from functools import partial

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Site

TITLE = '<script>window.__pwned=1;alert("t")</script><img src=x onerror=alert(1)>'
SUMMARY = '"><svg onload=alert("s")> javascript:alert(2) {{ 7*7 }}'
BODY_LINES = ['</p><script>alert("body")</script>', '<iframe src="javascript:alert(3)"></iframe>',
              "<a href=\"javascript:alert(4)\">click</a> <style>body{display:none}</style>"]
REPLY = "<img src=x onerror=\"window.__pwned=2;alert('reply')\">"


@pytest.fixture(scope="module")
def hostile_campaign(site, make_user) -> dict:
    """An open campaign, and a reply, whose every word is an injection attempt."""
    from chalicelib.domain.identity import Caller
    from chalicelib.store import campaigns, people, replies

    author = make_user(name="hostile")
    people.ensure_person(Caller(id=author.sub, username=author.sub))
    moderator = make_user("moderators", name="hostile-mod")
    draft = campaigns.create_campaign(owner_id=author.sub, title=TITLE, summary=SUMMARY,
                                      body="\n".join(BODY_LINES), area="justice", organisation_id=None)
    opened = campaigns.decide(campaigns.submit(draft, author.sub), moderator.sub, True, "Testing the escaping.")
    replies.create_reply(campaign_id=opened.id, author_id=author.sub, body=REPLY, parent_id=None, badges=[])
    return {"id": opened.id, "slug": opened.slug}


@pytest.mark.parametrize("path", ["/c/{slug}", "/", "/areas/justice", "/widgets/c/{id}"])
def test_payloads_render_as_text_and_nothing_runs(site, open_browser, hostile_campaign, path):
    watched = open_browser()
    page = watched.page
    page.goto(site.url(path.format(**hostile_campaign)))
    expect(page.get_by_text(TITLE).first).to_be_visible()  # shown, as the words they are
    page.wait_for_timeout(300)
    assert watched.dialogs == []
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img[src=x], svg, iframe, main script, main style").count() == 0
    assert watched.errors == [], watched.errors  # a CSP report would be an error too


def test_the_campaign_page_shows_the_body_and_reply_as_paragraphs_of_text(site, open_browser, hostile_campaign):
    watched = open_browser()
    page = watched.page
    page.goto(site.url(f"/c/{hostile_campaign['slug']}"))
    case = page.get_by_role("region", name="The case")
    for line in BODY_LINES:
        expect(case.locator("p", has_text=line)).to_have_count(1)
    expect(page.locator("article.reply p", has_text=REPLY)).to_have_count(1)
    expect(page.locator("meta[property='og:title']")).to_have_attribute("content", TITLE)
    assert page.locator("body").is_visible()  # the injected <style> hid nothing
    assert watched.dialogs == [] and watched.errors == [], (watched.dialogs, watched.errors)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def other_site(tmp_path) -> Iterator[tuple[str, object]]:
    """A second origin (another port) that serves whatever page a test writes."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", tmp_path
    server.shutdown()
    server.server_close()


def _snippet(site: Site, open_browser, slug: str) -> str:
    """The <iframe> the campaign page offers to copy, pointed at this test's server."""
    from chalicelib.settings import get_settings

    page = open_browser().page
    page.goto(site.url(f"/c/{slug}"))
    return page.get_by_label("Embed this campaign on your site").input_value().replace(
        get_settings().public_base_url, site.base)


def test_the_widget_renders_in_an_iframe_on_another_site(site, open_browser, other_site):
    origin, folder = other_site
    slug = "free-bus-travel-for-apprentices-under-25"
    snippet = _snippet(site, open_browser, slug)
    assert snippet.startswith("<iframe src=") and "/widgets/c/" in snippet
    (folder / "blog.html").write_text(f"<!doctype html><title>A blog</title><h1>My blog</h1>{snippet}")
    watched = open_browser()
    page = watched.page
    page.goto(f"{origin}/blog.html")
    widget = page.frame_locator("iframe")
    expect(widget.get_by_role("heading", level=1)).to_have_text("Free bus travel for apprentices under 25")
    count = int(widget.locator(".count strong").inner_text().replace(",", ""))
    assert count >= 1240
    expect(widget.locator("progress")).to_have_attribute("value", str(count))
    expect(widget.get_by_role("link", name="Support on Labourspace")).to_have_attribute(
        "href", f"{_public_base()}/c/{slug}")


def _public_base() -> str:
    from chalicelib.settings import get_settings

    return get_settings().public_base_url


def test_other_pages_refuse_to_be_framed_by_another_site(site, open_browser, other_site):
    origin, folder = other_site
    page_url = site.url("/c/free-bus-travel-for-apprentices-under-25")
    (folder / "framing.html").write_text(f'<!doctype html><title>Framing</title><iframe src="{page_url}"></iframe>')
    watched = open_browser()
    watched.page.goto(f"{origin}/framing.html")
    watched.page.wait_for_timeout(500)
    frame = watched.page.frame_locator("iframe")
    expect(frame.get_by_role("heading", level=1)).to_have_count(0)
