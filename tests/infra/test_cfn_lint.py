"""infra/template.yaml and infra/edge.yaml are cfn-lint clean: no errors, no warnings, nothing printed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The venv's own cfn-lint, so the version pinned in requirements-dev.txt is the one that judges.
CFN_LINT = Path(sys.executable).parent / "cfn-lint"


@pytest.mark.parametrize("template", ["infra/template.yaml", "infra/edge.yaml"])
def test_template_is_lint_clean(template: str) -> None:
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [str(CFN_LINT), template],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )
    assert (result.returncode, result.stdout + result.stderr) == (0, "")
