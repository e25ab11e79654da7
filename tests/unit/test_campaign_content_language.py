"""Which version of a campaign's title and summary a reader sees first, and how an edit's language
and translation become what the campaign keeps (domain.campaigns)."""

from __future__ import annotations

import pytest

from chalicelib.domain.campaigns import Wording, reading_order, text_changes
from chalicelib.domain.errors import InvalidInput

WELSH = Wording("cy", "Trenau gwell i Gaerdydd", "Trên bob hanner awr.")
ENGLISH = Wording("en", "Better trains to Cardiff", "A train every half hour.")


def test_a_reader_sees_their_languages_version_first_and_the_other_a_tap_away() -> None:
    assert reading_order("en", WELSH, ENGLISH) == (ENGLISH, WELSH)
    assert reading_order("cy", WELSH, ENGLISH) == (WELSH, ENGLISH)
    assert reading_order("cy", ENGLISH, WELSH) == (WELSH, ENGLISH)


def test_without_a_translation_everyone_reads_the_original() -> None:
    assert reading_order("en", WELSH, None) == (WELSH, None)
    assert reading_order("cy", ENGLISH, None) == (ENGLISH, None)


def test_an_edits_translation_becomes_the_campaigns_fields() -> None:
    assert text_changes({"translation": {"title": "T", "summary": "S"}}, "cy", False) == {
        "translated_title": "T", "translated_summary": "S"}
    assert text_changes({"translation": None}, "cy", True) == {"translated_title": None, "translated_summary": None}
    assert text_changes({"title": "New"}, None, True) == {"title": "New"}


def test_changing_the_language_must_say_what_becomes_of_the_translation() -> None:
    with pytest.raises(InvalidInput) as refused:
        text_changes({"language": "cy"}, None, True)  # an old campaign is English
    assert refused.value.code == "translation_language"
    assert text_changes({"language": "cy", "translation": None}, "en", True)["language"] == "cy"
    assert text_changes({"language": "cy"}, "en", False) == {"language": "cy"}
    assert text_changes({"language": "en"}, None, True) == {"language": "en"}  # not a change
