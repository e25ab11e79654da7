"""Deploy infra/template.yaml into the embedded AWS, and derive the app's environment from it.

moto's CloudFormation makes the tables, topics and queues. It skips the Cognito types, SNS
subscriptions and SES identities (a warning only), so those are created here through their own
APIs, from the template's own Properties: one source of truth for production and local alike.
The same goes for a deployed stage's edge (web ACLs, their associations, CloudFront: devstack/edge.py).
"""

from __future__ import annotations

import json
import logging
import re
import time
import warnings
from typing import Any

import boto3
from botocore import xform_name
from botocore.exceptions import ClientError

from devstack import cfn, edge
from devstack.embedded_aws import aws_env

log = logging.getLogger("devstack.deploy")

# Resource types moto's CloudFormation skips, in the order they must be created.
SELF_CREATED = ("AWS::SecretsManager::Secret", "AWS::SES::EmailIdentity", "AWS::Cognito::UserPool",
                "AWS::Cognito::UserPoolClient", "AWS::Cognito::UserPoolGroup",
                "AWS::SNS::Subscription", *edge.EDGE_TYPES)
_FAILED = re.compile(r"(FAILED|ROLLBACK)")


class _SkippedTypeNote(logging.Filter):
    """Drop moto's "no support for <type>" lines for the types devstack creates itself."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not any(t in record.getMessage() for t in SELF_CREATED)


logging.getLogger("moto").addFilter(_SkippedTypeNote())
for _type in SELF_CREATED:
    warnings.filterwarnings("ignore", message=f"Tried to parse {_type}")


def _client(service: str, endpoint: str, region: str) -> Any:
    return boto3.client(service, endpoint_url=endpoint, region_name=region,
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def _references(value: Any) -> set[str]:
    """Logical ids a value points at through Ref, Fn::GetAtt or Fn::Sub."""
    if isinstance(value, list):
        return set().union(*(_references(v) for v in value)) if value else set()
    if not isinstance(value, dict):
        return set()
    found: set[str] = set()
    for key, args in value.items():
        if key == "Ref" and isinstance(args, str):
            found.add(args)
        elif key == "Fn::GetAtt":
            found.add(args[0] if isinstance(args, list) else args.split(".", 1)[0])
        elif key == "Fn::Sub":
            text = args if isinstance(args, str) else args[0]
            found.update(n.split(".", 1)[0] for n in re.findall(r"\$\{([^!}][^}]*)\}", text))
        found |= _references(args)
    return found


def _moto_template(template: dict[str, Any], skipped: set[str]) -> dict[str, Any]:
    """The template moto gets: without Outputs that need skipped resources.

    moto 5.2.5 answers 500 to an Output `!GetAtt <Cognito resource>.Arn`, and drops Outputs
    that `!Ref` one; both are evaluated here after the resources exist.
    """
    for logical_id, resource in template.get("Resources", {}).items():
        if logical_id not in skipped and _references(resource) & skipped:
            # moto would silently write "None" where the id belongs.
            raise RuntimeError(f"{logical_id} refers to {_references(resource) & skipped}, "
                               "which moto's CloudFormation does not create")
    outputs = {key: out for key, out in template.get("Outputs", {}).items()
               if not _references(out) & skipped}
    return {**template, "Outputs": outputs} if outputs else {
        k: v for k, v in template.items() if k != "Outputs"}


def _stack_exists(cloudformation: Any, name: str) -> bool:
    try:
        cloudformation.describe_stacks(StackName=name)
    except ClientError as error:
        if "does not exist" in str(error):
            return False
        raise
    return True


def _create_stack(cloudformation: Any, name: str, body: str, parameters: dict[str, str]) -> None:
    """Create the stack, or update it when it is already there (a re-run); wait until it settles."""
    arguments = {"StackName": name, "TemplateBody": body, "Parameters": [
        {"ParameterKey": key, "ParameterValue": value} for key, value in parameters.items()]}
    updating = _stack_exists(cloudformation, name)
    try:
        (cloudformation.update_stack if updating else cloudformation.create_stack)(**arguments)
    except ClientError as error:
        if updating and "No updates are to be performed" in str(error):
            return
        raise
    done = "UPDATE_COMPLETE" if updating else "CREATE_COMPLETE"
    deadline = time.monotonic() + 60
    while True:  # moto creates synchronously; the loop is for honesty, not for speed
        status = cloudformation.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"]
        if status == done:
            return
        if _FAILED.search(status) or time.monotonic() > deadline:
            events = cloudformation.describe_stack_events(StackName=name)["StackEvents"]
            lines = [f"  {e.get('LogicalResourceId')} {e.get('ResourceStatus')} "
                     f"{e.get('ResourceStatusReason', '')}" for e in events]
            raise RuntimeError(f"stack {name} ended {status}:\n" + "\n".join(lines))
        time.sleep(0.2)


def _coerce(value: Any, shape: Any, path: str, dropped: list[str]) -> Any:
    """Shape CloudFormation's looser values (YAML ints for strings, "true") to the API's types."""
    if shape.type_name == "structure":
        out = {}
        for name, item in value.items():
            if name in shape.members:
                out[name] = _coerce(item, shape.members[name], f"{path}.{name}", dropped)
            else:
                dropped.append(f"{path}.{name}")
        return out
    if shape.type_name == "list":
        return [_coerce(v, shape.member, path, dropped) for v in value]
    if shape.type_name == "map":
        return {k: _coerce(v, shape.value, path, dropped) for k, v in value.items()}
    if shape.type_name == "string":
        return str(value).lower() if isinstance(value, bool) else str(value)
    if shape.type_name in ("integer", "long"):
        return int(value)
    if shape.type_name == "boolean":
        return value if isinstance(value, bool) else str(value).lower() == "true"
    return value


def _call(client: Any, operation: str, params: dict[str, Any], logical_id: str) -> dict:
    """Call an API with the template's properties, minus what the API has no parameter for."""
    model = client.meta.service_model.operation_model(operation)
    dropped: list[str] = []
    params = _coerce(params, model.input_shape, logical_id, dropped)
    if dropped:  # e.g. WebAuthn*: CloudFormation-only, no local effect
        log.info("%s: not passed to %s (no such API parameter): %s",
                 logical_id, operation, ", ".join(dropped))
    return getattr(client, xform_name(operation))(**params)


