"""Policy documents through the API: publishing a draft (who may), reading any version, listing by
area and status, publishing a version that applies what was decided, the diff, linking ideas to
clauses, trails, adoption, who hears of what (once), and what reading costs."""

from __future__ import annotations

import json

import pytest

from devstack.dynamodb_calls import recording
from tests.api.campaign_helpers import CONSENT, open_campaign
from tests.api.document_helpers import (
    clauses,
    decide,
    draft_body,
    proposed,
    publish,
    team,
    verified_party,
)
from tests.conftest import assert_error, deliver_until_quiet


@pytest.fixture(scope="module")
def people(api, make_user):
    cast = team(api, make_user, "docs")
    cast["moderator"] = make_user("moderators", name="docs-moderator")
    return cast


def test_the_policy_team_publishes_a_draft_with_numbered_clauses(api, people):
    made = api.post("/documents", user=people["policy"], json_body=draft_body())
    assert made.status_code == 201, made.body
    document = json.loads(made.body)
    assert (document["version"], document["status"], document["current_version"]) == (1, "open_for_amendments", 1)
    assert [[(c["number"], c["text"]) for c in ch["clauses"]] for ch in document["chapters"]] == [
        [("1.1", "Every town keeps a GP surgery."), ("1.2", "Appointments within a week.")],
        [("2.1", "Waiting lists cut by half.")]]
    assert all(c["id"].startswith("cl-") for c in clauses(document))
    assert json.loads(api.get(f"/documents/{document['id']}").body)["chapters"] == document["chapters"]
    assert api.post("/documents", user=people["admin"], json_body=draft_body()).status_code == 201


def test_only_the_policy_team_of_the_area_publishes_and_bad_drafts_are_400(api, people):
    assert_error(api.post("/documents", user=people["transport"], json_body=draft_body()), 403, "not_policy_of_area")
    assert_error(api.post("/documents", user=people["ada"], json_body=draft_body()), 403)
    assert_error(api.post("/documents", json_body=draft_body()), 401)
    assert_error(api.post("/documents", user=people["policy"], json_body=draft_body(
        amendments_close_at="2020-01-01T00:00:00+00:00")), 400, "invalid_dates")
    assert_error(api.post("/documents", user=people["policy"], json_body=draft_body(area="nowhere")), 400)
    empty_clause = draft_body(chapters=[{"heading": "GPs", "clauses": [" "]}])
    error = assert_error(api.post("/documents", user=people["policy"], json_body=empty_clause), 400, "invalid_document")
    assert "chapters[0].clauses[0]" in error["details"]["fields"]


def test_documents_are_listed_by_area_and_status(api, people):
    document = publish(api, people["policy"])
    listed = json.loads(api.get("/documents?area=health&status=open_for_amendments&limit=100").body)["items"]
    assert document["id"] in [d["id"] for d in listed]
    assert all(d["status"] == "open_for_amendments" and d["area"] == "health" for d in listed)
    adopted = json.loads(api.get("/documents?status=adopted").body)["items"]
    assert document["id"] not in [d["id"] for d in adopted]
    assert_error(api.get("/documents?status=someday"), 400)
    assert_error(api.get("/documents?area=nowhere"), 400)


