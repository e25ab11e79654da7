"""Joining through the API on the in-memory fakes (Cognito and the mail stood in for): a code is
mailed, works once and only with a password the pool takes; asking and guessing are limited, and
a spent limit is the 429 the API gives, not a storage refusal nobody explained."""

from __future__ import annotations

import pytest

from chalicelib.domain import limits
from chalicelib.domain.errors import InvalidInput, RateLimited
from chalicelib.logic import accounts as logic

PASSWORD = "Correct horse 42"


@pytest.fixture
def mail(monkeypatch) -> list[tuple[str, str]]:
    """(address, code) of each join code mailed; nobody has an account yet; made ones are listed."""
    from chalicelib.notify import account_mail, user_pool

    sent: list[tuple[str, str]] = []
    monkeypatch.setattr(user_pool, "account_of", lambda address: None)
    monkeypatch.setattr(user_pool, "create_account", lambda address, password: f"sub-of-{address}")
    monkeypatch.setattr(account_mail, "send_join_code", lambda address, code: sent.append((address, code)))
    return sent


def test_the_mailed_code_joins_once(fake, mail):
    logic.ask_to_join("Ada@Example.org", client="203.0.113.9")
    (address, code), = mail
    assert address == "ada@example.org"
    with pytest.raises(InvalidInput) as weak:
        logic.join(address, code, "short", client=None)
    assert weak.value.code == "invalid_password"  # and the code still works
    assert logic.join(address, code, PASSWORD, client=None) == "sub-of-ada@example.org"
    with pytest.raises(InvalidInput) as again:
        logic.join(address, code, PASSWORD, client=None)
    assert again.value.code == "code_mismatch"


def test_asking_past_the_limit_for_an_address_is_a_rate_limit(fake, mail):
    for _ in range(limits.ACCOUNT_EMAILS.count):
        logic.ask_to_join("bo@example.org", client=None)
    with pytest.raises(RateLimited) as refused:
        logic.ask_to_join("bo@example.org", client=None)
    assert refused.value.code == "rate_limited" and len(mail) == limits.ACCOUNT_EMAILS.count


def test_guessing_codes_from_one_client_is_a_rate_limit(fake, mail):
    logic.ask_to_join("cy@example.org", client=None)
    for _ in range(limits.CODE_TRIES_FROM_CLIENT.count):
        with pytest.raises(InvalidInput):
            logic.join("cy@example.org", "000000", PASSWORD, client="198.51.100.7")
    with pytest.raises(RateLimited):
        logic.join("cy@example.org", "000000", PASSWORD, client="198.51.100.7")
