"""The Chalice app: creates it, registers blueprints and middleware. Nothing else."""

from chalice import Chalice

from chalicelib.api.campaign_lists import campaign_lists_api
from chalicelib.api.campaigns import campaigns
from chalicelib.api.canvass import canvass_api
from chalicelib.api.consultations import consultations
from chalicelib.api.manifesto import manifesto
from chalicelib.api.meta import meta
from chalicelib.api.ministers import ministers
from chalicelib.api.moderation import moderation
from chalicelib.api.notifications import notifications
from chalicelib.api.organisations import organisations
from chalicelib.api.owner_updates import owner_updates
from chalicelib.api.people import people
from chalicelib.api.popular import popular_api
from chalicelib.api.privacy import privacy
from chalicelib.api.replies import replies
from chalicelib.api.responses import responses
from chalicelib.api.search import search_api
from chalicelib.api.sessions import sessions
from chalicelib.api.supports import supports
from chalicelib.events.alert_schedules import alert_schedules
from chalicelib.events.erasure import erasing
from chalicelib.events.fanout import fanout
from chalicelib.events.lifecycle import lifecycle
from chalicelib.events.publishing import publishing
from chalicelib.events.recount import recounting
from chalicelib.events.retention import retention
from chalicelib.events.search_index import search_indexing
from chalicelib.events.support_counts import support_counting
from chalicelib.events.trending import trending
from chalicelib.observability import event_middleware, http_middleware
from chalicelib.web import dev_mailbox, email_links  # noqa: F401 - register the pages these API paths show browsers
from chalicelib.web.pages import pages

app = Chalice(app_name="labourspace")
app.register_middleware(http_middleware, "http")
for event_type in ("scheduled", "sns", "sqs", "dynamodb"):
    app.register_middleware(event_middleware, event_type)

for blueprint in (meta, sessions, people, organisations, ministers, campaigns, campaign_lists_api, supports, replies,
                  responses, owner_updates, consultations, manifesto, canvass_api, search_api, popular_api,
                  moderation, notifications, lifecycle, support_counting, recounting, trending, publishing, fanout,
                  alert_schedules, privacy, erasing, retention, search_indexing, pages):
    app.register_blueprint(blueprint)

# Chalice names a blueprint's event handler after its own module (chalicelib.events.x.fn), so its
# deployed Lambda would import that module alone: this file would never run there, and neither would
# the middleware above (logs' correlation, metrics' flush, tracing) (aws/chalice#1566). Each event
# function's Lambda starts here instead, at the handler the app registered with its middleware.
for _source in app.event_sources:
    assert _source.name not in globals(), f"event handler {_source.name} would shadow app.{_source.name}"
    globals()[_source.name] = app.handler_map[_source.name]
    _source.handler_string = f"app.{_source.name}"
