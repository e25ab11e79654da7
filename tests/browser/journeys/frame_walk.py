"""What the visitor's, newcomer's and supporter's journeys share: a person who starts on the home page
and only clicks and types from there (the one other address they open is their email, /dev/mailbox, in
a tab of its own), with axe run on every page they arrive at and a screenshot of each under
test-artifacts/journeys/."""

from __future__ import annotations

import re
import time

from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_accessibility import _serious_violations

SHOTS = SCREENSHOTS.parent / "journeys"
WIDTHS = [(1280, 900, "desktop"), (390, 844, "phone")]
DATE_IN_WORDS = re.compile(r"(?<!\d)\d{1,2} (January|February|March|April|May|June|July|August|September|October"
                           r"|November|December) \d{4}\b")


class Walk:
    def __init__(self, site, watched, role: str, label: str):
        self.site, self.watched, self.page = site, watched, watched.page
        self.name, self.step, self.checked = f"{role}-{label}", 0, []

    def home(self) -> None:
        self.page.goto(self.site.url("/"))
        self.arrive("home")

    def arrive(self, name: str, url: str | re.Pattern | None = None) -> None:
        """On a new page: wait for it, check it with axe, keep a screenshot."""
        if url is not None:
            self.page.wait_for_url(url)
        self.page.wait_for_load_state("load")
        self.shot(name)
        violations = _serious_violations(self.page)
        assert violations == [], f"{self.page.url}: {violations}"
        self.checked.append(self.page.url)

    def shot(self, name: str) -> None:
        self.step += 1
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{self.name}-{self.step:02d}-{name}.png"), full_page=True)

    def click_link(self, name: str | re.Pattern, arrive_as: str, *, within=None, exact: bool = True) -> None:
        (within or self.page).get_by_role("link", name=name, exact=exact).first.click()
        self.arrive(arrive_as)

    def footer(self, name: str, arrive_as: str) -> None:
        footer = self.page.get_by_role("navigation", name="About Labourspace")
        self.click_link(name, arrive_as, within=footer)

    def header_search(self, words: str, result: str, arrive_as: str) -> None:
        """The header's search box, the results page, then the result's link."""
        self.page.get_by_role("searchbox", name="Search campaigns, people and organisations").fill(words)
        self.page.get_by_role("button", name="Search", exact=True).click()
        self.arrive("search", re.compile(r"/search\?"))
        self.click_link(result, arrive_as, within=self.page.locator("main"))

    def email(self, address: str, subject_has: str) -> str:
        """The newest email to `address` about `subject_has`, read in the local mailbox in a tab of its own."""
        mail = self.page.context.new_page()
        try:
            mail.goto(self.site.url("/dev/mailbox"))
            mail.get_by_label("Only emails to").fill(address)
            mail.get_by_role("button", name="Show").click()
            mail.wait_for_url(re.compile(r"/dev/mailbox\?to="))
            card = mail.locator("li.card").filter(has=mail.get_by_role("heading", name=re.compile(subject_has)))
            deadline = time.monotonic() + 15
            while not card.count() and time.monotonic() < deadline:
                mail.wait_for_timeout(300)
                mail.reload()
            expect(card.first).to_be_visible()
            SHOTS.mkdir(parents=True, exist_ok=True)
            mail.screenshot(path=str(SHOTS / f"{self.name}-mailbox.png"), full_page=True)
            violations = _serious_violations(mail)
            assert violations == [], f"{mail.url}: {violations}"
            return card.first.inner_text()
        finally:
            mail.close()

    def clean(self, *expected: str) -> None:
        """No console errors but the `expected` ones (a refusal the journey asked for)."""
        errors = [e for e in self.watched.errors if not any(x in e for x in expected)]
        assert not errors, errors
        assert not self.watched.dialogs, self.watched.dialogs
