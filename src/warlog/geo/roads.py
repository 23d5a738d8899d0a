"""Roads named by their two ends: "the Lysychansk-Sievierodonetsk road", "the road between
X and Y".

A road is a line; ACLED codes an event on it to a point on or near it with geo_precision 2.
When the gazetteer lists the road itself (a GeoNames class R entry with that name), that is
the point; otherwise the point is the midpoint of its two ends when both resolve, lie in the
document's geography and are at most ``road_max_km`` apart (a long highway's midpoint says
nothing about where on it the event was: the nearer named end is kept instead).
:func:`compound_roads` finds the "X–Y road" phrases of a sentence; :func:`midpoint` is shared
with the resolver's "between X and Y". Road words are ``road_words`` in ``data/geo.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from warlog.data import cached
from warlog.geo.context import GeoContext
from warlog.geo.features import kind as feature_kind
from warlog.geo.gazetteer import TIER_SKELETON, haversine_km
from warlog.geo.lexicon import geo_lexicon
from warlog.geo.normalize import normalize
from warlog.model import Place
from warlog.nlp.alternation import HeadFilter
from warlog.plugins import geocoder

_WORD = re.compile(r"\S+")
_DASH = re.compile(r"\s*[–—]\s*")
_HYPHEN = re.compile(r"(?<=[\w'’])-(?=[A-Z])")
_EDGE = ",;:()\"“”"


@cached
def _road_re() -> re.Pattern[str]:
    words = sorted(geo_lexicon().road_words, key=len, reverse=True)
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"(?<=\S)\s+(?P<word>{alt})(?![\w-])", re.IGNORECASE)


@cached
def _road_heads() -> HeadFilter:
    """Whether a sentence holds a road word's first letters at all (most hold none)."""
    return HeadFilter(geo_lexicon().road_words)


def _name_run(text: str, end: int) -> int | None:
    """Start of the run of capitalised words (particles and article prefixes allowed) that
    ends at ``end``; ``None`` when the word before ``end`` is not capitalised."""
    lex = geo_lexicon()
    start = None
    words = list(_WORD.finditer(text, max(0, end - 80), end))
    for w in reversed(words):
        token = w.group()
        if token[-1] in _EDGE:
            break  # a clause or bracket ends before the road's name
        if token[:1].isupper() or (token.lower() in lex.particles and start is not None):
            start = w.start()
            continue
        if token[0] in _EDGE and token[1:2].isupper():
            start = w.start() + 1  # "(Kreminna-Svatove road"
        break
    return start


def _hyphen_split(run: str, articles: frozenset[str]) -> list[str]:
    """Split at the hyphens that join two capitalised names (not an article's: "al-Bab")."""
    cuts = []
    for h in _HYPHEN.finditer(run):
        seg = re.split(r"[\s-]", run[: h.start()])[-1]
        if seg[:1].isupper() and seg.lower() not in articles:
            cuts.append(h.start())
    if len(cuts) != 1:
        return [run]
    return [run[: cuts[0]], run[cuts[0] + 1 :]]


def _split(run: str) -> tuple[str, str] | None:
    """ "Deir ez-Zor–Raqqa" → ("Deir ez-Zor", "Raqqa"); "Jisr al-Shughur-Ariha" → ("Jisr
    al-Shughur", "Ariha"): a dash, or a hyphen between two capitalised parts."""
    lex = geo_lexicon()
    parts = [p for p in _DASH.split(run) if p.strip()]
    if len(parts) == 1:
        parts = _hyphen_split(run, lex.articles)
    if len(parts) != 2:
        return None
    a, b = (p.strip(" '’") for p in parts)
    while " " in a and (first := normalize(a.split(" ", 1)[0])) in lex.stop_names and (
        first not in lex.toponym_heads
    ):
        a = a.split(" ", 1)[1]  # "The Kreminna" → "Kreminna" (but "Khan X" keeps its head)
    if not a or not b or normalize(a) in lex.stop_names or normalize(b) in lex.stop_names:
        return None
    return a, b


def end_place(name: str, ctx: GeoContext | None) -> Place | None:
    """The best reading of a road's end in the document's geography (its countries, near its
    front), or ``None``."""
    gaz = geocoder()
    codes = ctx.country_codes if ctx is not None else ()
    primary = ctx.primary_codes if ctx is not None else ()
    front = ctx.front if ctx is not None else None
    best, best_score = None, float("-inf")
    for m in gaz.matches(name, codes):
        p = m.place
        if codes and p.country_code not in codes:
            continue
        if m.tier == TIER_SKELETON and (p.country_code not in primary or not m.initial):
            continue
        if front is not None and front.is_far(p):
            continue
        score = m.score(primary) + (front.bonus(p) if front is not None else 0.0)
        if score > best_score:
            best, best_score = p, score
    return best


def midpoint(a: Place, b: Place, name: str) -> Place | None:
    """The point halfway between ``a`` and ``b`` (``None`` when they are farther apart than
    ``road_max_km``: a point halfway along a long road is not where anything was)."""
    if a.latitude is None or b.latitude is None:
        return None
    limit = geo_lexicon().thresholds["road_max_km"]
    if haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) > limit:
        return None
    return replace(
        a,
        geonameid=0,
        name=name,
        latitude=round((a.latitude + b.latitude) / 2, 5),
        longitude=round((a.longitude + b.longitude) / 2, 5),
        population=0,
        kind="city",
        feature="R.RD",
    )


def listed_road(name: str, ctx: GeoContext | None) -> Place | None:
    """The road itself when the gazetteer lists it (a class R entry of that name)."""
    codes = ctx.country_codes if ctx is not None else ()
    for m in geocoder().matches(name, codes, skeleton=False):
        if feature_kind(m.place) == "road" and (not codes or m.place.country_code in codes):
            return m.place
    return None


def compound_roads(
    sentence: str, ctx: GeoContext | None
) -> Iterator[tuple[int, int, str, Place, bool]]:
    """ "the X–Y road" phrases: (start, end, name, point, exact) in sentence offsets, where
    ``exact`` says the point is the listed road or the midpoint of its two ends (else it is
    the one end that resolved)."""
    if not _road_heads().may_match(sentence):
        return
    for m in _road_re().finditer(sentence):
        start = _name_run(sentence, m.start())
        if start is None:
            continue
        run = sentence[start : m.start()]
        pair = _split(run)
        if pair is None:
            continue
        name = f"{pair[0]}-{pair[1]} {m.group('word')}"
        start = start + run.find(pair[0])
        phrase = sentence[start : m.end()]
        listed = listed_road(phrase, ctx)
        if listed is not None:
            yield start, m.end(), phrase, listed, True
            continue
        a, b = (end_place(p, ctx) for p in pair)
        if a is not None and b is not None:
            mid = midpoint(a, b, name)
            if mid is not None:
                yield start, m.end(), phrase, mid, True
                continue
        one = a or b
        if one is not None:
            yield start, m.end(), phrase, one, False
