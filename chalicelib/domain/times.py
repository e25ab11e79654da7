"""The clock, and how a moment is written down: ISO 8601 UTC with microseconds, fixed width, so
stored times sort as text (in index keys too) and compare as the moments they are."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def moment(stored: str) -> datetime:
    """A stored time (`iso`'s form) as the moment it names."""
    return datetime.fromisoformat(stored.replace("Z", "+00:00"))
