"""The acts issue 27 gave pages, as their routes answer: similar campaigns while a title is being written,
an owner's updates on the campaign's page, your own replies listed, a moderator's queue with what they
need to decide, an admin reading someone's roles, and an organisation's admins managing its people."""

from __future__ import annotations

import json
import uuid

import pytest

from tests.api.campaign_helpers import CONSENT, create, open_campaign, submit
from tests.api.people_helpers import established
from tests.conftest import assert_error


def _tag() -> str:
    return uuid.uuid4().hex[:6]


def _me(api, user) -> dict:
    return json.loads(api.get("/me", user=user).body)


@pytest.fixture(scope="module")
def people(make_user) -> dict:
    return {"owner": make_user(name="acts-owner"), "moderator": make_user("moderators", name="acts-mod"),
            "reader": make_user(name="acts-reader"), "admin": make_user("admins", name="acts-admin")}


# --- similar campaigns, before there is a draft ------------------------------------------------------------

def test_a_title_being_written_finds_the_open_campaign_asking_the_same(api, people, runner):
    tag = _tag()
    theirs = open_campaign(api, people["owner"], people["moderator"], area="transport",
                           title=f"Free bus travel for apprentices {tag} under 25")
    runner.run_once()
    found = api.get(f"/campaigns/similar?title=Free+buses+for+apprentices+{tag}&area=transport")
    assert found.status_code == 200, found.body
    assert [c["id"] for c in json.loads(found.body)["items"]][:1] == [theirs["id"]]
    assert json.loads(found.body)["items"][0]["slug"] == theirs["slug"]
    elsewhere = api.get(f"/campaigns/similar?title=Free+buses+for+apprentices+{tag}&area=health")
    assert theirs["id"] not in [c["id"] for c in json.loads(elsewhere.body)["items"]]  # the same area only
    unrelated = api.get(f"/campaigns/similar?title=Nationalise+the+{tag}+water+companies&area=transport")
    assert theirs["id"] not in [c["id"] for c in json.loads(unrelated.body)["items"]]


def test_a_bad_area_or_title_is_a_clear_400(api):
    error = assert_error(api.get("/campaigns/similar?title=Free+buses+for+all&area=nowhere"), 400, "invalid_input")
    assert "area" in error["details"]["fields"]
    assert "title" in assert_error(api.get("/campaigns/similar?title=ab&area=transport"), 400)["details"]["fields"]
    assert "title" in assert_error(api.get("/campaigns/similar?area=transport"), 400)["details"]["fields"]


# --- an owner's updates, on the campaign's page ------------------------------------------------------------

def test_an_owners_updates_are_on_the_campaigns_page_newest_first(api, people):
    campaign = open_campaign(api, people["owner"], people["moderator"], title=f"Safer crossings {_tag()} by schools")
    page = api.get(f"/c/{campaign['slug']}").body.decode()
    assert "Updates from the campaign" not in page
    for headline in ("We met the council", "The council agreed"):
        sent = api.post(f"/campaigns/{campaign['id']}/updates", user=people["owner"],
                        json_body={"headline": headline, "body": f"{headline}, and here is how.\nSecond paragraph."})
        assert sent.status_code == 201, sent.body
    page = api.get(f"/c/{campaign['slug']}?updated=1").body.decode()
    assert "Updates from the campaign" in page
    assert page.index("The council agreed") < page.index("We met the council")
    assert "<p>Second paragraph.</p>" in page
    assert json.loads(api.get(f"/campaigns/{campaign['id']}").body)["version"] == campaign["version"]  # no copy stale


# --- your own replies --------------------------------------------------------------------------------------

def test_your_replies_are_listed_newest_first_with_where_they_are_deleted_ones_too(api, people, make_user):
    me = make_user(name="acts-replier")
    campaign = open_campaign(api, people["owner"], people["moderator"], title=f"Longer library hours {_tag()} now")
    said = []
    for words in ("First thought.", "Second thought.", "Third thought."):
        made = api.post(f"/campaigns/{campaign['id']}/replies", user=me, json_body={"body": words})
        assert made.status_code == 201, made.body
        said.append(json.loads(made.body))
    assert api.delete(f"/campaigns/{campaign['id']}/replies/{said[0]['id']}", user=me).status_code == 204
    first = json.loads(api.get("/me/replies?limit=2", user=me).body)
    assert [r["body"] for r in first["items"]] == ["Third thought.", "Second thought."]
    assert first["items"][0]["campaign"] == {"id": campaign["id"], "slug": campaign["slug"], "title": campaign["title"]}
    rest = json.loads(api.get(f"/me/replies?limit=2&cursor={first['next_cursor']}", user=me).body)
    assert [(r["id"], r["removed"], r["body"]) for r in rest["items"]] == [(said[0]["id"], True, "")]
    assert json.loads(api.get("/me/replies", user=people["reader"]).body)["items"] == []  # nobody else's
    assert_error(api.get("/me/replies"), 401)


