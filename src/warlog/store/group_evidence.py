"""What a report's evidence text tells the linker: the names it names and its MinHash bands.

Two reports of one event from two documents may be geocoded differently by their extractions;
their words still tell the place (one report's place is a name the other's evidence names) or
that one copies the other (near-identical texts share a MinHash band). These readings become
a report's ``terms`` (:func:`evidence_terms`), rows of ``group_terms`` that the linker finds by
index ranges. Words and sizes are data (``grouping.yaml``, through
:func:`warlog.store.group_rule.rules`).
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Sequence

import numpy as np

from warlog.store.group_rule import NON_WORD as _NON_WORD
from warlog.store.group_rule import GroupingRules, rules

_WORD = re.compile(r"\w+(?:['’\-]\w+)*")
_SHINGLE_WORD = re.compile(r"\w+")
_PRIME = (1 << 61) - 1
_HASHES = np.random.default_rng(20261202).integers(1, _PRIME, size=(2, 64), dtype=np.uint64)
_HASHES[0] |= np.uint64(1)  # odd multipliers: each map is one-to-one


def evidence_names(text: str, r: GroupingRules | None = None) -> set[str]:
    """The names a text names: runs of capitalised words (lower-case particles inside) and
    their parts of up to ``name_words`` words, each as :func:`place_name` reads a location
    (each word read once: a name is its words' readings joined)."""
    told, toward = _names(text, r or rules())
    return told | toward


def _after_direction(text: str, start: int, r: GroupingRules) -> bool:
    """The words before ``start`` end with a word of direction (``direction_words``), with
    only ``place_noise`` words between ("towards the city of")."""
    if not r.directions:
        return False
    words = _SHINGLE_WORD.findall(text[max(0, start - 80):start].lower())
    while words and words[-1] in r.location_noise and not any(
            tuple(words[-len(d):]) == d for d in r.directions):
        words.pop()
    return any(len(words) >= len(d) and tuple(words[-len(d):]) == d for d in r.directions)


def _names(text: str, r: GroupingRules) -> tuple[set[str], set[str]]:
    """:func:`evidence_names`, as the names the text tells and the names it names only after
    a word of direction ("advanced towards X": where a movement went)."""
    particles, noise, longest = r.name_particles, r.place_noise, r.name_words
    told: set[str] = set()
    toward: set[str] = set()
    out = told
    lowered = text.lower() if r.direction_keys else ""
    directed = any(k in lowered for k in r.direction_keys)
    run: list[tuple[bool, str]] = []  # (a particle, the word as place_name reads it)

    def flush() -> None:
        while run and run[-1][0]:
            run.pop()
        for i, (particle, _) in enumerate(run):
            if particle:
                continue
            for j in range(i + 1, min(len(run), i + longest) + 1):
                if not run[j - 1][0] and (name := " ".join(
                        w for _, w in run[i:j] if w).strip()):
                    out.add(name)
        run.clear()

    end = 0
    for m in _WORD.finditer(text):
        w = m.group(0)
        if run and text[end:m.start()] not in (" ", "-"):  # a run goes on across one space
            flush()
        end = m.end()
        low = w.lower()
        head, _, rest = low.partition("-")
        particle = low in particles
        if (w[0].isupper() or (run and particle)
                or (head in particles and w[len(head) + 1:len(head) + 2].isupper())):  # al-Hawa
            if not run and directed:
                out = toward if _after_direction(text, m.start(), r) else told
            read = " ".join(x for x in _NON_WORD.sub(" ", low).split() if x not in noise)
            run.append((particle, read))
        elif run:
            flush()
    flush()
    return told, toward - told


def _shingle_hashes(text: str, k: int) -> list[int]:
    words = _SHINGLE_WORD.findall(text.lower())
    grams = {" ".join(words[i:i + k]) for i in range(max(1, len(words) - k + 1))}
    return [zlib.crc32(g.encode()) for g in grams if g]


def evidence_bands(texts: Sequence[str], r: GroupingRules | None = None) -> list[set[str]]:
    """Each text's MinHash bands (``bands`` of ``rows`` hashes over its word shingles), for
    many texts at once: two texts share a band with probability about Jaccard ** rows."""
    r = r or rules()
    k = r.bands * r.rows
    hashes = [_shingle_hashes(t, r.shingle_words) for t in texts]
    lengths = np.array([len(h) for h in hashes])
    out: list[set[str]] = [set() for _ in texts]
    if not lengths.sum():
        return out
    flat = np.array([x for h in hashes for x in h], dtype=np.uint64)
    a, b = _HASHES[0, :k], _HASHES[1, :k]
    # (a * h + b) mod 2^64: a random linear map per hash function (h is 32 bits)
    mixed = flat[:, None] * a[None, :] + b[None, :]
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    nonempty = lengths > 0
    mins = np.minimum.reduceat(mixed, starts[nonempty], axis=0)
    for row, i in zip(mins, np.flatnonzero(nonempty), strict=True):
        for band in range(r.bands):
            part = row[band * r.rows:(band + 1) * r.rows]
            out[i].add(f"{band}:" + hashlib.blake2b(part.tobytes(), digest_size=8).hexdigest())
    return out


def evidence_terms(text: str, bands: set[str], r: GroupingRules | None = None
                   ) -> frozenset[tuple[str, str]]:
    """A report's terms: the names its evidence names, the initials of its longer told names
    (:func:`_initials`) and its MinHash bands."""
    r = r or rules()
    told, toward = _names(text, r)
    return frozenset({("n", n) for n in told} | {("d", n) for n in toward}
                     | {("i", i) for i in _initials(told, r)} | {("b", x) for x in bands})


def _initials(names: set[str], r: GroupingRules) -> set[str]:
    """The acronyms the told names may be written as: the first letters of a name of
    ``acronym_min_words`` words or more ("northern valley defence council": "nvdc")."""
    if not r.acronym_min_words:
        return set()
    return {"".join(w[0] for w in words) for n in names
            if len(words := n.split()) >= r.acronym_min_words}
