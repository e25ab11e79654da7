"""Token verification with real tokens from the embedded Cognito, and with tokens that must fail.
Each failure is a 401 in the API's error shape; the right token gets through."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time

import boto3
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.conftest import PASSWORD, REGION, assert_error
from tests.token_forge import MOTO_KEY, sign

_sign = sign


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


@pytest.fixture(scope="module")
def citizen(make_user):
    return make_user(name="token-check")


@pytest.fixture(scope="module")
def good_claims(citizen):
    return jwt.decode(citizen.token, options={"verify_signature": False})


def _me(api, token: str):
    return api.get("/me", headers={"Authorization": f"Bearer {token}"})


def test_the_right_token_gets_through_and_makes_a_profile(api, citizen):
    response = _me(api, citizen.token)
    assert response.status_code == 200, response.body
    profile = json.loads(response.body)
    assert profile["id"] == citizen.sub
    assert profile["roles"] == ["citizen"]
    # A first handle is random: a handle is public and an email's local part often names someone.
    assert profile["handle"].startswith("member-")
    assert b"token-check" not in response.body


def test_no_token_where_one_is_needed(api):
    assert_error(api.get("/me"), 401, "not_signed_in")


def test_a_reissued_token_with_the_right_claims_passes(api, good_claims):
    # Proves the claim checks below fail for their own reason, not for the re-signing.
    assert _me(api, _sign(good_claims)).status_code == 200


def test_tampered_signature(api, citizen):
    head, payload, signature = citizen.token.split(".")
    flipped = ("A" if signature[5] != "A" else "B")
    assert_error(_me(api, f"{head}.{payload}.{signature[:5]}{flipped}{signature[6:]}"), 401, "invalid_token")


def test_tampered_claims_keep_the_old_signature(api, citizen, good_claims):
    head, _, signature = citizen.token.split(".")
    forged = dict(good_claims, **{"cognito:groups": ["admins"]})
    payload = base64.urlsafe_b64encode(json.dumps(forged).encode()).rstrip(b"=").decode()
    assert_error(_me(api, f"{head}.{payload}.{signature}"), 401, "invalid_token")


def test_signed_by_another_key(api, good_claims):
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    assert_error(_me(api, _sign(good_claims, key=other)), 401, "invalid_token")


def test_unknown_key_id(api, good_claims):
    assert_error(_me(api, _sign(good_claims, kid="not-a-key")), 401, "invalid_token")


def test_expired(api, good_claims):
    now = int(time.time())
    expired = dict(good_claims, iat=now - 7200, exp=now - 3600)
    assert_error(_me(api, _sign(expired)), 401, "token_expired")


def test_within_clock_skew_is_accepted(api, good_claims):
    now = int(time.time())
    assert _me(api, _sign(dict(good_claims, exp=now - 5))).status_code == 200


def test_another_pools_token(api, stack):
    idp = boto3.client("cognito-idp", endpoint_url=stack["aws"].endpoint, region_name=REGION)
    pool = idp.create_user_pool(PoolName="someone-else")["UserPool"]["Id"]
    client = idp.create_user_pool_client(
        UserPoolId=pool, ClientName="theirs", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"]
    )["UserPoolClient"]["ClientId"]
    idp.admin_create_user(UserPoolId=pool, Username="x@example.org", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool, Username="x@example.org", Password=PASSWORD, Permanent=True)
    token = idp.initiate_auth(
        ClientId=client, AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "x@example.org", "PASSWORD": PASSWORD},
    )["AuthenticationResult"]["IdToken"]
    assert_error(_me(api, token), 401, "invalid_token")


def test_another_app_clients_token(api, good_claims):
    assert_error(_me(api, _sign(dict(good_claims, aud="another-client"))), 401, "invalid_token")


def test_access_token_where_an_id_token_is_wanted(api, accounts, citizen):
    access = accounts.sign_in(citizen.email, PASSWORD)["AccessToken"]
    error = assert_error(_me(api, access), 401, "invalid_token")
    assert "ID token" in error["message"]


def test_alg_none(api, good_claims):
    header = base64.urlsafe_b64encode(b'{"alg":"none","kid":"dummy","typ":"JWT"}').rstrip(b"=").decode()
    payload = base64.urlsafe_b64encode(json.dumps(good_claims).encode()).rstrip(b"=").decode()
    assert_error(_me(api, f"{header}.{payload}."), 401, "invalid_token")


def test_hs256_with_the_public_key_as_secret(api, good_claims):
    # The classic confusion: HMAC keyed with the server's public key, which anyone can fetch.
    public_pem = jwt.PyJWK.from_dict(MOTO_KEY, algorithm="RS256").key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    header = _b64(json.dumps({"alg": "HS256", "kid": "dummy", "typ": "JWT"}).encode())
    signed = f"{header}.{_b64(json.dumps(good_claims).encode())}"
    signature = _b64(hmac.new(public_pem, signed.encode(), hashlib.sha256).digest())
    forged = f"{signed}.{signature}"
    assert_error(_me(api, forged), 401, "invalid_token")


@pytest.mark.parametrize("header", ["Bearer", "Bearer not.a.jwt", "Basic dXNlcjpwYXNz", "Bearer a.b",
                                    "Bearer ey.ey.ey", "token"])
def test_malformed_authorization_header(api, header):
    assert_error(api.get("/me", headers={"Authorization": header}), 401, "invalid_token")


def test_a_bad_token_is_refused_even_where_none_is_needed(api):
    assert_error(api.get("/areas", headers={"Authorization": "Bearer nonsense"}), 401, "invalid_token")
