"""A person's data: the consent asked before supporting, their export, and erasing their account."""

from __future__ import annotations

from pydantic import Field

from chalicelib.domain.amendments import is_amendment_id
from chalicelib.domain.consent import support_consent, wording_agreed
from chalicelib.domain.identity import ANYONE, SIGNED_IN
from chalicelib.domain.moderation import parse_target
from chalicelib.domain.times import iso, utcnow
from chalicelib.http import presenters
from chalicelib.http.routing import Call, endpoint
from chalicelib.http.schemas import ApiModel
from chalicelib.logic import privacy as logic
from chalicelib.messages import text


class ErasureStarted(ApiModel):
    state: str = Field(description="erasing: the job has started and runs to the end, even if interrupted")
    message: str


class MyDataExport(ApiModel):
    """Everything Labourspace holds about the person, as one document."""

    exported_at: str
    profile: dict
    organisations: list[dict]
    campaigns: list[dict]
    supports: list[dict] = Field(description="with the consent given for each: its wording's version and time")
    follows: list[dict]
    replies: list[dict]
    amendments: list[dict] = Field(default_factory=list, description="amendments you proposed to policy documents")
    official_responses: list[dict] = Field(description="a minister's official responses")
    campaign_updates: list[dict] = Field(description="updates posted to supporters and followers")
    reports: list[dict]
    notification_settings: dict
    devices: list[dict]
    feed: list[dict]


class ConsentText(ApiModel):
    version: str = Field(description="send this back as consent_version when supporting")
    summary: str = Field(description="the sentence a person ticks to agree: the purpose in one sentence")
    purpose: str = Field(description="what is recorded, why, who sees it, how to withdraw")




@endpoint("GET", "/consent/support", access=ANYONE, response=ConsentText, tags=("privacy",),
          summary="The consent asked before supporting: its version and its purpose, written out")
def support_consent_text(call: Call) -> ConsentText:
    return ConsentText(**support_consent())


@endpoint("GET", "/me/export", access=SIGNED_IN, response=MyDataExport, tags=("privacy",), errors=(409,),
          summary="Everything held about you, as one JSON document")
def export_my_data(call: Call) -> MyDataExport:
    held = logic.held_about(call.signed_in)
    display = presenters.display_time
    return MyDataExport(
        exported_at=display(iso(utcnow())) or "",
        profile={**presenters.profile(held.person).model_dump(mode="json"),
                 "created_at": held.person.created_at.isoformat() if held.person.created_at else None,
                 "region_since": held.person.region_since.isoformat() if held.person.region_since else None},
        organisations=[{"id": m.organisation_id, "role": m.role, "state": m.state or "member",
                        "handle": getattr(held.organisations.get(m.organisation_id), "handle", None)}
                       for m in held.memberships],
        campaigns=[c.model_dump(mode="json") for c in presenters.campaigns(held.owned, held.names,
                                                                           show_moderation=lambda c: True)],
        supports=[{
            "campaign_id": s.campaign_id,
            "supported": "amendment" if is_amendment_id(s.campaign_id or "") else "campaign",
            "campaign_title": held.supported_campaigns[s.campaign_id].title if s.campaign_id in held.supported_campaigns
            else None,
            "supported_at": display(s.supported_at),
            "region": s.region, "counts_in_regional_figures_from": s.region_counts_from,
            "consent": {"version": s.consent_version, "given_at": display(s.consented_at),
                        **wording_agreed(s.consent_version)},
        } for s in held.supports],
        follows=[{"campaign_id": campaign_id} for campaign_id in held.followed],
        replies=[{"id": r.reply_id, "campaign_id": r.campaign_id, "parent_id": r.parent_id, "body": r.body,
                  "created_at": display(r.created_at),
                  "edited_at": display(r.edited_at),
                  "earlier_versions": [{"body": e.body, "replaced_at": display(e.replaced_at)}
                                       for e in r.history],
                  "deleted_at": display(r.deleted_at)} for r in held.replies],
        amendments=[{"id": a.id, "document_id": a.document_id, "clause_id": a.clause_id, "action": a.action.value,
                     "text": a.text, "reason": a.reason, "organisation_id": a.organisation_id,
                     "proposed_at": display(a.proposed_at), "status": a.status} for a in held.amendments],
        official_responses=[{"campaign_id": r.campaign_id, "stance": r.stance, "body": r.body,
                             "created_at": display(r.created_at)}
                            for r in held.responses],
        campaign_updates=[{"campaign_id": u.campaign_id, "headline": u.headline, "body": u.body,
                           "created_at": display(u.created_at)} for u in held.updates],
        reports=[{"target_type": parse_target(r.target)[0], "target_id": parse_target(r.target)[1], "reason": r.reason,
                  "created_at": display(r.created_at)} for r in held.reports],
        notification_settings={"updates": held.channels, "alerts": list(held.settings.alert_kinds),
                               "email": held.settings.email, "pending_email": held.settings.pending_email,
                               "feed_read_up_to": display((held.settings.feed_seen_key or "").split("#")[0] or None)},
        devices=[{"device_id": d.device_id, "platform": d.platform, "registered_at": display(
            d.created_at)} for d in held.devices],
        feed=[{"campaign_id": f.campaign_id, "kind": f.kind, "title": f.title, "text": f.text,
               "created_at": display(f.created_at)} for f in held.feed],
    )


@endpoint("DELETE", "/me", access=SIGNED_IN, response=ErasureStarted, status=202, tags=("privacy",),
          errors=(401, 409), summary="Erase your account: a job that runs to the end, even if interrupted")
def erase_me(call: Call) -> ErasureStarted:
    logic.erase_account(call.signed_in)
    return ErasureStarted(state=logic.ERASING, message=text("erasure.started"))
