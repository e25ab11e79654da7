"""The pages over HTTP: security and caching headers, size, and 404 for what is not public."""

from __future__ import annotations

import re
import uuid

import pytest

from tests.api.campaign_helpers import campaign_body, create, decide, submit

PAGE_LIMIT = 100_000
OPEN = "/c/free-bus-travel-for-apprentices-under-25"
MY_SPACE = ["/my", "/my/profile", "/my/notifications", "/my/feed", "/my/supports", "/my/organisations", "/my/data"]


def _csp(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return {part.split(" ", 1)[0]: part.split(" ", 1)[1] for part in policy.split("; ")}


@pytest.fixture(scope="module")
def people(make_user):
    return {"owner": make_user(name="pages-owner"), "moderator": make_user("moderators", name="pages-mod")}


@pytest.fixture(scope="module")
def open_campaign(api, people, demo_data) -> dict:
    made = create(api, people["owner"], area="housing")
    submit(api, people["owner"], made)
    return decide(api, people["moderator"], made, "approve")


@pytest.mark.parametrize("path", ["/", "/areas/health", OPEN, "/people/ada"])
def test_public_pages_are_cacheable_briefly_and_forbid_framing(api, demo_data, path):
    response = api.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["Cache-Control"] == "public, max-age=30"
    assert response.headers["X-Frame-Options"] == "DENY"
    csp = _csp(response)
    assert csp["frame-ancestors"] == "'none'"
    assert csp["script-src"] == "'self'" and csp["style-src"] == "'self'" and csp["default-src"] == "'none'"


@pytest.mark.parametrize("path", ["/", "/areas/health", OPEN, "/people/ada", "/sign-in", "/my/campaigns"])
def test_pages_tell_browsers_to_use_https_only(api, demo_data, path):
    response = api.get(path, headers={"Accept": "text/html"})
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_no_page_has_inline_script_or_style(api, demo_data):
    for path in ["/", "/areas/health", OPEN, "/sign-in", "/start", "/moderate", "/inbox", "/my/campaigns", *MY_SPACE]:
        html = api.get(path).body.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), path
        assert "<style" not in html and " style=" not in html and re.search(r"\son[a-z]+=", html) is None, path


def test_sign_in_may_reach_the_configured_cognito_endpoint_only(api, stack):
    csp = _csp(api.get("/sign-in"))
    assert csp["connect-src"] == f"'self' {stack['aws'].endpoint}"
    assert csp["form-action"] == "'self'" and csp["base-uri"] == "'none'"


def test_in_aws_the_pages_may_reach_the_regions_cognito(monkeypatch):
    from chalicelib.settings import Settings
    from chalicelib.web import render

    monkeypatch.setattr(render, "get_settings", lambda: Settings.from_environment(
        {"STAGE": "prod", "PUBLIC_BASE_URL": "https://labourspace.example"}))
    policy = render.security_headers(framable=False)["Content-Security-Policy"]
    assert "connect-src 'self' https://cognito-idp.eu-west-2.amazonaws.com;" in policy


@pytest.mark.parametrize("path", ["/sign-in", "/start", "/my/campaigns", "/moderate", "/inbox",
                                  "/my/campaigns/any-id/edit", *MY_SPACE])
def test_signed_in_pages_are_never_cached(api, path):
    response = api.get(path)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_the_widget_may_be_framed_by_any_site(api, open_campaign):
    response = api.get(f"/widgets/c/{open_campaign['id']}")
    assert response.status_code == 200
    assert _csp(response)["frame-ancestors"] == "*"
    assert "X-Frame-Options" not in response.headers
    assert response.headers["Cache-Control"] == "public, max-age=30"
    assert open_campaign["title"] in response.body.decode()


