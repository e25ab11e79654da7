"""The people of the logic tests, and campaigns put into each state the way users put them there:
through the use cases, never by writing the fakes' records."""

from __future__ import annotations

from chalicelib.domain.campaigns import Campaign
from chalicelib.domain.consent import SUPPORT_CONSENT_VERSION
from chalicelib.domain.dialogue import Reply
from chalicelib.domain.identity import Caller, Role
from chalicelib.domain.people import Organisation
from chalicelib.logic import campaigns as logic
from chalicelib.logic import dialogue, responses, support
from chalicelib.logic.ports import stores


def person(name: str, *roles: Role) -> Caller:
    return Caller(id=name, username=name, roles=frozenset({Role.CITIZEN, *roles}))


OWNER = person("owner")
MEMBER = person("member")  # a member of "greens", which hosts the organisation's campaigns
STRANGER = person("stranger")
MODERATOR = person("moderator", Role.MODERATOR)
ADMIN = person("admin", Role.ADMIN)
MINISTER = person("minister", Role.MINISTER)  # portfolio: health (see `ministers`)
OTHER_MINISTER = person("other-minister", Role.MINISTER)  # portfolio: transport
CONSENT = SUPPORT_CONSENT_VERSION

# What `campaign(state)` builds.
STATES = ("draft", "pending", "rejected", "open", "closed", "hidden-open", "hidden-closed")


def greens(fake) -> Organisation:
    """The organisation OWNER runs and MEMBER belongs to."""
    found = fake.people.organisation_by_handle("greens")
    return found or fake.people.add_organisation("greens", {OWNER.id: "admin", MEMBER.id: "member"})


def ministers(fake) -> None:
    fake.people.give_portfolio(MINISTER, ["health"])
    fake.people.give_portfolio(OTHER_MINISTER, ["transport"])


def campaign(fake, state: str = "open", *, owner: Caller = OWNER, title: str = "Free school meals for every child",
             area: str = "health", hosted: bool = True) -> Campaign:
    """A campaign in `state` (one of STATES), hosted by greens unless told otherwise; returns it as stored."""
    org = greens(fake).handle if hosted else None
    record = logic.start_campaign(owner, title=title, summary="Every child fed at school.",
                                  body="No child should learn hungry.", area=area, organisation_handle=org)
    if state != "draft":
        logic.submit_campaign(owner, record.id)
    if state in ("rejected", "open", "closed", "hidden-open", "hidden-closed"):
        logic.decide_campaign(MODERATOR, record.id, approve=state != "rejected", reason="Reviewed by moderators.")
    if state in ("closed", "hidden-closed"):
        logic.close_campaign(owner, record.id, "We won.")
    if state.startswith("hidden-"):
        fake.campaigns.set_hidden(record, True)
    return fake.campaigns.get_campaign(record.id)


def supported_by(fake, campaign_id: str, *people: Caller) -> None:
    for who in people:
        support.support(who, campaign_id, CONSENT)


def count(fake, campaign_id: str) -> int:
    return fake.supports.campaign_snapshot(campaign_id).support_count


def respond(who: Caller, campaign_id: str, stance: str, body: str) -> responses.GivenResponse:
    """A minister's official response, given now by the fakes' clock."""
    return responses.give_response(who, campaign_id, stance, body, now=stores().rate_limits.clock.now())


ALICE, BOB = person("alice"), person("bob")


def say(who: Caller, campaign_id: str, body: str = "I agree.", parent_id: str | None = None) -> Reply:
    """A reply, as a person writes it."""
    return dialogue.reply(who, campaign_id, body, parent_id).reply


def ids(records: list[Reply]) -> list[str]:
    return [r.reply_id for r in records]


def badges(record: Reply) -> list[tuple]:
    return [(b.kind, list(b.portfolio) if b.portfolio is not None else None, b.organisation) for b in record.badges]
