"""Amendments through the API: proposing (the window, the clause, organisations, the caps), reading
them beside their clause, supporting them as campaigns are supported, and the policy team's decisions
(a reason always; never on their own or their organisation's; audited with the text before)."""

from __future__ import annotations

import json

import pytest

from tests.api.campaign_helpers import CONSENT
from tests.api.document_helpers import (
    DECIDED,
    clauses,
    close_window,
    decide,
    propose,
    proposed,
    publish,
    team,
    verified_party,
)
from tests.conftest import assert_error, deliver_until_quiet


@pytest.fixture(scope="module")
def people(api, make_user):
    return team(api, make_user, "am")


def test_a_member_proposes_an_amendment_to_one_clause(api, people):
    document = publish(api, people["policy"])
    made = proposed(api, people["ada"], document, 1, action="insert_after", text="Pharmacies prescribe more.")
    assert made["status"] == "submitted" and made["id"].startswith("am-")
    assert (made["clause_id"], made["clause_number"], made["action"]) == (clauses(document)[1]["id"], "1.2",
                                                                          "insert_after")
    assert made["proposer"]["id"] == people["ada"].sub and made["organisation"] is None
    assert made["support_count"] == 0 and made["decision"] is None
    shown = json.loads(api.get(f"/documents/{document['id']}").body)
    assert [c["amendment_count"] for c in clauses(shown)] == [0, 1, 0] and shown["undecided"] == 1
    assert json.loads(api.get(f"/amendments/{made['id']}").body)["text"] == "Pharmacies prescribe more."


def test_proposals_outside_the_window_to_no_clause_or_without_words_are_refused(api, people):
    document = publish(api, people["policy"])
    assert_error(propose(api, None, document), 401)
    assert_error(propose(api, people["ada"], document, reason="short"), 400, "reason_required")
    assert_error(propose(api, people["ada"], document, text="Every town keeps a GP surgery."), 400,
                 "invalid_amendment")
    assert_error(propose(api, people["ada"], document, action="delete", text="Not empty"), 400, "invalid_amendment")
    assert_error(propose(api, people["ada"], document, action="merge"), 400)
    unknown = api.post(f"/documents/{document['id']}/amendments", user=people["ada"],
                       json_body={"clause_id": "cl-nothere", "action": "delete", "text": "", "reason": DECIDED})
    assert_error(unknown, 400, "unknown_clause")
    assert_error(api.post("/documents/doc-none/amendments", user=people["ada"],
                          json_body={"clause_id": "x", "action": "delete", "reason": DECIDED}), 404,
                 "document_not_found")
    close_window(document["id"])
    error = assert_error(propose(api, people["ada"], document), 409, "amendments_closed")
    assert error["details"]["amendments_close_at"]
    assert json.loads(api.get(f"/documents/{document['id']}").body)["status"] == "amendments_closed"


def test_a_person_proposes_five_to_a_document_and_an_organisation_ten(api, people, make_user):
    document = publish(api, people["policy"])
    proposer = make_user(name="am-prolific")
    for n in range(5):
        proposed(api, proposer, document, n % 3, text=f"A better wording, take {n}.")
    capped = assert_error(propose(api, proposer, document, text="A sixth."), 429, "rate_limited")
    assert capped["details"]["limit"] == 5 and "constituency party" in capped["message"]
    unverified = f"clp-{document['id'][-6:]}"
    assert api.post("/organisations", user=proposer, json_body={"handle": unverified, "name": "Unverified CLP",
                                                                "kind": "constituency_party"}).status_code == 201
    assert_error(propose(api, proposer, document, organisation=unverified), 403, "organisation_not_verified")
    org = json.loads(api.get(f"/organisations/{unverified}").body)
    assert (org["kind"], org["verified"]) == (None, False)  # the kind shows once an admin verified it
    handle = verified_party(api, proposer, people["admin"])
    assert_error(propose(api, people["ben"], document, organisation=handle), 403, "not_organisation_admin")
    for n in range(10):
        made = proposed(api, proposer, document, n % 3, text=f"The party's wording {n}.", organisation=handle)
    assert made["organisation"]["handle"] == handle and made["organisation"]["kind"] == "constituency_party"
    assert_error(propose(api, proposer, document, text="An eleventh.", organisation=handle), 429, "rate_limited")
    org = json.loads(api.get(f"/organisations/{handle}").body)
    assert (org["kind"], org["verified"]) == ("constituency_party", True)


def test_verifying_an_organisation_is_for_admins(api, people):
    handle = f"branch-{people['ada'].sub[:6]}"
    api.post("/organisations", user=people["ada"], json_body={"handle": handle, "name": "A branch", "kind": "branch"})
    for who in ("ada", "policy"):
        assert_error(api.put(f"/organisations/{handle}/verification", user=people[who], json_body={"kind": "branch"}),
                     403)
    assert_error(api.put("/organisations/no-such-org/verification", user=people["admin"],
                         json_body={"kind": "branch"}), 404)


