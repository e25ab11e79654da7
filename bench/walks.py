"""The files a newcomer reads to follow two walks through the code (README, "Architecture"):
`POST /campaigns/{id}/response` (a new response, then the same request replayed by its
Idempotency-Key), and one event path from a support to a minister's email (the support, the
counters' stream, the milestone it crosses, the outbox's stream, the alert the minister's
subscription carries). Each walk runs for real on the embedded AWS; a profiler notes every file
of the app (app.py, chalicelib/) in which a function ran (a module merely imported on the way does
not count). Prints figures; never fails on them.

    .venv/bin/python bench/walks.py [--list]
"""

from __future__ import annotations

import os
import secrets
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

REGION = "eu-west-2"
PASSWORD = f"Walks-{secrets.token_hex(6)}-9"
APP_FILES = (str(ROOT / "app.py"), str(ROOT / "chalicelib") + os.sep)


@contextmanager
def files_run() -> Iterator[set[str]]:
    """The app's files in which any function ran inside the block (every thread started meanwhile too);
    a module's own body running as it is first imported is no call a reader follows."""
    seen: set[str] = set()

    def note(frame: Any, event: str, arg: Any) -> None:
        if event == "call" and frame.f_code.co_name != "<module>":
            name = frame.f_code.co_filename
            if name.startswith(APP_FILES):
                seen.add(str(Path(name).relative_to(ROOT)))

    import threading

    sys.setprofile(note)
    threading.setprofile(note)
    try:
        yield seen
    finally:
        sys.setprofile(None)
        threading.setprofile(None)  # type: ignore[arg-type]


def walk(name: str, steps: Callable[[], None], listing: bool) -> None:
    with files_run() as seen:
        steps()
    by_folder: dict[str, int] = {}
    for path in seen:
        folder = path.split("/")[1] if path.count("/") > 1 else path.split("/")[0]  # chalicelib/settings.py: chalicelib
        by_folder[folder] = by_folder.get(folder, 0) + 1
    print(f"{name}: {len(seen)} files ({', '.join(f'{f} {n}' for f, n in sorted(by_folder.items()))})")
    if listing:
        for path in sorted(seen):
            print(f"    {path}")


def main() -> None:
    listing = "--list" in sys.argv
    started = time.perf_counter()
    from devstack.deploy import app_env, deploy_infra
    from devstack.embedded_aws import EmbeddedAws

    aws = EmbeddedAws().start()
    outputs = deploy_infra(aws.endpoint, stage="local", region=REGION, template_path=str(ROOT / "infra/template.yaml"))
    # The first support crosses the first milestone, so one support makes one alert.
    os.environ.update(app_env(outputs, aws.endpoint, region=REGION, stage="local"), MILESTONES="1,100,1000",
                      POWERTOOLS_LOG_LEVEL="WARNING", POWERTOOLS_METRICS_DISABLED="true")
    from chalice.test import Client

    from app import app
    from chalicelib.settings import get_settings
    from devstack.accounts import CognitoAccounts
    from devstack.event_runner import EventRunner
    from tests.conftest import Api, User

    settings = get_settings()
    accounts = CognitoAccounts(settings.user_pool_id, settings.user_pool_client_id, aws.endpoint, REGION)

    with Client(app) as client:
        api = Api(client)

        def user(*groups: str) -> Any:
            email = f"walk-{uuid.uuid4().hex[:10]}@example.org"
            account = accounts.create(email, PASSWORD, groups)
            made = User(sub=account.sub, email=email, token=accounts.id_token(account), groups=groups)
            api.get("/me", user=made)
            return made

        owner, moderator, admin, minister, citizen = user(), user("moderators"), user("admins"), \
            user("ministers"), user()
        api.put(f"/ministers/{minister.sub}/portfolio", user=admin, json_body={"areas": ["health"]})
        api.put("/me/notifications", user=minister, json_body={"alerts": ["milestone"]})
        campaign_ids = []
        for title in ("Free prescriptions for carers", "Dentists in every market town"):
            made = api.post("/campaigns", user=owner, json_body={
                "title": title, "summary": "Carers save the NHS billions and should not pay for medicine.",
                "body": "Unpaid carers look after millions of people and often go without their own care. " * 2,
                "area": "health"}).json_body
            api.post(f"/campaigns/{made['id']}/submit", user=owner)
            api.post(f"/campaigns/{made['id']}/decision", user=moderator,
                     json_body={"decision": "approve", "reason": "Within the rules."})
            campaign_ids.append(made["id"])
        runner = EventRunner(app, aws.endpoint, hold_schedules=True, retry_seconds=0, fresh_stack=False)
        while runner.run_once():  # the openings' alerts and the search index: before the walks
            pass
        mail_before = len(_mail(api, minister.sub))
        answer = {"stance": "considering", "body": "We are looking at this with the health team now."}
        key = {"Idempotency-Key": uuid.uuid4().hex}
        seeded = time.perf_counter()

        def respond() -> None:
            answered = api.post(f"/campaigns/{campaign_ids[0]}/response", user=minister, json_body=answer,
                                headers=key)
            assert answered.status_code == 201, answered.body

        def replay() -> None:
            again = api.post(f"/campaigns/{campaign_ids[0]}/response", user=minister, json_body=answer, headers=key)
            assert again.status_code == 201, again.body

        def support_to_email() -> None:
            supported = api.put(f"/campaigns/{campaign_ids[1]}/support", user=citizen,
                                json_body={"consent_version": _consent()})
            assert supported.status_code == 200, supported.body
            while runner.run_once():  # counters' stream, then the outbox's, then the alerts topic's mirror
                pass

        walk("POST /campaigns/{id}/response, new", respond, listing)
        walk("POST /campaigns/{id}/response, replayed", replay, listing)
        walk("a support to a minister's email (milestone alert)", support_to_email, listing)
        mail = _mail(api, minister.sub)[mail_before:]  # read after the walk: not part of it
        assert [m["kind"] for m in mail] == ["milestone"], mail
    aws.stop()
    print(f"\nSetup {seeded - started:.1f} s.")


def _mail(api: Any, minister_id: str) -> list[dict]:
    boxes = api.get("/dev/mailbox").json_body["mailboxes"]
    return next((b["messages"] for b in boxes if b["minister_id"] == minister_id), [])


def _consent() -> str:
    from chalicelib.domain.consent import SUPPORT_CONSENT_VERSION

    return SUPPORT_CONSENT_VERSION


if __name__ == "__main__":
    main()
