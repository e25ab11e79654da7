"""`make reindex`: rebuild the search index from the tables, with progress, resumable.

    make reindex                      # the local stack `make run` serves (embedded AWS on AWS_PORT)
    STAGE=prod TABLE_PREFIX=labourspace-prod make reindex   # a deployed stage, with AWS credentials

Interrupt it (Ctrl-C) and run it again: it carries on from the last page it finished
(ops/reindex.py keeps the place in the jobs table). PAGE_SIZE (100) items a page.
"""

from __future__ import annotations

import os
import sys
import time


def _local_environment() -> None:
    """Point at the embedded AWS `make run` started, unless told otherwise."""
    if os.environ.get("STAGE", "local") != "local":
        return
    os.environ["STAGE"] = "local"  # said outright: settings refuse to guess a stage
    from devstack.embedded_aws import aws_env

    endpoint = os.environ.get("AWS_ENDPOINT_URL") or f"http://127.0.0.1:{os.environ.get('AWS_PORT', '4566')}"
    for name, value in aws_env(endpoint, os.environ.get("AWS_REGION", "eu-west-2")).items():
        os.environ.setdefault(name, value)


def main() -> int:
    _local_environment()
    from ops.reindex import reindex  # after the environment: settings are read at import

    started = time.monotonic()

    def show(phase: str, done: int, estimated: int, progress) -> None:
        print(f"\r  reindex {phase}: {done}/~{max(done, estimated)} items, {progress.written} index writes, "
              f"{time.monotonic() - started:.0f} s", end="", flush=True)

    last_phase = None

    def on_page(phase: str, done: int, estimated: int, progress) -> None:
        nonlocal last_phase
        if last_phase is not None and phase != last_phase:
            print()
        last_phase = phase
        show(phase, done, estimated, progress)

    try:
        progress = reindex(page_size=int(os.environ.get("PAGE_SIZE", "100")), on_page=on_page)
    except KeyboardInterrupt:
        print("\n  stopped: run `make reindex` again to carry on from the last page")
        return 130
    print(f"\n  reindex done: {progress.written} index writes in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
