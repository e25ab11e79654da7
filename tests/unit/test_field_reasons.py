"""The reasons in an invalid request's `details.fields` (issue 29, item 2): the catalogue's words in the
reader's language for every error the API's request models can raise, never pydantic's English.

Which errors those are is read from the models themselves: each route's body and query model's core
schema, walked node by node (`refusals`). A node or constraint the walk does not know fails the test,
so a new kind of field cannot slip past it; and the walk is checked against what the models really
raise for a battery of bad values (`test_the_walk_finds_every_error_the_models_really_raise`)."""

from __future__ import annotations

import ast
import re
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticKnownError
from pydantic_core.core_schema import ErrorType

from chalicelib import messages
from chalicelib.domain.errors import InvalidValue
from chalicelib.http.errors import field_reason, validation_details
from chalicelib.messages import PLACEHOLDER, fields, speaking, text

ROOT = Path(__file__).resolve().parents[2]
PYDANTIC_ERRORS = frozenset(typing.get_args(ErrorType))
# What a validator raises: its reason is an InvalidValue's (or, for a plain ValueError, `field.not_valid`).
VALIDATOR_ERRORS = {"value_error", "assertion_error"}
FUNCTIONS = {"function-after", "function-before", "function-wrap", "function-plain"}

# What each kind of core-schema node refuses on its own, and what each of its constraints adds. The
# input is what json.loads or a query string gives (lax mode): e.g. "12" for an int, 1.5 refused as int.
REFUSES: dict[str, set[str]] = {
    "str": {"string_type", "string_unicode"},
    "int": {"int_type", "int_parsing", "int_parsing_size", "int_from_float"},
    "float": {"float_type", "float_parsing", "finite_number"},
    "bool": {"bool_type", "bool_parsing"},
    "literal": {"literal_error"},
    "enum": {"enum"},
    "list": {"list_type"},
    "dict": {"dict_type"},
    "model": {"model_type"},
    "model-fields": {"model_type"},
    "datetime": {"datetime_type", "datetime_parsing", "datetime_from_date_parsing", "datetime_object_invalid"},
    "date": {"date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"},
    "url": {"url_type", "url_parsing", "url_syntax_violation"},
    "model-field": set(), "nullable": set(), "default": set(), "union": set(),
    **{function: set(VALIDATOR_ERRORS) for function in FUNCTIONS},
}
CONSTRAINTS: dict[str, dict[str, set[str]]] = {
    "str": {"min_length": {"string_too_short"}, "max_length": {"string_too_long"},
            "pattern": {"string_pattern_mismatch"}, "strip_whitespace": set()},
    "int": {"ge": {"greater_than_equal"}, "gt": {"greater_than"}, "le": {"less_than_equal"}, "lt": {"less_than"},
            "multiple_of": {"multiple_of"}},
    "list": {"min_length": {"too_short"}, "max_length": {"too_long"}},
    "dict": {"min_length": {"too_short"}, "max_length": {"too_long"}},
    "datetime": {"microseconds_precision": set(), "tz_constraint": set()},
}
# Keys of a node that are its parts or its bookkeeping, not constraints.
STRUCTURE = {"type", "ref", "metadata", "serialization", "schema", "items_schema", "keys_schema", "values_schema",
             "fields", "choices", "function", "cls", "config", "custom_init", "root_model", "computed_fields",
             "model_name", "default", "default_factory", "default_factory_takes_data", "validation_alias",
             "serialization_alias", "expected", "mode", "validate_default", "post_init", "generic_origin",
             "extras_schema", "strict", "custom_error_type", "custom_error_message", "custom_error_context",
             "mode_after", "json_schema_input_schema", "members", "sub_type", "missing", "frozen",
             "exclude_if", "serialization_exclude", "serialization_exclude_if", "extra_behavior"}


def request_models() -> list[type[BaseModel]]:
    """Every model the API validates a request's body or query with, from the routes themselves."""
    from chalicelib.http.lazy_routes import import_every_route_module
    from chalicelib.http.routing import ENDPOINTS

    import_every_route_module()
    found = {model for declared in ENDPOINTS.values() for model in (declared.spec.body, declared.spec.query)
             if model is not None}
    return sorted(found, key=lambda model: model.__name__)


