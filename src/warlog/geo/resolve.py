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

import math
import re
from collections.abc import Sequence
from dataclasses import replace

from warlog.data import cached, load_yaml
from warlog.geo.admin1 import admin1_name, admin1_names
from warlog.geo.context import GeoContext
from warlog.geo.features import precision as feature_precision
from warlog.geo.gazetteer import TIER_FOLD, TIER_SKELETON, bearing_deg, haversine_km
from warlog.geo.homonyms import check_homonyms
from warlog.geo.lexicon import geo_lexicon
from warlog.geo.normalize import normalize
from warlog.geo.phrases import (
    BEARING_TOLERANCE,
    SAME_SPOT_KM,
    SPACES,
    TRAILING_COMMA,
    has_proper_name,
    left_end,
    location_of,
    patterns,
    phrase_start,
    tail,
)
from warlog.geo.places import PlaceMention
from warlog.geo.qualified import after_unlisted, area_first, drop_areas, qualify
from warlog.geo.roads import compound_roads, midpoint
from warlog.geo.sites import named_sites
from warlog.geo.sources import is_source_place, names_other_than_place
from warlog.geo.unlisted import anchor_unlisted, spaced_head_search, unlisted_places
from warlog.ingest.lexicon import table_cell_joiner
from warlog.model import Location, Place
from warlog.nlp.alternation import HeadFilter
from warlog.plugins import geocoder


# ----------------------------------------------------------------------------- resolution
def _called(phrase: str, text: str, name: str) -> str:
    """The location phrase with the words that named the place another way ("the Chadian
    capital") replaced by its name ("outskirts of N'Djamena")."""
    return re.sub(rf"(?:\b[Tt]he\s+)?{re.escape(text)}", lambda _: name, phrase, count=1)


