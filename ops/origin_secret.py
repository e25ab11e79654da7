"""Rotate the origin secret: the X-Origin-Verify value CloudFront adds to every request, without which the
API's web ACL answers 403 (README, "Edge protection").

    python -m ops.origin_secret rotate --stage dev

CloudFront takes minutes to carry a change to every edge, so at no moment may the API refuse what some edge
still sends. Three stack updates, each waited on (CloudFormation waits for the distribution to deploy):

1. A new value is stored as the secret's AWSPENDING version; the API accepts it as well as the current one
   (OriginSecretAlsoAccepted), while CloudFront still sends the current one (now named by its version).
2. CloudFront sends the new one; the API still accepts the old, for the edges not yet updated.
3. The new version becomes AWSCURRENT (the old one AWSPREVIOUS), and the API accepts only it.

The value never leaves AWS: Secrets Manager makes it, and only the stack's dynamic references read it.
A `make deploy` meanwhile keeps whatever versions the stack was last given.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PENDING, CURRENT = "AWSPENDING", "AWSCURRENT"

# Updates the stage's main stack with these parameters (the rest keep their values) and waits.
UpdateStack = Callable[[dict[str, str]], None]


def secret_name(stage: str) -> str:
    return f"labourspace-{stage}-origin"


def _version_with(secrets: Any, name: str, label: str) -> str | None:
    versions = secrets.list_secret_version_ids(SecretId=name)["Versions"]
    return next((v["VersionId"] for v in versions if label in v.get("VersionStages", [])), None)


def rotate(secrets: Any, stage: str, update_stack: UpdateStack, say: Callable[[str], None] = print) -> str:
    """The three steps above; the new version's id."""
    name = secret_name(stage)
    old = _version_with(secrets, name, CURRENT)
    if old is None:
        raise RuntimeError(f"{name} has no current version: deploy the stage first")
    value = secrets.get_random_password(PasswordLength=48, ExcludePunctuation=True)["RandomPassword"]
    new = secrets.put_secret_value(SecretId=name, SecretString=value, VersionStages=[PENDING])["VersionId"]
    say(f"1/3 {name}: new version {new} (pending); the API accepts it and {old}, CloudFront sends {old}")
    update_stack({"OriginSecretVersion": old, "OriginSecretAlsoAccepted": new})
    say(f"2/3 CloudFront sends {new}; the API still accepts {old} while the edges update")
    update_stack({"OriginSecretVersion": new, "OriginSecretAlsoAccepted": old})
    secrets.update_secret_version_stage(SecretId=name, VersionStage=CURRENT, MoveToVersionId=new,
                                        RemoveFromVersionId=old)
    secrets.update_secret_version_stage(SecretId=name, VersionStage=PENDING, RemoveFromVersionId=new)
    say(f"3/3 {new} is current; the API accepts only it")
    update_stack({"OriginSecretVersion": new, "OriginSecretAlsoAccepted": ""})
    return new


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("action", choices=("rotate",))
    parser.add_argument("--stage", required=True, choices=("dev", "prod"))
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    import boto3

    from devstack import cfn
    from ops import stack
    from ops.deploy import DEFAULT_REGION, say, stack_name

    session = boto3.Session(region_name=boto3.Session().region_name or DEFAULT_REGION)
    template = ROOT / "infra" / "template.yaml"
    declared = cfn.load_template(template).get("Parameters", {})

    def update_stack(parameters: dict[str, str]) -> None:
        stack.apply(session, stack_name(args.stage), template, declared, {"Stage": args.stage, **parameters}, say)

    rotate(session.client("secretsmanager"), args.stage, update_stack, say)
    return 0


if __name__ == "__main__":
    sys.exit(main())
