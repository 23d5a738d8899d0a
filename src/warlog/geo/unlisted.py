"""Places the gazetteer does not list, named as the text names them.

News reports name villages and small towns ("near Oicha", "the town of Adan Yabaal") that an
offline gazetteer of towns of 500 people and more often lacks, or lists under another
spelling. The guidelines code the place "as the text names it", so such a name is still the
event's location: a run of capitalised words right after a place cue of ``data/geo.yaml``
(``unlisted_place_cues``: "near", "outside", "the town of"...; after "in"/"at" only when the
name ends its clause), kept without coordinates and in the document's country.

A run is refused when any of its words is a known word (stop names, common words, titles,
months and weekdays, words of non-places), an acronym, a country or a demonym, or when it is
a person's name by the rules of :mod:`warlog.geo.persons`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from warlog import lang
from warlog.data import cached, load_yaml
from warlog.geo.admin1 import admin1_name
from warlog.geo.context import GeoContext
from warlog.geo.lexicon import geo_lexicon
from warlog.geo.normalize import normalize, skeleton_key
from warlog.geo.persons import is_person_name
from warlog.model import Location, Place
from warlog.nlp.alternation import HeadFilter, spaced_char, trie_alternation
from warlog.plugins import geocoder


def _alt(words: Sequence[str], lower: bool = True) -> str:
    """Regex alternation of literal phrases, longest first, a space matching any spaces,
    written as a trie (:func:`~warlog.nlp.alternation.trie_alternation`); ``lower=False``
    for a pattern matched case-sensitively (the name parts)."""
    return trie_alternation({str(w) for w in words}, spaced_char, lower=lower)


@cached
def _name_re() -> str:
    """One to four capitalised words, with glued prefixes and inner particles ("Ras al Ayn")."""
    parts = load_yaml("geo.yaml")["name_parts"]
    prefixes = _alt(parts["unlisted_prefixes"], lower=False)
    particles = _alt(parts["unlisted_particles"], lower=False)
    word = rf"(?:{prefixes}[-'’])?[A-Z][\w'’]*(?:-[\w'’]+)*"
    return rf"{word}(?:\s+(?:{particles}\s+)?{word}){{0,3}}"


@cached
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    y = load_yaml("geo.yaml")

    alt = _alt
    name = rf"(?P<name>{_name_re()})"
    the = alt(y["location_phrase_words"]["article"], lower=False)  # matched case-sensitively
    cue = re.compile(rf"(?i:\b{alt(y['unlisted_place_cues'])})\s+(?:{the}\s+)?(?-i:{name})")
    inside = re.compile(
        rf"(?i:\b{alt(y['unlisted_place_in'])})\s+(?-i:{name})"
        rf"(?=\s*(?:[,.;:)]|$)|\s+(?i:{alt(y['unlisted_place_followers'])})\b)"
    )
    return cue, inside


@cached
def _cue_heads() -> HeadFilter:
    """Whether a sentence holds a place cue's first letters at all (the cue pattern is tried
    at every word; most sentences have no cue)."""
    return HeadFilter(str(w) for w in load_yaml("geo.yaml")["unlisted_place_cues"])


def _cue_matches(cue: re.Pattern[str], sentence: str) -> Iterator[re.Match[str]]:
    """``cue.finditer(sentence)``, tried only where a cue's first word starts
    (:func:`head_matches`)."""
    return head_matches(cue, _cue_heads(), sentence)


def head_matches(pattern: re.Pattern[str], heads: HeadFilter,
                 sentence: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(sentence)``, tried only where a head of ``heads`` starts: every
    match of ``pattern`` must open with one of the filter's phrases, so for an ASCII sentence
    (lower-casing keeps its offsets, and a case-insensitive letter matches only its two ASCII
    cases) the pattern can match nowhere else. The heads the sentence holds come from the
    automaton pass its head filter made (memoised); a case-insensitive alternation is
    otherwise tried at every position."""
    starts = heads.head_starts(sentence)
    if starts is None:
        yield from pattern.finditer(sentence)
        return
    pos = 0
    for p in starts:
        if p < pos:
            continue  # inside the last match: finditer goes on after its end
        m = pattern.match(sentence, p)
        if m is not None:
            yield m
            pos = m.end()


