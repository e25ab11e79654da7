"""What AWS services other than DynamoDB hold about a person, removed when their account is
erased: SNS subscriptions (a minister's alerts email), phones' platform endpoints and, last, the
Cognito user. Each call is safe to repeat: what is already gone counts as done."""

from __future__ import annotations

from botocore.exceptions import ClientError

from chalicelib.notify.clients import client
from chalicelib.notify.subscriptions import mailbox_queue_prefix
from chalicelib.settings import get_settings
from chalicelib.store.tables.devices import DeviceRecord
from chalicelib.store.tables.notification_settings import NotificationSettingsRecord

GONE = {"NotFound", "NotFoundException", "ResourceNotFoundException", "UserNotFoundException",
        "AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist", "InvalidParameter"}


def _ignoring_gone(call, **params) -> None:
    try:
        call(**params)
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") not in GONE:
            raise


def drop_endpoint(endpoint_arn: str) -> None:
    """A phone's SNS platform endpoint: nothing is pushed to it any more."""
    _ignoring_gone(client("sns").delete_endpoint, EndpointArn=endpoint_arn)


def drop_subscriptions(person_id: str, settings: NotificationSettingsRecord | None,
                       devices: list[DeviceRecord]) -> int:
    sns = client("sns")
    dropped = 0
    arns = [settings.subscription_arn, settings.mailbox_subscription_arn] if settings else []
    for arn in arns:
        if arn and arn.startswith("arn:"):  # "pending confirmation" is not an ARN, and lapses by itself
            _ignoring_gone(sns.unsubscribe, SubscriptionArn=arn)
            dropped += 1
    for device in devices:
        drop_endpoint(device.endpoint_arn)
        dropped += 1
    if get_settings().is_local:  # the /dev/mailbox mirror queue is named after the person
        sqs = client("sqs")
        try:
            url = sqs.get_queue_url(QueueName=f"{mailbox_queue_prefix()}{person_id}")["QueueUrl"]
        except ClientError:
            url = None
        if url:
            _ignoring_gone(sqs.delete_queue, QueueUrl=url)
    return dropped


def delete_account(person_id: str) -> int:
    """The Cognito user (its email, its password): the account id is its username's `sub`."""
    idp = client("cognito-idp")
    pool = get_settings().user_pool_id
    found = idp.list_users(UserPoolId=pool, Filter=f'sub = "{person_id}"', Limit=1).get("Users", [])
    for user in found:
        _ignoring_gone(idp.admin_delete_user, UserPoolId=pool, Username=user["Username"])
    return len(found)
