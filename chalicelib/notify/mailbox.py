"""Local stage only: each minister's mirror queue (same filter policy as their email
subscription) drained into the dev-mailbox table, for /dev/mailbox. No email leaves."""

from __future__ import annotations

import json

from chalicelib.notify.clients import client
from chalicelib.notify.subscriptions import mailbox_queue_prefix
from chalicelib.store import notifications


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
                notifications.keep_dev_mail(minister_id, message["MessageId"], note.get("Subject") or "",
                                            note.get("Message", ""), attributes.get("area", {}).get("Value", ""),
                                            attributes.get("kind", {}).get("Value", ""))
                sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
        shown[minister_id] = [{"subject": m.subject, "text": m.text, "area": m.area, "kind": m.kind,
                               "received_at": m.received_key.split("#")[0]}
                              for m in notifications.dev_mail(minister_id)]
    return shown
