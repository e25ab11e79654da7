"""The cyclic garbage collector paused while a cold container builds what it keeps, then that frozen.

Importing a route's modules, and a route's first call (its stores' modules, the one DynamoDB client
with botocore's service models, PyJWT and the signing keys, Jinja2's environment), make hundreds of
thousands of objects that live as long as the container, and almost no garbage. Yet every 700
allocations start a collection that walks the young ones, and now and then one walks everything: a
viral campaign's three first calls ran about 130 collections, 48 ms of their CPU, 22 ms of it one
collection over every object while the DynamoDB client was made (README, "Cold start").

Paused for that work, the collector would walk it all at its first collection after; so what exists
then is frozen first (`gc.freeze`, as Python's documentation advises before a fork): no later
collection walks it, on this request or any warm one. What that keeps: the cycles of garbage the
paused work made, never collected (a few hundred objects for those three first calls, once each
per container). A freeze takes every object, garbage too: what warm requests left in cycles since the
last freeze (exceptions' frames, say) is collected first, or it would never be. That collection walks
only what is not frozen yet, so only the container's first pause skips it (all of `import app`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# Whether a pause has frozen anything yet. Not gc.get_freeze_count(): it counts by walking every
# frozen object, about 10 ms of CPU once the modules and the client are frozen, on each first call.
_frozen_before = False


@contextmanager
def collector_paused() -> Iterator[None]:
    # Left alone where something else paused it (an enclosing first call); another thread's import
    # may resume it early, which costs only the collections it would have made anyway.
    global _frozen_before
    pausing = gc.isenabled()
    if pausing:
        if _frozen_before:
            gc.collect()
        gc.disable()
    try:
        yield
    finally:
        if pausing:
            gc.freeze()
            _frozen_before = True
            gc.enable()
