"""Joining and resetting a password, for browsers and phones alike (README, "Joining and resetting,
for any address alike"): each answers the same for every address, and the code it mails finishes
it. Also where a client says it has just set up an authenticator app."""

from __future__ import annotations

from chalice.app import Response
from pydantic import Field, field_validator

from chalicelib.domain.accounts import CODE_DIGITS
from chalicelib.domain.errors import InvalidValue
from chalicelib.domain.identity import ANYONE, SIGNED_IN
from chalicelib.domain.notifications import is_mailable_address
from chalicelib.http.errors import JSON_HEADERS
from chalicelib.http.routing import Call, endpoint
from chalicelib.http.schemas import ApiModel, StrictModel
from chalicelib.logic import accounts as logic
from chalicelib.logic import sign_ins
from chalicelib.messages import english, text


class AddressGiven(StrictModel):
    email: str = Field(max_length=254, description="the address to join with, or of the account; a plain ASCII address")

    @field_validator("email")
    @classmethod
    def _mailable(cls, address: str) -> str:
        if not is_mailable_address(address):
            raise InvalidValue("not_mailable")
        return address


class CodeGiven(AddressGiven):
    code: str = Field(pattern=rf"^[0-9]{{{CODE_DIGITS}}}$", description=f"the {CODE_DIGITS}-digit code from the email")
    password: str = Field(min_length=1, max_length=256,
                          description=f"the password to sign in with: {english()['field.password_rules']}")


class NewEmailCode(AddressGiven):
    code: str = Field(pattern=rf"^[0-9]{{{CODE_DIGITS}}}$", description=f"the {CODE_DIGITS}-digit code from the email")


class CheckYourEmail(ApiModel):
    message: str = Field(description="the same for every address, whether or not it has an account")


class Joined(ApiModel):
    message: str = Field(description="sign in now with the email and password (InitiateAuth)")



def _sent() -> Response:
    return Response(body=CheckYourEmail(message=text("account.check_your_email")).model_dump(), status_code=202,
                    headers=dict(JSON_HEADERS))


@endpoint("POST", "/auth/join", access=ANYONE, body=AddressGiven, response=CheckYourEmail, status=202,
          tags=("auth",), errors=(400, 429, 503), private=True,
          summary="Join, step 1: mails the address a code, or, if it has an account already, a note saying so; "
          "answers the same either way")
def ask_to_join(call: Call) -> Response:
    logic.ask_to_join(call.body.email, call.client_address)
    return _sent()


@endpoint("POST", "/auth/join/confirm", access=ANYONE, body=CodeGiven, response=Joined, status=201,
          tags=("auth",), errors=(400, 429, 503), private=True,
          summary="Join, step 2: the code from the email and the password chosen make the account; then sign in")
def join(call: Call) -> Joined:
    logic.join(call.body.email, call.body.code, call.body.password, call.client_address)
    return Joined(message=text("account.joined"))


@endpoint("POST", "/auth/password-reset", access=ANYONE, body=AddressGiven, response=CheckYourEmail,
          status=202, tags=("auth",), errors=(400, 429, 503), private=True,
          summary="Reset a password, step 1: mails the address a code, or, if it has no account, a note saying so; "
          "answers the same either way")
def ask_to_reset(call: Call) -> Response:
    logic.ask_to_reset(call.body.email, call.client_address)
    return _sent()


@endpoint("POST", "/auth/password-reset/confirm", access=ANYONE, body=CodeGiven, status=204,
          tags=("auth",), errors=(400, 429, 503), private=True,
          summary="Reset a password, step 2: the code and the new password; every earlier sign-in ends")
def reset_password(call: Call) -> Response:
    logic.reset_password(call.body.email, call.body.code, call.body.password, call.client_address)
    return Response(body="", status_code=204)


@endpoint("POST", "/me/sign-in-email", access=SIGNED_IN, body=AddressGiven, response=CheckYourEmail, status=202,
          tags=("auth",), errors=(400, 401, 429, 503), private=True,
          summary="Change your sign-in email, step 1: mails the new address a code in your language, or, if it "
          "signs in to another account, a note saying so; answers the same either way")
def ask_to_change_email(call: Call) -> Response:
    logic.ask_to_change_email(call.signed_in, call.body.email, call.client_address)
    return _sent()


@endpoint("POST", "/me/sign-in-email/confirm", access=SIGNED_IN, body=NewEmailCode, status=204,
          tags=("auth",), errors=(400, 401, 429, 503), private=True,
          summary="Change your sign-in email, step 2: the code from the email makes the address yours to sign "
          "in with, verified (sign in again, or refresh, for a token that says so)")
def change_email(call: Call) -> Response:
    logic.change_email(call.signed_in, call.body.email, call.body.code, call.client_address)
    return Response(body="", status_code=204)


@endpoint("POST", "/me/authenticator", access=SIGNED_IN, status=204, tags=("auth",),
          errors=(401, 409, 503), private=True, sign_in_change=True,
          summary="Say an authenticator app was just set up (after SetUserMFAPreference): every sign-in "
          "before it ends, this one too; sign in again with a code")
def authenticator_set_up(call: Call) -> Response:
    sign_ins.record_enrolment(call.signed_in)
    return Response(body="", status_code=204)