class _Resolver:
    def __init__(
        self, sentence: str, mentions: Sequence[PlaceMention], ctx: GeoContext | None, offset: int
    ) -> None:
        self.s = sentence
        self.offset = offset
        self.ctx = ctx
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.pat = patterns()
        self.lex = geo_lexicon()

    def run(self) -> list[Location]:
        out: list[tuple[int, Location]] = []  # (index of the mention that produced it, loc)
        for k, m in enumerate(self.mentions):
            loc, consumed = self._one(k, m)
            if m.called:  # "in the Chadian capital": N'Djamena, as ACLED names it
                loc = replace(loc, name=_called(loc.name, m.text, m.called))
            # a relation "Al-Izba, north of Deir ez-Zor" or a site "the Hamidiyah base at
            # Maarat" absorbs the location of an earlier mention inside its phrase
            out = [
                (i, loc_)
                for i, loc_ in out
                if i not in consumed and not (loc.start <= loc_.start and loc_.end <= loc.end)
            ]
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
        # every pattern below ends with a word and spaces: a left text that ends with none of
        # its words is not searched (lw is None: test nothing)
        lw = left_end(left, pat.left_end_len)
        ends = pat.left_ends
        # "[facility,] [7 km] north of X"
        rel = (
            pat.relation.search(left, tail(left))
            if lw is None or lw.endswith(ends["relation"])
            else None
        )
        if rel:
            return self._relation(k, m, rel.start(), rel, me)
        dist = (
            pat.distance_from.search(left, tail(left))
            if lw is None or lw.endswith(ends["distance_from"])
            else None
        )
        if dist:
            return self._relation(k, m, dist.start(), dist, me)
        end = self._extend_right(me)
        part = (
            pat.part_of.search(left, tail(left))
            if lw is None or lw.endswith(ends["part_of"])
            else None
        )
        if part:
            word = part.group("part").lower()
            near = word in self.lex.near_part_words or (
                end > me and not self._is_settlement(me, end)
            )
            start = part.start()
            named = phrase_start(left, part.start())
            if named is not None:
                start = named
            elif part.group("adj"):
                start = part.start("adj")
            return location_of(
                s[start:end], place, 2 if near else 1, self.offset + start, self.offset + end
            ), set()
        near = (
            pat.near.search(left, tail(left)) if lw is None or lw.endswith(ends["near"]) else None
        )
        if near:
            start = near.start("near")
            loc = location_of(s[start:end], place, 2, self.offset + start, self.offset + end)
            return loc, set()
        btw = (
            pat.between.search(left, tail(left))
            if lw is None or lw.endswith(ends["between"])
            else None
        )
        if btw:
            start = btw.start("road") if btw.group("road") else btw.start()
            stop = self._between_end(k, me)
            point = self._between_point(k, me, s[start:stop]) or place
            return location_of(
                s[start:stop],
                point,
                2,
                self.offset + start,
                self.offset + stop,
                point is place,
            ), set()
        inside = (
            pat.inside.search(left, tail(left))
            if lw is None or lw.endswith(ends["inside"])
            else None
        )
        if inside:
            return location_of(
                s[ms:end],
                place,
                1 if end == me or self._is_settlement(me, end) else 2,
                m.start,
                self.offset + end,
            ), set()
        at = (
            pat.facility_at.search(left, tail(left))
            if lw is None or lw.endswith(ends["facility_at"])
            else None
        )
        if at:
            named = phrase_start(left, at.start())
            phrase = s[named : at.start()] if named is not None else ""
            if pat.facility_word.search(phrase) and has_proper_name(phrase):
                return location_of(
                    s[named:end], place, 1, self.offset + named, self.offset + end
                ), set()
        adj = (
            pat.adjective.search(left, tail(left))
            if lw is None or lw.endswith(ends["adjective"])
            else None
        )
        if adj:
            start = adj.start("adj")
            loc = location_of(s[start:end], place, 2, self.offset + start, self.offset + end)
            return loc, set()
        precision = 1 if end == me or self._is_settlement(me, end) else 2
        return location_of(s[ms:end], place, precision, m.start, self.offset + end), set()

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
            if self.pat.between_joiner.fullmatch(self.s, me, ns):
                return ne
        m = self.pat.between_next.match(self.s, me)
        return m.end(1) if m else me

    def _between_point(self, k: int, me: int, name: str) -> Place | None:
        """ "between X and Y": the midpoint of X and Y when Y follows and both are towns."""
        if k + 1 >= len(self.mentions):
            return None
        nxt = self.mentions[k + 1]
        ns, _ne = self._rel(nxt)
        if nxt.kind != "city" or self.mentions[k].kind != "city":
            return None
        if not self.pat.between_joiner.fullmatch(self.s, me, ns):
            return None
        return midpoint(self.mentions[k].place, nxt.place, name)

    def _region(self, m: PlaceMention, ms: int, me: int) -> Location:
        left = self.s[:ms]
        start = ms
        adj = self.pat.adjective.search(left, tail(left))
        if adj:
            start = adj.start("adj")
        loc = location_of(self.s[start:me], m.place, m.precision, self.offset + start, m.end)
        own = _own_area(m.text, m.place) if m.precision >= 3 else None
        return loc if own is None else replace(loc, admin1=own)

    def _relation(
        self, k: int, m: PlaceMention, rel_start: int, rel: re.Match[str], me: int
    ) -> tuple[Location, set[int]]:
        """ "[<facility>,] [N km] <direction> of X": X, or the facility's own place if known."""
        s = self.s
        end = self._extend_right(me)
        if self.pat.after.match(s, me):
            end = self._settlement_only(me)
        lead = s[:rel_start]
        comma = TRAILING_COMMA.search(lead, max(0, len(lead) - 10))
        fac_end = comma.start() if comma else len(lead.rstrip())
        fac_start = phrase_start(lead, fac_end) if (comma or lead.endswith(" ")) else None
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
        if chosen is anchor:
            chosen = self._offset(anchor, rel)
        loc = location_of(
            s[start:end],
            chosen,
            precision,
            self.offset + start,
            self.offset + end,
            chosen.geonameid != 0,
        )
        return loc, consumed

    def _offset(self, anchor: Place, rel: re.Match[str]) -> Place:
        """ "30 km north of X" with nothing named there: the point that far that way from X
        (X itself when the text gives no distance or no direction, or the distance is under
        ``offset_min_km``)."""
        groups = rel.groupdict()
        if not groups.get("dist") or not groups.get("dir") or anchor.latitude is None:
            return anchor
        bearing = self.lex.directions.get(SPACES.sub("-", groups["dir"].lower()))
        if bearing is None:
            bearing = self.lex.directions.get(groups["dir"].lower())
        km = _mean_number(groups["dist"]) * self.lex.distance_units.get(
            groups["unit"].lower().rstrip("."), 1.0
        )
        if bearing is None or km < self.lex.thresholds["offset_min_km"]:
            return anchor
        lat, lon = destination(anchor.latitude, anchor.longitude, bearing, km)
        return replace(anchor, geonameid=0, latitude=lat, longitude=lon, population=0)

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
        if not direction or d < SAME_SPOT_KM:
            return True
        want = self.lex.directions.get(SPACES.sub(" ", direction.lower()).replace(" ", "-"))
        if want is None:
            want = self.lex.directions.get(direction.lower())
        if want is None:
            return True
        got = bearing_deg(anchor.latitude, anchor.longitude, place.latitude, place.longitude)
        diff = abs((got - want + 180.0) % 360.0 - 180.0)
        return diff <= BEARING_TOLERANCE

    def _named_near(self, core: str, anchor: Place, rel: re.Match[str]) -> Place | None:
        """The gazetteer place named by a facility phrase, if it lies where the text says."""
        name = self.pat.facility_word.sub(" ", core)
        name = SPACES.sub(" ", re.sub(r"\([^)]*\)|\d+", " ", name)).strip(" ,")
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


