"""Search through the HTTP surface: the matching rules, ranking, paging, freshness from the streams,
and nothing that is not public, whoever asks. Every test makes its own campaigns carrying a word
of its own (`tag`), so it finds only what it made."""

from __future__ import annotations

import json
import time
import uuid
from urllib.parse import quote

import pytest

from tests.api.campaign_helpers import CONSENT, create, decide, open_campaign, submit
from tests.conftest import assert_error

FRESH_WITHIN_SECONDS = 5


@pytest.fixture(scope="module")
def people(make_user):
    return {"owner": make_user(name="searcher"), "moderator": make_user("moderators"),
            "admin": make_user("admins"), "minister": make_user("ministers"), "citizen": make_user()}


def new_tag() -> str:
    return f"q{uuid.uuid4().hex[:9]}"


def found(api, q: str, user=None, **params) -> list[dict]:
    query = "&".join([f"q={quote(q)}", *(f"{k}={v}" for k, v in params.items())])
    response = api.get(f"/search?{query}", user=user)
    assert response.status_code == 200, response.body
    return json.loads(response.body)["items"]


def ids(api, q: str, **params) -> list[str]:
    return [r["id"] for r in found(api, q, **params)]


def body_with(words: str) -> str:
    return f"Our town needs this. {words} " * 3 + "It would change lives for good."


def test_the_matching_rules(api, people, runner):
    tag = new_tag()
    campaign = open_campaign(api, people["owner"], people["moderator"], area="education",
                             title=f"Solar panels on schools {tag}",
                             summary="Every school roof should make its own power, starting this year.",
                             body=body_with("The café by the school would share the savings."))
    runner.run_once()
    for q in (f"SCHOOLING {tag}", f"school {tag}", f"Schools {tag}",  # case and stemming
              f"cafe {tag}", f"CAFÉ {tag}",  # accents
              f"the {tag} for all",  # stop words
              f'"solar panels" {tag}', f'"panels on schools" {tag}'):  # phrases
        assert ids(api, q) == [campaign["id"]], q
    for q in (f"hospitals {tag}", f'"panels solar" {tag}', f'"schools solar" {tag}'):
        assert ids(api, q) == [], q
    result = found(api, f"solar schools {tag}")[0]
    assert result["url"] == f"/c/{campaign['slug']}" and result["type"] == "campaign"
    assert {"Solar", "schools", "school"} <= set(result["highlights"])


def test_a_suggestion_completes_the_last_word(api, people, runner):
    tag = new_tag()
    campaign = open_campaign(api, people["owner"], people["moderator"], title=f"Reopen {tag} railway station")
    runner.run_once()
    for typed in (tag[:4], tag.upper()[:6], f"reopen {tag[:5]}", f"{tag} rail"):
        items = json.loads(api.get(f"/search/suggest?q={quote(typed)}").body)["items"]
        assert [i["id"] for i in items] == [campaign["id"]], typed
        assert items[0]["url"] == f"/c/{campaign['slug']}"
    assert json.loads(api.get(f"/search/suggest?q={quote(f'{tag} raz')}").body)["items"] == []


def test_relevance_first_then_supporters(api, people, runner, make_user):
    from chalicelib.logic.counting import refresh_count

    tag, owner, moderator = new_tag(), people["owner"], people["moderator"]
    in_body = open_campaign(api, owner, moderator, title="Longer opening hours for libraries",
                            body=body_with(f"Ask about {tag} at the desk."))
    in_title = open_campaign(api, owner, moderator, title=f"Libraries for {tag} readers")
    supported = open_campaign(api, owner, moderator, title=f"Libraries near {tag} stations")
    for _ in range(2):
        assert api.put(f"/campaigns/{supported['id']}/support", user=make_user(), json_body=CONSENT).status_code == 200
    refresh_count(supported["id"])
    runner.run_once()
    assert ids(api, tag) == [supported["id"], in_title["id"], in_body["id"]]
    assert ids(api, f"libraries {tag}") == [supported["id"], in_title["id"], in_body["id"]]


