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
from warlog.nlp.alternation import spaced_char, trie_alternation
from warlog.plugins import geocoder


def _alt(words: Sequence[object]) -> str:
    return trie_alternation({str(w) for w in words}, spaced_char)


@cached
def _joint() -> str:
    """Regex source of what joins a place to its area: a comma or a joiner ("in", "of"),
    then an optional article."""
    y = load_yaml("geo.yaml")
    joiners, the = _alt(y["qualified_place_joiners"]), _alt(y["location_phrase_words"]["article"])
    return rf"(?:\s*,\s*|\s+(?:{joiners})\s+)(?:(?:{the})\s+)?"


@cached
def _gap() -> re.Pattern[str]:
    """The text between a place and the area that qualifies it."""
    words = _alt(load_yaml("geo.yaml")["qualified_place_words"])
    return re.compile(rf"(?:\s+(?:{words}))?{_joint()}", re.IGNORECASE)


@cached
def _named_before() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A name with its settlement or district word and a joiner, ending where a known place
    starts ("Logo Local Government Area of |Benue State"), and one with a settlement word
    only ("Anyiin community in |Logo ...")."""
    y = load_yaml("geo.yaml")
    name = r"(?P<name>[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,2}?)"
    tail = rf"{_joint()}$"

    def before(words: Sequence[str]) -> re.Pattern[str]:
        return re.compile(rf"{name}\s+(?i:{_alt(words)}){tail}")

    return (before(y["qualified_place_words"]), before(y["qualified_unlisted_words"]))


def _unlisted_name(name: str) -> bool:
    """A run of capitalised words that can be a place the gazetteer lacks."""
    from warlog.geo.unlisted import is_known_word

    gaz = geocoder()
    return not any(is_known_word(w) for w in name.split()) and gaz.country_of_name(name) is None


def _unlisted_head(name: str) -> bool:
    """As :func:`_unlisted_name`, a generic toponym word allowed before the name's own
    words ("Abu Hujar", "Ain Issa")."""
    from warlog.geo.unlisted import _is_actor

    words = name.split()
    heads = geo_lexicon().toponym_heads
    while len(words) > 1 and normalize(words[0]) in heads:
        words.pop(0)
    return _unlisted_name(" ".join(words)) and not _is_actor(name)


def _smallest_before(sentence: str, end: int, pattern: re.Pattern[str],
                     taken: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The name ``pattern`` finds right before ``end`` (sentence offsets), if it is a name the
    gazetteer lacks that no mention covers."""
    m = pattern.search(sentence, max(0, end - 120), end)
    if m is None:
        return None
    s, e = m.span("name")
    if s and (sentence[s - 1].isalnum() or sentence[s - 1] in "-'’"):
        return None  # the end of a longer name ("the al-Sham-controlled area")
    if any(a < e and s < b for a, b in taken) or not _unlisted_name(m.group("name")):
        return None
    return s, e


