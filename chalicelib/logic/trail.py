"""What became of an idea (a campaign) or an amendment: the trail's facts gathered through the ports,
the steps and outcome built by `domain.trail`. Public: a campaign anyone may see, any amendment.
Each use case is `explained()`: a document or an amendment the store does not find is the 404 the
domain defines (`logic/refusals.py`)."""

from __future__ import annotations

from chalicelib.domain.campaigns import Campaign
from chalicelib.domain.trail import DocumentFacts, IdeaFacts, Trail, amendment_trail, campaign_trail
from chalicelib.logic.campaigns import public_by_id
from chalicelib.logic.ports import stores
from chalicelib.logic.refusals import explained


@explained()
def of_campaign(campaign_id: str) -> Trail:
    return of_shown_campaign(public_by_id(campaign_id))


def of_shown_campaign(campaign: Campaign) -> Trail:
    """The trail of a campaign already read (its page has it): its consultation, its manifesto moves,
    the clauses it shaped and their documents' adoption (both noted on the campaign's item)."""
    s = stores()
    consultation = None
    if campaign.consultation_id:
        found = s.consultations.get_consultation(campaign.consultation_id)
        consultation = (found.id, found.question) if found is not None else None
    origins, adopted = s.origins.of_idea(campaign)  # noted on the campaign's own item: no read
    idea = IdeaFacts(campaign.id, campaign.title, campaign.published_at, campaign.closed_at, consultation,
                     campaign.manifesto)
    return campaign_trail(idea, origins, adopted)


@explained()
def of_amendment(amendment_id: str) -> Trail:
    s = stores()
    amendment = s.amendments.get_amendment(amendment_id)
    document = s.documents.document_now(amendment.document_id)
    number = next((c.number for c in s.documents.get_version(document.id, amendment.against_version).clauses()
                   if c.id == amendment.clause_id), None)
    if amendment.organisation_id:
        org = s.proposers.standing({amendment.organisation_id}).get(amendment.organisation_id)
        who = org.name if org else "an organisation"
    else:
        person = s.proposers.people({amendment.proposer_id}).get(amendment.proposer_id)
        who = person.display_name if person else "a former member"
    facts = DocumentFacts(document.id, document.title, document.current_version, document.adopted_at)
    return amendment_trail(amendment, facts, number, who)
