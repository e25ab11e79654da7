"""What reaches a person, on the in-memory fakes (SNS and email stood in for here): channels per
kind of update, an address used only once confirmed, ministers' alert subscriptions following
their choices, phones for push, the feed and its unread count, and one-click unsubscribing."""

from __future__ import annotations

from dataclasses import replace

import pytest

from chalicelib.domain.errors import Conflict, DependencyUnavailable, NotFound, RateLimited
from chalicelib.domain.identity import Caller, Role
from chalicelib.domain.notifications import FeedItem, address_hash
from chalicelib.logic import notifications as logic
from chalicelib.notify.email import confirmation_token, unsubscribe_token
from chalicelib.settings import get_settings

CITIZEN = Caller(id="ada", username="ada", email="ada@example.org", email_verified=True)
MINISTER = Caller(id="mo", username="mo", roles=frozenset({Role.CITIZEN, Role.MINISTER}), email="mo@example.org",
                  email_verified=True)


@pytest.fixture
def mail(monkeypatch) -> list[tuple[str, str]]:
    """Confirmation emails, as sent: (address, token)."""
    sent: list[tuple[str, str]] = []
    monkeypatch.setattr(logic, "send_confirmation_email", lambda address, token: sent.append((address, token)))
    return sent


@pytest.fixture
def subscriptions(monkeypatch) -> list[tuple[str | None, tuple[str, ...], bool]]:
    """Ministers' alert subscriptions, as SNS would be asked: (address, portfolio, address changed)."""
    synced: list[tuple[str | None, tuple[str, ...], bool]] = []

    def sync(settings, portfolio, email_changed=False):
        synced.append((settings.email, tuple(portfolio), email_changed))
        return replace(settings, subscription_arn="pending confirmation")

    monkeypatch.setattr(logic.subscriptions, "sync", sync)
    return synced


def test_channels_are_chosen_per_kind_and_the_rest_keep_their_defaults(fake, mail):
    chosen = logic.choose(CITIZEN, updates={"response": ["email"]}, alerts=None, email=None)
    assert chosen.channels_for("response") == ["email"] and chosen.channels_for("closed") == ["feed"]
    assert chosen.email == "ada@example.org"  # the sign-in email, verified by Cognito
    assert logic.settings_of(CITIZEN).channels_for("response") == ["email"]


def test_an_unverified_sign_in_email_is_not_taken_as_theirs(fake):
    unverified = Caller(id="eve", username="eve", email="someone-else@example.org")
    chosen = logic.choose(unverified, updates={"response": ["email"]}, alerts=None, email=None)
    assert chosen.email is None  # a changed sign-in email not yet confirmed with Cognito's code is anybody's


def test_another_address_is_used_only_once_its_link_is_followed(fake, mail):
    logic.choose(CITIZEN, updates=None, alerts=None, email="ada@work.example")
    pending = logic.settings_of(CITIZEN)
    # The verified sign-in email is theirs meanwhile (mail reaches them there); the other waits for its link.
    assert (pending.email, pending.pending_email) == ("ada@example.org", "ada@work.example")
    [(address, token)] = mail
    assert address == "ada@work.example"
    logic.confirm_email(token)
    logic.confirm_email(token)  # twice is harmless
    assert (logic.settings_of(CITIZEN).email, logic.settings_of(CITIZEN).pending_email) == ("ada@work.example", None)


def test_a_link_for_an_address_since_replaced_is_superseded(fake, mail):
    logic.choose(CITIZEN, updates=None, alerts=None, email="ada@old.example")
    logic.choose(CITIZEN, updates=None, alerts=None, email="ada@new.example")
    with pytest.raises(Conflict) as raised:
        logic.confirm_email(mail[0][1])
    assert raised.value.code == "confirmation_superseded"
    with pytest.raises(Conflict):  # and of nobody at all
        logic.confirm_email(confirmation_token("nobody", "x@example.org", 3600))


def test_confirmation_links_are_limited(fake, mail):
    for n in range(3):
        logic.choose(CITIZEN, updates=None, alerts=None, email=f"ada{n}@example.net")
    with pytest.raises(RateLimited):
        logic.choose(CITIZEN, updates=None, alerts=None, email="ada9@example.net")
    assert len(mail) == 3


