"""Each minister's email subscription to the alerts topic, with a filter policy on the areas of
their portfolio, the kinds they chose and their language. Changing any of them updates the policy.

In the local stage, each subscription is mirrored by an SQS queue with the same filter policy,
which /dev/mailbox reads: what the minister would have received, and no email leaves."""

from __future__ import annotations

import json
from dataclasses import replace

from chalicelib.domain.notifications import Settings
from chalicelib.notify.clients import client
from chalicelib.notify.languages import language_of
from chalicelib.settings import get_settings

MAILBOX_PREFIX_SUFFIX = "-mailbox-"


def filter_policy(portfolio: list[str], kinds: list[str], language: str) -> str:
    """Their areas, their kinds, and their language: every alert is published once per language."""
    return json.dumps({"area": sorted(portfolio), "kind": sorted(kinds), "language": [language]}, sort_keys=True)


def mailbox_queue_prefix() -> str:
    return f"{get_settings().table_prefix}{MAILBOX_PREFIX_SUFFIX}"


def _unsubscribe(arn: str | None) -> None:
    if arn and arn.startswith("arn:"):
        client("sns").unsubscribe(SubscriptionArn=arn)


def _mirror(person_id: str, policy: str) -> str:
    sqs = client("sqs")
    url = sqs.create_queue(QueueName=f"{mailbox_queue_prefix()}{person_id}")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    return client("sns").subscribe(TopicArn=get_settings().alerts_topic_arn, Protocol="sqs", Endpoint=arn,
                                   Attributes={"FilterPolicy": policy}, ReturnSubscriptionArn=True)["SubscriptionArn"]


def sync(settings: Settings, portfolio: list[str], email_changed: bool = False) -> Settings:
    """Make the minister's subscription match their portfolio, chosen kinds and address: the
    settings with the subscriptions as they are now (for the caller to save)."""
    sns, topic = client("sns"), get_settings().alerts_topic_arn
    wanted = bool(portfolio and settings.alert_kinds and settings.email)
    if not wanted or email_changed:
        _unsubscribe(settings.subscription_arn)
        _unsubscribe(settings.mailbox_subscription_arn)
        settings = replace(settings, subscription_arn=None, mailbox_subscription_arn=None)
        if not wanted:
            return settings
    policy = filter_policy(portfolio, list(settings.alert_kinds), language_of(settings))
    if settings.subscription_arn and settings.subscription_arn.startswith("arn:"):
        sns.set_subscription_attributes(SubscriptionArn=settings.subscription_arn, AttributeName="FilterPolicy",
                                        AttributeValue=policy)
    else:  # SNS emails the minister to confirm; nothing is sent until they do
        settings = replace(settings, subscription_arn=sns.subscribe(
            TopicArn=topic, Protocol="email", Endpoint=settings.email, Attributes={"FilterPolicy": policy},
            ReturnSubscriptionArn=True)["SubscriptionArn"])
    if get_settings().is_local:
        if settings.mailbox_subscription_arn:
            sns.set_subscription_attributes(SubscriptionArn=settings.mailbox_subscription_arn,
                                            AttributeName="FilterPolicy", AttributeValue=policy)
        else:
            settings = replace(settings, mailbox_subscription_arn=_mirror(settings.person_id, policy))
    return settings
