"""The campaign lifecycle and campaign addresses, as properties. No AWS.

The lifecycle is driven as a state machine: hypothesis tries owner and moderator actions in
random orders on one campaign, and after every step checks what a person would see (is it
public, can it be edited, can it ever change again). The table test below writes the product
rule out in full, one row per (status, action), so a change to TRANSITIONS shows up as a diff
against the spec, not as a silently different lifecycle.
"""

from __future__ import annotations

import string
import unicodedata
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from chalicelib.domain.campaigns import EDITABLE, PUBLIC, TRANSITIONS, Status, slugify, transition
from chalicelib.domain.errors import Conflict

# --- The product spec: where each action leads from each status (None: refused with a 409). ---

LIFECYCLE_SPEC: dict[tuple[str, str], str | None] = {
    ("draft", "submit"): "pending",
    ("draft", "approve"): None,
    ("draft", "reject"): None,
    ("draft", "close"): None,
    ("pending", "submit"): None,
    ("pending", "approve"): "open",
    ("pending", "reject"): "rejected",
    ("pending", "close"): None,
    ("open", "submit"): None,
    ("open", "approve"): None,
    ("open", "reject"): None,
    ("open", "close"): "closed",
    ("rejected", "submit"): "pending",
    ("rejected", "approve"): None,
    ("rejected", "reject"): None,
    ("rejected", "close"): None,
    ("closed", "submit"): None,
    ("closed", "approve"): None,
    ("closed", "reject"): None,
    ("closed", "close"): None,
}

ACTIONS = ("submit", "approve", "reject", "close")


def test_the_spec_covers_every_status_and_action_there_is():
    """A new status or action must be added to the spec above, with its outcome decided."""
    assert {status for status, _ in LIFECYCLE_SPEC} == {s.value for s in Status}
    assert {action for _, action in LIFECYCLE_SPEC} == set(TRANSITIONS) == set(ACTIONS)


@pytest.mark.parametrize(("status", "action"), sorted(LIFECYCLE_SPEC))
def test_each_status_and_action_leads_where_the_spec_says(status, action):
    expected = LIFECYCLE_SPEC[(status, action)]
    if expected is None:
        with pytest.raises(Conflict) as refused:
            transition(action, status)
        assert refused.value.code == "invalid_transition"
        # The 409 tells the client what it tried and what the campaign is now.
        assert refused.value.details == {"status": status, "action": action}
        assert status in refused.value.message and action in refused.value.message
    else:
        moved = transition(action, status)
        assert moved == expected
        assert isinstance(moved, Status)  # stored as its value, compared as a Status


@pytest.mark.parametrize("status", list(Status))
def test_a_status_read_back_from_storage_as_text_moves_like_the_enum(status):
    for action in ACTIONS:
        try:
            from_enum = transition(action, status)
        except Conflict:
            from_enum = None
        try:
            from_text = transition(action, str(status.value))
        except Conflict:
            from_text = None
        assert from_enum == from_text


def test_public_campaigns_are_exactly_the_open_and_closed_ones():
    assert frozenset({Status.OPEN, Status.CLOSED}) == PUBLIC


def test_only_drafts_and_rejected_campaigns_are_editable():
    assert frozenset({Status.DRAFT, Status.REJECTED}) == EDITABLE
    # Supporters signed what they read, and a moderator reviews what was submitted.
    assert not (EDITABLE & PUBLIC)
    assert Status.PENDING not in EDITABLE


def test_every_status_is_reachable_from_a_new_draft():
    reached = {Status.DRAFT}
    frontier = [Status.DRAFT]
    while frontier:
        current = frontier.pop()
        for action in ACTIONS:
            try:
                target = transition(action, current)
            except Conflict:
                continue
            if target not in reached:
                reached.add(target)
                frontier.append(target)
    assert reached == set(Status)


class CampaignLifecycle(RuleBasedStateMachine):
    """One campaign, from a fresh draft, under random owner and moderator actions.

    The model keeps only what a person could have observed (what was done and what was
    accepted); the rules and invariants compare that history with what `transition` says.
    """

    def __init__(self) -> None:
        super().__init__()
        self.status = Status.DRAFT
        self.last_accepted: str | None = None
        self.ever_approved = False
        self.ever_closed = False
        self.history: list[tuple[str, Status, Status | None]] = []

    def _attempt(self, action: str) -> tuple[Status, Status | None]:
        before = self.status
        try:
            after = transition(action, before.value)  # storage hands over the text
        except Conflict as refused:
            assert refused.code == "invalid_transition"
            assert refused.details == {"status": before.value, "action": action}
            after = None
        else:
            assert isinstance(after, Status)
            self.status = after
            self.last_accepted = action
            self.ever_approved |= action == "approve"
            self.ever_closed |= after is Status.CLOSED
        self.history.append((action, before, after))
        return before, after

    @rule()
    def owner_submits(self) -> None:
        before, after = self._attempt("submit")
        if before in EDITABLE:
            # Whatever the owner can edit, they can send for review.
            assert after is Status.PENDING
        else:
            assert after is None

    @rule(action=st.sampled_from(["approve", "reject"]))
    def moderator_decides(self, action: str) -> None:
        before, after = self._attempt(action)
        # Only a campaign waiting for review can be approved or rejected.
        assert (after is not None) == (before is Status.PENDING)

    @rule()
    def owner_or_moderator_closes(self) -> None:
        before, after = self._attempt("close")
        assert (after is Status.CLOSED) == (before is Status.OPEN)

    @precondition(lambda self: self.status is Status.CLOSED)
    @rule(action=st.sampled_from(ACTIONS))
    def anything_on_a_closed_campaign(self, action: str) -> None:
        _, after = self._attempt(action)
        assert after is None

    @invariant()
    def a_closed_campaign_never_changes_again(self) -> None:
        if self.ever_closed:
            assert self.status is Status.CLOSED

    @invariant()
    def a_campaign_is_open_only_right_after_an_approval(self) -> None:
        if self.status is Status.OPEN:
            assert self.last_accepted == "approve"

    @invariant()
    def public_exactly_when_a_moderator_approved_it(self) -> None:
        assert (self.status in PUBLIC) == self.ever_approved

    @invariant()
    def editable_only_before_review_and_never_after_approval(self) -> None:
        assert (self.status in EDITABLE) == (self.status is not Status.PENDING and not self.ever_approved)

    @invariant()
    def a_refused_action_changes_nothing(self) -> None:
        if self.history:
            _, before, after = self.history[-1]
            if after is None:
                assert self.status is before