def test_amendments_are_listed_beside_their_clause_most_supported_first_and_paged(api, people, runner):
    document = publish(api, people["policy"])
    quiet = proposed(api, people["ada"], document, 0, text="Every town keeps a GP surgery, open late.")
    popular = proposed(api, people["ben"], document, 0, text="Every town and village keeps a GP surgery.")
    elsewhere = proposed(api, people["ben"], document, 2, text="Waiting lists cut by two thirds.")
    for who in ("chloe", "policy", "transport"):
        assert api.put(f"/amendments/{popular['id']}/support", user=people[who], json_body=CONSENT).status_code == 200
    deliver_until_quiet(runner)
    clause_id = clauses(document)[0]["id"]
    listed = json.loads(api.get(f"/documents/{document['id']}/amendments?clause_id={clause_id}").body)
    assert [(a["id"], a["support_count"]) for a in listed["items"]] == [(popular["id"], 3), (quiet["id"], 0)]
    assert listed["order"] == "most_supported" and listed["clause"]["number"] == "1.1"
    first = json.loads(api.get(f"/documents/{document['id']}/amendments?clause_id={clause_id}&limit=1").body)
    following = json.loads(api.get(f"/documents/{document['id']}/amendments?clause_id={clause_id}&limit=1"
                                   f"&cursor={first['next_cursor']}").body)
    assert [a["id"] for a in first["items"] + following["items"]] == [popular["id"], quiet["id"]]
    chosen = api.patch(f"/documents/{document['id']}", user=people["policy"],
                       json_body={"amendment_order": "oldest_first"})
    assert chosen.status_code == 200, chosen.body
    assert_error(api.patch(f"/documents/{document['id']}", user=people["transport"],
                           json_body={"amendment_order": "newest_first"}), 403, "not_policy_of_area")
    from chalicelib.store.read_cache import forget_everything

    forget_everything()  # another container: the order chosen shows within two seconds anywhere
    oldest = json.loads(api.get(f"/documents/{document['id']}/amendments?clause_id={clause_id}").body)
    assert [a["id"] for a in oldest["items"]] == [quiet["id"], popular["id"]] and oldest["order"] == "oldest_first"
    everything = json.loads(api.get(f"/documents/{document['id']}/amendments").body)
    assert {a["id"] for a in everything["items"]} == {quiet["id"], popular["id"], elsewhere["id"]}


def test_supporting_an_amendment_is_supporting_a_campaign_consent_count_and_withdrawal(api, people, runner):
    document = publish(api, people["policy"])
    made = proposed(api, people["ada"], document)
    path = f"/amendments/{made['id']}/support"
    assert_error(api.put(path, user=people["ben"], json_body={}), 400, "consent_required")
    assert_error(api.put(path, json_body=CONSENT), 401)
    for _ in range(2):  # twice counts once
        supported = api.put(path, user=people["ben"], json_body=CONSENT)
        assert supported.status_code == 200 and json.loads(supported.body)["supported"] is True
    api.put(path, user=people["chloe"], json_body=CONSENT)
    deliver_until_quiet(runner)
    shown = json.loads(api.get(f"/amendments/{made['id']}").body)
    assert shown["support_count"] == 2
    assert set(shown["support_by_region"].values()) == {"<10"}  # as a campaign's: below ten shows as "<10"
    withdrawn = api.delete(path, user=people["chloe"])
    assert withdrawn.status_code == 200 and json.loads(withdrawn.body)["supported"] is False
    assert api.delete(path, user=people["chloe"]).status_code == 200  # twice is harmless
    deliver_until_quiet(runner)
    assert json.loads(api.get(f"/amendments/{made['id']}").body)["support_count"] == 1
    assert decide(api, people["policy"], made, "rejected").status_code == 200
    assert_error(api.put(path, user=people["chloe"], json_body=CONSENT), 409, "amendment_decided")
    assert api.delete(path, user=people["ben"]).status_code == 200  # anonymised: the final count stays
    deliver_until_quiet(runner)
    assert json.loads(api.get(f"/amendments/{made['id']}").body)["support_count"] == 1
    assert_error(api.put("/amendments/am-nothing/support", user=people["ben"], json_body=CONSENT), 404,
                 "amendment_not_found")
    mine = json.loads(api.get("/me/campaigns?relation=supported", user=people["ben"]).body)["items"]
    assert made["id"] not in [c["id"] for c in mine]  # amendments are not campaigns in that list


def test_a_person_reads_their_own_support_of_an_amendment_never_cached(api, people):
    """What the amendment's page asks to offer withdrawing: yours alone, fresh after each change."""
    made = proposed(api, people["ada"], publish(api, people["policy"]))
    path = f"/amendments/{made['id']}/support"
    assert_error(api.get(path), 401)
    assert_error(api.get("/amendments/am-nothing/support", user=people["ben"]), 404, "amendment_not_found")
    before = api.get(path, user=people["ben"])
    assert json.loads(before.body)["supported"] is False and json.loads(before.body)["consent_version"] is None
    assert "no-store" in before.headers.get("Cache-Control", "") or "private" in before.headers.get("Cache-Control", "")
    assert api.put(path, user=people["ben"], json_body=CONSENT).status_code == 200
    mine = json.loads(api.get(path, user=people["ben"]).body)
    assert mine["supported"] is True and mine["consent_version"] == CONSENT["consent_version"] and mine["supported_at"]
    assert json.loads(api.get(path, user=people["chloe"]).body)["supported"] is False  # nobody else's
    assert api.delete(path, user=people["ben"]).status_code == 200
    assert json.loads(api.get(path, user=people["ben"]).body)["supported"] is False


