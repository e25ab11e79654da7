"""Setting the scene for the tests of a person's own pages: fresh people who sign in as anyone
does (the demo password, so `sign_in` works), and what they have, made in the store."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from tests.browser.conftest import DEMO_PASSWORD

MY_PAGES = ["/my/profile", "/my/notifications", "/my/feed", "/my/supports", "/my/organisations", "/my/data"]


@dataclass(frozen=True)
class Person:
    email: str
    id: str
    handle: str


def newcomer(accounts, *groups: str, name: str = "space") -> Person:
    """Someone new, with a profile (made as their first sign-in would)."""
    from chalicelib.domain.identity import Caller, roles_from_groups
    from chalicelib.store import people

    email = f"{name}-{uuid.uuid4().hex[:8]}@example.org"
    account = accounts.create(email, DEMO_PASSWORD, tuple(groups))
    person = people.ensure_person(Caller(id=account.sub, username=account.sub, roles=roles_from_groups(groups)))
    return Person(email=email, id=account.sub, handle=person.handle)


def updates_in_feed(person_id: str, titles: list[str], campaign_slug: str = "x", minutes_ago: int = 60) -> None:
    """Updates delivered to one person's feed, a minute apart from `minutes_ago`, oldest first, as the
    fan-out writes them."""
    from chalicelib.domain.notifications import SupporterUpdate
    from chalicelib.settings import get_settings
    from chalicelib.store.base import iso, utcnow
    from chalicelib.store.notifications import put_feed_items

    for n, title in enumerate(titles):
        put_feed_items([person_id], SupporterUpdate(
            campaign_id="campaign-x", event_key=f"update#{uuid.uuid4().hex}", kind="owner_update", title=title,
            text="We met the council. Read it on the campaign's page.",
            url=f"{get_settings().public_base_url}/c/{campaign_slug}",
            created_at=iso(utcnow() - timedelta(minutes=minutes_ago - n))))


def a_phone(person_id: str) -> str:
    """A phone registered for push, with its real SNS platform endpoint: its device id."""
    from chalicelib.notify.clients import client
    from chalicelib.settings import get_settings
    from chalicelib.store.notifications import register_device

    token = f"browser-phone-{uuid.uuid4()}"
    arn = client("sns").create_platform_endpoint(PlatformApplicationArn=get_settings().fcm_application_arn,
                                                 Token=token)["EndpointArn"]
    return register_device(person_id, "fcm", token, arn).device_id


def open_campaign(owner_id: str, moderator_id: str, title: str) -> tuple[str, str]:
    """A fresh open campaign: (id, slug)."""
    from chalicelib.store import campaigns

    draft = campaigns.create_campaign(owner_id=owner_id, title=title, area="housing", organisation_id=None,
                                      summary="Homes that people on ordinary wages can rent.",
                                      body="Rents have risen faster than wages for a decade. " * 3)
    opened = campaigns.decide(campaigns.submit(draft, owner_id), moderator_id, True, "Within the rules.")
    return opened.id, opened.slug


def support_and_follow(page, campaign_id: str, *, support: bool, follow: bool) -> None:
    """As the campaign page's buttons do, through the page's own API helper."""
    page.evaluate("""async ([id, support, follow]) => {
        const L = window.Labourspace;
        if (support) {
            const consent = (await L.api('GET', '/consent/support')).data.version;
            const r = await L.api('PUT', '/campaigns/' + id + '/support', {consent_version: consent});
            if (!r.ok) throw new Error('support: ' + r.status);
        }
        if (follow && !(await L.api('PUT', '/campaigns/' + id + '/follow')).ok) throw new Error('follow');
    }""", [campaign_id, support, follow])
