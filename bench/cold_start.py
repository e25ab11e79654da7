"""What a Lambda cold start costs the app against a bare Chalice + boto3 app, each over fresh
interpreters, turn about. First, issue 30's measure (bench/first_request.py): `import app` and a new
container's real first calls of PUT support, GET /c/{slug} and GET /campaigns against an embedded
AWS, against a bare app's import and one GetItem. Then the import-only rows earlier notes quote
(`import app`, and `import app` plus the first calls' imports without making the calls).
Prints figures; never fails.

    .venv/bin/python bench/cold_start.py [--runs 10] [--profile 25] [--real-only] [--snapstart]

`--snapstart` adds the real first request as a container restored from a SnapStart snapshot pays
it (bench/first_request.py): the init (import app and chalicelib/snapstart.py's priming) printed as
paid when a version is published, the calls after it timed; the restore itself is not counted.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# Run as a script, bench/ leads sys.path, and bench/requests.py would shadow the `requests` package moto imports.
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
# Each timed run prints its wall-clock seconds and its own CPU seconds: the CPU time moves far less
# when other jobs share the machine (a wait for a core is not counted), so its ratio is the steadier.
TIMED_IMPORT = ("import time; t=time.perf_counter(); c=time.process_time(); import app; "
                "print(time.perf_counter()-t, time.process_time()-c)")
BARE_APP = 'from chalice import Chalice\nimport boto3\napp = Chalice(app_name="bare")\n'


def app_env() -> dict[str, str]:
    """What app.py needs at import, as a deployed stage has it: no endpoint, so nothing can
    reach out to a local AWS (and the local stage would refuse to start without one)."""
    env = {k: v for k, v in os.environ.items() if k != "AWS_ENDPOINT_URL"}
    env.update(STAGE="dev", AWS_DEFAULT_REGION="eu-west-2", AWS_REGION="eu-west-2",
               PUBLIC_BASE_URL="https://labourspace.example")
    return env


# What the warm-up imports: the app and, where it has them, every route module, so the first calls
# timed below find their .pyc files too.
WARM_IMPORTS = """import app
try:
    from chalicelib.http.lazy_routes import import_every_route_module
except ImportError:  # the bare app
    pass
else:
    import_every_route_module()"""


def warm(cwd: Path) -> None:
    """One discarded import, so every timed run finds the .pyc files already written, even where
    the caller's shell sets PYTHONDONTWRITEBYTECODE (else the app's own modules would compile from
    source on every run and the bare app's would not: the ratio would compare unlike things). It
    imports every route module too: the first calls' rows timed them compiling from source until
    issue 30. (`make deploy` ships a .pyc beside every module: README "Bytecode in the deployment
    package".)"""
    writing = {k: v for k, v in app_env().items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-c", WARM_IMPORTS], cwd=cwd, env=writing, check=True)


Timed = tuple[float, float]  # (wall-clock, CPU) seconds


def _timed(stdout: str) -> Timed:
    wall, cpu = stdout.strip().splitlines()[-1].split()
    return float(wall), float(cpu)


def import_seconds(cwd: Path) -> Timed:
    done = subprocess.run(
        [sys.executable, "-c", TIMED_IMPORT],
        cwd=cwd, env=app_env(), check=True, capture_output=True, text=True,
    )
    return _timed(done.stdout)


def interleaved_import_seconds(app_dir: Path, bare_dir: Path, runs: int) -> tuple[list[Timed], list[Timed]]:
    """The app and the bare app timed turn about, so a load from elsewhere on the machine
    falls on both alike rather than on whichever ran during it."""
    warm(app_dir)
    warm(bare_dir)
    app_times, bare_times = [], []
    for _ in range(runs):
        app_times.append(import_seconds(app_dir))
        bare_times.append(import_seconds(bare_dir))
    return app_times, bare_times


# The routes a viral campaign is read and supported through: what their first call adds to the import.
FIRST_CALLS = [("PUT", "/campaigns/{campaign_id}/support"), ("GET", "/c/{slug}"), ("GET", "/campaigns"),
               ("GET", "/campaigns/{campaign_id}")]
TIMED_FIRST_CALL = """import time; t=time.perf_counter(); c=time.process_time(); import app
from chalicelib.http import lazy_routes
from chalicelib.route_table import ROUTE_TABLE
lazy_routes.load([r for r in ROUTE_TABLE if (r.method, r.path) in WANTED])
print(time.perf_counter()-t, time.process_time()-c)"""


# Issue 30's measure: one new container's import plus the first call of each of these, in one run.
VIRAL_FIRST_CALLS = [("PUT", "/campaigns/{campaign_id}/support"), ("GET", "/c/{slug}"), ("GET", "/campaigns")]


def _first_calls_code(routes: list[tuple[str, str]]) -> str:
    return f"WANTED = {set(routes)!r}\n{TIMED_FIRST_CALL}"


def interleaved_first_calls_seconds(routes: list[tuple[str, str]], bare_dir: Path,
                                    runs: int) -> tuple[list[Timed], list[Timed]]:
    """`import app` plus the imports of the first call of every one of `routes`, in one interpreter,
    timed turn about with the bare app's import (each run a fresh interpreter)."""
    code = _first_calls_code(routes)
    app_times, bare_times = [], []
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=app_env(), check=True,
                              capture_output=True, text=True)
        app_times.append(_timed(done.stdout))
        bare_times.append(import_seconds(bare_dir))
    return app_times, bare_times


def first_call_seconds(routes: list[tuple[str, str]], runs: int) -> float:
    """Median time of `import app` plus the imports the first call of these routes makes (its module,
    its page's module) -- what a new container's first request pays before its own work."""
    code = _first_calls_code(routes)
    times = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=app_env(), check=True,
                              capture_output=True, text=True)
        times.append(_timed(done.stdout)[0])
    return statistics.median(times)


