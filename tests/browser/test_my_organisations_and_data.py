"""A person's organisations (create one, invite, answer an invitation, leave) and their data
(download it; erase the account after a confirmation), on a desktop and on a phone."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DEMO_PASSWORD, sign_in
from tests.browser.my_space_helpers import a_phone, newcomer, updates_in_feed

WIDTHS = [pytest.param((1280, 900), id="desktop"), pytest.param((390, 844), id="phone")]


@pytest.mark.parametrize("size", WIDTHS)
def test_an_organisation_is_created_its_admin_invites_and_the_invited_answer(site, open_browser, accounts, size):
    founder, joiner = newcomer(accounts, name="founder"), newcomer(accounts, name="joiner")
    handle = f"riders-{uuid.uuid4().hex[:6]}"
    admin = open_browser(*size)
    page = admin.page
    sign_in(admin, site, founder.email, "/my/organisations")
    expect(page.locator("#organisations")).to_have_text("You do not belong to an organisation.")
    create = page.get_by_role("region", name="Create an organisation")
    create.get_by_label("Handle").fill("ada")  # a person's: handles are one namespace
    create.get_by_label("Name").fill("Leeds Bus Riders")
    create.get_by_role("button", name="Create the organisation").click()
    expect(page.locator("#org-handle-error")).to_have_text("The handle 'ada' is taken. Choose another.")
    create.get_by_label("Handle").fill(handle)
    create.get_by_label("What it is").fill("Passengers for better buses.")
    create.get_by_role("button", name="Create the organisation").click()
    expect(page.locator("#create-status")).to_contain_text("Created Leeds Bus Riders: you are its admin.")

    mine = page.locator("#organisations li", has_text="Leeds Bus Riders")
    expect(mine).to_contain_text(f"@{handle} · you are an admin")
    mine.get_by_label("Invite someone by their handle").fill(f"@{joiner.handle}")
    mine.get_by_role("button", name="Send the invitation").click()
    expect(mine.locator("form [role=status]")).to_have_text(f"Invited @{joiner.handle}: they join when they accept.")
    mine.get_by_label("Invite someone by their handle").fill("nobody-has-this-handle")
    mine.get_by_role("button", name="Send the invitation").click()
    expect(mine.locator("form [role=status]")).to_contain_text("Nobody here has the handle")

    invited = open_browser(*size)
    sign_in(invited, site, joiner.email, "/my/organisations")
    invitation = invited.page.locator("#invitations li", has_text="Leeds Bus Riders")
    expect(invitation).to_contain_text(f"@{handle} invites you to join as a member.")
    invitation.get_by_role("button", name="Accept").click()
    expect(invitation.get_by_role("status")).to_have_text("Accepted: you are a member of Leeds Bus Riders.")
    membership = invited.page.locator("#organisations li", has_text="Leeds Bus Riders")
    expect(membership).to_contain_text("you are a member")
    expect(membership.get_by_label("Invite someone by their handle")).to_have_count(0)  # admins invite
    invited.page.goto(site.url(f"/people/{handle}"))
    expect(invited.page.get_by_role("heading", level=1)).to_have_text("Leeds Bus Riders")

    invited.page.goto(site.url("/my/organisations"))
    membership.get_by_role("button", name="Leave Leeds Bus Riders").click()
    expect(membership.get_by_role("status")).to_have_text("You have left Leeds Bus Riders.")
    invited.page.reload()
    expect(invited.page.locator("#organisations")).to_have_text("You do not belong to an organisation.")
    unexpected = [e for e in admin.errors if not re.search(r"status of (409|404) .*/organisations", e)]
    assert not unexpected and not invited.errors, (admin.errors, invited.errors)


def test_declining_an_invitation_deletes_it(site, open_browser, accounts, api, make_user):
    joiner = newcomer(accounts, name="decliner")
    host = make_user(name="host")
    handle = f"choir-{uuid.uuid4().hex[:6]}"
    assert api.post("/organisations", user=host, json_body={"handle": handle, "name": "Union Choir"}).status_code == 201
    invited = api.post(f"/organisations/{handle}/members", user=host,
                       json_body={"handle": joiner.handle, "role": "admin"})
    assert invited.status_code == 201, invited.body

    watched = open_browser(390, 844)
    page = watched.page
    sign_in(watched, site, joiner.email, "/my/organisations")
    invitation = page.locator("#invitations li", has_text="Union Choir")
    expect(invitation).to_contain_text("invites you to join as an admin.")
    invitation.get_by_role("button", name="Decline").click()
    expect(invitation.get_by_role("status")).to_have_text("Declined: the invitation is deleted.")
    page.reload()
    expect(page.locator("#invitations")).to_have_text("No invitations are waiting for you.")
    expect(page.locator("#organisations")).to_have_text("You do not belong to an organisation.")
    assert not watched.errors, watched.errors


@pytest.mark.parametrize("size", WIDTHS)
def test_a_person_downloads_their_data_then_erases_their_account(site, open_browser, accounts, size):
    from chalicelib.domain.privacy import erasure_id_for
    from chalicelib.events.erasure import run_erasure

    me = newcomer(accounts, name="leaver")
    a_phone(me.id)
    updates_in_feed(me.id, ["Update: the last one"])
    watched = open_browser(*size)
    page = watched.page
    sign_in(watched, site, me.email, "/my/data")
    with page.expect_download() as downloading:
        page.get_by_role("button", name="Download your data").click()
    download = downloading.value
    assert re.fullmatch(r"labourspace-data-\d{4}-\d{2}-\d{2}\.json", download.suggested_filename)
    exported = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert (exported["profile"]["id"], exported["profile"]["handle"]) == (me.id, me.handle)
    assert [d["platform"] for d in exported["devices"]] == ["fcm"]
    assert [f["title"] for f in exported["feed"]] == ["Update: the last one"]
    expect(page.locator("#download-status")).to_have_text("Downloaded: the file is in your downloads.")

    erasing = []
    page.on("request", lambda r: erasing.append(r) if r.method == "DELETE" else None)
    page.get_by_role("button", name="Erase my account").click()  # the box is not ticked
    page.wait_for_timeout(300)
    assert erasing == []
    page.get_by_label(re.compile("I understand that my account is erased for good")).check()
    page.get_by_role("button", name="Erase my account").click()
    expect(page.locator("#erase-status")).to_contain_text("Your account is being erased")
    expect(page.locator("#erase-status")).to_contain_text("You have been signed out.")
    run_erasure(erasure_id_for(me.id))  # the job, as it runs every minute in AWS

    page.goto(site.url("/my/profile"))
    expect(page.get_by_text("This page is yours alone: sign in to see it.")).to_be_visible()
    assert not watched.errors, watched.errors
    page.goto(site.url("/sign-in?next=/my/profile"))
    page.get_by_label("Email address").fill(me.email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#sign-in-form .form-error")).not_to_be_empty()  # the account is gone from Cognito
    assert page.url.endswith("/sign-in?next=/my/profile")
