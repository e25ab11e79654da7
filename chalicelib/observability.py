"""Powertools Logger, Metrics and Tracer, wired into every handler through Chalice middleware.

One instance of each per process. HTTP requests get a correlation id (the caller's
`X-Correlation-Id` when it has the shape of an id, else API Gateway's request id or a new UUID)
that every log line of the request carries and that the response echoes back. Anything else a
caller sends there is dropped, not echoed: public answers are cached by CloudFront with their
headers, so an echoed string would be served to everyone who reads that answer after.

The Tracer exists only where tracing is on: `Tracer()` imports the X-Ray SDK and builds its
boto3 client even when disabled, a third of a cold start. Where tracing is off (outside
Lambda, or POWERTOOLS_TRACE_DISABLED), requests run in a do-nothing subsegment instead.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit, single_metric
from chalice.app import Request, Response

SERVICE = "labourspace"
CORRELATION_HEADER = "X-Correlation-Id"
# What a correlation id looks like: a UUID (ours, API Gateway's), an X-Ray trace id, a client's own
# short token. Letters, digits and `._-`, 8 to 64 of them: no spaces, quotes, markup or separators.
CORRELATION_ID_SHAPE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{7,63}")

logger = Logger(service=SERVICE)
metrics = Metrics(namespace="Labourspace", service=SERVICE)
# Powertools' own rule decides whether tracing is on, so this follows POWERTOOLS_TRACE_DISABLED,
# `chalice local` and SAM exactly as Tracer(disabled=None) would.
tracer: Tracer | None = None if Tracer._is_tracer_disabled() else Tracer(service=SERVICE)

_cold_start = True


def _record_cold_start(function_name: str) -> None:
    global _cold_start
    if _cold_start:
        _cold_start = False
        # Its own EMF line: a function_name dimension added to `metrics` would also land on every
        # other metric of the cold request, off the dashboard's graphs (which key on service alone).
        with single_metric(name="ColdStart", unit=MetricUnit.Count, value=1, namespace="Labourspace",
                           default_dimensions={"service": SERVICE}) as cold:
            cold.add_dimension(name="function_name", value=function_name)


def count_event(name: str, value: int = 1) -> None:
    """A business event (Supports, Responses, FanoutRecipients, SignUps) for the dashboard;
    flushed with the request or event that made it."""
    if value:
        metrics.add_metric(name=name, unit=MetricUnit.Count, value=value)


def _flush_metrics() -> None:
    # Flushing with nothing recorded only warns; skip it to keep logs clean.
    if metrics.metric_set:
        metrics.flush_metrics()


def _subsegment(name: str) -> AbstractContextManager[Any]:
    return tracer.provider.in_subsegment(name) if tracer is not None else nullcontext()


def _correlation_id(request: Request) -> str:
    headers: Mapping[str, str] = request.headers or {}
    given = headers.get(CORRELATION_HEADER.lower()) or headers.get(CORRELATION_HEADER)
    if given and CORRELATION_ID_SHAPE.fullmatch(given):
        return given
    context = request.context or {}
    return str(context.get("requestId") or uuid.uuid4())


def http_middleware(request: Request, get_response: Callable[[Request], Response]) -> Response:
    correlation_id = _correlation_id(request)
    logger.set_correlation_id(correlation_id)
    logger.append_keys(method=request.method, path=request.context.get("resourcePath"))
    _record_cold_start("api")
    try:
        with _subsegment(f"## {request.method} {request.context.get('resourcePath')}"):
            response = get_response(request)
        response.headers[CORRELATION_HEADER] = correlation_id
        logger.info("request handled", extra={"status": response.status_code})
        return response
    finally:
        _flush_metrics()
        logger.remove_keys(["method", "path"])
        logger.set_correlation_id(None)


def event_middleware(event: Any, get_response: Callable[[Any], Any]) -> Any:
    """For schedules, SNS messages and stream records: log, count, trace, flush."""
    name = type(event).__name__
    logger.set_correlation_id(str(uuid.uuid4()))
    _record_cold_start(name)
    try:
        with _subsegment(f"## {name}"):
            return get_response(event)
    finally:
        _flush_metrics()
        logger.set_correlation_id(None)
