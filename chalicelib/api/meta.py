"""The service's own facts: health, how to sign in, the policy areas, the OpenAPI document."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from chalicelib.domain.areas import POLICY_AREAS
from chalicelib.domain.identity import ANYONE
from chalicelib.domain.regions import REGIONS
from chalicelib.http.openapi import openapi_document
from chalicelib.http.routing import Call, endpoint
from chalicelib.http.schemas import ApiModel
from chalicelib.messages import label
from chalicelib.settings import get_settings


class Health(ApiModel):
    status: str
    version: str


class AuthConfig(ApiModel):
    region: str
    user_pool_id: str
    client_id: str
    cognito_endpoint: str | None = Field(
        description="the local AWS endpoint in the local stack; null in AWS"
    )


class Area(ApiModel):
    id: str
    name: str
    department: str


class RegionShown(ApiModel):
    id: str
    name: str




@endpoint("GET", "/health", access=ANYONE, summary="Is the API up", response=Health, tags=("meta",))
def health(call: Call) -> Health:
    return Health(status="ok", version=get_settings().version)


@endpoint("GET", "/auth/config", access=ANYONE, response=AuthConfig, tags=("meta",),
          summary="What a client needs to sign in with Cognito")
def auth_config(call: Call) -> AuthConfig:
    settings = get_settings()
    return AuthConfig(
        region=settings.region,
        user_pool_id=settings.user_pool_id,
        client_id=settings.user_pool_client_id,
        cognito_endpoint=settings.cognito_endpoint,
    )


@endpoint("GET", "/areas", access=ANYONE, response=list[Area], tags=("meta",),
          summary="The policy areas, each with its department")
def areas(call: Call) -> list[Area]:
    """Names in the request's language (Accept-Language), as pages show them; the ids never change."""
    return [Area(id=a.id, name=label("area", a.id, a.name), department=label("department", a.id, a.department))
            for a in POLICY_AREAS]


@endpoint("GET", "/regions", access=ANYONE, response=list[RegionShown], tags=("meta",),
          summary="The UK's 12 nations and regions (ITL1) a profile's region is one of")
def regions(call: Call) -> list[RegionShown]:
    """Names in the request's language (Accept-Language), as pages show them; the ids never change."""
    return [RegionShown(id=r.id, name=label("region", r.id, r.name)) for r in REGIONS]


# Declared as a JSON object: with no schema, generated clients drop the body and return None.
@endpoint("GET", "/openapi.json", access=ANYONE, response=dict[str, Any], tags=("meta",),
          summary="This document: OpenAPI 3.1, generated from the models that validate requests")
def openapi(call: Call) -> dict[str, Any]:
    return openapi_document()
