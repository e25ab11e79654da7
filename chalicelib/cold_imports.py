"""The cyclic garbage collector paused while a cold container imports what a first call needs.

Importing a route's modules makes hundreds of thousands of objects and almost no garbage, yet
every 700 allocations start a collection that walks the young ones, and a few walk everything:
a viral campaign's three first calls ran 142 collections, about a seventh of their CPU time
(README, "Cold start"). Paused for the import, collected normally after it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    # Left alone where something else paused it; another thread's import may resume it early,
    # which costs only the collections it would have made anyway.
    pausing = gc.isenabled()
    if pausing:
        gc.disable()
    try:
        yield
    finally:
        if pausing:
            gc.enable()
