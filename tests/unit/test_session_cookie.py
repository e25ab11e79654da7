"""The session cookie (README, "Where the tokens live"): outside the local stage it is always Secure,
whatever the site's address says; only the local stage, on loopback over HTTP, goes without."""

from __future__ import annotations

import dataclasses

import pytest

from chalicelib.http import session_cookie
from chalicelib.settings import Settings

LOCAL = Settings.from_environment({"STAGE": "local", "AWS_ENDPOINT_URL": "http://127.0.0.1:4566"})


def _attributes(cookie: str) -> set[str]:
    return {part.strip().split("=")[0].lower() for part in cookie.split(";")[1:]}


@pytest.mark.parametrize("stage", ["dev", "prod"])
@pytest.mark.parametrize("site", ["http://labourspace.example", "https://labourspace.example"])
def test_outside_the_local_stage_the_cookie_is_always_secure(monkeypatch: pytest.MonkeyPatch, stage: str,
                                                             site: str) -> None:
    # Before: Secure only when PUBLIC_BASE_URL was https; a deployed stage with an http one (or
    # none: it defaulted to http://127.0.0.1:8000) sent the refresh token over plain HTTP.
    deployed = dataclasses.replace(LOCAL, stage=stage, public_base_url=site)
    monkeypatch.setattr(session_cookie, "get_settings", lambda: deployed)
    for cookie in (session_cookie.set_cookie("refresh-token-value"), session_cookie.clear_cookie()):
        assert {"secure", "httponly", "samesite", "path", "max-age"} <= _attributes(cookie), cookie


def test_the_local_stage_over_http_goes_without_secure_and_over_https_keeps_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(session_cookie, "get_settings", lambda: LOCAL)
    assert "secure" not in _attributes(session_cookie.set_cookie("refresh-token-value"))
    https = dataclasses.replace(LOCAL, public_base_url="https://127.0.0.1:8443")
    monkeypatch.setattr(session_cookie, "get_settings", lambda: https)
    assert "secure" in _attributes(session_cookie.set_cookie("refresh-token-value"))
