"""The rest of bench/requests.py's scenarios: replies and responses, notifications and devices,
memberships, sessions, search, erasure, and the pages (the six hot reads cold and on a warm
container). Same shape as requests.scenarios: (route, caller's role, caller, () -> (path[, body[,
headers]])[, variant name])."""

from __future__ import annotations

import uuid
from typing import Any

WARM = "warm container"


class Extras:
    """What these routes need beyond requests.World: a reply, a phone, tokens, invitations."""

    def __init__(self, w: Any) -> None:
        self.w = w
        self.topic_indexed = False

    def reply(self, author: Any) -> str:
        """A fresh reply on an open campaign (made in the store: no rate limit)."""
        from chalicelib.store.replies import create_reply

        return create_reply(campaign_id=self.w.open_ids[2], author_id=author.sub, body="A reply to measure.",
                            parent_id=None, badges=[]).reply_id

    def phone(self, person: Any) -> str:
        from chalicelib.notify.clients import client
        from chalicelib.settings import get_settings
        from chalicelib.store.notifications import register_device

        token = f"bench-phone-{uuid.uuid4()}"
        arn = client("sns").create_platform_endpoint(PlatformApplicationArn=get_settings().fcm_application_arn,
                                                     Token=token)["EndpointArn"]
        return register_device(person.sub, "fcm", token, arn).device_id

    def invited(self, person: Any) -> str:
        """A fresh organisation of the owner's that has invited `person`."""
        from chalicelib.domain import limits
        from chalicelib.store import rate_limits

        rate_limits.forget(self.w.owner.sub, (limits.ORGANISATIONS,))  # the scene, not the route measured
        handle = f"org-{uuid.uuid4().hex[:8]}"
        self.w.api.post("/organisations", user=self.w.owner, json_body={"handle": handle, "name": "Bench Branch"})
        self.w.api.post(f"/organisations/{handle}/members", user=self.w.owner, json_body={"handle": person.handle})
        return handle

    def invitations_of(self, person: Any) -> str:
        self.invited(person)
        return "/me/invitations"

    def member_of(self, person: Any) -> str:
        handle = self.invited(person)
        self.w.api.post(f"/organisations/{handle}/members/me/accept", user=person)
        return handle

    def unsubscribe_token(self) -> str:
        from chalicelib.notify.email import unsubscribe_token

        return unsubscribe_token(self.w.citizen.sub, "response")

    def confirmation_token(self) -> str:
        from chalicelib.notify.email import confirmation_token

        address = f"bench-{uuid.uuid4().hex[:8]}@example.org"
        self.w.api.put("/me/notifications", user=self.w.citizen, json_body={"email": address})
        return confirmation_token(self.w.citizen.sub, address, 3600)

    def refresh_token(self) -> str:
        return self.w.accounts.sign_in(self.w.citizen.email, self.w.password)["RefreshToken"]

    def session_cookie(self) -> dict[str, str]:
        from chalicelib.http.session_cookie import NAME

        started = self.w.api.post("/auth/session", json_body={"refresh_token": self.refresh_token()})
        value = started.headers["Set-Cookie"].split(";")[0].partition("=")[2]
        return {"Cookie": f"{NAME}={value}", "Sec-Fetch-Site": "same-origin"}

    def lists_kept(self, path: str) -> str:
        """`path`, with the home and area pages' stored lists as the campaigns' stream keeps them (its
        handler is not run here; in AWS it has stored them again a second or two after any move)."""
        from chalicelib.domain.areas import AREAS_BY_ID
        from chalicelib.logic.lists import HOME, area_page_name, refresh_front_pages

        if path == "/" or path.startswith("/areas/"):
            refresh_front_pages({HOME, *(area_page_name(a) for a in AREAS_BY_ID)})
        return path

    def slug(self, campaign_id: str) -> str:
        return self.w.api.get(f"/campaigns/{campaign_id}").json_body["slug"]

    def indexed(self, path: str) -> str:
        """`path`, with open_ids[2] and the campaigns on its topic in the search index as the campaigns'
        stream leaves them (its handler is not run here): indexed, then (where the code stores them)
        each one's related campaigns. Only these, so the search rows still measure an index without them."""
        from chalicelib.logic import search
        from chalicelib.store.campaigns import get_campaign

        if not self.topic_indexed:
            topic = [get_campaign(i) for i in self.w.open_ids[2::8]]
            for campaign in topic:
                search.refresh_campaign(campaign.id, campaign)
            remember = getattr(search, "remember_related", None)  # none on main before issue 30's stored ones
            if remember is not None:
                remember(topic)
            self.topic_indexed = True
        return path