def _already_made(kind: str, logical_id: str, props: dict[str, Any], endpoint: str,
                  region: str) -> tuple[str, dict[str, Any]] | None:
    """A skipped resource an earlier run made (found by its name): its Ref and attributes."""
    try:
        if kind in edge.EDGE_TYPES:
            return edge.already_made(kind, props, lambda service: _client(service, endpoint, region))
        if kind == "AWS::SecretsManager::Secret":
            arn = _client("secretsmanager", endpoint, region).describe_secret(SecretId=props["Name"])["ARN"]
            return arn, {"Id": arn}
        if kind == "AWS::SES::EmailIdentity":
            _client("sesv2", endpoint, region).get_email_identity(EmailIdentity=props["EmailIdentity"])
            return props["EmailIdentity"], {}
        idp = _client("cognito-idp", endpoint, region)
        if kind == "AWS::Cognito::UserPool":
            name = props.get("UserPoolName", logical_id)
            pools = [p for p in idp.list_user_pools(MaxResults=60)["UserPools"] if p["Name"] == name]
            if not pools:
                return None
            pool = idp.describe_user_pool(UserPoolId=pools[0]["Id"])["UserPool"]
            provider = f"cognito-idp.{region}.amazonaws.com/{pool['Id']}"
            return pool["Id"], {"Arn": pool["Arn"], "ProviderName": provider, "UserPoolId": pool["Id"],
                                "ProviderURL": f"https://{provider}"}
        if kind == "AWS::Cognito::UserPoolClient":
            name = props.get("ClientName", logical_id)
            clients = [c for c in idp.list_user_pool_clients(UserPoolId=props["UserPoolId"], MaxResults=60)
                       ["UserPoolClients"] if c["ClientName"] == name]
            if not clients:
                return None
            client = idp.describe_user_pool_client(UserPoolId=props["UserPoolId"],
                                                   ClientId=clients[0]["ClientId"])["UserPoolClient"]
            return client["ClientId"], {"ClientId": client["ClientId"], "Name": name,
                                        "ClientSecret": client.get("ClientSecret")}
        if kind == "AWS::Cognito::UserPoolGroup":
            name = props.get("GroupName", logical_id)
            idp.get_group(GroupName=name, UserPoolId=props["UserPoolId"])
            return name, {}
    except ClientError as error:
        if error.response["Error"]["Code"] in ("ResourceNotFoundException", "NotFoundException"):
            return None
        raise
    return None  # SNS subscriptions: Subscribe is idempotent