def spaced_head_search(pattern: re.Pattern[str], heads: HeadFilter, sentence: str) -> bool:
    """Whether ``pattern.search(sentence)`` finds a match, for a pattern each of whose matches
    is one whitespace character and then one of the filter's phrases ("\\s(?i:...)"): for an
    ASCII sentence it is matched only a character before each place a head starts (as
    :func:`head_matches` tries a pattern that opens with a phrase), else searched in full."""
    starts = heads.head_starts(sentence)
    if starts is None:
        return pattern.search(sentence) is not None
    return any(p and pattern.match(sentence, p - 1) for p in starts)


_TRAILING_WORD = re.compile(r"\s+([A-Z][a-z]+)$")
_NEXT_LOWER = re.compile(r"[ \t]+([a-z][\w'’-]*)")  # a lower-case word right after a name
_COMPOUND = re.compile(r"[-–—](?=[A-Z])")  # "Syria-Iraq", "Iraq–Syria"


@cached
def _followers() -> frozenset[str]:
    """The words that may follow an unlisted name and still end its clause ("on", "town")."""
    return frozenset(str(w).lower() for w in load_yaml("geo.yaml")["unlisted_place_followers"])


@cached
def _settlement_or_site() -> frozenset[str]:
    lex = geo_lexicon()
    return lex.settlement_words


def _site_after(sentence: str, e: int) -> bool:
    """Whether a site noun of ``facility_words`` (not a side's holding) follows ``e`` right
    after a space: "the X border crossing", "X airfield" name a site, not a town, and the
    facility path (:func:`~warlog.geo.resolve.facility_location`) codes the site as named."""
    from warlog.geo.phrases import patterns

    return patterns().facility_needs.match(sentence, e) is not None


def _locative(cue: str, inside: bool) -> bool:
    """A cue that places ("near", "in", "the town of"), not a verb ("captured Abu Hamza"
    names a person as often as a place)."""
    words = cue.lower().split()
    if inside or not words:
        return True
    lex = geo_lexicon()
    return " ".join(words[:3]) in lex.near_phrases or words[-1] in lex.locative_cue_endings


def is_known_word(word: str) -> bool:
    """A word no unlisted place's name holds (stop names, common words, titles, demonyms,
    settlement and region words, an acronym)."""
    lex = geo_lexicon()
    norm = normalize(word)
    low = word.lower()
    return (
        (word.isupper() and len(word) > 1)
        or norm in lex.stop_names
        or norm in lex.common_words
        or low in lex.non_place_words
        or low in lex.person_titles
        or low in lex.settlement_words
        or low in lex.facility_words
        or low in lex.region_suffixes
        or norm in lex.demonyms
    )


@cached
def _actor_keys() -> frozenset[str]:
    """Folded names and aliases of the actor dictionary: "captured Taliban" names no place.
    Its places (the names that tell a party's country) are places where the gazetteer lacks
    them ("the island of Mindanao"); one it has is the place finder's to take or refuse
    ("Palmyra" in a text about Israel's air strikes is no Israeli village)."""
    from warlog.actors.lexicon import load_lexicon

    gaz = geocoder()
    return frozenset(p.key for p in load_lexicon().patterns
                     if p.role != "place" or gaz.matches(p.alias, skeleton=False))


@cached
def _dictionary_places() -> dict[str, str]:
    """Folded place names of the actor dictionary (the names that tell a party's country:
    "Manerplaw", "Mindanao") -> their country."""
    from warlog.actors.lexicon import load_lexicon

    return {p.key: p.country for p in load_lexicon().patterns
            if p.role == "place" and p.country}


def _is_actor(name: str) -> bool:
    from warlog.actors.normalize import fold

    keys = _actor_keys()
    folded = fold(name)
    return folded in keys or any(w in keys for w in folded.split())


