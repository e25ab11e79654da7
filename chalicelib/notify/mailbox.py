"""Local stage only, for /dev/mailbox; no email leaves.

- Ministers' mailboxes: each minister's mirror queue (same filter policy as their email
  subscription) drained into the dev-mailbox table.
- Emails: every email the embedded SES sent (Cognito's codes, the app's confirmation links and
  update emails), which the embedded AWS copies onto one queue (settings.dev_mail_queue_name),
  drained into the same table."""

from __future__ import annotations

import json

from chalicelib import messages
from chalicelib.notify.clients import client
from chalicelib.notify.subscriptions import mailbox_queue_prefix
from chalicelib.settings import get_settings
from chalicelib.store import notifications

EMAILS_SHOWN = 50


def read_mailboxes() -> dict[str, list[dict]]:
    sqs = client("sqs")
    shown: dict[str, list[dict]] = {}
    for url in sqs.list_queues(QueueNamePrefix=mailbox_queue_prefix()).get("QueueUrls", []):
        minister_id = url.rsplit("/", 1)[-1].removeprefix(mailbox_queue_prefix())
        while True:
            got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
            if not got:
                break
            for message in got:
                note = json.loads(message["Body"])
                attributes = note.get("MessageAttributes", {})
                language = attributes.get("language", {}).get("Value")
                notifications.keep_dev_mail(minister_id, message["MessageId"], note.get("Subject") or "",
                                            note.get("Message", ""), attributes.get("area", {}).get("Value", ""),
                                            attributes.get("kind", {}).get("Value", ""),
                                            messages.LANGUAGES.get(language) if language else None)
                sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
        shown[minister_id] = [{"subject": m.subject, "text": m.text, "area": m.area, "kind": m.kind,
                               "received_at": m.received_key.split("#")[0], "language": m.language}
                              for m in notifications.dev_mail(minister_id)]
    return shown


def _drain_emails() -> None:
    sqs = client("sqs")
    try:
        url = sqs.get_queue_url(QueueName=get_settings().dev_mail_queue_name)["QueueUrl"]
    except sqs.exceptions.QueueDoesNotExist:
        return  # nothing has been sent yet: the embedded AWS makes the queue with the first email
    while True:
        got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
        if not got:
            return
        for message in got:
            sent = json.loads(message["Body"])
            notifications.keep_dev_email(message["MessageId"], sent["to"], sent["from"], sent["subject"],
                                         sent["text"], sent["sent_at"], sent.get("list_unsubscribe"),
                                         sent.get("content_language"))
        sqs.delete_message_batch(QueueUrl=url, Entries=[
            {"Id": str(n), "ReceiptHandle": m["ReceiptHandle"]} for n, m in enumerate(got)])


def read_emails(to: str | None = None, limit: int = EMAILS_SHOWN) -> list[dict[str, str | None]]:
    """The newest emails sent (to one address, if given), newest first."""
    _drain_emails()
    return [{"to": m.recipient or "", "from": m.sender or "", "subject": m.subject, "text": m.text,
             "sent_at": m.received_key.split("#")[0], "list_unsubscribe": m.list_unsubscribe,
             "language": m.language}
            for m in notifications.dev_emails(to, limit)]
