"""The translations (ops/translations.py; README, "Translating"): for every language but English,
every message translated in every plural form, placeholders and markup kept, nothing left in
English, and the compiled catalogue the one pybabel makes from the .po. Each check is shown to catch
what it is for on a small catalogue made here, then run on the real ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo

from chalicelib import messages
from ops import messages as catalogue
from ops import translations

LANGUAGES = translations.translated_languages()


def welsh(*entries: tuple) -> Catalog:
    catalog = Catalog(locale="cy")
    for english, words, *context in entries:
        catalog.add(english, words, context=context[0] if context else None, flags=("fuzzy",))
    return catalog


def test_welsh_is_a_translated_language_the_site_speaks() -> None:
    assert "cy" in LANGUAGES
    assert "cy" in messages.LANGUAGES


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_plural_rule_is_cldrs(language: str) -> None:
    assert translations.plural_rule_problems(translations.read(language), language) == []


def test_the_welsh_plural_rule_has_six_forms_and_a_wrong_one_is_found() -> None:
    assert Catalog(locale="cy").num_plurals == 6
    old_gettext_rule = welsh()  # what gettext's own table had for Welsh: four forms
    old_rule = "nplurals=4; plural=(n==1 ? 0 : n==2 ? 1 : n != 8 && n != 11 ? 2 : 3);"
    old_gettext_rule.mime_headers = [("Plural-Forms", old_rule)]
    assert len(translations.plural_rule_problems(old_gettext_rule, "cy")) == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_in_every_form(language: str) -> None:
    assert translations.untranslated(translations.read(language)) == []


def test_an_empty_translation_or_a_missing_plural_form_is_found() -> None:
    catalog = welsh(("Saved.", "", "saved"),
                    (("%(count)s idea", "%(count)s ideas"),
                     ("%(count)s o syniadau", "%(count)s syniad", "", "", "", "")),
                    ("Search", "Chwilio"))
    assert translations.untranslated(catalog) == ["saved: 'Saved.' has 0 of 1 forms translated",
                                                  "'%(count)s idea' has 2 of 6 forms translated"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_translation_has_its_englishs_placeholders(language: str) -> None:
    assert translations.format_problems(translations.read(language)) == []


def test_a_dropped_renamed_extra_or_stray_placeholder_is_found() -> None:
    catalog = welsh(("Only %(who)s may do this.", "Dim ond %(pwy)s sy'n cael gwneud hyn."),
                    ("%(percent)s%% of %(target)s", "%(percent)s% o %(target)s"),
                    ("Closed: %(campaign)s", "Ar gau"),
                    ("Saved.", "Wedi'i gadw %(when)s."),
                    (("%(count)s update in %(area)s", "%(count)s updates in %(area)s"),
                     ("%(count)s o ddiweddariadau yn %(area)s", "un diweddariad yn %(area)s",
                      "%(count)s ddiweddariad", "%(count)s o ddiweddariadau yn %(area)s",
                      "%(count)s o ddiweddariadau yn %(area)s", "%(count)s o ddiweddariadau yn %(area)s")))
    found = translations.format_problems(catalog)
    assert [problem.split(":")[0] for problem in found] == [
        "'Only %(who)s may do this.'", "'%(percent)s%% of %(target)s'", "'Closed", "'Saved.'",
        "'%(count)s update in %(area)s'"]
    # "un diweddariad" may leave out the number; the dual form may not leave out the area.
    assert "ddiweddariad'" in found[-1]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_translation_keeps_its_englishs_markup(language: str) -> None:
    assert translations.markup_problems(translations.read(language)) == []


def test_a_changed_link_is_found() -> None:
    catalog = welsh(('<a href="/sign-in">Sign in</a> first.', 'Yn gyntaf, <a href="/join">mewngofnodwch</a>.'),
                    ('A <a href="/sign-in">sign-in</a>.', "Mewngofnodi."),
                    ('<a href="/x">Go</a> now', 'Nawr, <a href="/x">ewch</a>'))
    assert [p.split(":")[0] for p in translations.markup_problems(catalog)] == [
        "'<a href=\"/sign-in\">Sign in</a> first.'", "'A <a href=\"/sign-in\">sign-in</a>.'"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_nothing_is_left_in_english(language: str) -> None:
    assert translations.english_fallbacks(translations.read(language), language) == []


def test_english_left_in_a_message_or_a_plural_form_is_found_unless_the_words_are_the_same() -> None:
    catalog = welsh(("Support", "Support"), ("Person", "Person"), ("%(stage)s: %(name)s", "%(stage)s: %(name)s"),
                    (("%(num)s idea", "%(num)s ideas"), ("%(num)s o syniadau", "%(num)s idea", "%(num)s syniad",
                                                         "%(num)s o syniadau", "%(num)s o syniadau", "%(num)s ideas")))
    assert translations.english_fallbacks(catalog, "cy") == ["'Support' is still in English",
                                                             "'%(num)s idea' is still in English"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_translation_answers_an_earlier_english(language: str) -> None:
    assert translations.translated_from_earlier_english(translations.read(language)) == []


def test_a_translation_carried_over_from_an_earlier_english_is_found() -> None:
    """What `make messages` does when an English sentence changes: the old Welsh stays, marked."""
    old = welsh(("Nothing is waiting.", "Does dim yn aros."))
    template = Catalog(locale="en")
    template.add("Nothing is waiting yet.")
    old.update(template)
    assert translations.translated_from_earlier_english(old) == [
        "'Nothing is waiting yet.' was translated from 'Nothing is waiting.'"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_answers_every_message_in_the_language(language: str) -> None:
    assert translations.runtime_fallbacks(translations.read(language), language) == []


def test_a_catalogue_compiled_without_its_fuzzy_entries_is_found(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Every Welsh entry is fuzzy until reviewed, and gettext skips fuzzy entries by default."""
    catalog = welsh(("Saved.", "Wedi'i gadw."), ("Search", "Chwilio"), ("Nothing here.", "Dim byd yma.", "ctx"))
    catalog["Search"].flags.discard("fuzzy")  # a reviewed entry
    folder = tmp_path / "cy" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "messages.mo").open("wb") as f:
        write_mo(f, catalog)
    monkeypatch.setattr(catalogue, "CATALOGUES", tmp_path)
    assert translations.runtime_fallbacks(catalog, "cy") == ["'Saved.' is compiled as 'Saved.'",
                                                             "ctx: 'Nothing here.' is compiled as 'Nothing here.'"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committed_mo_is_what_pybabel_compile_makes_from_the_po(language: str, tmp_path: Path) -> None:
    """Compiled afresh by the command make messages runs, not by the code that also writes it."""
    folder = tmp_path / language / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "messages.po").write_bytes((catalogue.CATALOGUES / language / "LC_MESSAGES" / "messages.po").read_bytes())
    fuzzy = ["--use-fuzzy"] if language in catalogue.SHOWN_UNREVIEWED else []
    CommandLineInterface().run(["pybabel", "-q", "compile", "-d", str(tmp_path), "-l", language, *fuzzy])
    committed = catalogue.CATALOGUES / language / "LC_MESSAGES" / "messages.mo"
    assert (folder / "messages.mo").read_bytes() == committed.read_bytes(), "run `make messages` and commit the .mo"


def test_the_welsh_scripts_words_hold_every_scripts_message_in_six_forms_where_it_counts() -> None:
    said = json.loads((catalogue.CATALOGUES / "cy" / "LC_MESSAGES" / "scripts.json").read_text(encoding="utf-8"))
    wanted = {m.id if isinstance(m.id, str) else m.id[0]: m for m in translations.read("cy")
              if m.id and any(path.endswith(".js") for path, _ in m.locations)}
    assert set(said) == set(wanted)
    assert all(len(said[key]) == 6 for key, m in wanted.items() if m.pluralizable)


@pytest.mark.parametrize(("count", "words"), [
    (0, "0 o gefnogwyr: Y bws"), (1, "1 cefnogwr: Y bws"), (2, "2 gefnogwr: Y bws"), (3, "3 o gefnogwyr: Y bws"),
    (6, "6 o gefnogwyr: Y bws"), (11, "11 o gefnogwyr: Y bws")])
def test_a_welsh_message_takes_the_form_its_number_needs(count: int, words: str) -> None:
    with messages.speaking("cy"):
        assert messages.plural_text("alert.milestone.subject", count, campaign="Y bws") == words