# --- the moderator's queue ---------------------------------------------------------------------------------

def _queued(api, moderator, campaign_id: str) -> dict:
    from tests.api.campaign_helpers import moderation_queue

    return next(c for c in moderation_queue(api, user=moderator) if c["id"] == campaign_id)


def test_a_pending_campaign_comes_whole_with_the_open_campaigns_like_it(api, people, runner):
    tag = _tag()
    theirs = open_campaign(api, people["owner"], people["moderator"], area="transport",
                           title=f"Free bus travel for apprentices {tag} under 25")
    runner.run_once()
    copy = create(api, people["reader"], area="transport", title=f"Free buses for apprentices {tag}")
    submit(api, people["reader"], copy)
    queued = _queued(api, people["moderator"], copy["id"])
    assert queued["body"] == copy["body"] and queued["summary"] == copy["summary"] and queued["area"] == "transport"
    assert [s["id"] for s in queued["similar"]][:1] == [theirs["id"]]


def test_reported_content_comes_with_its_words_its_place_the_reasons_and_whether_it_is_hidden(api, people, make_user):
    campaign = open_campaign(api, people["owner"], people["moderator"], title=f"Open the pools {_tag()} all summer")
    words = f"Buy cheap watches at {_tag()}.example"
    reply = json.loads(api.post(f"/campaigns/{campaign['id']}/replies", user=people["reader"],
                                json_body={"body": words}).body)
    reporters = [established(api, make_user(name="acts-reporter")) for _ in range(3)]
    for n, reporter in enumerate(reporters):
        made = api.post("/reports", user=reporter,
                        json_body={"target_type": "reply", "target_id": reply["id"], "reason": f"Spam, number {n}."})
        assert made.status_code == 201, made.body
    queue = json.loads(api.get("/moderation/queue", user=people["moderator"]).body)
    [item] = [x for x in queue["reported"] if x["target_id"] == reply["id"]]
    assert item["target_type"] == "reply" and item["reports"] == 3 and item["hidden"] is True
    assert sorted(item["reasons"]) == ["Spam, number 0.", "Spam, number 1.", "Spam, number 2."]
    content = item["content"]
    assert content["body"] == words and content["summary"] is None and content["removed"] is False
    assert content["campaign"] == {"id": campaign["id"], "slug": campaign["slug"], "title": campaign["title"],
                                   "area": campaign["area"], "status": "open"}
    assert content["author"]["id"] == _me(api, people["reader"])["id"]
    assert not any(_me(api, r)["id"] in json.dumps(item) for r in reporters)  # reasons, never reporters

    restored = api.post(f"/moderation/reply/{reply['id']}", user=people["moderator"],
                        json_body={"action": "restore", "reason": "Not spam after all."})
    assert restored.status_code == 200, restored.body
    queue = json.loads(api.get("/moderation/queue", user=people["moderator"]).body)
    assert reply["id"] not in [x["target_id"] for x in queue["reported"]]


def test_a_reported_campaign_comes_with_its_summary_and_case(api, people, make_user):
    campaign = open_campaign(api, people["owner"], people["moderator"], title=f"Ban leaf blowers {_tag()} at dawn")
    made = api.post("/reports", user=make_user(name="acts-campaign-reporter"),
                    json_body={"target_type": "campaign", "target_id": campaign["id"], "reason": "A copy of another."})
    assert made.status_code == 201, made.body
    queue = json.loads(api.get("/moderation/queue", user=people["moderator"]).body)
    [item] = [x for x in queue["reported"] if x["target_id"] == campaign["id"]]
    assert item["hidden"] is False  # a young account's report queues it, never hides it
    assert (item["content"]["summary"], item["content"]["body"]) == (campaign["summary"], campaign["body"])
    assert item["content"]["author"]["handle"] == campaign["owner"]["handle"]


# --- an admin reads someone's roles and areas --------------------------------------------------------------

