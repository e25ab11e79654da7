"""What the author's and the policy team's journeys share: a person in a browser who starts at the
home page and clicks (the only addresses typed are the home page and the local mailbox), with axe
run and a screenshot kept at every page they reach (test-artifacts/screenshots/journeys/)."""

from __future__ import annotations

import re
import time
from urllib.parse import quote

from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS, authenticator_code
from tests.browser.test_accessibility import _serious_violations

SIZES = [(1280, 900, "desktop"), (390, 844, "phone")]
SHOTS = SCREENSHOTS / "journeys"


class Clicking:
    """One person's browser: every page they reach is checked by axe and screenshotted."""

    def __init__(self, site, watched, role: str, label: str):
        self.site, self.watched, self.page = site, watched, watched.page
        self.role, self.label, self.step = role, label, 0

    def seen(self, name: str) -> None:
        """The page as it is now: axe finds nothing serious, and a screenshot is kept."""
        self.page.wait_for_load_state("load")
        self.step += 1
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{self.role}-{self.label}-{self.step:02d}-{name}.png"))
        assert _serious_violations(self.page) == [], (self.page.url, name)

    def home(self) -> None:
        self.page.goto(self.site.url("/"))
        expect(self.page.get_by_role("link", name="Labourspace")).to_be_visible()

    def click(self, name: str | re.Pattern, *, within=None, exact: bool = True) -> None:
        """Follow a link by its accessible name (in `within`, or anywhere on the page)."""
        (within or self.page).get_by_role("link", name=name, exact=exact).first.click()
        self.page.wait_for_load_state("load")

    def header(self, name: str) -> None:
        self.click(name, within=self.page.get_by_role("navigation", name="Main"))

    def sign_in(self, email: str, password: str) -> None:
        """From the home page's header, as a person does: back on the home page, signed in."""
        self.home()
        self.header("Sign in")
        self.page.get_by_label("Email address").fill(email)
        self.page.get_by_label("Password").fill(password)
        self.page.get_by_role("button", name="Sign in").click()
        self.page.wait_for_function(
            "() => location.pathname !== '/sign-in' || (document.getElementById('code-step') || {}).hidden === false")
        if self.page.url.split("?")[0].endswith("/sign-in"):
            self.page.get_by_label("6-digit code", exact=True).fill(authenticator_code())
            self.page.get_by_role("button", name="Continue").click()
        self.page.wait_for_function("() => location.pathname !== '/sign-in'")  # where their work is
        expect(self.page.get_by_role("button", name="Sign out")).to_be_visible()

    def mail(self, address: str, subject_has: str) -> object:
        """The newest email to `address` whose subject says `subject_has`, read on /dev/mailbox."""
        deadline = time.monotonic() + 15
        while True:
            self.page.goto(self.site.url(f"/dev/mailbox?to={quote(address)}"))
            found = self.page.locator("li.card").filter(
                has=self.page.get_by_role("heading", name=re.compile(re.escape(subject_has))))
            if found.count() or time.monotonic() > deadline:
                break
            time.sleep(0.3)
        expect(found.first).to_be_visible()
        return found.first
