"""Ministers' email alerts: one SNS topic; every message carries `area` and `kind`, and each
minister's email subscription filters on the areas of their portfolio and the kinds they chose.

Alerts of one area and kind that arrive in the same stream batch go out as one message, so a
busy area stays far under SNS email's 10 messages a second per subscription."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from chalicelib.domain.areas import AREAS_BY_ID
from chalicelib.domain.events import hearing
from chalicelib.domain.notifications import alert_text
from chalicelib.messages import plural_text
from chalicelib.notify.publisher import publish_batches
from chalicelib.settings import get_settings


def alert_message(area: str, kind: str, subject: str, text: str) -> dict[str, Any]:
    return {
        "Subject": subject,
        "Message": text,
        "MessageAttributes": {"area": {"DataType": "String", "StringValue": area},
                              "kind": {"DataType": "String", "StringValue": kind}},
    }


def alerts_for(events: list[dict[str, Any]], campaigns: dict[str, Any]) -> list[dict[str, Any]]:
    """The alert messages for the events of a batch that ministers hear of (`domain/events`), grouped
    by (area, kind). An alert's kind is its event's."""
    base = get_settings().public_base_url
    grouped: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for event in events:
        kind, campaign = event["kind"], campaigns.get(event["campaign_id"])
        if not hearing(kind).ministers or campaign is None:
            continue
        grouped[(event["area"], kind)].append(
            alert_text(kind, campaign.title, event.get("value"), f"{base}/c/{campaign.slug}"))
    messages = []
    for (area, kind), texts in grouped.items():
        if len(texts) == 1:
            subject, text = texts[0]
        else:
            area_name = AREAS_BY_ID[area].name if area in AREAS_BY_ID else area
            subject = plural_text("alert.grouped.subject", len(texts), area=area_name)
            text = "\n\n".join(f"{s}\n{t}" for s, t in texts)
        messages.append(alert_message(area, kind, subject, text))
    return messages


def publish_alerts(messages: list[dict[str, Any]]) -> int:
    return publish_batches(get_settings().alerts_topic_arn, messages)