def test_filters_and_pages_with_signed_cursors(api, people, runner):
    tag, owner, moderator = new_tag(), people["owner"], people["moderator"]
    made = [open_campaign(api, owner, moderator, area="housing", title=f"Council homes {tag} number {n}")
            for n in range(3)]
    elsewhere = open_campaign(api, owner, moderator, area="transport", title=f"Council buses {tag}")
    api.post(f"/campaigns/{elsewhere['id']}/close", user=owner)
    runner.run_once()
    seen, cursor = [], None
    while True:
        page = json.loads(api.get(f"/search?q={tag}&area=housing&limit=1"
                                  + (f"&cursor={cursor}" if cursor else "")).body)
        seen += [r["id"] for r in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
        other = api.get(f"/search?q=council&area=housing&limit=1&cursor={cursor}")
        assert_error(other, 400, "invalid_cursor")  # a cursor is for the search that gave it
    assert sorted(seen) == sorted(c["id"] for c in made)
    assert ids(api, tag, status="closed") == [elsewhere["id"]]
    assert ids(api, tag, status="open", type="campaign", area="transport") == []
    assert ids(api, tag, type="person") == []


def test_people_and_organisations_by_handle_and_name(api, people, runner, make_user):
    tag = new_tag()
    person = make_user()
    me = json.loads(api.patch("/me", user=person, json_body={"handle": f"h-{tag}",
                                                             "display_name": f"Ada {tag.upper()} Lovelace"}).body)
    made = api.post("/organisations", user=person,
                    json_body={"handle": f"org-{tag}", "name": f"Union of {tag} Workers"})
    organisation = json.loads(made.body)
    runner.run_once()
    assert ids(api, f"lovelace {tag}", type="person") == [me["id"]]
    assert ids(api, f"h-{tag}", type="person") == [me["id"]]
    assert ids(api, f"workers {tag}") == [organisation["id"]]
    shown = found(api, f"lovelace {tag}")[0]
    assert shown["url"] == f"/people/h-{tag}" and shown["title"] == f"Ada {tag.upper()} Lovelace"
    assert "Lovelace" in shown["highlights"]


def _wait(api, runner, q: str, present: bool) -> float:
    started = time.monotonic()
    while time.monotonic() - started < FRESH_WITHIN_SECONDS:
        runner.run_once()
        if bool(ids(api, q)) == present:
            return time.monotonic() - started
        time.sleep(0.1)
    raise AssertionError(f"{q!r} still {'absent' if present else 'present'} after {FRESH_WITHIN_SECONDS} s")


def test_a_campaign_enters_when_it_opens_and_leaves_when_hidden_within_5_seconds(api, people, runner):
    tag, owner, moderator = new_tag(), people["owner"], people["moderator"]
    draft = create(api, owner, title=f"Free buses for {tag} apprentices")
    submit(api, owner, draft)
    runner.run_once()
    assert ids(api, tag) == []  # pending
    decide(api, moderator, draft, "approve")
    _wait(api, runner, tag, present=True)
    edited = json.loads(api.get(f"/campaigns/{draft['id']}").body)
    assert edited["status"] == "open"
    hide = {"action": "hide", "reason": "Breaks the rules."}
    assert api.post(f"/moderation/campaign/{draft['id']}", user=moderator, json_body=hide).status_code == 200
    assert ids(api, tag) == []  # checked against the campaign itself before the stream has run
    _wait(api, runner, tag, present=False)
    from chalicelib.store.search_index import _stored_document

    assert _stored_document("c", draft["id"]) is None  # and gone from the index, not just filtered


def test_nothing_that_is_not_public_is_returned_to_anyone(api, people, runner):
    tag, owner, moderator = new_tag(), people["owner"], people["moderator"]
    public = open_campaign(api, owner, moderator, title=f"Public {tag} idea here")
    create(api, owner, title=f"Draft {tag} idea here")
    submit(api, owner, create(api, owner, title=f"Pending {tag} idea here"))
    decide(api, moderator, submit(api, owner, create(api, owner, title=f"Rejected {tag} idea here")), "reject")
    hidden = open_campaign(api, owner, moderator, title=f"Hidden {tag} idea here")
    api.post(f"/moderation/campaign/{hidden['id']}", user=moderator, json_body={"action": "hide", "reason": "Rules."})
    runner.run_once()
    for role, user in [("anonymous", None), *people.items()]:
        assert ids(api, f"idea {tag}", user=user) == [public["id"]], role
        suggested = json.loads(api.get(f"/search/suggest?q={tag[:6]}", user=user).body)["items"]
        assert [s["id"] for s in suggested] == [public["id"]], role


@pytest.mark.parametrize("q, code", [
    ("s" * 1000, "query_too_long"),
    ("\x00\x01\x02\x1b", "query_control_characters"),
    ("solar\x07panels", "query_control_characters"),
    ("", "query_empty"),
    ("   ", "query_empty"),
    ("the and for ", "query_only_stop_words"),  # the space: "for" is not a prefix of "forest"
])
@pytest.mark.parametrize("path", ["/search", "/search/suggest"])
def test_bad_queries_get_a_clear_400(api, q, code, path):
    error = assert_error(api.get(f"{path}?q={quote(q)}"), 400, code)
    assert error["details"]["fields"]["q"]


def test_bad_filters_get_a_clear_400(api):
    assert_error(api.get("/search"), 400, "query_empty")
    assert_error(api.get("/search?q=solar&area=atlantis"), 400, "invalid_input")
    assert_error(api.get("/search?q=solar&type=everything"), 400, "invalid_input")
    assert_error(api.get("/search?q=solar&limit=500"), 400, "invalid_input")
    assert_error(api.get("/search?q=solar&cursor=forged.cursor"), 400, "invalid_cursor")


def test_a_search_is_at_most_three_calls_and_never_a_scan(api, people, runner, dynamodb_calls):
    tag = new_tag()
    open_campaign(api, people["owner"], people["moderator"], title=f"Solar {tag} panels on schools")
    runner.run_once()
    for q in (tag, f"solar {tag}", f'"solar {tag}" schools'):
        dynamodb_calls.calls.clear()
        assert ids(api, q)
        operations = dynamodb_calls.operations()
        assert len(operations) <= 3 and "Scan" not in operations, (q, operations)


def test_similar_campaigns_on_create_come_from_the_index(api, people, runner):
    tag, owner = new_tag(), people["owner"]
    theirs = open_campaign(api, owner, people["moderator"], area="transport",
                           title=f"Apprentices {tag} should travel free on buses")
    runner.run_once()
    mine = create(api, owner, area="transport", title=f"Free buses for {tag} apprentices")
    assert theirs["id"] in [s["id"] for s in mine["similar"]]
    unrelated = create(api, owner, area="transport", title=f"Nationalise the {tag} water companies")
    assert theirs["id"] not in [s["id"] for s in unrelated["similar"]]


def test_a_rebuild_repairs_the_index_and_carries_on_after_an_interruption(api, people, runner):
    from chalicelib.store import search_index
    from ops.reindex import reindex

    tag, owner, moderator = new_tag(), people["owner"], people["moderator"]
    lost = open_campaign(api, owner, moderator, title=f"Lost {tag} from the index")
    hidden = open_campaign(api, owner, moderator, title=f"Hidden {tag} but still indexed")
    runner.run_once()
    search_index.remove_document("c", lost["id"])  # a stream record that never arrived
    api.post(f"/moderation/campaign/{hidden['id']}", user=moderator, json_body={"action": "hide", "reason": "Rules."})
    # (the stream is not run: the hide never reached the index)
    job = f"reindex-test-{tag}"
    pages = []
    stopped = reindex(job=job, page_size=1, max_pages=1, on_page=lambda *args: pages.append(args[:2]))
    assert not stopped.finished and len(pages) == 1
    finished = reindex(job=job, page_size=200, on_page=lambda *args: pages.append(args[:2]))
    assert finished.finished
    assert pages[1][0] == "campaigns" and pages[1][1] > pages[0][1]  # carried on, not begun again
    assert ids(api, tag) == [lost["id"]]
    assert search_index._stored_document("c", hidden["id"]) is None


def test_the_results_page_works_without_javascript(api, people, runner):
    tag, owner, moderator = new_tag(), people["owner"], people["moderator"]
    campaign = open_campaign(api, owner, moderator, title=f"Solar panels on {tag} schools",
                             summary="Every school roof should make its own power, starting this year.")
    runner.run_once()
    page = api.get(f"/search?q=schools+{tag}", headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    html = page.body.decode()
    assert f'href="/c/{campaign["slug"]}"' in html
    assert "<mark>schools</mark>" in html and "<mark>school</mark> roof" in html
    refused = api.get("/search?q=the+and", headers={"Accept": "text/html"})
    assert refused.status_code == 200 and "common words" in refused.body.decode()  # said on the page, with the form
    empty = api.get("/search", headers={"Accept": "text/html"})
    assert empty.status_code == 200 and 'id="search-q"' in empty.body.decode()


def test_a_campaign_page_shows_related_campaigns(api, people, runner):
    tag, owner, moderator = new_tag(), people["owner"], people["moderator"]
    mine = open_campaign(api, owner, moderator, area="housing", title=f"Rent caps for {tag} tenants")
    related = open_campaign(api, owner, moderator, area="transport", title=f"Caps on {tag} rents for tenants")
    hidden = open_campaign(api, owner, moderator, area="housing", title=f"Rent controls for {tag} tenants now")
    api.post(f"/moderation/campaign/{hidden['id']}", user=moderator, json_body={"action": "hide", "reason": "Rules."})
    runner.run_once()
    html = api.get(f"/c/{mine['slug']}").body.decode()
    assert "Related campaigns" in html and f'href="/c/{related["slug"]}"' in html
    related_part = html[html.index('id="related-heading"'):]
    related_part = related_part[:related_part.index("</section>")]  # the page links to itself elsewhere
    assert hidden["slug"] not in html and related_part.count(f'href="/c/{mine["slug"]}"') == 0


def test_a_consultation_is_found_by_its_question_and_brief(api, people, runner):
    from tests.api.consultation_helpers import open_consultation

    tag = new_tag()
    asked = open_consultation(api, people["admin"], area="health",
                              question=f"How should we cut {tag} waiting lists?",
                              brief="Tell us what would shorten the wait for a first appointment or an operation.")
    runner.run_once()
    [result] = found(api, f"waiting {tag}")
    assert (result["type"], result["id"], result["title"], result["url"], result["area"]) == (
        "consultation", asked["id"], asked["question"], f"/consultations/{asked['id']}", "health")
    assert ids(api, f"operation {tag}", type="consultation") == [asked["id"]]  # the brief's words too
    assert ids(api, tag, type="campaign") == []
    page = api.get(f"/search?q={tag}", headers={"Accept": "text/html"}).body.decode()
    assert f'href="/consultations/{asked["id"]}"' in page and "Consultation · Health and social care" in page
    offered = json.loads(api.get(f"/search/suggest?q={tag[:6]}").body)["items"]
    assert asked["id"] in [s["id"] for s in offered]


def _misspelt(word: str) -> str:
    """Two neighbouring letters after the third swapped: one slip."""
    return word[:4] + word[5] + word[4] + word[6:]


def test_nothing_found_offers_what_the_index_knows_and_nothing_else(api, people, runner, dynamodb_calls):
    tag = new_tag()
    while _misspelt(tag) == tag:
        tag = new_tag()
    other = new_tag()
    open_campaign(api, people["owner"], people["moderator"], area="housing", title=f"Freeze council tax {tag}")
    open_campaign(api, people["owner"], people["moderator"], area="housing", title=f"Rent caps for tenants {other}")
    runner.run_once()
    dynamodb_calls.calls.clear()
    answer = json.loads(api.get(f"/search?q={_misspelt(tag)}").body)
    assert (answer["items"], answer["did_you_mean"]) == ([], tag)
    operations = dynamodb_calls.operations()  # its words' counts and the vocabulary around it: no other service
    assert "Scan" not in operations and len(operations) <= 5, operations
    assert json.loads(api.get(f"/search?q=counsil+{_misspelt(tag)}").body)["did_you_mean"] == f"council {tag}"
    # Words the index knows that no document holds together: nothing to correct.
    assert json.loads(api.get(f"/search?q=freeze+{other}").body)["did_you_mean"] is None
    assert json.loads(api.get(f"/search?q={tag}").body)["did_you_mean"] is None  # found: nothing offered
    page = api.get(f"/search?q=Counsil+{_misspelt(tag)}", headers={"Accept": "text/html"}).body.decode()
    assert f'Did you mean <a href="/search?q=council%20{tag}">council {tag}</a>?' in page
