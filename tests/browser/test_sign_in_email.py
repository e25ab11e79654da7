"""A new sign-in email, from /my/security in Welsh at phone width: the code arrives in Welsh in
/dev/mailbox, the page takes it back, and the new address signs in. axe is clean on the page with
both forms shown."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import expect

from tests.browser.conftest import DEMO_PASSWORD, sign_in
from tests.browser.my_space_helpers import newcomer
from tests.browser.test_accessibility import _serious_violations


def test_a_person_changes_their_sign_in_email_in_welsh_on_a_phone(site, open_browser, accounts):
    me = newcomer(accounts, name="symud")
    new = f"newydd-{uuid.uuid4().hex[:8]}@example.org"
    watched = open_browser(390, 844)
    page = watched.page
    sign_in(watched, site, me.email, "/my/security")
    page.context.add_cookies([{"name": "lang", "value": "cy", "url": site.url("/")}])
    page.goto(site.url("/my/security"))
    expect(page.locator("#email-now")).to_have_text(me.email)

    page.get_by_label("E-bost mewngofnodi newydd").fill(new)
    page.get_by_role("button", name="Anfon cod ato drwy e-bost").click()
    expect(page.locator("#email-sent-to")).to_have_text(new)
    assert _serious_violations(page) == [], page.url
    mailbox = page.request.get(site.url(f"/dev/mailbox?to={new}"), headers={"Accept": "application/json"})
    [mail] = mailbox.json()["emails"]
    assert mail["subject"] == "Eich cod Labourspace", mail
    code = re.search(r"\b(\d{6})\b", mail["text"]).group(1)

    page.get_by_label("Y cod o'r e-bost").fill(code)
    page.get_by_role("button", name="Mewngofnodi gydag ef o hyn ymlaen").click()
    expect(page.locator("#security-status")).to_have_text(f"Wedi'i wneud: mewngofnodwch gyda {new} o hyn ymlaen.")
    expect(page.locator("#email-now")).to_have_text(new)
    assert accounts.sign_in(new, DEMO_PASSWORD)["IdToken"]  # the new address is the account's now
