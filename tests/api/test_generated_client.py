"""The OpenAPI document serves a client generator: openapi-python-client builds a typed client
from GET /openapi.json as served, without a warning, and a phone's first journey runs through
that client against the app over real HTTP. The assertions read the generated models'
attributes: what an app developer sees."""

from __future__ import annotations

import importlib
import os
import pkgutil
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.api.campaign_helpers import open_campaign
from tests.conftest import PASSWORD, REGION

PACKAGE = "labourspace_client"
# The venv's own copy; its post-generation hooks call the venv's ruff, so the venv's bin goes on PATH.
VENV_BIN = Path(sys.executable).parent
UPDATE = {"headline": "We met the council", "body": "They agreed to put our plan on the agenda in March."}


@pytest.fixture(scope="module")
def client_package(api, tmp_path_factory) -> ModuleType:
    folder = tmp_path_factory.mktemp("generated-client")
    served = api.get("/openapi.json")
    assert served.status_code == 200, served.body
    document = folder / "openapi.json"
    document.write_bytes(served.body)
    generated = subprocess.run(  # noqa: S603 - a fixed command on a file this test wrote
        [str(VENV_BIN / "openapi-python-client"), "generate", "--path", str(document),
         "--output-path", str(folder / PACKAGE), "--meta", "none", "--fail-on-warning"],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}"},
    )
    output = generated.stdout + generated.stderr
    # Any warning means a part of the document the generator could not turn into code.
    assert generated.returncode == 0, output
    assert "warning" not in output.lower() and "error" not in output.lower(), output
    sys.path.insert(0, str(folder))
    try:
        package = importlib.import_module(PACKAGE)
        for module in pkgutil.walk_packages(package.__path__, f"{PACKAGE}."):
            importlib.import_module(module.name)  # every generated module imports, not only the ones used here
        yield package
    finally:
        sys.path.remove(str(folder))
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]


@dataclass
class Phone:
    email: str
    config: Any  # the generated AuthConfig: where to sign in
    tokens: dict[str, str]
    client: Any  # the generated AuthenticatedClient, with the ID token


def _phone_signs_in(served_app, accounts) -> Phone:
    """As the app does it: where to sign in from GET /auth/config, then Cognito's
    USER_PASSWORD_AUTH with that pool's client, then the API with the ID token."""
    from labourspace_client import AuthenticatedClient, Client
    from labourspace_client.api.meta import get_auth_config

    from devstack.accounts import CognitoAccounts

    email = f"phone-{uuid.uuid4().hex[:10]}@example.org"
    accounts.create(email, PASSWORD)  # an account that has joined and confirmed
    config = get_auth_config.sync(client=Client(base_url=served_app))
    assert (config.region, config.client_id) == (REGION, accounts.client_id)
    cognito = CognitoAccounts(config.user_pool_id, config.client_id, config.cognito_endpoint, config.region)
    tokens = cognito.sign_in(email, PASSWORD)
    assert set(tokens) >= {"IdToken", "AccessToken", "RefreshToken"}
    return Phone(email, config, tokens, AuthenticatedClient(base_url=served_app, token=tokens["IdToken"]))


