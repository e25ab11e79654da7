"""The embedded AWS takes the Swagger 2.0 document `chalice deploy` sends (devstack/moto_patches.py):
moto 5.2.5 failed ImportRestApi with `KeyError: 'description'` (a 500) and refused `swagger: "2.0"`."""

from __future__ import annotations

import json
import uuid

import boto3
from chalice import Chalice
from chalice.deploy.swagger import SwaggerGenerator

from tests.conftest import REGION

LAMBDA_ARN = "arn:aws:lambda:eu-west-2:123456789012:function:tiny-dev"


def _chalice_swagger(title: str) -> dict:
    tiny = Chalice(app_name=title)

    @tiny.route("/health")
    def health() -> dict:
        return {}

    @tiny.route("/c/{slug}", methods=["GET", "POST"])
    def campaign(slug: str) -> dict:
        return {}

    deployed = {"api_handler_arn": LAMBDA_ARN, "api_handler_name": "tiny-dev"}
    doc = SwaggerGenerator(REGION, deployed).generate_swagger(tiny)
    assert doc["swagger"] == "2.0" and "description" not in doc["info"]  # what made moto fail
    return doc


def _routes(apigateway, api_id: str) -> set[tuple[str, str]]:
    items = apigateway.get_resources(restApiId=api_id, limit=500)["items"]
    return {(item["path"], method) for item in items for method in item.get("resourceMethods", {})}


def test_chalices_swagger_imports_and_updates_with_its_routes(stack) -> None:
    apigateway = boto3.client("apigateway", endpoint_url=stack["aws"].endpoint, region_name=REGION)
    title = f"tiny-{uuid.uuid4().hex[:8]}"
    doc = _chalice_swagger(title)

    api = apigateway.import_rest_api(body=json.dumps(doc).encode())
    assert api["name"] == title
    assert _routes(apigateway, api["id"]) == {("/health", "GET"), ("/c/{slug}", "GET"), ("/c/{slug}", "POST")}
    integration = apigateway.get_integration(restApiId=api["id"], httpMethod="GET", resourceId=next(
        i["id"] for i in apigateway.get_resources(restApiId=api["id"])["items"] if i["path"] == "/health"))
    assert LAMBDA_ARN in integration["uri"]

    # A second deploy overwrites the API with the app's routes as they are now.
    del doc["paths"]["/c/{slug}"]["post"]
    apigateway.put_rest_api(restApiId=api["id"], mode="overwrite", body=json.dumps(doc).encode())
    assert _routes(apigateway, api["id"]) == {("/health", "GET"), ("/c/{slug}", "GET")}
