"""A function with no stage, or the local stage outside the embedded AWS, refuses to start; outside
the local stage the signing secret comes from Secrets Manager, never from the environment."""

from __future__ import annotations

import logging

import boto3
import pytest
from botocore.stub import Stubber

from chalicelib import settings as settings_module
from chalicelib.settings import LOCAL_CURSOR_SECRET, Settings, StageMisconfigured

EMBEDDED = {"AWS_ENDPOINT_URL": "http://127.0.0.1:4566"}
SITE = {"PUBLIC_BASE_URL": "https://labourspace.example"}
SECRET_ARN = "arn:aws:secretsmanager:eu-west-2:123456789012:secret:labourspace-dev-cursor-AbCdEf"


def test_no_stage_refuses_to_start_and_says_why_in_the_log(caplog: pytest.LogCaptureFixture) -> None:
    # Before: a missing STAGE meant "local", with its known secret and /dev/mailbox.
    with caplog.at_level(logging.CRITICAL, logger="labourspace.settings"), \
            pytest.raises(StageMisconfigured, match="STAGE is not set"):
        Settings.from_environment({"AWS_REGION": "eu-west-2"})
    assert "refusing to start" in caplog.text


def test_an_empty_stage_is_no_stage() -> None:
    with pytest.raises(StageMisconfigured, match="STAGE is not set"):
        Settings.from_environment({"STAGE": " ", **EMBEDDED})


@pytest.mark.parametrize("endpoint", [None, "", "https://dynamodb.eu-west-2.amazonaws.com",
                                      "http://10.0.0.5:4566", "http://127.0.0.1.example.com:4566"])
def test_the_local_stage_refuses_to_start_outside_the_embedded_aws(endpoint: str | None) -> None:
    env = {"STAGE": "local"} if endpoint is None else {"STAGE": "local", "AWS_ENDPOINT_URL": endpoint}
    with pytest.raises(StageMisconfigured, match="STAGE=local outside the embedded AWS"):
        Settings.from_environment(env)


@pytest.mark.parametrize("endpoint", ["http://127.0.0.1:4566", "http://localhost:8001", "http://[::1]:4566"])
def test_the_local_stage_runs_on_the_embedded_aws_with_its_local_secret(endpoint: str) -> None:
    local = Settings.from_environment({"STAGE": "local", "AWS_ENDPOINT_URL": endpoint})
    assert local.is_local and local.signing_secret() == LOCAL_CURSOR_SECRET


def test_outside_the_local_stage_a_secret_in_the_environment_is_ignored() -> None:
    dev = Settings.from_environment({"STAGE": "dev", "CURSOR_SECRET": "from-the-repo", **SITE})
    assert not dev.is_local and dev.cursor_secret == ""
    with pytest.raises(RuntimeError, match="CURSOR_SECRET_ARN is not set for the dev stage"):
        dev.signing_secret()


def test_outside_the_local_stage_the_secret_is_fetched_once_and_cached(monkeypatch: pytest.MonkeyPatch) -> None:
    client = boto3.client("secretsmanager", region_name="eu-west-2", endpoint_url="http://127.0.0.1:9",
                          aws_access_key_id="x", aws_secret_access_key="x")
    stub = Stubber(client)
    # One response only: a second call to AWS would fail the stub.
    stub.add_response("get_secret_value", {"ARN": SECRET_ARN, "Name": "labourspace-dev-cursor",
                                           "SecretString": "fetched-at-run-time"}, {"SecretId": SECRET_ARN})
    from aws_lambda_powertools.utilities.parameters import SecretsProvider

    provider = SecretsProvider(boto3_client=client)
    monkeypatch.setattr(settings_module, "_secrets", lambda region: provider)
    dev = Settings.from_environment({"STAGE": "dev", "CURSOR_SECRET_ARN": SECRET_ARN, **SITE})
    with stub:
        assert dev.signing_secret() == "fetched-at-run-time"
        assert dev.signing_secret() == "fetched-at-run-time"
    stub.assert_no_pending_responses()


@pytest.mark.parametrize("site", [None, "", "http://labourspace.example", "https://", "ftp://labourspace.example",
                                  "http://127.0.0.1:8000"])
@pytest.mark.parametrize("stage", ["dev", "prod"])
def test_outside_the_local_stage_the_site_must_be_https(stage: str, site: str | None,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    # Before: PUBLIC_BASE_URL defaulted to http://127.0.0.1:8000 everywhere, and the session cookie
    # followed its scheme, so a deploy that forgot it handed out a cookie without Secure.
    env = {"STAGE": stage} if site is None else {"STAGE": stage, "PUBLIC_BASE_URL": site}
    with caplog.at_level(logging.CRITICAL, logger="labourspace.settings"), \
            pytest.raises(StageMisconfigured, match="PUBLIC_BASE_URL must be the site's https address"):
        Settings.from_environment(env)
    assert "refusing to start" in caplog.text


def test_an_https_site_starts_and_the_local_stage_keeps_its_loopback_default() -> None:
    assert Settings.from_environment({"STAGE": "prod", "PUBLIC_BASE_URL": "https://labourspace.example/"}
                                     ).public_base_url == "https://labourspace.example"
    assert Settings.from_environment({"STAGE": "local", **EMBEDDED}).public_base_url == "http://127.0.0.1:8000"


def test_a_deploy_without_an_https_site_stops_before_it_changes_anything(monkeypatch: pytest.MonkeyPatch) -> None:
    from ops import deploy

    touched: list[str] = []
    monkeypatch.setattr(deploy, "deploy_infra", lambda *a, **k: touched.append("stack"))
    monkeypatch.setattr(deploy, "say", lambda line: None)
    for site in (None, "http://labourspace.example"):
        if site is None:
            monkeypatch.delenv("PUBLIC_BASE_URL", raising=False)
        else:
            monkeypatch.setenv("PUBLIC_BASE_URL", site)
        with pytest.raises(SystemExit) as stopped:
            deploy.deploy("dev")
        assert stopped.value.code == 2
    assert touched == []
