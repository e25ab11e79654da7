"""What a campaign's page reads, in as few calls as its keys allow: which campaign the slug names
(the slug's claim, kept an hour: `read_cache.campaign_slugs`), then, with the replies' Query
(store/replies.py) done between, one BatchGetItem of the campaign, the names the container does not
keep (its owner's, its host's, the replies' authors', from the claim's hints) and its related
campaigns (their ids stored on the claim: `store_related`), or, before those are stored, its title's
terms' document counts to find them from, where three calls each did a part of it before."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pynamodb.exceptions import UpdateError

from chalicelib.domain.campaigns import Campaign, SlugClaim
from chalicelib.domain.search_terms import Found
from chalicelib.settings import get_settings
from chalicelib.store import public_names, search_index, to_domain
from chalicelib.store.base import batch_get, is_condition_failure
from chalicelib.store.names import resolve
from chalicelib.store.read_cache import campaign_slugs
from chalicelib.store.tables.campaigns import CampaignRecord
from chalicelib.store.tables.names import UniqueNameRecord, name_key

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
    related = tuple(claim.related or ()) if claim.related_at else None
    return campaign_slugs.put(slug, SlugClaim(claim.target_id, claim.owner_id, claim.organisation_id,
                                              claim.title, claim.language, related, claim.related_at))


def forget_slug(slug: str) -> None:
    """The campaign a kept claim named is gone: the slug is looked up again next time."""
    campaign_slugs.forget(slug)


def store_related(slug: str, campaign_id: str, related_ids: list[str], found_at: str) -> bool:
    """Note the campaign's related campaigns on its slug's claim, unless ones found later are there
    (the stream handler and a page can both find them) or the claim is gone or another campaign's.
    This container's kept claim says them too. Whether they were written."""
    condition = (UniqueNameRecord.target_id == campaign_id) & (
        UniqueNameRecord.related_at.does_not_exist() | (UniqueNameRecord.related_at < found_at))
    written = True
    try:
        UniqueNameRecord(name=name_key("slug", slug)).update(
            actions=[UniqueNameRecord.related.set(related_ids), UniqueNameRecord.related_at.set(found_at)],
            condition=condition)
    except UpdateError as error:
        if not is_condition_failure(error):
            raise
        written = False
    kept = campaign_slugs.get(slug)
    if isinstance(kept, SlugClaim) and kept.campaign_id == campaign_id:
        # Either way: a list stored elsewhere meanwhile is as fresh, and this container need not find them again.
        campaign_slugs.put(slug, replace(kept, related=tuple(related_ids), related_at=found_at))
    return written


def _get(campaign_id: str) -> Campaign | None:
    try:
        return to_domain.campaign(CampaignRecord.get(campaign_id))
    except CampaignRecord.DoesNotExist:
        return None


def read_page(campaign_id: str, person_ids: set[str], organisation_ids: set[str], terms: tuple[str, ...],
              related_ids: tuple[str, ...] = ()
              ) -> tuple[Campaign | None, dict[str, int | None] | None, list[Found]]:
    """The campaign, with the names not kept (kept now: `public_names`), the terms' document counts
    (None when no terms were asked for) and the related campaigns' live items (those that exist, in
    no order; the caller decides which may be shown), in one BatchGetItem; a GetItem when only the
    campaign is wanted, as on a warm container."""
    names_missing = public_names.missing(person_ids, organisation_ids)
    request: dict[str, Any] = {**public_names.requests_for(names_missing), **search_index.count_request(terms)}
    related_ids = tuple(i for i in dict.fromkeys(related_ids) if i != campaign_id)
    if not request and not related_ids:
        return _get(campaign_id), None, []
    if sum(len(r["Keys"]) for r in request.values()) + 1 + len(related_ids) > BATCH_KEYS:  # long titles, many authors
        counts = search_index.document_counts(terms) if terms else None
        public_names.names(person_ids, organisation_ids)
        return _get(campaign_id), counts, search_index.live_campaigns(list(related_ids))
    campaigns = get_settings().table_name("campaigns")
    # Whole items for the related ones too (one key list a table); DynamoDB charges a projected item as whole.
    request[campaigns] = {"Keys": [{"id": {"S": i}} for i in (campaign_id, *related_ids)]}
    found = batch_get(request)
    public_names.remember(names_missing, found)
    items = {item["id"]["S"]: item for item in found.get(campaigns, [])}
    campaign = to_domain.campaign(CampaignRecord.from_raw_data(items[campaign_id])) if campaign_id in items else None
    related = [search_index.found_raw(items[i]) for i in related_ids if i in items]
    if not terms:
        return campaign, None, related
    return campaign, search_index.counts_from(found.get(get_settings().table_name("search-index"), []), terms), related
