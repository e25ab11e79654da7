"""devstack deploys a CloudFormation template into the embedded AWS, Cognito included.

Self-contained: a small template of its own and an embedded AWS on a free port. moto's state
is per process (shared with the suite's own stack, if any), so the names here are unique.
"""

from __future__ import annotations

import textwrap
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import jwt
import pytest
import requests

from devstack import cfn
from devstack.deploy import app_env, deploy_infra, env_name
from devstack.embedded_aws import EmbeddedAws

REGION = "eu-west-2"
STAGE = f"t{uuid.uuid4().hex[:8]}"

TEMPLATE = textwrap.dedent("""
    AWSTemplateFormatVersion: 2010-09-09
    Parameters:
      Stage: {Type: String, Default: dev}
    Conditions:
      IsProd: !Equals [!Ref Stage, prod]
    Resources:
      CampaignsTable:
        Type: AWS::DynamoDB::Table
        Properties:
          TableName: !Sub labourspace-${Stage}-campaigns
          BillingMode: PAY_PER_REQUEST
          AttributeDefinitions:
            - {AttributeName: pk, AttributeType: S}
            - {AttributeName: area, AttributeType: S}
          KeySchema: [{AttributeName: pk, KeyType: HASH}]
          GlobalSecondaryIndexes:
            - IndexName: by-area
              KeySchema: [{AttributeName: area, KeyType: HASH}]
              Projection: {ProjectionType: ALL}
          StreamSpecification: {StreamViewType: NEW_AND_OLD_IMAGES}
      AlertsTopic:
        Type: AWS::SNS::Topic
        Properties: {TopicName: !Sub "labourspace-${Stage}-alerts"}
      HealthDesk:
        Type: AWS::SQS::Queue
        Properties: {QueueName: !Sub "labourspace-${Stage}-health-desk"}
      HealthDeskSubscription:
        Type: AWS::SNS::Subscription
        Properties:
          TopicArn: !Ref AlertsTopic
          Protocol: sqs
          Endpoint: !GetAtt HealthDesk.Arn
          RawMessageDelivery: true
          FilterPolicy: {area: [health]}
      UserPool:
        Type: AWS::Cognito::UserPool
        Properties:
          UserPoolName: !Sub labourspace-${Stage}
          UsernameAttributes: [email]
          AutoVerifiedAttributes: [email]
          EnabledMfas: [SOFTWARE_TOKEN_MFA]  # CloudFormation only: not a CreateUserPool parameter
          Policies:
            PasswordPolicy: {MinimumLength: 12, RequireNumbers: true, RequireSymbols: false}
          Schema:
            - {Name: email, AttributeDataType: String, Required: true, Mutable: true}
            - Name: area
              AttributeDataType: String
              Mutable: true
              StringAttributeConstraints: {MinLength: 1, MaxLength: 64}
          AdminCreateUserConfig: {AllowAdminCreateUserOnly: !If [IsProd, true, false]}
          AccountRecoverySetting:
            RecoveryMechanisms: [{Name: verified_email, Priority: 1}]
      UserPoolClient:
        Type: AWS::Cognito::UserPoolClient
        Properties:
          ClientName: !Sub "labourspace-${Stage}-web"
          UserPoolId: !Ref UserPool
          GenerateSecret: false
          ExplicitAuthFlows: [ALLOW_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
          ReadAttributes: [email, custom:area]
          AccessTokenValidity: 60
          IdTokenValidity: 60
          TokenValidityUnits: {AccessToken: minutes, IdToken: minutes}
      MinistersGroup:
        Type: AWS::Cognito::UserPoolGroup
        Properties: {GroupName: ministers, UserPoolId: !Ref UserPool, Precedence: 30,
                     Description: Answer campaigns for their department}
      ModeratorsGroup:
        Type: AWS::Cognito::UserPoolGroup
        Properties: {GroupName: moderators, UserPoolId: !Ref UserPool, Precedence: 20}
      AdminsGroup:
        Type: AWS::Cognito::UserPoolGroup
        Properties: {GroupName: admins, UserPoolId: !Ref UserPool, Precedence: 10}
    Outputs:  # ids are alphanumeric in CloudFormation; app_env spells them UPPER_SNAKE_CASE
      UserPoolId: {Value: !Ref UserPool}
      UserPoolClientId: {Value: !Ref UserPoolClient}
      UserPoolArn: {Value: !GetAtt UserPool.Arn}
      UserPoolProviderURL: {Value: !GetAtt UserPool.ProviderURL}
      AlertsTopicArn: {Value: !Ref AlertsTopic}
      CampaignsStreamArn: {Value: !GetAtt CampaignsTable.StreamArn}
      TablePrefix: {Value: !Sub "labourspace-${Stage}"}
      HealthDeskUrl: {Value: !Ref HealthDesk}
""")


@pytest.fixture(scope="module")
def aws() -> Iterator[EmbeddedAws]:
    with EmbeddedAws(port=0) as server:
        yield server


