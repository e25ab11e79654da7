"""Organisations that host campaigns, and their members."""

from __future__ import annotations

from chalice.app import Blueprint
from pydantic import Field, field_validator

from chalicelib.domain.identity import ANYONE, SIGNED_IN
from chalicelib.domain.people import check_handle
from chalicelib.http import presenters
from chalicelib.http.routing import Call, endpoint
from chalicelib.http.schemas import Member, Organisation, StrictModel
from chalicelib.logic import people as logic


class OrganisationCreate(StrictModel):
    handle: str
    name: str = Field(min_length=2, max_length=120)
    description: str = Field(default="", max_length=2000)

    _handle = field_validator("handle")(lambda cls, v: check_handle(v))


class MemberAdd(StrictModel):
    handle: str = Field(description="the person's handle")
    role: str = Field(default="member", pattern="^(member|admin)$")

    _handle = field_validator("handle")(lambda cls, v: check_handle(v))


organisations = Blueprint(__name__)


def _shown(shown: logic.OrganisationShown) -> Organisation:
    return presenters.organisation(shown.organisation, shown.members)


@endpoint(organisations, "POST", "/organisations", access=SIGNED_IN, body=OrganisationCreate,
          response=Organisation, status=201, tags=("organisations",), errors=(409, 429),
          summary="Create an organisation; you become its first admin")
def create_organisation(call: Call) -> Organisation:
    body = call.body
    return _shown(logic.create_organisation(call.signed_in, body.handle, body.name, body.description))


@endpoint(organisations, "GET", "/organisations/{handle}", access=ANYONE, response=Organisation,
          tags=("organisations",), errors=(404,), summary="An organisation and its members")
def get_organisation(call: Call, handle: str) -> Organisation:
    return _shown(logic.organisation(handle))


@endpoint(organisations, "POST", "/organisations/{handle}/members", access=SIGNED_IN, body=MemberAdd,
          response=Member, status=201, tags=("organisations",), errors=(404, 409),
          summary="Add a member (organisation admins only)")
def add_member(call: Call, handle: str) -> Member:
    person, membership = logic.add_member(call.signed_in, handle, call.body.handle, call.body.role)
    return Member(person=presenters.person_summary(person), role=membership.role)
