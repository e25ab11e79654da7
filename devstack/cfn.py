"""Read the CloudFormation template and evaluate its intrinsic functions.

moto's CloudFormation skips the Cognito types and SNS subscriptions, so devstack creates those
itself from the template's own Properties; this module is what lets it read them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

DEFAULT_ACCOUNT_ID = "123456789012"  # moto's default account
NO_VALUE = object()  # AWS::NoValue: the property is dropped, as in CloudFormation

# Short-form tag -> long-form key. !Ref, !Condition and !GetAtt are special-cased below.
_FN_TAGS = ("Sub", "Join", "If", "Equals", "Select", "Split", "FindInMap", "Not", "And", "Or",
            "Base64", "GetAZs", "ImportValue", "Cidr", "Length", "ToJsonString")


class UnresolvedError(ValueError):
    """An intrinsic function devstack cannot evaluate locally (named in the message)."""


class _TemplateLoader(yaml.SafeLoader):
    """SafeLoader that knows CloudFormation's short-form tags."""


def _node_value(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)


def _fn(key: str):
    def construct(loader: yaml.SafeLoader, node: yaml.Node) -> dict[str, Any]:
        return {key: _node_value(loader, node)}
    return construct


def _get_att(loader: yaml.SafeLoader, node: yaml.Node) -> dict[str, Any]:
    value = _node_value(loader, node)
    if isinstance(value, str):  # !GetAtt Table.StreamArn -> ["Table", "StreamArn"]
        value = value.split(".", 1)
    return {"Fn::GetAtt": value}


