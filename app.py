"""The Chalice app: creates it, declares its routes, registers event blueprints and middleware. Nothing else."""

from chalice import Chalice

from chalicelib.events import (
    alert_schedules,
    erasure,
    fanout,
    lifecycle,
    publishing,
    recount,
    retention,
    search_index,
    support_counts,
    support_tally,
    trending,
)
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
# Each event module's handlers, on its `blueprint`; in this order, as their Lambda functions were made
# (but `support_tally`, the newest, comes before `support_counts`: the local event runner delivers in
# this order, so one round moves the counters and then counts them, as two mappings do within seconds).
for events in (lifecycle, support_tally, support_counts, recount, trending, publishing, fanout,
               alert_schedules, erasure, retention, search_index):
    app.register_blueprint(events.blueprint)

# Chalice names a blueprint's event handler after its own module (chalicelib.events.x.fn), so its
# deployed Lambda would import that module alone: this file would never run there, and neither would
# the middleware above (logs' correlation, metrics' flush, tracing) (aws/chalice#1566). Each event
# function's Lambda starts here instead, at the handler the app registered with its middleware.
for _source in app.event_sources:
    assert _source.name not in globals(), f"event handler {_source.name} would shadow app.{_source.name}"
    globals()[_source.name] = app.handler_map[_source.name]
    _source.handler_string = f"app.{_source.name}"
