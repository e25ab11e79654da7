"""What a campaign's page reads, in as few calls as its keys allow: which campaign the slug names
(the slug's claim, kept an hour: `read_cache.campaign_slugs`), then, with the replies' Query
(store/replies.py) done between, one BatchGetItem of the campaign, the names the container does not
keep (its owner's, its host's, the replies' authors', from the claim's hints) and its title's terms'
document counts for the related campaigns, where three calls each did a part of it before."""

from __future__ import annotations

from typing import Any

from chalicelib.domain.campaigns import Campaign, SlugClaim
from chalicelib.settings import get_settings
from chalicelib.store import public_names, search_index, to_domain
from chalicelib.store.base import batch_get
from chalicelib.store.names import resolve
from chalicelib.store.read_cache import campaign_slugs
from chalicelib.store.tables.campaigns import CampaignRecord

BATCH_KEYS = 100  # BatchGetItem's most keys a call


def slug_claim(slug: str) -> SlugClaim | None:
    """Which campaign the slug names, with its claim's hints; kept an hour (a slug never moves to
    another campaign while its campaign exists)."""
    kept = campaign_slugs.get(slug)
    if isinstance(kept, SlugClaim):
        return kept
    claim = resolve("slug", slug)
    if claim is None or claim.target_kind != "campaign":
        return None
    return campaign_slugs.put(slug, SlugClaim(claim.target_id, claim.owner_id, claim.organisation_id,
                                              claim.title, claim.language))


def forget_slug(slug: str) -> None:
    """The campaign a kept claim named is gone: the slug is looked up again next time."""
    campaign_slugs.forget(slug)


def _get(campaign_id: str) -> Campaign | None:
    try:
        return to_domain.campaign(CampaignRecord.get(campaign_id))
    except CampaignRecord.DoesNotExist:
        return None


def read_page(campaign_id: str, person_ids: set[str], organisation_ids: set[str],
              terms: tuple[str, ...]) -> tuple[Campaign | None, dict[str, int | None] | None]:
    """The campaign, with the names not kept (kept now: `public_names`) and the terms' document
    counts (None when no terms were asked for), in one BatchGetItem; a GetItem when only the
    campaign is wanted, as on a warm container."""
    names_missing = public_names.missing(person_ids, organisation_ids)
    request: dict[str, Any] = {**public_names.requests_for(names_missing), **search_index.count_request(terms)}
    if not request:
        return _get(campaign_id), None
    if sum(len(r["Keys"]) for r in request.values()) + 1 > BATCH_KEYS:  # a page of long titles and authors
        counts = search_index.document_counts(terms) if terms else None
        public_names.names(person_ids, organisation_ids)
        return _get(campaign_id), counts
    campaigns = get_settings().table_name("campaigns")
    request[campaigns] = {"Keys": [{"id": {"S": campaign_id}}]}
    found = batch_get(request)
    public_names.remember(names_missing, found)
    items = found.get(campaigns, [])
    campaign = to_domain.campaign(CampaignRecord.from_raw_data(items[0])) if items else None
    if not terms:
        return campaign, None
    return campaign, search_index.counts_from(found.get(get_settings().table_name("search-index"), []), terms)
