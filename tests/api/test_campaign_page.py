"""The campaign page's order and words, as served (issue 27, section 5): what happened first, then a
short support button with its consent in one sentence, then the case, the updates and the dialogue,
the regional figures folded away lower; what the thresholds mean and when it closes; dates in words.
And the pages every footer links to."""

from __future__ import annotations

import json
import re
import time
from html import unescape

import pytest

from chalicelib.domain.consent import SUPPORT_CONSENT_VERSION

OPEN_IN_DRAFT = "/c/solar-panels-on-every-school-roof"  # demo: energy, open, 96 supporters, in the draft manifesto
CLOSED_ADOPTED = "/c/scrap-hospital-car-parking-charges-for-staff"  # demo: health, closed at 210, adopted
ISO_DATE_SHOWN = re.compile(r">\s*\d{4}-\d{2}-\d{2}")


def _page(api, path: str) -> str:
    response = api.get(path)
    assert response.status_code == 200, response.body
    return response.body.decode()


def _order(html: str, *marks: str) -> list[int]:
    return [html.index(mark) for mark in marks]


def test_an_open_campaign_leads_with_its_outcome_then_a_short_support_button(api, demo_data):
    html = _page(api, OPEN_IN_DRAFT)
    positions = _order(html, 'id="manifesto-heading"', 'id="support-form"', 'id="case-heading"',
                       'id="discussion-heading"', 'id="regions-heading"', 'id="share-heading"')
    assert positions == sorted(positions), "outcome, support, case, discussion, regions, share"
    # Consent in one sentence beside the box; the whole wording, and its version, one tap away.
    form = html.split('id="support-form"')[1].split("</form>")[0]
    sentence = form.split('<label for="consent" id="consent-purpose">')[1].split("</label>")[0]
    assert sentence.count(". ") == 0 and len(sentence) < 200 and "political opinion" in sentence
    assert form.index("<details") < form.index('id="support-button"')
    assert "Read the full wording" in form and "special category data" in form and SUPPORT_CONSENT_VERSION in form
    # What the numbers mean, as the petitions site says it, and when it closes.
    assert "The minister for Energy and net zero responds at 10,000 supporters." in html
    assert re.search(r"Open until <time datetime=\"[^\"]+\">\d{1,2} [A-Z][a-z]+ \d{4}</time>\.", html)
    assert "What the numbers mean" in html
    # The regional figures are there, folded away.
    regions = html.split('id="regions-heading"')[1]
    assert regions.index("<details>") < regions.index('<table id="support-by-region">')
    assert not ISO_DATE_SHOWN.search(html), "dates are in words"


def test_a_copy_says_when_it_was_made_and_which_version_it_shows(api, demo_data):
    html = _page(api, OPEN_IN_DRAFT)
    made = int(re.search(r'data-rendered-at="(\d+)"', html).group(1))
    assert abs(made - time.time()) < 60
    assert re.search(r'data-version="\d+"', html)


def test_a_closed_adopted_campaign_leads_with_its_outcome_not_a_milestone(api, demo_data):
    html = _page(api, CLOSED_ADOPTED)
    assert re.search(r"Closed on <time[^>]*>\d{1,2} [A-Z][a-z]+ \d{4}</time> with <strong>210</strong> supporters\.",
                     html)
    assert "For the manifesto: Adopted" in html
    positions = _order(html, 'class="closed-line"', 'id="manifesto-heading"', 'id="support-heading"',
                       'id="case-heading"')
    assert positions == sorted(positions)
    for gone in ("the next milestone", "<progress", 'id="support-form"', "responds at"):
        assert gone not in html, gone
    assert not ISO_DATE_SHOWN.search(html)


ABOUT = {"/house-rules": "House rules", "/privacy": "Privacy notice", "/terms": "Terms of use",
         "/accessibility": "Accessibility statement"}


@pytest.mark.parametrize("path", sorted(ABOUT))
def test_every_footer_links_to_the_rules_and_each_is_a_public_page(api, demo_data, path):
    for page in ("/", OPEN_IN_DRAFT, "/my", "/sign-in"):
        footer = _page(api, page).split('<footer class="site">')[1]
        assert f'<a href="{path}">' in footer, (page, path)
    response = api.get(path)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=30"
    assert f"<h1>{ABOUT[path]}</h1>" in response.body.decode()


def test_the_start_page_shows_the_house_rules_before_the_form(api):
    html = _page(api, "/start")
    assert html.index('id="rules-heading"') < html.index('id="campaign-form"')
    assert "Be civil." in html and '<a href="/house-rules">' in html


def test_the_canvass_offers_every_area_to_choose_from(api):
    response = api.get("/canvass")
    assert response.headers["Cache-Control"] == "no-store"
    html = response.body.decode()
    for area in ("health", "energy", "transport"):
        assert f'<a href="/canvass/{area}">' in html


def test_the_readable_export_is_a_shell_that_renders_nothing_personal(api):
    response = api.get("/my/data/export")
    assert response.headers["Cache-Control"] == "no-store"
    html = response.body.decode()
    assert "<noscript>" in html and '<div data-mine hidden>' in html and "/static/my-export.js" in html
    assert '<a href="/my/data/export">' in _page(api, "/my/data")


@pytest.mark.parametrize("language,wales,digest", [("en", "Wales", "The daily digest"),
                                                   ("cy", "Cymru", "Y crynodeb dyddiol")])
def test_the_readable_export_names_regions_and_alerts_in_the_pages_language(api, language, wales, digest):
    """The export keeps ids ("wales", "digest"); its page carries their names, for its script to say."""
    html = api.get("/my/data/export", headers={"Accept": "text/html", "Accept-Language": language}).body.decode()
    export = re.search(r'<div id="export" data-region-names=\'([^\']*)\' data-alert-names=\'([^\']*)\'', html)
    assert export is not None, html
    regions, alerts = (json.loads(unescape(part)) for part in export.groups())
    assert regions["wales"] == wales and len(regions) == 12
    assert alerts["digest"] == digest and "response_threshold" in alerts
