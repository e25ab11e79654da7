"""Shapes shared by every resource: the error body, list pages, and the service's own facts."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class StrictModel(BaseModel):
    """Request bodies refuse unknown fields, so a misspelt field is a 400, not silently lost."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ErrorDetail(BaseModel):
    code: str = Field(description="snake_case, stable: clients branch on it")
    message: str = Field(description="for a person to read")
    details: dict[str, Any] = Field(default_factory=dict)


class ErrorBody(BaseModel):
    error: ErrorDetail


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


class ListQuery(StrictModel):
    limit: int = Field(default=20, ge=1, le=100)
    cursor: str | None = Field(default=None, max_length=2048)


class Health(BaseModel):
    status: str
    version: str


class AuthConfig(BaseModel):
    region: str
    user_pool_id: str
    client_id: str
    cognito_endpoint: str | None = Field(
        description="the local AWS endpoint in the local stack; null in AWS"
    )


class Area(BaseModel):
    id: str
    name: str
    department: str
