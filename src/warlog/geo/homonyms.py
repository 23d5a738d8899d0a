"""The right namesake by the document's geography: a last check of a sentence's readings.

The place finder (:mod:`warlog.geo.places`) ranks the readings of a name by name fit,
countries, population and nearness to the document's front, and drops readings far from the
front with exceptions (a town of the document's countries, a large city abroad, a sentence
that names a country). :func:`check_homonyms` looks at the readings it kept, one sentence at a
time, and applies what the guidelines ask of a place ("the coordinates of the named place",
in the conflict the article reports) where the finder is lenient:

- **a part of a town** ("the X neighbourhood", "X and Y districts of the city") lies in the
  town the document is at: a reading farther than ``section_far_km`` from the front is a
  namesake in another town (checked however large the namesake is);
- **a reading abroad** (not one of the document's countries) farther than ``foreign_far_km``
  from the front, in a country the sentence does not name, is a namesake: the spread of an
  article over its own country does not make a foreign village likely. A city of
  ``far_keep_abroad_population`` named by its main name stays ("talks in Astana"). A
  country is named by its name, or by its demonym as a place's adjective ("the Kenyan town
  of X"); a party's demonym ("Kenyan troops attacked X") names it only in a sentence that
  names no town at home near the front ("... from the hills facing Y" does), and a border's
  ("near the Kenyan border") never;
- **a reading at home far from the front** that the finder kept only because the sentence
  names its country is a namesake when that country is the one the document is about and the
  sentence does not place anything in it ("Ukraine recaptured X, Y and Z" says nothing of
  where they are; "X in northeastern Syria" does: ``country_locatives``); a far
  reading in a country of the document other than the one it is about needs that country
  named as above, a party's demonym never;
- **a region read abroad** in a sentence that names another country ("X Governorate,
  Yemen") is the region of that name in the named country when the gazetteer has one;
- every check spares a reading within ``front_far_km`` of another place of the same sentence
  that passes them (a list of villages around one town, "X, near Y").

A far reading gives way to another reading of the same name within ``alternative_km`` of the
front; else the name is coded, named as the text names it and at precision 2 (the guidelines'
"nearest town that represents" a place the gazetteer does not list), at the nearest town of
the same sentence that passed, else, for a place at home or a part of a town, at the front's
town (:meth:`GeoContext.front_town`). A foreign reading with neither is dropped: as likely no
place at all ("the Paris attacks") as a village abroad. Thresholds are in
``data/geo_homonyms.yaml`` and ``geo.yaml``; every step is constant work per mention.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from warlog.data import cached, load_yaml
from warlog.geo.context import NAME_WORD, GeoContext, country_mentions
from warlog.geo.gazetteer import TIER_EXACT, TIER_FOLD, haversine_km
from warlog.geo.lexicon import geo_lexicon
from warlog.geo.normalize import normalize
from warlog.geo.places import PlaceMention
from warlog.model import Place
from warlog.plugins import geocoder


@dataclass(frozen=True, slots=True)
class _Rules:
    section_after: re.Pattern[str]  # "neighbourhood", "district of the city" after a name
    sections_after: re.Pattern[str]  # the plural: after the last name of a list
    joiner: re.Pattern[str]  # between two names of one list: ", ", " and ", ", and "
    listed: re.Pattern[str]  # a name and a list joiner end the text before a name
    locative: re.Pattern[str]  # ends the text before a country that places a name in it
    demonym_place: re.Pattern[str]  # after a demonym that names a place ("Kenyan town")
    demonym_border: re.Pattern[str]  # after a demonym that names a border ("Kenyan border")
    section_far_km: float
    foreign_far_km: float
    foreign_min_places: int
    alternative_km: float
    world_city_population: int
    world_city_ratio: float
    world_city_qualifier_chars: int


def _alt(words: Sequence[str]) -> str:
    return "|".join(re.escape(str(w)) for w in sorted(words, key=len, reverse=True))


@cached
def rules() -> _Rules:
    y = load_yaml("geo_homonyms.yaml")
    the = _alt(["the"])

    def section(words: str, districts: str) -> re.Pattern[str]:
        return re.compile(
            rf"\s+(?:(?:{_alt(y[words])})|(?:{_alt(y[districts])})\s+of\s+{the}\s+"
            rf"(?:{_alt(y['town_words'])}))(?![\w-])",
            re.IGNORECASE,
        )

    compass = _alt(geo_lexicon().direction_adjectives)
    locative = rf"\b(?:{_alt(y['country_locatives'])})\s+(?:{the}\s+)?(?:(?:{compass})\s+)?$"
    lex = geo_lexicon()
    place_words = (
        set(lex.settlement_words) | set(lex.area_words) | set(lex.part_words)
        | {str(w) for w in y["demonym_place_words"]}
    )
    demonym_place = rf"\s+(?:[a-z][\w-]*\s+)?(?:{_alt(place_words)})(?![\w-])"
    return _Rules(
        section_after=section("section_words", "district_words"),
        sections_after=section("section_words_plural", "district_words_plural"),
        joiner=re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)", re.IGNORECASE),
        listed=re.compile(r"[A-Z][\w'’\-]*(?:,\s*(?:and\s+)?|\s+and\s+)$"),
        locative=re.compile(locative, re.IGNORECASE),
        demonym_place=re.compile(demonym_place),
        demonym_border=re.compile(
            rf"\s+(?:{_alt(y['demonym_border_words'])})(?![\w-])", re.IGNORECASE
        ),
        section_far_km=float(y["section_far_km"]),
        foreign_far_km=float(y["foreign_far_km"]),
        foreign_min_places=int(y["foreign_min_places"]),
        alternative_km=float(y["alternative_km"]),
        world_city_population=int(y["world_city_population"]),
        world_city_ratio=float(y["world_city_ratio"]),
        world_city_qualifier_chars=int(y["world_city_qualifier_chars"]),
    )


class _Check:
    """One sentence's readings against the document's front."""

    def __init__(
        self, sentence: str, offset: int, mentions: Sequence[PlaceMention], ctx: GeoContext
    ) -> None:
        self.s = sentence
        self.offset = offset
        self.mentions = list(mentions)
        self.ctx = ctx
        self.front = ctx.front
        self.rules = rules()
        self.th = geo_lexicon().thresholds
        self._named: frozenset[str] | None = None
        self._parties: frozenset[str] = frozenset()
        self._home: bool | None = None
        self._placed: frozenset[str] | None = None

    # ------------------------------------------------------------------ what the text says
    def named_countries(self) -> frozenset[str]:
        """Countries the sentence names as places (computed once): by name or alias, or by
        a demonym that is the adjective of a place ("the Kenyan town of", "on the Kenyan
        side": ``demonym_place``). A demonym that names a party ("Kenyan troops attacked
        X") says who fought, not where X is: its country is in :meth:`party_countries`."""
        if self._named is None:
            gaz = geocoder()
            s = self.s
            after = self.rules.demonym_place
            border = self.rules.demonym_border
            words = list(NAME_WORD.finditer(s))
            named: set[str] = set()
            parties: set[str] = set()
            for gram, i, code, by_name in country_mentions(s, gaz, words):
                if code is None:  # never without ``others``
                    continue
                if by_name:
                    named.add(code)
                else:
                    end = words[i].start() + len(gram)
                    if after.match(s, end):
                        named.add(code)
                    elif not border.match(s, end):
                        parties.add(code)
            self._named = frozenset(named)
            self._parties = frozenset(parties - named)
        return self._named

    def party_countries(self) -> frozenset[str]:
        """Countries the sentence names only by the demonym of a party ("Kenyan troops")."""
        self.named_countries()
        return self._parties

    def home_anchor(self) -> bool:
        """Whether the sentence names a town of the country the document is about near the
        front (computed once): the sentence is placed at home."""
        if self._home is None:
            primary = self.ctx.primary_codes
            front = self.front
            self._home = any(
                m.kind == "city" and m.place.latitude is not None
                and m.place.country_code in primary and not front.is_far(m.place)
                for m in self.mentions
            )
        return self._home

    def sections(self) -> list[bool]:
        """Per mention: the text makes it a part of a town (followed by a section word, or
        one of a list of names followed by the plural: "the X and Y neighbourhoods")."""
        ms = self.mentions
        out = [False] * len(ms)
        rules = self.rules
        joined = [
            i + 1 < len(ms)
            and bool(
                rules.joiner.fullmatch(
                    self.s, ms[i].end - self.offset, ms[i + 1].start - self.offset
                )
            )
            for i in range(len(ms))
        ]
        for i in range(len(ms) - 1, -1, -1):
            end = ms[i].end - self.offset
            if rules.section_after.match(self.s, end):
                out[i] = True
            elif rules.sections_after.match(self.s, end):
                # the last of a list of names (known or not); one name alone is the town
                # whose parts they are ("X neighbourhoods")
                start = ms[i].start - self.offset
                out[i] = bool(rules.listed.search(self.s, max(0, start - 40), start))
            elif joined[i] and out[i + 1]:
                out[i] = True
        return out

    # ------------------------------------------------------------------ distances
    def _far_limit(self) -> float:
        return max(
            self.rules.foreign_far_km, self.th["front_far_radius_factor"] * self.front.radius()
        )

    def is_far(self, m: PlaceMention, place: Place, section: bool) -> bool:
        """Whether ``place`` as the reading of ``m`` is a namesake far from the front."""
        front = self.front
        d = front.distance(place)
        if d is None:
            return False
        if section:
            return d > self.rules.section_far_km
        codes = self.ctx.country_codes
        cc = place.country_code
        if cc not in codes:
            if len(front) < self.rules.foreign_min_places or d <= self._far_limit():
                return False
            if cc in self.named_countries():
                return False
            # a party's demonym is the sentence's only hint that it goes abroad ("Libyan
            # jets struck X"), unless a town at home places it ("... from the hills facing Y")
            if cc in self.party_countries() and not self.home_anchor():
                return False
            big = place.population >= self.th["far_keep_abroad_population"]
            return not (big and _main_name(m, place))
        if not front.is_far(place):
            return False
        if place.population >= self.th["far_keep_population"]:
            return False  # a town of the document's countries (the finder's own rule)
        if cc in self.named_countries() and cc not in self.ctx.primary_codes:
            return False  # named: a country of the document other than the one it is about
        return cc not in self.placed_in()

    def placed_in(self) -> frozenset[str]:
        """Countries the sentence places something in ("in northeastern Syria")."""
        if self._placed is None:
            loc = self.rules.locative
            self._placed = frozenset(
                m.place.country_code
                for m in self.mentions
                if m.kind == "country"
                and loc.search(self.s, max(0, m.start - self.offset - 40), m.start - self.offset)
            )
        return self._placed

    def _alternative(self, m: PlaceMention, section: bool) -> Place | None:
        """Another reading of ``m`` near the front (the finder's others, then the exact or
        folded readings in the document's countries), best first."""
        limit = self.rules.section_far_km if section else self.rules.alternative_km
        front = self.front
        seen = {m.place.geonameid}
        for cand in m.candidates:
            seen.add(cand.geonameid)
            d = front.distance(cand)
            if d is not None and d <= limit:
                return cand
        codes = self.ctx.country_codes
        for match in geocoder().matches(m.text, codes, skeleton=False):
            p = match.place
            if p.geonameid in seen or p.country_code not in codes:
                continue
            if match.tier == TIER_FOLD and not match.agree:
                continue
            if match.tier > TIER_FOLD:
                continue
            d = front.distance(p)
            if d is not None and d <= limit:
                return p
        return None

    # ------------------------------------------------------------------ the pass
    def _region_named_abroad(self, m: PlaceMention) -> PlaceMention:
        """A region read in a country that is not the one the document is about, in a
        sentence that names another country ("X Governorate, Yemen", "X Province in
        Yemen"): the region of that name in the named country, if the gazetteer has it."""
        cc = m.place.country_code
        named = [x.place.country_code for x in self.mentions if x.kind == "country"]
        if not named or cc in named or cc in self.ctx.primary_codes:
            return m
        base = _region_name(m.text)
        gaz = geocoder()
        for code in named:
            found = gaz.region(base, code) if base else None
            if found is not None and found.country_code == code:
                return replace(m, place=found)
        return m

    def run(self) -> list[PlaceMention]:
        self.mentions = ms = [
            self._region_named_abroad(m) if m.kind in ("admin1", "region") else m
            for m in self.mentions
        ]
        sections = self.sections()
        far = [
            m.kind == "city"
            and m.place.latitude is not None
            and self.is_far(m, m.place, sections[i])
            for i, m in enumerate(ms)
        ]
        if not any(far):
            return ms
        anchors = [
            m.place
            for i, m in enumerate(ms)
            if not far[i] and m.kind != "country" and m.place.latitude is not None
        ]
        out: list[PlaceMention] = []
        for i, m in enumerate(ms):
            if not far[i] or (not sections[i] and self._near_anchor(m.place, anchors)):
                out.append(m)
                continue
            alt = self._alternative(m, sections[i])
            if alt is not None:
                out.append(replace(m, place=alt, candidates=(), tier=TIER_EXACT))
                continue
            # the namesake is not meant: the name is coded, as ACLED codes a place it cannot
            # find, at the nearest known town (precision 2): a town of the sentence that
            # passed, else (a name the text gives as a place of the document's own country
            # or a part of a town) the town the front is at. A foreign reading with no town
            # beside it is as likely no place at all ("the Paris attacks", a vehicle's name):
            # it is dropped, and the name left to the narrative.
            town = self._beside(i, far, sections[i])
            if town is None and (sections[i] or m.place.country_code in self.ctx.country_codes):
                town = self.ctx.front_town(self.rules.alternative_km)
            if town is not None:
                out.append(replace(m, place=town, candidates=(), precision=2))
        return out

    def _beside(self, i: int, far: list[bool], section: bool) -> Place | None:
        """The town of the sentence nearest (in the text) to mention ``i`` that is not far
        (for a part of a town, one within ``alternative_km`` of the front)."""
        ms = self.mentions
        best: tuple[int, Place] | None = None
        for j, m in enumerate(ms):
            if j == i or far[j] or m.kind != "city" or m.place.latitude is None:
                continue
            if section:
                d = self.front.distance(m.place)
                if d is None or d > self.rules.alternative_km:
                    continue
            gap = abs(j - i)
            if best is None or gap < best[0]:
                best = (gap, m.place)
        return best[1] if best else None

    def _near_anchor(self, place: Place, anchors: Sequence[Place]) -> bool:
        """Within ``front_far_km`` of another good place of the sentence."""
        limit = self.th["front_far_km"]
        return any(
            haversine_km(place.latitude, place.longitude, a.latitude, a.longitude) <= limit
            for a in anchors
            if a is not place
        )


def _region_name(text: str) -> str:
    """ "al Bayda Governorate", "Governorate of al Bayda" -> "al Bayda": the name without its
    region words."""
    lex = geo_lexicon()
    low = text.lower()
    for prefix in lex.region_prefixes:
        if low.startswith(prefix + " "):
            text = text[len(prefix) + 1 :]
            break
    words = text.split()
    while len(words) > 1 and words[-1].lower() in lex.region_suffixes:
        words.pop()
    return " ".join(words)


def _main_name(m: PlaceMention, place: Place) -> bool:
    return normalize(m.text) == normalize(place.name)


def _world_city(
    sentence: str, offset: int, m: PlaceMention, mentions: Sequence[PlaceMention]
) -> PlaceMention:
    """A town read for the name of a world city ("Moscow", "Belgrade", "Madrid", "Kabul")
    is that city unless the text qualifies the town ("Moscow, Idaho"): the document's
    countries rank a small namesake at home first ("the outer suburbs of Moscow" in an
    article that first lands American troops in France was Moscow, Idaho), but a name
    written exactly as a city of millions abroad means that city.

    The city must be ``world_city_population`` large and ``world_city_ratio`` times the
    town, read by its main name or exactly; a place of the town's country named within
    ``world_city_qualifier_chars`` after the name keeps the town (its country's name, or a
    place of its country: "Moscow, Idaho")."""
    p = m.place
    r = rules()
    if m.kind != "city" or p.population >= r.world_city_population:
        return m
    big = None
    for match in geocoder().matches(m.text, None, skeleton=False):
        q = match.place
        if (q.kind == "city" and q.country_code != p.country_code and q.latitude is not None
                and (match.main_name or match.tier == TIER_EXACT)
                and match.tier <= TIER_FOLD
                and q.population >= r.world_city_population
                and q.population >= r.world_city_ratio * max(p.population, 1)
                and (big is None or q.population > big.population)):
            big = q
    if big is None:
        return m
    reach = m.end + r.world_city_qualifier_chars
    if p.country.lower() in sentence[m.end - offset : reach - offset].lower() or any(
        m.end <= x.start < reach and x.place.country_code == p.country_code
        for x in mentions
    ):
        return m  # "Moscow, Idaho": a place of the town's country right after it
    return replace(m, place=big, candidates=(), tier=TIER_EXACT)


def check_homonyms(
    sentence: str, offset: int, mentions: Sequence[PlaceMention], ctx: GeoContext | None
) -> list[PlaceMention]:
    """``mentions`` with far namesakes replaced (see the module doc), and a town read for
    a world city's name read as that city (:func:`_world_city`). Nothing else changes
    before the document has a front."""
    mentions = [_world_city(sentence, offset, m, mentions) for m in mentions]
    if ctx is None or not mentions or not len(ctx.front):
        return mentions
    return _Check(sentence, offset, mentions, ctx).run()
