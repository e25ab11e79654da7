"""The fakes keep the stores' promises: the same functions as the ports ask (and as the store
modules give), the domain's frozen types in and out, conditional writes that report a stale copy
as the store does, and no network at all."""

from __future__ import annotations

import dataclasses
import inspect
import socket
from typing import get_type_hints

import pytest

from chalicelib.domain.errors import ConditionFailed, Conflict, StaleVersion
from chalicelib.logic import (
    campaign_ports,
    dialogue_ports,
    document_ports,
    moderation_ports,
    people_ports,
    ports,
    support_ports,
)
from chalicelib.logic.campaigns import moved
from tests.logic import fakes
from tests.logic.fakes_base import OutboxEvent
from tests.logic.world import MODERATOR, OWNER, campaign

# ports.py names the Protocols only for mypy (a request never builds them), so their modules are named here.
PORT_MODULES = (campaign_ports, dialogue_ports, document_ports, moderation_ports, people_ports, support_ports)
PORTS = get_type_hints(ports.Stores, localns={name: value for module in PORT_MODULES
                                              for name, value in vars(module).items()})


def public_methods(protocol: type) -> list[str]:
    return [name for name, value in vars(protocol).items() if callable(value) and not name.startswith("_")]


def assert_provides(implementation, protocol: type) -> None:
    """Every method the port asks for, with the same parameters; extra ones only with defaults."""
    for name in public_methods(protocol):
        asked = inspect.signature(getattr(protocol, name)).parameters
        given = inspect.signature(getattr(implementation, name)).parameters
        assert [(p.name, p.kind) for p in asked.values() if p.name != "self"] == \
            [(p.name, p.kind) for p in given.values() if p.name in asked], (protocol.__name__, name)
        extra = [p for p in given.values() if p.name not in asked]
        assert all(p.default is not inspect.Parameter.empty for p in extra), (protocol.__name__, name, extra)


@pytest.mark.parametrize("port", sorted(PORTS))
def test_each_fake_provides_its_port(port):
    assert_provides(getattr(fakes.build(), port), PORTS[port])


@pytest.mark.parametrize("port", sorted(PORTS))
def test_each_store_module_provides_its_port(port):
    """The same check on production's modules (imported only: no call is made)."""
    ports.use(None)
    try:
        assert_provides(getattr(ports.stores(), port), PORTS[port])
    finally:
        ports.use(None)


def test_a_move_from_a_stale_copy_is_reported_as_the_store_reports_it(fake):
    c = campaign(fake, "pending")
    fake.campaigns.decide(fake.campaigns.get_campaign(c.id), MODERATOR.id, True, "First moderator.")
    with pytest.raises(ConditionFailed) as raised:
        fake.campaigns.decide(c, MODERATOR.id, False, "Second moderator, from the same copy.")
    assert raised.value.failed == {"campaign"}


def test_a_move_from_a_stale_copy_says_what_the_campaign_is_now(fake):
    c = campaign(fake, "pending")
    fake.campaigns.decide(fake.campaigns.get_campaign(c.id), MODERATOR.id, True, "First moderator.")
    with pytest.raises(Conflict) as raised:
        moved(c, "reject", lambda: fake.campaigns.decide(c, MODERATOR.id, False, "Second moderator, same copy."))
    assert raised.value.details == {"status": "open", "action": "reject"}


def test_a_move_from_a_stale_copy_that_is_still_allowed_is_stale(fake):
    c = campaign(fake, "draft")
    fake.campaigns.submit(c, OWNER.id)
    fake.campaigns.decide(fake.campaigns.get_campaign(c.id), MODERATOR.id, False, "Rejected.")
    with pytest.raises(StaleVersion):  # draft -> pending is allowed, but it is rejected now
        moved(c, "submit", lambda: fake.campaigns.submit(c, OWNER.id))


def test_versions_move_with_writes_people_make_not_with_system_flags(fake):
    c = campaign(fake, "draft")
    assert c.version == 1
    fake.campaigns.set_hidden(c, True)
    assert fake.campaigns.get_campaign(c.id).version == 1
    assert fake.campaigns.submit(c, OWNER.id).version == 2


def test_reads_cannot_be_changed_in_place(fake):
    c = campaign(fake, "open")
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.title = "Changed only in my copy"  # type: ignore[misc]
    assert dataclasses.replace(c, title="A copy of mine").title != fake.campaigns.get_campaign(c.id).title


def test_a_snapshot_has_what_support_reads(fake):
    c = campaign(fake, "hidden-open")
    snapshot = fake.supports.campaign_snapshot(c.id)
    assert (snapshot.status, snapshot.hidden, snapshot.support_count) == ("open", True, 0)


def test_an_outbox_event_is_written_once(fake):
    c = campaign(fake, "open")
    with pytest.raises(ConditionFailed):
        fake.outbox.add(OutboxEvent(c.id, "campaign_opened", "campaign_opened", c.area, "2026-12-01T12:00:00.000000Z"))


def test_the_logic_tests_cannot_reach_the_network():
    with pytest.raises(AssertionError, match="network"):
        socket.create_connection(("127.0.0.1", 9), timeout=0.1)
