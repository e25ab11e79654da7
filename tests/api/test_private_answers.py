"""What is answered to a signed-in person is never kept by a cache (Cache-Control: no-store):
the routing says it once, for every route that needs sign-in and every request with a token."""

from __future__ import annotations

import pytest

from tests.api.campaign_helpers import create

SIGNED_IN_READS = ["/me", "/me/export", "/me/campaigns?relation=supported", "/me/campaigns", "/me/feed",
                   "/me/notifications"]


@pytest.mark.parametrize("path", SIGNED_IN_READS)
def test_a_signed_in_persons_own_data_is_never_cached(api, make_user, path):
    response = api.get(path, user=make_user())
    assert response.status_code == 200, response.body
    assert response.headers["Cache-Control"] == "no-store"


def test_refusals_of_signed_in_routes_are_not_cached_either(api):
    assert api.get("/me").headers["Cache-Control"] == "no-store"  # 401


def test_an_owners_view_of_a_draft_is_not_cached(api, make_user):
    """GET /campaigns/{id} is open to anyone, but its owner sees the draft others get 404 for."""
    owner = make_user()
    draft = create(api, owner, area="housing")
    response = api.get(f"/campaigns/{draft['id']}", user=owner)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


def test_the_open_data_stays_public_with_or_without_a_token(api, make_user):
    """The same for everyone: a token does not make it private."""
    assert api.get("/campaigns.csv", user=make_user()).headers["Cache-Control"] == "public, max-age=300"