def _create_resource(kind: str, logical_id: str, props: dict[str, Any], ctx: dict[str, Any],
                     endpoint: str, region: str) -> None:
    """Create one skipped resource, unless a run before made it; record its Ref and attributes."""
    attrs: dict[str, Any]
    made = _already_made(kind, logical_id, props, endpoint, region)
    if made is not None:
        ctx["refs"][logical_id], ctx["attributes"][logical_id] = made
        return
    if kind in edge.EDGE_TYPES:
        ctx["refs"][logical_id], ctx["attributes"][logical_id] = edge.create(
            kind, logical_id, props, lambda service: _client(service, endpoint, region), region, _call)
        return
    if kind == "AWS::SecretsManager::Secret":  # GenerateSecretString is CloudFormation's alone
        secrets = _client("secretsmanager", endpoint, region)
        generate = props.pop("GenerateSecretString", None)
        if generate is not None:
            props["SecretString"] = _call(secrets, "GetRandomPassword", generate,
                                          logical_id)["RandomPassword"]
        ref = _call(secrets, "CreateSecret", props, logical_id)["ARN"]
        attrs = {"Id": ref}
    elif kind == "AWS::SES::EmailIdentity":  # SES v2's CreateEmailIdentity, as CloudFormation's
        _call(_client("sesv2", endpoint, region), "CreateEmailIdentity", props, logical_id)
        ref, attrs = props["EmailIdentity"], {}
    elif kind == "AWS::Cognito::UserPool":
        props = {"PoolName": props.pop("UserPoolName", logical_id), **props}
        enabled_mfas = props.pop("EnabledMfas", [])  # CloudFormation's name for the MFA config
        idp = _client("cognito-idp", endpoint, region)
        pool = _call(idp, "CreateUserPool", props, logical_id)["UserPool"]
        ref = pool["Id"]
        if "SOFTWARE_TOKEN_MFA" in enabled_mfas and props.get("MfaConfiguration", "OFF") != "OFF":
            idp.set_user_pool_mfa_config(UserPoolId=ref, MfaConfiguration=props["MfaConfiguration"],
                                         SoftwareTokenMfaConfiguration={"Enabled": True})
        provider = f"cognito-idp.{region}.amazonaws.com/{ref}"
        attrs = {"Arn": pool["Arn"], "ProviderName": provider, "UserPoolId": ref,
                 "ProviderURL": f"https://{provider}"}
    elif kind == "AWS::Cognito::UserPoolClient":
        client = _call(_client("cognito-idp", endpoint, region), "CreateUserPoolClient",
                       {"ClientName": logical_id, **props}, logical_id)["UserPoolClient"]
        ref = client["ClientId"]
        attrs = {"ClientId": ref, "ClientSecret": client.get("ClientSecret"),
                 "Name": client["ClientName"]}
    elif kind == "AWS::Cognito::UserPoolGroup":
        group = _call(_client("cognito-idp", endpoint, region), "CreateGroup",
                      {"GroupName": logical_id, **props}, logical_id)["Group"]
        ref, attrs = group["GroupName"], {}
    else:  # AWS::SNS::Subscription: the rest of its properties are subscription attributes
        topic, protocol = props.pop("TopicArn"), props.pop("Protocol")
        target = props.pop("Endpoint")
        props.pop("Region", None)  # the embedded AWS is one region
        attributes = {k: v if isinstance(v, str) else json.dumps(v) for k, v in props.items()}
        ref = _client("sns", endpoint, region).subscribe(
            TopicArn=topic, Protocol=protocol, Endpoint=target, Attributes=attributes,
            ReturnSubscriptionArn=True)["SubscriptionArn"]
        attrs = {"Arn": ref}
    ctx["refs"][logical_id] = ref
    ctx["attributes"][logical_id] = attrs


def _stack_attributes(resource_type: str, physical_id: str, endpoint: str, region: str) -> dict:
    """GetAtt values of what moto made, for the skipped resources and Outputs that use them."""
    if resource_type == "AWS::DynamoDB::Table":
        table = _client("dynamodb", endpoint, region).describe_table(TableName=physical_id)["Table"]
        return {"Arn": table["TableArn"], "StreamArn": table.get("LatestStreamArn")}
    if resource_type == "AWS::SNS::Topic":
        return {"TopicArn": physical_id, "TopicName": physical_id.rsplit(":", 1)[1]}
    if resource_type == "AWS::SQS::Queue":
        sqs = _client("sqs", endpoint, region)
        arn = sqs.get_queue_attributes(QueueUrl=physical_id, AttributeNames=["QueueArn"])
        return {"Arn": arn["Attributes"]["QueueArn"], "QueueUrl": physical_id,
                "QueueName": physical_id.rsplit("/", 1)[1]}
    return {}


