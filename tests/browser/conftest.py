"""The browser tests: Debian's Chromium, driven by Playwright, against the app served over
HTTP from this test process (Chalice's local server in a thread) on the worker's embedded
AWS, with the demo data seeded and the event runner called when counts should move."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

# A page's answer waits on the app and the embedded AWS, which share two cores with the other
# worker's: 5 s (Playwright's default) was once too short for an edit's save under CI's load, with
# nothing wrong. What each expect waits for is unchanged; only how long a slow machine may take.
expect.set_options(timeout=15_000)

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
DEMO_PASSWORD = "Labourspace-demo-1"
SIGNED_IN_AS = re.compile(r"^Signed in as \S")



@dataclass
class Site:
    base: str
    runner: Any

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def deliver_events(self) -> None:
        """Until nothing is left: this worker's other tests' events may be queued ahead."""
        from tests.conftest import deliver_until_quiet

        deliver_until_quiet(self.runner)


def pytest_collection_modifyitems(items) -> None:
    """Browser tests share one worker (one Chromium, one seeded world) under `-n 2 --dist loadgroup`."""
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(scope="session")
def site(served_app, app, stack, demo_data, accounts) -> Site:
    from chalicelib.http.auth import verifier
    from tests.conftest import event_runner

    runner = event_runner(app, stack)  # the demo data's events are delivered already (demo_data)
    # A fresh process fetches the pool's keys on its first signed-in call, and calls meanwhile get 503
    # (http/auth.py). A page and its header's badge ask at once: fetch the keys before any test does.
    _, email, password = demo_data[0]
    verifier().verify(accounts.sign_in(email, password)["IdToken"])
    return Site(base=served_app, runner=runner)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: `make browser` installs Debian's")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield chromium
        chromium.close()


@dataclass
class Watched:
    """A page, with every dialog and console error it raised, for tests to assert on."""

    page: Any
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _watch(page) -> Watched:
    watched = Watched(page)

    def on_dialog(dialog) -> None:
        watched.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)

    def on_console(message) -> None:
        if message.type == "error":
            watched.errors.append(f"{message.text} ({(message.location or {}).get('url', '')})")

    page.on("console", on_console)
    page.on("pageerror", lambda e: watched.errors.append(f"page error: {e}"))
    return watched


@pytest.fixture
def open_browser(browser, request) -> Iterator:
    """New, separate people (browser contexts) on demand; each page is screenshotted at the end."""
    contexts, pages = [], []

    def open_page(width: int = 1280, height: int = 900) -> Watched:
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        watched = _watch(context.new_page())
        pages.append(watched)
        return watched

    yield open_page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    for n, watched in enumerate(pages):
        with contextlib.suppress(Exception):  # a screenshot is evidence, not the test
            watched.page.screenshot(path=str(SCREENSHOTS / f"{name}-{n}.png"), full_page=True)
    for context in contexts:
        context.close()


def authenticator_code() -> str:
    """What the authenticator app shows now, for an account enrolled with the embedded Cognito's key."""
    import pyotp

    from devstack.accounts import LOCAL_TOTP_SECRET

    return pyotp.TOTP(LOCAL_TOTP_SECRET).now()


def sign_in(watched: Watched, site: Site, email: str, then: str, password: str = DEMO_PASSWORD) -> None:
    """As a person does it: the sign-in page, the form (and the authenticator's code, for an
    account that has one), back to where they were going."""
    page = watched.page
    page.goto(site.url(f"/sign-in?next={then}"))
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    target = site.url(then)
    try:
        page.wait_for_function(
            "target => location.href === target || (document.getElementById('code-step') || {}).hidden === false",
            arg=target, timeout=10_000)
        if page.url != target:
            page.get_by_label("6-digit code", exact=True).fill(authenticator_code())
            page.get_by_role("button", name="Continue").click()
        page.wait_for_url(target, timeout=10_000)
    except Exception as exc:
        said = page.locator("#sign-in-status, .form-error, .field-error").all_inner_texts()
        raise AssertionError(f"sign-in did not finish: {said!r}; console: {watched.errors}") from exc
    # The header names them (by name, never by email) once it knows who they are.
    page.get_by_text(SIGNED_IN_AS).wait_for()