@cached
def _locator_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The gap between a feature's name and the location phrase that locates it: with a link
    or a preposition ("X Hill, located 5 km ...", "Lake X in Y"), or only spaces and a comma
    ("X Hill near Y"); and the first words of a phrase that locates by itself (a near phrase,
    a distance, a direction, "between")."""
    y = load_yaml("geo.yaml")
    lex = geo_lexicon()
    words = y["location_phrase_words"]
    alt = _alt
    the = alt(words["article"])
    links = alt(y["feature_locator_links"])
    within = alt([*y["feature_locator_within"], *words["relation_leads"]])
    linked = re.compile(
        rf"[\s,]*(?:(?:{links})[\s,]+)*(?:(?:{within})\s+(?:(?:{the})\s+)?)?", re.IGNORECASE
    )
    bare = re.compile(r"[\s,]*")
    starts = [*lex.near_phrases, *lex.directions, *lex.direction_adjectives, *words["between"]]
    locating = re.compile(rf"(?:\d|(?:{alt(starts)})(?![\w-]))", re.IGNORECASE)
    return linked, bare, locating


def located_features(
    sentence: str, offset: int, taken: Sequence[Location], context: GeoContext | None = None
) -> list[Location]:
    """Named sites and terrain no found location covers, at precision 2, coded where the
    location phrase right after them puts them (``feature_locator_*`` in ``data/geo.yaml``:
    "the X air base near Y" at Y, "X Hill, 5 km north of Y" at that point, "Lake X in the Y
    countryside" at the region, precision 3), else at the town of the document's geography
    they are named after ("Mount X", "Lake X", "Jabal X": the feature lies by its town, the
    nearest place that represents it). Document offsets."""
    from warlog.geo.sites import feature_phrases

    linked, bare, locating = _locator_patterns()
    known = sorted((loc for loc in taken if loc.latitude is not None), key=lambda x: x.start)
    spans = [(loc.start - offset, loc.end - offset) for loc in taken]
    out: list[Location] = []
    for s, e, name, by_namesake in feature_phrases(sentence):
        if any(a < e and s < b for a, b in spans):
            continue
        anchor = _locator(sentence, offset, e, known, linked, bare, locating)
        if anchor is not None:
            lat, lon, precision = anchor.latitude, anchor.longitude, max(2, anchor.geo_precision)
            country, admin1 = anchor.country, anchor.admin1
        else:
            town = _namesake_town(name, context) if by_namesake else None
            if town is None or town.latitude is None:
                continue
            lat, lon, precision = town.latitude, town.longitude, 2
            country, admin1 = town.country or None, admin1_name(town.admin1)
        out.append(
            Location(
                _features_name(sentence[s:e]),
                lat,
                lon,
                precision,
                country,
                admin1,
                offset + s,
                offset + e,
                None,
            )
        )
        spans.append((s, e))
    return out


def _namesake_town(name: str, context: GeoContext | None) -> Place | None:
    """The town a feature is named after ("Mount X": X), read strictly: the name as the
    gazetteer spells it (or its folded form that sounds like the main name), in the
    document's primary countries, within ``feature_town_max_km`` of its front (nothing
    before the front is known); the best by :meth:`Match.score`."""
    if context is None or not context.primary_codes or context.front is None:
        return None
    near_km = float(geo_lexicon().thresholds["feature_town_max_km"])
    from warlog.geo.gazetteer import TIER_EXACT, TIER_FOLD

    primary = context.primary_codes
    front = context.front
    best, best_score = None, float("-inf")
    for m in geocoder().matches(name, primary, skeleton=False):
        p = m.place
        if p.country_code not in primary or p.latitude is None:
            continue
        if not (m.tier == TIER_EXACT or (m.tier == TIER_FOLD and m.agree)):
            continue
        d = front.distance(p)
        if d is None or d > near_km:
            continue
        score = m.score(primary) + front.bonus(p)
        if score > best_score:
            best, best_score = p, score
    return best


def _locator(
    sentence: str,
    offset: int,
    e: int,
    known: Sequence[Location],
    linked: re.Pattern[str],
    bare: re.Pattern[str],
    locating: re.Pattern[str],
) -> Location | None:
    """The located phrase right after a feature ending at ``e`` that says where it is."""
    nxt = next((k for k in known if k.start - offset >= e), None)
    if nxt is None:
        return None
    ks = nxt.start - offset
    if linked.fullmatch(sentence, e, ks) is None:
        return None
    if bare.fullmatch(sentence, e, ks) and not locating.match(nxt.name):
        return None  # "the X Dam, Y and Z": a list, not a location phrase
    return nxt


def _features_name(phrase: str) -> str:
    from warlog.geo.phrases import clean

    return clean(phrase)


def _has_upper(sentence: str) -> bool:
    """Whether a character after the first is upper case (``str.isupper``): for an ASCII
    text, whether lower-casing changes it (one C pass, not a generator per character)."""
    rest = sentence[1:]
    if rest.isascii():
        return rest.lower() != rest
    return any(ch.isupper() for ch in rest)


def unlisted_places(
    sentence: str, offset: int, taken: Sequence[Location], context: GeoContext | None
) -> list[Location]:
    """Named places after a place cue that no found location covers (document offsets):
    first the named features a location phrase right after them places
    (:func:`located_features`, with coordinates), then names without coordinates."""
    cue, inside = _patterns()
    if not _has_upper(sentence):
        return []
    features = located_features(sentence, offset, taken, context)
    taken = [*taken, *features]
    spans = [(loc.start - offset, loc.end - offset) for loc in taken]
    gaz = geocoder()
    country = None
    if context is not None and context.primary_codes:
        info = gaz.country(context.primary_codes[0])
        country = info["name"] if info else None
    found: list[tuple[int, int, str]] = []
    for pattern in (cue, inside):
        if pattern is cue and not _cue_heads().may_match(sentence):
            continue
        for m in _cue_matches(cue, sentence) if pattern is cue else pattern.finditer(sentence):
            s, e = m.span("name")
            if any(a < e and s < b for a, b in spans):
                continue
            hit = _accept(
                sentence, m.group("name"), s, e, sentence[m.start() : s], pattern is inside
            )
            if hit is not None:
                found.append(hit)
                spans.append((s, e))
    if ":" in sentence:
        for m in _heading().finditer(sentence):
            s, e = m.span("name")
            if any(a < e and s < b for a, b in spans) or not _area_after(sentence, e):
                continue
            hit = _accept(sentence, m.group("name"), s, e, "", True)
            if hit is not None:
                found.append(hit)
                spans.append((s, e))
    return sorted(
        [
            *features,
            *(
                Location(name, None, None, 1, _country_of(name) or country, None, offset + s,
                         offset + e, None)
                for s, e, name in found
            ),
        ],
        key=lambda loc: loc.start,
    )


@cached
def _heading() -> re.Pattern[str]:
    """The place an entry of a list of incidents opens with, before its area and a colon, at
    the start of the line or of a table cell ("4 May 2019 – X, Y Region: a mortar shell hit
    ..."): the entry's own place, named as a dateline names it (:func:`_area_after` checks that
    the area is one)."""
    return re.compile(rf"(?:^|[ \t]\u2013[ \t])(?P<name>{_name_re()})(?=,[ \t][^,:.;]{{1,40}}:)")


_AREA_AFTER = re.compile(r"\s*,\s+(?:the\s+)?([A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,2})")


def _area_after(sentence: str, e: int) -> bool:
    """Whether a comma and a first-level area (an admin1 name, or a region of
    ``region_capitals``, with its region word or without) follow ``e``: "in Mir Ali, North
    Waziristan" names the town by its area, as an address does."""
    m = _AREA_AFTER.match(sentence, e)
    if m is None:
        return False
    from warlog.geo.admin_names import admin1_codes_named

    words = m.group(1).split()
    suffixes = geo_lexicon().region_suffixes
    while len(words) > 1 and words[-1].lower() in suffixes:
        words.pop()
    for k in range(len(words), 0, -1):
        name = " ".join(words[:k])
        if admin1_codes_named(name) or normalize(name) in geo_lexicon().region_capitals:
            return True
    return False