def _mean_number(text: str) -> float:
    """ "10–20" → 15.0, "7" → 7.0."""
    parts = [float(x.replace(",", ".")) for x in patterns().range_split.split(text.strip()) if x]
    return sum(parts) / len(parts)


def destination(lat: float, lon: float, bearing: float, km: float) -> tuple[float, float]:
    """The point ``km`` from (lat, lon) on the initial ``bearing`` (degrees), rounded to 5
    decimals."""
    d = km / 6371.0
    p1, l1, th = math.radians(lat), math.radians(lon), math.radians(bearing)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(th))
    l2 = l1 + math.atan2(
        math.sin(th) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2)
    )
    return round(math.degrees(p2), 5), round((math.degrees(l2) + 540.0) % 360.0 - 180.0, 5)


def _number(text: str) -> float:
    first = patterns().range_split.split(text.strip())[0]
    return float(first.replace(",", "."))


def resolve_locations(
    sentence: str,
    mentions: Sequence[PlaceMention],
    context: GeoContext | None = None,
    offset: int = 0,
    here: Location | None = None,
) -> list[Location]:
    """One :class:`Location` per location phrase of ``sentence`` (see the module table).

    ``mentions`` come from :func:`~warlog.geo.places.find_places` on the same sentence with
    the same ``offset`` (the sentence's start in the document); returned offsets are in the
    document too. Locations are in text order; countries come with no coordinates.
    ``context`` is not modified: record the locations you keep with
    :meth:`GeoContext.record`. ``here`` is where the narrative is (the last event's place):
    a name the gazetteer lacks, with no known place beside it in the sentence, is coded there.
    """
    # a namesake far from the document's front gives way to a nearer reading or town
    # (geo/homonyms)
    mentions = check_homonyms(sentence, offset, mentions, context)
    # "X township, Y Region": X read in Y, and Y no second place (geo/qualified)
    # "the Punjab town of Batala": Batala read in Punjab, and Punjab no place of its own
    mentions, firsts, used = area_first(sentence, offset, mentions)
    mentions, areas, others = qualify(sentence, offset, mentions, used)
    found = _Resolver(sentence, mentions, context, offset).run() if mentions else []
    found = drop_areas(found, areas)
    found = _town_parts(mentions, found)
    found = _with_roads(sentence, offset, found, context)
    found = _with_sites(sentence, offset, found, context)
    unlisted = unlisted_places(sentence, offset, found, context)
    if unlisted:
        unlisted = anchor_unlisted(sentence, offset, found, unlisted, here)
        found = sorted([*found, *unlisted], key=lambda loc: loc.start)
        if others:  # "in Razmak, North Waziristan": the area is no second place
            found = drop_areas(found, after_unlisted(sentence, offset, unlisted, others))
        found = drop_areas(found, _heading_areas(sentence, offset, unlisted, found))
    found = drop_areas(found, firsts)
    found = _row_columns(sentence, offset, found)
    # "the ambassador to Spain", "told reporters in Geneva": a source's place; "the Kyiv
    # government", "Damascus time": not a place of the event; "the cruiser Moskva": a ship
    vessels = _vessel_heads().may_match(sentence)
    return [loc for loc in found if not is_source_place(sentence, loc.start - offset)
            and not names_other_than_place(sentence, loc.end - offset)
            and not (vessels and _vessel_before().search(
                sentence, max(0, loc.start - offset - 40), loc.start - offset))]


