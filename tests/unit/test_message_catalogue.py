"""The catalogue of the words people read (chalicelib/messages; README, "Words and languages"):
current with the code, complete, free of obsolete entries, its placeholders consistent, and its
compiled files made from its sources. Each check names what to run or change when it fails."""

from __future__ import annotations

import ast
import hashlib
import typing
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from pydantic_core.core_schema import ErrorType

from chalicelib import messages
from chalicelib.domain import errors
from chalicelib.domain.amendments import Action, Verdict
from chalicelib.domain.areas import AREAS_BY_ID
from chalicelib.domain.consent import SUPPORT_CONSENT_PURPOSE, SUPPORT_CONSENT_SUMMARY, SUPPORT_CONSENT_VERSION
from chalicelib.domain.documents import Status
from chalicelib.domain.manifesto import Stage
from chalicelib.domain.organisations import Kind
from chalicelib.domain.regions import COUNTED_AS, COUNTED_NAMES
from chalicelib.messages import PLACEHOLDER, fields, labels, notices
from chalicelib.messages import errors as error_words
from ops import messages as catalogue

ROOT = Path(__file__).resolve().parents[2]
CODE = ROOT / "chalicelib"
# Where raise sites may still write their English out: nowhere now (issue 26). The store raises
# none at all (it reports which condition failed: tests/unit/test_layers.py).
NOT_YET_CONVERTED: tuple[str, ...] = ()
# Keywords an error takes that are not its message's placeholders.
ERROR_KEYWORDS = {"code", "wording", "details", "retry_after"}
ERROR_CLASSES = {cls.__name__: cls for cls in (errors.LabourspaceError, *errors.LabourspaceError.__subclasses__())}
# Placeholders a plural form may leave out: the number it is chosen by ("un cefnogwr", not "1 cefnogwr").
COUNTING = {"count", "num", "number"}


def placeholders(words: str | tuple[str, ...]) -> set[str]:
    return {name for text in ([words] if isinstance(words, str) else words) for name in PLACEHOLDER.findall(text)}


def code_files() -> list[Path]:
    return [p for p in sorted(CODE.rglob("*.py")) if "messages" not in p.relative_to(CODE).parts[:1]]


