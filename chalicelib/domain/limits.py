"""Rate limits: every limit's numbers in one place, and the rolling-window rule they all share.

A limit means "at most `count` in any `window_seconds`", whenever the window starts. A fixed
window (a counter per calendar hour or UTC day) lets twice the count through across its edge
(three updates at 23:59 and three at 00:01); the rule here keeps the times of the last `count`
uses, so the `count`+1-th use waits until the oldest of them is a whole window old. Every
limit is small (tens at most), so the times fit in one item of a few hundred bytes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from chalicelib.domain.errors import DependencyUnavailable
from chalicelib.messages import Words, plural_text

HOUR = 3600
DAY = 86400


@dataclass(frozen=True)
class Limit:
    """A rate limit: at most `count` uses of an action in any window of `window_seconds`."""

    action: str         # the rate-limit key's first part
    count: int          # at most this many...
    window_seconds: int  # ...in any window this long
    per: str            # what the count belongs to: "person", "campaign", "address", "client", or a person's
                        # (or organisation's) document
    why: str
    refusal: str = ""   # the message id of a refusal where "N times a day" would not do (a whole document's cap)

    def window(self) -> Words:
        """Its window as a refusal says it ("a day", "in 90 seconds"), in the reader's language."""
        if self.window_seconds == HOUR:
            return Words("rate_limited.an_hour")
        if self.window_seconds == DAY:
            return Words("rate_limited.a_day")
        return Words("rate_limited.seconds", seconds=self.window_seconds)

    def describe(self) -> str:
        """What a refusal says ("This can be done 3 times a day; try again later."), in the reader's language."""
        if self.refusal:
            return plural_text(self.refusal, self.count)
        return plural_text("rate_limited", self.count, window=self.window())


# Generous for a person, tight for a script. The README's "Limits" table lists these.
REPLIES = Limit("replies", 30, HOUR, "person", "a conversation, not a flood")
OWNER_UPDATES = Limit("campaign_update", 3, DAY, "campaign",
                      "each update reaches every supporter and follower: a few a day is news, more is noise")
ORGANISATIONS = Limit("organisations", 3, DAY, "person",
                      "handles are public and first come, first served: no squatting them by the hundred")
FOLLOWS = Limit("follows", 60, HOUR, "person",
                "each follow or unfollow writes a shard; a person browses, a script sweeps")
DEVICES = Limit("devices", 10, DAY, "person", "each registration makes an SNS platform endpoint")
SUPPORT_CHANGES = Limit("support_changes", 30, HOUR, "person",
                        "each support or withdrawal makes the count re-read the campaign's 128 shard counters")

REPORTS = Limit("reports", 20, HOUR, "person",
                "a reader reports a few things a day; more in an hour is a campaign of reports")
CONFIRMATION_EMAILS = Limit("confirm_email", 3, HOUR, "person",
                            "each goes to an address not yet shown to be the person's: more would be a way to spam")
# Amendments to one document (README, "The manifesto as a document"): Labour's 2014 rule gave each
# constituency party ten amendments to the whole text; an organisation of any kind has the same. A
# person alone has five: enough to press the clauses they care most about, while more is an
# alternative text, which belongs to a constituency party's meeting. A document's rounds of
# amendments run at most a year each (domain.documents.LONGEST_WINDOW); the cap counts two years,
# longer than any document takes from draft to adoption. Keyed by the document and the proposer.
AMENDMENT_WINDOW = 2 * 366 * DAY
AMENDMENTS_BY_PERSON = Limit("amendments_person", 5, AMENDMENT_WINDOW, "person per document",
                             "an alternative text is a constituency party's, through its meeting",
                             refusal="rate_limited.amendments_person")
AMENDMENTS_BY_ORGANISATION = Limit("amendments_organisation", 10, AMENDMENT_WINDOW, "organisation per document",
                                   "Labour's 2014 rule: ten amendments per constituency party to the full text",
                                   refusal="rate_limited.amendments_organisation")

# Joining and resetting a password answer anyone, signed in or not: limited per address (a keyed hash
# of it) and per client (a keyed hash of the address it connects from), never by whether an account exists.
ACCOUNT_EMAILS = Limit("account_email", 5, HOUR, "address",
                       "each mails a code or a notice to an address not yet shown to be the asker's")
ACCOUNT_EMAILS_FROM_CLIENT = Limit("account_email_client", 20, HOUR, "client",
                                   "one household or office asks a few; a script asks for many addresses")
CODE_TRIES_FROM_CLIENT = Limit("code_tries_client", 30, HOUR, "client",
                               "a person mistypes a code or two; a script guesses codes across many addresses")

ALL = (REPLIES, OWNER_UPDATES, ORGANISATIONS, FOLLOWS, DEVICES, SUPPORT_CHANGES, REPORTS, CONFIRMATION_EMAILS,
       AMENDMENTS_BY_PERSON, AMENDMENTS_BY_ORGANISATION, ACCOUNT_EMAILS, ACCOUNT_EMAILS_FROM_CLIENT,
       CODE_TRIES_FROM_CLIENT)
PER_PERSON = tuple(limit for limit in ALL if limit.per == "person")


def per_document(document_id: str, proposer_id: str) -> str:
    """The subject an amendment cap is kept under: one proposer's (person or organisation) on one document."""
    return f"{proposer_id}@{document_id}"


@dataclass(frozen=True)
class Decision:
    """Whether one more use fits a limit, and what to store or how long to wait."""

    allowed: bool
    uses: tuple[float, ...]  # what to store when allowed: the last `count` uses, this one included
    retry_after: int = 0     # when refused: whole seconds until one more is allowed (at least 1)


def decide(limit: Limit, uses: Sequence[float], now: float) -> Decision:
    """Whether one more use at `now` keeps within `limit`, given the times of earlier uses."""
    # A time a little ahead of `now` (another container's clock) still counts.
    recent = sorted(t for t in uses if t > now - limit.window_seconds)[-limit.count:]
    if len(recent) < limit.count:
        return Decision(True, tuple(sorted((*recent, now)))[-limit.count:])
    retry_after = max(1, math.ceil(recent[0] + limit.window_seconds - now))
    return Decision(False, tuple(recent), retry_after)


def too_many_at_once() -> DependencyUnavailable:
    """One person's requests raced each other (or a script's) through every retry."""
    return DependencyUnavailable(wording="too_many_at_once", retry_after=1)