def _country_of(name: str) -> str | None:
    """The country the actor dictionary puts a place in, if it names it."""
    from warlog.actors.normalize import fold

    return _dictionary_places().get(fold(name))


def _accept(
    sentence: str, name: str, s: int, e: int, cue: str, inside: bool
) -> tuple[int, int, str] | None:
    """``(start, end, name)`` of a candidate name that passes the checks, else ``None``."""
    gaz = geocoder()
    lex = geo_lexicon()
    trail = _TRAILING_WORD.search(name)
    if trail and trail.group(1).lower() in _settlement_or_site():
        e -= len(trail.group())  # "in Al-Hawayej Town": the town is Al-Hawayej
        name = name[: trail.start()]
    words = [w for w in re.findall(r"[\w'’-]+", name) if w[:1].isupper()]
    if words and len(words) > 1 and words[0].lower() in lex.particles:
        words = words[1:]  # "El Geneina", "Al Bab": an article opens the name
    if len(words) > 1 and words[0].lower() in lex.toponym_heads and _locative(cue, inside):
        words = words[1:]  # "near Abu Khashab": a toponym's generic head
    if not words or is_known_word(words[0]) or _is_actor(name) or (
            any(is_known_word(w) for w in words[1:]) and not _area_after(sentence, e)):
        return None  # a known word goes on a name only before ", <its area>" ("Mir Ali, ...")
    if _site_after(sentence, e):
        return None  # "seized the X border crossing": the site's name, the facility path's
    after = _NEXT_LOWER.match(sentence, e)
    if (after and not _locative(cue, inside) and after.group(1) not in _followers()
            and after.group(1) not in _settlement_or_site()):
        return None  # "captured the Karen rebel headquarters": the name qualifies a noun
    if len(name) < 2 or (sentence[e:e + 1] == "." and sentence[e + 1:e + 2].isalpha()):
        return None  # "the U.N.-protected enclave": a letter of an abbreviation
    if gaz.country_of_name(name) is not None or is_person_name(sentence, s, e):
        return None
    if any(gaz.country_of_name(part) is not None for part in _COMPOUND.split(name)):
        return None  # "the Syria-Iraq-Jordan border area": countries, not a place
    return s, e, name


