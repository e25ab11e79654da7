"""Every cache a Lambda container keeps between requests, in one place: what it keeps, for how
long, and why an answer that old is safe. Two sorts:

- What is shown: anything anyone may see (nothing one person may see and another may not), so an
  entry can answer anybody. Each has a short life; a container that changes the thing forgets its
  own copy at once, and other containers show the old one for at most that life.
- A person's own facts, used only to build that person's next conditional write (their profile
  region, their rate-limit uses). Never shown and never trusted alone: the write carries a
  condition that fails when the copy is stale, and the copy is then read again. No time limit.
  One more of a person's own, with a life: their sign-in record (below).

A new Lambda container starts with every cache empty; `forget_everything()` does the same here
(benchmarks and tests measure a cold container with it).
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from chalicelib.domain.sign_ins import RECORD_CACHE_SECONDS

_MISSING = object()
_caches: list[TtlCache] = []


class TtlCache:
    """Entries younger than `seconds` (a number, or a function read at each lookup; `math.inf`:
    for ever), at most `size` of them, the least recently stored dropped first."""

    def __init__(self, name: str, seconds: float | Callable[[], float], size: int, *, own: bool = False) -> None:
        self.name, self._seconds, self.size, self.own = name, seconds, size, own
        self._entries: OrderedDict[Hashable, tuple[Any, float]] = OrderedDict()
        _caches.append(self)

    @property
    def seconds(self) -> float:
        return self._seconds() if callable(self._seconds) else self._seconds

    def get(self, key: Hashable, default: Any = None) -> Any:
        entry = self._entries.get(key)  # a (value, stored_at) pair, never None itself
        if entry is None:
            return default
        value, stored_at = entry
        if time.monotonic() - stored_at >= self.seconds:
            self._entries.pop(key, None)
            return default
        return value

    def __contains__(self, key: Hashable) -> bool:
        return self.get(key, _MISSING) is not _MISSING

    def put(self, key: Hashable, value: Any) -> Any:
        self._entries[key] = (value, time.monotonic())
        self._entries.move_to_end(key)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)
        return value

    def get_or_read(self, key: Hashable, read: Callable[[], Any]) -> Any:
        """The kept value, or `read()`'s, kept (None included: an absence is an answer too)."""
        kept = self.get(key, _MISSING)
        return self.put(key, read()) if kept is _MISSING else kept

    def forget(self, key: Hashable) -> None:
        self._entries.pop(key, None)

    def clear(self) -> None:
        self._entries.clear()


def forget_everything() -> None:
    """Empty every cache, as a new Lambda container starts."""
    for cache in _caches:
        cache.clear()


def forget_shown() -> None:
    """Empty the caches of what is shown, keeping people's own copies: a container that has served
    these people before, as `bench/requests.py` measures each request."""
    for cache in _caches:
        if not cache.own:
            cache.clear()


# --- What is shown ---------------------------------------------------------------------------

# A campaign's status, hidden flag, shown count and what a reply needs of it (`store/supports.
# campaign_snapshot`), 2 s: at 5,000 supports a second, a read of the campaign per support would put
# 2,500 read units a second on one key. Safe: closing freezes the counters every support writes to,
# so none lands after the close whatever this says; for 2 s after a close or a hiding elsewhere a
# reply can still land (on a thread then read-only or hidden with it), and a reply within 2 s of the
# first response may miss the ministers' alert, which the hour's next reply sends.
CAMPAIGN_STATUS_SECONDS = 2.0
campaign_status = TtlCache("campaign status", CAMPAIGN_STATUS_SECONDS, 2048)

# Which campaign a slug names, an hour: a slug never moves to another campaign while its campaign
# exists (only an unpublished campaign's goes, deleted with it), and a kept id found gone is looked
# up again, so a slug taken anew is never answered with the old campaign.
campaign_slugs = TtlCache("campaign slugs", 3600.0, 20_000)

# The home and area pages' lists: which campaigns, in what order (ids only), 10 s, as read from the
# page's stored lists (`store/front_lists`, which the campaigns' stream keeps) or the indexes. The
# campaigns themselves are read live on every request, so a count, a title or a moderator's hiding
# shows at once; only a campaign entering a list or moving up it waits (the stream's second or two,
# then this), well within the pages' own 30 s in browsers and the CDN (`http.routing.PUBLIC_MAX_AGE`).
list_order = TtlCache("list order", 10.0, 512)

# When this container last moved a campaign into or out of a list (opened, closed, hid...; one
# entry, "at"), until the container ends: the pages' stored lists (`store/front_lists`) are used
# here only if made after it, and otherwise each list is queried, so a campaign this container
# opened is on its home page at once, as before, while the campaigns' stream catches the stored
# lists up (a second or two). Not a copy of anything: it can only send a read to the index.
lists_moved_here = TtlCache("lists moved here", math.inf, 1)

