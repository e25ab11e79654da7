"""The layers, read from the code (README, "Architecture"): imports go one way only. The logic
reaches storage through one module, `logic/ports.py`, whose ports speak the domain's types (no
`Any`); the handlers (`api/`, `web/`, `http/`) reach it only through the logic; the domain
imports nothing of AWS, HTTP or pydantic; the store and notify never import the logic."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CHALICELIB = Path(__file__).resolve().parents[2] / "chalicelib"


def imported(path: Path) -> set[str]:
    """Every module `path` imports, at any depth of its code (a lazy import counts too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def modules(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (CHALICELIB / folder).glob("*.py"))


def importing(paths: list[Path], packages: tuple[str, ...]) -> dict[str, list[str]]:
    """Which of `paths` import any of `packages` (or a module in one), and what."""
    def inside(module: str) -> bool:
        return any(module == p or module.startswith(f"{p}.") for p in packages)

    found = {str(p.relative_to(CHALICELIB)): sorted(m for m in imported(p) if inside(m)) for p in paths}
    return {name: names for name, names in found.items() if names}


def test_only_the_ports_module_of_the_logic_names_the_store():
    assert list(importing(modules("logic"), ("chalicelib.store",))) == ["logic/ports.py"]


def test_handlers_reach_storage_only_through_the_logic():
    assert importing(modules("api", "web", "http"), ("chalicelib.store",)) == {}


def test_the_store_and_notify_never_import_the_logic_or_above():
    above = ("chalicelib.logic", "chalicelib.api", "chalicelib.web", "chalicelib.http", "chalicelib.events")
    assert importing(modules("store", "store/tables", "notify"), above) == {}


@pytest.mark.parametrize("outside", ["boto3", "botocore", "pynamodb", "pydantic", "chalice", "chalicelib.store",
                                     "chalicelib.logic", "chalicelib.http", "chalicelib.settings"])
def test_the_domain_imports_nothing_of_aws_http_or_io(outside):
    assert importing(modules("domain"), (outside,)) == {}


@pytest.mark.parametrize("ports", sorted(p.name for p in (CHALICELIB / "logic").glob("*_ports.py")))
def test_the_ports_speak_the_domains_types_not_any(ports):
    source = (CHALICELIB / "logic" / ports).read_text()
    names = {n.id for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Name)}
    assert "Protocol" in names and "Any" not in names


def test_the_store_reports_conditions_and_raises_no_error_people_read():
    """The store says which condition failed (`ConditionFailed`) or that it gave up (`Busy`); which
    error that is, in people's words, is the logic's and the domain's to say."""
    errors = "chalicelib.domain.errors"
    named = {m for names in importing(modules("store", "store/tables"), (errors,)).values() for m in names}
    assert named <= {errors, f"{errors}.ConditionFailed", f"{errors}.Busy"}
