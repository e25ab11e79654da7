"""Unique names: people's and organisations' handles and campaigns' slugs share one namespace
per kind, and a name is taken by a conditional put, so two racing claims cannot both win."""

from __future__ import annotations

from chalicelib.store.tables.names import UniqueNameRecord, name_key


def resolve(kind: str, value: str) -> UniqueNameRecord | None:
    try:
        return UniqueNameRecord.get(name_key(kind, value))
    except UniqueNameRecord.DoesNotExist:
        return None
