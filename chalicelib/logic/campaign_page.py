"""A campaign's public page as a new container reads it: which campaign the slug names (with the
hints its claim noted), the first replies, then one read of the campaign together with the names
this container does not keep and the related campaigns its claim notes (or, before any are noted,
their title's term counts) (store/campaign_page.py). What the hints missed (a responder's name, a
draft's title edited since) is read after, as before."""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.domain.campaigns import Campaign, not_found, related_fresh
from chalicelib.domain.people import Names
from chalicelib.domain.search_terms import Found
from chalicelib.domain.times import utcnow
from chalicelib.logic import search
from chalicelib.logic.campaigns import names, public_by_slug, public_campaign
from chalicelib.logic.dialogue import Thread, authors, public_thread
from chalicelib.logic.ports import stores
from chalicelib.logic.refusals import explained


@dataclass(frozen=True)
class CampaignPage:
    """What a campaign's page shows: the campaign, the names beside it, its first replies, related campaigns."""

    campaign: Campaign
    names: Names  # its owner's, host's and responder's
    thread: Thread  # the first replies anyone may see, with their authors' names
    related: list[Found]


def public_page(slug: str, replies: int, cursor: str | None) -> CampaignPage:
    """The page of the public campaign the slug names (drafts, pending, hidden: 404 for everyone).
    A later page of replies (`cursor`) reads the campaign first, so a cursor that is no cursor says
    so only of a campaign anyone may see."""
    if cursor:
        later = public_by_slug(slug)
        return CampaignPage(later, names([later]), public_thread(later.id, replies, cursor), search.related_kept(later))
    s = stores()
    for _ in range(2):  # a kept slug whose campaign is gone is looked up again, once
        claim = s.campaigns.slug_claim(slug)
        if claim is None:
            raise not_found()
        with explained():
            records, next_cursor = s.replies.thread(claim.campaign_id, replies, cursor)
        shown = [r for r in records if not r.hidden]
        stored = search.stored_related_ids(claim)  # their cards then come with the campaign
        terms = search.related_terms(claim.campaign_id, claim.title, claim.language) \
            if claim.title and stored is None else ()
        campaign, counts, related_live = s.campaigns.read_page(
            claim.campaign_id, {i for i in (claim.owner_id, *(r.author_id for r in shown)) if i},
            {claim.organisation_id} if claim.organisation_id else set(), terms, stored or ())
        if campaign is not None:
            break
        s.campaigns.forget_slug(slug)
    else:
        raise not_found()
    public_campaign(campaign)
    if stored is not None:
        related = search.related_from_stored(campaign, claim, related_live)
    else:  # none stored, a day old, or kept here: found as before; a day-old list is stored again
        same_title = campaign.title == claim.title and campaign.language == claim.language
        related = search.related_kept(campaign, counts if same_title else None,
                                      store=claim.related is not None and not related_fresh(claim, utcnow()))
    return CampaignPage(campaign, names([campaign]), Thread(shown, next_cursor, authors(shown)), related)