def test_versions_apply_what_was_decided_and_the_diff_shows_each_change_with_its_amendments(api, people, runner):
    document = publish(api, people["policy"])
    first, second, third = clauses(document)
    in_part = proposed(api, people["ada"], document, 1, text="Appointments within two days.")
    rejected = proposed(api, people["ben"], document, 0, action="delete", text="")
    inserted = proposed(api, people["chloe"], document, 2, action="insert_after", text="Cancer scans within a week.")
    assert decide(api, people["policy"], in_part, "accepted_in_part", text="Appointments within three days."
                  ).status_code == 200
    assert decide(api, people["policy"], rejected, "rejected").status_code == 200
    assert decide(api, people["policy2"], inserted, "accepted").status_code == 200
    assert_error(api.post(f"/documents/{document['id']}/versions", user=people["transport"], json_body={}), 403)
    published = api.post(f"/documents/{document['id']}/versions", user=people["policy"],
                         json_body={"note": "After the spring round of amendments."})
    assert published.status_code == 201, published.body
    v2 = json.loads(published.body)
    assert v2["version"] == 2 and v2["unpublished_changes"] == 0 and v2["version_note"].startswith("After")
    assert [(c["id"], c["number"], c["text"]) for c in clauses(v2)] == [
        (first["id"], "1.1", first["text"]), (second["id"], "1.2", "Appointments within three days."),
        (third["id"], "2.1", third["text"]), (clauses(v2)[3]["id"], "2.2", "Cancer scans within a week.")]
    v1 = json.loads(api.get(f"/documents/{document['id']}?version=1").body)
    assert v1["version"] == 1 and [c["text"] for c in clauses(v1)] == [c["text"] for c in clauses(document)]
    assert_error(api.get(f"/documents/{document['id']}?version=3"), 400, "unknown_version")
    change = json.loads(api.get(f"/documents/{document['id']}/diff?from=1&to=2").body)
    assert (change["from"], change["to"]) == (1, 2)
    assert [(c["clause_id"], c["kind"], c["amendment_ids"]) for c in change["clauses"]] == [
        (second["id"], "changed", [in_part["id"]]), (clauses(v2)[3]["id"], "added", [inserted["id"]])]
    assert change["clauses"][0]["words"] == [{"op": "same", "text": "Appointments within"},
                                             {"op": "removed", "text": "a week."},
                                             {"op": "added", "text": "three days."}]
    assert json.loads(api.get(f"/documents/{document['id']}/diff?from=2&to=2").body)["clauses"] == []
    assert json.loads(api.get(f"/amendments/{in_part['id']}").body)["applied_in_version"] == 2
    steps = json.loads(api.get(f"/amendments/{in_part['id']}/trail").body)
    assert [s["kind"] for s in steps["steps"]] == ["proposed", "decided", "in_version"]
    assert all(set(s) == {"at", "kind", "text", "link"} for s in steps["steps"])
    assert steps["steps"][2]["link"].endswith(f"/documents/{document['id']}/diff?from=1&to=2")
    assert json.loads(api.get(f"/amendments/{rejected['id']}/trail").body)["outcome"] == "Rejected."


def test_an_idea_linked_to_a_clause_and_adopted_shows_its_trail_and_its_people_hear_once(api, people, make_user,
                                                                                          runner):
    from chalicelib.store.tables.feed import FeedItemRecord

    author = make_user(name="docs-author")
    idea = open_campaign(api, author, people["moderator"], area="health", title="Evening GP clinics for workers")
    supporter = make_user(name="docs-supporter")
    assert api.put(f"/campaigns/{idea['id']}/support", user=supporter, json_body=CONSENT).status_code == 200
    document = publish(api, people["policy"])
    clause = clauses(document)[1]
    path = f"/documents/{document['id']}/clauses/{clause['id']}/origins"
    assert_error(api.put(path, user=people["transport"], json_body={"campaign_ids": [idea["id"]]}), 403)
    assert_error(api.put(path, user=people["ada"], json_body={"campaign_ids": [idea["id"]]}), 403)
    linked = api.put(path, user=people["policy"], json_body={"campaign_ids": [idea["id"]]})
    assert linked.status_code == 200, linked.body
    assert json.loads(linked.body)["campaign_ids"] == [idea["id"]]
    assert api.put(path, user=people["policy"], json_body={"campaign_ids": []}).status_code == 200
    assert api.put(path, user=people["policy"], json_body={"campaign_ids": [idea["id"]]}).status_code == 200
    assert_error(api.put(f"/documents/{document['id']}/clauses/cl-none/origins", user=people["policy"],
                         json_body={"campaign_ids": [idea["id"]]}), 400, "unknown_clause")
    shown = json.loads(api.get(f"/documents/{document['id']}").body)
    assert [o["campaign_id"] for o in clauses(shown)[1]["origins"]] == [idea["id"]]
    # The decision page sends what the policy team pasted: an idea's address gives its slug.
    by_address = api.put(path, user=people["policy"], json_body={"campaign_ids": [idea["slug"]]})
    assert by_address.status_code == 200, by_address.body
    assert json.loads(by_address.body)["campaign_ids"] == [idea["id"]]
    assert_error(api.put(path, user=people["policy"], json_body={"campaign_ids": ["no-such-idea"]}), 404,
                 "campaign_not_found")
    waiting = proposed(api, people["ada"], document, 0, text="A GP surgery open every evening.")
    unfinished = assert_error(api.post(f"/documents/{document['id']}/adopt", user=people["policy"],
                                       json_body={"note": "Adopted at conference."}), 409, "document_unfinished")
    assert unfinished["details"] == {"undecided": 1, "unpublished_changes": 0}
    assert decide(api, people["policy"], waiting, "rejected").status_code == 200
    assert_error(api.post(f"/documents/{document['id']}/adopt", user=people["transport"],
                          json_body={"note": "Adopted at conference."}), 403, "not_policy_of_area")
    adopted = api.post(f"/documents/{document['id']}/adopt", user=people["policy"],
                       json_body={"note": "Adopted at annual conference."})
    assert adopted.status_code == 200, adopted.body
    assert json.loads(adopted.body)["status"] == "adopted"
    assert_error(api.post(f"/documents/{document['id']}/adopt", user=people["policy"],
                          json_body={"note": "Adopted at annual conference."}), 409, "document_adopted")
    deliver_until_quiet(runner)
    # Each once, relinked or not; the author also heard that a moderator approved the idea (a notice).
    for person, told_before in ((author, ["campaign_approved"]), (supporter, [])):
        kinds = [i.kind for i in FeedItemRecord.query(person.sub) if i.campaign_id == idea["id"]]
        assert sorted(kinds) == [*told_before, "clause_shaped", "document_adopted"], kinds
    trail = json.loads(api.get(f"/campaigns/{idea['id']}/trail").body)
    assert [s["kind"] for s in trail["steps"]] == ["opened", "shaped_clause", "adopted"]
    assert "clause 1.2" in trail["steps"][1]["text"] and trail["outcome"].startswith("Adopted")
    page = api.get(f"/c/{idea['slug']}", headers={"Accept": "text/html"}).body.decode()
    assert "What became of this idea" in page and "clause 1.2" in page