SHELLS = ("/sign-in", "/join", "/reset-password", "/my/security", "/start", "/consultations/new", "/my/campaigns",
          "/my", "/my/profile", "/my/notifications", "/my/feed", "/my/supports", "/my/organisations", "/my/data",
          "/moderate", "/inbox")


def hot_reads(w: Any, x: Extras) -> list[tuple]:
    """Four of the six reads people hit in numbers, cold (a new container) and warm; GET /campaigns and
    GET /campaigns/{campaign_id} have theirs in requests.scenarios."""
    rows = []
    for route, path in (("GET /", "/"), ("GET /areas/{area_id}", "/areas/health"),
                        ("GET /c/{slug}", f"/c/{x.slug(w.open_ids[2])}"),
                        ("GET /widgets/c/{campaign_id}", f"/widgets/c/{w.open_ids[2]}")):
        rows.append((route, "anyone", None, lambda p=path: (x.lists_kept(p), None)))
        rows.append((route, "anyone", None, lambda p=path: (w.asked(x.lists_kept(p)), None), WARM))
        # Issue 29: a page in Welsh reads what the English one reads (the language is the request's).
        rows.append((route, "anyone", None, lambda p=path: (x.lists_kept(p), None, {"Accept-Language": "cy"}),
                     "in Welsh"))
        rows.append((route, "anyone", None, lambda p=path: (w.asked(x.lists_kept(p)), None,
                                                           {"Accept-Language": "cy"}), f"{WARM}, in Welsh"))
    # Issue 30: a campaign's page once its stream has indexed it, with its related campaigns, as in AWS.
    indexed = f"/c/{x.slug(w.open_ids[2])}"
    rows.append(("GET /c/{slug}", "anyone", None, lambda: (x.indexed(indexed), None), "indexed"))
    rows.append(("GET /c/{slug}", "anyone", None, lambda: (w.asked(x.indexed(indexed)), None), f"indexed, {WARM}"))
    return rows


