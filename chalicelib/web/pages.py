"""The pages: thin handlers that gather what a page shows (`views`) and render it (`render`).
Every page reads without JavaScript; the few that act for someone signed in are shells whose
static script calls the JSON API with the Cognito ID token, so no page ever reads a cookie.

A page's module is imported on its first call (http/lazy_routes.py), so this one, the campaign page's,
holds the pages that share its views; the search, the manifesto tracker and the documents' pages live
in modules of their own (search_pages, document_pages) with what they alone import (issue 30)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from chalice.app import Response

from chalicelib.domain.identity import ANYONE
from chalicelib.domain.regions import REGION_IDS
from chalicelib.http.negotiation import html_view
from chalicelib.http.routing import Call, endpoint
from chalicelib.web import consultation_views, render, views
from chalicelib.web.shown_areas import SHOWN_BY_ID, area_names


def page_route(path: str, summary: str, errors: tuple[int, ...] = ()) -> Callable[[Callable[..., Any]], Any]:
    """A page: anyone may ask for it (what it shows is public; actions go through the API)."""
    return endpoint("GET", path, access=ANYONE, summary=summary, produces="text/html", tags=("pages",),
                    errors=errors)


@page_route("/", summary="Home: rising, newest, and campaigns by policy area")
def home_page(call: Call) -> Response:
    return render.shown(lambda: render.page("home.html", **views.home()))


@page_route("/areas/{area_id}", summary="One policy area's campaigns", errors=(404,))
def area_page(call: Call, area_id: str) -> Response:
    return render.shown(lambda: render.page("area.html", **views.area(area_id)))


@page_route("/c/{slug}", summary="A campaign's page: the case, its count, the response, the replies",
          errors=(404,))
def campaign_page(call: Call, slug: str) -> Response:
    def build() -> Response:
        query: dict[str, str] = dict(call.request.query_params or {})
        context = views.campaign_by_slug(slug, query.get("replies"))
        context.update(views.timeline(context["campaign"]))
        context.update(consultation_views.answering(context["campaign"]))
        return render.page_within_budget("campaign.html", context["thread"].shrink, **context)

    return render.shown(build)


@html_view("/people/{handle}")
def person_page(handle: str) -> Response:
    """`GET /people/{handle}` for browsers: the API declares the route with `html=True`."""
    return render.negotiated("person.html", lambda: views.person(handle))


@page_route("/widgets/c/{campaign_id}", errors=(404,),
          summary="The embeddable widget: title, live count and a link to support; any site may frame it")
def widget_page(call: Call, campaign_id: str) -> Response:
    return render.shown(lambda: render.page("widget.html", framable=True, **views.widget(campaign_id)))


@endpoint("GET", "/static/{name}", access=ANYONE, produces="text/css", tags=("pages",), errors=(404,),
          summary="The pages' stylesheet and scripts")
def static(call: Call, name: str) -> Response:
    return render.shown(lambda: render.static_file(name))


def _shell(template: str, **context: Any) -> Response:
    """A page that only acts for someone signed in: nothing personal is rendered, never cached."""
    return render.page(template, cache=render.CACHE_NEVER, **context)


@page_route("/sign-in", summary="Sign in with Cognito (the browser calls Cognito itself), with the "
           "authenticator's code, or setting one up where the account must have one")
def sign_in_page(call: Call) -> Response:
    return _shell("sign_in.html")


@page_route("/join", summary="Join: Cognito SignUp, then ConfirmSignUp with the emailed code, then signed in")
def join_page(call: Call) -> Response:
    return _shell("join.html", regions=views.region_names(REGION_IDS))


@page_route("/reset-password", summary="A forgotten password: ForgotPassword, then ConfirmForgotPassword")
def reset_password_page(call: Call) -> Response:
    return _shell("reset_password.html")


@page_route("/my/security", summary="Your authenticator app, and signing out everywhere")
def security_page(call: Call) -> Response:
    return _shell("security.html")


@page_route("/start", summary="Start a campaign (the form posts to the API with the ID token); "
           "?consultation=<id> answers that consultation")
def start_page(call: Call) -> Response:
    query: Mapping[str, str] = call.request.query_params or {}
    answering = views.answering(query.get("consultation"))
    return _shell("edit.html", campaign_id=None, **answering)


@html_view("/consultations/{consultation_id}")
def consultation_page(consultation_id: str) -> Response:
    """`GET /consultations/{id}` for browsers: the API declares the route with `html=True`."""
    return render.negotiated("consultation.html", lambda: views.consultation(consultation_id))


@page_route("/consultations/new", summary="Open a consultation (the policy team; the form posts to the API)")
def new_consultation_page(call: Call) -> Response:
    return _shell("consultation_new.html")


@page_route("/my/campaigns", summary="Your campaigns, drafts included (filled in by the API)")
def my_campaigns_page(call: Call) -> Response:
    return _shell("mine.html")


# A person's own space: shells whose scripts fill them in from the API (README, "Web pages").
@page_route("/my", summary="Your space: the pages that are yours alone")
def my_space_page(call: Call) -> Response:
    return _shell("my_space.html")


@page_route("/my/profile", summary="Your profile: handle, name, bio, constituency, and how others see it")
def my_profile_page(call: Call) -> Response:
    # Joining ends here (`?welcome=1`): the page asks the newcomer to choose a handle first.
    query: Mapping[str, str] = call.request.query_params or {}
    welcome = query.get("welcome") == "1"
    return _shell("my_profile.html", here="/my/profile", welcome=welcome, regions=views.region_names(REGION_IDS))


@page_route("/my/notifications", summary="How updates reach you: channels, alerts, the email address, phones")
def my_notifications_page(call: Call) -> Response:
    return _shell("my_notifications.html", here="/my/notifications")


@page_route("/my/feed", summary="Updates from campaigns you support or follow, newest first")
def my_feed_page(call: Call) -> Response:
    return _shell("my_feed.html", here="/my/feed")


@page_route("/my/supports", summary="Campaigns you support and follow: withdraw or stop following here")
def my_supports_page(call: Call) -> Response:
    return _shell("my_supports.html", here="/my/supports")


@page_route("/my/replies", summary="Your replies, newest first: where each is, and deleting them")
def my_replies_page(call: Call) -> Response:
    return _shell("my_replies.html", here="/my/replies")


@page_route("/my/organisations", summary="Your organisations and invitations: create one, invite, answer, leave")
def my_organisations_page(call: Call) -> Response:
    return _shell("my_organisations.html", here="/my/organisations")


@page_route("/my/data", summary="Download everything held about you, or erase your account")
def my_data_page(call: Call) -> Response:
    return _shell("my_data.html", here="/my/data")


@page_route("/my/campaigns/{campaign_id}/edit", summary="Edit a draft or rejected campaign")
def edit_page(call: Call, campaign_id: str) -> Response:
    return _shell("edit.html", campaign_id=campaign_id)


@page_route("/moderate", summary="The moderator's queue (filled in by the API)")
def moderate_page(call: Call) -> Response:
    return _shell("moderate.html", area_names=area_names())


@page_route("/inbox", summary="A minister's inbox (filled in by the API)")
def inbox_page(call: Call) -> Response:
    return _shell("inbox.html", area_names=area_names())


# A shell, not a server page: the canvass is for the policy team only, and pages never read a
# session (the API checks the token), so the page's script asks GET /areas/{id}/canvass.
@page_route("/canvass/{area_id}", summary="An area's canvass for its policy team and admins (filled in by the API)")
def canvass_page(call: Call, area_id: str) -> Response:
    return _shell("canvass.html", area_id=area_id, area=SHOWN_BY_ID.get(area_id), region_names=views.region_names())


@page_route("/admin/refusals", summary="Admins: decisions refused for a conflict of interest (filled in by the API)")
def refusals_page(call: Call) -> Response:
    return _shell("refusals.html")


@page_route("/admin/people",
            summary="Admins: ministers' portfolios and the policy team's areas (the form calls the API)")
def admin_people_page(call: Call) -> Response:
    return _shell("admin_people.html")
