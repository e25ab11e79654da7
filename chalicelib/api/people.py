"""Profiles: your own (GET/PATCH /me) and other people's public pages."""

from __future__ import annotations

from typing import Any, Literal

from chalice.app import Response
from pydantic import Field, field_validator, model_validator

from chalicelib.domain.errors import InvalidValue
from chalicelib.domain.identity import ANYONE, SIGNED_IN, Role, only
from chalicelib.domain.people import check_handle
from chalicelib.domain.regions import check_region
from chalicelib.domain.times import utcnow
from chalicelib.http import presenters
from chalicelib.http.errors import JSON_HEADERS
from chalicelib.http.language import set_cookie
from chalicelib.http.routing import Call, endpoint, if_match_version
from chalicelib.http.schemas import ApiModel, MinisterRecordView, PersonSummary, Profile, StrictModel
from chalicelib.logic import people as logic
from chalicelib.logic.accountability import record_of


def _not_null_in_schema(schema: dict[str, Any]) -> None:
    """Documented as the string it must be: no null branch, no null default."""
    schema.pop("default", None)
    branches = schema.pop("anyOf", [])
    schema.update(next((b for b in branches if b.get("type") != "null"), {}))


class ProfileUpdate(StrictModel):
    """Each field may be left out (unchanged), never null: the profile has no "nothing" for them
    (an empty bio is ""), and a null used to reach the table and fail there (a 500)."""

    # None here means "left out"; a null sent is refused by `_not_null`.
    handle: str | None = Field(default=None, description="unique; 3-30 of a-z, 0-9 and -",
                               json_schema_extra=_not_null_in_schema)
    display_name: str | None = Field(default=None, min_length=1, max_length=80, json_schema_extra=_not_null_in_schema)
    bio: str | None = Field(default=None, max_length=1000, json_schema_extra=_not_null_in_schema)
    constituency: str | None = Field(default=None, max_length=100, json_schema_extra=_not_null_in_schema)
    # Unlike the others, null is a value here: "I'd rather not say".
    region: str | None = Field(default=None, description="one of GET /regions, or null to unset; "
                               "counts only supports given from now on")
    language: Literal["en", "cy"] | None = Field(
        default=None, description="the language of your pages, updates and emails; also sets this browser's "
                                  "`lang` cookie", json_schema_extra=_not_null_in_schema)

    _handle = field_validator("handle")(lambda cls, v: None if v is None else check_handle(v))
    _region = field_validator("region")(lambda cls, v: None if v is None else check_region(v))

    @field_validator("handle", "display_name", "bio", "constituency", "language", mode="before")
    @classmethod
    def _not_null(cls, value: object) -> object:
        if value is None:
            raise InvalidValue("null_on_edit")
        return value

    @model_validator(mode="after")
    def _something(self) -> ProfileUpdate:
        if not self.model_fields_set:
            raise InvalidValue("nothing_to_change")
        return self




class PublicProfile(ApiModel):
    person: PersonSummary
    bio: str
    constituency: str
    is_minister: bool
    portfolio: list[str]
    record: MinisterRecordView | None = Field(
        default=None, description="a minister's record, as GET /ministers/{id}/record gives it; null for others")


@endpoint("GET", "/me", access=SIGNED_IN, response=Profile, tags=("people",),
          summary="Your own profile (made on first sign-in)")
def get_me(call: Call) -> Profile:
    return presenters.profile(logic.me(call.signed_in))


@endpoint("PATCH", "/me", access=SIGNED_IN, body=ProfileUpdate, response=Profile,
          tags=("people",), headers=("If-Match",), errors=(409, 412),
          summary="Edit your profile; a handle is unique (409 if taken)")
def patch_me(call: Call) -> Response:
    changes = call.body.model_dump(exclude_unset=True)
    profile = presenters.profile(logic.update_me(call.signed_in, changes, if_match_version(call, required=False)))
    response = Response(body=profile.model_dump(mode="json", by_alias=True), status_code=200,
                        headers=dict(JSON_HEADERS))
    if "language" in changes:  # this browser's pages follow at once; others when signed in (site.js)
        response.headers["Set-Cookie"] = set_cookie(changes["language"])
    return response


@endpoint("GET", "/people/{handle}", access=ANYONE, response=PublicProfile,
          tags=("people",), errors=(404,), html=True,
          summary="A person's public profile; a browser asking for text/html gets their page")
def get_person(call: Call, handle: str) -> PublicProfile:
    person = logic.person_by_handle(handle)
    is_minister = "minister" in person.roles
    return PublicProfile(
        person=presenters.person_summary(person), bio=person.bio, constituency=person.constituency,
        is_minister=is_minister, portfolio=list(person.portfolio) if is_minister else [],
        record=presenters.minister_record(person, record_of(person, utcnow())) if is_minister else None,
    )


class StaffView(ApiModel):
    person: PersonSummary
    roles: list[str] = Field(description="minister, moderator, admin, policy: from the user pool's groups")
    portfolio: list[str] = Field(description="the areas a minister answers for")
    policy_areas: list[str] = Field(description="the areas a policy team member steers ideas in")


@endpoint("GET", "/people/{handle}/roles", access=only(Role.ADMIN), response=StaffView, tags=("people",),
          errors=(404,), summary="A person's roles, portfolio and policy areas, for an admin giving them areas")
def get_roles(call: Call, handle: str) -> StaffView:
    staff = logic.staff_by_handle(handle)
    return StaffView(person=presenters.person_summary(staff.person), roles=staff.roles, portfolio=staff.portfolio,
                     policy_areas=staff.policy_areas)
