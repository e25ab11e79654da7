"""axe-core (pinned in package.json, installed by `npm ci`) on the pages people use most:
no serious or critical violations, on a desktop and on a phone-width screen."""

from __future__ import annotations

import pytest

from tests.browser.conftest import AXE, sign_in

PAGES = ["/", "/c/guarantee-a-gp-appointment-within-a-week", "/start", "/join", "/sign-in", "/reset-password",
         "/my/security"]
SIGNED_IN_PAGES = {"/start", "/my/security"}  # as a signed-in person sees them (forms enabled)


def _serious_violations(page) -> list[str]:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (make test does)")
    # Evaluated through the DevTools protocol, which the pages' CSP does not govern.
    page.evaluate(AXE.read_text())
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_violations(site, open_browser, path, width):
    watched = open_browser(width=width)
    if path in SIGNED_IN_PAGES:
        sign_in(watched, site, "ben@example.org", path)
    else:
        watched.page.goto(site.url(path))
    assert _serious_violations(watched.page) == []


def test_the_check_finds_a_violation_when_there_is_one(site, open_browser):
    """The check can fail: an unlabelled field and low-contrast text are reported."""
    page = open_browser().page
    page.goto(site.url("/"))
    page.evaluate("""() => {
        const input = document.createElement('input'); document.querySelector('main').append(input);
        const p = document.createElement('p'); p.textContent = 'faint words';
        p.style.color = '#eeeeee'; document.querySelector('main').append(p);
    }""")
    found = " ".join(_serious_violations(page))
    assert "label" in found and "color-contrast" in found


@pytest.fixture(scope="module")
def unbroken_campaign(site, make_user) -> str:
    """The newest campaign, titled with one long word (a pasted link, say): it must wrap."""
    from chalicelib.domain.identity import Caller
    from chalicelib.store import campaigns, people

    author, moderator = make_user(name="unbroken"), make_user("moderators", name="unbroken-mod")
    people.ensure_person(Caller(id=author.sub, username=author.sub))
    draft = campaigns.create_campaign(owner_id=author.sub, title="Renationalise" + "x" * 100,
                                      summary="https://example.org/" + "y" * 120, body="z" * 300, area="health",
                                      organisation_id=None)
    return campaigns.decide(campaigns.submit(draft, author.sub), moderator.sub, True, "Long words.").slug


def test_the_page_works_at_phone_width_without_sideways_scrolling(site, open_browser, unbroken_campaign):
    page = open_browser(width=320, height=640).page
    for path in [*PAGES[:2], f"/c/{unbroken_campaign}", "/areas/health"]:
        page.goto(site.url(path))
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path


def test_keyboard_focus_is_visible(site, open_browser):
    page = open_browser().page
    page.goto(site.url("/"))
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to the content"
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")
