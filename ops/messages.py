"""`make messages`: Babel's extract, update and compile over the catalogue of the words people
read (chalicelib/messages; README, "Words and languages"), then the static scripts' share of each
language for the pages to carry.

    .venv/bin/python -m ops.messages           # (init,) extract, update, compile, export the scripts' words
    .venv/bin/python -m ops.messages --check   # exit 1 if anything it writes is stale

A language named in chalicelib.messages.LANGUAGES without a catalogue yet is created first
(`pybabel init`). Each step is the pybabel command it prints, so a translator can run any of them alone. The
template (`messages.pot`) is rewritten only when its messages change, so a run that changes no
words changes no file; tests/unit/test_message_catalogue.py fails when any file is stale.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = ROOT / "chalicelib" / "messages"
TEMPLATE = CATALOGUES / "messages.pot"
MAPPING = ROOT / "babel.cfg"
# The tables of words written in Python: an entry's id is its context (msgctxt), its English the msgid.
KEYWORDS = ("msg:1c,2", "plural_msg:1c,2,3")
# Locations name the file only: a line added above a message does not make the catalogue stale.
EXTRACT_OPTIONS = ("--add-location=file", "--no-wrap", "--project=Labourspace", "--copyright-holder=Labourspace",
                   "--msgid-bugs-address=")
UPDATE_OPTIONS = ("--no-wrap", "--ignore-obsolete", "--ignore-pot-creation-date", "--previous")
# Languages whose translations are shown before a fluent speaker has checked them: every entry is
# marked fuzzy until reviewed, and compiling them without their fuzzy entries would put English on
# their pages instead (README, "Translating"). Welsh until its reviewers have been through it.
SHOWN_UNREVIEWED = frozenset({"cy"})


def pybabel(*args: str) -> None:
    print("pybabel", " ".join(args), flush=True)
    CommandLineInterface().run(["pybabel", "-q", *args])


def extract_to(output: Path) -> None:
    keywords = [arg for keyword in KEYWORDS for arg in ("-k", keyword)]
    pybabel("extract", "-F", str(MAPPING.relative_to(ROOT)), *keywords, *EXTRACT_OPTIONS,
            "-o", str(output), ".")


def languages() -> list[str]:
    return sorted(p.name for p in CATALOGUES.iterdir() if (p / "LC_MESSAGES" / "messages.po").is_file())


def read(path: Path) -> Catalog:
    with path.open("rb") as f:
        return read_po(f)


def entries(catalog: Catalog) -> list[tuple]:
    """What a catalogue says, without its header's dates: each message and where it is used."""
    return sorted((m.context or "", str(m.id), sorted(m.locations), sorted(m.flags), m.auto_comments)
                  for m in catalog if m.id)


def fresh_template() -> Catalog:
    with tempfile.TemporaryDirectory() as scratch:
        extracted = Path(scratch) / "messages.pot"
        extract_to(extracted)
        return read(extracted)


def compiled(language: str) -> bytes:
    out = io.BytesIO()
    write_mo(out, read(CATALOGUES / language / "LC_MESSAGES" / "messages.po"), use_fuzzy=language in SHOWN_UNREVIEWED)
    return out.getvalue()


def script_words(language: str) -> str:
    """The scripts' translated messages in `language` (msgid -> words, or plural forms); fuzzy ones
    are not shown until a translator has checked them, as `pybabel compile` leaves them out too,
    except in a language shown unreviewed (SHOWN_UNREVIEWED), whose pages would otherwise be English."""
    words: dict[str, str | list[str]] = {}
    use_fuzzy = language in SHOWN_UNREVIEWED
    for m in read(CATALOGUES / language / "LC_MESSAGES" / "messages.po"):
        if not m.id or (m.fuzzy and not use_fuzzy) or not any(path.endswith(".js") for path, _ in m.locations):
            continue
        key = m.id[0] if isinstance(m.id, tuple | list) else m.id
        if isinstance(m.string, tuple | list):
            if all(m.string):
                words[key] = list(m.string)
        elif m.string:
            words[key] = m.string
    return json.dumps(words, ensure_ascii=False, sort_keys=True, indent=0) + "\n"


def wanted_languages() -> list[str]:
    """The languages the site speaks (chalicelib.messages.LANGUAGES): each needs a catalogue."""
    from chalicelib.messages import LANGUAGES

    return sorted(LANGUAGES)


def stale() -> list[str]:
    """What `make messages` would change."""
    problems = []
    if not TEMPLATE.is_file() or entries(fresh_template()) != entries(read(TEMPLATE)):
        problems.append(f"{TEMPLATE.relative_to(ROOT)} is not what the code and templates say")
    problems += [f"{(CATALOGUES / language).relative_to(ROOT)} has no catalogue yet"
                 for language in wanted_languages() if language not in languages()]
    template = read(TEMPLATE) if TEMPLATE.is_file() else Catalog()
    wanted = {(m.context or "", str(m.id)) for m in template if m.id}
    for language in languages():
        folder = CATALOGUES / language / "LC_MESSAGES"
        po = read(folder / "messages.po")
        if {(m.context or "", str(m.id)) for m in po if m.id} != wanted or po.obsolete:
            problems.append(f"{(folder / 'messages.po').relative_to(ROOT)} does not hold the template's messages alone")
        mo = folder / "messages.mo"
        if not mo.is_file() or mo.read_bytes() != compiled(language):
            problems.append(f"{mo.relative_to(ROOT)} is not compiled from its .po")
        scripts = folder / "scripts.json"
        if not scripts.is_file() or scripts.read_text(encoding="utf-8") != script_words(language):
            problems.append(f"{scripts.relative_to(ROOT)} is not the scripts' words of its .po")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if any file is stale")
    if parser.parse_args().check:
        problems = stale()
        print("\n".join(problems) or "the catalogue is current")
        sys.exit(1 if problems else 0)
    fresh = fresh_template()
    if not TEMPLATE.is_file() or entries(fresh) != entries(read(TEMPLATE)):
        extract_to(TEMPLATE)
    folder = str(CATALOGUES.relative_to(ROOT))
    for language in (lang for lang in wanted_languages() if lang not in languages()):
        pybabel("init", "-i", str(TEMPLATE.relative_to(ROOT)), "-d", folder, "-l", language, "--no-wrap")
    pybabel("update", "-i", str(TEMPLATE.relative_to(ROOT)), "-d", folder, *UPDATE_OPTIONS)
    for language in languages():
        pybabel("compile", "-d", folder, "-l", language, "--statistics",
                *(["--use-fuzzy"] if language in SHOWN_UNREVIEWED else []))
    for language in languages():
        (CATALOGUES / language / "LC_MESSAGES" / "scripts.json").write_text(script_words(language), encoding="utf-8")
    print("scripts' words written for", ", ".join(languages()))
    from ops import translations  # imports this module: read after it is loaded

    for language in translations.translated_languages():
        listed = translations.problems(language)
        print(f"{language}: {len(listed)} problems to fix (python -m ops.translations lists them)" if listed
              else f"{language}: every message translated, consistent")


if __name__ == "__main__":
    main()
