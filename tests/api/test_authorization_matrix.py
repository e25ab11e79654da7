"""Walks the README's authorization matrix against the real routes, with real tokens.

The README table is the source: every route the app serves must have a row (a new route
without one fails here), and every cell is the status that role gets for a well-formed request.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.api.campaign_helpers import CONSENT, campaign_body, create, decide, submit
from tests.api.consultation_helpers import SUMMARY, consultation_body, open_consultation
from tests.api.document_helpers import DECIDED, clauses, draft_body, proposed, publish

ROOT = Path(__file__).resolve().parents[2]
ROLES = ["anonymous", "citizen", "owner", "minister of the area", "minister of another area",
         "moderator", "admin", "policy of the area", "policy of another area"]


def _matrix() -> dict[str, dict[str, int]]:
    text = (ROOT / "README.md").read_text()
    block = text.split("<!-- authorization-matrix:start -->")[1].split("<!-- authorization-matrix:end -->")[0]
    lines = block.splitlines()
    rows = [line for line in lines if line.startswith("| `")]
    header = [c.strip() for c in next(line for line in lines if line.startswith("| route")).strip("|").split("|")]
    assert header[1:] == ROLES, header
    matrix = {}
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        matrix[cells[0].split("`")[1]] = {role: int(cell) for role, cell in zip(ROLES, cells[1:], strict=True)}
    return matrix


MATRIX = _matrix()


def _routes(app) -> set[str]:
    return {f"{method} {path}" for path, methods in app.routes.items() for method in methods}


def test_every_route_has_a_row_and_every_row_a_route(app):
    assert _routes(app) == set(MATRIX), "the README's authorization matrix and the routes differ"


class World:
    """One person per role, and what they own, made once for the whole walk."""

    def __init__(self, api, make_user):
        self.api = api
        self._make_user = make_user
        self.users = {
            "anonymous": None,
            "citizen": make_user(name="matrix-citizen"),
            "owner": make_user(name="matrix-owner"),
            "minister of the area": make_user("ministers", name="matrix-minister"),
            "minister of another area": make_user("ministers", name="matrix-other-minister"),
            "moderator": make_user("moderators", name="matrix-moderator"),
            "admin": make_user("admins", name="matrix-admin"),
            "policy of the area": make_user("policy", name="matrix-policy"),
            "policy of another area": make_user("policy", name="matrix-other-policy"),
        }
        self.profile = {role: self._me(user) for role, user in self.users.items() if user}
        admin = self.users["admin"]
        for role, area in (("minister of the area", "health"), ("minister of another area", "transport")):
            minister_id = self.profile[role]["id"]
            api.put(f"/ministers/{minister_id}/portfolio", user=admin, json_body={"areas": [area]})
        for role, area in (("policy of the area", "health"), ("policy of another area", "transport")):
            assigned = api.put(f"/policy-team/{self.profile[role]['id']}/areas", user=admin,
                               json_body={"areas": [area]})
            assert assigned.status_code == 200, assigned.body
        self.org_handle = f"org-{uuid.uuid4().hex[:8]}"
        made = api.post("/organisations", user=self.users["owner"],
                        json_body={"handle": self.org_handle, "name": "Matrix Org"})
        assert made.status_code == 201, made.body
        self.open_campaign = self.campaign("open")
        self._invited_orgs: dict[str, str] = {}

    def _me(self, user) -> dict:
        return json.loads(self.api.get("/me", user=user).body)

    def campaign(self, status: str) -> str:
        """A fresh campaign of the owner's, in `status`, in the minister's area."""
        owner, moderator = self.users["owner"], self.users["moderator"]
        made = create(self.api, owner, area="health")
        if status in ("pending", "open"):
            submit(self.api, owner, made)
        if status == "open":
            decide(self.api, moderator, made, "approve")
        return made["id"]

    def manifesto_move(self) -> tuple:
        """A fresh open campaign in `health` shortlisted from the version just read."""
        campaign_id = self.campaign("open")
        version = json.loads(self.api.get(f"/campaigns/{campaign_id}").body)["version"]
        return (f"/campaigns/{campaign_id}/manifesto", {"stage": "shortlisted", "note": "On the shortlist now."},
                {"If-Match": str(version)})

    def slug(self, campaign_id: str) -> str:
        return json.loads(self.api.get(f"/campaigns/{campaign_id}", user=self.users["owner"]).body)["slug"]

    def owners_reply(self) -> str:
        """A fresh reply by the owner on the open campaign (made in the store: no rate limit)."""
        from chalicelib.store.replies import create_reply

        return create_reply(campaign_id=self.open_campaign, author_id=self.users["owner"].sub,
                            body="A reply of the owner's.", parent_id=None, badges=[]).reply_id

    def unsubscribe_token(self) -> str:
        from chalicelib.notify.email import unsubscribe_token

        return unsubscribe_token(self.profile["citizen"]["id"], "response")

    def confirmation_token(self) -> str:
        """A link for an address the citizen gave: the first call confirms it, the rest find it confirmed."""
        if not hasattr(self, "_confirmation"):
            from chalicelib.notify.email import confirmation_token

            address = f"matrix-{uuid.uuid4().hex[:8]}@example.org"
            put = self.api.put("/me/notifications", user=self.users["citizen"], json_body={"email": address})
            assert put.status_code == 200, put.body
            self._confirmation = confirmation_token(self.profile["citizen"]["id"], address, 3600)
        return self._confirmation

    def user_for(self, route: str, role: str):
        """Erasing an account, or ending its sign-ins, is done with an account of that role made for it,
        not the walk's own."""
        user = self.users[role]
        if route not in SPENDS_THE_CALLER or user is None:
            return user
        return self._make_user(*user.groups, name="matrix-leaver")

    def invited_org(self, route: str) -> str:
        """An organisation of the owner's (its admin) to which every other role is invited, one per route,
        so each role answers its own invitation once."""
        if route not in self._invited_orgs:
            from chalicelib.domain import limits
            from chalicelib.store import rate_limits

            # Setting the scene, not the route under test: the owner makes more organisations here than
            # a person may in a day (limits.ORGANISATIONS, tested in test_limits.py).
            rate_limits.forget(self.profile["owner"]["id"], (limits.ORGANISATIONS,))
            handle = f"org-{uuid.uuid4().hex[:8]}"
            made = self.api.post("/organisations", user=self.users["owner"],
                                 json_body={"handle": handle, "name": "Org"})
            assert made.status_code == 201, made.body
            for role in ROLES:
                if role not in ("anonymous", "owner"):
                    invited = self.api.post(f"/organisations/{handle}/members", user=self.users["owner"],
                                            json_body={"handle": self.profile[role]["handle"]})
                    assert invited.status_code == 201, invited.body
            self._invited_orgs[route] = handle
        return self._invited_orgs[route]

    def owners_phone(self) -> str:
        """A fresh phone of the owner's, with a real SNS platform endpoint (made in the store: the
        route's daily limit on registering is tested in test_limits.py)."""
        from chalicelib.notify.clients import client
        from chalicelib.settings import get_settings
        from chalicelib.store.notifications import register_device

        token = f"matrix-phone-{uuid.uuid4()}"
        arn = client("sns").create_platform_endpoint(PlatformApplicationArn=get_settings().fcm_application_arn,
                                                     Token=token)["EndpointArn"]
        return register_device(self.profile["owner"]["id"], "fcm", token, arn).device_id

    def consultation(self) -> str:
        """A fresh consultation in health, open now, opened by the admin."""
        return open_consultation(self.api, self.users["admin"])["id"]

    def document(self) -> dict:
        """A fresh policy document in health, open for amendments, published by the admin."""
        return publish(self.api, self.users["admin"])

    def shared_document(self) -> dict:
        if not hasattr(self, "_document"):
            self._document = self.document()
        return self._document

    def amendment(self, document: dict | None = None) -> str:
        """A fresh amendment of the owner's (to a fresh document, so the owner stays within the cap)."""
        return proposed(self.api, self.users["owner"], document or self.document())["id"]

    def shared_amendment(self) -> str:
        if not hasattr(self, "_amendment"):
            self._amendment = self.amendment(self.shared_document())
        return self._amendment

    def clause_path(self) -> str:
        document = self.shared_document()
        return f"/documents/{document['id']}/clauses/{clauses(document)[0]['id']}"

    def unverified_org(self) -> str:
        from chalicelib.domain import limits
        from chalicelib.store import rate_limits

        rate_limits.forget(self.profile["owner"]["id"], (limits.ORGANISATIONS,))  # the scene, not the route
        handle = f"org-{uuid.uuid4().hex[:8]}"
        assert self.api.post("/organisations", user=self.users["owner"],
                             json_body={"handle": handle, "name": "A branch", "kind": "branch"}).status_code == 201
        return handle

    def invited_newcomer(self) -> str:
        """Someone the owner's organisation has just invited, for each removal to withdraw."""
        handle = self.newcomer_handle()
        invited = self.api.post(f"/organisations/{self.org_handle}/members", user=self.users["owner"],
                                json_body={"handle": handle})
        assert invited.status_code == 201, invited.body
        return handle

    def newcomer_handle(self) -> str:
        """Someone not yet in the organisation, so adding them is not a 409."""
        return self._me(self._make_user(name="matrix-newcomer"))["handle"]


