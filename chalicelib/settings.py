"""The one settings object: everything the code needs from its environment, read once.

In AWS only names and ids are set (from the infra stack's outputs); nothing endpoint-specific.
In the local stage `AWS_ENDPOINT_URL` points boto3 and PynamoDB at the embedded AWS.

Fail closed: with no `STAGE`, or `STAGE=local` anywhere but the embedded AWS on loopback, or
outside the local stage without an https `PUBLIC_BASE_URL`, the settings refuse to load, so a
deployed function refuses to start rather than sign with the known local secret, serve
/dev/mailbox, or hand out a session cookie over plain HTTP. Secrets are never in the environment outside the
local stage: `CURSOR_SECRET_ARN` names a Secrets Manager secret read at run time.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urlparse

# Local stage only: the embedded AWS copies every email its SES sends onto this queue, which
# /dev/mailbox drains (devstack/moto_mail.py writes to it; the app reads it).
LOCAL_MAIL_QUEUE_NAME = "labourspace-local-dev-mail"
# The stack's verified sender (infra/template.yaml, Output MailFrom), for when MAIL_FROM is unset.
DEFAULT_MAIL_FROM = "Labourspace <no-reply@labourspace.example>"
# Where people write to the people who run the site (the privacy notice, the accessibility statement).
DEFAULT_CONTACT_EMAIL = "help@labourspace.example"


LOCAL_CURSOR_SECRET = "local-cursor-secret"  # noqa: S105 - the local stage only: fine to be known
# Powertools keeps a fetched secret this long per container: one call per cold start in practice.
SECRET_CACHE_SECONDS = 900

log = logging.getLogger("labourspace.settings")


class StageMisconfigured(RuntimeError):
    """The environment names no stage, or the local stage where it must not run."""


def is_loopback(url: str | None) -> bool:
    host = urlparse(url).hostname if url else None
    if host is None:
        return False
    if host == "localhost":
        return True
    import ipaddress  # only the local stage asks (~1 ms of every deployed cold start otherwise)

    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _stage_of(env: dict[str, str]) -> str:
    stage = env.get("STAGE", "").strip()
    if not stage:
        problem = ("STAGE is not set: refusing to start. Deployed functions get it from "
                   "their Chalice stage (make deploy STAGE=dev|prod); locally, make run sets it.")
    elif stage == "local" and not is_loopback(env.get("AWS_ENDPOINT_URL")):
        problem = ("STAGE=local outside the embedded AWS (AWS_ENDPOINT_URL is not a loopback "
                   "address): refusing to start, the local stage's secret and /dev/mailbox "
                   "must never run in AWS.")
    else:
        return stage
    log.critical(problem)
    raise StageMisconfigured(problem)


def _public_base_url(env: dict[str, str], stage: str) -> str:
    """The site's address. Locally it defaults to loopback over HTTP; anywhere else it must be given,
    and be https: links in mail point at it, and the session cookie's path and `Secure` follow it."""
    given = env.get("PUBLIC_BASE_URL", "").strip().rstrip("/")
    if stage == "local":
        return given or "http://127.0.0.1:8000"
    parsed = urlparse(given)
    if parsed.scheme == "https" and parsed.hostname:
        return given
    problem = (f"PUBLIC_BASE_URL must be the site's https address outside the local stage (got "
               f"{given or 'nothing'!r}): refusing to start. Deploy with PUBLIC_BASE_URL=https://<the site>.")
    log.critical(problem)
    raise StageMisconfigured(problem)


def _ints(raw: str) -> tuple[int, ...]:
    return tuple(sorted(int(part) for part in raw.split(",") if part.strip()))


