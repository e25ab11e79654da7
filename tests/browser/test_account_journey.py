"""The whole account journey as a new person lives it, at desktop and at phone width: join from
the home page, confirm the emailed code, choose a handle, set a notification email, support a
campaign and find it under their supports, sign out, reset a forgotten password, sign in again.
Every email is read where the local stage shows mail (/dev/mailbox). A screenshot is kept at each
step under test-artifacts/screenshots/journey-<width>-<step>.png; axe checks each new form."""

from __future__ import annotations

import re
import time
import uuid
from urllib.parse import quote

import pyotp
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS, SIGNED_IN_AS, sign_in
from tests.browser.my_space_helpers import open_campaign
from tests.browser.test_accessibility import _serious_violations
from tests.conftest import PASSWORD

FIRST_PASSWORD = "Brighton-pier-in-the-rain-7"
NEW_PASSWORD = "Cardiff-bay-at-dawn-8"


class Journey:
    def __init__(self, site, watched, label: str):
        self.site, self.watched, self.page, self.label = site, watched, watched.page, label
        self.step = 0

    def go(self, path: str) -> None:
        self.page.goto(self.site.url(path))

    def shot(self, name: str) -> None:
        self.step += 1
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"journey-{self.label}-{self.step:02d}-{name}.png"), full_page=True)

    def accessible(self) -> None:
        assert _serious_violations(self.page) == [], self.page.url

    def mail(self, address: str, subject_has: str, after: int = 0) -> dict:
        """The newest email to `address` whose subject says `subject_has`, beyond the first `after`."""
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            emails = self.page.request.get(self.site.url(f"/dev/mailbox?to={quote(address)}"),
                                           headers={"Accept": "application/json"}).json()["emails"]
            matching = [e for e in emails if subject_has in e["subject"]]
            if len(matching) > after:
                return matching[0]
            time.sleep(0.2)
        raise AssertionError(f"no email to {address} about {subject_has!r}")


@pytest.fixture(scope="module")
def campaign(site, make_user) -> tuple[str, str]:
    """An open campaign of this test's own (path, title): other tests count the demo campaigns' supporters."""
    from chalicelib.domain.identity import Caller
    from chalicelib.store import people

    author, moderator = make_user(name="journey-author"), make_user("moderators", name="journey-mod")
    people.ensure_person(Caller(id=author.sub, username=author.sub))
    title = f"Free buses for apprentices {uuid.uuid4().hex[:6]}"
    _, slug = open_campaign(author.sub, moderator.sub, title)
    return f"/c/{slug}", title


def _code(email: dict) -> str:
    return re.search(r"\b(\d{6})\b", email["text"]).group(1)


