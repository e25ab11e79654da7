"""The service's own routes, the OpenAPI document, and the error shape when things break."""

from __future__ import annotations

import json
import uuid

import pytest
from openapi_spec_validator import validate
from pynamodb.exceptions import GetError

from tests.conftest import assert_error


def test_health_and_correlation_id(api):
    response = api.get("/health", headers={"X-Correlation-Id": "trace-me-123"})
    assert response.status_code == 200
    assert json.loads(response.body) == {"status": "ok", "version": "0.1.0"}
    assert response.headers["X-Correlation-Id"] == "trace-me-123"
    assert api.get("/health").headers["X-Correlation-Id"]


@pytest.mark.parametrize("sent", [
    "<script>alert(1)</script>", "a b c d e f g h", "x" * 65, "short", "id;Set-Cookie=stolen",
    "ok-but-then\u00e9xtra", "'quoted-correlation'",
])
def test_a_correlation_id_of_another_shape_is_replaced_not_echoed(api, sent):
    # Before: any printable value up to 128 characters came back on the answer, a public one
    # included, which CloudFront then serves to everyone with its headers.
    for path in ("/health", "/campaigns"):
        echoed = api.get(path, headers={"X-Correlation-Id": sent}).headers["X-Correlation-Id"]
        assert echoed != sent and uuid.UUID(echoed)


def test_areas_are_the_fixed_taxonomy(api):
    areas = json.loads(api.get("/areas").body)
    assert 12 <= len(areas) <= 20
    assert all(set(a) == {"id", "name", "department"} and a["department"] for a in areas)
    assert {"health", "transport", "housing", "education"} <= {a["id"] for a in areas}


def test_areas_and_regions_are_named_in_the_requests_language_under_the_same_ids(api):
    def named(path: str, language: str) -> dict[str, dict]:
        return {row["id"]: row for row in json.loads(api.get(path, headers={"Accept-Language": language}).body)}

    for path in ("/areas", "/regions"):
        english, welsh = named(path, "en-GB"), named(path, "cy")
        assert english.keys() == welsh.keys()
        assert all(welsh[i]["name"] != english[i]["name"] for i in english), path
    assert named("/areas", "cy")["health"]["name"] == "Iechyd a gofal cymdeithasol"
    assert named("/areas", "en")["health"]["name"] == "Health and social care"
    assert named("/regions", "cy")["wales"]["name"] == "Cymru"


def test_auth_config_says_where_to_sign_in(api, stack):
    config = json.loads(api.get("/auth/config").body)
    assert config == {"region": "eu-west-2", "user_pool_id": stack["env"]["USER_POOL_ID"],
                      "client_id": stack["env"]["USER_POOL_CLIENT_ID"], "cognito_endpoint": stack["aws"].endpoint}


def test_openapi_is_valid_and_documents_every_route(api, app):
    document = json.loads(api.get("/openapi.json").body)
    validate(document)
    assert document["openapi"].startswith("3.1")
    documented = {f"{m.upper()} {p}" for p, ops in document["paths"].items() for m in ops}
    served = {f"{m} {p}" for p, methods in app.routes.items() for m in methods}
    assert documented == served
    create = document["paths"]["/campaigns"]["post"]
    schema_name = create["requestBody"]["content"]["application/json"]["schema"]["$ref"].split("/")[-1]
    assert set(document["components"]["schemas"][schema_name]["required"]) >= {"title", "summary", "body", "area"}
    assert create["security"] == [{"cognito": []}]
    assert document["paths"]["/campaigns"]["get"]["security"] == [{}, {"cognito": []}]


def test_an_unexpected_failure_is_a_500_in_the_error_shape_without_internals(api, monkeypatch):
    from chalicelib.store import campaigns

    def explode(campaign_id):
        raise RuntimeError("secret internal detail: table labourspace-local-campaigns")

    monkeypatch.setattr(campaigns, "get_campaign", explode)
    response = api.get("/campaigns/anything")
    error = assert_error(response, 500, "internal_error")
    assert b"secret" not in response.body and b"Traceback" not in response.body
    assert error["details"] == {}


def test_a_database_that_does_not_answer_is_a_503_with_retry_after(api, monkeypatch):
    from chalicelib.store import campaigns

    def unreachable(campaign_id):
        raise GetError("Failed to get item: connection refused")

    monkeypatch.setattr(campaigns, "get_campaign", unreachable)
    response = api.get("/campaigns/anything")
    assert_error(response, 503, "dependency_unavailable")
    assert response.headers["Retry-After"].isdigit()


def test_unknown_route(api):
    response = api.get("/no/such/route")
    assert response.status_code in (403, 404)