_HEADING_AREA = re.compile(r"[ \t]*:")


def _heading_areas(sentence: str, offset: int, unlisted: Sequence[Location],
                   found: Sequence[Location]) -> list[tuple[int, int]]:
    """The spans (as :func:`~warlog.geo.qualified.qualify` gives them) of the areas that
    follow a place the gazetteer lacks after a comma and end an entry's heading ("X, Y
    Region: a mortar shell hit ..."): the area says where X is; it is no second place."""
    spans = []
    for u in unlisted:
        for loc in found:
            if (loc is not u and loc.start > u.end
                    and not sentence[u.end - offset:loc.start - offset].strip(" \t,")
                    and "," in sentence[u.end - offset:loc.start - offset]
                    and _HEADING_AREA.match(sentence, loc.end - offset)):
                spans.append((u.end, loc.end))
    return spans


def _row_columns(sentence: str, offset: int, found: list[Location]) -> list[Location]:
    """A table row read as one line, its cells joined by " – " ("Town – 26,921 – District –
    held by – as of – Captured by ... on 3 March"): when the row opens with a place, a later
    cell that is nothing but a place of the same country is a column about that place (the
    district, raion or governorate it lies in), not a second place of the row's event; the
    event is at the row's place (GUIDELINES: the place as the text names it). A prose cell that
    names places keeps them, and a row that opens with a date or a name that is no place is
    left as it is."""
    joiner = table_cell_joiner()  # as the reader writes a row ("X – 26,921 – Y – ...")
    if joiner not in sentence or len(found) < 2:
        return found
    cells: list[tuple[int, int]] = []
    pos = 0
    while True:
        cut = sentence.find(joiner, pos)
        end = len(sentence) if cut < 0 else cut
        a, b = pos, end
        while a < b and sentence[a].isspace():
            a += 1
        while b > a and sentence[b - 1] in " \t.":
            b -= 1
        cells.append((offset + a, offset + b))
        if cut < 0:
            break
        pos = cut + len(joiner)
    if len(cells) < 3:
        return found
    head = next((loc for loc in found if (loc.start, loc.end) == cells[0]), None)
    if head is None or head.latitude is None or head.geo_precision > 2:
        return found
    columns = set(cells[1:])
    return [loc for loc in found if loc is head or not (
        (loc.start, loc.end) in columns and loc.country == head.country)]