def _nodes(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if isinstance(node.get("type"), str) and node["type"] not in ("no-info", "with-info"):
            yield node
        for key, value in node.items():
            if key not in ("metadata", "serialization", "function", "config", "cls"):
                yield from _nodes(value)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from _nodes(value)


def refusals(model: type[BaseModel]) -> set[str]:
    """The error types `model` can answer a request with, read from its core schema."""
    model.model_rebuild()
    schema = model.__pydantic_core_schema__
    found: set[str] = set()
    for node in _nodes(schema):
        kind = node["type"]
        assert kind in REFUSES, f"teach REFUSES what a {kind!r} schema refuses ({model.__name__})"
        found |= REFUSES[kind]
        for key in set(node) - STRUCTURE:
            known = CONSTRAINTS.get(kind, {})
            assert key in known, f"teach CONSTRAINTS what {key!r} adds to a {kind!r} schema ({model.__name__})"
            found |= known[key]
        if kind == "datetime":
            found |= {"aware": {"timezone_aware"}, "naive": {"timezone_naive"}}.get(node.get("tz_constraint"), set())
        if kind == "model" and (node.get("config") or {}).get("extra_fields_behavior") == "forbid":
            found.add("extra_forbidden")
        if kind == "model-fields" and any(field["schema"]["type"] != "default" for field in node["fields"].values()):
            found.add("missing")
    return found


@pytest.fixture(scope="module")
def models() -> list[type[BaseModel]]:
    return request_models()


@pytest.fixture(scope="module")
def refused(models: list[type[BaseModel]]) -> dict[str, set[str]]:
    return {model.__name__: refusals(model) for model in models}


def test_every_error_a_request_model_can_raise_has_words_in_the_catalogue(refused: dict[str, set[str]]) -> None:
    everything = set().union(*refused.values())
    assert len(refused) > 40 and {"missing", "extra_forbidden", "string_too_long", "literal_error",
                                  "value_error", "int_parsing", "too_long"} <= everything  # the walk found them
    without = sorted(kind for kind in everything - VALIDATOR_ERRORS if f"field.{kind}" not in messages.english())
    assert without == [], "give them words in chalicelib/messages/fields.py (and run `make messages`)"


def test_every_error_a_request_model_can_raise_reads_in_welsh_not_english(refused: dict[str, set[str]]) -> None:
    everything = set().union(*refused.values()) - VALIDATOR_ERRORS
    read = {}
    for language in ("en", "cy"):
        with speaking(language):
            read[language] = {kind: field_reason(kind, context_for(kind)) for kind in everything}
    assert [kind for kind in sorted(everything) if read["cy"][kind] == read["en"][kind]] == []
    assert [kind for kind in sorted(everything) if read["en"][kind] == text("field.not_valid")] == []


def _bad_values() -> list[Any]:
    return [None, 1, -1, 0, 1.5, 10**40, True, "", "x", "  ", "x" * 10_000, "2026-13-45", "2026-05-01", "abc",
            [], ["x"] * 200, [1], {}, {"x": 1}]


def _real_errors(model: type[BaseModel]) -> set[str]:
    attempts: list[Any] = [[], "x", 1, None, {}, {"no_such_field": 1}]
    attempts += [{name: value} for name in model.model_fields for value in _bad_values()]
    found: set[str] = set()
    for data in attempts:
        try:
            model.model_validate(data)
        except ValidationError as exc:
            found |= {problem["type"] for problem in exc.errors()}
    return found


def test_the_walk_finds_every_error_the_models_really_raise(models: list[type[BaseModel]],
                                                           refused: dict[str, set[str]]) -> None:
    """Were the walk to miss a kind of field, the test above would pass without covering it."""
    missed = {model.__name__: sorted(_real_errors(model) - refused[model.__name__]) for model in models}
    assert {name: kinds for name, kinds in missed.items() if kinds} == {}


def known_context(kind: str) -> set[str]:
    """The names pydantic's own `ctx` gives error `kind`, asked of pydantic_core: what it requires (it
    says which, and of what type) and what its own English template names."""
    context: dict[str, Any] = {}
    for _ in range(8):
        try:
            error = PydanticKnownError(kind, context or None)  # type: ignore[arg-type]
        except TypeError as refused:
            name = str(refused).split("'")[1]
            context[name] = "x" if "must be a String" in str(refused) else 1
            continue
        return set(context) | set(re.findall(r"\{(\w+)\}", error.message_template))
    raise AssertionError(f"pydantic_core would not build a {kind!r} error")


def context_for(kind: str) -> dict[str, Any]:
    """A ctx like pydantic's for `kind`: numbers for limits, a quoted list for choices."""
    return {name: "'en' or 'cy'" if name == "expected" else 3 for name in known_context(kind)}


@pytest.mark.parametrize("message_id", sorted(m for m in messages.english()
                                              if m.startswith("field.") and m[6:] in PYDANTIC_ERRORS))
def test_each_reason_fills_only_what_its_errors_context_holds(message_id: str) -> None:
    kind = message_id.removeprefix("field.")
    words = messages.english()[message_id]
    if isinstance(words, tuple):  # counted by one of its limits
        assert fields.COUNTED_BY[kind] in known_context(kind)
        assert set(PLACEHOLDER.findall(" ".join(words))) == {"count"}
    else:
        assert set(PLACEHOLDER.findall(words)) <= known_context(kind)
    with speaking("cy"):
        assert field_reason(kind, context_for(kind)) != text("field.not_valid") or kind == "not_valid"


def test_choices_are_listed_without_englishs_or() -> None:
    with speaking("cy"):
        welsh = field_reason("literal_error", {"expected": "'new', 'top' or 'trending'"})
        assert welsh == text("field.literal_error", expected="new, top, trending")
    assert " or " not in welsh
    with speaking("en"):
        assert field_reason("literal_error", {"expected": "'en' or 'cy'"}) == "Use one of: en, cy."


def test_an_unknown_type_or_a_plain_value_error_still_reads_in_the_catalogue() -> None:
    for language in ("en", "cy"):
        with speaking(language):
            not_valid = text("field.not_valid")
            assert field_reason("a_type_pydantic_adds_one_day", {}) == not_valid
            assert field_reason("value_error", {"error": ValueError("English from somewhere")}) == not_valid
            assert field_reason("string_too_long", {}) == not_valid  # a ctx without its limit: no 500
    with speaking("cy"):
        assert text("field.not_valid") != "This value is not valid."


def test_a_validators_reason_is_the_catalogues_words_without_pydantics_prefix(models) -> None:
    profile = next(model for model in models if model.__name__ == "ProfileUpdate")
    with pytest.raises(ValidationError) as refused:
        profile.model_validate({"handle": "admin", "region": "mars"})
    read = {}
    for language in ("en", "cy"):
        with speaking(language):
            read[language] = validation_details(refused.value)["fields"]
    assert read["en"]["handle"] == "this handle is reserved"
    assert read["en"]["region"].startswith("not one of the UK's nations and regions: north-east, ")
    assert read["cy"]["handle"] != read["en"]["handle"] and not read["cy"]["handle"].startswith("Value error")
    with speaking("cy"):
        assert read["cy"]["handle"] == str(InvalidValue("handle_reserved"))


def test_no_request_validator_raises_a_plain_value_error() -> None:
    """Its words would be lost (`field.not_valid`): a validator names its reason with InvalidValue."""
    places = [*sorted((ROOT / "chalicelib" / "api").glob("*.py")), ROOT / "chalicelib" / "http" / "schemas.py",
              ROOT / "chalicelib" / "domain" / "people.py", ROOT / "chalicelib" / "domain" / "regions.py"]
    plain = [f"{path.relative_to(ROOT)}:{node.lineno}" for path in places
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)
             and getattr(node.exc.func, "id", None) in ("ValueError", "AssertionError")]
    assert plain == []
