"""Named sites and terrain the gazetteer lists: "Tharda Mountain", "Jabal Zawiya", "Lake X",
"the X Dam", "the X air base", "the X border crossing", "the X oil field".

With GeoNames country files installed (``warlog gazetteer add``), the gazetteer holds
mountains, lakes, rivers, dams, bases, airports, crossings, oil fields and roads, each with
its feature code (:mod:`warlog.geo.features`). A text writes such a name its own way: the
English generic after the name ("Tishrin Dam", "Tharda Mountain") or a local one before it
("Jabal Tharda", "Sadd Tishrin"), where GeoNames may have the other. ``feature_generics`` in
``data/geo.yaml`` lists, per group of features, the generic words written before and after a
name and the feature types (``data/features.yaml``) such a phrase may name. A phrase is
looked up under each spelling of its group (a handful of hash lookups); the reading must be
of one of the group's types, in the document's countries, not far from its front, and is
coded at its feature's ``geo_precision``. With only the bundled ``cities500`` (no features)
nothing here runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from warlog.data import cached, load_yaml
from warlog.geo.context import GeoContext
from warlog.geo.features import type_of
from warlog.geo.gazetteer import TIER_SKELETON
from warlog.geo.lexicon import geo_lexicon
from warlog.geo.normalize import normalize
from warlog.model import Place
from warlog.nlp.alternation import HeadFilter, trie_alternation
from warlog.plugins import geocoder


@dataclass(frozen=True, slots=True)
class Group:
    """A group of features written with the same generic words."""

    name: str
    before: tuple[str, ...]  # generic words written before the name ("jabal", "lake")
    after: tuple[str, ...]  # after it ("mountain", "dam", "air base")
    types: frozenset[str]  # feature types (data/features.yaml) it may name
    by_namesake: bool = True  # unlisted, it may be coded at the town it is named after


@cached
def _groups() -> tuple[Group, ...]:
    raw = load_yaml("geo.yaml").get("feature_generics") or {}
    return tuple(
        Group(
            str(name),
            tuple(sorted((str(w).lower() for w in spec.get("before") or ()), key=len)[::-1]),
            tuple(sorted((str(w).lower() for w in spec.get("after") or ()), key=len)[::-1]),
            frozenset(str(t) for t in spec.get("types") or ()),
            bool(spec.get("by_namesake", True)),
        )
        for name, spec in raw.items()
    )


def _char(ch: str) -> str:
    """A generic's character as regex source: a space matches any spaces, a hyphen a space,
    a hyphen or nothing ("air-base", "air base", "airbase")."""
    return r"\s+" if ch == " " else r"[\s-]?" if ch == "-" else re.escape(ch)


def _alt(words: set[str]) -> str:
    """The generic words (lower case) as one trie-built alternation, longest first
    (:func:`~warlog.nlp.alternation.trie_alternation`), matched case-insensitively."""
    return trie_alternation(words, _char, lower=True)


@cached
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """ "<generic> <Name>" and "<Name> <generic>" (generics of every group), and what the
    second needs: a generic written after a name, after a space and ending a word. Most
    sentences have none, and the name pattern (tried at every word) is not run on them."""
    before = {w for g in _groups() for w in g.before}
    after = {w for g in _groups() for w in g.after}
    parts = load_yaml("geo.yaml")["name_parts"]
    prefixes = "|".join(sorted(map(re.escape, parts["site_prefixes"]), key=lambda w: (-len(w), w)))
    joiners = "|".join(sorted(map(re.escape, parts["site_joiners"]), key=lambda w: (-len(w), w)))
    word = rf"(?:(?:{prefixes})[-'’])?[A-Z][\w'’‘`-]*"
    name = rf"{word}(?:(?:\s+(?:(?:{joiners})\s+)?){word}){{0,2}}"
    pre = re.compile(rf"(?<![\w-])(?P<gen>(?i:{_alt(before)}))[\s-]+(?P<name>{name})")
    post = re.compile(rf"(?<![\w'’-])(?P<name>{name})\s+(?P<gen>(?i:{_alt(after)}))(?![\w-])")
    post_needs = re.compile(rf"\s(?i:{_alt(after)})(?![\w-])")
    return pre, post, post_needs


@cached
def _heads() -> tuple[HeadFilter, HeadFilter]:
    """Whether a sentence holds the first letters of a generic written before a name, and of
    one written after it: most sentences hold neither, and their patterns are not run."""
    return (HeadFilter(w for g in _groups() for w in g.before),
            HeadFilter(w for g in _groups() for w in g.after))


_has_features: dict[int, bool] = {}


def gazetteer_has_features() -> bool:
    """Whether the active gazetteer holds anything but populated places (country files)."""
    gaz = geocoder()
    hit = _has_features.get(id(gaz))
    if hit is None:
        codes = getattr(gaz, "_feature", None) or ()
        hit = any(f and not f.startswith("P") for f in codes)
        _has_features.clear()
        _has_features[id(gaz)] = hit
    return hit


def _names(name: str, generic_after: bool) -> Iterator[str]:
    """The name, then shorter: without its leading words when the generic follows it ("The
    Tharda" → "Tharda"), without its trailing words when the generic comes first."""
    words = name.split()
    lex = geo_lexicon()
    for i in range(len(words)):
        rest = " ".join(words[i:] if generic_after else words[: len(words) - i])
        if normalize(rest) not in lex.stop_names:
            yield rest


def _best(name: str, group: Group, ctx: GeoContext | None) -> Place | None:
    gaz = geocoder()
    codes = ctx.country_codes if ctx is not None else ()
    front = ctx.front if ctx is not None else None
    spellings = [f"{w} {name}" for w in group.before] + [f"{name} {w}" for w in group.after]
    best, best_score = None, float("-inf")
    for spelling in spellings:
        for m in gaz.matches(spelling, codes, skeleton=False):
            p = m.place
            if m.tier == TIER_SKELETON or type_of(p) not in group.types:
                continue
            if codes and p.country_code not in codes:
                continue
            if front is not None and front.is_far(p):
                continue
            score = m.score(codes[:1]) + (front.bonus(p) if front is not None else 0.0)
            if score > best_score:
                best, best_score = p, score
    return best


@cached
def _namesake_words() -> frozenset[str]:
    """Generic words of the groups whose features may be coded at their namesake town."""
    return frozenset(w for g in _groups() if g.by_namesake for w in (*g.before, *g.after))


def feature_phrases(sentence: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, name, by_namesake) of the "<generic> <Name>" / "<Name> <generic>"
    phrases of ``sentence`` ("Lake X", "the X Mountains", "X air base") whose name has a
    proper name of its own, without leading stop words ("The X Dam" → "X Dam"); longest
    first where they overlap. ``by_namesake``: the generic word's group allows coding the
    feature at the town it is named after (not a road's or a river's). Whether the
    gazetteer lists them is not asked (:mod:`warlog.geo.unlisted` places them by the words
    around them)."""
    from warlog.geo.phrases import has_proper_name
    from warlog.geo.unlisted import head_matches, spaced_head_search

    lex = geo_lexicon()
    pre, post, post_needs = _patterns()
    found: list[tuple[int, int]] = []
    heads_before, heads_after = _heads()
    for pattern in (pre, post):
        if pattern is pre and not heads_before.may_match(sentence):
            continue
        if pattern is post and not (heads_after.may_match(sentence)
                                    and spaced_head_search(post_needs, heads_after, sentence)):
            continue
        # a generic before the name opens every "pre" match: tried only where one starts
        for m in (head_matches(pre, heads_before, sentence) if pattern is pre
                  else post.finditer(sentence)):
            s = m.start()
            if pattern is post:
                name = m.group("name")
                words = name.split()
                k = 0
                while k < len(words) - 1 and normalize(words[k]) in lex.stop_names:
                    k += 1
                s = m.start("name") + (name.index(words[k]) if k else 0)
                name = sentence[s : m.start("gen")].strip()
            else:
                name = m.group("name")
            if has_proper_name(name) and normalize(name) not in lex.stop_names:
                gen = re.sub(r"[\s-]+", " ", m.group("gen").lower())
                found.append((s, m.end(), name, gen in _namesake_words()))
    found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    kept: list[tuple[int, int, str, bool]] = []
    for t in found:
        if kept and t[0] < kept[-1][1]:
            continue
        kept.append(t)
    return kept


def named_sites(sentence: str, ctx: GeoContext | None) -> list[tuple[int, int, Place]]:
    """(start, end, place) of the named features of ``sentence`` the gazetteer lists (sentence
    offsets, the phrase with its generic word), longest first where they overlap."""
    if not gazetteer_has_features():
        return []
    by_word = {}
    for g in _groups():
        for w in (*g.before, *g.after):
            by_word.setdefault(w, []).append(g)
    out: list[tuple[int, int, Place]] = []
    pre, post, _ = _patterns()
    for pattern, heads in zip((pre, post), _heads(), strict=True):
        if not heads.may_match(sentence):
            continue
        for m in pattern.finditer(sentence):
            gen = re.sub(r"[\s-]+", " ", m.group("gen").lower())
            groups = by_word.get(gen) or by_word.get(gen.replace(" ", "")) or []
            name_start = m.start("name")
            for name in _names(m.group("name"), pattern is post):
                place = next((p for g in groups if (p := _best(name, g, ctx))), None)
                if place is not None:
                    if pattern is post:
                        s, e = name_start + m.group("name").rfind(name), m.end()
                    else:
                        s, e = m.start(), name_start + len(name)
                    out.append((s, e, place))
                    break
    out.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    kept: list[tuple[int, int, Place]] = []
    for s, e, p in out:
        if kept and s < kept[-1][1]:
            continue
        kept.append((s, e, p))
    return kept
