"""Accounts in the embedded Cognito: made by the admin API, signed in with a password, exactly
as a client would (USER_PASSWORD_AUTH against the user pool's app client)."""

from __future__ import annotations

from dataclasses import dataclass

import boto3


@dataclass(frozen=True)
class Account:
    email: str
    password: str
    sub: str
    groups: tuple[str, ...]


class CognitoAccounts:
    def __init__(self, user_pool_id: str, client_id: str, endpoint: str | None, region: str = "eu-west-2"):
        self.user_pool_id = user_pool_id
        self.client_id = client_id
        self._idp = boto3.client("cognito-idp", endpoint_url=endpoint, region_name=region)

    def create(self, email: str, password: str, groups: tuple[str, ...] = ()) -> Account:
        created = self._idp.admin_create_user(
            UserPoolId=self.user_pool_id, Username=email, MessageAction="SUPPRESS",
            UserAttributes=[{"Name": "email", "Value": email}, {"Name": "email_verified", "Value": "true"}],
        )
        self._idp.admin_set_user_password(
            UserPoolId=self.user_pool_id, Username=email, Password=password, Permanent=True
        )
        for group in groups:
            self._idp.admin_add_user_to_group(UserPoolId=self.user_pool_id, Username=email, GroupName=group)
        attributes = {a["Name"]: a["Value"] for a in created["User"]["Attributes"]}
        return Account(email=email, password=password, sub=attributes["sub"], groups=groups)

    def sign_in(self, email: str, password: str) -> dict[str, str]:
        """The tokens a client gets: IdToken, AccessToken, RefreshToken."""
        result = self._idp.initiate_auth(
            ClientId=self.client_id, AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": email, "PASSWORD": password},
        )
        return result["AuthenticationResult"]

    def id_token(self, account: Account) -> str:
        return self.sign_in(account.email, account.password)["IdToken"]
