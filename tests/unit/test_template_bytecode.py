"""The deployment package's compiled templates (web.render.TEMPLATE_BYTECODE, written by ops/bytecode.py):
a new container's first page uses them instead of compiling its templates (issue 30, README "Cold start"),
renders the same page, and compiles from source any template whose source has changed since."""

from __future__ import annotations

import pytest

from chalicelib.web import render

PAGE = dict(public=False, status_code=404, message="No campaign has this address.")


@pytest.fixture
def compiled(tmp_path, monkeypatch):
    """Every template compiled into a folder, then a new container's environment reading it."""
    from_source = render.environment().get_template("error.html").render(**PAGE)
    render.environment.cache_clear()
    assert render.compile_every_template(tmp_path / "compiled") > 50
    monkeypatch.setattr(render, "TEMPLATE_BYTECODE", tmp_path / "compiled")
    render.environment.cache_clear()
    yield from_source
    render.environment.cache_clear()


def test_a_new_container_renders_its_pages_from_the_compiled_templates(compiled, monkeypatch):
    env = render.environment()

    def compiling(*args, **kwargs):
        raise AssertionError(f"compiled from source: {args[1:3]}")

    monkeypatch.setattr(env, "compile", compiling)
    assert env.get_template("error.html").render(**PAGE) == compiled
    env.get_template("campaign.html")  # the viral page, with what it extends and includes
    env.get_template("_campaign_support.html")


def test_a_template_changed_since_it_was_compiled_is_compiled_from_its_source(compiled, monkeypatch):
    env = render.environment()
    read = type(env.loader).get_source

    def edited(loader, environment, name):
        source, filename, uptodate = read(loader, environment, name)
        return (source.replace("<p>{{ message }}</p>", "<p>edited</p>") if name == "error.html" else source,
                filename, uptodate)

    monkeypatch.setattr(type(env.loader), "get_source", edited)
    shown = env.get_template("error.html").render(**PAGE)
    assert "<p>edited</p>" in shown and shown != compiled
