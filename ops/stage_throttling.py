"""API Gateway stage throttling, set on the stage `chalice deploy` made (Chalice has no setting for
it, and the API is not in infra/template.yaml): every method of the stage gets the same rate and
burst. Run after each `chalice deploy` (a redeploy keeps the stage's settings; running it again
changes nothing):

    python -m ops.stage_throttling <rest api id> [stage]

The numbers leave room for the design load (5,000 supports a second on one campaign, README
"Support at viral scale") under the account's default limit (10,000 a second, burst 5,000), so one
flood cannot take the account's other APIs down with it. WAF limits each IP first (infra/template.yaml).
"""

from __future__ import annotations

import sys
from typing import Any

import boto3

RATE_PER_SECOND = 8000
BURST = 4000


def apply(apigateway: Any, rest_api_id: str, stage: str = "api", rate: float = RATE_PER_SECOND,
          burst: int = BURST) -> dict[str, Any]:
    """Set the stage's default method throttling; returns the stage as API Gateway now has it."""
    return apigateway.update_stage(restApiId=rest_api_id, stageName=stage, patchOperations=[
        {"op": "replace", "path": "/*/*/throttling/rateLimit", "value": str(float(rate))},
        {"op": "replace", "path": "/*/*/throttling/burstLimit", "value": str(int(burst))},
    ])


if __name__ == "__main__":
    stage = apply(boto3.client("apigateway"), sys.argv[1], *sys.argv[2:3])
    print(f"stage {stage['stageName']}: {stage['methodSettings']['*/*']}")
