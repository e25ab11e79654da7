"""Joining and resetting a password, which the API runs so that both answer the same for every
address (README, "Joining and resetting, for any address alike").

Asking mails one email to the address either way: a code, or a notice (you have an account
already; this address has no account). A code is kept for every address asked about, the ones
that were sent none included, so answering one costs the same calls whoever asks. Both are limited
per address and per client; wrong codes are limited per code and per client."""

from __future__ import annotations

from chalicelib.domain import limits
from chalicelib.domain.accounts import (
    EMAIL,
    JOIN,
    RESET,
    Taken,
    moving_to,
    new_code,
    normalised_address,
    password_meets_the_rules,
)
from chalicelib.domain.errors import InvalidInput, field_words
from chalicelib.domain.identity import Caller
from chalicelib.logic import sign_ins
from chalicelib.logic.ports import stores
from chalicelib.logic.refusals import take
from chalicelib.notify import account_mail, user_pool


def _limit(address: str, client: str | None) -> None:
    if client is not None:  # unknown (a deployed request without CloudFront's header): per address only
        take(limits.ACCOUNT_EMAILS_FROM_CLIENT, stores().account_codes.client_digest(client))
    take(limits.ACCOUNT_EMAILS, stores().account_codes.address_digest(address))


def _wrong_code() -> InvalidInput:
    return InvalidInput(code="code_mismatch", details={"fields": {"code": field_words("not_the_code_sent")}})


def _spend(purpose: str, address: str, code: str, password: str | None, client: str | None) -> None:
    """The code, once the password (if one is chosen with it) is one the pool takes (a refused password
    leaves the code usable)."""
    if client is not None:
        take(limits.CODE_TRIES_FROM_CLIENT, stores().account_codes.client_digest(client))
    if password is not None and not password_meets_the_rules(password):
        raise InvalidInput(code="invalid_password", details={"fields": {"password": field_words("password_rules")}})
    taken = stores().account_codes.take(purpose, address, code)
    if taken is Taken.EXPIRED:
        raise InvalidInput(code="code_expired", details={"fields": {"code": field_words("expired")}})
    if taken is not Taken.RIGHT:
        raise _wrong_code()


def ask_to_join(address: str, client: str | None) -> None:
    """A code to finish joining, or, where the address has an account, an email saying so."""
    address = normalised_address(address)
    _limit(address, client)
    account = user_pool.account_of(address)
    code = new_code()
    stores().account_codes.keep(JOIN, address, code)  # for an account: a code nobody is ever sent
    if account is not None and account.is_account:
        account_mail.send_already_joined(address)
    else:
        account_mail.send_join_code(address, code)


def join(address: str, code: str, password: str, client: str | None) -> str:
    """The account, once the code mailed to the address comes back with the password chosen; its id."""
    address = normalised_address(address)
    _spend(JOIN, address, code, password, client)
    made = user_pool.create_account(address, password)
    if made is None:  # only a guessed code reaches here for an address with an account
        raise _wrong_code()
    return made


def ask_to_reset(address: str, client: str | None) -> None:
    """A code to choose a new password with, or, where the address has no account, an email saying so."""
    address = normalised_address(address)
    _limit(address, client)
    account = user_pool.account_of(address)
    code = new_code()
    stores().account_codes.keep(RESET, address, code)  # for no account: a code nobody is ever sent
    if account is not None and account.is_account:
        account_mail.send_reset_code(address, code)
    else:
        account_mail.send_no_account(address)


def reset_password(address: str, code: str, password: str, client: str | None) -> None:
    """The new password, once the code comes back; every earlier sign-in of the account ends."""
    address = normalised_address(address)
    _spend(RESET, address, code, password, client)
    account = user_pool.account_of(address)
    if account is None or not account.is_account:
        raise _wrong_code()
    user_pool.set_password(account.username, password)
    sign_ins.end_for_account(account.sub, account.username)


def ask_to_change_email(caller: Caller, address: str, client: str | None) -> None:
    """A code to the new address that makes it the caller's sign-in email, in the asker's language (the
    request's, as joining's); or, where the address signs in to another account, an email saying so."""
    address = normalised_address(address)
    if caller.email is not None and normalised_address(caller.email) == address:
        raise InvalidInput(code="email_unchanged", details={"fields": {"email": field_words("your_email_already")}})
    _limit(address, client)
    account = user_pool.account_of(address)
    code = new_code()
    stores().account_codes.keep(EMAIL, moving_to(caller.id, address), code)  # kept either way, as joining's
    if account is not None and account.is_account:
        account_mail.send_email_taken(address)
    else:
        account_mail.send_email_code(address, code)


def change_email(caller: Caller, address: str, code: str, client: str | None) -> None:
    """The new sign-in email, verified, once the code mailed to it comes back from the one who asked."""
    address = normalised_address(address)
    _spend(EMAIL, moving_to(caller.id, address), code, None, client)
    if not user_pool.change_email(caller.username, address):
        raise _wrong_code()  # only a guessed code reaches here for an address with an account
