"""The reasons a raise site names in `details.fields` itself (issue 29): each is the catalogue's
`field.<reason>` in the reader's language (`field_words`, chalicelib.domain.errors), never words
written where the error is raised.

Read from the source: every `"fields"` an error's details are given, in every layer, and every reason
put in it, followed through a dict the function fills (`problems[name] = ...`, `.setdefault`). What
cannot be followed fails the test, so a new raise site with English in it cannot slip past."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from chalicelib import messages
from chalicelib.messages import PLACEHOLDER, speaking, text

ROOT = Path(__file__).resolve().parents[2]
# A reason that is the value refused, an id, not words: it reads the same in every language.
THE_ID_REFUSED = {("chalicelib/logic/documents.py", "campaign_id"),
                  ("chalicelib/logic/amendments.py", "missing[0]"),
                  ("chalicelib/domain/amendments.py", "other.id")}


def _scopes(tree: ast.Module) -> Iterator[ast.AST]:
    """Each function (its own body only, as a name is local to it), and the module."""
    yield tree
    yield from (node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef))


def _own_nodes(scope: ast.AST) -> Iterator[ast.AST]:
    """The nodes of a scope, not those of the functions inside it."""
    for child in ast.iter_child_nodes(scope):
        if not isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            yield child
            yield from _own_nodes(child)


def _fields_given(scope: ast.AST) -> Iterator[ast.expr]:
    """What a scope gives as `fields`: `{"fields": x}`, `dict(fields=x)`, `details["fields"] = x`."""
    for node in _own_nodes(scope):
        if isinstance(node, ast.Dict):
            yield from (value for key, value in zip(node.keys, node.values, strict=True)
                        if isinstance(key, ast.Constant) and key.value == "fields")
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "dict":
            yield from (keyword.value for keyword in node.keywords if keyword.arg == "fields")
        elif isinstance(node, ast.Assign) and any(isinstance(target, ast.Subscript) and isinstance(
                target.slice, ast.Constant) and target.slice.value == "fields" for target in node.targets):
            yield node.value


def _filled_into(scope: ast.AST, name: str) -> Iterator[ast.expr | None]:
    """Every value a scope puts into the dict named `name`; None for what cannot be followed."""
    bound = False
    for node in _own_nodes(scope):
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name) and target.id == name:
                    bound = True
                    if isinstance(node.value, ast.Dict):
                        yield from node.value.values
                    else:
                        yield None  # made some other way: not followed
                elif isinstance(target, ast.Subscript) and getattr(target.value, "id", None) == name:
                    yield node.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and getattr(node.func.value, "id", None) == name:
            if node.func.attr == "setdefault" and len(node.args) == 2:
                yield node.args[1]
            elif node.func.attr not in ("get", "items", "keys", "values"):
                yield None  # update(), |=: not followed
    if not bound:
        yield None  # a parameter, a global: not followed


def _bound_to(scope: ast.AST, name: str) -> Iterator[ast.expr | None]:
    """Every value a scope gives the name `name` (but None); None if it gives it none (a parameter)."""
    values = [node.value for node in _own_nodes(scope) if isinstance(node, ast.Assign)
              for target in node.targets if isinstance(target, ast.Name) and target.id == name]
    yield from [value for value in values if not (isinstance(value, ast.Constant) and value.value is None)] or [None]


def _reasons(scope: ast.AST, given: ast.expr, path: str) -> Iterator[ast.expr | None]:
    if isinstance(given, ast.Dict | ast.DictComp):
        for value in given.values if isinstance(given, ast.Dict) else [given.value]:
            followed = isinstance(value, ast.Name) and (path, value.id) not in THE_ID_REFUSED
            yield from _bound_to(scope, value.id) if followed else [value]  # type: ignore[attr-defined]
    elif isinstance(given, ast.Name):
        yield from _filled_into(scope, given.id)
    else:
        yield None


def _reason_ids(value: ast.expr) -> list[str] | None:
    """The catalogue ids a reason reads, when it is the catalogue's: `field_words("x")` (or a choice of
    two: `field_words("a" if ... else "b")`), or `text("field.x")`; None otherwise."""
    if not isinstance(value, ast.Call) or not value.args:
        return None
    function, first = getattr(value.func, "id", None), value.args[0]
    choices = [first.body, first.orelse] if isinstance(first, ast.IfExp) else [first]
    if not all(isinstance(choice, ast.Constant) and isinstance(choice.value, str) for choice in choices):
        return None
    named = [choice.value for choice in choices]  # type: ignore[attr-defined]
    if function == "field_words":
        return [f"field.{reason}" for reason in named]
    if function == "text" and all(message_id.startswith("field.") for message_id in named):
        return named
    return None


def _pydantics(value: ast.expr) -> bool:
    """http/errors' reason for one of pydantic's errors, read from the catalogue there."""
    return isinstance(value, ast.Call) and getattr(value.func, "id", None) == "field_reason"


def raise_site_reasons(source: str, path: str) -> tuple[list[str], list[str]]:
    """(the catalogue ids its raise sites' reasons read, where a reason is written some other way)."""
    tree = ast.parse(source)
    ids: list[str] = []
    written: list[str] = []
    for scope in _scopes(tree):
        for given in _fields_given(scope):
            for value in _reasons(scope, given, path):
                if value is None:
                    written.append(f"{path}:{given.lineno}: {ast.unparse(given)} (not followed)")
                elif (found := _reason_ids(value)) is not None:
                    ids += found
                elif (path, ast.unparse(value)) not in THE_ID_REFUSED and not _pydantics(value):
                    written.append(f"{path}:{value.lineno}: {ast.unparse(value)}")
    return ids, written


def _every_source() -> Iterator[tuple[str, str]]:
    """Every layer's code (logic/, domain/, http/, api/, web/, notify/, events/...), not the catalogue's tables."""
    for path in sorted((ROOT / "chalicelib").rglob("*.py")):
        if path.relative_to(ROOT / "chalicelib").parts[0] != "messages":
            yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def found() -> tuple[dict[str, list[str]], list[str]]:
    ids: dict[str, list[str]] = {}
    written: list[str] = []
    for path, source in _every_source():
        named, elsewise = raise_site_reasons(source, path)
        if named:
            ids[path] = named
        written += elsewise
    return ids, written


def test_no_raise_site_writes_the_words_of_a_fields_reason(found) -> None:
    ids, written = found
    assert written == [], "name the reason with field_words (chalicelib/messages/fields.py holds its words)"
    # The walk found them: in logic/ and domain/ alike, a document's problems filled one by one included.
    assert sum(len(named) for named in ids.values()) > 50
    assert {"chalicelib/domain/paging.py", "chalicelib/logic/accounts.py", "chalicelib/domain/documents.py",
            "chalicelib/domain/consultations.py", "chalicelib/domain/search_terms.py"} <= set(ids)
    assert "field.characters_between" in ids["chalicelib/domain/documents.py"]  # `problems[...] = ...`
    assert "field.in_the_future" in ids["chalicelib/domain/consultations.py"]  # `.setdefault(...)`


def test_each_reason_named_has_words_in_the_catalogue_and_in_welsh(found) -> None:
    ids, _ = found
    named = sorted({message_id for each in ids.values() for message_id in each})
    assert [message_id for message_id in named if message_id not in messages.english()] == []
    read = {}
    for language in ("en", "cy"):
        with speaking(language):
            read[language] = {message_id: text(message_id, **{name: "7" for name in
                                                              PLACEHOLDER.findall(messages.english()[message_id])})
                              for message_id in named}
    only_placeholders = {"field.choices"}  # values the API takes (`campaign|reply`): the same in any language
    assert [message_id for message_id in named
            if read["cy"][message_id] == read["en"][message_id] and message_id not in only_placeholders] == []


@pytest.mark.parametrize("source", [
    'raise InvalidInput(code="x", details={"fields": {"q": "required"}})',
    'raise InvalidInput(code="x", details={"fields": {"q": f"at most {LIMIT} characters"}})',
    'raise InvalidInput(code="x", details={"fields": {"password": PASSWORD_RULES}})',
    'raise InvalidInput(code="x", details={"fields": {"q": text("query_empty")}})',  # an error's, not a field's
    'raise InvalidInput(code="x", details={"fields": {"q": field_words(reason)}})',  # which, cannot be read
    'def about(reason):\n    return {"fields": {"q": reason}}',
    'def check():\n    problems = {}\n    problems["title"] = "1 to 200 characters"\n'
    '    raise InvalidInput(details={"fields": problems})',
    'def check():\n    problems = {}\n    problems.setdefault("closes_at", "must be in the future")\n'
    '    raise InvalidInput(details={"fields": problems})',
    'def check(problems):\n    raise InvalidInput(details={"fields": problems})',
    'def check(when):\n    problem = None\n    if when:\n        problem = "must be in the future"\n'
    '    raise InvalidInput(details={"fields": {"closes_at": problem}})',
    'def check():\n    problems = dict(title="words")\n    raise InvalidInput(details=dict(fields=problems))',
    'def check():\n    details = {}\n    details["fields"] = {"q": "required"}\n'
    '    raise InvalidInput(details=details)',
    'raise InvalidInput(code="x", details={"fields": {name: "must not be empty" for name in empty}})',
])
def test_words_written_at_a_raise_site_are_found(source: str) -> None:
    """Were the walk to miss one of these, the test above would pass with English in an answer."""
    assert raise_site_reasons(source, "chalicelib/logic/example.py")[1] != []


def test_the_catalogues_reasons_and_the_ids_refused_are_not_flagged() -> None:
    source = ('def check(other):\n    problems = {}\n    problems["title"] = field_words("characters_between", min=1,'
              ' max=200)\n    problems.setdefault("closes_at", field_words("in_the_future"))\n'
              '    raise InvalidInput(details={"fields": problems})\n'
              'def again(other):\n    raise InvalidInput(details={"fields": {"composite_of": other.id}})\n')
    assert raise_site_reasons(source, "chalicelib/domain/amendments.py") == (
        ["field.characters_between", "field.in_the_future"], [])
    assert raise_site_reasons(source, "chalicelib/logic/example.py")[1] != []  # an id, only where listed
