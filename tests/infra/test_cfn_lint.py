"""infra/template.yaml is cfn-lint clean: no errors, no warnings, nothing printed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The venv's own cfn-lint, so the version pinned in requirements-dev.txt is the one that judges.
CFN_LINT = Path(sys.executable).parent / "cfn-lint"


def test_template_is_lint_clean() -> None:
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [str(CFN_LINT), "infra/template.yaml"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )
    assert (result.returncode, result.stdout + result.stderr) == (0, "")