def test_a_ministers_subscription_follows_their_alerts_portfolio_and_address(fake, mail, subscriptions):
    fake.people.give_portfolio(MINISTER, ["health"])
    settings = logic.choose(MINISTER, updates=None, alerts=["milestone"], email=None)
    assert settings.alert_kinds == ("milestone",) and settings.subscription_arn == "pending confirmation"
    # The sign-in email became their address with this save, so the subscription is made for it.
    assert subscriptions == [("mo@example.org", ("health",), True)]
    assert logic.choose(CITIZEN, updates=None, alerts=["milestone"], email=None).alert_kinds == ()  # not a minister


def test_a_confirmed_address_moves_a_ministers_subscription(fake, mail, subscriptions):
    fake.people.give_portfolio(MINISTER, ["health"])
    logic.choose(MINISTER, updates=None, alerts=["milestone"], email="mo@private.example")
    logic.confirm_email(mail[0][1])
    assert subscriptions[-1] == ("mo@private.example", ("health",), True)
    assert fake.notifications.settings[MINISTER.id].email == "mo@private.example"


def test_a_phone_is_registered_for_push_and_removed(fake, monkeypatch):
    monkeypatch.setattr(logic, "get_settings", lambda: replace(get_settings(), fcm_application_arn="arn:fcm"))
    made: list[str] = []

    class Sns:
        def create_platform_endpoint(self, PlatformApplicationArn, Token):  # boto3's names
            made.append(Token)
            return {"EndpointArn": f"arn:endpoint/{len(made)}"}

    monkeypatch.setattr(logic, "client", lambda service: Sns())
    dropped: list[str] = []
    monkeypatch.setattr(logic.forget, "drop_endpoint", dropped.append)
    device = logic.register_device(CITIZEN, "fcm", "phone-token-1234")
    assert [d.device_id for d in logic.devices_of(CITIZEN)] == [device.device_id]
    assert logic.settings_of(CITIZEN).has_devices  # the fan-out now looks for this person's phones
    logic.remove_device(CITIZEN, device.device_id)
    assert dropped == ["arn:endpoint/1"] and logic.devices_of(CITIZEN) == []
    with pytest.raises(NotFound) as raised:
        logic.remove_device(CITIZEN, device.device_id)
    assert raised.value.code == "device_not_found"


def test_push_to_a_platform_not_set_up_is_unavailable(fake, monkeypatch):
    monkeypatch.setattr(logic, "get_settings", lambda: replace(get_settings(), apns_application_arn=""))
    with pytest.raises(DependencyUnavailable):
        logic.register_device(CITIZEN, "apns", "phone-token-1234")


def item(n: int) -> FeedItem:
    return FeedItem(CITIZEN.id, f"2026-12-01T12:00:0{n}.000000Z#c1#update#{n}", "c1", "owner_update",
                    f"Update {n}", "News.", "/c/x", f"2026-12-01T12:00:0{n}.000000Z")


def test_the_feed_newest_first_and_what_is_unread(fake):
    for n in range(3):
        fake.notifications.add_feed_item(item(n))
    items, cursor = logic.feed(CITIZEN, 2, None)
    assert [i.title for i in items] == ["Update 2", "Update 1"]
    assert [i.title for i in logic.feed(CITIZEN, 2, cursor)[0]] == ["Update 0"]
    assert logic.unread(CITIZEN) == (3, False)
    logic.mark_feed_seen(CITIZEN)
    fake.notifications.add_feed_item(item(3))
    assert logic.unread(CITIZEN) == (1, False)


def test_one_click_stops_one_kind_of_email(fake, mail):
    logic.choose(CITIZEN, updates={"response": ["feed", "email"]}, alerts=None, email=None)
    assert logic.unsubscribe(unsubscribe_token(CITIZEN.id, "response")) == "response"
    assert logic.settings_of(CITIZEN).channels_for("response") == ["feed"]
    assert address_hash("Ada@Example.org ") == address_hash("ada@example.org")
