"""The Chalice app: creates it, declares its routes and event functions, registers middleware. Nothing else."""

from chalice import Chalice

from chalicelib.event_table import EVENT_TABLE
from chalicelib.events.lazy_events import declare as declare_events
from chalicelib.http.language import language_middleware
from chalicelib.http.lazy_routes import declare
from chalicelib.observability import event_middleware, http_middleware
from chalicelib.route_table import ROUTE_TABLE

app = Chalice(app_name="labourspace")
app.register_middleware(http_middleware, "http")
app.register_middleware(language_middleware, "http")
for event_type in ("scheduled", "sns", "sqs", "dynamodb"):
    app.register_middleware(event_middleware, event_type)

# Each route's module is imported on its first call (http/lazy_routes.py; README, "Cold start").
declare(app, ROUTE_TABLE)
# Each event function's module is imported on its first invocation (events/lazy_events.py; README,
# "Cold start"): a new handler goes on its module's `blueprint`, then `make route-table`.
declare_events(app, EVENT_TABLE)

# SnapStart: in Lambda's managed runtimes from Python 3.12, a SnapStart function's snapshot is taken
# after `prime` has done what first calls would do once per container (chalicelib/snapstart.py). Where
# the runtime's module is missing (Python 3.11, the tests, `make run`) nothing more is imported.
try:
    import snapshot_restore_py
except ImportError:
    pass
else:
    from chalicelib.snapstart import after_restore, prime

    snapshot_restore_py.register_before_snapshot(prime)
    snapshot_restore_py.register_after_restore(after_restore)

# Each event function's Lambda starts here (`app.<name>`), at the handler the app registered with its
# middleware (logs' correlation, metrics' flush, tracing): a blueprint registered here would name its
# handler after its own module, whose Lambda would import that module alone and skip all of it
# (aws/chalice#1566).
for _source in app.event_sources:
    assert _source.name not in globals(), f"event handler {_source.name} would shadow app.{_source.name}"
    globals()[_source.name] = app.handler_map[_source.name]
    _source.handler_string = f"app.{_source.name}"