def test_campaign_page_has_sharing_meta_and_a_canonical_url(api, open_campaign):
    from chalicelib.settings import get_settings

    html = api.get(f"/c/{open_campaign['slug']}").body.decode()
    canonical = f"{get_settings().public_base_url}/c/{open_campaign['slug']}"
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert f'<meta property="og:url" content="{canonical}">' in html
    assert f'<meta property="og:title" content="{open_campaign["title"]}">' in html
    assert re.search(r'<meta name="twitter:description" content="[^"]*0 supporters\.">', html)
    for share in ("mailto:?subject=", "https://wa.me/?text=", "https://x.com/intent/tweet?",
                  "https://www.facebook.com/sharer/sharer.php?u="):
        assert share in html, share
    assert f"/widgets/c/{open_campaign['id']}" in html


def test_a_person_is_json_for_the_api_and_a_page_for_a_browser(api, demo_data):
    as_json = api.get("/people/ada")
    assert as_json.headers["Content-Type"] == "application/json" and b'"handle":"ada"' in as_json.body
    page = api.get("/people/ada", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.headers["Content-Type"].startswith("text/html")
    assert page.headers["Vary"] == "Accept, Accept-Language, Cookie"
    assert "<h1>Ada Okafor</h1>" in page.body.decode()
    organisation = api.get("/people/unite-cardiff", headers={"Accept": "text/html"}).body.decode()
    assert "<h1>Unite Cardiff Branch</h1>" in organisation


def _not_found(response) -> None:
    assert response.status_code == 404, response.status_code
    assert response.headers["Content-Type"].startswith("text/html")
    assert response.headers["Cache-Control"] == "no-store"
    assert "<h1>Page not found</h1>" in response.body.decode()


@pytest.mark.parametrize("state", ["draft", "pending", "rejected"])
def test_unpublished_campaigns_are_404_pages(api, people, state):
    from chalicelib.store import campaigns as store

    made = create(api, people["owner"], area="housing")
    if state != "draft":
        submit(api, people["owner"], made)
    if state == "rejected":
        decide(api, people["moderator"], made, "reject")
    assert store.get_campaign(made["id"]).status == state
    _not_found(api.get(f"/c/{made['slug']}"))
    _not_found(api.get(f"/widgets/c/{made['id']}"))


def test_a_hidden_campaign_is_a_404_page_and_leaves_the_lists(api, people):
    from chalicelib.store import campaigns as store

    made = create(api, people["owner"], area="science")
    submit(api, people["owner"], made)
    decide(api, people["moderator"], made, "approve")
    assert made["title"] in api.get("/areas/science").body.decode()
    store.set_hidden(store.get_campaign(made["id"]), True)
    _not_found(api.get(f"/c/{made['slug']}"))
    _not_found(api.get(f"/widgets/c/{made['id']}"))
    assert made["title"] not in api.get("/areas/science").body.decode()
    assert made["title"] not in api.get("/").body.decode()


@pytest.mark.parametrize("path", ["/c/no-such-campaign", "/widgets/c/no-such-id", "/areas/no-such-area"])
def test_unknown_things_are_404_pages(api, path):
    _not_found(api.get(path))


def test_an_unknown_person_is_a_404_page_for_a_browser(api):
    _not_found(api.get("/people/nobody-here", headers={"Accept": "text/html"}))


def test_a_forged_replies_cursor_is_a_400_page(api, open_campaign):
    response = api.get(f"/c/{open_campaign['slug']}?replies=forged.cursor")
    assert response.status_code == 400 and response.headers["Content-Type"].startswith("text/html")


def test_a_long_thread_splits_into_pages_under_100_kb(api, people):
    """The largest campaign and replies allowed, of characters that grow most when escaped."""
    from chalicelib.store import replies

    body = campaign_body(area="health")
    body.update(title="<" * 120, summary='"' * 500, body=("<&>\"'" * 2000))
    made = api.post("/campaigns", user=people["owner"], json_body=body)
    assert made.status_code == 201, made.body
    campaign = made.json_body
    submit(api, people["owner"], campaign)
    decide(api, people["moderator"], campaign, "approve")
    words = [f"{n:03d}-{uuid.uuid4().hex[:6]}" for n in range(25)]
    for w in words:
        replies.create_reply(campaign_id=campaign["id"], author_id=people["owner"].sub,
                             body=w + "<" * 4990, parent_id=None, badges=[])
    seen, path, pages = [], f"/c/{campaign['slug']}", 0
    for pages in range(1, 26):  # noqa: B007 (the count of pages is checked after)
        response = api.get(path)
        html = response.body.decode()
        assert response.status_code == 200 and len(response.body) <= PAGE_LIMIT, len(response.body)
        seen += [w for w in words if w in html]
        later = re.search(r'<a href="(/c/[^"]+)#discussion-heading">Later replies</a>', html)
        if not later:
            break
        path = later.group(1).replace("&amp;", "&")
    assert seen == words  # every reply, once, in order, across pages
    assert pages >= 6  # ~20 KB a reply escaped: the size budget, not the 20-reply page, split them


@pytest.mark.parametrize("path", ["/", "/areas/health", OPEN, "/start", "/sign-in"])
def test_every_page_is_under_100_kb(api, demo_data, path):
    assert len(api.get(path).body) <= PAGE_LIMIT


def test_static_files_are_served_with_their_types(api):
    css = api.get("/static/site.css")
    assert css.status_code == 200 and css.headers["Content-Type"] == "text/css; charset=utf-8"
    js = api.get("/static/site.js")
    assert js.status_code == 200 and "javascript" in js.headers["Content-Type"]
    _not_found(api.get("/static/nothing.js"))


def test_the_embedded_cognito_answers_the_browsers_preflight(stack):
    """Sign-in calls Cognito from the page; moto's server answers CORS itself (flask-cors), so
    devstack needs no CORS code of its own and nothing in the app was loosened for it."""
    import requests

    origin = "http://127.0.0.1:8000"
    answer = requests.options(f"{stack['aws'].endpoint}/", timeout=5, headers={
        "Origin": origin, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type,x-amz-target"})
    assert answer.status_code == 200
    assert answer.headers["Access-Control-Allow-Origin"] in ("*", origin)
    assert "x-amz-target" in answer.headers["Access-Control-Allow-Headers"].lower()


def test_a_ministers_page_shows_their_portfolio_and_every_campaign_they_answered(api, people, make_user):
    import json

    minister, admin = make_user("ministers", name="pages-minister"), make_user("admins", name="pages-admin")
    me = json.loads(api.get("/me", user=minister).body)
    api.put(f"/ministers/{me['id']}/portfolio", user=admin, json_body={"areas": ["culture"]})
    answered, unanswered = [], []
    for n in range(3):
        title = f"Free museums for every town {n} {uuid.uuid4().hex[:4]}"
        made = create(api, people["owner"], area="culture", title=title)
        submit(api, people["owner"], made)
        decide(api, people["moderator"], made, "approve")
        if n < 2:
            api.post(f"/campaigns/{made['id']}/response", user=minister,
                     json_body={"stance": "considering", "body": "We are looking at museum funding."})
            answered.append(made["title"])
        else:
            unanswered.append(made["title"])
    html = api.get(f"/people/{me['handle']}", headers={"Accept": "text/html"}).body.decode()
    section = html.split('id="answered"', 1)[1]
    assert all(title in section for title in answered)
    assert not any(title in section for title in unanswered)
    assert "Culture" in html.split('id="answered"', 1)[0]  # the portfolio


@pytest.mark.parametrize("path", MY_SPACE[1:])
def test_a_personal_page_explains_itself_without_javascript_and_renders_nothing_personal(api, path):
    html = api.get(path).body.decode()
    assert "<noscript>" in html and "needs JavaScript" in html
    assert f'<a href="/sign-in?next={path}">sign in</a> to see it' in html  # shown by site.js when signed out
    assert re.search(r"<div data-mine hidden>", html)  # nothing to act on until signed in


def test_the_erase_confirmation_says_what_goes_and_what_stays_without_javascript(api):
    html = api.get("/my/data").body.decode()
    assert "<h3>What goes</h3>" in html and "What stays, credited to" in html
    assert "final count stays" in html and "official responses" in html