def deploy_infra(endpoint: str, stage: str = "local", region: str = "eu-west-2",
                 template_path: str = "infra/template.yaml",
                 stack_name: str | None = None, parameters: dict[str, str] | None = None,
                 platform_applications: bool = True) -> dict[str, str]:
    """Create (or update) the stack in the embedded AWS; return its Outputs, Cognito's included.
    `parameters` besides Stage: what a deployed stage's later steps pass (RestApiId, EdgeWebAclArn)."""
    stack_name = stack_name or f"labourspace-{stage}"
    template = cfn.load_template(template_path)
    resources = template.get("Resources", {})
    declared = template.get("Parameters", {})
    given = {key: value for key, value in {"Stage": stage, **(parameters or {})}.items() if key in declared}
    ctx = cfn.make_context(template, given, region, stack_name)
    skipped = {lid for lid, r in resources.items() if r.get("Type") in SELF_CREATED}  # by moto
    wanted = {lid for lid in skipped if "Condition" not in resources[lid]
              or cfn.resolve({"Condition": resources[lid]["Condition"]}, ctx)}  # made here
    cloudformation = _client("cloudformation", endpoint, region)
    _create_stack(cloudformation, stack_name,
                  json.dumps(_moto_template(template, skipped)), given)

    for made in cloudformation.describe_stack_resources(StackName=stack_name)["StackResources"]:
        if "LogicalResourceId" in made:  # moto lists skipped resources without a logical id
            lid, pid = made["LogicalResourceId"], made["PhysicalResourceId"]
            ctx["refs"][lid] = pid
            ctx["attributes"][lid] = _stack_attributes(made["ResourceType"], pid, endpoint, region)

    for kind in SELF_CREATED:  # pools before the clients and groups that name them
        for lid in sorted(lid for lid in wanted if resources[lid]["Type"] == kind):
            props = cfn.resolve(resources[lid].get("Properties", {}), ctx)
            _create_resource(kind, lid, props, ctx, endpoint, region)

    stack = cloudformation.describe_stacks(StackName=stack_name)["Stacks"][0]
    outputs = {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}
    for key, output in template.get("Outputs", {}).items():
        if key in outputs or ("Condition" in output and not cfn.resolve(
                {"Condition": output["Condition"]}, ctx)):
            continue
        outputs[key] = str(cfn.resolve(output["Value"], ctx))
    if platform_applications:
        outputs.update(_local_only(endpoint, region))
    return outputs


def _local_only(endpoint: str, region: str) -> dict[str, str]:
    """What AWS has by other means: push platform applications (made with the stores'
    credentials). Fakes here; moto accepts them."""
    kw = {"endpoint_url": endpoint, "region_name": region, "aws_access_key_id": "testing",
          "aws_secret_access_key": "testing"}
    sns = boto3.client("sns", **kw)
    arns = {}
    for name, platform in (("ApnsApplicationArn", "APNS_SANDBOX"), ("FcmApplicationArn", "GCM")):
        arns[name] = sns.create_platform_application(
            Name=f"labourspace-local-{platform.lower()}", Platform=platform,
            Attributes={"PlatformCredential": "local-fake", "PlatformPrincipal": "local-fake"},
        )["PlatformApplicationArn"]
    return arns


def env_name(output_key: str) -> str:
    """`UserPoolClientId` -> `USER_POOL_CLIENT_ID`, `JWKSUrl` -> `JWKS_URL`: the setting an
    Output feeds. A key already in UPPER_SNAKE_CASE stays as it is."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", output_key).upper()


def app_env(outputs: dict[str, str], endpoint: str, region: str = "eu-west-2",
            stage: str = "local") -> dict[str, str]:
    """The Chalice app's environment: each Output is the variable its name spells in
    UPPER_SNAKE_CASE (CloudFormation output ids cannot hold underscores)."""
    outputs = {env_name(key): value for key, value in outputs.items()}
    env = dict(outputs)
    env.update(aws_env(endpoint, region))
    env.update(STAGE=stage, POWERTOOLS_TRACE_DISABLED="true",
               POWERTOOLS_METRICS_NAMESPACE="Labourspace")
    pool_id = outputs.get("USER_POOL_ID")
    if pool_id:
        # moto serves the keys on its own endpoint but writes AWS's issuer into its tokens.
        env["COGNITO_JWKS_URL"] = f"{endpoint}/{pool_id}/.well-known/jwks.json"
        env["COGNITO_ISSUER"] = f"https://cognito-idp.{region}.amazonaws.com/{pool_id}"
    return env
