"""What a document has told us about geography so far: its countries and its resolved places.

Homonyms are everywhere in a world gazetteer (a "Palmyra" in Australia, a "Kherson" in
Greece). The document's own context wins over population: candidates in the document's
countries come first, and among those, candidates within ``context_km`` (``geo.yaml``) of the
places the document has already resolved are preferred. :meth:`GeoContext.from_document`
guesses the countries from the metadata (``place``, ``title``, ``description``, ``tags``) and
the opening text; callers then :meth:`GeoContext.record` each place they resolve, in reading
order, so later mentions (and facilities with no town named) can lean on them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from warlog.data import cached, load_yaml
from warlog.geo.front import Front
from warlog.geo.gazetteer import TIER_SKELETON, haversine_km
from warlog.geo.lexicon import geo_lexicon
from warlog.geo.normalize import normalize
from warlog.geo.protocol import Geocoder
from warlog.geo.sources import has_source_cue, is_source_place
from warlog.model import Document, Location, Place
from warlog.plugins import geocoder

# Capitalised words (with inner hyphens/apostrophes) and dotted acronyms ("U.S."). What
# "(?:[A-Z]\.){2,}|[A-Z][\w'’\-]*" matches, written to open with one capital letter: the
# regex engine then skips in C every position that holds none (speed; the same matches)
NAME_WORD = re.compile(r"[A-Z](?:\.(?:[A-Z]\.)+|[\w'’\-]*)")
_MAX_NGRAM = 4
_TEXT_HEAD = 4000
_WEIGHTS = {"place": 6.0, "title": 3.0, "subject": 3.0, "description": 2.0, "tags": 1.0}
_MAX_CODES = 4
_MAX_PRIMARY = 2
_RECENT = 12


def _texts(value: Any) -> Iterable[str]:
    if value is None:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _texts(v)
    elif isinstance(value, Iterable):
        for v in value:
            yield from _texts(v)
    else:
        yield str(value)


@cached
def operation_heads() -> frozenset[str]:
    """``operation_heads`` of ``data/geo.yaml``: the capitalised words after one name an
    operation, not a place."""
    return frozenset(str(w).lower() for w in load_yaml("geo.yaml")["operation_heads"])


@cached
def _inner_particle() -> re.Pattern[str]:
    """A capitalised word and a particle inside a longer name right before a word ("Norte de
    |Santander", "Ras al |Ayn": ``unlisted_particles`` of ``data/geo.yaml``)."""
    words = load_yaml("geo.yaml")["name_parts"]["unlisted_particles"]
    alt = "|".join(sorted((re.escape(str(w)).replace(r"\ ", " ") for w in words), key=len,
                          reverse=True))
    return re.compile(rf"[A-Z][\w'’\-]*[ ](?:{alt})[ ]$")


@cached
def _particle_ends() -> tuple[str, ...]:
    """" de ", " al ": what the text before a word must end with for :func:`_inner_particle`
    to match there (its particle between single spaces)."""
    words = load_yaml("geo.yaml")["name_parts"]["unlisted_particles"]
    return tuple(f" {w} " for w in map(str, words))


def _inside_name(text: str, words: list[re.Match[str]], i: int) -> bool:
    """Whether the capitalised word ``words[i]`` goes on a longer name after a name's inner
    particle ("Norte de |Santander", "Ras al |Ayn"). Such a word names no town. (The pattern
    is searched only after a particle: tried at every character before each word, it cost a
    scan.)"""
    start = words[i].start()
    lo = max(0, start - 40)
    return text[start - 1 : start] == " " and text.endswith(_particle_ends(), lo, start) and bool(
        _inner_particle().search(text, lo, start))


def name_ngrams(text: str, words: list[re.Match[str]] | None = None,
                 ) -> Iterable[tuple[str, int]]:
    """Runs of up to four consecutive capitalised words (space-separated) in ``text``; none
    that starts where a source sits ("the ambassador to Spain"). Each with the index of its
    first word in ``words`` (``NAME_WORD``'s matches in ``text``, when the caller has them),
    for :func:`_inside_name`."""
    if words is None:
        words = list(NAME_WORD.finditer(text))
    cues = len(words) > 1 and has_source_cue(text)  # one pass instead of one per word
    heads = operation_heads()
    named = False  # inside an operation's name ("Operation HADIN KAI")
    for i, w in enumerate(words):
        named = i > 0 and text[words[i - 1].end() : w.start()] == " " and (
            named or words[i - 1].group().lower() in heads)
        if named:
            continue
        if (cues or len(words) == 1) and is_source_place(text, w.start()):
            continue
        end = w.end()
        yield w.group(), i
        for j in range(i + 1, min(i + _MAX_NGRAM, len(words))):
            if text[end : words[j].start()] != " ":
                break
            end = words[j].end()
            yield text[w.start() : end], i


def country_mentions(text: str, gaz: Geocoder, words: list[re.Match[str]] | None = None,
                     others: bool = False) -> Iterator[tuple[str, int, str | None, bool]]:
    """The name n-grams of ``text`` (:func:`name_ngrams`) that name a country: ``(gram, i,
    code, True)`` for a country's name or alias, ``(gram, i, code, False)`` for a demonym;
    with ``others`` every other n-gram too, as ``(gram, i, None, False)``. ``i`` indexes the
    gram's first word in ``words`` (the gram ends at ``words[i].start() + len(gram)``). The
    one reading of country mentions :func:`country_votes` and the homonym check
    (:mod:`warlog.geo.homonyms`) share."""
    name_code, of_name = gaz.country_name_code, gaz.country_of_name
    for gram, i in name_ngrams(text, words):
        code = name_code(gram)
        if code:
            yield gram, i, code, True
            continue
        code = of_name(gram)
        if code or others:
            yield gram, i, code, False


def country_votes(text: str, gaz: Geocoder, weight: float = 1.0, cities: bool = True,
                  other_names: bool = False) -> Counter:
    """Weighted counts of the countries that ``text`` names.

    A country name or alias counts ``weight``, a demonym half of it (nationalities name the
    parties as often as the place), and with ``cities`` a capitalised n-gram that is the main
    name of a town of 15,000+ people three quarters (metadata such as ``place: Al-Hasakah``
    names no country). With ``other_names`` (a place field: a dateline's city) a town's other
    name counts too when it is as big as ``unknown_country_exonym_min_population`` says
    ("SAIGON (AP)" in 1968, "BOMBAY, India"). A town's name that goes on a longer name
    after a particle ("Norte de Santander": :func:`_inside_name`) counts nothing.
    """
    votes: Counter = Counter()
    lex = geo_lexicon()
    words = list(NAME_WORD.finditer(text))
    # _inside_name of a first word, asked only of the n-grams that reach the town test
    # (most are countries, demonyms, stop names or no place at all)
    inside: dict[int, bool] = {}
    for gram, i, code, by_name in country_mentions(text, gaz, words, others=cities):
        if code:
            votes[code] += weight if by_name else weight / 2
            continue
        norm = normalize(gram)
        if norm in lex.stop_names or norm in lex.common_words:
            continue
        inner = inside.get(i)
        if inner is None:
            inner = inside[i] = _inside_name(text, words, i)
        if inner:
            continue  # "Norte de Santander": a longer name, no town
        found = gaz.matches(gram, skeleton=False)
        if not found:
            continue
        pop = found[0].place.population
        if (found[0].main_name and pop >= 15000) or (
                other_names and pop >= lex.thresholds["unknown_country_exonym_min_population"]):
            votes[found[0].place.country_code] += weight * 0.75
    return votes


def _dateline_country(city: str, region: str | None, gaz: Geocoder) -> str | None:
    """The country code of a dateline's city read in the region the dateline names (None
    when it names none warlog knows)."""
    if not region:
        return None
    from warlog.geo.dateline import dateline_place

    found = dateline_place(city, region)
    return gaz.country_name_code(found.country) if found and found.country else None


def _home_place(city: str, region: str | None, code: str | None, gaz: Geocoder) -> Place | None:
    """The place of a dateline's city: its most likely place (in ``code``, the country of the
    region the dateline names, when it names one)."""
    found = gaz.matches(city, (code,) if code else None, skeleton=False)
    if not found or (code and found[0].place.country_code != code):
        return None
    return found[0].place


@cached
def _bureau_cities() -> frozenset[str]:
    return frozenset(normalize(str(c)) for c in load_yaml("geo.yaml")["bureau_cities"])


@cached
def _bureau_home_words() -> re.Pattern[str]:
    """Words by which a story speaks of its dateline's city unnamed: ``bureau_home_words``
    ("the capital") and the words of a part of a town (``geo_homonyms.yaml``: "the Christian
    quarter", "a western neighbourhood")."""
    parts = load_yaml("geo_homonyms.yaml")
    words = [*load_yaml("geo.yaml")["bureau_home_words"], *parts["section_words"],
             *parts["section_words_plural"]]
    alt = "|".join(re.escape(str(w).lower()) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{alt})\b")


def _story_countries(head: str, gaz: Geocoder) -> set[str]:
    """The countries a story names by its words and its parties: a country's name or
    demonym ("Syrian troops"), or a party of the actor dictionary that belongs to one ("the
    Arakan Army"). Its towns are left out: a town's name may be a namesake abroad."""
    from warlog.actors.dictionary import ActorIndex

    codes = {code for _, _, code, _ in country_mentions(head, gaz) if code}
    for m in ActorIndex.load().find(head, generic=False, countries=False):
        code = gaz.country_name_code(m.country) if m.country else None
        if code:
            codes.add(code)
    return codes


def _bureau_abroad(city: str, code: str | None, head: str, gaz: Geocoder) -> bool:
    """Whether a dateline's city is an agency's bureau abroad: the story names countries by
    its words and parties (:func:`_story_countries`), and not the city's own. "BANGKOK
    (Reuters) - The Arakan Army said it captured two outposts" was filed in Thailand about
    Myanmar; GUIDELINES code the event's place, not where it was reported from, so such a
    city gives the document no country (it is still the place of an event the story places
    nowhere). Only a city where agencies keep a regional bureau (``bureau_cities`` in
    ``data/geo.yaml``) is read so: "KABUL (Reuters) - U.S. troops ..." is filed where it
    happened. ``code``: the city's country when the dateline names its region."""
    if not head or normalize(city) not in _bureau_cities():
        return False
    if code is None:
        found = gaz.matches(city, skeleton=False)
        if not found:
            return False
        code = found[0].place.country_code
    named = _story_countries(head, gaz)
    if not named or code in named:
        return False
    if _bureau_home_words().search(head.lower()):
        return False  # "the western sector of the capital": the dateline's city itself
    # a place of the city's own country named ("... and in X", a town of it): filed at home
    return not any(m.place.country_code == code and m.tier < TIER_SKELETON
                   for gram, _ in name_ngrams(head)
                   for m in gaz.matches(gram, (code,), skeleton=False))


@dataclass(slots=True)
class GeoContext:
    """Countries of a document and the places resolved so far, in reading order."""

    country_codes: tuple[str, ...] = ()  # the document's countries, most named first
    primary_codes: tuple[str, ...] = ()  # where the events are (small places accepted there)
    places: list[Place] = field(default_factory=list)
    front: Front = field(default_factory=Front)  # where the confidently resolved places are
    # the country of a dateline filed at home ("MAPUTO (Reuters) -"), and the countries the
    # opening text names by name or demonym (set only with a home dateline)
    home_code: str = ""
    home_point: tuple[float, float] | None = None
    named_codes: frozenset[str] = frozenset()
    _near_memo: dict[int, tuple[Place, bool]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if not self.primary_codes:
            self.primary_codes = self.country_codes[:1]

    @classmethod
    def from_document(cls, doc: Document, gaz: Geocoder | None = None,
                      place_hint: str | None = None) -> GeoContext:
        """Guess the document's countries from ``doc.meta`` and the start of ``doc.text``
        (``place_hint``: where its infobox puts it, voted as a metadata ``place``)."""
        return cls.from_meta(doc.meta, doc.text[:_TEXT_HEAD], gaz, place_hint)

    @classmethod
    def from_meta(
        cls, meta: dict[str, Any], head: str = "", gaz: Geocoder | None = None,
        place_hint: str | None = None,
    ) -> GeoContext:
        """As :meth:`from_document`, from a metadata dict and the document's opening text."""
        gaz = gaz or geocoder()
        votes: Counter = Counter()
        line = meta.get("dateline") or {}
        home: Place | None = None
        for key, weight in _WEIGHTS.items():
            for text in _texts(meta.get(key)):
                if key == "place" and text == line.get("city"):
                    code = _dateline_country(text, line.get("region"), gaz)
                    if _bureau_abroad(text, code, head, gaz):
                        continue  # "BEIRUT (Reuters) - Syrian troops shelled ...": filed there
                    home = _home_place(text, line.get("region"), code, gaz)
                    if code:  # "SALISBURY, Rhodesia": the city of that region, not of England
                        votes[code] += weight * 0.75
                        continue
                votes.update(country_votes(text, gaz, weight, other_names=key == "place"))
        votes.update(country_votes(head, gaz, 1.0))
        if place_hint:
            votes.update(country_votes(place_hint, gaz, _WEIGHTS["place"], other_names=True))
        codes, primary = choose_countries(votes)
        if home is None or home.country_code not in primary or home.latitude is None:
            return cls(country_codes=codes, primary_codes=primary)
        named = frozenset(code for _, _, code, _ in country_mentions(head, gaz) if code)
        return cls(country_codes=codes, primary_codes=primary, home_code=home.country_code,
                   home_point=(home.latitude, home.longitude), named_codes=named)

    def record(self, item: Place | Location | None) -> None:
        """Remember a resolved place (countries and coordinate-less items are ignored)."""
        place = _as_place(item)
        if place is None or place.latitude is None or place.kind == "country":
            return
        if self.places and self.places[-1] is place:
            return
        self._near_memo.clear()
        self.places.append(place)
        if _confident(item, place):
            self.front.add(place.latitude, place.longitude)
        if len(self.places) > _RECENT:
            del self.places[0]
        if place.country_code and place.country_code not in self.country_codes:
            # a resolved place in another country widens the context only when it recurs
            seen = sum(1 for p in self.places if p.country_code == place.country_code)
            if seen >= 3:
                self.country_codes = (*self.country_codes, place.country_code)

    def last_place(self) -> Place | None:
        """The most recently recorded place (the fallback for a facility with no town)."""
        return self.places[-1] if self.places else None

    def front_town(self, within_km: float) -> Place | None:
        """The town the document is at: of the recent places within ``within_km`` of its
        front's medoid, the one recorded most often (then the most populous, then the
        latest). A named part of a town with no town named lies there. ``None`` before any
        front. Constant work: at most :data:`_RECENT` places."""
        mid = self.front.medoid()
        if mid is None:
            return None
        counts: Counter = Counter(p.geonameid for p in self.places if p.geonameid)
        # a recorded Location keeps no population: the gazetteer's place by its id has it
        by_id = getattr(geocoder(), "by_id", None)
        best: tuple[int, int, int] | None = None
        town: Place | None = None
        for order, p in enumerate(self.places):
            if not p.geonameid or haversine_km(mid[0], mid[1], p.latitude, p.longitude) > within_km:
                continue
            full = by_id(p.geonameid) if by_id and not p.population else p
            key = (counts[p.geonameid], (full or p).population, order)
            if best is None or key > best:
                best, town = key, full or p
        return town

    def distance_to_recent(self, place: Place) -> float | None:
        """Kilometres from ``place`` to the nearest recorded place (None if none recorded)."""
        if place.latitude is None or not self.places:
            return None
        return min(
            haversine_km(place.latitude, place.longitude, p.latitude, p.longitude)
            for p in self.places
        )

    def is_near(self, place: Place) -> bool:
        """Within ``context_km`` of a place the document has already resolved (memoised
        until the next :meth:`record`)."""
        key = id(place)
        hit = self._near_memo.get(key)
        if hit is None or hit[0] is not place:
            d = self.distance_to_recent(place)
            hit = (place, d is not None and d <= geo_lexicon().thresholds["context_km"])
            self._near_memo[key] = hit
        return hit[1]


def choose_countries(votes: Counter) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(all, primary) countries: a fair share of the votes (a quarter / half of the top)."""
    if not votes:
        return (), ()
    ranked = votes.most_common()
    top = ranked[0][1]
    codes = [c for c, n in ranked if n >= max(1.0, top / 4)][:_MAX_CODES] or [ranked[0][0]]
    primary = [c for c, n in ranked if n >= top / 2][:_MAX_PRIMARY]
    return tuple(codes), tuple(primary)


def _confident(item: Place | Location, place: Place) -> bool:
    """A town or a point the text named (not a region coded to its capital): it draws the
    document's front."""
    if isinstance(item, Location):
        return item.geo_precision <= 2
    return place.kind == "city"


def _as_place(item: Place | Location | None) -> Place | None:
    if item is None or isinstance(item, Place):
        return item
    if item.latitude is None:
        return None
    return Place(
        geonameid=item.geonameid or 0,
        name=item.name,
        latitude=item.latitude,
        longitude=item.longitude or 0.0,
        country_code=_country_code(item.country),
        country=item.country or "",
        admin1=item.admin1,
        population=0,
        kind="city",
    )


def _country_code(name: str | None) -> str:
    if not name:
        return ""
    return geocoder().country_of_name(name) or ""