@cached
def _vessel_before() -> re.Pattern[str]:
    """A vessel word right before a name ("the cruiser Moskva", "the frigate Admiral
    Makarov"): the name is the ship's (``vessel_words`` of ``data/geo.yaml``)."""
    words = sorted((str(w) for w in load_yaml("geo.yaml")["vessel_words"]), key=len,
                   reverse=True)
    return re.compile(rf"\b(?i:{'|'.join(re.escape(w) for w in words)})[ \t]+$")


@cached
def _vessel_heads() -> HeadFilter:
    """Whether a sentence can name a vessel at all (:func:`_vessel_before` is a search per
    location; most sentences hold no vessel word: one automaton pass per sentence)."""
    return HeadFilter(str(w) for w in load_yaml("geo.yaml")["vessel_words"])


def _town_parts(mentions: Sequence[PlaceMention], found: list[Location]) -> list[Location]:
    """A name coded at a town that stands for it (a far namesake recoded by
    :func:`~warlog.geo.homonyms.check_homonyms`: a town mention of precision 2) is at least
    precision 2."""
    parts = [(m.start, m.end) for m in mentions if m.kind == "city" and m.precision == 2]
    if not parts:
        return found
    return [
        replace(loc, geo_precision=2)
        if loc.geo_precision < 2 and any(loc.start <= a and b <= loc.end for a, b in parts)
        else loc
        for loc in found
    ]


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
        found.append(location_of(name, place, 2, a, b, place.geonameid != 0))
    return sorted(found, key=lambda loc: loc.start)


def _with_sites(
    sentence: str, offset: int, found: list[Location], context: GeoContext | None
) -> list[Location]:
    """A named mountain, lake, dam, base, crossing or oil field the gazetteer lists is coded
    at its own point and precision: a location phrase around it keeps its words ("Jabal X,
    southwest of Y"), one inside it or overlapping it gives way."""
    sites = named_sites(sentence, context)
    for s, e, place in sites:
        a, b = offset + s, offset + e
        precision = feature_precision(place)
        outer = [loc for loc in found if loc.start <= a and b <= loc.end]
        if outer:
            loc = outer[0]
            found = [x for x in found if x is not loc and not (x.start < b and a < x.end)]
            found.append(location_of(loc.name, place, precision, loc.start, loc.end))
        else:
            found = [x for x in found if not (x.start < b and a < x.end)]
            found.append(location_of(sentence[s:e], place, precision, a, b))
    return sorted(found, key=lambda loc: loc.start) if sites else found


def _own_area(name: str, capital: Place) -> str | None:
    """The first-level area a region's name as written names ("X Oblast", "Governorate of X",
    "X" of ``region_capitals``), when it is another area than that of the capital it is coded
    at (GUIDELINES: a province is coded to its capital): "Sanaa Governorate" is coded at Sanaa
    but lies in the governorate, not in the city's own area (Amanat al-Asimah).
    ``None`` when the name is no area of the capital's country, or names the capital's own,
    or when the capital's area has no name in ``admin1.json`` (a gazetteer coding its towns in
    another division than the table's: the two would not compare)."""
    from warlog.geo.admin_names import admin1_codes_named

    lex = geo_lexicon()
    words = name.split()
    if words and words[0].lower() in lex.articles:
        words = words[1:]
    low = " ".join(words).lower()
    for prefix in lex.region_prefixes:
        if low.startswith(prefix + " "):
            words = words[len(prefix.split()):]
            break
    while len(words) > 1 and words[-1].lower() in lex.region_suffixes:
        words = words[:-1]
    if capital.admin1 not in admin1_names():
        return None  # the capital's area is of another division than the table's names
    cc = capital.country_code
    areas = [a for a in admin1_codes_named(" ".join(words)) if a.split(".", 1)[0] == cc]
    if len(areas) != 1 or areas[0] == capital.admin1:
        return None
    return admin1_name(areas[0])


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
    pat = patterns()
    m = (pat.facility_heads.may_match(sentence)
         and spaced_head_search(pat.facility_needs, pat.facility_heads, sentence)
         and pat.facility_phrase.search(sentence))
    if not m:
        return None
    return location_of(
        m.group("name"), last, 2, offset + m.start("name"), offset + m.end("name"), False
    )