@pytest.mark.parametrize("width,height,label", [(1280, 900, "desktop"), (390, 844, "phone")])
def test_a_new_person_joins_and_finds_their_way_around(site, open_browser, campaign, width, height, label):
    journey = Journey(site, open_browser(width=width, height=height), label)
    page = journey.page
    email = f"nia-{label}-{uuid.uuid4().hex[:8]}@example.org"

    # Join, from the home page.
    journey.go("/")
    page.get_by_role("link", name="Join", exact=True).click()
    page.wait_for_url(site.url("/join"))
    expect(page.get_by_text("At least 10 characters")).to_be_visible()  # the pool's policy, in words
    page.get_by_label("Your name, as others will see it").fill("Nia Newcomer")
    page.get_by_label("Nation or region (optional)").select_option(label="Wales")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Choose a password").fill("all lower case words")  # long enough, but no capital or digit
    page.get_by_role("button", name="Create my account").click()
    expect(page.locator("#password-error")).to_contain_text("does not meet the rules")  # by the field
    page.get_by_label("Choose a password").fill(FIRST_PASSWORD)
    journey.shot("join")
    journey.accessible()
    page.get_by_role("button", name="Create my account").click()

    # Confirm with the emailed code: a wrong one is refused, the right one signs them in.
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    expect(page.locator("#confirm-email")).to_have_text(email)
    code = _code(journey.mail(email, "code"))
    page.get_by_label("The code from the email").fill(f"{(int(code) + 1) % 1_000_000:06d}")
    page.get_by_role("button", name="Confirm my email").click()
    expect(page.locator("#confirm-code-error")).to_contain_text("not the one we sent")
    journey.shot("confirm")
    journey.accessible()
    page.get_by_label("The code from the email").fill(code)
    page.get_by_role("button", name="Confirm my email").click()

    # Signed in, on their own page, asked to choose a handle.
    page.wait_for_url(re.compile(r"/my/profile\?welcome=1$"))
    expect(page.get_by_text("Signed in as Nia Newcomer")).to_be_visible()  # their name, not their email
    expect(page.get_by_role("heading", name="Welcome to Labourspace")).to_be_visible()
    expect(page.get_by_text("First, choose a handle")).to_be_visible()
    expect(page.get_by_label("Display name")).to_have_value("Nia Newcomer")
    expect(page.get_by_label("Nation or region (optional)")).to_have_value("wales")  # as chosen at /join
    journey.shot("welcome")
    page.get_by_label("Handle").fill("ada")  # a demo person's: taken
    page.get_by_role("button", name="Save your profile").click()
    expect(page.locator("#handle-error")).to_contain_text("Choose another")
    handle = f"nia-{label}-{uuid.uuid4().hex[:6]}"
    page.get_by_label("Handle").fill(handle)
    page.get_by_role("button", name="Save your profile").click()
    expect(page.locator("#profile-status")).to_contain_text("Saved")
    journey.shot("handle")

    # A notification email other than the sign-in one: confirmed through the link mailed to it.
    alerts_address = f"nia-updates-{uuid.uuid4().hex[:8]}@example.org"
    journey.go("/my/notifications")
    page.get_by_label("Email address for updates and alerts").fill(alerts_address)
    page.get_by_role("button", name="Use this address").click()
    expect(page.locator("#email-state")).to_contain_text(f"We sent a link to {alerts_address}")
    link = re.search(r"/notifications/confirm-email\?token=\S+", journey.mail(alerts_address, "Confirm")["text"])
    journey.go(link.group(0))
    expect(page.get_by_role("heading", level=1)).to_contain_text("confirmed")
    journey.shot("email-confirmed")
    journey.go("/my/notifications")
    expect(page.locator("#email-state")).to_have_text(f"Email goes to {alerts_address} (confirmed).")
    journey.shot("notifications")

    # Support a campaign, and find it under their supports.
    path, title = campaign
    journey.go(path)
    page.get_by_label(re.compile("keeps my support")).check()
    page.get_by_role("button", name="Support this campaign").click()
    expect(page.locator("#support-status")).to_contain_text("your support is counted")
    journey.go("/my/supports")
    expect(page.locator("#supported")).to_contain_text(title)
    journey.shot("supports")

    # Sign out: the session ends here and at Cognito.
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(site.url("/"))
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    assert page.request.post(site.url("/auth/refresh")).status == 401
    journey.shot("signed-out")

    # A forgotten password, reset from the sign-in page with a mailed code.
    journey.go("/sign-in")
    page.get_by_role("link", name="Forgotten your password?").click()
    page.wait_for_url(site.url("/reset-password"))
    page.get_by_label("Your account's email address").fill(email)
    page.get_by_role("button", name="Email me a code").click()
    expect(page.get_by_role("heading", name="Choose a new password")).to_be_visible()
    journey.accessible()
    reset_code = _code(journey.mail(email, "code", after=1))
    assert reset_code != code
    page.get_by_label("The code from the email").fill(reset_code)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    journey.shot("reset")
    page.get_by_role("button", name="Save my new password").click()
    page.wait_for_url(re.compile(r"/sign-in\?reset=1"))
    expect(page.get_by_text("Your password is changed")).to_be_visible()

    # The old password no longer works; the new one does.
    page.get_by_label("Password").fill(FIRST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#sign-in-form .form-error")).to_contain_text("do not match")
    sign_in(journey.watched, site, email, "/my/supports", password=NEW_PASSWORD)
    expect(page.locator("#supported")).to_contain_text(title)
    journey.shot("signed-in-again")
    # The refusals above (a weak password, a wrong code, a taken handle) log their 4xx; nothing else may.
    assert not [e for e in journey.watched.errors if not e.startswith("Failed to load resource")], \
        journey.watched.errors


def test_a_minister_sets_up_an_authenticator_at_first_sign_in(site, open_browser, accounts):
    email = f"new-minister-{uuid.uuid4().hex[:8]}@example.org"
    accounts.create(email, PASSWORD, ("ministers",), enrol_totp=False)
    journey = Journey(site, open_browser(), "minister")
    page = journey.page
    journey.go("/sign-in?next=/inbox")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", name="Set up an authenticator app")).to_be_visible()
    assert page.evaluate("sessionStorage.getItem('labourspace.idToken')") is None  # not signed in yet
    journey.accessible()
    journey.shot("enrol")
    secret = page.locator("#enrol-secret").inner_text().replace(" ", "")
    assert page.locator("#enrol-link").get_attribute("href").startswith("otpauth://totp/")
    page.get_by_label("6-digit code from the app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Finish setting up").click()
    # Set up, every earlier sign-in ends, the one that set it up too: they sign in again with a code.
    expect(page.get_by_role("heading", name="Enter the code from your authenticator app")).to_be_visible()
    expect(page.locator("#sign-in-status")).to_contain_text("authenticator app is set up")
    assert page.evaluate("sessionStorage.getItem('labourspace.idToken')") is None
    page.get_by_label("6-digit code", exact=True).fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(site.url("/inbox"))
    expect(page.get_by_text(SIGNED_IN_AS)).to_be_visible()
    expect(page.locator("#list")).not_to_contain_text("authenticator")  # the API accepts them now

    # Next time, the password alone is not enough.
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(site.url("/"))
    journey.go("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Enter the code from your authenticator app")).to_be_visible()
    journey.accessible()
    journey.shot("code")


def test_joining_with_an_address_that_has_an_account_says_only_check_your_email(site, open_browser, accounts):
    email = f"member-{uuid.uuid4().hex[:8]}@example.org"
    accounts.create(email, PASSWORD)
    journey = Journey(site, open_browser(), "member-joins")
    page = journey.page
    journey.go("/join")
    page.get_by_label("Your name, as others will see it").fill("Already Here")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Choose a password").fill(FIRST_PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    # Before: "There is already an account with this email address", to whoever typed it.
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    for said in ("already an account", "already has", "has an account"):
        expect(page.locator("main")).not_to_contain_text(said)
    notice = journey.mail(email, "already have")
    assert "/sign-in" in notice["text"] and "/reset-password" in notice["text"]
    journey.shot("member-joins")
