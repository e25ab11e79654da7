"""What the moderator's, minister's, organisation admin's and admin's journeys share: a person who only
clicks from the home page (page.goto is for the home page and /dev/mailbox alone), axe and the page's
width checked on every page they reach, and a screenshot of each under test-artifacts/journeys/."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ROOT, Site, authenticator_code
from tests.browser.test_accessibility import _serious_violations

SHOTS = ROOT / "test-artifacts" / "journeys"
VIEWPORTS = [pytest.param((1280, 900), id="desktop"), pytest.param((390, 844), id="phone")]


@dataclass
class Journey:
    """One person's walk through the site: every page they land on is read by axe, must fit the
    screen's width and is screenshotted, in order, as <role>-<viewport>-<step>-<name>.png."""

    watched: Any
    site: Site
    role: str
    width: int
    started: float = field(default_factory=time.monotonic)
    pages: list[str] = field(default_factory=list)

    @property
    def page(self) -> Any:
        return self.watched.page

    def home(self) -> None:
        self.page.goto(self.site.url("/"))
        self.seen("home")

    def seen(self, name: str) -> None:
        """The page now shown, checked as every page of a journey is."""
        page = self.page
        page.wait_for_load_state("load")
        path = re.sub(r"^https?://[^/]+", "", page.url)
        self.pages.append(path)
        violations = _serious_violations(page)
        assert violations == [], f"axe on {path}: {violations}"
        assert page.evaluate("document.documentElement.scrollWidth") <= self.width, f"{path} is wider than the screen"
        SHOTS.mkdir(parents=True, exist_ok=True)
        viewport = "phone" if self.width < 600 else "desktop"
        shot = SHOTS / f"{self.role}-{viewport}-{len(self.pages):02d}-{re.sub(r'[^a-z0-9]+', '-', name.lower())}.png"
        page.screenshot(path=str(shot), full_page=True)

    def click(self, link: Any, name: str, url: str | re.Pattern[str] | None = None) -> None:
        """Follows a link or button to another page, then checks that page."""
        link.click()
        if url is not None:
            self.page.wait_for_url(url if isinstance(url, re.Pattern) else self.site.url(url))
        self.seen(name)

    def sign_in(self, email: str, password: str, mistype_the_code: bool = False) -> None:
        """From the header's 'Sign in', as a person does it (with their authenticator's code when the
        account has one, after a mistyped one if asked), back where they started."""
        page = self.page
        self.click(page.locator("header").get_by_role("link", name="Sign in", exact=True), "sign in",
                   re.compile(r"/sign-in"))
        page.get_by_label("Email address").fill(email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_function("() => !location.pathname.startsWith('/sign-in')"
                               " || (document.getElementById('code-step') || {}).hidden === false", timeout=10_000)
        if "/sign-in" in page.url:
            if mistype_the_code:
                wrong = f"{(int(authenticator_code()) + 500_000) % 10**6:06d}"
                before = len(self.watched.errors)
                page.get_by_label("6-digit code", exact=True).fill(wrong)
                page.get_by_role("button", name="Continue").click()
                status = page.locator("#code-error")  # said by the code field
                expect(status).to_contain_text("That code did not match your authenticator app.")
                # The browser logs Cognito's refusal (a 400) as a failed load: expected here, and only here.
                refused = [e for e in self.watched.errors[before:] if "status of 400" in e]
                assert len(refused) == 1, self.watched.errors[before:]
                self.watched.errors.remove(refused[0])
                self.seen("wrong code")
            page.get_by_label("6-digit code", exact=True).fill(authenticator_code())
            page.get_by_role("button", name="Continue").click()
            page.wait_for_url(lambda url: "/sign-in" not in url, timeout=10_000)
        expect(page.locator("header").get_by_role("button", name="Sign out")).to_be_visible()
        self.seen("signed in")

    def path(self) -> str:
        """Where the person is now, without the site's address or a query."""
        return re.sub(r"^https?://[^/]+", "", self.page.url).split("?")[0].split("#")[0]

    def alert(self, minister_id: str, subject: str) -> str:
        """The minister's alert email with this subject, read in their alert mailbox on /dev/mailbox
        (in a tab of its own, checked by axe as every page is)."""
        mail = self.page.context.new_page()
        try:
            box = mail.locator(f"xpath=//h3[normalize-space()='Minister {minister_id}']/following-sibling::ol[1]/li")
            found = box.filter(has=mail.get_by_role("heading", level=4, name=subject))
            deadline = time.monotonic() + 15
            while True:
                mail.goto(self.site.url("/dev/mailbox"))
                if found.count() or time.monotonic() > deadline:
                    break
                mail.wait_for_timeout(300)
            expect(found.first).to_be_visible()
            assert _serious_violations(mail) == [], mail.url
            SHOTS.mkdir(parents=True, exist_ok=True)
            viewport = "phone" if self.width < 600 else "desktop"
            found.first.screenshot(path=str(SHOTS / f"{self.role}-{viewport}-alert-mailbox.png"))
            return found.first.inner_text()
        finally:
            mail.close()

    def your_space(self, tool: str, url: str, waiting_at_least: int | None = None) -> None:
        """The header's 'Your space', then one of its links, by name (first reading, when asked, that
        the link says at least so much waits there)."""
        page = self.page
        self.click(page.locator("header").get_by_role("link", name="Your space", exact=True), "your space", "/my")
        if waiting_at_least is not None:
            assert waiting_count(page, tool) >= waiting_at_least
        # By the start of its name: a link may go on to say how much waits ("Moderation queue 3").
        self.click(page.locator("main").get_by_role("link", name=re.compile("^" + re.escape(tool))).first, tool,
                   re.compile(re.escape(url) + r"($|[?#])"))

    def finish(self) -> float:
        """The journey's seconds, after checking no script failed on the way."""
        assert not self.watched.errors, self.watched.errors
        return time.monotonic() - self.started


def waiting_count(page: Any, tool: str) -> int:
    """How much the named tool's link in the page's main part says waits ('99+' read as 100)."""
    badge = page.locator("main").get_by_role("link", name=re.compile("^" + re.escape(tool))).first.locator(".waiting")
    expect(badge).to_have_text(re.compile(r"^\d+\+? waiting"))  # filled in once GET /me/tools answers
    counted = re.match(r"\d+", badge.text_content() or "")
    assert counted is not None
    return int(counted[0])


def reveal(item: Any, more: Any, seconds: float = 20) -> None:
    """Clicks a list's 'More' until the item is shown: other tests' items of the shared world may come first."""
    deadline = time.monotonic() + seconds
    while not item.count() and time.monotonic() < deadline:
        if more.is_visible() and more.is_enabled():
            more.click()
            item.page.wait_for_load_state("networkidle")  # that page in before 'More' could be clicked again
        item.page.wait_for_timeout(250)
    expect(item).to_be_visible()