def facility_town(name: str, context: GeoContext | None) -> Place | None:
    """The town a named facility is named after ("the X Power Plant", "the X TV Tower", "the X
    Steel Plant"): the name without its article and without the words that say what the
    facility is (its site nouns, ``facility_modifiers`` and ``facility_name_kinds`` of
    ``data/geo.yaml``), when those remaining words, all of them, are a town of the document's
    primary countries by its own name (GUIDELINES: the nearest town that represents the place,
    which the narrative's last place does not). "the X Y Bridge", "the X Y Hill" and "the X
    Legion headquarters" leave words that are no town as a whole, so no first word alone is
    read as one. A town too small to be the namesake of a works
    (``facility_town_min_population``) or in another country is no such town: a facility named
    after a person or a word may share the name of a village anywhere."""
    if context is None or not context.primary_codes:
        return None
    lex = geo_lexicon()
    words = name.split()
    if words and words[0].lower() in lex.articles:
        words = words[1:]
    kinds = _facility_name_words()
    while words and words[-1].lower() in kinds:
        words.pop()
    if not words or len(words) > 3 or not all(w[:1].isupper() for w in words):
        return None
    head = " ".join(words)
    gaz = geocoder()
    if gaz.country_of_name(head) is not None:
        return None  # "the Syrian Arab Red Crescent warehouse": whose it is, not where
    least = lex.thresholds["facility_town_min_population"]
    codes = context.primary_codes
    for m in gaz.matches(head, codes, skeleton=False):
        place = m.place
        if (m.tier <= TIER_FOLD and (m.main_name or m.agree) and place.country_code in codes
                and (place.population or 0) >= least):
            return place
    return None


def regional_facility_area(name: str, context: GeoContext | None) -> Place | None:
    """The town a facility of a regional kind is named after ("the X Nuclear Power Plant":
    ``regional_facility_kinds`` of ``data/geo.yaml``) when that town is the seat of a
    first-level area of the same name: the facility is named after the area, and stands
    somewhere in it, not at its capital. ``None`` for any other name."""
    if not _regional_kinds() & {w.lower() for w in name.split()}:
        return None
    town = facility_town(name, context)
    if town is None or not town.admin1:
        return None
    from warlog.geo.admin_names import admin1_codes_named

    lex = geo_lexicon()
    words = [w for w in name.split() if w.lower() not in _facility_name_words()]
    if words and words[0].lower() in lex.articles:
        words = words[1:]
    named = {*admin1_codes_named(" ".join(words)), *admin1_codes_named(town.name)}
    return town if town.admin1 in named else None


@cached
def _regional_kinds() -> frozenset[str]:
    return frozenset(str(w).lower() for w in load_yaml("geo.yaml")["regional_facility_kinds"])


@cached
def _facility_name_words() -> frozenset[str]:
    """The lower-case words that say what a named facility is, not after what it is named:
    each word of the site nouns, the facility modifiers and ``facility_name_kinds``."""
    lex = geo_lexicon()
    words = {w for phrase in lex.facility_words | lex.facility_modifiers for w in phrase.split()}
    words |= {str(w).lower() for w in load_yaml("geo.yaml")["facility_name_kinds"]}
    return frozenset(words)


def fallback_location(context: GeoContext | None, name: str | None = None) -> Location | None:
    """The document's last resolved place as a precision-2 location (``name`` or its own)."""
    if context is None:
        return None
    last = context.last_place()
    if last is None:
        return None
    return location_of(name or last.name, last, 2, -1, -1)
