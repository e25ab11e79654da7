"""A few hand-written Welsh entries, compiled into a throwaway catalogue for the tests of the
language machinery (which language, where it is remembered, what caches key on). They test the
machinery, not the translation: the Welsh catalogue itself is chalicelib/messages/cy (issue 29's
translators), and its completeness is tested there. Using this stub keeps these tests' expectations
fixed while translators change the real catalogue's words."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from chalicelib import messages

# (context, English, Welsh): context for a Python message id, None for words a template says.
ENTRIES = (
    ("invalid_token.header", "Send the token as 'Authorization: Bearer <ID token>'.",
     "Anfonwch y tocyn fel 'Authorization: Bearer <ID token>'."),
    ("invalid_input.fields", "Some fields are not valid.", "Nid yw rhai meysydd yn ddilys."),
    ("invalid_input.language", "Choose a language the site speaks: en (English) or cy (Cymraeg).",
     "Dewiswch iaith y mae'r wefan yn ei siarad: en (English) neu cy (Cymraeg)."),
    ("email.join_code.subject", "Your Labourspace code", "Eich cod Labourspace"),
    ("update.owner_update.title", "Update: %(campaign)s", "Diweddariad: %(campaign)s"),
    ("update.owner_update.text", "%(headline)s. Read it on the campaign's page.",
     "%(headline)s. Darllenwch hi ar dudalen yr ymgyrch."),
    (None, "Skip to the content", "Neidio i'r cynnwys"),
    (None, "Search", "Chwilio"),
    (None, "Language", "Iaith"),
)


@contextmanager
def welsh_stub(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    catalog = Catalog(locale="cy")
    for context, english, welsh in ENTRIES:
        catalog.add(english, welsh, context=context)
    (folder / "cy" / "LC_MESSAGES").mkdir(parents=True)
    with (folder / "cy" / "LC_MESSAGES" / "messages.mo").open("wb") as out:
        write_mo(out, catalog)
    monkeypatch.setattr(messages, "CATALOGUES", folder)
    messages.translations.cache_clear()
    messages._script_words.cache_clear()
    try:
        yield
    finally:
        messages.translations.cache_clear()
        messages._script_words.cache_clear()
