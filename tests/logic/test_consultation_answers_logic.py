"""Starting a campaign that answers a consultation, on the in-memory fakes: only an open one, only
in its area; the draft remembers which, and keeps that area when edited."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain.consultations import Consultation
from chalicelib.domain.errors import InvalidInput
from chalicelib.logic import campaigns as logic
from tests.logic.fakes_base import stamp
from tests.logic.world import OWNER

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def consultation(fake, cid: str, *, opens: timedelta, closes: timedelta, closed: bool = False):
    return fake.consultations.add(Consultation(
        cid, "health", "How should we cut NHS waiting lists?", "Tell us.", stamp(NOW + opens), stamp(NOW + closes),
        "policy-1", closed_at=stamp(NOW) if closed else None))


def start(consultation_id: str | None, area: str = "health"):
    return logic.start_campaign(OWNER, title="Evening clinics in every town", area=area, organisation_handle=None,
                                summary="GP surgeries should open until 9pm twice a week.",
                                body="Working people cannot take mornings off to see a doctor. " * 2,
                                consultation_id=consultation_id, now=NOW)


def test_a_campaign_answers_an_open_consultation_in_its_area(fake):
    consultation(fake, "k1", opens=-timedelta(days=1), closes=timedelta(days=1))
    draft = start("k1")
    assert fake.campaigns.get_campaign(draft.id).consultation_id == "k1"
    assert start(None).consultation_id is None


@pytest.mark.parametrize("opens, closes, closed, code", [
    (timedelta(days=1), timedelta(days=2), False, "consultation_not_open"),  # upcoming
    (-timedelta(days=2), -timedelta(days=1), False, "consultation_not_open"),  # its date has passed
    (-timedelta(days=1), timedelta(days=1), True, "consultation_not_open"),  # closed early
])
def test_a_consultation_not_open_takes_no_answer(fake, opens, closes, closed, code):
    consultation(fake, "k2", opens=opens, closes=closes, closed=closed)
    with pytest.raises(InvalidInput) as raised:
        start("k2")
    assert raised.value.code == code
    assert fake.campaigns.items == {}  # nothing was written


def test_an_unknown_consultation_or_another_area_is_refused(fake):
    consultation(fake, "k3", opens=-timedelta(days=1), closes=timedelta(days=1))
    with pytest.raises(InvalidInput) as unknown:
        start("nope")
    assert (unknown.value.code, unknown.value.details["fields"]) == (
        "consultation_not_open", {"consultation_id": "no such consultation"})
    with pytest.raises(InvalidInput) as elsewhere:
        start("k3", area="transport")
    assert elsewhere.value.code == "consultation_other_area"
    assert fake.campaigns.items == {}


def test_a_draft_answering_a_consultation_cannot_change_area(fake):
    consultation(fake, "k4", opens=-timedelta(days=1), closes=timedelta(days=1))
    draft = start("k4")
    with pytest.raises(InvalidInput) as raised:
        logic.edit_campaign(OWNER, draft.id, {"area": "transport"}, draft.version)
    assert raised.value.code == "consultation_other_area"
    assert logic.edit_campaign(OWNER, draft.id, {"area": "health"}, draft.version).area == "health"
