"""The business events reach CloudWatch as Powertools metrics (EMF lines on stdout, namespace
Labourspace), which the dashboard graphs: a sign-up once per person, a support per support."""

from __future__ import annotations

import json

from tests.api.campaign_helpers import CONSENT, open_campaign


def _as_list(value: float | list[float]) -> list[float]:
    return value if isinstance(value, list) else [value]


def _metrics(printed: str) -> list[tuple[str, float]]:
    """(name, value) of each metric in the EMF lines Powertools printed."""
    found = []
    for line in printed.splitlines():
        if not line.startswith("{") or '"_aws"' not in line:
            continue
        document = json.loads(line)
        for directive in document["_aws"]["CloudWatchMetrics"]:
            names = [m["Name"] for m in directive["Metrics"]]
            assert directive["Namespace"] == "Labourspace"
            if names != ["ColdStart"]:  # the dashboard graphs the business metrics by service alone
                assert (directive["Dimensions"], document["service"]) == ([["service"]], "labourspace")
            found += [(name, sum(_as_list(document[name]))) for name in names]
    return found


def test_the_first_signed_in_request_counts_one_sign_up_and_later_ones_none(api, make_user, capsys) -> None:
    person = make_user(name="newcomer")
    capsys.readouterr()
    assert api.get("/me", user=person).status_code == 200
    assert ("SignUps", 1.0) in _metrics(capsys.readouterr().out)
    assert api.get("/me", user=person).status_code == 200
    assert "SignUps" not in {name for name, _ in _metrics(capsys.readouterr().out)}


def test_a_support_is_counted_and_a_refused_one_is_not(api, make_user, capsys) -> None:
    owner, moderator = make_user(name="owner"), make_user("moderators", name="mod")
    supporter = make_user(name="supporter")
    campaign = open_campaign(api, owner, moderator, area="transport")
    capsys.readouterr()
    response = api.put(f"/campaigns/{campaign['id']}/support", user=supporter, json_body=CONSENT)
    assert response.status_code == 200, response.body
    assert ("Supports", 1.0) in _metrics(capsys.readouterr().out)
    refused = api.put(f"/campaigns/{campaign['id']}/support", user=supporter, json_body={})
    assert refused.status_code == 400
    assert "Supports" not in {name for name, _ in _metrics(capsys.readouterr().out)}