def _smallest(sentence: str, span: tuple[int, int], pattern: re.Pattern[str],
              taken: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """The leftmost of a chain of names the gazetteer lacks, each named inside the next
    ("X community in |span"), or ``span``."""
    while (inner := _smallest_before(sentence, span[0], pattern, taken)) is not None:
        span = inner
    return span


def _bare_name(text: str) -> str:
    """A mention's name without its trailing district word ("Bor County": "Bor")."""
    suffixes = geo_lexicon().region_suffixes
    words = text.split()
    while len(words) > 1 and words[-1].lower() in suffixes:
        words.pop()
    return " ".join(words)


def _namesake_in(name: str, area: Place) -> Place | None:
    """The reading of ``name`` inside the area (an admin1 area), spelled as the gazetteer
    spells it or folded and sounding like it (the best by :meth:`Match.score`)."""
    return _namesake_in_areas(name, frozenset({area.admin1})) if area.admin1 else None


@cached
def _area_first() -> re.Pattern[str]:
    """What joins an area to the place named after it: a possessive ("Sagaing region's |",
    "Narathiwat's |") or a settlement or district word and a joiner (" town of |"); the
    ``name`` group, a place the gazetteer may lack, then its settlement or district word
    (needed after a possessive: "Sennar's Abu Hujar town")."""
    y = load_yaml("geo.yaml")
    words = _alt(y["qualified_place_words"])
    poss, joiners = _alt(y["qualified_area_possessives"]), _alt(y["qualified_area_joiners"])
    name = r"(?-i:(?P<name>[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,2}))"
    return re.compile(
        rf"(?:(?P<poss>{poss})\s+|\s+(?:{words})\s+(?:{joiners})\s+){name}?"
        rf"(?(poss)(?=\s+(?:{words})\b)|(?![\w'’\-]))",
        re.IGNORECASE,
    )


def _area_codes(m: PlaceMention) -> frozenset[str]:
    """The first-level areas a mention names when it may locate the place after it: an
    area (or a region_capitals region) itself, or a town read for the name of an area of its
    country ("Sennar's", "Narathiwat's"); empty when it names none. A name borne by areas of
    several countries ("Punjab") names each."""
    if m.place.latitude is None or not m.place.admin1:
        return frozenset()
    bare = _bare_name(m.text)
    named = set(admin1_codes_named(bare))
    if m.kind in ("admin1", "region") and m.precision >= 3:
        if m.place.admin1 in named or normalize(bare) in geo_lexicon().region_capitals:
            return frozenset(named | {m.place.admin1})
        return frozenset()
    if m.kind == "city":
        # the town of the area's name, or a loose reading elsewhere in the area's country
        # ("Manipur's" read as the village Manipura): the areas of that name there
        cc = m.place.country_code
        return frozenset(a for a in named if a.split(".", 1)[0] == cc)
    return frozenset()


def _reading_in(m: PlaceMention, codes: frozenset[str]) -> Place | None:
    """``m``'s reading (its own, another candidate, or the name's namesake) inside one of the
    areas ``codes``."""
    for p in (m.place, *m.candidates):
        if p.admin1 in codes and p.latitude is not None:
            return p
    return _namesake_in_areas(_bare_name(m.text), codes)


def _namesake_in_areas(name: str, codes: frozenset[str]) -> Place | None:
    """The reading of ``name`` inside one of the admin1 areas ``codes`` (as
    :func:`_namesake_in`, for a name borne by areas of several countries)."""
    best, best_score = None, float("-inf")
    countries = tuple(sorted({c.split(".", 1)[0] for c in codes}))
    for m in geocoder().matches(name, countries, skeleton=False):
        p = m.place
        if p.admin1 not in codes or p.latitude is None:
            continue
        if not (m.tier == TIER_EXACT or (m.tier == TIER_FOLD and m.agree)):
            continue
        score = m.score(countries)
        if score > best_score:
            best, best_score = p, score
    return best


def area_first(
    sentence: str, offset: int, mentions: Sequence[PlaceMention]
) -> tuple[list[PlaceMention], list[tuple[int, int]], frozenset[tuple[int, int]]]:
    """An area named before the place it locates: "the Punjab town of Batala", "Sagaing
    region's Kani township", "Narathiwat's Rueso district". The place is read in the area
    (the area of that name that holds a reading of it: Punjab is India's and Pakistan's);
    a name the gazetteer lacks there is coded at the area's point, precision 2, named as the
    text names it. The area is no place of its own: the returned spans (``drop_areas``, after
    the unlisted places are read) drop every location of the sentence that ends where the
    area ends ("the central market of Sennar's Abu Hujar town": the market is in Abu Hujar).
    Also the spans of the areas so read (``qualify``'s ``firsts``)."""
    out = list(mentions)
    drops: list[tuple[int, int]] = []
    used: set[tuple[int, int]] = set()
    if "'" not in sentence and "’" not in sentence and " of " not in sentence:
        return out, drops, frozenset()
    pattern = _area_first()
    added: list[PlaceMention] = []
    gone: set[int] = set()
    taken = [(m.start - offset, m.end - offset) for m in mentions]
    for k, r in enumerate(mentions):
        re_ = r.end - offset
        gap = pattern.match(sentence, re_)
        if gap is None:
            continue
        codes = _area_codes(r)
        if not codes:
            continue
        nxt = mentions[k + 1] if k + 1 < len(mentions) else None
        name_start = gap.start("name") if gap.group("name") else gap.end()
        if nxt is not None and nxt.start - offset == name_start and (
                nxt.kind == "city" or (nxt.kind == "region" and nxt.precision < 3)):
            place = _reading_in(nxt, codes)
            if place is not None:
                out[k + 1] = replace(nxt, place=place, candidates=())
            elif nxt.place.country_code not in {c.split(".", 1)[0] for c in codes}:
                out[k + 1] = replace(nxt, place=replace(r.place, kind="city"), kind="city",
                                     precision=2, candidates=())
        elif gap.group("name"):
            s, e = gap.span("name")
            # a reading of the name's last words only ("Bannang |Sata district|" read in
            # Hungary) is no place of its own
            part = [o for o in out if s < o.start - offset < e]
            if any(a < e and s < b for a, b in taken if a <= s) or not _unlisted_head(
                    gap.group("name")):
                continue
            gone.update(id(q) for q in part)
            place = _namesake_in_areas(gap.group("name"), codes)
            added.append(PlaceMention(offset + s, offset + e, sentence[s:e],
                                      place or replace(r.place, kind="city"), "city",
                                      1 if place else 2))
        else:
            continue
        drops.append((offset, r.end))
        used.add((r.start, r.end))
    if gone:
        out = [o for o in out if id(o) not in gone]
    if added:
        out = sorted([*out, *added], key=lambda x: x.start)
    return out, drops, frozenset(used)


def qualify(
    sentence: str, offset: int, mentions: Sequence[PlaceMention],
    firsts: frozenset[tuple[int, int]] = frozenset(),
) -> tuple[list[PlaceMention], list[tuple[int, int]], list[tuple[int, int]]]:
    """``mentions`` with each place an area qualifies read in that area; the document spans
    from the end of each such place to the end of its area (the area's location is no place
    of its own); and the spans of the other areas (which may qualify a place the gazetteer
    lacks: :func:`after_unlisted`). ``firsts``: the spans of areas :func:`area_first` has
    read already."""
    out = list(mentions)
    areas: list[tuple[int, int]] = []
    others: list[tuple[int, int]] = []
    gap = _gap()
    qualified, unlisted = _named_before()
    taken = [(m.start - offset, m.end - offset) for m in mentions]
    added: list[PlaceMention] = []
    for k in range(len(out)):
        r = out[k]
        if k and r.kind == "city" and _address_area(sentence, offset, out[k - 1], r):
            areas.append((out[k - 1].end, r.end))  # "Town, Province:": the town, in its area
            continue
        if k and r.kind == "city" and _address_abroad(sentence, offset, out[k - 1], r):
            # "Town, Province:" with the town read as a namesake in another country: the
            # town of that name in the area, else a place the gazetteer lacks there
            m = out[k - 1]
            alt = _namesake_in(_bare_name(m.text), r.place)
            out[k - 1] = (replace(m, place=alt, candidates=()) if alt is not None else
                          replace(m, place=replace(r.place, kind="city"), kind="city",
                                  precision=2, candidates=()))
            areas.append((m.end, r.end))
            continue
        if r.kind not in ("admin1", "region") or r.precision < 3 or (r.start, r.end) in firsts:
            continue
        area = r.place
        if area.latitude is None or not area.admin1 or (
                area.admin1 not in admin1_codes_named(_bare_name(r.text))
                and normalize(_bare_name(r.text)) not in geo_lexicon().region_capitals):
            continue  # a reading of the area's name that is no area of that name
        m = out[k - 1] if k else None
        rs = r.start - offset
        if m is None or not gap.fullmatch(sentence, m.end - offset, rs):
            # "Logo Local Government Area of Benue State": a name the gazetteer lacks, coded
            # at the area; "Anyiin community in Logo ...": the smallest place named
            span = _smallest_before(sentence, rs, qualified, taken)
            if span is None:
                others.append((r.start, r.end))
                continue
            span = _smallest(sentence, span, unlisted, taken)
            s, e = span
            added.append(PlaceMention(offset + s, offset + e, sentence[s:e],
                                      replace(area, kind="city"), "city", 2))
            areas.append((offset + e, r.end))
            continue
        town = m.kind == "city" or (m.kind == "region" and m.precision < 3)
        if not town:
            continue
        if m.place.admin1 != area.admin1:
            alt = _namesake_in(_bare_name(m.text), area)
            if alt is not None:
                out[k - 1] = replace(m, place=alt, candidates=())
            elif m.place.country_code != area.country_code:
                out[k - 1] = replace(m, place=replace(area, kind="city"), kind="city",
                                 precision=2, candidates=())
            else:
                continue  # "Kabul, Kandahar Province and Herat": a list
        areas.append((m.end, r.end))
        ms = m.start - offset
        inner = _smallest(sentence, (ms, ms), unlisted, taken)
        if inner[0] < ms:  # "X village in Owo, Ondo State": X, at Owo
            s, e = inner
            added.append(PlaceMention(offset + s, offset + e, sentence[s:e], out[k - 1].place,
                                      "city", 2))
    if added:
        out = sorted([*out, *added], key=lambda x: x.start)
    return out, areas, others


_ADDRESS_GAP = re.compile(r"\s*,\s*")
# after an address's area: the end of its heading or clause (":", ";", ".", ")"), or a comma
# and a lower-case word; not a list going on ("X, Y and Z", "X, Y, Z")
_ADDRESS_END = re.compile(r"\s*(?:[:;.)\]]|,\s+[a-z]|$)")


def _address_area(sentence: str, offset: int, m: PlaceMention, r: PlaceMention) -> bool:
    """Whether ``r``, a town named like the first-level area it is the seat of (a town
    named like its province, the province's seat), follows the town ``m`` of that area as an
    address does: only a comma between them and the heading or clause ending after it ("X, Y:
    the agency reported ..."). The area then says where ``m`` is; it is no second place."""
    if m.kind != "city" or not m.place.admin1 or m.place.admin1 != r.place.admin1:
        return False
    if m.place.geonameid == r.place.geonameid:
        return False
    return _written_as_address(sentence, offset, m, r)


def _address_abroad(sentence: str, offset: int, m: PlaceMention, r: PlaceMention) -> bool:
    """Whether the town ``m`` is followed as an address is (:func:`_address_area`) by ``r``, a
    town named like the first-level area it is the seat of, in another country than the one
    ``m`` was read in ("X, Y:" with X read as a namesake abroad): the address says X is in
    Y's area."""
    if m.kind != "city" or not r.place.admin1 or m.place.country_code == r.place.country_code:
        return False
    return _written_as_address(sentence, offset, m, r)


def _written_as_address(sentence: str, offset: int, m: PlaceMention, r: PlaceMention) -> bool:
    """Whether ``m, r`` is written as an address: only a comma between them, the heading or
    clause ending after ``r`` ("X, Y:"), and ``r`` named like the first-level area it is the
    seat of."""
    if not _ADDRESS_GAP.fullmatch(sentence, m.end - offset, r.start - offset):
        return False
    if not _ADDRESS_END.match(sentence, r.end - offset):
        return False
    return r.place.admin1 in admin1_codes_named(_bare_name(r.text))


def after_unlisted(sentence: str, offset: int, unlisted: Sequence[Location],
                   others: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans (as :func:`qualify` gives them) of the areas that qualify a place the
    gazetteer lacks after a comma ("in Razmak, North Waziristan"; "Lake X in the Y
    countryside" keeps both: the feature is coded at the area)."""
    gap = _gap()
    return [(loc.end, b) for loc in unlisted for a, b in others
            if loc.end <= a and "," in sentence[loc.end - offset:a - offset]
            and gap.fullmatch(sentence, loc.end - offset, a - offset)]


def drop_areas(found: list[Location], areas: Sequence[tuple[int, int]]) -> list[Location]:
    """``found`` without the locations of qualifying areas (one that ends where an area
    ends and starts after its place)."""
    if not areas:
        return found
    return [loc for loc in found
            if not any(a <= loc.start and loc.end == b for a, b in areas)]
