"""Compiled bytecode in the deployment package, so a Lambda cold start does not compile our code.

Lambda's /var/task is read-only: Python cannot write the .pyc files it compiles, so without them
every new container compiles every module it imports (ours, pydantic's, PynamoDB's, Powertools')
from source, every time. Chalice packages sources only (it unpacks wheels, and copies app.py and
chalicelib/). `make deploy` therefore builds the package with Chalice's own packager, adds a .pyc
beside each .py, and lets `chalice deploy` reuse that package (it reuses one whose name, a hash of
the requirements and the app's files, already exists). The .pyc are "unchecked-hash" (PEP 552):
Python trusts them without comparing the source's timestamp, which a zip does not keep exactly;
the package is built once and never edited, so they cannot go stale. The page templates are
compiled into it too (`web.render.TEMPLATE_BYTECODE`), for the same reason. (README, "Cold start".)
"""

from __future__ import annotations

import compileall
import os
import py_compile
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

# Chalice copies chalicelib/ whole, with whatever __pycache__ the working tree has (timestamp-checked,
# and useless once the zip has rounded the sources' times); app.py's own never is. So this file in the
# package says ops/bytecode.py compiled it.
DONE = "__pycache__/app.{tag}.pyc"


def compile_package(zip_path: str | Path, python_version: str) -> int:
    """Rewrite the package with an unchecked-hash .pyc beside each .py, for the Lambda runtime
    `python_version` ("python3.11"); the number of modules compiled (0 if already done, or if this
    Python is another version: bytecode is per version)."""
    running = f"python{sys.version_info.major}.{sys.version_info.minor}"
    if python_version != running:
        return 0
    with zipfile.ZipFile(zip_path) as package:
        if DONE.format(tag=sys.implementation.cache_tag) in package.namelist():
            return 0
        with tempfile.TemporaryDirectory() as tree:
            package.extractall(tree)
            for stale in list(Path(tree).rglob("__pycache__")):
                shutil.rmtree(stale)
            # A module that does not compile (a dependency's test fixture for another Python) keeps
            # its source only, as Lambda would have it anyway.
            compileall.compile_dir(tree, quiet=2, workers=0,
                                   invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
            compiled = sum(1 for _ in Path(tree).rglob("*.pyc"))
            compile_templates(Path(tree))
            rewritten = Path(tree).with_suffix(".zip")
            with zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as writing:
                for path in sorted(Path(tree).rglob("*")):
                    if path.is_file():
                        writing.write(path, path.relative_to(tree).as_posix())
    shutil.move(rewritten, zip_path)
    return compiled


# What the package's own code needs to import its settings, compiling only (no AWS is reached).
COMPILING_ENV = {"STAGE": "local", "AWS_ENDPOINT_URL": "http://127.0.0.1:9", "AWS_DEFAULT_REGION": "eu-west-2"}
COMPILE_TEMPLATES = ("from chalicelib.web.render import TEMPLATE_BYTECODE, "
                     "compile_every_template; print(compile_every_template(TEMPLATE_BYTECODE))")


def compile_templates(tree: Path) -> int:
    """The package's page templates compiled by the package's own code and Jinja2, beside them (a
    fresh interpreter: its settings are a compiling stage's, not this process's); how many."""
    if not (tree / "chalicelib" / "web" / "render.py").is_file():
        return 0
    env = {**{k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "PYTHON"))}, **COMPILING_ENV}
    done = subprocess.run([sys.executable, "-B", "-c", COMPILE_TEMPLATES], cwd=tree, env=env, check=True,  # noqa: S603
                          capture_output=True, text=True)
    return int(done.stdout.strip().splitlines()[-1])


def chalice_package(config: Any, ui: Any) -> str:
    """The package `chalice deploy` uses for this config: built as its build stage builds it
    (deployer.create_build_stage), or the one it already built for the same requirements and files."""
    from chalice.deploy.packager import DependencyBuilder, LambdaDeploymentPackager, PipRunner, SubprocessPip
    from chalice.utils import OSUtils

    if config.automatic_layer:
        raise SystemExit("automatic_layer puts the dependencies in a layer: ops/bytecode.py does not compile those")
    osutils = OSUtils()
    builder = DependencyBuilder(osutils=osutils, pip_runner=PipRunner(pip=SubprocessPip(osutils=osutils),
                                                                      osutils=osutils),
                                architecture=config.lambda_architecture)
    packager = LambdaDeploymentPackager(osutils=osutils, dependency_builder=builder, ui=ui,
                                        architecture=config.lambda_architecture)
    return packager.create_deployment_package(config.project_dir, config.lambda_python_version)


def build_compiled_package(config: Any, ui: Any) -> str:
    """That package, compiled; `chalice deploy` then reuses it as it is."""
    zip_path = chalice_package(config, ui)
    compiled = compile_package(zip_path, config.lambda_python_version)
    ui.write(f"Compiled {compiled} modules into the package.\n" if compiled
             else "The package's modules are already compiled, or are for another Python.\n")
    return zip_path
