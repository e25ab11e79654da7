"""Organisations that host campaigns, and their members."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal, cast

from chalice.app import Response
from pydantic import Field, field_validator

from chalicelib import messages
from chalicelib.domain.identity import ANYONE, SIGNED_IN, Role, only
from chalicelib.domain.organisations import shown_kind
from chalicelib.domain.people import INVITED, check_handle
from chalicelib.http import presenters
from chalicelib.http.routing import Call, endpoint
from chalicelib.http.schemas import ApiModel, Member, Organisation, OrganisationSummary, StrictModel
from chalicelib.logic import people as logic

KindName = Literal["constituency_party", "branch", "affiliated_union", "socialist_society", "other"]


class OrganisationCreate(StrictModel):
    handle: str
    name: str = Field(min_length=2, max_length=120)
    description: str = Field(default="", max_length=2000)
    kind: KindName = Field(default="other", description="what it is; shown, and able to propose amendments, once an "
                           "admin has verified it")
    language: Literal["en", "cy"] | None = Field(
        default=None, description="the language its name and description are written in: en (English) or cy (Welsh); "
        "if absent or null, the request's language (?lang, cookie, Accept-Language). Search reads them in it")

    _handle = field_validator("handle")(lambda cls, v: check_handle(v))


class Verification(StrictModel):
    kind: KindName = Field(description="what the organisation is, as the admin found it")


class MemberAdd(StrictModel):
    handle: str = Field(description="the person's handle")
    role: str = Field(default="member", pattern="^(member|admin)$")

    _handle = field_validator("handle")(lambda cls, v: check_handle(v))




def _shown(shown: logic.OrganisationShown) -> Organisation:
    return presenters.organisation(shown.organisation, shown.members)


@endpoint("POST", "/organisations", access=SIGNED_IN, body=OrganisationCreate,
          response=Organisation, status=201, tags=("organisations",), errors=(409, 429),
          summary="Create an organisation; you become its first admin")
def create_organisation(call: Call) -> Organisation:
    body = call.body
    return _shown(logic.create_organisation(call.signed_in, body.handle, body.name, body.description, body.kind,
                                            body.language or messages.active_language()))


@endpoint("PUT", "/organisations/{handle}/verification", access=only(Role.ADMIN), body=Verification,
          response=Organisation, tags=("organisations",), errors=(404,),
          summary="Verify what an organisation is (admins): its kind shows, and its admins may propose amendments "
          "on its behalf")
def verify_organisation(call: Call, handle: str) -> Organisation:
    return _shown(logic.verify_organisation(call.signed_in, handle, call.body.kind, datetime.now(UTC)))


@endpoint("GET", "/organisations/{handle}", access=ANYONE, response=Organisation,
          tags=("organisations",), errors=(404,), summary="An organisation and its members")
def get_organisation(call: Call, handle: str) -> Organisation:
    return _shown(logic.organisation(handle))


def _member(person, membership) -> Member:
    return Member(person=presenters.person_summary(person), role=membership.role,
                  state="invited" if membership.state == INVITED else "member")


@endpoint("POST", "/organisations/{handle}/members", access=SIGNED_IN, body=MemberAdd,
          response=Member, status=201, tags=("organisations",), errors=(404, 409),
          summary="Invite someone (organisation admins only); they are a member once they accept")
def invite_member(call: Call, handle: str) -> Member:
    return _member(*logic.invite_member(call.signed_in, handle, call.body.handle, call.body.role))


class MembersAndInvitations(ApiModel):
    items: list[Member] = Field(description="members and people invited (state), by when they joined the list")


@endpoint("GET", "/organisations/{handle}/members", access=SIGNED_IN, response=MembersAndInvitations,
          tags=("organisations",), errors=(403, 404),
          summary="Its members and pending invitations (the organisation's admins and site admins only)")
def members_and_invitations(call: Call, handle: str) -> MembersAndInvitations:
    shown = logic.members_and_invitations(call.signed_in, handle)
    return MembersAndInvitations(items=[_member(person, membership) for membership, person in shown.members])


@endpoint("DELETE", "/organisations/{handle}/members/{member_handle}", access=SIGNED_IN, status=204,
          tags=("organisations",), errors=(403, 404),
          summary="Remove a member or withdraw an invitation (the organisation's admins and site admins only)")
def remove_member(call: Call, handle: str, member_handle: str) -> Response:
    logic.remove_member(call.signed_in, handle, member_handle)
    return Response(body="", status_code=204)


class Invitation(ApiModel):
    organisation: OrganisationSummary
    role: str


class Invitations(ApiModel):
    items: list[Invitation]


MemberRole = Literal["admin", "member"]


class MyOrganisation(ApiModel):
    organisation: OrganisationSummary
    role: MemberRole = Field(description="admins invite people")
    verified: bool = Field(default=False, description="an admin of the site verified it: its admins may propose "
                           "amendments on its behalf")
    kind: str | None = None


class MyOrganisations(ApiModel):
    items: list[MyOrganisation]


@endpoint("GET", "/me/organisations", access=SIGNED_IN, response=MyOrganisations,
          tags=("organisations",), summary="The organisations you belong to, with your role, by name")
def my_organisations(call: Call) -> MyOrganisations:
    return MyOrganisations(items=[
        MyOrganisation(organisation=OrganisationSummary(id=o.id, handle=o.handle, name=o.name),
                       role=cast(MemberRole, m.role), verified=o.verified_at is not None,
                       kind=shown_kind(o.kind, o.verified_at is not None))
        for m, o in logic.my_organisations(call.signed_in)])


@endpoint("GET", "/me/invitations", access=SIGNED_IN, response=Invitations, tags=("organisations",),
          summary="Organisations that invited you and wait for your answer (only you see them)")
def my_invitations(call: Call) -> Invitations:
    return Invitations(items=[Invitation(organisation=OrganisationSummary(id=o.id, handle=o.handle, name=o.name),
                                         role=i.role) for i, o in logic.my_invitations(call.signed_in)])


@endpoint("POST", "/organisations/{handle}/members/me/accept", access=SIGNED_IN, response=Member,
          tags=("organisations",), errors=(404,),
          summary="Accept your invitation: you are then shown, and act, as a member; accepting twice is harmless")
def accept_invitation(call: Call, handle: str) -> Member:
    return _member(*logic.accept_invitation(call.signed_in, handle))


@endpoint("POST", "/organisations/{handle}/members/me/decline", access=SIGNED_IN, status=204,
          tags=("organisations",), errors=(404, 409), summary="Decline your invitation; it is deleted")
def decline_invitation(call: Call, handle: str) -> Response:
    logic.decline_invitation(call.signed_in, handle)
    return Response(body="", status_code=204)


@endpoint("DELETE", "/organisations/{handle}/members/me", access=SIGNED_IN, status=204,
          tags=("organisations",), errors=(404,),
          summary="Leave the organisation (or drop an invitation) at any time; leaving twice is harmless")
def leave_organisation(call: Call, handle: str) -> Response:
    logic.leave_organisation(call.signed_in, handle)
    return Response(body="", status_code=204)
