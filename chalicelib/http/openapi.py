"""The OpenAPI 3.1 document, built from the route declarations and their pydantic models.

Nothing here is written by hand per route: a route that exists is documented, with the same
models that validate it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Literal

from pydantic import TypeAdapter

from chalicelib.http.schemas import ErrorBody
from chalicelib.settings import get_settings

REF_TEMPLATE = "#/components/schemas/{model}"
ERROR_STATUSES = {
    "400": "Bad input: `details.fields` names each bad field",
    "401": "No token, or a token that is not valid",
    "403": "Signed in, without the role or ownership this needs",
    "404": "Not found, or not visible to the caller",
    "409": "Conflicts with the current state",
    "412": "Stale If-Match version",
    "413": "Body too large",
    "429": "Rate limited; see Retry-After",
    "503": "A dependency is down; see Retry-After",
}


def _schema(annotation: Any, components: dict[str, Any],
            mode: Literal["validation", "serialization"]) -> dict[str, Any]:
    schema = TypeAdapter(annotation).json_schema(ref_template=REF_TEMPLATE, mode=mode)
    components.update(schema.pop("$defs", {}))
    title = schema.get("title")
    if schema.get("type") == "object" and isinstance(title, str) and "properties" in schema:
        components[title] = schema
        return {"$ref": REF_TEMPLATE.format(model=title)}
    return schema


def _parameters(spec: Any, components: dict[str, Any]) -> list[dict[str, Any]]:
    params = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        for name in re.findall(r"{(\w+)}", spec.path)
    ]
    if spec.query is not None:
        query_schema = spec.query.model_json_schema(ref_template=REF_TEMPLATE)
        required = set(query_schema.get("required", []))
        for name, prop in query_schema.get("properties", {}).items():
            params.append({"name": name, "in": "query", "required": name in required, "schema": prop})
    params += [{"name": h, "in": "header", "required": False, "schema": {"type": "string"}} for h in spec.headers]
    return params


def _operation(spec: Any, components: dict[str, Any]) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "summary": spec.summary,
        "operationId": f"{spec.method.lower()}_{re.sub(r'[^a-z0-9]+', '_', spec.path.lower()).strip('_') or 'root'}",
        "tags": list(spec.tags),
        "x-access": spec.access.describe(),
        "parameters": _parameters(spec, components),
        "security": [{"cognito": []}] if spec.access.sign_in else [{}, {"cognito": []}],
    }
    if spec.body is not None:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": _schema(spec.body, components, "validation")}},
        }
    ok: dict[str, Any] = {"description": "Success"}
    if spec.response is not None:
        ok["content"] = {spec.produces: {"schema": _schema(spec.response, components, "serialization")}}
    elif spec.produces != "application/json":
        ok["content"] = {spec.produces: {"schema": {"type": "string"}}}
    if spec.html:
        ok.setdefault("content", {})["text/html"] = {"schema": {"type": "string"}}
    error_ref = {"application/json": {"schema": _schema(ErrorBody, components, "serialization")}}
    responses = {str(spec.status): ok}
    for status, description in ERROR_STATUSES.items():
        relevant = (
            (status in {"400", "413"} and (spec.body is not None or spec.query is not None))
            or status in {"401"}
            or (status in {"403"} and spec.access.sign_in)
            or int(status) in spec.errors
        )
        if relevant:
            responses[status] = {"description": description, "content": error_ref}
    responses["default"] = {"description": "Unexpected error, in the same shape", "content": error_ref}
    operation["responses"] = responses
    return operation


@lru_cache(maxsize=1)
def openapi_document() -> dict[str, Any]:
    from chalicelib.http.lazy_routes import import_every_route_module
    from chalicelib.http.routing import ENDPOINTS

    import_every_route_module()  # each declares its routes into ENDPOINTS as it is imported

    components: dict[str, Any] = {}
    paths: dict[str, dict[str, Any]] = {}
    for spec in sorted((e.spec for e in ENDPOINTS.values()), key=lambda s: (s.path, s.method)):
        paths.setdefault(spec.path, {})[spec.method.lower()] = _operation(spec, components)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Labourspace API",
            "version": get_settings().version,
            "description": "Campaigns, support and the dialogue with ministers. Errors always "
            'come as {"error": {"code", "message", "details"}}.',
        },
        "paths": paths,
        "components": {
            "schemas": dict(sorted(components.items())),
            "securitySchemes": {
                "cognito": {
                    "type": "http",
                    "scheme": "bearer",
                    "bearerFormat": "JWT",
                    "description": "A Cognito ID token from the user pool in GET /auth/config",
                }
            },
        },
    }
