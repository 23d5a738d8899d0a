"""A place qualified by the first-level area it lies in: "X township, Y Region".

News copy locates a small place by the area around it: "Kani township, Sagaing Region",
"Bor County, Jonglei State", "Owo Local Government Area of Ondo State", "Mansa, Luapula
Province". The area says which country the name is in, so it picks the namesake there:

- the place's reading is kept when it lies in the area's country;
- else the name's reading in that country (one in the area itself first) replaces it;
- else the name is coded at the area's capital, precision 2, as the text names it (the
  guidelines' nearest town that represents a place the gazetteer does not list).

The area itself is then no second place of the event: its location is dropped. The words
that may stand between the two (a settlement or district word, a comma, "in", "of") are
``qualified_place_words`` and ``qualified_place_joiners`` of ``data/geo.yaml``. One regular
expression match per pair of neighbouring mentions; look-ups are the gazetteer's hash look-ups.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from warlog.data import cached, load_yaml
from warlog.geo.admin_names import admin1_codes_named
from warlog.geo.gazetteer import TIER_EXACT, TIER_FOLD
from warlog.geo.lexicon import geo_lexicon
from warlog.geo.normalize import normalize
from warlog.geo.places import PlaceMention
from warlog.model import Location, Place
from warlog.nlp.alternation import trie_alternation
from warlog.plugins import geocoder


def _char(ch: str) -> str:
    return r"\s+" if ch == " " else re.escape(ch)


@cached
def _gap() -> re.Pattern[str]:
    """The text between a place and the area that qualifies it."""
    y = load_yaml("geo.yaml")
    words = trie_alternation({str(w) for w in y["qualified_place_words"]}, _char)
    joiners = trie_alternation({str(w) for w in y["qualified_place_joiners"]}, _char)
    the = trie_alternation({str(w) for w in y["location_phrase_words"]["article"]}, _char)
    return re.compile(
        rf"(?:\s+(?:{words}))?(?:\s*,\s*|\s+(?:{joiners})\s+)(?:(?:{the})\s+)?", re.IGNORECASE
    )


def _bare_name(text: str) -> str:
    """A mention's name without its trailing district word ("Bor County": "Bor")."""
    suffixes = geo_lexicon().region_suffixes
    words = text.split()
    while len(words) > 1 and words[-1].lower() in suffixes:
        words.pop()
    return " ".join(words)


def _namesake_in(name: str, area: Place) -> Place | None:
    """The reading of ``name`` inside the area, spelled as the gazetteer spells it or folded
    and sounding like it (the best by :meth:`Match.score`)."""
    cc = area.country_code
    best, best_score = None, float("-inf")
    for m in geocoder().matches(name, (cc,), skeleton=False):
        p = m.place
        if p.admin1 != area.admin1 or p.latitude is None:
            continue
        if not (m.tier == TIER_EXACT or (m.tier == TIER_FOLD and m.agree)):
            continue
        score = m.score((cc,))
        if score > best_score:
            best, best_score = p, score
    return best


def qualify(
    sentence: str, offset: int, mentions: Sequence[PlaceMention]
) -> tuple[list[PlaceMention], list[tuple[int, int]]]:
    """``mentions`` with each place an area qualifies read in that area, and the document
    spans from the end of each such place to the end of its area (the area's location is no
    place of its own)."""
    out = list(mentions)
    areas: list[tuple[int, int]] = []
    gap = _gap()
    for k in range(len(out) - 1):
        m, r = out[k], out[k + 1]
        town = m.kind == "city" or (m.kind == "region" and m.precision < 3)
        if not town or r.kind not in ("admin1", "region") or r.precision < 3:
            continue
        area = r.place
        if area.latitude is None or not area.admin1 or not gap.fullmatch(
                sentence, m.end - offset, r.start - offset):
            continue
        if area.admin1 not in admin1_codes_named(_bare_name(r.text)) and normalize(
                _bare_name(r.text)) not in geo_lexicon().region_capitals:
            continue  # a reading of the area's name that is no area of that name
        if m.place.admin1 != area.admin1:
            alt = _namesake_in(_bare_name(m.text), area)
            if alt is not None:
                out[k] = replace(m, place=alt, candidates=())
            elif m.place.country_code != area.country_code:
                out[k] = replace(m, place=replace(area, kind="city"), kind="city",
                                 precision=2, candidates=())
            else:
                continue  # "Kabul, Kandahar Province and Herat": a list
        areas.append((m.end, r.end))
    return out, areas


def drop_areas(found: list[Location], areas: Sequence[tuple[int, int]]) -> list[Location]:
    """``found`` without the locations of qualifying areas (one that ends where an area
    ends and starts after its place)."""
    if not areas:
        return found
    return [loc for loc in found
            if not any(a <= loc.start and loc.end == b for a, b in areas)]
