"""From place mentions to *locations*: the phrase the guidelines want, geocoded.

A sentence rarely says just "in Raqqa". It says "the Division 17 base, north of Raqqa",
"Mafraq Sediq, 7 kilometers west of Al Hasakah city", "near Abu Khashab", "the Geweran
neighbourhood of Hasakah city", "Idlib Governorate". :func:`resolve_locations` reads the
words around each :class:`~warlog.geo.places.PlaceMention` and returns one
:class:`~warlog.model.Location` per location phrase, named as the text names it:

============================================  ===========================  =========
pattern                                       coordinates                  precision
============================================  ===========================  =========
town in the gazetteer ("in Kunduz")           the town                     1
"the town/city of X", "in the centre of X"    the town                     1
"<name> neighbourhood/district of X"          X                            1
"<named facility> in/at X" ("building in X")  X                            1
"X air base", "X airport", "X desert"         X                            2
"<name> area of X", "outskirts of X"          X                            2
"near/outside/around X"                       X                            2
"[<facility>,] [7 km] north of X"             X, or the named place when   2 (1)
                                              the gazetteer has it there
"between X and Y"                             X                            2
"southern X"                                  X                            2
"X Governorate/Province/Oblast", "X Raion"    X's capital                  3 (2)
a country                                     none                         3
============================================  ===========================  =========

A facility with no town in its sentence ("the Panorama checkpoint") is left to the caller:
:func:`facility_location` finds such a phrase and codes it to the document's last place
(:meth:`GeoContext.last_place`), precision 2. All words come from ``data/geo.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from warlog import lang
from warlog.data import cached
from warlog.geo.admin1 import admin1_name
from warlog.geo.context import GeoContext
from warlog.geo.gazetteer import TIER_SKELETON, bearing_deg, haversine_km
from warlog.geo.lexicon import geo_lexicon
from warlog.geo.normalize import normalize
from warlog.geo.places import PlaceMention
from warlog.geo.roads import compound_roads, midpoint
from warlog.geo.sources import is_source_place
from warlog.geo.unlisted import unlisted_places
from warlog.model import Location, Place
from warlog.plugins import geocoder

_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_BEARING_TOLERANCE = 67.5  # degrees either side of the stated direction
_SAME_SPOT_KM = 3.0  # closer than this, any bearing will do


def _alt(words: Sequence[str]) -> str:
    """Regex alternation of phrases, longest first, spaces/hyphens matching loosely."""
    escaped = []
    for w in sorted(set(words), key=len, reverse=True):
        e = re.escape(w).replace(r"\-", "\0")
        e = e.replace(r"\ ", r"[\s\-]+").replace("\0", r"[\s\-]?")
        escaped.append(e)
    return "|".join(escaped)


@dataclass(frozen=True, slots=True)
class _Patterns:
    relation: re.Pattern[str]  # "[7 km] north of [the town of] " at the end of the left text
    distance_from: re.Pattern[str]  # "30 km from " / "30 km outside "
    near: re.Pattern[str]  # "near [the town of] "
    inside: re.Pattern[str]  # "in the centre of " / "the town of "
    part_of: re.Pattern[str]  # "<name> neighbourhood of " / "southern perimeter of "
    adjective: re.Pattern[str]  # "southern "
    between: re.Pattern[str]  # "[road] between "
    facility_at: re.Pattern[str]  # " in " / " at " after a facility phrase
    after: re.Pattern[str]  # " air base" / " airport" / " desert" after the mention
    facility_word: re.Pattern[str]  # any facility word (for phrase scanning)
    facility_phrase: re.Pattern[str]  # "[the] Panorama checkpoint" anywhere
    settlement: re.Pattern[str]  # " city" / " town" after the mention


@cached
def _patterns() -> _Patterns:
    lex = geo_lexicon()
    dirs = _alt(list(lex.directions))
    units = _alt(list(lex.distance_units))
    settle = r"(?:(?:town|city|village|villages|towns|settlement|township)\s+of\s+)?"
    num = r"\d+(?:[.,]\d+)?(?:\s*(?:-|–|to)\s*\d+(?:[.,]\d+)?)?"
    facility = _alt(list(lex.facility_words))
    areas = _alt(list(lex.area_words))
    parts = _alt(list(lex.part_words))
    adjectives = _alt(list(lex.direction_adjectives))
    near = _alt(list(lex.near_phrases))
    inside = _alt([p for p in lex.inside_phrases if p not in ("in", "within", "inside")])
    flags = re.IGNORECASE
    return _Patterns(
        relation=re.compile(
            rf"(?:(?P<dist>{num})\s*(?P<unit>{units})\.?\s+)?(?:(?:to|in)\s+the\s+)?"
            rf"(?P<dir>{dirs})(?:ward|wards)?\s+of\s+(?:the\s+)?{settle}$",
            flags,
        ),
        distance_from=re.compile(
            rf"(?P<dist>{num})\s*(?P<unit>{units})\.?\s+(?:away\s+)?(?:from|outside(?:\s+of)?)"
            rf"\s+(?:the\s+)?{settle}$",
            flags,
        ),
        near=re.compile(rf"(?<![\w-])(?P<near>{near})\s+(?:the\s+)?{settle}$", flags),
        inside=re.compile(
            rf"(?<![\w-])(?:(?P<inside>{inside})\s+(?:the\s+)?{settle}|(?:the\s+)?"
            rf"(?P<settle>town|city|village|township|settlement)\s+of\s+)$",
            flags,
        ),
        part_of=re.compile(
            rf"(?:(?P<adj>{adjectives})\s+)?(?P<part>{parts})\s+of\s+(?:the\s+)?{settle}$", flags
        ),
        adjective=re.compile(rf"(?<![\w-])(?P<adj>{adjectives})\s+$", flags),
        between=re.compile(
            r"(?:(?P<road>road|highway|motorway|route|front|line|area)\s+)?between\s+$", flags
        ),
        facility_at=re.compile(r"\s+(?:in|at|inside|within)\s+(?:the\s+)?" + settle + "$", flags),
        after=re.compile(
            rf"\s+(?P<mid>(?:(?:(?-i:[A-Z][\w'’\-]*)|international|military|air|oil|gas|power|"
            rf"train|bus|railway|main|old|new)\s+){{0,3}}?)"
            rf"(?P<what>{facility}|{areas})(?![\w-])",
            flags,
        ),
        facility_word=re.compile(rf"(?<![\w-])(?:{facility}|{areas})(?![\w-])", flags),
        facility_phrase=re.compile(
            rf"(?<![\w-])(?:the\s+)?(?P<name>(?:(?:[A-Z][\w'’\-]*|al-[A-Z][\w'’\-]*|\d+)\s+){{1,4}}"
            rf"(?i:{facility}))(?![\w-])"
        ),
        settlement=re.compile(r"\s+(?:city|town)\b", flags),
    )


def _clean(name: str) -> str:
    name = _SPACES.sub(" ", name).strip(" ,;:")
    return _LEADING_ARTICLE.sub("", name)


def _location(
    name: str, place: Place, precision: int, start: int, end: int, geonameid: bool = True
) -> Location:
    return Location(
        name=_clean(name),
        latitude=place.latitude,
        longitude=place.longitude,
        geo_precision=precision,
        country=place.country or None,
        admin1=admin1_name(place.admin1),
        start=start,
        end=end,
        geonameid=place.geonameid if geonameid else None,
    )


# ----------------------------------------------------------------------------- phrases
_WORD_BACK = re.compile(r"(\(?[\w'’\-]+\)?)\s*$")


_WINDOW = 64  # characters of left context the relation words can span
_TRAILING_COMMA = re.compile(r",\s*$")


def _tail(text: str) -> int:
    """Start position for a ``$``-anchored search: only the last :data:`_WINDOW` chars."""
    return max(0, len(text) - _WINDOW)


_MODIFIER = re.compile(r"[a-z]+(?:-[a-z]+)?")
_NAME_BEFORE = re.compile(r"(?:^|\s)((?:al-|el-)?[A-Z][\w'’\-]*)\s+$")


def _phrase_start(left: str, end: int) -> int | None:
    """Start of a facility/name phrase that ends at ``end`` in ``left`` (scanning back).

    Takes capitalised words, numbers, facility/area words and article-prefixed names;
    stops at other lower-case words, "the"/"a", and punctuation other than a bracketed
    aside ("the Regiment 121 base (known as the Melbiya Regiment)"). ``None`` if the phrase
    has neither a facility word nor a capitalised name.
    """
    lex = geo_lexicon()
    pat = _patterns()
    pos = end
    start = None
    has_name = has_facility = False
    while pos > 0:
        text = left[:pos].rstrip()
        if text.endswith(")"):
            opening = text.rfind("(")
            if opening < 0:
                break
            pos = opening
            continue
        m = _WORD_BACK.search(text, max(0, len(text) - 80))
        if not m or m.end() != len(text):
            break
        word = m.group(1).strip("()")
        low = word.lower()
        if not word:
            break
        if word[0].isupper() or word[0].isdigit() or low.startswith(("al-", "el-", "ad-", "ar-")):
            if low in lang.wordlist("grammar", "articles"):
                break
            if (word.isupper() and len(word) > 1) or low in lex.months:
                break  # an acronym ("ISIL", "SDF") or a date is no part of a place's name
            has_name = has_name or not word[0].isdigit()
        elif pat.facility_word.fullmatch(low) or low in lex.facility_modifiers:
            has_facility = has_facility or bool(pat.facility_word.fullmatch(low))
        elif has_facility and not has_name and _MODIFIER.fullmatch(word):
            # "the Khazanat fueling base": a lower-case modifier is kept only when a name
            # comes right before it
            named = _NAME_BEFORE.search(text, max(0, m.start(1) - 80), m.start(1))
            if not named or named.group(1).lower() in lang.wordlist("grammar", "articles"):
                break
        else:
            break
        start = m.start(1)
        pos = start
    if start is None or not (has_name or has_facility):
        return None
    return start


def _has_proper_name(phrase: str) -> bool:
    """A capitalised word that is no acronym nor a common word ("Panorama", "Ba'ath")."""
    lex = geo_lexicon()
    for word in re.findall(r"[A-Z][\w'’\-]*", phrase):
        norm = normalize(word)
        if not word[:2].isupper() and norm not in lex.common_words and norm not in lex.months:
            return True
    return False


# ----------------------------------------------------------------------------- resolution
class _Resolver:
    def __init__(
        self, sentence: str, mentions: Sequence[PlaceMention], ctx: GeoContext | None, offset: int
    ) -> None:
        self.s = sentence
        self.offset = offset
        self.ctx = ctx
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.pat = _patterns()
        self.lex = geo_lexicon()

    def run(self) -> list[Location]:
        out: list[tuple[int, Location]] = []  # (index of the mention that produced it, loc)
        for k, m in enumerate(self.mentions):
            loc, consumed = self._one(k, m)
            # a relation "Al-Izba, north of Deir ez-Zor" absorbs the earlier mention's location
            out = [(i, loc_) for i, loc_ in out if i not in consumed]
            out.append((k, loc))
        return [loc for _, loc in out]

    def _rel(self, m: PlaceMention) -> tuple[int, int]:
        return m.start - self.offset, m.end - self.offset

    def _one(self, k: int, m: PlaceMention) -> tuple[Location, set[int]]:
        s = self.s
        ms, me = self._rel(m)
        place = m.place
        if m.kind == "country":
            loc = Location(
                name=m.text,
                latitude=None,
                longitude=None,
                geo_precision=3,
                country=place.country,
                start=m.start,
                end=m.end,
            )
            return loc, set()
        if m.kind in ("admin1", "region"):
            return self._region(m, ms, me), set()
        left = s[:ms]
        pat = self.pat
        # "[facility,] [7 km] north of X"
        rel = pat.relation.search(left, _tail(left))
        if rel:
            return self._relation(k, m, rel.start(), rel, me)
        dist = pat.distance_from.search(left, _tail(left))
        if dist:
            return self._relation(k, m, dist.start(), dist, me)
        end = self._extend_right(me)
        part = pat.part_of.search(left, _tail(left))
        if part:
            word = part.group("part").lower()
            near = word in self.lex.near_part_words or (
                end > me and not self._is_settlement(me, end)
            )
            start = part.start()
            named = _phrase_start(left, part.start())
            if named is not None:
                start = named
            elif part.group("adj"):
                start = part.start("adj")
            return _location(
                s[start:end], place, 2 if near else 1, self.offset + start, self.offset + end
            ), set()
        near = pat.near.search(left, _tail(left))
        if near:
            start = near.start("near")
            return _location(s[start:end], place, 2, self.offset + start, self.offset + end), set()
        btw = pat.between.search(left, _tail(left))
        if btw:
            start = btw.start("road") if btw.group("road") else btw.start()
            stop = self._between_end(k, me)
            point = self._between_point(k, me, s[start:stop]) or place
            return _location(
                s[start:stop], point, 2, self.offset + start, self.offset + stop,
                point is place,
            ), set()
        inside = pat.inside.search(left, _tail(left))
        if inside:
            return _location(
                s[ms:end],
                place,
                1 if end == me or self._is_settlement(me, end) else 2,
                m.start,
                self.offset + end,
            ), set()
        at = pat.facility_at.search(left, _tail(left))
        if at:
            named = _phrase_start(left, at.start())
            phrase = s[named : at.start()] if named is not None else ""
            if pat.facility_word.search(phrase) and _has_proper_name(phrase):
                return _location(
                    s[named:end], place, 1, self.offset + named, self.offset + end
                ), set()
        adj = pat.adjective.search(left, _tail(left))
        if adj:
            start = adj.start("adj")
            return _location(s[start:end], place, 2, self.offset + start, self.offset + end), set()
        precision = 1 if end == me or self._is_settlement(me, end) else 2
        return _location(s[ms:end], place, precision, m.start, self.offset + end), set()

    def _is_settlement(self, me: int, end: int) -> bool:
        return bool(self.pat.settlement.fullmatch(self.s[me:end]))

    def _extend_right(self, me: int) -> int:
        """End of "X air base" / "X airport" / "X desert" / "X city" after the mention."""
        s = self.s
        after = self.pat.after.match(s, me)
        if after and not self._mention_inside(me, after.end()):
            return after.end()
        settle = self.pat.settlement.match(s, me)
        return settle.end() if settle else me

    def _mention_inside(self, a: int, b: int) -> bool:
        return any(a <= m.start - self.offset < b for m in self.mentions)

    def _between_end(self, k: int, me: int) -> int:
        """End of "between X and Y": Y's end when the next mention follows " and "."""
        if k + 1 < len(self.mentions):
            nxt = self.mentions[k + 1]
            ns, ne = self._rel(nxt)
            if re.fullmatch(r"\s+and\s+(?:the\s+)?", self.s[me:ns]):
                return ne
        m = re.match(r"\s+and\s+(?:the\s+)?((?:[A-Z][\w'’\-]*\s?){1,4})", self.s[me:])
        return me + m.end(1) if m else me

    def _between_point(self, k: int, me: int, name: str) -> Place | None:
        """ "between X and Y": the midpoint of X and Y when Y follows and both are towns."""
        if k + 1 >= len(self.mentions):
            return None
        nxt = self.mentions[k + 1]
        ns, _ne = self._rel(nxt)
        if nxt.kind != "city" or self.mentions[k].kind != "city":
            return None
        if not re.fullmatch(r"\s+and\s+(?:the\s+)?", self.s[me:ns]):
            return None
        return midpoint(self.mentions[k].place, nxt.place, name)

    def _region(self, m: PlaceMention, ms: int, me: int) -> Location:
        left = self.s[:ms]
        start = ms
        adj = self.pat.adjective.search(left, _tail(left))
        if adj:
            start = adj.start("adj")
        return _location(self.s[start:me], m.place, m.precision, self.offset + start, m.end)

    def _relation(
        self, k: int, m: PlaceMention, rel_start: int, rel: re.Match[str], me: int
    ) -> tuple[Location, set[int]]:
        """ "[<facility>,] [N km] <direction> of X": X, or the facility's own place if known."""
        s = self.s
        end = self._extend_right(me)
        if self.pat.after.match(s, me):
            end = self._settlement_only(me)
        lead = s[:rel_start]
        comma = _TRAILING_COMMA.search(lead, max(0, len(lead) - 10))
        fac_end = comma.start() if comma else len(lead.rstrip())
        fac_start = _phrase_start(lead, fac_end) if (comma or lead.endswith(" ")) else None
        consumed: set[int] = set()
        anchor = m.place
        start = rel_start
        chosen, precision = anchor, 2
        if fac_start is not None:
            start = fac_start
            core = s[fac_start:fac_end]
            # an earlier mention inside the facility phrase ("the town of Al-Izba, north of X")
            for j in range(k):
                js, je = self._rel(self.mentions[j])
                if fac_start <= js and je <= fac_end:
                    consumed.add(j)
                    if self.mentions[j].kind == "city" and self._fits(
                        self.mentions[j].place, anchor, rel
                    ):
                        chosen, precision = self.mentions[j].place, 1
            if chosen is anchor:
                found = self._named_near(core, anchor, rel)
                if found is not None:
                    chosen = found
                    precision = 2 if self.pat.facility_word.search(core) else 1
        else:
            start = rel.start("dist") if rel.groupdict().get("dist") else rel.start("dir")
        loc = _location(s[start:end], chosen, precision, self.offset + start, self.offset + end)
        return loc, consumed

    def _settlement_only(self, me: int) -> int:
        settle = self.pat.settlement.match(self.s, me)
        return settle.end() if settle else me

    def _fits(self, place: Place, anchor: Place, rel: re.Match[str]) -> bool:
        """``place`` lies where "<N km> <direction> of ``anchor``" says (within tolerance)."""
        if place.latitude is None or anchor.latitude is None:
            return False
        d = haversine_km(anchor.latitude, anchor.longitude, place.latitude, place.longitude)
        limit = float(self.lex.thresholds["relation_max_km"])
        groups = rel.groupdict()
        if groups.get("dist"):
            km = _number(groups["dist"]) * self.lex.distance_units.get(groups["unit"].lower(), 1.0)
            limit = km * 1.5 + 5.0
        if d > limit:
            return False
        direction = groups.get("dir")
        if not direction or d < _SAME_SPOT_KM:
            return True
        want = self.lex.directions.get(_SPACES.sub(" ", direction.lower()).replace(" ", "-"))
        if want is None:
            want = self.lex.directions.get(direction.lower())
        if want is None:
            return True
        got = bearing_deg(anchor.latitude, anchor.longitude, place.latitude, place.longitude)
        diff = abs((got - want + 180.0) % 360.0 - 180.0)
        return diff <= _BEARING_TOLERANCE

    def _named_near(self, core: str, anchor: Place, rel: re.Match[str]) -> Place | None:
        """The gazetteer place named by a facility phrase, if it lies where the text says."""
        name = self.pat.facility_word.sub(" ", core)
        name = _SPACES.sub(" ", re.sub(r"\([^)]*\)|\d+", " ", name)).strip(" ,")
        if not name or normalize(name) in self.lex.stop_names:
            return None
        gaz = geocoder()
        codes = (anchor.country_code,)
        for cand in gaz.matches(name, codes):
            if cand.place.country_code != anchor.country_code:
                continue
            if cand.tier == TIER_SKELETON and not cand.initial:
                continue
            if self._fits(cand.place, anchor, rel):
                return cand.place
        return None


