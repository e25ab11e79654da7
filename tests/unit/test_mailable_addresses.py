"""Which email addresses Labourspace accepts for notifications: only those mail can be sent to."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.domain.notifications import is_mailable_address

LOCAL = st.text(string.ascii_letters + string.digits + "+_-", min_size=1, max_size=20)
LABEL = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=15)


@pytest.mark.parametrize("address", ["ada@example.org", "a.b+tag@mail.example.co.uk", "o'neil@x-y.org",
                                     "UPPER@EXAMPLE.ORG"])
def test_ordinary_addresses_are_accepted(address):
    assert is_mailable_address(address)


@pytest.mark.parametrize("address", ["ada@example", "ada@", "@example.org", "ada..b@example.org", ".ada@example.org",
                                     "ada@-example.org", "ada@example.o", "ada@exa mple.org", "a<b>@example.org",
                                     "ada@example.org\n", "åda@example.org", "ada@exämple.org",
                                     f"{'a' * 65}@example.org", f"ada@{'b' * 250}.org"])
def test_what_mail_cannot_go_to_is_refused(address):
    assert not is_mailable_address(address)


@settings(max_examples=60, deadline=None)
@given(LOCAL, st.lists(LABEL, min_size=1, max_size=3), st.sampled_from(["org", "uk", "com", "scot"]))
def test_any_plain_address_is_accepted(local, labels, tld):
    assert is_mailable_address(f"{local}@{'.'.join(labels)}.{tld}")


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=40), st.characters(min_codepoint=0, max_codepoint=31))
def test_no_address_with_a_control_character_is_accepted(text, control):
    assert not is_mailable_address(f"{text}{control}@example.org")
    assert not is_mailable_address(f"ada@exam{control}ple.org")
