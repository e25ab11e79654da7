"""Profiles: your own (GET/PATCH /me) and other people's public pages."""

from __future__ import annotations

from chalice.app import Blueprint, Response
from pydantic import BaseModel

from chalicelib.api import presenters
from chalicelib.api.routing import Call, endpoint, if_match_version
from chalicelib.domain.identity import ANYONE, SIGNED_IN
from chalicelib.domain.people import PersonSummary, Profile, ProfileUpdate
from chalicelib.store import profiles
from chalicelib.web.pages import person_page
from chalicelib.web.render import wants_html

people = Blueprint(__name__)


class PublicProfile(BaseModel):
    person: PersonSummary
    bio: str
    constituency: str
    is_minister: bool
    portfolio: list[str]


@endpoint(people, "GET", "/me", access=SIGNED_IN, response=Profile, tags=("people",),
          summary="Your own profile (made on first sign-in)")
def get_me(call: Call) -> Profile:
    return presenters.profile(profiles.ensure_person(call.signed_in))


@endpoint(people, "PATCH", "/me", access=SIGNED_IN, body=ProfileUpdate, response=Profile,
          tags=("people",), headers=("If-Match",), errors=(409, 412),
          summary="Edit your profile; a handle is unique (409 if taken)")
def patch_me(call: Call) -> Profile:
    person = profiles.ensure_person(call.signed_in)
    changes = call.body.model_dump(exclude_unset=True)
    updated = profiles.update_profile(person, changes, if_match_version(call, required=False))
    return presenters.profile(updated)


@endpoint(people, "GET", "/people/{handle}", access=ANYONE, response=PublicProfile,
          tags=("people",), errors=(404,),
          summary="A person's public profile; a browser asking for text/html gets their page")
def get_person(call: Call, handle: str) -> PublicProfile | Response:
    if wants_html(call.request):  # a browser: the person's page (API.md, "Pages")
        return person_page(handle)
    person = profiles.person_by_handle(handle)
    is_minister = "minister" in person.roles
    return PublicProfile(
        person=presenters.person_summary(person), bio=person.bio, constituency=person.constituency,
        is_minister=is_minister, portfolio=list(person.portfolio) if is_minister else [],
    )