def _number(text: str) -> float:
    first = re.split(r"\s*(?:-|–|to)\s*", text.strip())[0]
    return float(first.replace(",", "."))


def resolve_locations(
    sentence: str,
    mentions: Sequence[PlaceMention],
    context: GeoContext | None = None,
    offset: int = 0,
) -> list[Location]:
    """One :class:`Location` per location phrase of ``sentence`` (see the module table).

    ``mentions`` come from :func:`~warlog.geo.places.find_places` on the same sentence with
    the same ``offset`` (the sentence's start in the document); returned offsets are in the
    document too. Locations are in text order; countries come with no coordinates.
    ``context`` is not modified: record the locations you keep with
    :meth:`GeoContext.record`.
    """
    found = _Resolver(sentence, mentions, context, offset).run() if mentions else []
    found = _with_roads(sentence, offset, found, context)
    unlisted = unlisted_places(sentence, offset, found, context)
    if unlisted:
        found = sorted([*found, *unlisted], key=lambda loc: loc.start)
    # "the ambassador to Spain", "told reporters in Geneva": a source's place
    return [loc for loc in found if not is_source_place(sentence, loc.start - offset)]



def _with_roads(
    sentence: str, offset: int, found: list[Location], context: GeoContext | None
) -> list[Location]:
    """ "The X-Y road" as one location (its listed point or its ends' midpoint, precision 2)
    in place of whatever the words of its name resolved to."""
    if "-" not in sentence and "–" not in sentence and "—" not in sentence:
        return found
    roads = list(compound_roads(sentence, context))
    if not roads:
        return found
    for s, e, name, place, _exact in roads:
        a, b = offset + s, offset + e
        found = [loc for loc in found if not (loc.start < b and a < loc.end)]
        found.append(_location(name, place, 2, a, b, place.geonameid != 0))
    return sorted(found, key=lambda loc: loc.start)


def facility_location(
    sentence: str, context: GeoContext | None, offset: int = 0
) -> Location | None:
    """A named facility with no town in the sentence, coded to the document's last place.

    "a suicide car-bomb was detonated at the Panorama checkpoint" → "Panorama checkpoint"
    at the coordinates of the last place the document resolved (precision 2). ``None``
    when the sentence names no facility or nothing has been resolved yet.
    """
    if context is None:
        return None
    last = context.last_place()
    if last is None:
        return None
    m = _patterns().facility_phrase.search(sentence)
    if not m:
        return None
    return _location(
        m.group("name"), last, 2, offset + m.start("name"), offset + m.end("name"), False
    )


def fallback_location(context: GeoContext | None, name: str | None = None) -> Location | None:
    """The document's last resolved place as a precision-2 location (``name`` or its own)."""
    if context is None:
        return None
    last = context.last_place()
    if last is None:
        return None
    return _location(name or last.name, last, 2, -1, -1)
