"""Pages for a person's tools and data that sit beside "Your space": choosing an area to canvass,
and reading your data export. Shells: nothing personal is rendered; their scripts ask the API."""

from __future__ import annotations

from chalice.app import Response

from chalicelib.domain.regions import REGION_IDS
from chalicelib.http.routing import Call
from chalicelib.web import render, views
from chalicelib.web.pages import page_route
from chalicelib.web.shown_areas import SHOWN_AREAS


@page_route("/canvass", summary="Choose an area to canvass: the policy team's areas, or every area for an admin")
def canvass_areas_page(call: Call) -> Response:
    return render.page("canvass_areas.html", cache=render.CACHE_NEVER, areas=SHOWN_AREAS)


@page_route("/my/data/export", summary="Everything held about you, to read (the same as the download)")
def my_data_export_page(call: Call) -> Response:
    return render.page("my_data_export.html", cache=render.CACHE_NEVER, here="/my/data/export",
                       region_names=views.region_names(REGION_IDS))