def _plain_string(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    # An unquoted 2010-09-09 must stay the string CloudFormation sees, not a date.
    return loader.construct_scalar(node)


_TemplateLoader.add_constructor("!Ref", _fn("Ref"))
_TemplateLoader.add_constructor("!Condition", _fn("Condition"))
_TemplateLoader.add_constructor("!GetAtt", _get_att)
_TemplateLoader.add_constructor("tag:yaml.org,2002:timestamp", _plain_string)
for _name in _FN_TAGS:
    _TemplateLoader.add_constructor(f"!{_name}", _fn(f"Fn::{_name}"))


def parse_template(text: str) -> dict[str, Any]:
    return yaml.load(text, Loader=_TemplateLoader)  # noqa: S506 - a SafeLoader subclass


def load_template(path: str | Path = "infra/template.yaml") -> dict[str, Any]:
    """The template as long-form dicts: {"Ref": ...}, {"Fn::Sub": ...}, {"Fn::GetAtt": [a, b]}."""
    return parse_template(Path(path).read_text(encoding="utf-8"))


def make_context(
    template: dict[str, Any],
    parameters: dict[str, str] | None = None,
    region: str = "eu-west-2",
    stack_name: str = "stack",
    account_id: str = DEFAULT_ACCOUNT_ID,
) -> dict[str, Any]:
    """A resolve() context: parameters (defaults filled in), pseudo parameters, conditions.

    Callers add physical ids to context["refs"] and attributes to context["attributes"]
    ({logical id: {attribute: value}}) as resources are created.
    """
    values = {name: spec.get("Default") for name, spec in template.get("Parameters", {}).items()}
    values.update(parameters or {})
    return {
        "parameters": {k: v for k, v in values.items() if v is not None},
        "refs": {},
        "attributes": {},
        "region": region,
        "account_id": account_id,
        "stack_name": stack_name,
        "conditions": template.get("Conditions", {}),
        "mappings": template.get("Mappings", {}),
    }


def _pseudo(name: str, context: dict[str, Any]) -> Any:
    return {
        "AWS::Region": context.get("region", "eu-west-2"),
        "AWS::AccountId": context.get("account_id", DEFAULT_ACCOUNT_ID),
        "AWS::StackName": context.get("stack_name", "stack"),
        "AWS::StackId": f"arn:aws:cloudformation:{context.get('region', 'eu-west-2')}:"
                        f"{context.get('account_id', DEFAULT_ACCOUNT_ID)}:stack/"
                        f"{context.get('stack_name', 'stack')}/local",
        "AWS::Partition": "aws",
        "AWS::URLSuffix": "amazonaws.com",
        "AWS::NoValue": NO_VALUE,
    }.get(name)


def _ref(name: str, context: dict[str, Any]) -> Any:
    pseudo = _pseudo(name, context)
    if pseudo is not None:
        return pseudo
    for section in ("parameters", "refs"):
        if name in context.get(section, {}):
            return context[section][name]
    raise UnresolvedError(f"!Ref {name}: no such parameter, and no such resource created yet")


def _get_att_value(args: Any, context: dict[str, Any]) -> Any:
    if isinstance(args, str):  # the long form written as "Logical.Attribute"
        args = args.split(".", 1)
    logical_id, attribute = args[0], resolve(args[1], context)
    try:
        return context["attributes"][logical_id][attribute]
    except KeyError:
        raise UnresolvedError(f"!GetAtt {logical_id}.{attribute}: attribute not known") from None


_SUB_VARIABLE = re.compile(r"\$\{([^}]*)\}")


def _sub(args: Any, context: dict[str, Any]) -> str:
    template, variables = (args, {}) if isinstance(args, str) else (args[0], args[1])
    variables = {name: resolve(value, context) for name, value in variables.items()}

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name.startswith("!"):  # ${!Literal} writes "${Literal}"
            return "${" + name[1:] + "}"
        if name in variables:
            return str(variables[name])
        if "." in name and not name.startswith("AWS::"):
            return str(_get_att_value(name.split(".", 1), context))
        return str(_ref(name, context))

    return _SUB_VARIABLE.sub(substitute, template)


def _condition(name: str, context: dict[str, Any]) -> bool:
    conditions = context.get("conditions", {})
    if name not in conditions:
        raise UnresolvedError(f"Condition {name} is not defined in the template")
    return bool(resolve(conditions[name], context))


def _find_in_map(args: list[Any], context: dict[str, Any]) -> Any:
    map_name, top, second = (resolve(a, context) for a in args)
    try:
        return context["mappings"][map_name][top][second]
    except KeyError:
        raise UnresolvedError(f"!FindInMap {map_name}.{top}.{second}: not in Mappings") from None


def _intrinsic(name: str, args: Any, context: dict[str, Any]) -> Any:
    if name == "Ref":
        return _ref(args, context)
    if name == "Condition":
        return _condition(args, context)
    if name == "Fn::GetAtt":
        return _get_att_value(args, context)
    if name == "Fn::Sub":
        return _sub(args, context)
    if name == "Fn::If":
        condition, when_true, when_false = args
        return resolve(when_true if _condition(condition, context) else when_false, context)
    if name == "Fn::FindInMap":
        return _find_in_map(args, context)
    args = resolve(args, context)  # the rest take plain, already-resolved arguments
    if name == "Fn::Join":
        return args[0].join(str(part) for part in args[1])
    if name == "Fn::Equals":
        return args[0] == args[1]
    if name == "Fn::Not":
        return not args[0]
    if name == "Fn::And":
        return all(args)
    if name == "Fn::Or":
        return any(args)
    if name == "Fn::Select":
        return args[1][int(args[0])]
    if name == "Fn::Split":
        return args[1].split(args[0])
    if name == "Fn::GetAZs":
        region = args or context.get("region", "eu-west-2")
        return [f"{region}{zone}" for zone in "abc"]
    raise UnresolvedError(f"{name} is not supported by devstack's local resolver")


def resolve(value: Any, context: dict[str, Any]) -> Any:
    """Evaluate every intrinsic function in value; AWS::NoValue drops the key or item."""
    if isinstance(value, dict):
        if len(value) == 1:
            (key, args), = value.items()
            if key == "Ref" or key == "Condition" or key.startswith("Fn::"):
                return _intrinsic(key, args, context)
        resolved = {k: resolve(v, context) for k, v in value.items()}
        return {k: v for k, v in resolved.items() if v is not NO_VALUE}
    if isinstance(value, list):
        return [item for item in (resolve(v, context) for v in value) if item is not NO_VALUE]
    return value