def test_an_admin_reads_a_ministers_roles_and_areas_by_handle(api, people, make_user):
    minister = make_user("ministers", name="acts-minister")
    profile = _me(api, minister)
    assert api.put(f"/ministers/{profile['id']}/portfolio", user=people["admin"],
                   json_body={"areas": ["transport", "energy"]}).status_code == 200
    shown = json.loads(api.get(f"/people/{profile['handle']}/roles", user=people["admin"]).body)
    person = {"id": profile["id"], "handle": profile["handle"], "display_name": profile["display_name"]}
    assert shown == {"person": person,
                     "roles": ["citizen", "minister"], "portfolio": ["energy", "transport"], "policy_areas": []}
    assert_error(api.get("/people/nobody-has-this-handle/roles", user=people["admin"]), 404)
    assert_error(api.get(f"/people/{profile['handle']}/roles", user=minister), 403)


# --- an organisation's admins and its people ---------------------------------------------------------------

@pytest.fixture
def organisation(api, people, make_user) -> dict:
    """An organisation of the owner's (its admin), one accepted member and one person invited."""
    handle = f"acts-{_tag()}"
    assert api.post("/organisations", user=people["owner"], json_body={"handle": handle, "name": "Acts Branch"}) \
        .status_code == 201
    member, invitee = make_user(name="acts-member"), make_user(name="acts-invitee")
    for user in (member, invitee):
        assert api.post(f"/organisations/{handle}/members", user=people["owner"],
                        json_body={"handle": _me(api, user)["handle"]}).status_code == 201
    assert api.post(f"/organisations/{handle}/members/me/accept", user=member).status_code == 200
    return {"handle": handle, "member": member, "invitee": invitee}


def test_its_admins_see_members_and_invitations_and_nobody_else_does(api, people, organisation):
    listed = json.loads(api.get(f"/organisations/{organisation['handle']}/members", user=people["owner"]).body)
    states = {m["person"]["handle"]: (m["role"], m["state"]) for m in listed["items"]}
    assert states == {_me(api, people["owner"])["handle"]: ("admin", "member"),
                      _me(api, organisation["member"])["handle"]: ("member", "member"),
                      _me(api, organisation["invitee"])["handle"]: ("member", "invited")}
    public = json.loads(api.get(f"/organisations/{organisation['handle']}").body)
    assert _me(api, organisation["invitee"])["handle"] not in json.dumps(public)  # invitations stay private
    assert_error(api.get(f"/organisations/{organisation['handle']}/members", user=organisation["member"]), 403)
    assert json.loads(api.get(f"/organisations/{organisation['handle']}/members", user=people["admin"]).body)["items"]


def test_an_admin_withdraws_an_invitation_and_removes_a_member_who_loses_its_rights(api, people, organisation):
    org, owner = organisation["handle"], people["owner"]
    campaign = open_campaign(api, owner, people["moderator"], organisation=org, title=f"Warm hubs {_tag()} in winter")
    invitee, member = _me(api, organisation["invitee"]), _me(api, organisation["member"])

    assert api.delete(f"/organisations/{org}/members/{invitee['handle']}", user=owner).status_code == 204
    assert_error(api.post(f"/organisations/{org}/members/me/accept", user=organisation["invitee"]), 404)
    assert_error(api.delete(f"/organisations/{org}/members/{invitee['handle']}", user=owner), 404, "member_not_found")

    update = {"headline": "News from the branch", "body": "We met the council."}
    assert_error(api.delete(f"/organisations/{org}/members/{member['handle']}", user=organisation["member"]), 403)
    assert api.delete(f"/organisations/{org}/members/{member['handle']}", user=owner).status_code == 204
    assert_error(api.post(f"/campaigns/{campaign['id']}/updates", user=organisation["member"], json_body=update), 403)
    handles = [m["person"]["handle"] for m in json.loads(api.get(f"/organisations/{org}").body)["members"]]
    assert member["handle"] not in handles
    assert_error(api.delete(f"/organisations/{org}/members/nobody-has-this-handle", user=owner), 404)


def test_support_still_counts_after_its_supporter_leaves_the_host(api, people, organisation):
    """Removing someone takes away an organisation's rights, nothing they did as themselves."""
    org, owner, member = organisation["handle"], people["owner"], organisation["member"]
    campaign = open_campaign(api, owner, people["moderator"], organisation=org, title=f"Bike lanes {_tag()} everywhere")
    assert api.put(f"/campaigns/{campaign['id']}/support", user=member, json_body=CONSENT).status_code == 200
    assert api.delete(f"/organisations/{org}/members/{_me(api, member)['handle']}", user=owner).status_code == 204
    mine = json.loads(api.get("/me/campaigns?relation=supported", user=member).body)["items"]
    assert campaign["id"] in [c["id"] for c in mine]
