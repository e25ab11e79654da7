"""Issue 29, item 2: what is sent to a person is in their language. Choosing it (their settings'
`language`, English otherwise), and each message rendered in each language: a notice, an update's
email with the lines the email adds, a minister's alert (once per language, each with its
`language` attribute) and the digest, against the real Welsh catalogue."""

from __future__ import annotations

import email
import json
from types import SimpleNamespace

import pytest

from chalicelib import messages
from chalicelib.domain.notifications import notice_text, update_text
from chalicelib.notify.languages import language_of, with_translations


def _welsh(message_id: str, **placeholders: object) -> str:
    with messages.speaking("cy"):
        return messages.text(message_id, **placeholders)


@pytest.mark.parametrize(("chosen", "language"), [("cy", "cy"), ("en", "en"), (None, "en"), ("fr", "en"),
                                                  ("", "en")])
def test_a_person_is_written_to_in_the_language_they_chose_or_else_english(chosen, language) -> None:
    assert language_of(SimpleNamespace(language=chosen)) == language


def test_no_settings_at_all_is_english() -> None:
    assert language_of(None) == "en" and language_of(SimpleNamespace()) == "en"


def test_a_notice_carries_its_words_in_english_and_in_welsh() -> None:
    title, text, translations = with_translations(
        lambda: notice_text("campaign_rejected", campaign="Deintyddion", reason="Dywedwch pa drefi."))
    assert title == "Your campaign needs changes: Deintyddion" and "Dywedwch pa drefi." in text
    [(language, welsh_title, welsh_text)] = translations
    assert language == "cy"
    assert welsh_title == _welsh("notice.campaign_rejected.title", campaign="Deintyddion") != title
    assert "Dywedwch pa drefi." in welsh_text and welsh_text != text  # the reason as written, the words Welsh
    assert messages.active_language() == "en"  # rendering each language leaves the caller's as it was


def test_an_update_carries_every_language_and_english_stays_its_title() -> None:
    title, _, translations = with_translations(lambda: update_text("response", "Tai", stance="accepted"))
    assert title == "The minister replied: Tai"
    assert dict((lang, t) for lang, t, _ in translations) == {"cy": _welsh("update.response.title", campaign="Tai")}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_an_update_email_adds_its_own_lines_in_the_recipient_s_language(language) -> None:
    from chalicelib.notify.email import update_email

    with messages.speaking(language):
        subject, body = messages.text("notice.invited.title", organisation="Undeb"), "Words already theirs."
    sent = email.message_from_bytes(update_email("p1", "a@example.org", "invited", subject, body, language).as_bytes())
    text = sent.get_payload(decode=True).decode()
    with messages.speaking(language):
        stop = messages.text("email.stop", link="")
        choose = messages.text("email.choose", link="")
    assert stop in text and choose in text and body in text
    assert ("Stop these emails" in text) == (language == "en")  # a Welsh email has no English line
    assert sent["Content-Language"] == messages.LANGUAGES[language]
    assert "/notifications/unsubscribe?token=" in sent["List-Unsubscribe"]


def test_an_alert_goes_once_per_language_each_marked_with_its_language() -> None:
    from chalicelib.notify.alerts import alerts_for

    campaign = SimpleNamespace(title="Bysiau am ddim", slug="bysiau")
    sent = alerts_for([{"kind": "campaign_opened", "campaign_id": "c1", "area": "transport"}], {"c1": campaign})
    by_language = {m["MessageAttributes"]["language"]["StringValue"]: m for m in sent}
    assert sorted(by_language) == ["cy", "en"] and len(sent) == 2
    assert by_language["en"]["Subject"] == "New campaign in your area: Bysiau am ddim"
    assert by_language["cy"]["Subject"] == _welsh("alert.campaign_opened.subject", campaign="Bysiau am ddim")
    for message in sent:
        attributes = message["MessageAttributes"]
        assert (attributes["area"]["StringValue"], attributes["kind"]["StringValue"]) == ("transport",
                                                                                          "campaign_opened")
        assert "/c/bysiau" in message["Message"]


def test_grouped_alerts_are_counted_and_name_their_area_in_each_language() -> None:
    from chalicelib.notify.alerts import alerts_for

    campaigns = {f"c{n}": SimpleNamespace(title=f"Ymgyrch {n}", slug=f"y{n}") for n in range(3)}
    events = [{"kind": "campaign_opened", "campaign_id": c, "area": "health"} for c in campaigns]
    sent = {m["MessageAttributes"]["language"]["StringValue"]: m for m in alerts_for(events, campaigns)}
    assert sent["en"]["Subject"] == "3 updates in Health and social care"
    with messages.speaking("cy"):
        assert sent["cy"]["Subject"] == messages.plural_text("alert.grouped.subject", 3,
                                                             area="Iechyd a gofal cymdeithasol")
    assert all(f"Ymgyrch {n}" in sent["cy"]["Message"] for n in range(3))


def test_the_digest_is_written_in_each_language() -> None:
    from chalicelib.events.alert_schedules import _digest
    from chalicelib.notify.alerts import in_each_language

    newest = [SimpleNamespace(title="Tai fforddiadwy", support_count=1234, slug="tai")]
    sent = in_each_language("housing", "digest", lambda: _digest("housing", newest, [], newest, "https://x"))
    by_language = {m["MessageAttributes"]["language"]["StringValue"]: m for m in sent}
    assert by_language["en"]["Subject"] == "Labourspace daily: Housing and communities"
    assert by_language["en"]["Message"].startswith("Newest:\n- Tai fforddiadwy (1,234) https://x/c/tai")
    assert by_language["cy"]["Subject"] == _welsh("digest.subject", area="Tai a chymunedau")  # the area in Welsh
    assert by_language["cy"]["Message"].startswith(_welsh("digest.newest") + ":\n- Tai fforddiadwy")
    assert _welsh("digest.waiting") in by_language["cy"]["Message"]


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_minister_s_filter_policy_lets_in_their_language_alone(language) -> None:
    from chalicelib.notify.subscriptions import filter_policy

    policy = json.loads(filter_policy(["health", "culture"], ["digest"], language))
    assert policy == {"area": ["culture", "health"], "kind": ["digest"], "language": [language]}
