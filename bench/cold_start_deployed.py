"""A cold start as Lambda has it: the deployment package, in a directory nothing can be written to.

Builds (or reuses) the package `chalice deploy` would upload for the dev stage, with Chalice's own
packager, and unpacks it twice: sources only, as Chalice makes it, and with the bytecode
`make deploy` adds (ops/bytecode.py). Times, over fresh interpreters that see only the package
and the standard library (`python -S`, no .pyc written), `import app` and then the imports of a
first `PUT /campaigns/{id}/support`. Prints figures; never fails.

    .venv/bin/python bench/cold_start_deployed.py [--runs 10]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]

TIMED = """import time; t = time.perf_counter(); import app; imported = time.perf_counter() - t
from chalicelib.http import lazy_routes
from chalicelib.route_table import ROUTE_TABLE
lazy_routes.load([r for r in ROUTE_TABLE if (r.method, r.path) == ("PUT", "/campaigns/{campaign_id}/support")])
print(imported, time.perf_counter() - t)"""


def package_path() -> Path:
    from chalice.cli.factory import CLIFactory
    from chalice.utils import UI

    from ops.bytecode import chalice_package

    return Path(chalice_package(CLIFactory(str(ROOT)).create_config_obj(chalice_stage_name="dev"), UI()))


def unpack(package: Path, into: Path, compiled: bool) -> Path:
    from ops.bytecode import compile_package

    copy = into.with_suffix(".zip")
    shutil.copy(package, copy)
    if compiled:
        compile_package(copy, f"python{sys.version_info.major}.{sys.version_info.minor}")
    with zipfile.ZipFile(copy) as zipped:
        zipped.extractall(into)
    if not compiled:  # a package compiled by an earlier make deploy: back to what Chalice makes
        for cache in list(into.rglob("__pycache__")):
            shutil.rmtree(cache)
    return into


def timed(task_root: Path) -> tuple[float, float]:
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONDONTWRITEBYTECODE": "1", "STAGE": "dev",
           "PUBLIC_BASE_URL": "https://labourspace.example",
           "AWS_DEFAULT_REGION": "eu-west-2", "AWS_REGION": "eu-west-2", "POWERTOOLS_TRACE_DISABLED": "true"}
    done = subprocess.run([sys.executable, "-S", "-c", TIMED], cwd=task_root, env=env, check=True,
                          capture_output=True, text=True)
    imported, first_call = done.stdout.strip().splitlines()[-1].split()
    return float(imported), float(first_call)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    package = package_path()
    print(f"package {package.name}: {package.stat().st_size / 1e6:.1f} MB")
    with tempfile.TemporaryDirectory() as tmp:
        roots = {"sources only (as Chalice packages)": unpack(package, Path(tmp) / "sources", False),
                 "with bytecode (make deploy)": unpack(package, Path(tmp) / "compiled", True)}
        times: dict[str, list[tuple[float, float]]] = {label: [] for label in roots}
        for _ in range(args.runs):  # turn about, so a load from elsewhere falls on both alike
            for label, root in roots.items():
                times[label].append(timed(root))
    print(f"median of {args.runs} fresh interpreters, only the package and the standard library, nothing written")
    print(f"  {'':38} {'import app':>12} {'+ first PUT support':>20}")
    for label, runs in times.items():
        imported = statistics.median(t[0] for t in runs) * 1000
        first_call = statistics.median(t[1] for t in runs) * 1000
        print(f"  {label:38} {imported:9.1f} ms {first_call:17.1f} ms")


if __name__ == "__main__":
    main()