# A person's handle and display name, kept once for every use: the names on cards and replies, and
# the echo of a reply's author (with the roles and portfolio their own request read: `store/
# people_cache.KnownPerson`), 60 s. They are public and rarely change; pages are cached 30 s by
# browsers and the CDN anyway. A rename or an erasure on this container replaces or drops the entry
# at once. An erased person's absence is kept too: ids are never reused. (Before, the names lived
# 60 s and the authors' profiles 5 min, so a rename showed at different times in different places.)
PEOPLE_SECONDS = 60.0
people = TtlCache("people", PEOPLE_SECONDS, 20_000)  # ~150 bytes each: a few MB at most

# An organisation's handle and name, 60 s: public, and organisations are never renamed.
organisations = TtlCache("organisations", 60.0, 20_000)

# Who is an accepted member of which organisation, 30 s: only a reply's organisation badge depends
# on it (on a campaign anyone may see); someone who left keeps the badge that long on another
# container, and this one forgets its copy when the membership changes here.
memberships = TtlCache("memberships", 30.0, 4096)

# A campaign page's "related campaigns" (public campaigns only, the same for everyone), as long as
# browsers and the CDN keep the page itself (`http.routing.PUBLIC_MAX_AGE`, 30 s): finding them takes up to
# four calls, and a viral page is read thousands of times a minute. A campaign hidden meanwhile may
# stay linked that long; its own page is read live and says 404.
related_campaigns = TtlCache("related campaigns", 30.0, 2048)


# A policy document's item (its window, its amendment order, its counts of amendments), 2 s, as a
# campaign's status: pages and amendment lists read it on every request. Safe: every write checks the
# item itself (a proposal, the window and the version; a decision, the adoption), and the container
# that changed a document forgets its copy at once.
DOCUMENT_SECONDS = 2.0
documents = TtlCache("documents", DOCUMENT_SECONDS, 512)

# A policy document's published versions, for ever: a version is never changed once written (a new
# version is a new item), so a copy is always right. At most ~300 KB each: 64 are ~20 MB at most.
document_versions = TtlCache("document versions", math.inf, 64)

# Whether an amendment takes support, and its shown count, 2 s, for the same reason as a campaign's
# status: a decision freezes the counters every support writes to, so none lands after it.
amendment_states = TtlCache("amendment support states", CAMPAIGN_STATUS_SECONDS, 4096)
# Consultations as pages around them show them (public, the same for everyone), 60 s: a campaign's
# page names the question it answers. A question never changes once asked. Without it, every campaign
# page answering one would cost a read more on the hottest page there is.
consultations_shown = TtlCache("consultations shown", 60.0, 2048)

# Who holds which portfolio (the ministers' page), 60 s:
# portfolios change at a reshuffle, a handful a year; the admin's container forgets its copy at once.
ministers = TtlCache("ministers", 60.0, 4)


# --- A person's own, for their next write ----------------------------------------------------

# Person id -> their profile's region facts (region, when it last changed, when the profile was made:
# `person_regions.RegionFacts`) when this container last looked (read with a support's first call, or
# its own profile's read or edit here). A support made from them as held before its own read stores
# them marked `region_from_copy`, and the supports' stream checks them against the profile before
# counting it (store/stream_backstop.py), correcting a stale one; a write that checks them itself
# carries `person_regions.check_region_within`.
profile_regions = TtlCache("profile regions", math.inf, 4096, own=True)

# Rate-limit key -> (uses, revision) as this container last wrote or read them: `rate_limits.
# take_within` writes on condition of that revision, so a stale copy fails and is reread. A copy
# can only lack uses, never hold one that did not happen, so a refusal it gives is exact. Supports
# and follows decide from it alone (`rate_limits.allowed_by_copy`), with their uses added here; their
# streams charge the item, exactly, and remove what is past the limit (store/stream_backstop.py).
rate_limit_uses = TtlCache("rate-limit uses", math.inf, 4096, own=True)

# Person id -> "erasing" (or "erased") for an erasure this container started (or finished), for as
# long as the container lives: a support or follow, which reads no erasure (one call: issue 30), is
# refused here at once, as every other write is by its read. Elsewhere it is answered, and the
# supports' and follows' streams remove it within seconds. Ids are never reused.
erasures_started = TtlCache("erasures started here", math.inf, 4096, own=True)

# Person id -> their sign-in record (`store/sign_ins`: the not-before time, the power roles and the
# authenticator last seen), for a token without a power role, a minute (`domain.sign_ins.
# RECORD_CACHE_SECONDS`): a sign-in ended on another container is refused here within it, and at
# once by the container that ended it, which replaces its entry. A token with a power role reads
# the record fresh every time. Never shown.
sign_ins = TtlCache("sign-in records", RECORD_CACHE_SECONDS, 20_000, own=True)
