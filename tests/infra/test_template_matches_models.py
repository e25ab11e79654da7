"""infra/template.yaml deployed into moto's CloudFormation makes exactly the tables the
PynamoDB models describe: one source of truth, checked.

This is about the template, not the local server, so moto runs in-process (`mock_aws`).
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import re
import warnings
from pathlib import Path
from typing import Any

import boto3
import pytest
import yaml
from moto import mock_aws
from pynamodb.models import Model

# Settings are read when chalicelib is first imported; these are all it needs to name tables.
os.environ.setdefault("STAGE", "local")
os.environ.setdefault("AWS_DEFAULT_REGION", "eu-west-2")

import chalicelib.store
from chalicelib.settings import Settings, get_settings

TEMPLATE = Path(__file__).resolve().parents[2] / "infra" / "template.yaml"
REGION = "eu-west-2"
STAGE = "local"
STACK_NAME = f"labourspace-{STAGE}-template-test"
ACCOUNT_ID = "210987654321"  # not moto's default account, which the embedded AWS uses
# Tables that belong to a library, not to a model of ours.
LIBRARY_TABLES = {"idempotency"}
# Tables whose items expire, and the attribute DynamoDB's TTL reads; no other table may expire items.
TTL_TABLES = {"idempotency": "expiration", "rate-limits": "expires_at", "feed": "expires_at",
              "erasures": "expires_at", "account-codes": "expires_at"}
# Each stream carries what its handler needs, no more.
STREAMED_TABLES = {"campaigns": "NEW_AND_OLD_IMAGES", "people": "NEW_AND_OLD_IMAGES",
                   "organisations": "NEW_AND_OLD_IMAGES", "consultations": "NEW_AND_OLD_IMAGES",
                   "support-counters": "KEYS_ONLY", "campaign-events": "NEW_IMAGE",
                   "supports": "NEW_AND_OLD_IMAGES", "follows": "NEW_AND_OLD_IMAGES"}
# What chalicelib/settings.py (and app.py, for stream handlers) read from the environment.
OUTPUT_VARIABLES = {
    "TABLE_PREFIX", "ALERTS_TOPIC_ARN", "EVENTS_TOPIC_ARN", "USER_POOL_ID", "USER_POOL_CLIENT_ID",
    "COGNITO_ISSUER", "CAMPAIGNS_STREAM_ARN", "PEOPLE_STREAM_ARN", "ORGANISATIONS_STREAM_ARN",
    "CONSULTATIONS_STREAM_ARN", "COUNTERS_STREAM_ARN", "SUPPORTS_STREAM_ARN", "FOLLOWS_STREAM_ARN",
    "CAMPAIGN_EVENTS_STREAM_ARN", "FANOUT_QUEUE_NAME", "STREAM_DEAD_LETTER_QUEUE_NAME", "MAIL_FROM",
    "CURSOR_SECRET_ARN",
}


def discover_models() -> list[type[Model]]:
    """Every concrete model in chalicelib.store, so a new model without a table fails here."""
    for module in pkgutil.walk_packages(chalicelib.store.__path__, "chalicelib.store."):
        importlib.import_module(module.name)
    found, pending = [], list(Model.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        meta = getattr(cls, "Meta", None)
        if cls.__module__.startswith("chalicelib.") and getattr(meta, "table_name", None):
            found.append(cls)
    return sorted(found, key=lambda cls: cls.Meta.table_name)


def short_name(model: type[Model]) -> str:
    # The prefix may not be labourspace-local if another test set TABLE_PREFIX first.
    prefix = get_settings().table_prefix + "-"
    assert model.Meta.table_name.startswith(prefix), model.Meta.table_name
    return model.Meta.table_name.removeprefix(prefix)


MODELS = discover_models()


class _CfnLoader(yaml.SafeLoader):
    """Reads short-form tags (!Sub, !Ref, ...) as plain values: enough to inspect properties."""


def _untagged(loader: yaml.SafeLoader, _suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)


_CfnLoader.add_multi_constructor("!", _untagged)


def load_template() -> dict[str, Any]:
    return yaml.load(TEMPLATE.read_text(encoding="utf-8"), Loader=_CfnLoader)  # noqa: S506


def template_tables() -> dict[str, dict[str, Any]]:
    """{short name: Properties} of every table in the template, read from the YAML itself."""
    tables = {}
    for resource in load_template()["Resources"].values():
        if resource["Type"] == "AWS::DynamoDB::Table":
            props = resource["Properties"]
            tables[props["TableName"].removeprefix("labourspace-${Stage}-")] = props
    return tables


def _deploy(session: boto3.Session) -> dict[str, Any]:
    cfn = session.client("cloudformation")
    with warnings.catch_warnings():
        # moto skips AWS::Cognito::* (devstack makes those); the warning is expected.
        warnings.filterwarnings("ignore", message=".*AWS::Cognito::.*")
        cfn.create_stack(
            StackName=STACK_NAME,
            TemplateBody=TEMPLATE.read_text(encoding="utf-8"),
            Parameters=[{"ParameterKey": "Stage", "ParameterValue": STAGE}],
        )
    described = cfn.describe_stacks(StackName=STACK_NAME)["Stacks"][0]
    assert described["StackStatus"] == "CREATE_COMPLETE"
    dynamodb = session.client("dynamodb")
    prefix = f"labourspace-{STAGE}-"
    return {
        "tables": {
            name.removeprefix(prefix): dynamodb.describe_table(TableName=name)["Table"]
            for name in dynamodb.list_tables()["TableNames"]
        },
        "outputs": {o["OutputKey"]: o for o in described.get("Outputs", [])},
    }


def _tear_down(session: boto3.Session) -> None:
    # DeletionPolicy Retain keeps tables and topics past the stack: remove them by hand.
    session.client("cloudformation").delete_stack(StackName=STACK_NAME)
    dynamodb, sns = session.client("dynamodb"), session.client("sns")
    for name in dynamodb.list_tables()["TableNames"]:
        dynamodb.delete_table(TableName=name)
    for topic in sns.list_topics()["Topics"]:
        sns.delete_topic(TopicArn=topic["TopicArn"])


@pytest.fixture(scope="module")
def stack() -> dict[str, Any]:
    """The template deployed once into moto in-process: {"tables": {short: describe_table},
    "outputs": {key: output}}.

    moto keeps one global state, shared with the embedded AWS tests/conftest.py may run in
    this process. So the mock neither resets nor removes data on start and stop (that would
    wipe the session's stack), and the template goes into an account of its own, reached by
    assuming a role there, as moto documents for switching accounts.
    """
    with pytest.MonkeyPatch.context() as env:
        # mock_aws intercepts only AWS's own addresses: never a local endpoint or a profile.
        env.delenv("AWS_ENDPOINT_URL", raising=False)
        env.delenv("AWS_PROFILE", raising=False)
        env.setenv("AWS_ACCESS_KEY_ID", "testing")
        env.setenv("AWS_SECRET_ACCESS_KEY", "testing")
        mock = mock_aws()
        mock.start(reset=False)
        try:
            role = f"arn:aws:iam::{ACCOUNT_ID}:role/template-test"
            creds = boto3.client("sts", region_name=REGION).assume_role(
                RoleArn=role, RoleSessionName="template-test"
            )["Credentials"]
            session = boto3.Session(
                aws_access_key_id=creds["AccessKeyId"],
                aws_secret_access_key=creds["SecretAccessKey"],
                aws_session_token=creds["SessionToken"],
                region_name=REGION,
            )
            try:
                return _deploy(session)
            finally:
                _tear_down(session)
        finally:
            mock.stop(remove_data=False)


def _keys(key_schema: list[dict[str, str]]) -> dict[str, str]:
    return {key["KeyType"]: key["AttributeName"] for key in key_schema}


def _types(definitions: list[dict[str, str]]) -> dict[str, str]:
    return {d["AttributeName"]: d["AttributeType"] for d in definitions}


def _projection(projection: dict[str, Any]) -> tuple[str, list[str]]:
    return projection["ProjectionType"], sorted(projection.get("NonKeyAttributes", []))


def test_models_were_found() -> None:
    # Guards the discovery itself: an empty list would make every other test pass vacuously.
    assert {"campaigns", "people", "memberships"} <= {short_name(m) for m in MODELS}


@pytest.mark.parametrize("model", MODELS, ids=short_name)
def test_table_matches_model(stack: dict[str, Any], model: type[Model]) -> None:
    name = short_name(model)
    assert name in stack["tables"], f"{model.__name__} uses table {name!r}, the template lacks it"
    table, schema = stack["tables"][name], model._get_schema()

    assert _keys(table["KeySchema"]) == _keys(schema["key_schema"])
    assert _types(table["AttributeDefinitions"]) == _types(schema["attribute_definitions"])
    assert table["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"

    made = {i["IndexName"]: i for i in table.get("GlobalSecondaryIndexes", [])}
    wanted = {i["index_name"]: i for i in schema["global_secondary_indexes"]}
    assert sorted(made) == sorted(wanted), f"{name}: global secondary indexes differ"
    for index_name, index in wanted.items():
        assert _keys(made[index_name]["KeySchema"]) == _keys(index["key_schema"]), index_name
        assert _projection(made[index_name]["Projection"]) == _projection(
            index["projection"]
        ), index_name

    made_local = {i["IndexName"]: i for i in table.get("LocalSecondaryIndexes", [])}
    wanted_local = {i["index_name"]: i for i in schema["local_secondary_indexes"]}
    assert sorted(made_local) == sorted(wanted_local), f"{name}: local secondary indexes differ"
    for index_name, index in wanted_local.items():
        assert _keys(made_local[index_name]["KeySchema"]) == _keys(index["key_schema"])
        assert _projection(made_local[index_name]["Projection"]) == _projection(
            index["projection"]
        )


def test_every_table_has_a_model(stack: dict[str, Any]) -> None:
    modelled = {short_name(m) for m in MODELS}
    assert set(stack["tables"]) - modelled == LIBRARY_TABLES


@pytest.mark.parametrize("name", sorted(STREAMED_TABLES))
def test_streams_carry_what_their_handlers_need(stack: dict[str, Any], name: str) -> None:
    table = stack["tables"][name]
    assert table["StreamSpecification"] == {
        "StreamEnabled": True,
        "StreamViewType": STREAMED_TABLES[name],
    }
    assert table["LatestStreamArn"].startswith(table["TableArn"] + "/stream/")


def test_idempotency_table_is_powertools_shape(stack: dict[str, Any]) -> None:
    table = stack["tables"]["idempotency"]
    assert _keys(table["KeySchema"]) == {"HASH": "id"}
    assert _types(table["AttributeDefinitions"]) == {"id": "S"}
    assert table["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    # moto's CloudFormation ignores TimeToLiveSpecification, so read it from the template.
    ttl = template_tables()["idempotency"]["TimeToLiveSpecification"]
    assert ttl == {"AttributeName": "expiration", "Enabled": True}


def test_every_table_is_protected() -> None:
    # moto ignores point-in-time recovery too: checked in the template.
    for name, props in template_tables().items():
        # 35 days, the most AWS keeps, as the README's privacy table says.
        assert props["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True,
                                                              "RecoveryPeriodInDays": 35}, name
        assert props["SSESpecification"] == {"SSEEnabled": True}, name
        ttl = props.get("TimeToLiveSpecification", {}).get("AttributeName")
        assert ttl == TTL_TABLES.get(name), name


def test_outputs_name_the_environment_variables() -> None:
    """Output keys cannot hold "_" (cfn-lint E6001), so each key is the variable in CamelCase,
    which devstack spells back in UPPER_SNAKE_CASE, and its Description starts with it."""
    outputs = load_template()["Outputs"]
    for key, output in outputs.items():
        snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", key).upper()
        assert output["Description"].split(":", 1)[0] == snake, key
    assert {output["Description"].split(":", 1)[0] for output in outputs.values()} == (
        OUTPUT_VARIABLES
    )


def test_outputs_are_what_settings_read(stack: dict[str, Any]) -> None:
    # moto leaves out the outputs of the Cognito resources it skips; the rest must round-trip.
    env = {
        output["Description"].split(":", 1)[0]: output["OutputValue"]
        for output in stack["outputs"].values()
    }
    # The local stage loads only beside the embedded AWS (a loopback endpoint).
    settings = Settings.from_environment({"STAGE": STAGE, "AWS_ENDPOINT_URL": "http://127.0.0.1:4566", **env})
    assert settings.table_prefix == f"labourspace-{STAGE}"
    assert settings.alerts_topic_arn.endswith(f":labourspace-{STAGE}-alerts")
    assert settings.events_topic_arn.endswith(f":labourspace-{STAGE}-events")
    assert env["CAMPAIGNS_STREAM_ARN"] == stack["tables"]["campaigns"]["LatestStreamArn"]
    assert env["PEOPLE_STREAM_ARN"] == stack["tables"]["people"]["LatestStreamArn"]
    assert settings.stream_dead_letter_queue_name == f"labourspace-{STAGE}-stream-dlq"


def test_every_model_lives_in_the_tables_module_named_after_its_table():
    """store/'s one naming rule: `store/tables/<table>.py` holds that table's model, and only there."""
    for model in MODELS:
        assert model.__module__ == f"chalicelib.store.tables.{short_name(model).replace('-', '_')}", (
            model.__name__, model.__module__)


def test_the_session_cookie_lives_as_long_as_the_refresh_token_it_holds():
    """Two copies of one number: the cookie's Max-Age and the app client's RefreshTokenValidity.
    A cookie that outlives its token signs nobody in; one that dies first signs people out early."""
    from chalicelib.http.session_cookie import MAX_AGE_SECONDS

    client = load_template()["Resources"]["UserPoolClient"]["Properties"]
    assert client["TokenValidityUnits"]["RefreshToken"] == "days"
    assert client["RefreshTokenValidity"] * 24 * 3600 == MAX_AGE_SECONDS