@pytest.fixture(scope="module")
def template_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("infra") / "template.yaml"
    path.write_text(TEMPLATE)
    return path


@pytest.fixture(scope="module")
def outputs(aws: EmbeddedAws, template_path: Path) -> dict[str, str]:
    return deploy_infra(aws.endpoint, stage=STAGE, region=REGION, template_path=str(template_path))


def _client(aws: EmbeddedAws, service: str) -> Any:
    return boto3.client(service, endpoint_url=aws.endpoint, region_name=REGION,
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def test_outputs_include_those_moto_cannot_evaluate(outputs: dict[str, str]) -> None:
    pool_id = outputs["UserPoolId"]
    assert pool_id.startswith(f"{REGION}_")
    assert outputs["UserPoolClientId"]
    arn = f"arn:aws:cognito-idp:{REGION}:123456789012:userpool/{pool_id}"
    assert outputs["UserPoolArn"] == arn
    provider = f"https://cognito-idp.{REGION}.amazonaws.com/{pool_id}"
    assert outputs["UserPoolProviderURL"] == provider
    topic = f"arn:aws:sns:{REGION}:123456789012:labourspace-{STAGE}-alerts"
    assert outputs["AlertsTopicArn"] == topic
    assert outputs["CampaignsStreamArn"].startswith(
        f"arn:aws:dynamodb:{REGION}:123456789012:table/labourspace-{STAGE}-campaigns/stream/")
    assert outputs["TablePrefix"] == f"labourspace-{STAGE}"


def test_table_has_its_index_and_stream(aws: EmbeddedAws, outputs: dict[str, str]) -> None:
    dynamodb = _client(aws, "dynamodb")
    table = dynamodb.describe_table(TableName=f"labourspace-{STAGE}-campaigns")["Table"]
    assert [i["IndexName"] for i in table["GlobalSecondaryIndexes"]] == ["by-area"]
    assert table["StreamSpecification"]["StreamViewType"] == "NEW_AND_OLD_IMAGES"
    assert table["LatestStreamArn"] == outputs["CampaignsStreamArn"]


def test_user_pool_is_made_from_the_templates_properties(aws: EmbeddedAws, outputs: dict) -> None:
    cognito = _client(aws, "cognito-idp")
    pool = cognito.describe_user_pool(UserPoolId=outputs["UserPoolId"])["UserPool"]
    assert pool["Name"] == f"labourspace-{STAGE}"
    assert pool["UsernameAttributes"] == ["email"]
    assert pool["Policies"]["PasswordPolicy"]["MinimumLength"] == 12
    assert pool["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is False  # !If IsProd
    area = next(a for a in pool["SchemaAttributes"] if a["Name"] == "custom:area")
    assert area["StringAttributeConstraints"] == {"MinLength": "1", "MaxLength": "64"}

    client = cognito.describe_user_pool_client(
        UserPoolId=outputs["UserPoolId"], ClientId=outputs["UserPoolClientId"],
    )["UserPoolClient"]
    assert client["ClientName"] == f"labourspace-{STAGE}-web"
    assert client["ExplicitAuthFlows"] == ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    assert "ClientSecret" not in client

    groups = cognito.list_groups(UserPoolId=outputs["UserPoolId"])["Groups"]
    assert {g["GroupName"]: g["Precedence"] for g in groups} == {
        "ministers": 30, "moderators": 20, "admins": 10}


def test_subscription_filters_what_reaches_the_queue(aws: EmbeddedAws, outputs: dict) -> None:
    sns, sqs = _client(aws, "sns"), _client(aws, "sqs")
    for area in ("transport", "health"):
        sns.publish(TopicArn=outputs["AlertsTopicArn"], Message=f"about {area}",
                    MessageAttributes={"area": {"DataType": "String", "StringValue": area}})
    got = sqs.receive_message(QueueUrl=outputs["HealthDeskUrl"], MaxNumberOfMessages=10)
    assert [m["Body"] for m in got["Messages"]] == ["about health"]  # raw delivery, filtered


def test_app_env_lets_a_token_be_verified(aws: EmbeddedAws, outputs: dict[str, str]) -> None:
    env = app_env(outputs, aws.endpoint, region=REGION)
    assert env["USER_POOL_ID"] == outputs["UserPoolId"]
    assert env["USER_POOL_CLIENT_ID"] == outputs["UserPoolClientId"]
    assert env["USER_POOL_PROVIDER_URL"] == outputs["UserPoolProviderURL"]
    assert env["HEALTH_DESK_URL"] == outputs["HealthDeskUrl"]
    assert env["STAGE"] == "local"
    assert env["AWS_ENDPOINT_URL"] == aws.endpoint
    assert env["POWERTOOLS_TRACE_DISABLED"] == "true"

    cognito = _client(aws, "cognito-idp")
    pool_id, client_id = outputs["UserPoolId"], outputs["UserPoolClientId"]
    cognito.admin_create_user(UserPoolId=pool_id, Username="minister@example.org",
                              MessageAction="SUPPRESS")
    cognito.admin_set_user_password(UserPoolId=pool_id, Username="minister@example.org",
                                    Password="A-long-password-1", Permanent=True)
    cognito.admin_add_user_to_group(UserPoolId=pool_id, Username="minister@example.org",
                                    GroupName="ministers")
    token = cognito.initiate_auth(
        ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "minister@example.org", "PASSWORD": "A-long-password-1"},
    )["AuthenticationResult"]["IdToken"]

    keys = requests.get(env["COGNITO_JWKS_URL"], timeout=5).json()
    key = jwt.PyJWKSet.from_dict(keys)[jwt.get_unverified_header(token)["kid"]]
    claims = jwt.decode(token, key.key, algorithms=["RS256"], audience=client_id,
                        issuer=env["COGNITO_ISSUER"])
    assert claims["cognito:groups"] == ["ministers"]


def test_a_resource_needing_a_skipped_one_is_refused(aws: EmbeddedAws, tmp_path: Path) -> None:
    path = tmp_path / "template.yaml"
    path.write_text(textwrap.dedent("""
        Resources:
          Pool: {Type: AWS::Cognito::UserPool, Properties: {UserPoolName: p}}
          Queue: {Type: AWS::SQS::Queue, Properties: {QueueName: !Sub "q-${Pool}"}}
    """))
    with pytest.raises(RuntimeError, match="Queue refers to"):
        deploy_infra(aws.endpoint, template_path=str(path), stack_name=f"refused-{STAGE}")


def test_short_form_tags_become_long_form() -> None:
    parsed = cfn.parse_template(textwrap.dedent("""
        Version: 2010-09-09
        A: !GetAtt Table.StreamArn
        B: !Sub ["${X}-${AWS::Region}", {X: !Ref Stage}]
        C: !Join ["", [!Select [0, !Split [",", "a,b"]], !Base64 x]]
        D: !If [IsLocal, !Not [!Equals [1, 2]], !Condition Other]
    """))
    assert parsed == {
        "Version": "2010-09-09",
        "A": {"Fn::GetAtt": ["Table", "StreamArn"]},
        "B": {"Fn::Sub": ["${X}-${AWS::Region}", {"X": {"Ref": "Stage"}}]},
        "C": {"Fn::Join": ["", [{"Fn::Select": [0, {"Fn::Split": [",", "a,b"]}]},
                                {"Fn::Base64": "x"}]]},
        "D": {"Fn::If": ["IsLocal", {"Fn::Not": [{"Fn::Equals": [1, 2]}]},
                         {"Condition": "Other"}]},
    }


def test_resolve_evaluates_refs_subs_and_attributes() -> None:
    context = cfn.make_context({"Parameters": {"Stage": {"Default": "dev"}}}, {"Stage": "local"},
                               region=REGION, stack_name="ls")
    context["refs"]["Pool"] = "eu-west-2_abc"
    context["attributes"]["Table"] = {"StreamArn": "arn:stream"}
    assert cfn.resolve({"Fn::Sub": "${AWS::StackName}-${Stage}-${AWS::AccountId}"}, context) == \
        "ls-local-123456789012"
    assert cfn.resolve({"Fn::Sub": ["${P}/${Table.StreamArn}/${!Literal}",
                                    {"P": {"Ref": "Pool"}}]}, context) == \
        "eu-west-2_abc/arn:stream/${Literal}"
    assert cfn.resolve({"Fn::Join": [":", [{"Ref": "AWS::Region"}, "x"]]}, context) == "eu-west-2:x"
    assert cfn.resolve({"Fn::GetAtt": ["Table", "StreamArn"]}, context) == "arn:stream"
    with pytest.raises(cfn.UnresolvedError, match="Missing"):
        cfn.resolve({"Ref": "Missing"}, context)
    with pytest.raises(cfn.UnresolvedError, match=r"Table\.Arn"):
        cfn.resolve({"Fn::GetAtt": ["Table", "Arn"]}, context)


@pytest.mark.parametrize(("key", "variable"), [
    ("UserPoolClientId", "USER_POOL_CLIENT_ID"), ("CampaignsStreamArn", "CAMPAIGNS_STREAM_ARN"),
    ("UserPoolProviderURL", "USER_POOL_PROVIDER_URL"), ("JWKSUrl", "JWKS_URL"),
    ("TABLE_PREFIX", "TABLE_PREFIX"),
])
def test_output_keys_name_the_variables_they_feed(key: str, variable: str) -> None:
    assert env_name(key) == variable


def test_real_template_outputs_describe_the_variable_their_key_spells() -> None:
    # infra/template.yaml starts each Output's Description with the variable it sets.
    path = Path(__file__).resolve().parents[2] / "infra" / "template.yaml"
    if not path.exists():
        pytest.skip("infra/template.yaml is not written yet")
    for key, output in cfn.load_template(path).get("Outputs", {}).items():
        described = output.get("Description", "").split(":", 1)[0]
        assert described == env_name(key), key
