"""Ministers' email alerts: one SNS topic; every message carries `area`, `kind` and `language`, and
each minister's email subscription filters on the areas of their portfolio, the kinds they chose and
their language. Each alert is published once per language the site speaks, and each minister's
policy lets in only theirs (notify/subscriptions).

Alerts of one area and kind that arrive in the same stream batch go out as one message, so a
busy area stays far under SNS email's 10 messages a second per subscription."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from functools import partial
from typing import Any

from chalicelib.domain.events import hearing
from chalicelib.domain.notifications import alert_text
from chalicelib.messages import label, plural_text
from chalicelib.notify.languages import in_each_language as each_language
from chalicelib.notify.publisher import publish_batches
from chalicelib.settings import get_settings


def alert_message(area: str, kind: str, subject: str, text: str, language: str) -> dict[str, Any]:
    return {
        "Subject": subject,
        "Message": text,
        "MessageAttributes": {"area": {"DataType": "String", "StringValue": area},
                              "kind": {"DataType": "String", "StringValue": kind},
                              "language": {"DataType": "String", "StringValue": language}},
    }


def in_each_language(area: str, kind: str, words: Callable[[], tuple[str, str]]) -> list[dict[str, Any]]:
    """One alert as a message per language, each (subject, text) rendered in its own."""
    return [alert_message(area, kind, subject, text, language)
            for language, (subject, text) in each_language(words).items()]


def alerts_for(events: list[dict[str, Any]], campaigns: dict[str, Any]) -> list[dict[str, Any]]:
    """The alert messages for the events of a batch that ministers hear of (`domain/events`), grouped
    by (area, kind). An alert's kind is its event's."""
    base = get_settings().public_base_url
    grouped: dict[tuple[str, str], list[tuple[str, Any, Any]]] = defaultdict(list)
    for event in events:
        kind, campaign = event["kind"], campaigns.get(event["campaign_id"])
        if not hearing(kind).ministers or campaign is None:
            continue
        grouped[(event["area"], kind)].append((campaign.title, event.get("value"), f"{base}/c/{campaign.slug}"))
    messages = []
    for (area, kind), alerts in grouped.items():
        messages += in_each_language(area, kind, partial(_words, area, kind, alerts))
    return messages


def _words(area: str, kind: str, alerts: list[tuple[str, Any, Any]]) -> tuple[str, str]:
    """(subject, text) of one area's alerts of one kind, in the active language."""
    texts = [alert_text(kind, title, value, url) for title, value, url in alerts]
    if len(texts) == 1:
        return texts[0]
    return (plural_text("alert.grouped.subject", len(texts), area=label("area", area)),
            "\n\n".join(f"{s}\n{t}" for s, t in texts))


def publish_alerts(messages: list[dict[str, Any]]) -> int:
    return publish_batches(get_settings().alerts_topic_arn, messages)