def test_a_phone_signs_in_starts_a_draft_supports_and_reads_its_feed(
        client_package, served_app, accounts, api, make_user, runner):
    from labourspace_client.api.campaigns import post_campaigns
    from labourspace_client.api.notifications import get_me_feed
    from labourspace_client.api.people import get_me
    from labourspace_client.api.privacy import get_consent_support
    from labourspace_client.api.support import put_campaigns_campaign_id_support
    from labourspace_client.models import (
        CampaignCreate,
        CampaignWithSimilar,
        FeedItem,
        FeedPage,
        Profile,
        SupportRequest,
        SupportState,
    )

    phone = _phone_signs_in(served_app, accounts)
    email, client = phone.email, phone.client
    me = get_me.sync(client=client)  # the first call makes the profile
    assert isinstance(me, Profile)
    assert me.handle.startswith("member-") and me.roles == ["citizen"] and email.split("@")[0] not in me.handle

    title = f"Night buses to every hospital {uuid.uuid4().hex[:6]}"
    draft = post_campaigns.sync(client=client, body=CampaignCreate(
        title=title, area="health",
        summary="Night-shift staff and visitors need a bus to the hospital after midnight.",
        body="Nurses finishing at 2am wait an hour for a taxi they cannot afford. " * 2))
    assert isinstance(draft, CampaignWithSimilar)
    assert (draft.title, draft.status, draft.area, draft.support_count) == (title, "draft", "health", 0)
    assert draft.owner.id == me.id and draft.published_at is None

    owner, moderator = make_user(), make_user("moderators")
    campaign = open_campaign(api, owner, moderator, area="housing", title=f"Rent caps in halls {uuid.uuid4().hex[:6]}")
    consent = get_consent_support.sync(client=client)
    supported = put_campaigns_campaign_id_support.sync(
        campaign["id"], client=client, body=SupportRequest(consent_version=consent.version))
    assert isinstance(supported, SupportState)
    assert supported.supported is True and supported.support_count >= 0

    posted = api.post(f"/campaigns/{campaign['id']}/updates", user=owner, json_body=UPDATE)
    assert posted.status_code == 201, posted.body
    for _ in range(500):  # until quiet: the fan-out queue is shared, other tests' pages may be ahead
        if runner.run_once() == 0:
            break
    feed = get_me_feed.sync(client=client, limit=50)
    assert isinstance(feed, FeedPage)
    mine = [item for item in feed.items if item.campaign_id == campaign["id"]]
    assert len(mine) == 1 and isinstance(mine[0], FeedItem)
    assert (mine[0].kind, mine[0].title) == ("owner_update", f"Update: {campaign['title']}")
    assert "We met the council" in mine[0].text


def test_a_bad_draft_comes_back_as_the_generated_error_naming_the_field(client_package, served_app, accounts):
    from labourspace_client.api.campaigns import post_campaigns
    from labourspace_client.models import CampaignCreate, ErrorBody

    client = _phone_signs_in(served_app, accounts).client
    answer = post_campaigns.sync_detailed(client=client, body=CampaignCreate(
        title="A fine title for a campaign", summary="A clear summary of what should change.",
        body="Why the party should take it up, at some length. " * 2, area="no-such-area"))
    assert answer.status_code == 400
    assert isinstance(answer.parsed, ErrorBody)
    assert answer.parsed.error.code == "invalid_input"
    assert "not a policy area" in answer.parsed.error.details["fields"]["area"]


def test_a_token_the_api_refuses_is_a_401_the_app_can_branch_on(client_package, served_app):
    from labourspace_client import AuthenticatedClient
    from labourspace_client.api.people import get_me
    from labourspace_client.models import ErrorBody

    answer = get_me.sync_detailed(client=AuthenticatedClient(base_url=served_app, token="not-a-token"))
    assert answer.status_code == 401
    assert isinstance(answer.parsed, ErrorBody)
    assert answer.parsed.error.code == "invalid_token"


def test_the_document_itself_comes_back_through_the_client(client_package, served_app):
    from labourspace_client import Client
    from labourspace_client.api.meta import get_openapi_json

    # Optional-token operations are typed AuthenticatedClient (the generator's issue #1372); a plain Client works.
    document = get_openapi_json.sync(client=Client(base_url=served_app))
    assert document is not None, "the 200 body must be declared, or the client drops it"
    assert document["openapi"].startswith("3.1") and "/me/feed" in document["paths"]


def test_a_refreshed_id_token_keeps_the_phone_signed_in(client_package, served_app, accounts):
    """README, "Mobile apps": before the ID token's exp, or on a 401, REFRESH_TOKEN_AUTH."""
    import boto3
    from labourspace_client import AuthenticatedClient
    from labourspace_client.api.people import get_me
    from labourspace_client.models import Profile

    phone = _phone_signs_in(served_app, accounts)
    first = get_me.sync(client=phone.client)
    cognito = boto3.client("cognito-idp", endpoint_url=phone.config.cognito_endpoint, region_name=phone.config.region)
    refreshed = cognito.initiate_auth(ClientId=phone.config.client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                                      AuthParameters={"REFRESH_TOKEN": phone.tokens["RefreshToken"]})
    id_token = refreshed["AuthenticationResult"]["IdToken"]
    again = get_me.sync(client=AuthenticatedClient(base_url=served_app, token=id_token))
    assert isinstance(again, Profile), again
    assert (again.id, again.handle) == (first.id, first.handle)