CampaignLifecycle.TestCase.settings = settings(max_examples=30, stateful_step_count=20, deadline=None)
test_campaign_lifecycle = CampaignLifecycle.TestCase


# --- Slugs: the readable address of a campaign (`/campaigns/<slug>`). ---

SLUG_ALPHABET = set(string.ascii_lowercase + string.digits + "-")
COMBINING_MARKS = ["\u0300", "\u0301", "\u0302", "\u0303", "\u0308", "\u030a", "\u030c", "\u0327"]
FAST = settings(max_examples=60, deadline=None)

ascii_words = st.text(string.ascii_letters + string.digits, min_size=1, max_size=12)
# Any text, and long titles of real words (so the 60-character cut lands on every kind of spot).
titles = st.one_of(st.text(max_size=200), st.lists(ascii_words, min_size=5, max_size=15).map(" ".join))


@FAST
@given(titles)
def test_a_slug_is_lowercase_letters_digits_and_single_inner_hyphens(title):
    slug = slugify(title)
    assert slug, "a slug is never empty"
    assert set(slug) <= SLUG_ALPHABET
    assert not slug.startswith("-") and not slug.endswith("-")
    assert "--" not in slug
    assert len(slug) <= 60
    assert quote(slug, safe="") == slug  # goes into a URL as it is


@FAST
@given(titles)
def test_slugifying_a_slug_changes_nothing(title):
    slug = slugify(title)
    assert slugify(slug) == slug


@FAST
@given(titles)
def test_a_long_title_keeps_its_beginning(title):
    """The 60-character cut keeps the start of the title's slug, and only cuts when needed."""
    slug = slugify(title)
    whole = slugify(title, max_length=10_000)
    assert whole.startswith(slug)
    if len(whole) <= 60:
        assert slug == whole


@FAST
@given(st.lists(ascii_words, min_size=1, max_size=4), st.text(" !?.,;:'\"/&()_-\t", min_size=1, max_size=3))
def test_words_are_joined_by_one_hyphen_whatever_ascii_separates_them(words, separator):
    title = separator.join(words)
    expected = "-".join(w.lower() for w in words)
    assert len(expected) <= 60  # at most 4 * 12 + 3
    assert slugify(title) == expected


@FAST
@given(st.lists(st.tuples(st.sampled_from(string.ascii_letters), st.lists(st.sampled_from(COMBINING_MARKS),
                                                                           max_size=2)),
                min_size=1, max_size=15))
def test_accents_are_folded_to_the_plain_letter(letters):
    plain = "".join(letter for letter, _ in letters)
    decomposed = "".join(letter + "".join(marks) for letter, marks in letters)
    composed = unicodedata.normalize("NFC", decomposed)  # how most keyboards type "é"
    assert slugify(composed) == slugify(decomposed) == plain.lower()


# Dashes, ellipsis, guillemets, curly quotes, inverted marks, middle dot, bullet.
NON_ASCII_PUNCTUATION = "\u2014\u2013\u2026\u00ab\u00bb\u201c\u201d\u00a1\u00bf\u00b7\u2022"


@FAST
@given(st.text(string.whitespace + string.punctuation + NON_ASCII_PUNCTUATION, max_size=40))
def test_a_title_with_no_letters_or_digits_still_gets_an_address(title):
    assert slugify(title) == "campaign"


@pytest.mark.parametrize(("title", "slug"), [
    ("Café", "cafe"),
    ("Free bus travel for apprentices!", "free-bus-travel-for-apprentices"),
    ("Crème brûlée for   ALL", "creme-brulee-for-all"),
    ("  --Hello--World--  ", "hello-world"),
    ("Ysgol Gymraeg ym Mhen-y-bont ŵ ŷ", "ysgol-gymraeg-ym-mhen-y-bont-w-y"),
    ("ﬁnance £5bn", "finance-5bn"),
    ("", "campaign"),
    ("🚌🚌🚌", "campaign"),
])
def test_slug_examples(title, slug):
    assert slugify(title) == slug


@pytest.mark.parametrize("separator", ["\u2014", "\u2013", "\u00b7", "\u2192", "\u00ab", "\u2022", "\u3001"])
def test_non_ascii_punctuation_keeps_words_apart(separator):
    assert slugify(f"Homes{separator}now") == "homes-now"


@pytest.mark.parametrize(("title", "slug"), [("Straße", "strasse"), ("Søren", "soren"), ("Łódź", "lodz")])
def test_letters_without_a_decomposition_are_transliterated(title, slug):
    assert slugify(title) == slug
