"""The deployment package carries compiled bytecode that Python uses as it is, in a read-only
directory as Lambda's /var/task is (ops/bytecode.py)."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

from ops.bytecode import compile_package

RUNTIME = f"python{sys.version_info.major}.{sys.version_info.minor}"
TAG = sys.implementation.cache_tag


def make_package(path: Path) -> Path:
    package = path / "package.zip"
    with zipfile.ZipFile(package, "w") as zipped:
        zipped.writestr("app.py", "import chalicelib.rules\nANSWER = chalicelib.rules.answer()\n")
        zipped.writestr("chalicelib/__init__.py", "")
        zipped.writestr("chalicelib/rules.py", "def answer():\n    return 42\n")
        zipped.writestr("chalicelib/templates/page.html", "<p>not python</p>")
        # As Chalice copies it from a working tree: a timestamp .pyc that the zip's times make useless.
        zipped.writestr(f"chalicelib/__pycache__/rules.{TAG}.pyc", b"stale")
    return package


def read_only_copy(package: Path, into: Path) -> Path:
    with zipfile.ZipFile(package) as zipped:
        zipped.extractall(into)
    for path in [*sorted(into.rglob("*"), reverse=True), into]:
        path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    return into


def imports_read_from(task_root: Path) -> str:
    """`python -v` says where each module's code object came from. Nothing may be written, as in
    Lambda's /var/task (PYTHONDONTWRITEBYTECODE too: a root user ignores the directory's mode)."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run([sys.executable, "-v", "-c", "import app; print(app.ANSWER)"], cwd=task_root,
                          env=env, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "42"
    return done.stderr


def test_each_module_gets_bytecode_python_uses_from_a_read_only_directory(tmp_path):
    package = make_package(tmp_path)
    assert compile_package(package, RUNTIME) == 3
    names = zipfile.ZipFile(package).namelist()
    assert f"chalicelib/__pycache__/rules.{TAG}.pyc" in names and f"__pycache__/app.{TAG}.pyc" in names
    assert len(names) == len(set(names)) and "chalicelib/templates/page.html" in names
    log = imports_read_from(read_only_copy(package, tmp_path / "task"))
    assert f"code object from '{tmp_path / 'task' / 'chalicelib' / '__pycache__' / f'rules.{TAG}.pyc'}'" in log


def test_without_it_python_compiles_from_source_on_every_start(tmp_path):
    task = read_only_copy(make_package(tmp_path), tmp_path / "task")
    for _start in range(2):
        log = imports_read_from(task)
        assert f"code object from {task / 'chalicelib' / 'rules.py'}\n" in log  # compiled from the source, again


def test_compiling_twice_or_for_another_python_changes_nothing(tmp_path):
    package = make_package(tmp_path)
    untouched = zipfile.ZipFile(package).namelist()
    assert compile_package(package, "python3.9") == 0
    assert zipfile.ZipFile(package).namelist() == untouched
    assert compile_package(package, RUNTIME) == 3
    before = zipfile.ZipFile(package).namelist()
    assert compile_package(package, RUNTIME) == 0
    assert zipfile.ZipFile(package).namelist() == before


def test_the_page_templates_are_compiled_into_the_package_by_its_own_code(tmp_path):
    from ops.bytecode import compile_templates

    root = Path(__file__).resolve().parents[2]
    shutil.copytree(root / "chalicelib", tmp_path / "chalicelib", ignore=shutil.ignore_patterns("__pycache__"))
    templates = len(list((root / "chalicelib" / "web" / "templates").rglob("*.*")))
    assert compile_templates(tmp_path) == templates
    assert len(list((tmp_path / "chalicelib" / "web" / "template_bytecode").iterdir())) == templates
