"""A person's data: the consent asked before supporting, their export, and erasing their account."""

from __future__ import annotations

from chalice.app import Blueprint
from pydantic import BaseModel, Field

from chalicelib.domain.consent import SUPPORT_CONSENT_PURPOSE, SUPPORT_CONSENT_VERSION, support_consent
from chalicelib.domain.identity import ANYONE, SIGNED_IN
from chalicelib.domain.shards import campaign_of
from chalicelib.http import presenters
from chalicelib.http.routing import Call, endpoint
from chalicelib.store import campaign_lists, erasures, my_data, profiles
from chalicelib.store import notifications as notification_store
from chalicelib.store.base import iso, utcnow


class ErasureStarted(BaseModel):
    state: str = Field(description="erasing: the job has started and runs to the end, even if interrupted")
    message: str


class MyDataExport(BaseModel):
    """Everything Labourspace holds about the person, as one document."""

    exported_at: str
    profile: dict
    organisations: list[dict]
    campaigns: list[dict]
    supports: list[dict] = Field(description="with the consent given for each: its wording's version and time")
    follows: list[dict]
    replies: list[dict]
    official_responses: list[dict] = Field(description="a minister's official responses")
    campaign_updates: list[dict] = Field(description="updates posted to supporters and followers")
    reports: list[dict]
    notification_settings: dict
    devices: list[dict]
    feed: list[dict]


class ConsentText(BaseModel):
    version: str = Field(description="send this back as consent_version when supporting")
    purpose: str = Field(description="what is recorded, why, who sees it, how to withdraw")


privacy = Blueprint(__name__)


@endpoint(privacy, "GET", "/consent/support", access=ANYONE, response=ConsentText, tags=("privacy",),
          summary="The consent asked before supporting: its version and its purpose, written out")
def support_consent_text(call: Call) -> ConsentText:
    return ConsentText(**support_consent())


@endpoint(privacy, "GET", "/me/export", access=SIGNED_IN, response=MyDataExport, tags=("privacy",), errors=(409,),
          summary="Everything held about you, as one JSON document")
def export_my_data(call: Call) -> MyDataExport:
    me = call.signed_in
    erasures.refuse_if_erasing(me.id)
    person = profiles.ensure_person(me)
    memberships = my_data.memberships(me.id)
    organisations = profiles.get_organisations({m.organisation_id for m in memberships})
    supports = list(my_data.support_records(me.id))
    campaigns_by_id = {c.id: c for c in campaign_lists.fetch_in_order(
        sorted({s.campaign_id or campaign_of(s.campaign_shard) for s in supports}))}
    followed = my_data.followed_campaign_ids(me.id)
    owned = list(my_data.owned_campaigns(me.id))
    settings = notification_store.settings_of(me.id)
    return MyDataExport(
        exported_at=presenters.display_time(iso(utcnow())) or "",
        profile={**presenters.profile(person).model_dump(mode="json"), "created_at": person.created_at.isoformat()},
        organisations=[{"id": m.organisation_id, "role": m.role,
                        "handle": organisations[m.organisation_id].handle if m.organisation_id in organisations
                        else None} for m in memberships],
        campaigns=[c.model_dump(mode="json") for c in presenters.campaigns(owned, show_moderation=lambda c: True)],
        supports=[{
            "campaign_id": s.campaign_id,
            "campaign_title": campaigns_by_id[s.campaign_id].title if s.campaign_id in campaigns_by_id else None,
            "supported_at": presenters.display_time(s.supported_at),
            "consent": {"version": s.consent_version, "given_at": presenters.display_time(s.consented_at),
                        "purpose": SUPPORT_CONSENT_PURPOSE if s.consent_version == SUPPORT_CONSENT_VERSION else None},
        } for s in supports],
        follows=[{"campaign_id": campaign_id} for campaign_id in followed],
        replies=[{"id": r.reply_id, "campaign_id": r.campaign_id, "parent_id": r.parent_id, "body": r.body,
                  "created_at": presenters.display_time(r.created_at),
                  "edited_at": presenters.display_time(r.edited_at),
                  "earlier_versions": [{"body": e.body, "replaced_at": presenters.display_time(e.replaced_at)}
                                       for e in (r.history or [])],
                  "deleted_at": presenters.display_time(r.deleted_at)} for r in my_data.reply_records(me.id)],
        official_responses=[{"campaign_id": r.campaign_id, "stance": r.stance, "body": r.body,
                             "created_at": presenters.display_time(r.created_at)}
                            for r in my_data.response_records(me.id)],
        campaign_updates=[{"campaign_id": u.campaign_id, "headline": u.headline, "body": u.body,
                           "created_at": presenters.display_time(u.created_at)} for u in my_data.updates_written(
            [c.id for c in owned] + my_data.hosted_campaign_ids([m.organisation_id for m in memberships]), me.id)],
        reports=[{"target_type": r.target.split("#")[0], "target_id": r.target.split("#", 1)[1], "reason": r.reason,
                  "created_at": presenters.display_time(r.created_at)} for r in my_data.report_records(me.id)],
        notification_settings={"updates": notification_store.channels_for_all(settings),
                               "alerts": list(settings.alert_kinds or []), "email": settings.email},
        devices=[{"device_id": d.device_id, "platform": d.platform, "registered_at": presenters.display_time(
            d.created_at)} for d in my_data.devices(me.id)],
        feed=[{"campaign_id": f.campaign_id, "kind": f.kind, "title": f.title, "text": f.text,
               "created_at": presenters.display_time(f.created_at)} for f in my_data.feed_items(me.id)],
    )


@endpoint(privacy, "DELETE", "/me", access=SIGNED_IN, response=ErasureStarted, status=202, tags=("privacy",),
          errors=(401, 409), summary="Erase your account: a job that runs to the end, even if interrupted")
def erase_me(call: Call) -> ErasureStarted:
    erasures.refuse_if_erasing(call.signed_in.id)  # a double submit hears why, not a second job
    erasures.start(call.signed_in.id)
    return ErasureStarted(state=erasures.ERASING, message=(
        "Your account is being erased: your profile, supports, follows, devices and sign-in go; your "
        "replies stay in their threads as 'a former member'. This takes a few minutes."))
