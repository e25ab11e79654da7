"""Who supports what is never public. The walk is generic over the app's routes: every GET that
answers an anonymous caller is fetched for a campaign with supporters, and no supporter's id,
handle or name may appear. Pages (/c/{slug}, ...) are walked too once they are routes; a route
with a path parameter the walker cannot fill fails here, so it gets taught rather than skipped."""

from __future__ import annotations

import json
import re
import uuid

import pytest

from tests.api.campaign_helpers import CONSENT, open_campaign
from tests.api.consultation_helpers import open_consultation
from tests.api.document_helpers import clauses, proposed, publish
from tests.conftest import event_runner

# Extra query strings worth walking for a route: every list and every page of the export.
VARIANTS = {
    "/campaigns": ["", "?sort=top", "?sort=trending", "?sort=new&area=health", "?status=closed&sort=top"],
    "/campaigns.csv": ["", "?cursor=closed:"],
    "/campaigns/{campaign_id}/replies": ["", "?limit=100"],
    "/consultations": ["", "?area=health"],
    "/manifesto": ["", "?area=health&stage=shortlisted"],
    # The world's campaigns are titled "Free bus travel for apprentices ...", its organisation "Walkers".
    "/search": ["?q=apprentices", "?q=apprentices&type=campaign&status=open&area=health", "?q=walkers",
                "?q=%22bus%20travel%22%20apprentices&status=closed"],
    "/search/suggest": ["?q=appren", "?q=free%20bus%20"],
    "/areas/{area_id}/canvass": ["", "?status=closed"],
    "/areas/{area_id}/canvass.csv": ["", "?cursor=closed:"],
    "/documents/{document_id}/amendments": ["", "?clause_id={clause_id}"],
    "/documents/{document_id}/decide": ["", "?clause={clause_id}"],
}


@pytest.fixture(scope="module")
def world(api, app, stack, make_user):
    from chalicelib.logic.counting import refresh_count

    # The streams from here on: the search index learns of this world's campaigns and people.
    runner = event_runner(app, stack)

    owner, moderator = make_user(name="owner"), make_user("moderators", name="mod")
    minister, admin = make_user("ministers", name="minister"), make_user("admins", name="admin")
    minister_id = json.loads(api.get("/me", user=minister).body)["id"]
    api.put(f"/ministers/{minister_id}/portfolio", user=admin, json_body={"areas": ["health"]})
    policy = make_user("policy", name="policy")
    policy_id = json.loads(api.get("/me", user=policy).body)["id"]
    api.put(f"/policy-team/{policy_id}/areas", user=admin, json_body={"areas": ["health"]})
    # The campaign answers a consultation, so the consultation's page and JSON are walked with it listed.
    consultation = open_consultation(api, admin)
    campaign = open_campaign(api, owner, moderator, area="health", consultation_id=consultation["id"])
    closed = open_campaign(api, owner, moderator, area="health")
    supporters = []
    for _ in range(3):
        user = make_user(name="supporter")
        tag = uuid.uuid4().hex[:6]
        me = json.loads(api.patch("/me", user=user, json_body={
            "handle": f"quiet-{tag}", "display_name": f"Quiet Supporter {tag}", "region": "wales"}).body)
        for c in (campaign, closed):
            assert api.put(f"/campaigns/{c['id']}/support", user=user, json_body=CONSENT).status_code == 200
        supporters.append((user, me))
    api.post(f"/campaigns/{closed['id']}/close", user=owner)
    for c in (campaign, closed):
        refresh_count(c["id"])
    policy = make_user("policy", name="policy")  # the campaign is on the manifesto shortlist too
    policy_id = json.loads(api.get("/me", user=policy).body)["id"]
    api.put(f"/policy-team/{policy_id}/areas", user=admin, json_body={"areas": ["health"]})
    version = json.loads(api.get(f"/campaigns/{campaign['id']}").body)["version"]
    assert api.put(f"/campaigns/{campaign['id']}/manifesto", user=policy, headers={"If-Match": str(version)},
                   json_body={"stage": "shortlisted", "note": "On the shortlist."}).status_code == 200
    reply = json.loads(api.post(f"/campaigns/{campaign['id']}/replies", user=owner,
                                json_body={"body": "Thank you all."}).body)
    # A policy document whose amendment the same people support, with the campaign linked to its clause.
    document = publish(api, policy)
    clause_id = clauses(document)[0]["id"]
    amendment = proposed(api, owner, document)
    for user, _me in supporters:
        assert api.put(f"/amendments/{amendment['id']}/support", user=user, json_body=CONSENT).status_code == 200
    assert api.put(f"/documents/{document['id']}/clauses/{clause_id}/origins", user=policy,
                   json_body={"campaign_ids": [campaign["id"]]}).status_code == 200
    refresh_count(amendment["id"])
    owner_me = json.loads(api.get("/me", user=owner).body)
    org = f"org-{uuid.uuid4().hex[:6]}"
    api.post("/organisations", user=owner, json_body={"handle": org, "name": "Walkers"})
    params = {"campaign_id": campaign["id"], "slug": campaign["slug"], "handle": owner_me["handle"],
              "reply_id": reply["id"], "id": "health", "area_id": "health",
              "name": "campaign.js", "minister_id": minister_id, "consultation_id": consultation["id"],
              "region_id": "wales", "document_id": document["id"], "clause_id": clause_id,
              "amendment_id": amendment["id"]}
    needles = [v for _, me in supporters for v in (me["id"], me["handle"], me["display_name"])]
    runner.run_once()
    return {"params": params, "needles": needles, "org": org, "campaign": campaign, "minister": minister,
            "supporters": supporters, "admin": admin, "policy": policy}


