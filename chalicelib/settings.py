"""The one settings object: everything the code needs from its environment, read once.

In AWS only names and ids are set (from the infra stack's outputs); nothing endpoint-specific.
In the local stage `AWS_ENDPOINT_URL` points boto3 and PynamoDB at the embedded AWS.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache

# Local stage only: the embedded AWS copies every email its SES sends onto this queue, which
# /dev/mailbox drains (devstack/moto_mail.py writes to it; the app reads it).
LOCAL_MAIL_QUEUE_NAME = "labourspace-local-dev-mail"
# The stack's verified sender (infra/template.yaml, Output MailFrom), for when MAIL_FROM is unset.
DEFAULT_MAIL_FROM = "Labourspace <no-reply@labourspace.example>"


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
    campaign_events_stream_arn: str = ""
    # The search index follows these (events/search_index.py).
    campaigns_stream_arn: str = ""
    people_stream_arn: str = ""
    organisations_stream_arn: str = ""
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
    dev_mail_queue_name: str = LOCAL_MAIL_QUEUE_NAME  # fixed: the embedded AWS writes to this name
    apns_application_arn: str = ""
    fcm_application_arn: str = ""
    cursor_secret: str = ""

    @property
    def is_local(self) -> bool:
        return self.stage == "local"

    def table_name(self, short_name: str) -> str:
        return f"{self.table_prefix}-{short_name}"

    @property
    def cognito_endpoint(self) -> str | None:
        """Where clients call Cognito: the embedded AWS locally, AWS's own address otherwise."""
        return self.aws_endpoint_url if self.is_local else None

    @classmethod
    def from_environment(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        stage = env.get("STAGE", "local")
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
            public_base_url=env.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/"),
            counters_stream_arn=env.get("COUNTERS_STREAM_ARN", ""),
            campaign_events_stream_arn=env.get("CAMPAIGN_EVENTS_STREAM_ARN", ""),
            campaigns_stream_arn=env.get("CAMPAIGNS_STREAM_ARN", ""),
            people_stream_arn=env.get("PEOPLE_STREAM_ARN", ""),
            organisations_stream_arn=env.get("ORGANISATIONS_STREAM_ARN", ""),
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
            apns_application_arn=env.get("APNS_APPLICATION_ARN", ""),
            fcm_application_arn=env.get("FCM_APPLICATION_ARN", ""),
            # Signs list cursors so a forged one is refused; in AWS it comes from the stage's
            # environment (a secret), locally a fixed value is enough.
            cursor_secret=env.get("CURSOR_SECRET", "local-cursor-secret" if stage == "local" else ""),
        )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings.from_environment()