def more_scenarios(w: Any) -> list[tuple]:
    from bench.document_scenarios import document_scenarios

    x = Extras(w)
    c, o, m, minister = w.citizen, w.owner, w.moderator, w.minister
    campaign = f"/campaigns/{w.open_ids[2]}"
    return [
        *hot_reads(w, x),
        ("GET /campaigns/{campaign_id}/replies", "anyone", None, lambda: (f"{campaign}/replies", None)),
        ("POST /campaigns/{campaign_id}/replies", "citizen", c, lambda: (f"{campaign}/replies", {"body": "Agreed."})),
        ("PATCH /campaigns/{campaign_id}/replies/{reply_id}", "citizen", c,
         lambda: (f"{campaign}/replies/{x.reply(c)}", {"body": "Edited, with a source."})),
        ("DELETE /campaigns/{campaign_id}/replies/{reply_id}", "citizen", c,
         lambda: (f"{campaign}/replies/{x.reply(c)}",)),
        ("POST /campaigns/{campaign_id}/response", "minister", minister,
         lambda: (f"/campaigns/{w.open_ids[0]}/response", {"stance": "considering", "body": "We are looking at it."})),
        ("GET /campaigns/{campaign_id}/responses", "anyone", None, lambda: (f"/campaigns/{w.open_ids[0]}/responses",
                                                                            None)),
        ("GET /ministers/me/inbox", "minister", minister, lambda: ("/ministers/me/inbox", None)),
        ("POST /campaigns/{campaign_id}/updates", "owner", o,
         lambda: (f"/campaigns/{w.open_ids[0]}/updates", {"headline": "We met the council", "body": "They listened."})),
        ("GET /campaigns/{campaign_id}/updates", "anyone", None, lambda: (f"/campaigns/{w.open_ids[0]}/updates", None)),
        ("POST /reports", "citizen", c,
         lambda: ("/reports", {"target_type": "reply", "target_id": x.reply(o), "reason": "Off topic here."})),
        ("POST /moderation/{target_type}/{target_id}", "moderator", m,
         lambda: (f"/moderation/reply/{x.reply(o)}", {"action": "hide", "reason": "Breaks the rules."})),
        ("GET /me/notifications", "citizen", c, lambda: ("/me/notifications", None)),
        ("PUT /me/notifications", "citizen", c, lambda: ("/me/notifications", {"updates": {"response": ["feed"]}})),
        ("POST /me/devices", "citizen", c, lambda: ("/me/devices", {"platform": "fcm", "token": f"t-{uuid.uuid4()}"})),
        ("GET /me/devices", "citizen", c, lambda: ("/me/devices", None)),
        ("DELETE /me/devices/{device_id}", "citizen", c, lambda: (f"/me/devices/{x.phone(c)}",)),
        ("GET /me/feed", "citizen", c, lambda: ("/me/feed", None)),
        ("POST /me/feed/seen", "citizen", c, lambda: ("/me/feed/seen", None)),
        ("GET /me/feed/unread", "citizen", c, lambda: ("/me/feed/unread", None)),
        ("GET /notifications/unsubscribe", "anyone", None,
         lambda: (f"/notifications/unsubscribe?token={x.unsubscribe_token()}", None)),
        ("GET /notifications/confirm-email", "anyone", None,
         lambda: (f"/notifications/confirm-email?token={x.confirmation_token()}", None)),
        ("GET /dev/mailbox", "anyone", None, lambda: ("/dev/mailbox", None)),
        ("GET /me/invitations", "citizen", c, lambda: (x.invitations_of(c), None)),
        ("GET /me/organisations", "citizen", c, lambda: ("/me/organisations", None)),
        ("POST /organisations/{handle}/members/me/accept", "citizen", c,
         lambda: (f"/organisations/{x.invited(c)}/members/me/accept", None)),
        ("POST /organisations/{handle}/members/me/decline", "citizen", c,
         lambda: (f"/organisations/{x.invited(c)}/members/me/decline", None)),
        ("DELETE /organisations/{handle}/members/me", "citizen", c,
         lambda: (f"/organisations/{x.member_of(c)}/members/me",)),
        ("POST /auth/session", "anyone", None, lambda: ("/auth/session", {"refresh_token": x.refresh_token()})),
        ("POST /auth/refresh", "anyone", None, lambda: ("/auth/refresh", None, x.session_cookie())),
        ("DELETE /auth/session", "anyone", None, lambda: ("/auth/session", None, x.session_cookie())),
        ("GET /search", "anyone", None, lambda: ("/search?q=apprentices", None)),
        ("GET /search/suggest", "anyone", None, lambda: ("/search/suggest?q=appren", None)),
        ("GET /regions/{region_id}/popular", "anyone", None, lambda: ("/regions/london/popular", None)),
        ("GET /static/{name}", "anyone", None, lambda: ("/static/site.css", None)),
        ("GET /my/campaigns/{campaign_id}/edit", "owner", o, lambda: (f"/my/campaigns/{w.open_ids[0]}/edit", None)),
        *[(f"GET {p}", "anyone", None, lambda p=p: (p, None)) for p in SHELLS],
        ("GET /canvass/{area_id}", "anyone", None, lambda: ("/canvass/health", None)),
        *document_scenarios(w),  # bench/document_scenarios.py
        ("DELETE /me", "citizen", None, lambda: ("/me", None, w.user().auth)),  # someone made to leave
    ]
