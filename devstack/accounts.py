"""Accounts in the embedded Cognito, made and used exactly as a client would: the admin API makes
them, USER_PASSWORD_AUTH against the pool's app client signs them in, and power accounts answer
the TOTP challenge with a code from the embedded Cognito's one secret (LOCAL_TOTP_SECRET).

Power accounts are noted in the app's sign-in records as they are made (roles and authenticator),
as an operator's tooling would: else their first sign-in would look like a role granted out of
the app's sight and end itself (logic/sign_ins.py). `latest_code` reads the newest code mailed to
an address (the app's join and reset codes, Cognito's own), from the mail `GET /dev/mailbox` shows."""

from __future__ import annotations

import re
from dataclasses import dataclass

import boto3
import pyotp
from moto.cognitoidp.models import COGNITO_TOTP_MFA_SECRET

# moto gives every user this one TOTP secret (AssociateSoftwareToken's SecretCode): an
# authenticator app given it shows the codes every local power account signs in with.
LOCAL_TOTP_SECRET: str = COGNITO_TOTP_MFA_SECRET
# The groups the app requires TOTP of (ministers, moderators, admins, the policy team).
POWER_GROUPS = frozenset({"admins", "moderators", "ministers", "policy"})
_CODE = re.compile(r"\b(\d{6})\b")


def totp_code() -> str:
    """The six digits an authenticator app with LOCAL_TOTP_SECRET shows now."""
    return pyotp.TOTP(LOCAL_TOTP_SECRET).now()


@dataclass(frozen=True)
class Account:
    email: str
    password: str
    sub: str
    groups: tuple[str, ...]
    totp: bool = False  # enrolled: sign-in asks for a TOTP code


def _note_new_account(sub: str, groups: tuple[str, ...], enrolled: bool) -> None:
    """The app's own record of a new power account (needs the app's settings in the environment)."""
    from chalicelib.domain.identity import roles_from_groups
    from chalicelib.logic import sign_ins

    power = frozenset(role.value for role in roles_from_groups(list(groups)) if role.value != "citizen")
    sign_ins.record_new_account(sub, power, enrolled)


class CognitoAccounts:
    def __init__(self, user_pool_id: str, client_id: str, endpoint: str | None, region: str = "eu-west-2"):
        self.user_pool_id = user_pool_id
        self.client_id = client_id
        self._idp = boto3.client("cognito-idp", endpoint_url=endpoint, region_name=region)

    def create(self, email: str, password: str, groups: tuple[str, ...] = (), *,
               enrol_totp: bool | None = None) -> Account:
        """A confirmed account in these groups. Power groups are enrolled in TOTP, as the app
        requires of them, unless `enrol_totp=False` (to test the enrolment journey itself)."""
        created = self._idp.admin_create_user(
            UserPoolId=self.user_pool_id, Username=email, MessageAction="SUPPRESS",
            UserAttributes=[{"Name": "email", "Value": email}, {"Name": "email_verified", "Value": "true"}],
        )
        self._idp.admin_set_user_password(
            UserPoolId=self.user_pool_id, Username=email, Password=password, Permanent=True
        )
        for group in groups:
            self._idp.admin_add_user_to_group(UserPoolId=self.user_pool_id, Username=email, GroupName=group)
        enrol = bool(POWER_GROUPS & set(groups)) if enrol_totp is None else enrol_totp
        if enrol:
            self.enrol_totp(self.sign_in(email, password)["AccessToken"])
        attributes = {a["Name"]: a["Value"] for a in created["User"]["Attributes"]}
        if enrol or POWER_GROUPS & set(groups):
            _note_new_account(attributes["sub"], groups, enrol)
        return Account(email=email, password=password, sub=attributes["sub"], groups=groups, totp=enrol)

    def enrol_totp(self, access_token: str) -> None:
        """What an authenticator app's owner does: take the secret, prove it with a code, prefer it."""
        self._idp.associate_software_token(AccessToken=access_token)
        self._idp.verify_software_token(AccessToken=access_token, UserCode=totp_code(),
                                        FriendlyDeviceName="local authenticator")
        self._idp.set_user_mfa_preference(AccessToken=access_token,
                                          SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})

    def sign_in(self, email: str, password: str) -> dict[str, str]:
        """The tokens a client gets: IdToken, AccessToken, RefreshToken (a TOTP challenge answered)."""
        result = self._idp.initiate_auth(
            ClientId=self.client_id, AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": email, "PASSWORD": password},
        )
        if result.get("ChallengeName") == "SOFTWARE_TOKEN_MFA":
            result = self._idp.respond_to_auth_challenge(
                ClientId=self.client_id, ChallengeName="SOFTWARE_TOKEN_MFA", Session=result["Session"],
                ChallengeResponses={"USERNAME": email, "SOFTWARE_TOKEN_MFA_CODE": totp_code()},
            )
        if "AuthenticationResult" not in result:
            raise RuntimeError(f"sign-in for {email} stopped at challenge {result.get('ChallengeName')}")
        return result["AuthenticationResult"]

    def id_token(self, account: Account) -> str:
        return self.sign_in(account.email, account.password)["IdToken"]

    @staticmethod
    def latest_code(email: str) -> str:
        """The code in the newest email to this address that holds one, from the same local mail
        `GET /dev/mailbox` shows (so the app's settings must be in the environment)."""
        from chalicelib.notify.mailbox import read_emails

        for sent in read_emails(to=email):
            found = _CODE.search(sent["text"])
            if found:
                return found.group(1)
        raise LookupError(f"no email with a code has been sent to {email}")
