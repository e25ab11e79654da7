"""What a SnapStart snapshot holds: the before-snapshot hook's priming, and the after-restore hook.

With SnapStart (Lambda's managed runtimes from Python 3.12), Lambda runs a function's
initialization once, when a version is published, and starts each new container from a snapshot
of that memory instead of running it again. What the app leaves for a route's first call (its
module, pydantic's validators, Jinja2's templates, PyJWT) would then still be paid by every
container's first request, so `prime` does it before the snapshot instead. app.py registers
these hooks only where the runtime has `snapshot_restore_py`; elsewhere this module is never
imported. `bench/cold_start.py --snapstart` calls the same `prime` (README, "SnapStart and
Python 3.12: what moving would cost and buy").

A snapshot is shared by every container restored from it, so `prime` keeps only what is the same
in all of them and calls no service: the DynamoDB client's models are parsed but the client itself
is not made (making it resolves credentials: `_parse_the_clients_models`), and the JWKS keys are not
fetched (a failed fetch would put its back-off into every restored container, and the keys' age is
kept on a clock the restore does not move).
"""

from __future__ import annotations

import random

from chalicelib.cold_imports import collector_paused


def prime() -> None:
    """Everything a route's first call would otherwise do once per container, done now."""
    with collector_paused():
        _import_every_route()
        _import_every_store()
        _build_models()
        _load_templates()
        _load_catalogues()
        _load_the_stemmer()
        _import_token_check()
        _parse_the_clients_models()


def after_restore() -> None:
    """Every restored container starts with the snapshot's random state: the retries' jitter
    would then be the same in all of them, so each draws its own."""
    random.seed()


def _import_every_route() -> None:
    # Every route, not only a viral campaign's: paid once per published version, and then no
    # container's first request of any route imports its module.
    from chalicelib.http.lazy_routes import import_every_route_module

    import_every_route_module()


def _import_every_store() -> None:
    # The store modules behind the logic's ports, which each port imports on its first use.
    from chalicelib.logic import ports

    storage = ports.stores()
    for port in ports.MODULES:
        getattr(storage, port)


def _build_models() -> None:
    """Each model's validator and serializer, which `defer_build` leaves for its first use."""
    from chalicelib.http.schemas import ApiModel

    waiting = list(ApiModel.__subclasses__())
    while waiting:
        model = waiting.pop()
        waiting.extend(model.__subclasses__())
        if not model.__pydantic_complete__:
            model.model_rebuild(force=True)


def _load_templates() -> None:
    # From the package's compiled bytecode where it has it (ops/bytecode.py), else compiled here.
    from chalicelib.web.render import environment

    env = environment()
    for name in env.list_templates():
        env.get_template(name)


def _load_catalogues() -> None:
    from chalicelib import messages

    messages.english()
    for language in messages.LANGUAGES:
        messages.translations(language)


def _load_the_stemmer() -> None:
    # Snowball's English stemmer, loaded on the first word a page's related campaigns, a search or
    # the index stems (domain.search_terms).
    from chalicelib.domain.search_terms import stem

    stem("campaigns")


def _import_token_check() -> None:
    # What checking a token and fetching the keys import (TokenVerifier.verify, JwksCache._download).
    import urllib.request  # noqa: F401

    import jwt  # noqa: F401 - with it, cryptography's RSA (jwt.algorithms)


def _parse_the_clients_models() -> None:
    """What making the DynamoDB client costs (botocore's service model and endpoint rules parsed, its
    client class built), paid on the session the real client will be made on, by an unsigned client
    made and thrown away. Not the real client: making it resolves credentials, which with SnapStart
    come from Lambda's container credentials endpoint, a call at publish whose answer every restored
    container would then sign with until it neared its expiry. The first request makes the client,
    with the credentials its own container is given (README, "SnapStart and Python 3.12")."""
    # The codec urllib3 names a host with on its first connection, which is left to the first call.
    import encodings.idna  # noqa: F401

    from chalicelib.store.base import parse_the_clients_models

    parse_the_clients_models()
