"""Who is calling, and what a route asks of them. No HTTP, no AWS."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    CITIZEN = "citizen"
    MINISTER = "minister"
    MODERATOR = "moderator"
    ADMIN = "admin"
    POLICY = "policy"


# Cognito group names (infra/template.yaml) and the role each one gives.
ROLE_BY_GROUP: dict[str, Role] = {
    "ministers": Role.MINISTER,
    "moderators": Role.MODERATOR,
    "admins": Role.ADMIN,
    "policy": Role.POLICY,
}


# Roles whose power over others' campaigns must be guarded by more than a password: an
# authenticator app (TOTP). Citizens may opt in.
SECOND_FACTOR_ROLES = frozenset({Role.MINISTER, Role.MODERATOR, Role.ADMIN, Role.POLICY})


def needs_second_factor(roles: frozenset[Role]) -> bool:
    return bool(roles & SECOND_FACTOR_ROLES)


def roles_from_groups(groups: list[str] | tuple[str, ...]) -> frozenset[Role]:
    """Everyone signed in is a citizen; groups add the rest. Unknown groups give nothing."""
    return frozenset({Role.CITIZEN} | {ROLE_BY_GROUP[g] for g in groups if g in ROLE_BY_GROUP})


@dataclass(frozen=True)
class Caller:
    """Who is asking, from a verified token: their id, roles and sign-in facts."""

    id: str
    username: str
    roles: frozenset[Role] = field(default_factory=lambda: frozenset({Role.CITIZEN}))
    email: str | None = None
    # Only a token whose `email_verified` claim is true says the address is the person's: an
    # address changed with UpdateUserAttributes and not yet confirmed is not.
    email_verified: bool = False
    # When the sign-in this token comes from happened (its `auth_time`, whole seconds): a refreshed
    # token keeps its sign-in's time, so a "not before" time ends every token of an older sign-in.
    signed_in_at: int = 0

    def has(self, role: Role) -> bool:
        return role in self.roles

    @property
    def verified_email(self) -> str | None:
        """The sign-in email, if Cognito has seen a code sent to it come back; else None."""
        return self.email if self.email and self.email_verified else None

    @property
    def power_roles(self) -> frozenset[Role]:
        return self.roles & SECOND_FACTOR_ROLES


@dataclass(frozen=True)
class Access:
    """What a route needs: nobody in particular, someone signed in, or one of some roles.
    Ownership and portfolio checks need the resource, so they live in `domain.permissions`."""

    sign_in: bool
    any_of: frozenset[Role] = frozenset()

    def allows(self, caller: Caller | None) -> bool:
        if not self.sign_in:
            return True
        if caller is None:
            return False
        return not self.any_of or bool(self.any_of & caller.roles)

    def describe(self) -> str:
        if not self.sign_in:
            return "anyone"
        if not self.any_of:
            return "signed in"
        return " or ".join(sorted(role.value for role in self.any_of))

    def who_may(self) -> str:
        """The people this access lets in, as a refusal names them: "ministers or admins"."""
        return " or ".join(sorted(PEOPLE_IN_ROLE[role] for role in self.any_of)) or "signed-in people"


PEOPLE_IN_ROLE = {Role.CITIZEN: "members", Role.MINISTER: "ministers", Role.MODERATOR: "moderators",
                  Role.ADMIN: "admins", Role.POLICY: "the policy team"}
ANYONE = Access(sign_in=False)
SIGNED_IN = Access(sign_in=True)


def only(*roles: Role) -> Access:
    return Access(sign_in=True, any_of=frozenset(roles))
