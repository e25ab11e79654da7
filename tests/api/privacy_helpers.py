"""A busy person, made through the API as they would make themselves, and what the privacy tests
need to look for them afterwards: every table of infra/template.yaml, read whole."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tests.api.campaign_helpers import CONSENT, campaign_body, open_campaign
from tests.conftest import REGION

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Busy:
    """Someone who has done a bit of everything, and the campaigns around them."""

    user: object
    id: str
    handle: str
    display_name: str
    email: str
    draft_id: str  # their own, never opened
    own_open_id: str  # their own, open, supported by them and two others
    others_open_id: str  # someone else's, open, supported by them and one other
    closed_id: str  # someone else's, supported by them and one other, then closed
    reply_id: str  # theirs, answered by someone else
    answer_id: str
    supporters_left: dict[str, int] = field(default_factory=dict)  # campaign -> supporters once they are gone

    @property
    def needles(self) -> list[str]:
        return [self.id, self.handle, self.display_name, self.email]


def _ok(response, status: int = 200) -> dict:
    assert response.status_code == status, (response.status_code, response.body)
    return json.loads(response.body) if response.body else {}


def make_busy_person(api, make_user, cast) -> Busy:
    from chalicelib.domain.notifications import SupporterUpdate
    from chalicelib.logic.counting import refresh_count
    from chalicelib.store import notifications

    tag = uuid.uuid4().hex[:6]
    user = make_user(name="busy")
    me = _ok(api.patch("/me", user=user, json_body={
        "handle": f"busy-{tag}", "display_name": f"Philippa Quartermaine {tag}", "bio": f"Nurse in Leeds {tag}"}))
    owner, moderator, fan, fan2 = cast["owner"], cast["moderator"], cast["fan"], cast["fan2"]

    made = api.post("/campaigns", user=user, json_body=campaign_body(area="health"),
                    headers={"Idempotency-Key": f"draft-{tag}"})
    draft = _ok(made, 201)
    own_open = open_campaign(api, user, moderator, area="health")
    others_open = open_campaign(api, owner, moderator, area="transport")
    to_close = open_campaign(api, owner, moderator, area="housing")
    for campaign, people in ((own_open, [user, fan, fan2]), (others_open, [user, fan]), (to_close, [user, fan])):
        for person in people:
            _ok(api.put(f"/campaigns/{campaign['id']}/support", user=person, json_body=CONSENT))
    _ok(api.post(f"/campaigns/{to_close['id']}/close", user=owner))

    _ok(api.put(f"/campaigns/{to_close['id']}/follow", user=user))
    _ok(api.post(f"/campaigns/{own_open['id']}/updates", user=user,
                 json_body={"headline": f"We met the minister {tag}", "body": "It went well."}), 201)
    reply = _ok(api.post(f"/campaigns/{others_open['id']}/replies", user=user,
                         json_body={"body": f"I take this bus every day {tag}."}), 201)
    # An edit: the earlier words go into the reply's history.
    reply = _ok(api.patch(f"/campaigns/{others_open['id']}/replies/{reply['id']}", user=user,
                          json_body={"body": f"I take this bus every day {tag}, twice."}))
    answer = _ok(api.post(f"/campaigns/{others_open['id']}/replies", user=fan,
                          json_body={"body": "Same here.", "parent_id": reply["id"]}), 201)
    theirs = _ok(api.post(f"/campaigns/{others_open['id']}/replies", user=fan, json_body={"body": "Spam spam."}), 201)
    _ok(api.post("/reports", user=user, json_body={"target_type": "reply", "target_id": theirs["id"],
                                                   "reason": "Off topic here."}), 201)
    _ok(api.post("/organisations", user=user, json_body={"handle": f"org-{tag}", "name": f"Leeds nurses {tag}"}), 201)
    _ok(api.put("/me/notifications", user=user, json_body={"updates": {"response": ["feed", "email"]}}))
    _ok(api.post("/me/devices", user=user, json_body={"platform": "fcm", "token": f"phone-{uuid.uuid4()}"}), 201)
    notifications.add_feed_item(user.sub, SupporterUpdate(
        campaign_id=others_open["id"], event_key="response", kind="response", title=others_open["title"],
        text="The minister answered.", url="http://x/c/y", created_at="2026-11-25T10:00:00.000000Z"))
    for campaign in (own_open, others_open, to_close):
        refresh_count(campaign["id"])
    return Busy(user=user, id=me["id"], handle=me["handle"], display_name=me["display_name"], email=user.email,
                draft_id=draft["id"], own_open_id=own_open["id"], others_open_id=others_open["id"],
                closed_id=to_close["id"], reply_id=reply["id"], answer_id=answer["id"],
                # A closed campaign keeps its published count: the erased support is anonymised, not taken off.
                supporters_left={own_open["id"]: 2, others_open["id"]: 1, to_close["id"]: 2})


def template_tables() -> list[str]:
    """Every table infra/template.yaml makes, by the name the app uses for it."""
    from chalicelib.settings import get_settings

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: loader.construct_scalar(node)
                                 if isinstance(node, yaml.ScalarNode) else None)
    template = yaml.load((ROOT / "infra" / "template.yaml").read_text(), Loader=Loader)  # noqa: S506 - our own file
    names = []
    for resource in template["Resources"].values():
        if resource["Type"] == "AWS::DynamoDB::Table":
            short = re.sub(r"^labourspace-\$\{Stage\}-", "", resource["Properties"]["TableName"])
            names.append(get_settings().table_name(short))
    return names


def _every_item(table: str) -> Iterator[dict]:
    """A table read whole, as a Scan returns its items, from the embedded AWS's memory: it runs in this
    process, and a Scan over HTTP grows with everything the worker's tests wrote (the search index
    holds about 135 entries per campaign), which made each erasure test take minutes."""
    from moto.dynamodb.models import dynamodb_backends

    from devstack.embedded_aws import ACCOUNT_ID

    for item in dynamodb_backends[ACCOUNT_ID][REGION].get_table(table).all_items():
        yield item.to_json()["Attributes"]


def traces_of(needles: list[str]) -> list[tuple[str, str]]:
    """(table, item) for every item in every table that mentions any needle (tests only)."""
    found = []
    lowered = [n.lower() for n in needles]
    for table in template_tables():
        for item in _every_item(table):
            text = json.dumps(item).lower()
            if any(n in text for n in lowered):
                found.append((table, text[:300]))
    return found