def _fill(route: str, world) -> str:
    def value(match: re.Match) -> str:
        name = match.group(1)
        if route.startswith("/organisations/") and name == "handle":
            return world["org"]
        assert name in world["params"], f"teach the walker to fill {{{name}}} in {route}"
        return world["params"][name]

    return re.sub(r"\{(\w+)\}", value, route)


def _paths(app, world, method: str = "GET") -> list[str]:
    return [_fill(route, world) + _fill(variant, world) for route, methods in sorted(app.routes.items())
            if method in methods for variant in VARIANTS.get(route, [""])]


def _leaks(body: str, needles: list[str]) -> list[str]:
    return [n for n in needles if n.lower() in body.lower()]


def test_no_public_route_shows_who_supports_a_campaign(api, app, world):
    walked = []
    for path in _paths(app, world):
        response = api.get(path)
        if response.status_code != 200:
            continue  # not public (401/403/404): nothing shown
        body = response.body.decode() if isinstance(response.body, bytes) else str(response.body)
        walked.append(path)
        assert _leaks(body, world["needles"]) == [], path
    # The walk saw the campaign, its count, its thread, the open data and a person's page.
    for must in ("/campaigns/{campaign_id}", "/campaigns", "/campaigns.csv", "/people/{handle}",
                 "/campaigns/{campaign_id}/replies", "/consultations/{consultation_id}",
                 "/manifesto", "/search", "/search/suggest", "/documents/{document_id}",
                 "/documents/{document_id}/amendments", "/amendments/{amendment_id}", "/campaigns/{campaign_id}/trail"):
        assert any(p.split("?")[0] == re.sub(r"\{(\w+)\}", lambda m: world["params"].get(m.group(1), ""), must)
                   for p in walked), must
    shown = json.loads(api.get(f"/campaigns/{world['campaign']['id']}").body)
    assert shown["support_count"] == len(world["supporters"])  # counts, never names
    amendment = json.loads(api.get(f"/amendments/{world['params']['amendment_id']}").body)
    assert amendment["support_count"] == len(world["supporters"])  # an amendment's too
    found = json.loads(api.get("/search?q=apprentices&type=campaign&area=health&limit=50").body)["items"]
    assert world["campaign"]["id"] in [r["id"] for r in found]  # the walk searched something that is there


def test_a_minister_sees_counts_never_supporters(api, app, world):
    for path in _paths(app, world):
        response = api.get(path, user=world["minister"])
        if response.status_code == 200:
            body = response.body.decode() if isinstance(response.body, bytes) else str(response.body)
            assert _leaks(body, world["needles"]) == [], path


def test_a_supporter_sees_only_their_own_supports(api, world):
    (first, _), (_, second_me) = world["supporters"][0], world["supporters"][1]
    mine = json.loads(api.get("/me/campaigns?relation=supported", user=first).body)["items"]
    assert world["campaign"]["id"] in [c["id"] for c in mine]
    body = api.get("/me/campaigns?relation=supported", user=first).body.decode()
    assert _leaks(body, [second_me["id"], second_me["handle"], second_me["display_name"]]) == []


@pytest.mark.parametrize("role", ["admin", "policy"])
def test_the_canvass_and_every_other_route_name_no_supporter_to_admins_or_the_policy_team(api, app, world, role):
    """The canvass shows an area's ideas and where their support comes from: counts by region, never people."""
    canvassed = []
    for path in _paths(app, world):
        response = api.get(path, user=world[role])
        if response.status_code == 200:
            body = response.body.decode() if isinstance(response.body, bytes) else str(response.body)
            assert _leaks(body, world["needles"]) == [], path
            if "/canvass" in path and path.startswith("/areas/"):  # the API, not the pages
                canvassed.append(path)
    assert len(canvassed) == 4, canvassed
    shown = json.loads(api.get("/areas/health/canvass?limit=100", user=world[role]).body)["items"]
    mine = next(i for i in shown if i["id"] == world["campaign"]["id"])
    assert mine["support_count"] == 3 and mine["support_by_region"]["wales"] == "<10"