@cached
def _anchor_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The text between an unlisted name and a known place that codes it: a list joiner
    ("X and Y", "X, Y") or a containing place ("X town, located in Y", "X village within the
    Z district of Y"). Both are matched in full on that text."""
    y = load_yaml("geo.yaml")
    lex = geo_lexicon()

    alt = _alt
    kinds = alt(sorted(lex.settlement_words | lex.area_words | lex.part_words | lex.facility_words))
    article = alt(lang.wordlist("grammar", "articles"))
    kind = rf"(?:\s+{kinds})?"  # "Marrat town and Khasham", "Ghariba Village within"
    listed = re.compile(
        rf"{kind}\s*(?:,\s*|(?:,\s*)?{alt(y['unlisted_list_joiners'])}\s+)(?:{article}\s+)?",
        re.IGNORECASE,
    )
    name = r"(?-i:(?:[A-Z][\w'’\-]*\s+){1,3})"
    # "X, a small village in Y": an apposition that says what X is before where it is
    apposed = rf"(?:\s*,\s*{article}\s+(?-i:(?:[a-z][\w'’\-]*\s+){{0,2}}){kinds})?"
    # "in northwest Y", "in the north of Y": a side of the area is still the area
    side = alt(sorted(set(lex.directions) | set(lex.direction_adjectives)))
    side = rf"(?:{side}\s+(?:{alt(y['unlisted_part_joiners'])}\s+(?:{article}\s+)?)?)?"
    within = re.compile(
        rf"{kind}{apposed}\s*,?\s+{alt(y['unlisted_within'])}\s+(?:{article}\s+)?{side}"
        rf"(?:{name}{kinds}\s+{alt(y['unlisted_part_joiners'])}\s+(?:{article}\s+)?)?",
        re.IGNORECASE,
    )
    return listed, within


def anchor_unlisted(
    sentence: str,
    offset: int,
    found: Sequence[Location],
    unlisted: Sequence[Location],
    here: Location | None = None,
) -> list[Location]:
    """``unlisted`` with coordinates, as ACLED codes a village it cannot find: the nearest
    known place, named as the text names it.

    The known place listed right beside the name ("Marrat and Khasham towns": Khasham,
    precision 2), else the known place the text puts it in ("Al-Jurthi town, located in
    eastern Deir ez-Zor province": that province's capital, precision 3, or the narrative's
    last place when that lies in the same province), else where the narrative is
    (``here``: precision 2, or 3 when that is a region). A name with nothing to lean on stays
    without coordinates.
    """
    listed, within = _anchor_patterns()
    known = sorted((loc for loc in found if loc.latitude is not None), key=lambda x: x.start)
    last = here if here is not None and here.latitude is not None else None
    out: list[Location] = []
    for loc in unlisted:
        if loc.latitude is not None:  # a feature already placed (located_features)
            out.append(loc)
            continue
        anchor, precision = _beside(sentence, offset, loc, known, listed)
        if anchor is None:
            anchor, precision = _container(sentence, offset, loc, known, within)
            town = _spelled_in(loc.name, anchor) if anchor is not None and precision >= 3 else None
            if town is not None:  # "the town of X in Y province": Y's town spelled like X
                out.append(replace(loc, latitude=town.latitude, longitude=town.longitude,
                                   geo_precision=1, country=town.country or loc.country,
                                   admin1=admin1_name(town.admin1), geonameid=town.geonameid))
                continue
            if (
                anchor is not None
                and precision >= 3
                and last is not None
                and (last.geo_precision <= 2 and last.admin1 and last.admin1 == anchor.admin1)
            ):
                anchor, precision = last, 2  # the narrative is already inside that region
        if anchor is None and last is not None:
            anchor, precision = last, max(2, last.geo_precision)
        if anchor is None:
            out.append(loc)
            continue
        out.append(
            replace(
                loc,
                latitude=anchor.latitude,
                longitude=anchor.longitude,
                geo_precision=precision,
                country=anchor.country or loc.country,
                admin1=anchor.admin1,
                geonameid=None,
            )
        )
    return out


def _spelled_in(name: str, area: Location) -> Place | None:
    """The one town of ``area`` (a first-level area the sentence puts the name in: "the town
    of X in Y province") whose name has the consonant skeleton of ``name``: the same town in
    another transliteration ("Nawzad" for Now Zad), which the gazetteer alone would not take
    for it (a skeleton match is a last resort, :meth:`Geocoder.matches`), but which the
    sentence's own area confirms. None when the area holds no such town or more than one, or
    when the name's skeleton is too short to be indexed (``skeleton_min_length``)."""
    gaz = geocoder()
    code = gaz.country_of_name(area.country) if area.country and area.admin1 else None
    norm = normalize(name)
    least = geo_lexicon().thresholds["skeleton_min_length"]
    if code is None or len(skeleton_key(norm)) < least:
        return None
    towns = {m.place.geonameid: m.place for m in gaz.matches(name, (code,))
             if m.place.country_code == code and m.place.latitude is not None
             and m.place.kind == "city" and admin1_name(m.place.admin1) == area.admin1}
    return next(iter(towns.values())) if len(towns) == 1 else None


def _beside(
    sentence: str, offset: int, loc: Location, known: Sequence[Location], listed: re.Pattern[str]
) -> tuple[Location | None, int]:
    """The known place listed right before or after ``loc``, the nearer in the text first."""
    s, e = loc.start - offset, loc.end - offset
    options = []
    for k in known:
        ks, ke = k.start - offset, k.end - offset
        if ks >= e and listed.fullmatch(sentence, e, ks):
            options.append((ks - e, 1, k))
        elif ke <= s and listed.fullmatch(sentence, ke, s):
            options.append((s - ke, 0, k))
    if not options:
        return None, 0
    best = min(options, key=lambda o: (o[0], o[1]))[2]
    return best, max(2, best.geo_precision)


def _container(
    sentence: str, offset: int, loc: Location, known: Sequence[Location], within: re.Pattern[str]
) -> tuple[Location | None, int]:
    """The known place that follows ``loc`` as the place it is in."""
    e = loc.end - offset
    for k in known:
        ks = k.start - offset
        if ks >= e:
            if within.fullmatch(sentence, e, ks):
                return k, max(2, k.geo_precision)
            return None, 0
    return None, 0