def top_imports(cwd: Path, count: int) -> list[tuple[int, str]]:
    """`python -X importtime`'s heaviest imports by cumulative time: (microseconds, module)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import app"],
        cwd=cwd, env=app_env(), check=True, capture_output=True, text=True,
    )
    rows = []
    # Lines read "import time:      self |  cumulative | module", nesting shown by indent.
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _self_us, cumulative_us, module = line.removeprefix("import time:").split("|", 2)
        rows.append((int(cumulative_us), module.rstrip()))
    return sorted(rows, reverse=True)[:count]


def least_own_times(code: str, cwd: Path, runs: int) -> dict[str, int]:
    """Each module's own import time (`-X importtime`'s "self", microseconds), the least over
    `runs` fresh interpreters: a collection or a wait for a core lands on one run, not all."""
    least: dict[str, int] = {}
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-X", "importtime", "-c", code], cwd=cwd, env=app_env(),
                              check=True, capture_output=True, text=True)
        for line in done.stderr.splitlines():
            if line.startswith("import time:") and "cumulative" not in line:
                self_us, _cumulative_us, module = line.removeprefix("import time:").split("|", 2)
                least[module.strip()] = min(least.get(module.strip(), int(self_us)), int(self_us))
    return least


def what_the_first_calls_add(bare_dir: Path, count: int) -> list[str]:
    """Where the viral first calls' time goes beyond the bare app's: the modules it does not import,
    by package (ours by their first two names), their least own times summed."""
    bare = least_own_times("import app", bare_dir, 3)
    ours = least_own_times(_first_calls_code(VIRAL_FIRST_CALLS), ROOT, 3)
    added = {module: us for module, us in ours.items() if module not in bare}
    by_package: dict[str, list[int]] = {}
    for module, us in added.items():
        parts = module.split(".")
        by_package.setdefault(".".join(parts[:2]) if parts[0] == "chalicelib" else parts[0], []).append(us)
    lines = [f"\npython -X importtime, own times (least of 3): the bare app {sum(bare.values()) / 1000:.1f} ms in "
             f"{len(bare)} modules; the three first calls add {sum(added.values()) / 1000:.1f} ms in {len(added)}:"]
    for package, times in sorted(by_package.items(), key=lambda item: -sum(item[1]))[:count]:
        lines.append(f"  {sum(times) / 1000:8.1f} ms  {len(times):4d}  {package}")
    return lines


def _print_against_bare(label: str, app_times: list[Timed], bare_times: list[Timed]) -> None:
    for kind, index in (("wall-clock", 0), ("CPU", 1)):
        app, bare = [t[index] for t in app_times], [t[index] for t in bare_times]
        app_median, bare_median = statistics.median(app), statistics.median(bare)
        print(f"  {kind}: {label:22s}{app_median * 1000:8.1f} ms  (min {min(app) * 1000:.1f}, "
              f"max {max(app) * 1000:.1f})")
        print(f"  {kind}: bare Chalice + boto3  {bare_median * 1000:8.1f} ms  (min {min(bare) * 1000:.1f}, "
              f"max {max(bare) * 1000:.1f})")
        print(f"  {kind}: ratio                 {app_median / bare_median:8.2f} x")


def real_first_request(runs: int, profile_count: int, snapstart: bool) -> None:
    """Issue 30's measure: the real first request, the app's and the bare app's turn about; with
    `snapstart`, then the same as a container restored from a SnapStart snapshot would pay it."""
    from bench import first_request as real

    with (real.seeded_stack(supporters=2 * runs + 4) as stack, real.bare_app_dir() as bare_dir,
          real.templates_compiled_as_deployed() as compiled):
        app_runs, bare_runs = real.turn_about(stack, bare_dir, runs)
        restored = real.turn_about(stack, bare_dir, runs, snapstart=True) if snapstart else None
        profiled = real.profile(stack, profile_count, snapstart=snapstart) if profile_count else []
    print(f"A new container's real first request (issue 30, goal 3): import app, then PUT support, GET /c/{{slug}} "
          f"and GET /campaigns\nhanded to the app as Lambda hands them, against an embedded AWS; the bare app: its "
          f"import, then one GetItem.\nMedian of {runs} fresh interpreters each, turn about, Python "
          f"{platform.python_version()}, load average {os.getloadavg()[0]:.1f} at the end. Every call answered 200.\n"
          f"Page templates: {'compiled as make deploy ships them' if compiled else 'compiled on first use'}.")
    ours, bare = real.median_phases(app_runs, real.PHASES), real.median_phases(bare_runs, real.BARE_PHASES)
    _print_phases(ours, bare)
    print(f"  ratio, CPU {ours[-1][2] / bare[-1][2]:.2f} x, wall-clock {ours[-1][1] / bare[-1][1]:.2f} x")
    _print_counts(app_runs, bare_runs)
    if restored:
        _print_snapstart(real, *restored)
    if profiled:
        print("\nOne more real first request under cProfile (its last line: the interpreter's own figures)")
        print("\n".join(profiled))


def _print_phases(ours: list[tuple[str, float, float]], bare: list[tuple[str, float, float]]) -> None:
    print(f"  {'phase':22s}{'CPU ms':>10s}{'wall ms':>10s}")
    for label, rows in (("labourspace", ours), ("bare Chalice + boto3", bare)):
        print(f"  {label}")
        for name, wall, cpu in rows:
            print(f"    {name:20s}{cpu * 1000:10.1f}{wall * 1000:10.1f}")


def _print_counts(app_runs: list, bare_runs: list) -> None:
    print(f"  modules in sys.modules after: {app_runs[0].modules} against {bare_runs[0].modules}, of which the calls "
          f"imported {app_runs[0].by_calls} against {bare_runs[0].by_calls}; botocore (sessions, clients) made: "
          f"{app_runs[0].botocore} against {bare_runs[0].botocore}; peak memory before the first call "
          f"{app_runs[0].rss_kb / 1024:.0f} MB against {bare_runs[0].rss_kb / 1024:.0f} MB")


def _print_snapstart(real: Any, app_runs: list, bare_runs: list) -> None:
    """Init (paid when a version is published) and what a restored container's first request pays."""
    init = real.SNAPSTART_INIT_PHASES
    print(f"\nWith SnapStart (Python 3.12+ in Lambda), the same, as a container restored from a snapshot pays it. "
          f"Init, run once\nwhen a version is published: import app, then the before-snapshot hook app.py registers "
          f"(chalicelib/snapstart.py's prime);\nthe bare app's init is its import (which makes its client). After "
          f"the restore: the after-restore hook, then the calls.\nThe restore itself (AWS's, from the snapshot) "
          f"cannot be timed here and is NOT counted in either app's figures. Median of {len(app_runs)}, turn about.")
    _print_phases(real.median_phases(app_runs, real.SNAPSTART_PHASES), real.median_phases(bare_runs, real.BARE_PHASES))
    (ours_init_wall, ours_init), (bare_init_wall, bare_init) = real.median_total(app_runs, 0, init), \
        real.median_total(bare_runs, 0, 1)
    (ours_wall, ours), (bare_wall, bare) = real.median_total(app_runs, init), real.median_total(bare_runs, 1)
    print(f"  init, paid at publish: labourspace {ours_init * 1000:.1f} ms CPU ({ours_init_wall * 1000:.1f} wall), "
          f"bare {bare_init * 1000:.1f} ms CPU ({bare_init_wall * 1000:.1f} wall)")
    print(f"  after the restore: labourspace {ours * 1000:.1f} ms CPU ({ours_wall * 1000:.1f} wall), bare "
          f"{bare * 1000:.1f} ms CPU ({bare_wall * 1000:.1f} wall): ratio, CPU {ours / bare:.2f} x, wall-clock "
          f"{ours_wall / bare_wall:.2f} x, each plus its restore, which is not measured")
    _print_counts(app_runs, bare_runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--profile", type=int, default=0, help="print cProfile's top N functions of one real run")
    parser.add_argument("--real-only", action="store_true", help="only the real first request (issue 30's measure)")
    parser.add_argument("--snapstart", action="store_true",
                        help="then the real first request as a container restored from a SnapStart snapshot pays it")
    args = parser.parse_args()

    real_first_request(args.runs, args.profile, args.snapstart)
    if args.real_only:
        return
    print()
    with tempfile.TemporaryDirectory() as bare_dir:
        (Path(bare_dir) / "app.py").write_text(BARE_APP, encoding="utf-8")
        app_times, bare_times = interleaved_import_seconds(ROOT, Path(bare_dir), args.runs)
        viral_times, viral_bare_times = interleaved_first_calls_seconds(VIRAL_FIRST_CALLS, Path(bare_dir), args.runs)
        added = what_the_first_calls_add(Path(bare_dir), args.top) if args.top else []

    bare_median = statistics.median(wall for wall, _ in bare_times)
    print(f"Imports only, no call made: import app, median of {args.runs} fresh interpreters, Python "
          f"{platform.python_version()}, the two apps timed turn about")
    _print_against_bare("labourspace app.py", app_times, bare_times)
    print(f"\nImports only, no call made: import app + the imports of the first call of "
          f"{', '.join(' '.join(r) for r in VIRAL_FIRST_CALLS)}, in one interpreter, median of {args.runs}, turn "
          "about with the bare app's import (the calls' own work, and what they import while running, not counted)")
    _print_against_bare("labourspace", viral_times, viral_bare_times)
    sys.path.insert(0, str(ROOT))
    from chalicelib.route_table import ROUTE_TABLE  # only the table (and chalice, for its rows' type)

    print("\nImports only: import app + the imports of a new container's first call of a route (median; ratio to "
          "bare import)")
    for route in [*FIRST_CALLS, None]:
        routes = [route] if route else [(r.method, r.path) for r in ROUTE_TABLE]
        seconds = first_call_seconds(routes, max(3, args.runs // 2))
        label = " ".join(route) if route else "every route module (what import app did before)"
        print(f"  {seconds * 1000:8.1f} ms  {seconds / bare_median:5.2f} x  {label}")
    print(f"\npython -X importtime, top {args.top} cumulative imports of app.py")
    for cumulative_us, module in top_imports(ROOT, args.top):
        print(f"  {cumulative_us / 1000:8.1f} ms  {module}")
    print("\n".join(added))


if __name__ == "__main__":
    main()
