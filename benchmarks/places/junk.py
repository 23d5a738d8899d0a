"""Junk place names in extracted records: location strings that name a party, not a place.

    .venv/bin/python benchmarks/places/junk.py RECORDS.jsonl [--top 40] [--compare OTHER.jsonl]

A record's ``location`` is junk when it

- is, word for word, the name of actors of the actor dictionary (aliases of canonical actors,
  generic party phrases such as "government forces", nationality adjectives: "Azov",
  "Russian", "Moro Islamic Liberation Front"), or
- ends with a word naming what a side holds rather than where it is (``side_holdings`` in
  ``data/geo.yaml``: "positions", "lines", "trenches") and names nothing but a party or a
  possessor before it ("SDF positions", "positions", "Red Army positions"; not "Hajin
  stronghold" nor "Ukrainian positions at Huliaipole").

Prints the number of records and of distinct strings flagged, by reason, and the most
frequent flagged strings; with ``--compare`` the same for a second file (before/after).
The words come from the data files; no place name is listed here.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ACTOR_ROLES = ("actor", "generic", "demonym")
MAX_WORDS = 5
ARTICLES = ("the", "a", "an")


def _actor_keys() -> frozenset[str]:
    from warlog.actors.lexicon import load_lexicon

    return frozenset(p.key for p in load_lexicon().patterns if p.role in ACTOR_ROLES)


def _holdings() -> frozenset[str]:
    from warlog.data import load_yaml

    return frozenset(str(w).lower() for w in load_yaml("geo.yaml")["side_holdings"])


def _covered(words: list[str], keys: frozenset[str]) -> bool:
    """Whether ``words`` are, end to end, actor names (longest match first)."""
    i, n = 0, len(words)
    while i < n:
        for j in range(min(n, i + MAX_WORDS), i, -1):
            if " ".join(words[i:j]) in keys:
                i = j
                break
        else:
            return False
    return True


def reason(location: str, keys: frozenset[str], holdings: frozenset[str]) -> str | None:
    """``"actor"`` (the string is a party's name: "Azov", "Russian", "Moro Islamic Liberation
    Front"), ``"holding"`` (what a party holds: "SDF positions", "positions", "the enemy's
    lines") or ``None``. A string that also names where ("... positions near X") is no junk:
    its other words are no actor's."""
    from warlog.actors.normalize import fold

    words = [w.strip("()\"'.,;:") for w in fold(location).split()]
    words = [w for w in words if w and w not in ARTICLES]
    if not words:
        return None
    if words[-1] in holdings:
        rest = words[:-1]
        if not rest or rest[-1].endswith(("'s", "s'")) or _covered(rest, keys):
            return "holding"
        return None
    return "actor" if _covered(words, keys) else None


def tally(path: Path, keys: frozenset[str], holdings: frozenset[str]) -> tuple[int, Counter]:
    """Records read and a Counter of (reason, location) for the flagged ones."""
    flagged: Counter = Counter()
    n = 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            n += 1
            loc = json.loads(line).get("location")
            if not loc:
                continue
            why = reason(loc, keys, holdings)
            if why:
                flagged[(why, loc)] += 1
    return n, flagged


def report(name: str, n: int, flagged: Counter, top: int) -> None:
    by_reason: Counter = Counter()
    strings: Counter = Counter()
    for (why, _loc), c in flagged.items():
        by_reason[why] += c
        strings[why] += 1
    total = sum(by_reason.values())
    print(f"{name}: {n} records, {total} with a junk place ({len(flagged)} strings)")
    for why in sorted(by_reason):
        print(f"  {why:8} {by_reason[why]:6} records  {strings[why]:5} strings")
    for (why, loc), c in flagged.most_common(top):
        print(f"  {c:5}  {why:8} {loc}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("records", type=Path)
    ap.add_argument("--compare", type=Path)
    ap.add_argument("--top", type=int, default=40)
    a = ap.parse_args()
    keys, holdings = _actor_keys(), _holdings()
    for path in (a.records, a.compare):
        if path is not None:
            n, flagged = tally(path, keys, holdings)
            report(str(path), n, flagged, a.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
