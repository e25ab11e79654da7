"""The pages every footer links to: the house rules, the privacy notice, the terms of use and the
accessibility statement. Public, the same for everyone, cached like any public page."""

from __future__ import annotations

from chalice.app import Response

from chalicelib.http.routing import Call
from chalicelib.web import render
from chalicelib.web.pages import page_route


@page_route("/house-rules", summary="The house rules: what may be posted, and what moderators do")
def house_rules_page(call: Call) -> Response:
    return render.page("house_rules.html")


@page_route("/privacy", summary="The privacy notice: what is kept about you, why, for how long, and your rights")
def privacy_page(call: Call) -> Response:
    return render.page("privacy.html")


@page_route("/terms", summary="The terms of use")
def terms_page(call: Call) -> Response:
    return render.page("terms.html")


@page_route("/accessibility", summary="The accessibility statement: what is done, what is known not to work, "
           "and how to report a problem")
def accessibility_page(call: Call) -> Response:
    return render.page("accessibility.html")