def literal(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


class Use(typing.NamedTuple):
    where: str
    message_id: str | None
    named: set[str]  # the placeholders the call fills
    problem: str | None = None


def message_functions(tree: ast.Module) -> dict[str, str]:
    """Local name -> chalicelib.messages function, as the module imported it (`text as words`)."""
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "chalicelib.messages":
            found.update({alias.asname or alias.name: alias.name for alias in node.names})
    return found


def uses_in(path: Path) -> list[Use]:
    """Every error raised code-only and every message asked for by a literal id, with what it fills."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = message_functions(tree)
    found = []
    for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
        name, where = called_name(call), f"{path.relative_to(ROOT)}:{call.lineno}"
        keywords = {k.arg: k.value for k in call.keywords}
        if None in keywords:
            continue  # **kwargs passed through (a subclass's __init__)
        if name in ERROR_CLASSES and not call.args:
            code, wording = keywords.get("code"), keywords.get("wording")
            if (code is not None and literal(code) is None) or (wording is not None and literal(wording) is None):
                found.append(Use(where, None, set(), "name the code and wording as literals, so they can be checked"))
                continue
            base = literal(code) or ERROR_CLASSES[name].code
            found.append(Use(where, f"{base}.{literal(wording)}" if wording else base, set(keywords) - ERROR_KEYWORDS))
        elif name in ERROR_CLASSES and call.args and path.relative_to(CODE).parts[0] not in NOT_YET_CONVERTED:
            found.append(Use(where, None, set(), f"{name}(...) writes its words out: give its code instead"))
        if name in ("InvalidValue", "field_words") and call.args:  # a field's reason: `field.<reason>`
            first = call.args[0]  # a literal, or a choice of two (`"a" if ... else "b"`)
            for reason in [first.body, first.orelse] if isinstance(first, ast.IfExp) else [first]:
                if literal(reason):
                    found.append(Use(where, f"field.{literal(reason)}", set(keywords)))
        function = imported.get(name or "") if isinstance(call.func, ast.Name) else (
            name if isinstance(call.func, ast.Attribute) and getattr(call.func.value, "id", "") == "messages" else None)
        if function in ("text", "plural_text", "Words") and call.args and literal(call.args[0]):
            named = set(keywords) | ({"count"} if function == "plural_text" else set())
            found.append(Use(where, literal(call.args[0]), named))
    return found


@pytest.fixture(scope="module")
def uses() -> list[Use]:
    return [use for path in code_files() for use in uses_in(path)]


def test_the_catalogue_is_what_make_messages_would_write() -> None:
    """Fails when a word changed in code, a template or a script, and `make messages` was not run
    (or a .po was edited and not compiled)."""
    assert catalogue.stale() == [], "run `make messages` and commit what it changes"


def test_there_is_an_english_catalogue_and_every_language_has_one() -> None:
    assert catalogue.languages() == sorted(messages.LANGUAGES)
    assert messages.DEFAULT in messages.LANGUAGES


def test_every_raise_site_gives_a_code_and_no_words(uses: list[Use]) -> None:
    problems = [f"{u.where}: {u.problem}" for u in uses if u.problem]
    assert problems == []


def test_every_message_the_code_names_is_in_the_catalogue(uses: list[Use]) -> None:
    table = messages.english()
    missing = [f"{u.where}: {u.message_id}" for u in uses if u.message_id and u.message_id not in table]
    assert missing == [], "add its English to chalicelib/messages/errors.py, fields.py, notices.py or labels.py"


def test_every_call_fills_exactly_its_messages_placeholders(uses: list[Use]) -> None:
    table = messages.english()
    wrong = [f"{u.where}: {u.message_id} fills {sorted(u.named)}, its words {sorted(placeholders(table[u.message_id]))}"
             for u in uses if u.message_id in table and u.named != placeholders(table[u.message_id])]
    assert wrong == []


def test_no_message_in_the_tables_is_obsolete(uses: list[Use]) -> None:
    """An id nothing names any more (its raise site went) is dead weight for every translator."""
    literals = {node.value for path in code_files() for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    named = {u.message_id for u in uses} | literals
    families = tuple(f"{family}." for family in labels.FAMILIES)
    # A field's reason for one of pydantic's error types is looked up by the type (http/errors.field_reason).
    named |= {f"field.{kind}" for kind in typing.get_args(ErrorType)}
    unused = [m for m in messages.english() if m not in named and not m.startswith(families)]
    assert unused == [], "remove them from chalicelib/messages (and run `make messages`)"


def test_each_label_family_has_words_for_every_value() -> None:
    from chalicelib.api.responses import ResponseCreate

    values = {"manifesto.stage": {s.value for s in Stage}, "manifesto.stage_in_sentence": {s.value for s in Stage},
              "manifesto.update_title": {s.value for s in Stage},
              "stance": set(typing.get_args(ResponseCreate.model_fields["stance"].annotation)),
              "month": {str(month) for month in range(1, 13)}, "region": set(COUNTED_AS),
              "verdict": {v.value for v in Verdict}, "amendment_action": {a.value for a in Action},
              "organisation_kind": {k.value for k in Kind}, "document_status": {s.value for s in Status},
              "area": set(AREAS_BY_ID), "department": set(AREAS_BY_ID)}
    assert set(values) == set(labels.FAMILIES)
    table = messages.english()
    for family, wanted in values.items():
        assert {m.removeprefix(f"{family}.") for m in table if m.rpartition(".")[0] == family} == wanted, family
    assert {r: table[f"region.{r}"] for r in COUNTED_AS} == COUNTED_NAMES  # one English name for each region
    # and for each policy area and its department
    assert {a.id: (table[f"area.{a.id}"], table[f"department.{a.id}"]) for a in AREAS_BY_ID.values()} == {
        a.id: (a.name, a.department) for a in AREAS_BY_ID.values()}


def placeholder_problems(catalog: Catalog) -> list[str]:
    """A translation must fill the placeholders its English has: a missing one drops words, an extra
    one fails when filled. A plural form may leave out the number it is chosen by."""
    problems = []
    for m in catalog:
        if not m.id or not m.string:
            continue
        if isinstance(m.id, tuple | list):
            english = placeholders(m.id[-1])
            for form in (s for s in m.string if s):
                if not english - COUNTING <= placeholders(form) <= english:
                    problems.append(f"{m.id[0]!r}: {form!r}")
        elif placeholders(m.string) != placeholders(m.id):
            problems.append(f"{m.id!r}: {m.string!r}")
    return problems


@pytest.mark.parametrize("language", sorted(messages.LANGUAGES))
def test_every_translation_fills_the_placeholders_of_its_english(language: str) -> None:
    assert placeholder_problems(catalogue.read(catalogue.CATALOGUES / language / "LC_MESSAGES" / "messages.po")) == []


def test_the_placeholder_check_finds_a_translation_that_drops_or_adds_one() -> None:
    catalog = Catalog(locale="cy")
    catalog.add("Only %(who)s may do this.", "Dim ond %(pwy)s sy'n cael gwneud hyn.", context="forbidden.only")
    catalog.add(("%(number)s supporter", "%(number)s supporters"),
                ("un cefnogwr", "%(number)s cefnogwr", "", "", "", ""))
    catalog.add(("%(count)s update in %(area)s", "%(count)s updates in %(area)s"), ("%(count)s diweddariad", "x"))
    assert placeholder_problems(catalog) == ["'Only %(who)s may do this.': \"Dim ond %(pwy)s sy'n cael gwneud hyn.\"",
                                             "'%(count)s update in %(area)s': '%(count)s diweddariad'",
                                             "'%(count)s update in %(area)s': 'x'"]


def test_no_message_id_is_written_twice() -> None:
    ids = [message_id for part in (error_words.WORDS, fields.WORDS, labels.WORDS, notices.WORDS)
           for message_id, _ in part]
    assert len(ids) == len(set(ids)) == len(messages.english())


def test_the_consent_wording_changes_only_with_a_new_version() -> None:
    """Supports keep the version they were given under (domain/consent): new English words need a
    new SUPPORT_CONSENT_VERSION, and then a new line here. support-2026-11 hashed the purpose alone
    (the wording on main before it moved into the catalogue); from support-2026-12 the sentence a
    person ticks comes first, then the purpose (which names amendments to policy documents too: issue 28
    and the one-sentence consent arrived together, so support-2026-12 is the two at once)."""
    english = messages.english()
    worded = english[SUPPORT_CONSENT_SUMMARY] + "\n" + english[SUPPORT_CONSENT_PURPOSE]
    agreed = {"support-2026-11": "a4c5b77c44542ce9", "support-2026-12": "c9f17a454ac499c6"}
    assert agreed.get(SUPPORT_CONSENT_VERSION) == hashlib.sha256(worded.encode()).hexdigest()[:16]
