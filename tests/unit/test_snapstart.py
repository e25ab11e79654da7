"""SnapStart's hooks (chalicelib/snapstart.py): the before-snapshot priming leaves a restored
container's first calls nothing to import or build, without a network call, and app.py registers
the hooks only where Lambda's runtime has `snapshot_restore_py` (README, "SnapStart and Python 3.12").

Each check runs in a fresh interpreter, as a deployed stage has it (no endpoint), like
test_cold_start_imports.py: what a process imported before cannot hide what priming does.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from chalicelib import snapstart
from tests.unit.test_cold_start_imports import last_line_printed

# After priming, with every connection refused (a snapshot must hold none): what a first call would
# still have to import, build or load.
PRIMED = """import json, socket, sys
def refused(*args, **kwargs):
    raise AssertionError("priming opened a connection")
socket.socket.connect = refused
import app
from chalicelib import snapstart
snapstart.prime()
from chalicelib import messages
from chalicelib.domain import search_terms
from chalicelib.http.schemas import ApiModel
from chalicelib.logic import ports
from chalicelib.route_table import ROUTE_TABLE
from chalicelib.store import base
from chalicelib.web.render import environment
route_modules = {r.module for r in ROUTE_TABLE} | {r.page for r in ROUTE_TABLE if r.page}
models, waiting = [], list(ApiModel.__subclasses__())
while waiting:
    models.append(waiting.pop())
    waiting.extend(models[-1].__subclasses__())
env = environment()
def reloaded(*args, **kwargs):
    raise AssertionError("a template was loaded again")
env.loader.get_source = reloaded
for name in env.list_templates():
    env.get_template(name)
print(json.dumps({
    "routes not imported": sorted(m for m in route_modules if m not in sys.modules),
    "stores not imported": sorted(m for m in ports.MODULES.values() if f"chalicelib.store.{m}" not in sys.modules),
    "models": len(models), "models not built": sorted(m.__name__ for m in models if not m.__pydantic_complete__),
    "templates": len(env.list_templates()),
    "libraries not imported": [m for m in ("jwt", "cryptography.hazmat.primitives.asymmetric.rsa", "urllib.request",
                                           "_snowball_english", "encodings.idna") if m not in sys.modules],
    "stemmers": search_terms._english_stemmer.cache_info().currsize,
    "catalogues": messages.translations.cache_info().currsize, "languages": len(messages.LANGUAGES),
    "client made": base._transaction_connection()._client is not None,
    "credentials resolved": base._transaction_connection().session._credentials is not None,
}))"""

# After priming, a restored container's first call makes the client with its own credentials (given
# here as access-key variables): botocore's models must already be parsed, so none is read again.
CLIENT_AFTER_RESTORE = """
import os
from botocore.loaders import JSONFileLoader
def read_again(*args, **kwargs):
    raise AssertionError("botocore read a model's file again: priming left it unparsed")
JSONFileLoader.load_file = read_again
os.environ.update(AWS_ACCESS_KEY_ID="restored", AWS_SECRET_ACCESS_KEY="restored")
del os.environ["AWS_CONTAINER_CREDENTIALS_FULL_URI"]
client = base.dynamodb_client()
print(json.dumps({"signs with": client._request_signer._credentials.access_key}))"""

# As Lambda gives a SnapStart function's credentials: from its container credentials endpoint (here a
# port nothing listens on, whose connection PRIMED refuses), not access-key variables.
CONTAINER_CREDENTIALS = {"AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:9/2018-06-01/credentials",
                         "AWS_CONTAINER_AUTHORIZATION_TOKEN": "publish-time",
                         # and none other the test's own environment might hold (botocore skips empty ones)
                         "AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_SESSION_TOKEN": "",
                         "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
                         "AWS_CONFIG_FILE": "/nonexistent"}

# A stand-in for the module Lambda's Python 3.12+ runtimes carry, recording what was registered.
FAKE_RUNTIME = """BEFORE, AFTER = [], []
def register_before_snapshot(func, *args, **kwargs):
    BEFORE.append(func)
    return func
def register_after_restore(func, *args, **kwargs):
    AFTER.append(func)
    return func
"""
REGISTERED = """import json, sys
import app
runtime = sys.modules.get("snapshot_restore_py")
def named(funcs):
    return [f"{f.__module__}.{f.__name__}" for f in funcs]
print(json.dumps({"snapstart imported": "chalicelib.snapstart" in sys.modules,
                  "before": named(runtime.BEFORE) if runtime else None,
                  "after": named(runtime.AFTER) if runtime else None}))"""


def test_priming_leaves_a_first_call_nothing_to_import_build_or_load_and_opens_no_connection() -> None:
    primed = json.loads(last_line_printed(PRIMED, **CONTAINER_CREDENTIALS))

    assert primed["routes not imported"] == []
    assert primed["stores not imported"] == []
    assert primed["models"] > 50 and primed["models not built"] == []
    assert primed["templates"] > 20  # and none was loaded again (get_source would have raised)
    assert primed["libraries not imported"] == []
    assert primed["stemmers"] == 1
    assert primed["catalogues"] == primed["languages"]
    # Not made: it would fetch the publish-time credentials for every restored container to sign with.
    assert (primed["client made"], primed["credentials resolved"]) == (False, False)


def test_a_restored_containers_first_call_makes_the_client_with_its_own_credentials_from_parsed_models() -> None:
    restored = json.loads(last_line_printed(PRIMED + CLIENT_AFTER_RESTORE, **CONTAINER_CREDENTIALS))

    assert restored == {"signs with": "restored"}


def test_app_registers_the_hooks_where_lambdas_runtime_has_its_module(tmp_path: Path) -> None:
    (tmp_path / "snapshot_restore_py.py").write_text(FAKE_RUNTIME, encoding="utf-8")

    registered = json.loads(last_line_printed(REGISTERED, PYTHONPATH=str(tmp_path)))

    assert registered == {"snapstart imported": True, "before": ["chalicelib.snapstart.prime"],
                          "after": ["chalicelib.snapstart.after_restore"]}


def test_without_the_runtime_module_app_imports_nothing_of_snapstart() -> None:
    registered = json.loads(last_line_printed(REGISTERED))

    assert registered == {"snapstart imported": False, "before": None, "after": None}


def test_a_restored_container_draws_its_own_random_state() -> None:
    # Every container restored from one snapshot starts with the snapshot's random state.
    random.seed(30)
    from_the_snapshot = [random.random() for _ in range(3)]
    random.seed(30)

    snapstart.after_restore()

    assert [random.random() for _ in range(3)] != from_the_snapshot