def test_proposers_and_supporters_hear_of_a_decision_once_even_when_the_batch_is_delivered_twice(api, people,
                                                                                                 make_user, runner):
    from chalicelib.events.publishing import handle_events
    from chalicelib.store.tables.campaign_events import CampaignEventRecord
    from chalicelib.store.tables.feed import FeedItemRecord

    document = publish(api, people["policy"])
    party_admin, supporter = make_user(name="docs-clp-admin"), make_user(name="docs-fan")
    handle = verified_party(api, party_admin, people["admin"])
    made = proposed(api, party_admin, document, 0, text="A GP surgery in every town and village.",
                    organisation=handle)
    assert api.put(f"/amendments/{made['id']}/support", user=supporter, json_body=CONSENT).status_code == 200
    deliver_until_quiet(runner)
    assert decide(api, people["policy"], made, "rejected").status_code == 200
    deliver_until_quiet(runner)
    event = next(iter(CampaignEventRecord.query(made["id"])))
    handle_events([{k: v for k, v in event.attribute_values.items()}])  # the stream batch again, after a crash
    deliver_until_quiet(runner)
    for person in (party_admin, supporter):
        items = [i for i in FeedItemRecord.query(person.sub) if i.campaign_id == made["id"]]
        assert len(items) == 1 and items[0].kind == "amendment_decided", items
        assert items[0].title.startswith("Rejected: an amendment to clause 1.1")


def test_a_move_to_not_taken_forward_still_needs_its_note(api, people, make_user):
    idea = open_campaign(api, make_user(name="docs-owner"), people["moderator"], area="health")
    moved = api.put(f"/campaigns/{idea['id']}/manifesto", user=people["policy"],
                    json_body={"stage": "not_taken_forward"}, headers={"If-Match": str(idea["version"])})
    assert_error(moved, 400)


def test_reading_a_document_is_at_most_three_calls_and_a_clauses_amendments_one_query(api, people):
    from chalicelib.store.read_cache import forget_everything

    document = publish(api, people["policy"])
    proposed(api, people["ada"], document)
    forget_everything()  # a new container
    with recording() as calls:
        assert api.get(f"/documents/{document['id']}").status_code == 200
    assert len(calls.operations()) <= 3 and "Scan" not in calls.operations(), calls.operations()
    with recording() as calls:
        page = api.get(f"/documents/{document['id']}", headers={"Accept": "text/html"})
    assert page.status_code == 200 and len(calls.operations()) <= 3, calls.operations()
    clause_id = clauses(document)[0]["id"]
    api.get(f"/documents/{document['id']}/amendments?clause_id={clause_id}")
    with recording() as calls:
        assert api.get(f"/documents/{document['id']}/amendments?clause_id={clause_id}").status_code == 200
    assert calls.operations().count("Query") == 1 and "Scan" not in calls.operations(), calls.operations()