def test_every_decision_needs_a_reason_the_area_and_no_stake(api, people):
    document = publish(api, people["policy"])
    handle = verified_party(api, people["ada"], people["admin"])
    org_path = f"/organisations/{handle}/members"
    policy2 = json.loads(api.get("/me", user=people["policy2"]).body)
    assert api.post(org_path, user=people["ada"], json_body={"handle": policy2["handle"]}).status_code == 201
    assert api.post(f"/organisations/{handle}/members/me/accept", user=people["policy2"]).status_code == 200
    own = proposed(api, people["policy"], document)
    party = proposed(api, people["ada"], document, 1, text="Appointments within two days.", organisation=handle)
    assert_error(decide(api, people["policy"], party, "rejected", reason=None), 400, "reason_required")
    assert_error(decide(api, people["policy"], party, "rejected", reason="   "), 400, "reason_required")
    assert_error(decide(api, people["policy"], own, "accepted"), 403, "conflict_of_interest")
    member = assert_error(decide(api, people["policy2"], party, "accepted"), 403, "conflict_of_interest")
    assert member["details"] == {"rule": "hosting_organisation", "decision": "amendment"}  # a member of the party
    assert_error(decide(api, people["transport"], party, "accepted"), 403, "not_policy_of_area")
    assert_error(decide(api, people["ada"], party, "accepted"), 403)
    assert_error(decide(api, people["policy"], party, "accepted_in_part"), 400, "invalid_decision")
    assert_error(decide(api, people["policy"], party, "maybe"), 400)
    taken = decide(api, people["policy"], party, "accepted_in_part", text="Appointments within three days.")
    assert taken.status_code == 200, taken.body
    shown = json.loads(taken.body)
    assert shown["status"] == "accepted_in_part"
    assert shown["decision"]["reason"] == DECIDED and shown["decision"]["text"] == "Appointments within three days."
    assert shown["decision"]["text_before"] == "Appointments within a week."
    assert_error(decide(api, people["admin"], party, "rejected"), 409, "amendment_decided")
    assert decide(api, people["admin"], own, "rejected").status_code == 200  # another member decides it

    from chalicelib.store.tables.audit import AuditRecord
    from chalicelib.store.tables.campaign_events import CampaignEventRecord

    audit = [(a.action, a.actor_id, a.reason, a.before) for a in AuditRecord.query(f"amendment#{party['id']}")]
    assert audit == [("decision:accepted_in_part", people["policy"].sub, DECIDED, "Appointments within a week.")]
    events = [(e.kind, e.stage, e.note) for e in CampaignEventRecord.query(party["id"])]
    assert events == [("amendment_decided", "accepted_in_part", DECIDED)]


def test_composited_amendments_are_decided_together_into_one_wording(api, people):
    document = publish(api, people["policy"])
    a = proposed(api, people["ada"], document, 2, text="Waiting lists cut by two thirds.")
    b = proposed(api, people["ben"], document, 2, text="No wait longer than 18 weeks.")
    other_clause = proposed(api, people["chloe"], document, 0, text="A GP in every village.")
    assert_error(decide(api, people["policy"], a, "composited", text="Together.", composite_of=[other_clause["id"]]),
                 400, "invalid_decision")
    assert_error(decide(api, people["policy"], a, "composited", text="Together."), 400, "invalid_decision")
    made = decide(api, people["policy"], a, "composited", text="Waiting lists cut by half; no wait over 18 weeks.",
                  composite_of=[b["id"]])
    assert made.status_code == 200, made.body
    assert json.loads(made.body)["decision"]["composite_of"] == [a["id"], b["id"]]
    other = json.loads(api.get(f"/amendments/{b['id']}").body)
    assert other["status"] == "composited" and other["decision"]["composite_of"] == [a["id"], b["id"]]
    shown = json.loads(api.get(f"/documents/{document['id']}").body)
    assert (shown["undecided"], shown["unpublished_changes"]) == (1, 1)


def test_an_account_being_erased_proposes_and_supports_nothing(api, people, make_user):
    from chalicelib.store import erasures

    document = publish(api, people["policy"])
    made = proposed(api, people["ada"], document)
    leaving = make_user(name="am-leaving")
    api.get("/me", user=leaving)
    erasures.start(leaving.sub)  # the erasure job has begun: its transactions' check refuses the writes
    assert_error(propose(api, leaving, document), 409, "account_erasing")
    assert_error(api.put(f"/amendments/{made['id']}/support", user=leaving, json_body=CONSENT), 409, "account_erasing")
    assert json.loads(api.get(f"/documents/{document['id']}").body)["amendment_count"] == 1