@dataclass(frozen=True)
class Settings:
    stage: str
    region: str
    version: str
    # Set only in the local stage: the embedded AWS (moto's server on loopback).
    aws_endpoint_url: str | None
    table_prefix: str
    alerts_topic_arn: str
    events_topic_arn: str
    user_pool_id: str
    user_pool_client_id: str
    # moto's Cognito writes the amazonaws.com issuer into its tokens but serves its keys on
    # the local endpoint, so the issuer and the JWKS address are separate settings.
    cognito_issuer: str
    cognito_jwks_url: str
    public_base_url: str
    # Stream handlers are bound to their stream when Chalice packages the app.
    counters_stream_arn: str = ""
    supports_stream_arn: str = ""
    follows_stream_arn: str = ""
    campaign_events_stream_arn: str = ""
    # The search index follows these (events/search_index.py).
    campaigns_stream_arn: str = ""
    people_stream_arn: str = ""
    organisations_stream_arn: str = ""
    consultations_stream_arn: str = ""
    max_body_bytes: int = 64 * 1024
    token_leeway_seconds: int = 30
    milestones: tuple[int, ...] = field(default=(100, 1000, 10000, 100000))
    response_threshold: int = 10000
    response_deadline_days: int = 30
    campaign_open_days: int = 183
    reports_to_hide: int = 3
    fanout_queue_name: str = ""
    stream_dead_letter_queue_name: str = ""
    mail_from: str = DEFAULT_MAIL_FROM
    contact_email: str = DEFAULT_CONTACT_EMAIL
    dev_mail_queue_name: str = LOCAL_MAIL_QUEUE_NAME  # fixed: the embedded AWS writes to this name
    apns_application_arn: str = ""
    fcm_application_arn: str = ""
    cursor_secret: str = ""  # the local stage's; elsewhere always empty
    cursor_secret_arn: str = ""  # outside the local stage: the secret to fetch at run time

    @property
    def is_local(self) -> bool:
        return self.stage == "local"

    def signing_secret(self) -> str:
        """The stage's one signing secret: the local one, or Secrets Manager's (cached)."""
        if self.is_local:
            return self.cursor_secret
        if not self.cursor_secret_arn:
            raise RuntimeError(f"CURSOR_SECRET_ARN is not set for the {self.stage} stage")
        return _secrets(self.region).get(self.cursor_secret_arn, max_age=SECRET_CACHE_SECONDS)

    def table_name(self, short_name: str) -> str:
        return f"{self.table_prefix}-{short_name}"

    @property
    def cognito_endpoint(self) -> str | None:
        """Where clients call Cognito: the embedded AWS locally, AWS's own address otherwise."""
        return self.aws_endpoint_url if self.is_local else None

    @classmethod
    def from_environment(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        stage = _stage_of(env)
        region = env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or "eu-west-2"
        pool_id = env.get("USER_POOL_ID", "")
        issuer = env.get(
            "COGNITO_ISSUER", f"https://cognito-idp.{region}.amazonaws.com/{pool_id}"
        )
        return cls(
            stage=stage,
            region=region,
            version=env.get("APP_VERSION", "0.1.0"),
            aws_endpoint_url=env.get("AWS_ENDPOINT_URL") or None,
            table_prefix=env.get("TABLE_PREFIX", f"labourspace-{stage}"),
            alerts_topic_arn=env.get("ALERTS_TOPIC_ARN", ""),
            events_topic_arn=env.get("EVENTS_TOPIC_ARN", ""),
            user_pool_id=pool_id,
            user_pool_client_id=env.get("USER_POOL_CLIENT_ID", ""),
            cognito_issuer=issuer,
            cognito_jwks_url=env.get("COGNITO_JWKS_URL", f"{issuer}/.well-known/jwks.json"),
            public_base_url=_public_base_url(env, stage),
            counters_stream_arn=env.get("COUNTERS_STREAM_ARN", ""),
            supports_stream_arn=env.get("SUPPORTS_STREAM_ARN", ""),
            follows_stream_arn=env.get("FOLLOWS_STREAM_ARN", ""),
            campaign_events_stream_arn=env.get("CAMPAIGN_EVENTS_STREAM_ARN", ""),
            campaigns_stream_arn=env.get("CAMPAIGNS_STREAM_ARN", ""),
            people_stream_arn=env.get("PEOPLE_STREAM_ARN", ""),
            organisations_stream_arn=env.get("ORGANISATIONS_STREAM_ARN", ""),
            consultations_stream_arn=env.get("CONSULTATIONS_STREAM_ARN", ""),
            max_body_bytes=int(env.get("MAX_BODY_BYTES", 64 * 1024)),
            token_leeway_seconds=int(env.get("TOKEN_LEEWAY_SECONDS", 30)),
            milestones=_ints(env.get("MILESTONES", "100,1000,10000,100000")),
            response_threshold=int(env.get("RESPONSE_THRESHOLD", 10000)),
            response_deadline_days=int(env.get("RESPONSE_DEADLINE_DAYS", 30)),
            campaign_open_days=int(env.get("CAMPAIGN_OPEN_DAYS", 183)),
            reports_to_hide=int(env.get("REPORTS_TO_HIDE", 3)),
            fanout_queue_name=env.get("FANOUT_QUEUE_NAME", f"labourspace-{stage}-fanout"),
            stream_dead_letter_queue_name=env.get("STREAM_DEAD_LETTER_QUEUE_NAME",
                                                  f"labourspace-{stage}-stream-dlq"),
            mail_from=env.get("MAIL_FROM", DEFAULT_MAIL_FROM),
            contact_email=env.get("CONTACT_EMAIL", DEFAULT_CONTACT_EMAIL),
            apns_application_arn=env.get("APNS_APPLICATION_ARN", ""),
            fcm_application_arn=env.get("FCM_APPLICATION_ARN", ""),
            # Signs list cursors so a forged one is refused. Locally a fixed value is enough;
            # anywhere else it is fetched from Secrets Manager, never read from the environment.
            cursor_secret=env.get("CURSOR_SECRET", LOCAL_CURSOR_SECRET) if stage == "local" else "",
            cursor_secret_arn=env.get("CURSOR_SECRET_ARN", ""),
        )


@lru_cache(maxsize=4)
def _secrets(region: str) -> Any:
    """Powertools' Secrets Manager provider (it caches what it fetched); imported only when used."""
    import boto3
    from aws_lambda_powertools.utilities.parameters import SecretsProvider

    return SecretsProvider(boto3_client=boto3.client("secretsmanager", region_name=region))


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings.from_environment()
