"""What a second language changes, shown with a pseudo-translation ("[No such campaign.]") built
from the English catalogue: everything read while a request speaks it (an API error's message, a
page's words and <html lang>, the scripts' words, an update, an alert) comes from its catalogue,
and nothing else changes: not an error's code, not its details, not English elsewhere."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from chalicelib import messages
from chalicelib.domain import errors
from chalicelib.domain.limits import REPLIES
from chalicelib.domain.manifesto import require_move
from chalicelib.domain.notifications import alert_text, update_text
from chalicelib.web import render
from ops import messages as catalogue

PSEUDO = "qps"  # not a language: a made-up one, so no real translation is implied


def pseudo(words: str) -> str:
    return f"[{words}]"


@pytest.fixture
def pseudo_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A compiled catalogue in which every message reads [its English], and the scripts' share of it."""
    english = catalogue.read(catalogue.CATALOGUES / "en" / "LC_MESSAGES" / "messages.po")
    translated = Catalog(locale="en")  # English's plural rule: one, and more
    for m in english:
        if m.id:
            string = tuple(pseudo(s) for s in m.id) if isinstance(m.id, tuple) else pseudo(m.id)
            translated.add(m.id, string, locations=m.locations, context=m.context)
    folder = tmp_path / PSEUDO / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "messages.mo").open("wb") as out:
        write_mo(out, translated)
    scripts = {str(m.id if isinstance(m.id, str) else m.id[0]): m.string for m in translated
               if m.id and any(path.endswith(".js") for path, _ in m.locations)}
    (folder / "scripts.json").write_text(json.dumps(scripts), encoding="utf-8")
    monkeypatch.setattr(messages, "CATALOGUES", tmp_path)
    monkeypatch.setattr(messages, "LANGUAGES", {**messages.LANGUAGES, PSEUDO: "x-pseudo"})
    messages.translations.cache_clear()
    messages._script_words.cache_clear()
    yield PSEUDO
    messages.translations.cache_clear()
    messages._script_words.cache_clear()


def test_an_error_speaks_the_language_it_is_read_in_and_keeps_its_code(pseudo_language: str) -> None:
    refused = errors.NotFound(code="campaign_not_found", details={"id": "c1"})
    with messages.speaking(pseudo_language):
        assert (refused.code, refused.message, refused.details) == ("campaign_not_found", "[No such campaign.]",
                                                                     {"id": "c1"})
    assert refused.message == "No such campaign."


def test_placeholders_and_the_words_inside_them_are_translated_too(pseudo_language: str) -> None:
    with messages.speaking(pseudo_language), pytest.raises(errors.Conflict) as moved:
        require_move("adopted", "shortlisted")
    assert moved.value.code == "backwards_move"
    with messages.speaking(pseudo_language):
        assert moved.value.message == "[An idea that is [adopted] cannot go back to [shortlisted].]"
        assert REPLIES.describe() == "[This can be done 30 times [an hour]; try again later.]"
        assert update_text("response", "Free buses", stance="accepted")[1] == \
            "[The minister for its area answered the campaign you support: [accepted]. Read the answer on its page.]"
        assert alert_text("milestone", "Free buses", 1000, "https://x/c/free")[0] == "[1,000 supporters: Free buses]"


def test_an_error_whose_raise_site_writes_its_words_keeps_them(pseudo_language: str) -> None:
    """store/ and logic/ still write their English (issue 26 moves them next); it is shown as written."""
    with messages.speaking(pseudo_language):
        assert errors.Conflict("You have reported this already.", code="already_reported").message == \
            "You have reported this already."


def test_a_page_speaks_the_language_and_says_so(pseudo_language: str) -> None:
    with messages.speaking(pseudo_language):
        html = render.environment().get_template("error.html").render(status_code=404, message="gone")
    assert '<html lang="x-pseudo">' in html
    assert "<h1>[Page not found]</h1>" in html
    assert '<script type="application/json" id="script-words">' in html
    words = json.loads(html.split('id="script-words">')[1].split("</script>")[0])
    assert words["Signed in as %(name)s"] == "[Signed in as %(name)s]"


def test_an_english_page_carries_no_script_words() -> None:
    html = render.environment().get_template("error.html").render(status_code=404, message="gone")
    assert '<html lang="en-GB">' in html and "script-words" not in html


def test_plurals_follow_the_count() -> None:
    macros = render.environment().get_template("_macros.html").module
    assert str(macros.supporters(1)) == "<strong>1</strong> supporter"  # "1 supporters" before the catalogue
    assert str(macros.supporters(1234, live=True)) == "<strong data-count>1,234</strong> supporters"


def test_only_a_language_with_a_catalogue_can_be_spoken() -> None:
    with pytest.raises(ValueError, match="no catalogue for language 'gd'"), messages.speaking("gd"):
        pass
    assert messages.active_language() == "en"


def test_the_api_answers_in_the_language_chosen_for_the_request(pseudo_language: str,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The one rule (http/language.py) decides per request; the error's code and field names stay."""
    from chalice.test import Client

    import app
    from chalicelib.http import language

    asked = {"Accept": "application/json", "Authorization": "Basic a2V5"}  # refused before anything is read
    with Client(app.app) as client:
        english = client.http.get("/me", headers=asked)
        monkeypatch.setattr(language, "language_of", lambda request: pseudo_language)
        translated = client.http.get("/me", headers=asked)
    assert english.status_code == translated.status_code == 401
    assert english.json_body["error"]["message"] == "Send the token as 'Authorization: Bearer <ID token>'."
    assert translated.json_body["error"] == {**english.json_body["error"],
                                             "message": "[Send the token as 'Authorization: Bearer <ID token>'.]"}
    assert english.json_body["error"]["code"] == "invalid_token"
