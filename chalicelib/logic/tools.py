"""A person's tools: for each of their roles, the page where its work is and how much of it waits
(README, "Everyone finds their tools"). What the header's role menu, "Your space" and signing in
show; the API still decides on each page who may do what."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from chalicelib.domain.areas import POLICY_AREAS
from chalicelib.domain.identity import Caller, Role
from chalicelib.domain.people import Person
from chalicelib.logic.accountability import record_of
from chalicelib.logic.people import me
from chalicelib.logic.ports import stores

# A waiting count stops here: a badge says "99+" rather than have a request read a long queue.
COUNTED_UP_TO = 100


ToolName = Literal["moderation", "inbox", "canvass", "consultations", "refusals"]
# Where each tool's work is done.
TOOL_PAGES: dict[str, str] = {"moderation": "/moderate", "inbox": "/inbox", "canvass": "/canvass",
                              "consultations": "/consultations/new", "refusals": "/admin/refusals"}


@dataclass(frozen=True)
class Tool:
    """One of a person's tools, with how much waits for them there."""

    name: ToolName
    waiting: int | None = None  # how much waits for this person here, up to COUNTED_UP_TO; None: not counted
    overdue: int | None = None  # of those, past their deadline (a minister's inbox)


@dataclass(frozen=True)
class Tools:
    """A person's tools (those their roles give them), the areas they canvass, and where signing in takes them."""

    person: Person  # their profile: the header shows their name, not their email
    tools: list[Tool]
    canvass_areas: list[str]  # the areas whose ideas they canvass and steer
    work_page: str  # where signing in takes them when they were going nowhere in particular


def tools_of(caller: Caller, now: datetime) -> Tools:
    person = me(caller)
    tools: list[Tool] = []
    if caller.has(Role.MODERATOR):
        waiting = stores().waiting
        tools.append(Tool("moderation", waiting=min(COUNTED_UP_TO, waiting.pending_campaigns(COUNTED_UP_TO)
                                                    + waiting.open_reports(COUNTED_UP_TO))))
    if caller.has(Role.MINISTER):
        record = record_of(person, now)  # past the response threshold, unanswered, in the portfolio now
        tools.append(Tool("inbox", waiting=record.waiting, overdue=record.overdue))
    areas: list[str] = []
    if caller.has(Role.ADMIN):
        areas = [a.id for a in POLICY_AREAS]
    elif caller.has(Role.POLICY):
        areas = sorted(set(person.policy_areas))
    if areas:
        tools += [Tool("canvass"), Tool("consultations")]
    if caller.has(Role.ADMIN):
        tools.append(Tool("refusals"))
    return Tools(person, tools, areas, _work_page(caller, tools))


def _work_page(caller: Caller, tools: list[Tool]) -> str:
    """A power user lands where their work is: the first queue that waits on them (moderation, then
    a minister's inbox), else the canvass for the policy team; an admin's tools are on "Your space"."""
    first = next((t for t in tools if t.name in ("moderation", "inbox", "canvass")), None)
    if first is not None and (first.name != "canvass" or caller.has(Role.POLICY)):
        return TOOL_PAGES[first.name]
    return "/my" if tools else "/"