SPENDS_THE_CALLER = {"DELETE /me", "POST /auth/sign-out-everywhere", "POST /me/authenticator"}

# route -> how to make a well-formed request for that route: (path, json body or None[, headers])
Scenario = Callable[[World], tuple]
SCENARIOS: dict[str, Scenario] = {
    "GET /health": lambda w: ("/health", None),
    "GET /auth/config": lambda w: ("/auth/config", None),
    # The session routes answer to the cookie, not the bearer token: none here has a session cookie.
    "POST /auth/session": lambda w: ("/auth/session", {"refresh_token": "not-a-refresh-token-of-the-pool"}),
    "POST /auth/refresh": lambda w: ("/auth/refresh", None),
    "DELETE /auth/session": lambda w: ("/auth/session", None),
    "POST /auth/sign-out-everywhere": lambda w: ("/auth/sign-out-everywhere", None),
    "POST /me/authenticator": lambda w: ("/me/authenticator", None),
    # Joining and resetting answer anyone, signed in or not, the same way; a code never sent is wrong.
    "POST /auth/join": lambda w: ("/auth/join", {"email": f"matrix-{uuid.uuid4().hex[:8]}@example.org"}),
    "POST /me/sign-in-email": lambda w: ("/me/sign-in-email", {"email": f"matrix-{uuid.uuid4().hex[:8]}@example.org"}),
    "POST /me/sign-in-email/confirm": lambda w: (
        "/me/sign-in-email/confirm", {"email": f"matrix-{uuid.uuid4().hex[:8]}@example.org", "code": "123456"}),
    "POST /auth/join/confirm": lambda w: (
        "/auth/join/confirm", {"email": f"matrix-{uuid.uuid4().hex[:8]}@example.org", "code": "123456",
                               "password": "Correct-Horse-9"}),
    "POST /auth/password-reset": lambda w: (
        "/auth/password-reset", {"email": f"matrix-{uuid.uuid4().hex[:8]}@example.org"}),
    "POST /auth/password-reset/confirm": lambda w: (
        "/auth/password-reset/confirm", {"email": f"matrix-{uuid.uuid4().hex[:8]}@example.org", "code": "123456",
                                         "password": "Correct-Horse-9"}),
    "GET /areas": lambda w: ("/areas", None),
    "GET /regions": lambda w: ("/regions", None),
    "GET /openapi.json": lambda w: ("/openapi.json", None),
    "GET /me": lambda w: ("/me", None),
    "PATCH /me": lambda w: ("/me", {"bio": f"bio {uuid.uuid4().hex[:6]}"}),
    "GET /me/export": lambda w: ("/me/export", None),
    "DELETE /me": lambda w: ("/me", None),
    "GET /consent/support": lambda w: ("/consent/support", None),
    "GET /people/{handle}": lambda w: (f"/people/{w.profile['owner']['handle']}", None),
    "POST /organisations": lambda w: ("/organisations", {"handle": f"org-{uuid.uuid4().hex[:8]}", "name": "Org"}),
    "GET /organisations/{handle}": lambda w: (f"/organisations/{w.org_handle}", None),
    "POST /organisations/{handle}/members": lambda w: (
        f"/organisations/{w.org_handle}/members", {"handle": w.newcomer_handle()}),
    "GET /me/invitations": lambda w: ("/me/invitations", None),
    "GET /me/organisations": lambda w: ("/me/organisations", None),
    "POST /organisations/{handle}/members/me/accept": lambda w: (
        f"/organisations/{w.invited_org('accept')}/members/me/accept", None),
    "POST /organisations/{handle}/members/me/decline": lambda w: (
        f"/organisations/{w.invited_org('decline')}/members/me/decline", None),
    "DELETE /organisations/{handle}/members/me": lambda w: (
        f"/organisations/{w.invited_org('leave')}/members/me", None),
    "GET /organisations/{handle}/members": lambda w: (f"/organisations/{w.org_handle}/members", None),
    "DELETE /organisations/{handle}/members/{member_handle}": lambda w: (
        f"/organisations/{w.org_handle}/members/{w.invited_newcomer()}", None),
    "GET /people/{handle}/roles": lambda w: (f"/people/{w.profile['minister of the area']['handle']}/roles", None),
    "GET /campaigns/similar": lambda w: ("/campaigns/similar?title=Free+bus+travel+for+apprentices&area=transport",
                                         None),
    "GET /me/replies": lambda w: ("/me/replies", None),
    "GET /my/replies": lambda w: ("/my/replies", None),
    "GET /admin/people": lambda w: ("/admin/people", None),
    "GET /admin/organisations": lambda w: ("/admin/organisations", None),
    "PUT /ministers/{minister_id}/portfolio": lambda w: (
        f"/ministers/{w.profile['minister of the area']['id']}/portfolio", {"areas": ["health"]}),
    "PUT /policy-team/{person_id}/areas": lambda w: (
        f"/policy-team/{w.profile['policy of the area']['id']}/areas", {"areas": ["health"]}),
    "GET /areas/{area_id}/canvass": lambda w: ("/areas/health/canvass", None),
    "GET /areas/{area_id}/canvass.csv": lambda w: ("/areas/health/canvass.csv", None),
    "POST /campaigns": lambda w: ("/campaigns", campaign_body(area="health")),
    "GET /consultations": lambda w: ("/consultations?area=health&status=open", None),
    "POST /consultations": lambda w: ("/consultations", consultation_body(area="health")),
    "GET /consultations/{consultation_id}": lambda w: (f"/consultations/{w.consultation()}", None),
    "POST /consultations/{consultation_id}/close": lambda w: (
        f"/consultations/{w.consultation()}/close", {"summary": SUMMARY}),
    "GET /campaigns": lambda w: ("/campaigns?area=health", None),
    "GET /campaigns.csv": lambda w: ("/campaigns.csv", None),
    "GET /me/campaigns": lambda w: ("/me/campaigns", None),
    "GET /me/campaigns/{campaign_id}": lambda w: (f"/me/campaigns/{w.open_campaign}", None),
    "GET /me/tools": lambda w: ("/me/tools", None),
    "GET /campaigns/{campaign_id}": lambda w: (f"/campaigns/{w.campaign('draft')}", None),
    "PATCH /campaigns/{campaign_id}": lambda w: (
        f"/campaigns/{w.campaign('draft')}", {"title": "A clearer title for this"}, {"If-Match": "1"}),
    "POST /campaigns/{campaign_id}/submit": lambda w: (f"/campaigns/{w.campaign('draft')}/submit", None),
    "POST /campaigns/{campaign_id}/decision": lambda w: (
        f"/campaigns/{w.campaign('pending')}/decision", {"decision": "approve", "reason": "Within the rules."}),
    "POST /campaigns/{campaign_id}/close": lambda w: (f"/campaigns/{w.campaign('open')}/close", None),
    "GET /moderation/queue": lambda w: ("/moderation/queue", None),
    "GET /refusals": lambda w: ("/refusals", None),
    "PUT /campaigns/{campaign_id}/support": lambda w: (f"/campaigns/{w.open_campaign}/support", CONSENT),
    "DELETE /campaigns/{campaign_id}/support": lambda w: (f"/campaigns/{w.open_campaign}/support", None),
    "PUT /campaigns/{campaign_id}/follow": lambda w: (f"/campaigns/{w.open_campaign}/follow", None),
    "DELETE /campaigns/{campaign_id}/follow": lambda w: (f"/campaigns/{w.open_campaign}/follow", None),
    "GET /campaigns/{campaign_id}/replies": lambda w: (f"/campaigns/{w.open_campaign}/replies", None),
    "POST /campaigns/{campaign_id}/replies": lambda w: (f"/campaigns/{w.open_campaign}/replies", {"body": "Agreed."}),
    "PATCH /campaigns/{campaign_id}/replies/{reply_id}": lambda w: (
        f"/campaigns/{w.open_campaign}/replies/{w.owners_reply()}", {"body": "Edited."}),
    "DELETE /campaigns/{campaign_id}/replies/{reply_id}": lambda w: (
        f"/campaigns/{w.open_campaign}/replies/{w.owners_reply()}", None),
    "POST /campaigns/{campaign_id}/response": lambda w: (
        f"/campaigns/{w.open_campaign}/response", {"stance": "considering", "body": "We are looking at this closely."}),
    "PUT /campaigns/{campaign_id}/manifesto": lambda w: w.manifesto_move(),
    "GET /manifesto": lambda w: ("/manifesto?area=health", None),
    "GET /search": lambda w: ("/search?q=apprentices&area=health", None),
    "GET /search/suggest": lambda w: ("/search/suggest?q=appren", None),
    "GET /regions/{region_id}/popular": lambda w: ("/regions/london/popular", None),
    "GET /campaigns/{campaign_id}/responses": lambda w: (f"/campaigns/{w.open_campaign}/responses", None),
    "POST /campaigns/{campaign_id}/updates": lambda w: (
        f"/campaigns/{w.open_campaign}/updates", {"headline": "We met the council", "body": "They listened."}),
    "GET /campaigns/{campaign_id}/updates": lambda w: (f"/campaigns/{w.open_campaign}/updates", None),
    "GET /ministers": lambda w: ("/ministers", None),
    "GET /ministers/me/inbox": lambda w: ("/ministers/me/inbox", None),
    "GET /ministers/{minister_id}/record": lambda w: (
        f"/ministers/{w.profile['minister of the area']['id']}/record", None),
    "POST /reports": lambda w: (
        "/reports", {"target_type": "reply", "target_id": w.owners_reply(), "reason": "Off topic here."}),
    "GET /me/notifications": lambda w: ("/me/notifications", None),
    "PUT /me/notifications": lambda w: ("/me/notifications", {"updates": {"response": ["feed", "email"]}}),
    "POST /me/devices": lambda w: ("/me/devices", {"platform": "fcm", "token": f"device-token-{uuid.uuid4()}"}),
    "GET /me/devices": lambda w: ("/me/devices", None),
    "DELETE /me/devices/{device_id}": lambda w: (f"/me/devices/{w.owners_phone()}", None),
    "GET /me/feed": lambda w: ("/me/feed", None),
    "POST /me/feed/seen": lambda w: ("/me/feed/seen", None),
    "GET /me/feed/unread": lambda w: ("/me/feed/unread", None),
    "GET /notifications/unsubscribe": lambda w: (f"/notifications/unsubscribe?token={w.unsubscribe_token()}", None),
    "POST /notifications/unsubscribe": lambda w: (f"/notifications/unsubscribe?token={w.unsubscribe_token()}", None),
    "GET /notifications/confirm-email": lambda w: (
        f"/notifications/confirm-email?token={w.confirmation_token()}", None),
    "GET /dev/mailbox": lambda w: ("/dev/mailbox", None),
    "POST /moderation/{target_type}/{target_id}": lambda w: (
        f"/moderation/reply/{w.owners_reply()}", {"action": "hide", "reason": "Breaks the rules."}),
    "POST /documents": lambda w: ("/documents", draft_body(area="health")),
    "GET /documents": lambda w: ("/documents?area=health&status=open_for_amendments", None),
    "GET /documents/{document_id}": lambda w: (f"/documents/{w.shared_document()['id']}", None),
    "PATCH /documents/{document_id}": lambda w: (
        f"/documents/{w.document()['id']}", {"amendment_order": "oldest_first"}),
    "POST /documents/{document_id}/versions": lambda w: (f"/documents/{w.document()['id']}/versions", {}),
    "GET /documents/{document_id}/diff": lambda w: (f"/documents/{w.shared_document()['id']}/diff?from=1&to=1", None),
    "POST /documents/{document_id}/adopt": lambda w: (
        f"/documents/{w.document()['id']}/adopt", {"note": "Adopted at annual conference."}),
    "PUT /documents/{document_id}/clauses/{clause_id}/origins": lambda w: (
        f"{w.clause_path()}/origins", {"campaign_ids": [w.open_campaign]}),
    "POST /documents/{document_id}/amendments": lambda w: (
        f"/documents/{w.shared_document()['id']}/amendments",
        {"clause_id": clauses(w.shared_document())[1]["id"], "action": "delete", "text": "", "reason": DECIDED}),
    "GET /documents/{document_id}/amendments": lambda w: (f"/documents/{w.shared_document()['id']}/amendments", None),
    "GET /amendments/{amendment_id}": lambda w: (f"/amendments/{w.shared_amendment()}", None),
    "PUT /amendments/{amendment_id}/support": lambda w: (f"/amendments/{w.shared_amendment()}/support", CONSENT),
    "DELETE /amendments/{amendment_id}/support": lambda w: (f"/amendments/{w.shared_amendment()}/support", None),
    "GET /amendments/{amendment_id}/support": lambda w: (f"/amendments/{w.shared_amendment()}/support", None),
    "PUT /amendments/{amendment_id}/decision": lambda w: (
        f"/amendments/{w.amendment()}/decision", {"decision": "rejected", "reason": DECIDED}),
    "GET /amendments/{amendment_id}/trail": lambda w: (f"/amendments/{w.shared_amendment()}/trail", None),
    "GET /campaigns/{campaign_id}/trail": lambda w: (f"/campaigns/{w.open_campaign}/trail", None),
    "PUT /organisations/{handle}/verification": lambda w: (
        f"/organisations/{w.unverified_org()}/verification", {"kind": "branch"}),
    "GET /documents/new": lambda w: ("/documents/new", None),
    "GET /documents/{document_id}/clauses/{clause_id}": lambda w: (w.clause_path(), None),
    "GET /documents/{document_id}/decide": lambda w: (f"/documents/{w.shared_document()['id']}/decide", None),
    # Pages: public reads, and shells whose scripts call the API rows above with the ID token.
    "GET /": lambda w: ("/", None),
    "GET /areas/{area_id}": lambda w: ("/areas/health", None),
    "GET /canvass/{area_id}": lambda w: ("/canvass/health", None),
    "GET /c/{slug}": lambda w: (f"/c/{w.slug(w.open_campaign)}", None),
    "GET /widgets/c/{campaign_id}": lambda w: (f"/widgets/c/{w.open_campaign}", None),
    "GET /static/{name}": lambda w: ("/static/site.css", None),
    "GET /sign-in": lambda w: ("/sign-in", None),
    "GET /join": lambda w: ("/join", None),
    "GET /language": lambda w: ("/language?to=cy&next=/", None),
    "GET /reset-password": lambda w: ("/reset-password", None),
    "GET /my/security": lambda w: ("/my/security", None),
    "GET /start": lambda w: ("/start", None),
    "GET /consultations/new": lambda w: ("/consultations/new", None),
    "GET /my/campaigns": lambda w: ("/my/campaigns", None),
    "GET /my": lambda w: ("/my", None),
    "GET /my/profile": lambda w: ("/my/profile", None),
    "GET /my/notifications": lambda w: ("/my/notifications", None),
    "GET /my/feed": lambda w: ("/my/feed", None),
    "GET /my/supports": lambda w: ("/my/supports", None),
    "GET /my/organisations": lambda w: ("/my/organisations", None),
    "GET /my/data": lambda w: ("/my/data", None),
    "GET /my/campaigns/{campaign_id}/edit": lambda w: (f"/my/campaigns/{w.campaign('draft')}/edit", None),
    "GET /moderate": lambda w: ("/moderate", None),
    "GET /inbox": lambda w: ("/inbox", None),
    "GET /admin/refusals": lambda w: ("/admin/refusals", None),
    "GET /canvass": lambda w: ("/canvass", None),
    "GET /my/data/export": lambda w: ("/my/data/export", None),
    "GET /house-rules": lambda w: ("/house-rules", None),
    "GET /privacy": lambda w: ("/privacy", None),
    "GET /terms": lambda w: ("/terms", None),
    "GET /accessibility": lambda w: ("/accessibility", None),
}


@pytest.fixture(scope="module")
def world(api, make_user):
    return World(api, make_user)


def test_every_row_has_a_scenario():
    assert set(SCENARIOS) == set(MATRIX)


@pytest.mark.parametrize("route", sorted(MATRIX))
def test_each_role_gets_what_the_matrix_says(world, route):
    method = route.split(" ")[0]
    seen = {}
    for role in ROLES:
        path, body, *headers = SCENARIOS[route](world)
        response = world.api.request(method, path, user=world.user_for(route, role), json_body=body,
                                     headers=headers[0] if headers else None)
        seen[role] = response.status_code
        if response.status_code >= 400:
            error = json.loads(response.body)["error"]
            assert re.fullmatch(r"[a-z_]+", error["code"]), error
    assert seen == MATRIX[route]
