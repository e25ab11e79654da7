# `make run` and `make test` work on a fresh machine: each installs what it needs first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run totp test test-fast fuzz lint typecheck bench reindex route-table messages install browser node clean deploy destroy deploy-check

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

# axe-core for the accessibility checks, exactly as package-lock.json pins it.
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $(AXE)

node: $(AXE)

# Debian's Chromium for the browser tests (Playwright drives it; nothing is downloaded).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# The route table first (a route added or renamed is served at once; README, "Cold start").
run: install route-table
	$(BIN)/python -m devstack

# The 6-digit code the local power accounts (minister, moderator, admin) sign in with now.
totp: install
	@$(BIN)/python -c 'from devstack.accounts import totp_code; print(totp_code())'

# Refuses to start while chalicelib/route_table.py is stale: the suite would test routes as they are not declared.
test: install browser node
	@STAGE=dev AWS_DEFAULT_REGION=eu-west-2 $(BIN)/python -m ops.route_table --check
	$(BIN)/python -m pytest -n 2 --dist loadgroup -q

# The fast tier: domain rules and logic on in-memory fakes, no embedded AWS (tests/unit, tests/logic).
test-fast: install
	@STAGE=dev AWS_DEFAULT_REGION=eu-west-2 $(BIN)/python -m ops.route_table --check
	$(BIN)/python -m pytest -q -p no:xdist tests/unit tests/logic

# schemathesis over /openapi.json, anonymously and signed in, against a local stack it starts and
# stops itself; a few minutes (FUZZ_SECONDS per run); fails on any 5xx (devstack/fuzz.py).
fuzz: install
	$(BIN)/python -m devstack.fuzz

lint: install
	$(BIN)/ruff check .
	$(BIN)/cfn-lint infra/template.yaml infra/edge.yaml
	$(BIN)/python -c 'import sys; from parliament import analyze_policy_string as audit; \
	  found = [(p, f.issue, f.detail) for p in sys.argv[1:] for f in audit(open(p).read(), include_community_auditors=True).findings]; \
	  print(*found, sep="\n"); sys.exit(bool(found))' .chalice/policy-dev.json .chalice/policy-prod.json

typecheck: install
	$(BIN)/mypy

bench: install
	$(BIN)/python bench/cold_start.py

# The whole system into AWS, with the credentials in your environment (ops/deploy.py): the infra
# stack created or updated, its outputs as the stage's environment, then chalice deploy.
# Safe to re-run. Needs PUBLIC_BASE_URL=https://<the site>; optional: MAIL_DOMAIN=<domain> (the stack's MailDomain parameter).
deploy: install
	@case "$(STAGE)" in dev|prod) ;; *) echo "usage: make deploy STAGE=dev|prod"; exit 2;; esac
	$(BIN)/python -m ops.deploy deploy --stage $(STAGE)

# Chalice's functions and API, then the stack; tables, user pool and topics (Retain) stay.
destroy: install
	@case "$(STAGE)" in dev) ;; *) echo "usage: make destroy STAGE=dev (prod: python -m ops.deploy destroy --stage prod --yes-destroy-prod)"; exit 2;; esac
	$(BIN)/python -m ops.deploy destroy --stage $(STAGE)

# `make deploy STAGE=dev`'s code into a fresh embedded AWS; prints what exists, fails on anything missing.
deploy-check: install
	$(BIN)/python -m ops.deploy_check

# After changing words people read (a template, a script, chalicelib/messages): Babel's extract, update and
# compile, then each language's words for the scripts (ops/messages.py; README, "Words and languages").
messages: install
	$(BIN)/python -m ops.messages

# app.py declares routes from this generated table (README, Cold start); make run rewrites it, make test checks it.
route-table: install
	STAGE=dev AWS_DEFAULT_REGION=eu-west-2 $(BIN)/python -m ops.route_table

# Rebuild the search index from the tables, with progress; interrupted, it carries on where it stopped.
# Locally against `make run`'s embedded AWS; for a stage: STAGE=prod TABLE_PREFIX=labourspace-prod make reindex.
reindex: install
	$(BIN)/python -m devstack.reindex

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache node_modules test-artifacts build
