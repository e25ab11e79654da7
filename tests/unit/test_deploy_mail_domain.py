"""`make deploy MAIL_DOMAIN=...`: the functions may send from the domain the stack verifies, and
from no other (the checked-in policies name the template's default domain)."""

from __future__ import annotations

import json

import pytest

from ops.deploy import DEFAULT_MAIL_DOMAIN, mail_domain_policy
from tests.conftest import ROOT


def _ses_resources(policy: dict) -> list[str]:
    return [s["Resource"] for s in policy["Statement"] if any(a.startswith("ses:") for a in s["Action"])]


@pytest.mark.parametrize("stage", ["dev", "prod"])
def test_another_mail_domain_is_granted_in_place_of_the_default(stage: str) -> None:
    policy = json.loads((ROOT / ".chalice" / f"policy-{stage}.json").read_text(encoding="utf-8"))
    assert _ses_resources(policy) == [f"arn:aws:ses:*:*:identity/{DEFAULT_MAIL_DOMAIN}"]

    changed = mail_domain_policy(policy, "mail.labour.example.org")

    assert _ses_resources(changed) == ["arn:aws:ses:*:*:identity/mail.labour.example.org"]
    others = [s for s in changed["Statement"] if not any(a.startswith("ses:") for a in s["Action"])]
    assert others == [s for s in policy["Statement"] if not any(a.startswith("ses:") for a in s["Action"])]
