"""Pair precision and recall of event grouping (warlog.store.groups) on a hand-checked set.

    .venv/bin/python -m warlog.cli extract /work/shared/corpus --db corpus.db
    .venv/bin/python benchmarks/group_eval.py corpus.db [--pairs FILE] [--errors]

Each line of the pairs file names two reports by document name, event date and the start of
their first evidence sentence (so the set survives re-extraction), and says whether a person
who read both sentences judged them the same real event (``same``). A pair is predicted the
same when the two reports are in one event group. Reports the store no longer has are counted
as missing, not scored. Also prints the whole store's events and fatality totals before and
after grouping.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select

from warlog.store import schema as s
from warlog.store.database import open_store
from warlog.store.filters import EventFilter
from warlog.store.group_rule import place_name

PAIRS = Path(__file__).parent / "pairs" / "corpus_pairs.jsonl"
KIND = "hand-picked"  # a pair without "kind"; "random-link": benchmarks/group_sample.py


def _index(store: Any) -> dict[tuple[str, str], list[tuple[Any, ...]]]:
    """(document, date) → [(first evidence text, sub-event type, location, group id, the
    report's stored coding, event id)]."""
    ev, doc, evid, gm = s.events, s.documents, s.evidence, s.group_members
    q = (
        select(doc.c.name, ev.c.event_date, evid.c.text, ev.c.sub_event_type, ev.c.location,
               ev.c.id, gm.c.group_id, ev.c.date_end, ev.c.admin1, ev.c.country, ev.c.actor1,
               ev.c.actor2)
        .select_from(ev.join(doc, doc.c.id == ev.c.document_id)
                     .join(evid, (evid.c.event_id == ev.c.id) & (evid.c.position == 0))
                     .outerjoin(gm, gm.c.event_id == ev.c.id))
    )
    out: dict[tuple[str, str], list[Any]] = defaultdict(list)
    with store.read.connect() as conn:
        for r in conn.execute(q):
            day = r.event_date.isoformat() if r.event_date else ""
            coding = {"dates": (r.event_date, r.date_end), "type": r.sub_event_type,
                      "place": place_name(r.location), "admin": (r.country, r.admin1),
                      "actors": {a for a in (r.actor1, r.actor2) if a}}
            out[(r.name, day)].append((" ".join(r.text.split()), r.sub_event_type, r.location,
                                       r.group_id if r.group_id is not None else -r.id, coding,
                                       r.id))
    return out


def _hits(index: dict, side: dict[str, Any], sentence: bool = False) -> list[tuple[Any, ...]]:
    """The reports a pair side names (the same type and place first); with ``sentence``
    every report of its document and date on that sentence (a sentence naming two places or
    two acts is often coded as two reports by each document)."""
    text = " ".join(side["evidence"].split())
    hits = [h for h in index.get((side["doc"], side["date"]), []) if h[0].startswith(text)]
    exact = [h for h in hits if h[1] == side.get("sub_event_type")
             and h[2] == side.get("location")]
    return hits if sentence else exact or hits


def _find(index: dict, side: dict[str, Any]) -> set[int]:
    """The groups of the reports a pair side names."""
    return {h[3] for h in _hits(index, side)}


def coding_kind(a: dict[str, Any], b: dict[str, Any]) -> str:
    """How two documents coded one event differently, the first that applies: the place named
    otherwise in another admin area, in the same one, the sub-event type, no common actor,
    the dates; else the same coding. (A description of the pair, not the rule.)"""
    if a["place"] != b["place"]:
        return "place, other admin1" if a["admin"] != b["admin"] else "place, same admin1"
    if a["type"] != b["type"]:
        return "sub-event type"
    if a["actors"] and b["actors"] and not a["actors"] & b["actors"]:
        return "actors"
    if a["dates"] != b["dates"]:
        return "dates"
    return "same coding"


def score(store: Any, pairs: list[dict[str, Any]]) -> dict[str, Any]:
    return score_index(_index(store), pairs)


def score_index(index: dict, pairs: list[dict[str, Any]]) -> dict[str, Any]:
    tp = fp = fn = tn = missing = 0
    errors = []
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # kind → [pairs, linked]
    sent: dict[tuple[bool, bool], int] = defaultdict(int)  # (same, linked by sentence)
    for p in pairs:
        ha, hb = _hits(index, p["a"]), _hits(index, p["b"])
        ga, gb = {h[3] for h in ha}, {h[3] for h in hb}
        if not ga or not gb:
            missing += 1
            continue
        predicted = bool(ga & gb)
        # by sentence: some report of one side's sentence is in a group with some report of
        # the other's (where both documents coded the sentence as several reports, the pair's
        # two reports may each be linked to the other document's report of the same place)
        by_sentence = bool({h[3] for h in _hits(index, p["a"], True)}
                           & {h[3] for h in _hits(index, p["b"], True)})
        sent[(bool(p["same"]), by_sentence)] += 1
        kind = coding_kind(ha[0][4], hb[0][4]) if p["same"] else f"not: {p['why']}"
        kinds[kind][0] += 1
        kinds[kind][1] += int(predicted)
        if p["same"] and predicted:
            tp += 1
        elif p["same"]:
            fn += 1
            errors.append(("missed", p))
        elif predicted:
            fp += 1
            errors.append(("wrongly linked", p))
        else:
            tn += 1
    return {
        "pairs": len(pairs), "same": sum(p["same"] for p in pairs), "missing": missing,
        "tp": tp, "fp": fp, "fn": fn, "tn": tn,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "errors": errors,
        "kinds": dict(kinds),
        "sentence_precision": sent[(True, True)] / max(1, sent[(True, True)]
                                                       + sent[(False, True)]),
        "sentence_recall": sent[(True, True)] / max(1, sent[(True, True)] + sent[(True, False)]),
    }


def totals(store: Any) -> dict[str, int]:
    """Events and fatalities, every report vs one per group (rejected ones left out)."""
    states = tuple(x for x in s.REVIEW_STATES if x != "rejected")
    out = {}
    for name, grouped in (("reports", False), ("groups", True)):
        recs = list(store.records(EventFilter(review_state=states, grouped=grouped)))
        out[f"{name}_events"] = len(recs)
        out[f"{name}_fatalities"] = sum(r["fatalities"] or 0 for r in recs)
    return out


def cross_document_pairs(store: Any) -> int:
    """How many pairs of reports of two documents share a group."""
    gm = s.group_members
    per_group: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    with store.read.connect() as conn:
        for gid, did in conn.execute(select(gm.c.group_id, gm.c.document_id)):
            per_group[gid][did] += 1
    out = 0
    for docs in per_group.values():
        n = sum(docs.values())
        out += (n * n - sum(k * k for k in docs.values())) // 2
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("db", help="a store with the corpus extracted")
    ap.add_argument("--pairs", default=str(PAIRS))
    ap.add_argument("--errors", action="store_true", help="print each wrong pair")
    ap.add_argument("--relink", action="store_true",
                    help="link the store from scratch (forget the stored rule's fingerprint) and "
                         "print the CPU seconds of linking")
    args = ap.parse_args(argv)
    pairs = [json.loads(line) for line in Path(args.pairs).read_text().splitlines() if line]
    with open_store(args.db) as store:
        if args.relink:
            with store.engine.begin() as conn:
                conn.execute(delete(s.meta_info).where(s.meta_info.c.key == "grouping_rule"))
        cpu = time.process_time()
        store.link_groups()
        cpu = time.process_time() - cpu
        index = _index(store)
        res = score_index(index, pairs)
        tot = totals(store)
        cross = cross_document_pairs(store)
    print(f"pairs {res['pairs']} (same event {res['same']}, other {res['pairs'] - res['same']}), "
          f"reports not found {res['missing']}")
    print(f"tp {res['tp']}  fp {res['fp']}  fn {res['fn']}  tn {res['tn']}")
    print(f"pair precision {res['precision']:.3f}  pair recall {res['recall']:.3f}")
    # each kind of pair on its own: the hand-picked set (hard pairs and non-pairs) and random
    # samples of the links a store made (benchmarks/group_sample.py: all linked once, so their
    # precision is the share of a rule's links that are right, their recall what it keeps)
    for kind in sorted({p.get("kind", KIND) for p in pairs}):
        sub = score_index(index, [p for p in pairs if p.get("kind", KIND) == kind])
        print(f"  {kind}: {sub['pairs']} pairs (same {sub['same']}), tp {sub['tp']} fp {sub['fp']}"
              f" fn {sub['fn']} tn {sub['tn']}, precision {sub['precision']:.3f}"
              f" recall {sub['recall']:.3f}; by sentence {sub['sentence_precision']:.3f}"
              f" / {sub['sentence_recall']:.3f}")
    print(f"linking: {cpu:.1f} CPU s; cross-document linked pairs: {cross}")
    print(f"events: {tot['reports_events']} reports -> {tot['groups_events']} after grouping; "
          f"fatalities: {tot['reports_fatalities']} -> {tot['groups_fatalities']}")
    print("\nby kind (same event: how the two documents coded it; other: why it is not one)")
    print(f"  {'kind':<52}{'pairs':>6}{'linked':>8}")
    for kind, (n, linked) in sorted(res["kinds"].items()):
        print(f"  {kind:<52}{n:>6}{linked:>8}")
    if args.errors:
        for kind, p in res["errors"]:
            print(f"\n{kind}: {p['why']}")
            for side in (p["a"], p["b"]):
                print(f"  {side['doc']} {side['date']} {side['sub_event_type']} @"
                      f"{side['location']}: {side['evidence']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
