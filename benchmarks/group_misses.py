"""Why each missed same-event pair of the pair set is not linked: which part of the rule refuses
it, or which group check refuses the join the rule allows.

    .venv/bin/python benchmarks/group_misses.py corpus.db [--pairs FILE] [--kind hand-picked]

For each missed pair (``same`` and not in one group, as ``group_eval.py`` scores it) the two
reports' stored keys (``group_members`` with their evidence terms) are read and each part of
``group_rule.same_event`` is evaluated on them in Python: dates, type, place (coded or told by
the words), actors. A pair the rule allows is refused by its groups (``GroupState.joins``);
the first group check that refuses the join of the two reports' groups is printed. Each pair's
two sentences and codings are printed, to be read by hand.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import select

from warlog.store import schema as s
from warlog.store.database import open_store
from warlog.store.group_rule import (
    MEMBER_FIELDS,
    PY,
    GroupState,
    LinkKey,
    _same_actors,
    _same_dates,
    _same_type,
    place_coded,
    place_told,
    rules,
    same_event,
)

sys.path.insert(0, str(Path(__file__).parent))
from group_eval import KIND, PAIRS, _hits, _index  # noqa: E402


def keys_of(conn: Any, event_ids: set[int]) -> dict[int, tuple[int, LinkKey]]:
    """event id -> (group id, its stored key with its evidence terms)."""
    gm, gt = s.group_members, s.group_terms
    terms: dict[int, set[tuple[str, str]]] = {}
    for eid, kind, term in conn.execute(select(gt.c.event_id, gt.c.kind, gt.c.term)
                                        .where(gt.c.event_id.in_(event_ids))):
        terms.setdefault(eid, set()).add((kind, term))
    out = {}
    cols = [gm.c[f] for f in MEMBER_FIELDS]
    for row in conn.execute(select(gm.c.group_id, *cols).where(gm.c.event_id.in_(event_ids))):
        gid, *key = row
        out[key[0]] = (gid, LinkKey(*key, terms=frozenset(terms.get(key[0], ()))))
    return out


def group_state(conn: Any, gid: int) -> GroupState:
    gm = s.group_members
    ids = {r[0] for r in conn.execute(select(gm.c.event_id).where(gm.c.group_id == gid))}
    keys = keys_of(conn, ids)
    state = None
    for _, k in sorted(keys.values(), key=lambda x: x[1].event_id):
        st = GroupState.of(k)
        if state is None:
            state = st
        else:
            state.absorb(st)
    assert state is not None
    return state


def refusal(sa: GroupState, sb: GroupState, told: bool, compatible: bool) -> str:
    """The first check of ``GroupState.joins`` that refuses the join (``GroupState.refusal``),
    with what the two groups hold for it."""
    why = sa.refusal(sb, told, compatible)
    if why is None:
        return "joins now (order)"
    detail = {
        "occasions": lambda: sorted(map(str, set().union(
            *(sa.occasions[d] | sb.occasions[d] for d in sa.documents & sb.documents)))),
        "sites": lambda: sa.sites | sb.sites,
        "day spread": lambda: sa._day_box(sb),
        "told places": lambda: sorted({**sb.spots, **sa.spots}),
        "compatible types": lambda: sorted(sa.typed | sb.typed),
        "dates, sub-type or place": lambda: (sa.subs | sb.subs, sa.names | sb.names),
        "member pairs": lambda: [(x.event_id, y.event_id) for x in sa.keys for y in sb.keys
                                 if x.document_id != y.document_id
                                 and not same_event(x, y, PY)][:4],
        "copies": lambda: sorted((e, sorted(c)) for e, c in {
            **sa.copies, **sb.copies, **sa._cross_copies(sb)}.items())[:4],
    }[why]()
    return f"{why}: {detail}"


def parts(a: LinkKey, b: LinkKey) -> dict[str, bool]:
    r = rules()
    return {"dates": bool(_same_dates(a, b, PY, r)), "type": bool(_same_type(a, b, PY)),
            "place_coded": bool(place_coded(a, b, PY, r)),
            "place_told": bool(place_told(a, b, PY, r)),
            "actors": bool(_same_actors(a, b, PY, r))}


def show(k: LinkKey) -> str:
    from datetime import date
    d = (f"{date.fromordinal(k.day_start)}..{date.fromordinal(k.day_end)} hi+"
         f"{k.day_hi - k.day_end}" if k.day_start else "?")
    return (f"[{k.event_id} doc{k.document_id}] {d} {k.sub_event_type} vague{k.vague_type} "
            f"place={k.place!r} site={k.site} vp={k.vague_place} {k.country}/{k.admin1} "
            f"actors={k.actor_lo}|{k.actor_hi}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("db")
    ap.add_argument("--pairs", default=str(PAIRS))
    ap.add_argument("--kind", default=KIND)
    ap.add_argument("--json", help="write one line per miss")
    args = ap.parse_args(argv)
    pairs = [json.loads(line) for line in Path(args.pairs).read_text().splitlines() if line]
    pairs = [p for p in pairs if p.get("kind", KIND) == args.kind and p["same"]]
    out = []
    with open_store(args.db) as store:
        index = _index(store)
        with store.read.connect() as conn:
            for n, p in enumerate(pairs):
                ha, hb = _hits(index, p["a"]), _hits(index, p["b"])
                if not ha or not hb or {h[3] for h in ha} & {h[3] for h in hb}:
                    continue
                ka_id, kb_id = ha[0][5], hb[0][5]
                keys = keys_of(conn, {ka_id, kb_id})
                if ka_id not in keys or kb_id not in keys:
                    continue
                (gA, ka), (gB, kb) = keys[ka_id], keys[kb_id]
                pr = parts(ka, kb)
                ok = bool(same_event(ka, kb, PY))
                why = ""
                if ok:
                    told = not place_coded(ka, kb, PY)
                    from warlog.store.group_rule import type_coded
                    compatible = not type_coded(ka, kb, PY)
                    why = refusal(group_state(conn, gA), group_state(conn, gB), told, compatible)
                print(f"\n#{n} rule={'PASS' if ok else 'fail'} "
                      f"{' '.join(k for k, v in pr.items() if not v) or '-'} {why}")
                for side, k in ((p["a"], ka), (p["b"], kb)):
                    print(f"  {side['doc']}: {side['evidence']}")
                    print(f"    {show(k)}")
                    print(f"    names={sorted(t for kk, t in k.terms if kk == 'n')}")
                out.append({"n": n, "pair": p, "rule": ok, "parts": pr, "refusal": why})
    if args.json:
        Path(args.json).write_text("".join(json.dumps(o) + "\n" for o in out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
