"""What each page shows: what logic gathers for it, through the same presenters as the API.
Only what anyone may see: hidden and unpublished campaigns, hidden replies, and who supports
what never reach a page."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import UTC, datetime

from chalicelib.domain import dialogue
from chalicelib.domain.areas import no_such_area
from chalicelib.domain.errors import NotFound
from chalicelib.domain.manifesto import Stage, next_stages
from chalicelib.domain.milestones import next_milestone
from chalicelib.domain.people import Organisation
from chalicelib.domain.regions import COUNTED_AS
from chalicelib.domain.times import utcnow
from chalicelib.http import document_shapes, presenters
from chalicelib.http.schemas import Campaign, Reply
from chalicelib.logic import campaign_page, lists, people
from chalicelib.logic import campaigns as campaign_logic
from chalicelib.logic import consultations as consultation_logic
from chalicelib.logic import dialogue as dialogue_logic
from chalicelib.logic import trail as trail_logic
from chalicelib.logic.accountability import record_of
from chalicelib.messages import label
from chalicelib.settings import get_settings
from chalicelib.web.shown_areas import SHOWN_BY_ID, ShownArea

THREAD_PAGE = 20
PROFILE_LIST = 20


@dataclass
class Progress:
    """A campaign's count against its next milestone."""

    count: int
    target: int | None  # the next milestone; None past the last

    @property
    def percent(self) -> int:
        return 100 if not self.target else min(100, self.count * 100 // self.target)


def progress(count: int) -> Progress:
    return Progress(count, next_milestone(count, get_settings().milestones))


def _front_page(page: str) -> list[list[Campaign]]:
    """A front page's lists (`logic.lists.front_page_lists`) as cards: their orders (stored, or kept
    10 s per container), then one BatchGetItem for all their campaigns; cards show no names."""
    pages = lists.front_page(page)
    shown = {c.id: c for c in presenters.cards(list({c.id: c for page in pages for c in page}.values()))}
    return [[shown[c.id] for c in page] for page in pages]


def home() -> dict:
    """Rising, newest, and the most supported grouped by area: three lists, not one per area."""
    top, rising, newest = _front_page(lists.HOME)
    by_area: dict[str, list[Campaign]] = {}
    for c in top:
        by_area.setdefault(c.area, []).append(c)
    return {"rising": rising, "newest": newest,
            "by_area": [(a, by_area.get(a.id, [])[:3]) for a in SHOWN_BY_ID.values()]}


def area(area_id: str) -> dict:
    policy_area: ShownArea | None = SHOWN_BY_ID.get(area_id)
    if policy_area is None:
        raise no_such_area()
    top, newest, closed = _front_page(lists.area_page_name(area_id))
    return {"area": policy_area, "top": top, "newest": newest, "closed": closed}


@dataclass
class ThreadNode:
    """A reply and the replies to it, as the page nests them."""

    reply: Reply
    children: list[ThreadNode] = field(default_factory=list)


def _tree(shown: list[Reply]) -> list[ThreadNode]:
    """Replies as a tree, oldest first. A reply whose parent is on an earlier page starts a branch."""
    nodes = {r.id: ThreadNode(r) for r in shown}
    roots: list[ThreadNode] = []
    for node in nodes.values():
        parent = nodes.get(node.reply.parent_id or "")
        (parent.children if parent else roots).append(node)
    return roots


@dataclass
class ThreadPage:
    """One page of the conversation; hidden replies are left out (pages are public)."""

    records: list[dialogue.Reply]
    shown: list[Reply]  # the records as presented, one each, read once (authors by one BatchGet)
    more: str | None  # a cursor to the rest of the thread

    @property
    def tree(self) -> list[ThreadNode]:
        return _tree(self.shown)

    def shrink(self) -> bool:
        """Leave the newest reply shown for the next page, so this one fits the size budget.
        One reply always fits (5,000 characters), so a page never ends up empty."""
        if len(self.records) <= 1:
            return False
        self.records.pop()
        self.shown.pop()
        self.more = dialogue_logic.cursor_after(self.records[-1])
        return True


def thread_page(page: dialogue_logic.Thread) -> ThreadPage:
    return ThreadPage(page.replies, presenters.replies(page.replies, page.names), page.next_cursor)


@dataclass(frozen=True)
class Thresholds:
    """What a campaign page says its numbers mean, from the settings ("responds at 10,000")."""

    response_threshold: int
    deadline_days: int
    milestones: str  # "100, 1,000, 10,000, 100,000"
    open_months: int


def thresholds() -> Thresholds:
    settings = get_settings()
    return Thresholds(settings.response_threshold, settings.response_deadline_days,
                      ", ".join(f"{m:,}" for m in sorted(settings.milestones)),
                      max(1, round(settings.campaign_open_days / 30.44)))


def campaign_by_slug(slug: str, replies_cursor: str | None) -> dict:
    page = campaign_page.public_page(slug, THREAD_PAGE, replies_cursor or None)  # not public: 404 for everyone
    record = page.campaign
    shown = presenters.campaign(record, page.names)
    return {"campaign": shown, "area": SHOWN_BY_ID.get(shown.area), "progress": progress(shown.support_count),
            "regions": region_rows(shown), "regions_as_of": shown.support_by_region_as_of,
            "thread": thread_page(page.thread),
            "embed_snippet": embed_snippet(shown), "related": page.related,
            "updates": [presenters.owner_update(u) for u in dialogue_logic.shown_updates(record)],
            "thresholds": thresholds(),
            # When this copy was made (whole seconds since 1970, the server's clock): campaign.js fetches
            # a fresh one for someone whose own act on the campaign came later (README, "The campaign page").
            "rendered_at": int(datetime.now(UTC).timestamp()),
            # What became of it: noted on the campaign's own item, so no read more.
            "trail": document_shapes.trail(trail_logic.of_shown_campaign(record), absolute=False)}


def timeline(campaign: Campaign) -> dict:
    """A campaign page's tracker: its moves, and the moves the policy team's form may offer."""
    current = campaign.manifesto.stage if campaign.manifesto else None
    return {"stage_labels": {s.value: label("manifesto.stage", s.value) for s in Stage},
            "next_stages": [(s.value, label("manifesto.stage", s.value)) for s in next_stages(current)]}


def region_names(ids: tuple[str, ...] = COUNTED_AS) -> dict[str, str]:
    """Regions' names in the page's language: the catalogue's words for domain.regions' ids."""
    return {region: label("region", region) for region in ids}


def region_rows(shown: Campaign) -> list[tuple[str, int | str]]:
    """(name, figure) per region, as the JSON shows them (a number, "<10" or "10+"): from the snapshot
    read with the campaign, no other call."""
    names = region_names()
    return [(names.get(region, region), count) for region, count in shown.support_by_region.items()]


def embed_snippet(c: Campaign) -> str:
    """The <iframe> people copy: escaped here for their page, and again by the template for ours."""
    src = f"{get_settings().public_base_url}/widgets/c/{c.id}"
    return (f'<iframe src="{html.escape(src)}" title="{html.escape(c.title)}" width="320" height="180" '
            'loading="lazy"></iframe>')


def widget(campaign_id: str) -> dict:
    record = campaign_logic.public_by_id(campaign_id)
    shown = presenters.campaign(record, campaign_logic.names([record]))
    return {"campaign": shown, "progress": progress(shown.support_count)}


def _recent_replies(author_id: str) -> list[tuple[Reply, Campaign]]:
    recent = dialogue_logic.recent_replies(author_id, PROFILE_LIST)
    shown = {c.id: c for c in presenters.campaigns(list(recent.campaigns.values()), recent.campaign_names)}
    return [(reply, shown[reply.campaign_id]) for reply in presenters.replies(recent.replies, recent.reply_names)]


def _listed(listed: lists.Listed) -> list[Campaign]:
    return presenters.campaigns(listed.campaigns, listed.names)


def person(handle: str) -> dict:
    """A person's page, or an organisation's: the two share one namespace of handles."""
    found = people.person_or_organisation(handle)
    if isinstance(found, Organisation):
        return {"organisation": found, "campaigns": _listed(lists.hosted_public(found.id, PROFILE_LIST))}
    owned = lists.owned_public(found.id, PROFILE_LIST)
    is_minister = "minister" in found.roles
    portfolio = [SHOWN_BY_ID[a] for a in found.portfolio if a in SHOWN_BY_ID] if is_minister else []
    return {"person": found, "campaigns": _listed(owned),
            "replies": _recent_replies(found.id), "portfolio": portfolio,
            "answered": _listed(lists.answered_by(found.id, PROFILE_LIST)) if is_minister else [],
            "record": presenters.minister_record(found, record_of(found, utcnow())) if is_minister else None}


CONSULTATION_PAGE_IDEAS = 50  # the most supported; the counts above them cover every idea


def consultation(consultation_id: str) -> dict:
    """A consultation's page: the question, its brief, dates and state, the summary once closed,
    and its public ideas, most supported first."""
    shown = consultation_logic.shown(consultation_id)
    view = presenters.consultation_with_ideas(shown.consultation, shown.ideas, shown.names, datetime.now(UTC),
                                              at_most=CONSULTATION_PAGE_IDEAS)
    return {"consultation": view, "area": SHOWN_BY_ID.get(view.area)}


def answering(consultation_id: str | None) -> dict:
    """What the start page says when it came from a consultation's "Answer this" link. An unknown
    id is no error here: the page is a plain start page, and the API says no if it is sent."""
    if not consultation_id:
        return {"consultation": None}
    try:
        found = consultation_logic.shown_alone(consultation_id)
    except NotFound:
        return {"consultation": None}
    return {"consultation": presenters.consultations(found.consultations, found.names, datetime.now(UTC))[0]}
