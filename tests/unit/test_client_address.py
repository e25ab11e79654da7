"""Who a per-client limit counts (joining, resetting: domain.limits). Deployed, the API only ever hears
from CloudFront, whose own address is API Gateway's sourceIp: counting that would let one client stop
everyone behind an edge. The client is the address CloudFront says connected to it."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import pytest

from chalicelib.http import routing
from chalicelib.settings import Settings

LOCAL = Settings.from_environment({"STAGE": "local", "AWS_ENDPOINT_URL": "http://127.0.0.1:4566"})
DEPLOYED = dataclasses.replace(LOCAL, stage="prod", public_base_url="https://labourspace.example")
EDGE = "130.176.1.10"  # a CloudFront edge's address, as API Gateway sees every request deployed


def _request(headers: dict[str, str] | None = None, source: str | None = EDGE) -> SimpleNamespace:
    return SimpleNamespace(headers=headers or {}, context={"identity": {"sourceIp": source}})


@pytest.mark.parametrize("viewer,client", [("203.0.113.9:4711", "203.0.113.9"),
                                           ("[2001:db8::1]:443", "2001:db8::1"), ("198.51.100.7", "198.51.100.7")])
def test_deployed_the_client_is_the_address_that_reached_the_edge(monkeypatch, viewer, client) -> None:
    monkeypatch.setattr(routing, "get_settings", lambda: DEPLOYED)
    assert routing.client_address(_request({"cloudfront-viewer-address": viewer})) == client


def test_deployed_without_cloudfronts_word_no_client_is_counted_rather_than_an_edge(monkeypatch) -> None:
    monkeypatch.setattr(routing, "get_settings", lambda: DEPLOYED)
    assert routing.client_address(_request()) is None  # the per-address limits still hold


def test_locally_the_client_is_the_address_that_connected(monkeypatch) -> None:
    monkeypatch.setattr(routing, "get_settings", lambda: LOCAL)
    assert routing.client_address(_request(source="127.0.0.1")) == "127.0.0.1"
    assert routing.client_address(_request(source=None)) is None
