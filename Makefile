# warlog: `make demo` sets everything up and runs the main job on samples/; `make test` tests.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SHARED ?= ../shared
# Where make eval / make challenge write (OUT=/tmp/mine keeps concurrent runs apart).
OUT    ?= out

.PHONY: setup demo test lint eval challenge probes corpus bench clean golden

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	$(BIN)/warlog gazetteer build  # once (~1 min, 1.2 GB), so every run starts in seconds
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	mkdir -p out
	$(BIN)/warlog extract samples --db warlog.db --out out/events.jsonl
	$(BIN)/warlog export out/events.csv --db warlog.db
	$(BIN)/warlog export out/events.geojson --db warlog.db
	$(BIN)/warlog stats --db warlog.db

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

# Score extraction on the documents that have gold annotations (needs ../shared).
eval: $(STAMP)
	$(BIN)/python benchmarks/eval_gold.py --shared $(SHARED) --out $(OUT)/eval_events.jsonl

# Score extraction on the news and wire challenge suite (needs ../shared): a fresh database
# each time, so the scored file is this run's records only.
CHALLENGE := $(SHARED)/eval/challenge
challenge: $(STAMP)
	mkdir -p $(OUT)
	rm -f $(OUT)/challenge.db $(OUT)/challenge.db-*
	$(BIN)/warlog extract $(CHALLENGE)/docs.jsonl --db $(OUT)/challenge.db --out $(OUT)/challenge.jsonl -q
	$(PYTHON) $(CHALLENGE)/score.py --expected $(CHALLENGE)/expected.jsonl --pred $(OUT)/challenge.jsonl

# The news probes engineers wrote (benchmarks/news_probes: regression checks, partly tuned on).
probes: $(STAMP)
	$(BIN)/python benchmarks/news_probes/score.py --shared $(SHARED)

# The whole corpus: time, peak memory, per-file problems.
corpus: $(STAMP)
	$(BIN)/python benchmarks/corpus_run.py --shared $(SHARED)

bench: $(STAMP)
	$(BIN)/python benchmarks/speed.py --shared $(SHARED)

# Rewrite tests/fixtures/golden/*.expected.jsonl from the current extractor (review the diff).
golden: $(STAMP)
	$(BIN)/python scripts/regen_golden.py

clean:
	rm -rf out warlog.db .pytest_cache .ruff_cache build src/*.egg-info
