"""Every table is reached through one botocore client (store.base.BaseRecord): PynamoDB would give each
model its own session, and each new session parses botocore's JSON models again, about 60 ms of CPU
for every table a new container's first request touches (issue 30, README "Cold start")."""

from __future__ import annotations

import importlib
import pkgutil

import botocore.session

from chalicelib.store import base, tables


def every_model() -> list[type[base.BaseRecord]]:
    for found in pkgutil.iter_modules(tables.__path__):
        importlib.import_module(f"{tables.__name__}.{found.name}")
    models, waiting = [], list(base.BaseRecord.__subclasses__())
    while waiting:
        model = waiting.pop()
        waiting.extend(model.__subclasses__())
        if not getattr(model.Meta, "abstract", False):
            models.append(model)
    return models


def test_every_table_shares_one_client_made_from_one_session(monkeypatch):
    # Credentials as a Lambda has them (its role's): without any, PynamoDB makes a client afresh each time.
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    sessions = []
    made = botocore.session.Session.__init__

    def counted(self, *args, **kwargs):
        sessions.append(self)
        made(self, *args, **kwargs)

    monkeypatch.setattr(botocore.session.Session, "__init__", counted)
    for model in every_model():  # a fresh model connection, as a new container has
        monkeypatch.setattr(model, "_connection", None)
    base._transaction_connection.cache_clear()

    models = every_model()
    clients = {id(model._get_connection().connection.client) for model in models}

    assert len(models) > 25
    assert clients == {id(base.dynamodb_client())}
    assert len(sessions) == 1
