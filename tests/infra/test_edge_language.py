"""The CloudFront Function that reduces Accept-Language to "cy" or "en" before the cache (issue 29; README,
"Choosing the language"): its code, taken from infra/template.yaml as CloudFront gets it, run under Node
on the same table of headers as the origin's chooser (tests/unit/test_language_choice.py), so the edge and
the origin can never disagree; and associated with every cache behaviour whose key holds Accept-Language.
Node is required, never skipped: CI has it (`make test` runs `npm ci` for axe-core)."""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import Any

import pytest

from chalicelib.http.language import preferred
from devstack import cfn
from tests.conftest import ROOT
from tests.unit.test_language_choice import ACCEPT_LANGUAGE_CASES

TEMPLATE = cfn.load_template(ROOT / "infra" / "template.yaml")
RESOURCES: dict[str, Any] = TEMPLATE["Resources"]
FUNCTION_ID = "EdgeLanguageFunction"
CODE: str = RESOURCES[FUNCTION_ID]["Properties"]["FunctionCode"]

# CloudFront's viewer-request event, one per header (None: no Accept-Language at all; a list: the header sent
# more than once), through the function's handler; prints what each request leaves with.
_RUN = """
const events = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const handler = new Function(process.argv[1] + '\\nreturn handler;')();
console.log(JSON.stringify(events.map((event) => handler(event).headers)));
"""


def _edge(headers: list[str | list[str] | None]) -> list[dict[str, Any]]:
    node = shutil.which("node")
    assert node is not None, "node is needed to run the CloudFront Function (CI installs it; see the Makefile)"
    events = []
    for header in headers:
        given: dict[str, Any] = {"cookie": {"value": "lang=cy"}}
        if isinstance(header, list):
            given["accept-language"] = {"value": header[0], "multiValue": [{"value": v} for v in header]}
        elif header is not None:
            given["accept-language"] = {"value": header}
        events.append({"version": "1.0", "request": {"method": "GET", "uri": "/c/free-buses", "headers": given}})
    ran = subprocess.run([node, "-e", _RUN, CODE], input=json.dumps(events),  # noqa: S603 - fixed arguments
                         capture_output=True, text=True, timeout=60, check=False)
    assert ran.returncode == 0, ran.stderr
    return list(json.loads(ran.stdout))


def test_the_edge_picks_the_language_the_origin_would_for_every_header_in_the_choosers_table() -> None:
    headers = [header for header, _ in ACCEPT_LANGUAGE_CASES]
    at_the_edge = [h["accept-language"]["value"] for h in _edge(headers)]
    at_the_origin = [preferred(header) or "en" for header in headers]
    assert list(zip(headers, at_the_edge, strict=True)) == list(zip(headers, at_the_origin, strict=True))
    # What the origin then reads from the reduced header is the same choice again.
    assert [preferred(value) for value in at_the_edge] == at_the_origin


def test_the_edge_leaves_only_cy_or_en_and_touches_nothing_else() -> None:
    headers: list[str | list[str] | None] = [None, "", "fr", "cy", "en-GB,en;q=0.9", ["fr", "cy;q=0.5"]]
    left = _edge(headers)
    assert [h["accept-language"] for h in left] == [{"value": v} for v in ("en", "en", "en", "cy", "en", "cy")]
    assert all(h["cookie"] == {"value": "lang=cy"} and set(h) == {"cookie", "accept-language"} for h in left)


def _cache_policies_keyed_on_accept_language() -> set[str]:
    return {lid for lid, r in RESOURCES.items() if r["Type"] == "AWS::CloudFront::CachePolicy"
            and "accept-language" in {h.lower() for h in r["Properties"]["CachePolicyConfig"]
                                      ["ParametersInCacheKeyAndForwardedToOrigin"]["HeadersConfig"].get("Headers", [])}}


def _behaviours() -> list[tuple[str, dict[str, Any]]]:
    found = []
    for lid, resource in RESOURCES.items():
        if resource["Type"] == "AWS::CloudFront::Distribution":
            config = resource["Properties"]["DistributionConfig"]
            found.append((f"{lid} default", config["DefaultCacheBehavior"]))
            found += [(f"{lid} {b['PathPattern']}", b) for b in config.get("CacheBehaviors", [])]
    return found


def test_every_behaviour_whose_cache_keys_on_accept_language_runs_the_function_before_the_cache() -> None:
    keyed = _cache_policies_keyed_on_accept_language()
    assert keyed == {"EdgeCachePolicy"}
    behaviours = [(name, b) for name, b in _behaviours() if b.get("CachePolicyId", {}).get("Ref") in keyed]
    assert [name for name, _ in behaviours] == ["EdgeDistribution default"]
    for name, behaviour in behaviours:
        assert {"EventType": "viewer-request", "FunctionARN": {"Fn::GetAtt": [FUNCTION_ID, "FunctionARN"]}} in \
            behaviour.get("FunctionAssociations", []), name


def test_the_function_is_published_on_cloudfronts_current_runtime_wherever_the_distribution_is() -> None:
    function = RESOURCES[FUNCTION_ID]
    assert function["Type"] == "AWS::CloudFront::Function"
    assert function["Condition"] == RESOURCES["EdgeDistribution"]["Condition"]
    assert function["Properties"]["AutoPublish"] is True
    assert function["Properties"]["FunctionConfig"]["Runtime"] == "cloudfront-js-2.0"
    assert len(CODE.encode()) < 10_240  # CloudFront Functions' size limit


@pytest.mark.parametrize("header", ["cy;q=" + "9" * 5000, ",".join(["fr"] * 2000 + ["cy"])])
def test_a_long_header_is_reduced_like_any_other(header: str) -> None:
    assert _edge([header])[0]["accept-language"] == {"value": preferred(header) or "en"}
