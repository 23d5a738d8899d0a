"""ACLED's one-event rule between two reports, written once.

Two reports are one event (docs/guidelines.md, "One-event rule") when they have

- the same dates: reports of one document share its narrative clock, so their dates are equal
  (known or not: a day inside a span the text also reports is its own event); reports of two
  documents overlap, within a day for day-precise reports, spans overlapping
  (``day_tolerance``); a day and the next only where the reports code all else alike (type,
  place, parties) or copy one sentence;
- the same sub-event type, or the same event type where one report is vaguer (its sub-event
  type is the event type's generic one: "fighting in X" and "the army recaptured X"); across
  documents, two types that differ only by a detail reports often get wrong are one
  (``compatible_sub_event_types``: a strike's weapon);
- the same place: the same name in the same country, points within ``place_km``, or one report
  coded to a region (``vague_geo_precision``) that contains the other (same admin1) with the
  same or a compatible sub-event type (vaguer in one respect, not in both), or two reports
  coded to their country only, each its document's only report of that day, type and two
  parties (terms "u", written by the linker); inside one document, two reports that name no
  place share the narrative's. Across documents the
  place may also be read from the reports' words where their geocodings differ (*told*, not
  *coded*): one report's place is a name the other's evidence names, or the two evidence
  texts are near-identical (MinHash bands) and neither names a name the other does not, in one
  country and admin1 (or one report has no admin1);
- compatible actors: the reports name a common actor, or one names none (a report naming the
  army and the group it fought, another the army and its ally).

Each report is first reduced to a :class:`LinkKey` (day numbers, normalised place, planar
kilometres, sorted actors; with the evidence text, its names and MinHash bands as
``terms``, read by :mod:`warlog.store.group_evidence`) by :func:`link_key`.
:func:`same_event` is the rule itself, written against a small set of operations
(:class:`Ops`): :data:`PY` evaluates it on two keys in Python (the per-document merge,
``warlog.events.merge``), :data:`SQL` turns it into a SQLAlchemy condition between two
aliases of the members table (the linker across documents, ``warlog.store.groups``), so the
two cannot disagree. A missing value is never equal, near or
ordered (SQL's NULL, Python's ``False``), except through ``same`` (SQL's ``IS NOT DISTINCT
FROM``), which the one-document branch uses for "the same unknown date or place".

Thresholds and words are data: ``grouping.yaml``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Integer, and_, case, exists, false, func, literal, not_, or_, select, true
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from warlog import lang
from warlog.data import cached, load_yaml
from warlog.geo.normalize import normalize, skeleton_key
from warlog.store import schema as s

KM_PER_DEGREE = 111.195


@dataclass(frozen=True)
class GroupingRules:
    day_tolerance: dict[int, int]
    max_span_days: int
    place_km: float
    vague_geo_precision: int
    place_noise: frozenset[str]  # words of no name in evidence: location_noise and language words
    location_noise: frozenset[str]  # words a location is read without (``place_noise`` of the file)
    vague_sub_event_types: dict[str, str]
    excluded_states: tuple[str, ...]
    back_references: frozenset[str]
    sub_class: dict[str, str]  # sub-event type -> its compatible class (itself if none)
    shingle_words: int
    bands: int
    rows: int
    min_bands: int
    name_words: int
    name_particles: frozenset[str]
    acronym_min_words: int = 0  # the fewest words of a name its initials stand for (0: none)
    sides: frozenset[str] = frozenset()  # compass words of a location ("south of X")
    facilities: tuple[tuple[tuple[str, ...], str], ...] = ()  # (words, facility), longest first
    transliteration_vowels: frozenset[str] = frozenset()  # letters transliterations differ by
    once_a_day: frozenset[str] = frozenset()  # compatible types a place sees once on a day
    # words of direction ("towards", "in the direction of"), each as a tuple of its words
    directions: frozenset[tuple[str, ...]] = frozenset()
    distance_units: tuple[str, ...] = ()  # words of a stated distance ("km", "miles")
    spelled_min_letters: int = 0  # the shortest consonant skeleton a name is matched by (0: none)
    # (facility, km): a facility kind that spans kilometres, and how far apart two reports that
    # both name it may be coded and be one place (``facility_km``)
    facility_km: tuple[tuple[str, float], ...] = ()
    # adjectives of a place's owner ("the Russian X Air Base"), each as a tuple of its words
    owners: frozenset[tuple[str, ...]] = frozenset()
    # ``facilities`` by the word they start with (each group longest first, with the phrases of
    # no words, which fit anywhere, in their place), and the phrases of no words: a word looks
    # up the phrases that can start at it instead of comparing every phrase (``place_site``)
    facilities_by_first: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = field(
        init=False, compare=False, repr=False)
    facilities_bare: tuple[tuple[tuple[str, ...], str], ...] = field(
        init=False, compare=False, repr=False)
    # each word of direction's longest word: a text that holds none of them (lower case) has
    # no word of direction, and its names are read without looking back for one
    direction_keys: tuple[str, ...] = field(init=False, compare=False, repr=False)
    # ``owners`` by their first word: a place's first word looks up the few that can open it
    owners_by_first: dict[str, tuple[tuple[str, ...], ...]] = field(
        init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        firsts = {f[0] for f, _ in self.facilities if f}
        object.__setattr__(self, "facilities_by_first", {
            w: tuple(x for x in self.facilities if not x[0] or x[0][0] == w) for w in firsts})
        object.__setattr__(self, "facilities_bare", tuple(x for x in self.facilities if not x[0]))
        object.__setattr__(self, "direction_keys", tuple(sorted(
            {max(d, key=len) for d in self.directions if d})))
        by_first: dict[str, list[tuple[str, ...]]] = {}
        # longest first, then by the words: a set's order changes with every process, and the
        # fingerprint (which reads this) must not
        for owner in sorted(self.owners, key=lambda w: (-len(w), w)):
            if owner:
                by_first.setdefault(owner[0], []).append(owner)
        object.__setattr__(self, "owners_by_first", {w: tuple(v) for w, v in by_first.items()})


def _language_noise(ev: dict[str, Any]) -> frozenset[str]:
    """The language's words that name no place or party (``evidence.language_noise``: lists
    of ``warlog.lang`` files), lower case: months, weekdays, numbers and function words, which
    open sentences capitalised ("On 5 May", "Four days later", "Later that day")."""
    out: set[str] = set()
    for name, keys in ev.get("language_noise", {}).items():
        table = lang.words(name)
        for key in keys:
            for w in table[key]:  # a list, or a mapping of words to values
                out.update(str(w).lower().replace("-", " ").split())
    return frozenset(w for w in out if w.isalpha())


@cached
def rules() -> GroupingRules:
    """The thresholds of ``grouping.yaml`` (the active data folder may override it)."""
    raw = load_yaml("grouping.yaml")
    ev = raw["evidence"]
    return GroupingRules(
        day_tolerance={int(k): int(v) for k, v in raw["day_tolerance"].items()},
        max_span_days=int(raw["max_span_days"]),
        place_km=float(raw["place_km"]),
        vague_geo_precision=int(raw["vague_geo_precision"]),
        place_noise=frozenset(w.lower() for w in raw["place_noise"]) | _language_noise(ev),
        location_noise=frozenset(w.lower() for w in raw["place_noise"]),
        vague_sub_event_types=dict(raw["vague_sub_event_types"]),
        excluded_states=tuple(raw.get("excluded_states", ())),
        back_references=frozenset(w.lower() for w in load_yaml("extraction.yaml")["generic_sites"]),
        sub_class={sub: " | ".join(group) for group in raw.get("compatible_sub_event_types", ())
                   for sub in group},
        shingle_words=int(ev["shingle_words"]),
        bands=int(ev["bands"]),
        rows=int(ev["rows"]),
        min_bands=int(ev["min_bands"]),
        name_words=int(ev["name_words"]),
        acronym_min_words=int(ev.get("acronym_min_words", 0)),
        name_particles=frozenset(w.lower() for w in ev["name_particles"]),
        sides=frozenset(w.lower() for w in raw.get("place_parts", {}).get("sides", ())),
        facilities=tuple(sorted(
            ((tuple(w.lower().split()), kind)
             for kind, words in raw.get("place_parts", {}).get("facilities", {}).items()
             for w in words), key=lambda x: -len(x[0]))),
        transliteration_vowels=frozenset(str(raw.get("transliteration_vowels", "")).lower()),
        once_a_day=frozenset(raw.get("once_a_day_sub_event_types", ())),
        directions=frozenset(tuple(w.lower().split()) for w in ev.get("direction_words", ())),
        distance_units=tuple(sorted(str(w).lower() for w in raw.get("distance_units", ()))),
        spelled_min_letters=int(raw.get("spelled_names", {}).get("min_letters", 0)),
        facility_km=tuple(sorted((str(k), float(v))
                                 for k, v in raw.get("facility_km", {}).items())),
        owners=_owner_words(raw.get("owner_adjectives")),
    )


def _owner_words(source: str | None) -> frozenset[tuple[str, ...]]:
    """The adjectives a location may name its owner by (``owner_adjectives``: the actor
    lexicon's patterns of that role, "demonym": "Russian", "Costa Rican"), lower case, each as
    a tuple of its words."""
    if not source:
        return frozenset()
    from warlog.actors.lexicon import load_lexicon  # the actors' data, read once (cached)

    return frozenset(tuple(NON_WORD.sub(" ", p.alias.lower()).split())
                     for p in load_lexicon().patterns if p.role == source)


# Raised when what a member row holds or how the rule reads it changes: stored groups were
# linked by another rule, and are linked again from scratch (reviewers' pins are kept).
RULE_VERSION = 24  # 7: one occasion per document in a group, pairs best first; member site
# 8: every two reports of two documents in a group satisfy the rule (not only the linked pairs)
# 9: a place the other report's words name is told only where those words name no other name
#    of that report's own place (or it is a side of a town, or both reports' words name both)
# 10: across documents no cap of three actors on a group (every two reports are checked)
# 11: copied words tell one place only in one country and admin1 (or one report has none)
# 12: two day-precise dates a day apart (not overlapping) only for reports coded alike otherwise
#     (type, place, parties) or copied words
# 13: a document's occasion names its place by its spelling (transliteration vowels aside)
# 14: a report another document of the group copies is with that document's copy only
#     (where the other report's copy is there too)
# 15: a region contains a place's report of the same or a compatible sub-event type only, or
#     where its words name the place
# 16: a join through compatible types may bring one document's reports of two of them together
#     where they code the same parties (and, for strikes, no other document tells two of them)
# 17: a name after a word of direction ("towards X") tells no place (terms of kind "d")
# 18: a location measured from a place ("24 km north of X") is not told at that place
# 19: a place is told by a name the other report's words spell another way where that report
#     is coded to a region or to no place (terms "p" and "s": the names' consonant skeletons)
# 20: a copy that writes a name by its initials names no other name (terms "i": the initials
#     of a told name of ``acronym_min_words`` words or more)
# 21: two reports that both name a facility spanning kilometres (``facility_km``: an airbase)
#     are one place within its kilometres, not only within ``place_km``
# 22: a place named with its owner's adjective ("the Russian X Air Base") is named by words
#     that name it without (terms "o": the place without the adjective)
# 23: two reports coded to their country only, dated to the day, of one sub-event type and
#     the same two parties, each the only such report of its document that day, are one place
#     (terms "u": the country, type and parties of such a report, written by the linker)
# 24: a vaguely dated report ("in May") and a day-precise one of a change of hands of the
#     same town (as a whole), sub-event type and country, each its document's only change of
#     that town within max_span_days (terms "c", written by the linker), are one event


@cached
def fingerprint() -> str:
    """The rule's version, its key fields, the thresholds of ``grouping.yaml`` and every word
    the rule reads (:func:`rules`, which also holds the ``warlog.lang`` lists of
    ``evidence.language_noise`` and the back-reference words of ``extraction.yaml``: a word
    added there changes the names read from evidence, so stored terms are stale)."""
    read = {k: sorted(v) if isinstance(v, frozenset) else v
            for k, v in dataclasses.asdict(rules()).items()}
    raw = json.dumps([RULE_VERSION, list(LinkKey.__dataclass_fields__),
                      load_yaml("grouping.yaml"), read], sort_keys=True, default=str)
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class LinkKey:
    """What the rule compares of one report (a row of ``group_members``)."""

    event_id: int
    document_id: int
    block: str | None  # country and admin1 (or place): a blocking key
    day_start: int | None  # date ordinals
    day_end: int | None
    day_hi: int | None  # day_end plus the report's date tolerance
    event_type: str
    sub_event_type: str
    sub_class: str  # the sub-event type, or its class of compatible ones
    vague_type: int  # 1: the event type's generic sub-event type
    place: str | None
    x_km: float | None
    y_km: float | None
    vague_place: int  # 1: coded to a region
    site_ref: int  # 1: named only by a word that refers back ("the base", "the town")
    site: str | None  # the part of the place the location names: a side, a facility
    country: str | None
    admin1: str | None
    actor_lo: str | None  # the report's actors, sorted (no direction implied)
    actor_hi: str | None
    # what the report's evidence tells: ("n", name) for the names it names, ("d", name) for the
    # names it names only after a word of direction, ("b", band) for its MinHash bands (a
    # table of their own in the store, ``group_terms``); ("p", skeleton) of its own place, or
    # ("s", skeleton) of each name it tells where it is coded to a region or no place
    # (:func:`spelled_terms`)
    terms: frozenset[tuple[str, str]] = field(default=frozenset(), compare=False)


MEMBER_FIELDS = tuple(k for k in LinkKey.__dataclass_fields__ if k != "terms")
# what an "o" term (a place without its owner's adjective, :func:`owned_place`) opens with: a
# character no name holds, so the term index tells it from the names ("n") of that spelling,
# which are many for a common word, without reading them
OWNED = "@"
# the kind of term of a report coded to its country only, dated to the day, with two parties,
# that is the only report of its document with its country, sub-event type and parties on
# that day (its term: those four, :func:`sole_term`; written by the linker, which reads the
# document's other reports: ``groups._write_document_terms``)
SOLE = "u"
# the kind of term of a report of a change of hands (``once_a_day_sub_event_types``) at a
# precise place that is its document's only such report of that place within
# ``max_span_days`` (its term: the place, :func:`change_slot`, :func:`change_mate`; written by
# the linker, ``groups._write_document_terms``)
CHANGE = "c"
# the kinds of terms that are names: "n" a name the text tells, "d" a name of direction
# ("towards X": where a movement went, no place of the text's event)
_NAMED = ("n", "d")
# ... and what a copy may name instead: "i" the initials of a name the text tells (an acronym)
_NAMED_OR_INITIALS = (*_NAMED, "i")

NON_WORD = re.compile(r"[^\w ]+")


def place_name(location: str | None, r: GroupingRules | None = None) -> str | None:
    """A place name without case, punctuation and noise words ("the town of Kobanî" → "kobanî")."""
    if not location:
        return None
    noise = (r or rules()).location_noise
    words = [w for w in NON_WORD.sub(" ", location.lower()).split() if w not in noise]
    return " ".join(words) or None


def spelling(place: str | None, r: GroupingRules | None = None) -> str | None:
    """A place name as its transliterations share it: without diacritics and without the
    vowel letters they render differently (``transliteration_vowels``: "Kobanî" and
    "Kobane", "Masyaf" and "Misyaf" are "kbn", "msyf")."""
    if not place:
        return place
    vowels = (r or rules()).transliteration_vowels
    bare = "".join(c for c in unicodedata.normalize("NFKD", place)
                   if not unicodedata.combining(c))
    return "".join(c for c in bare if c not in vowels) or place


def spelled(name: str | None, r: GroupingRules | None = None) -> str | None:
    """A name as its transliterations share it, for telling a place by a name spelled
    another way: the consonant skeleton of its transliteration-folded reading (the
    gazetteer's loosest key, :func:`warlog.geo.normalize.skeleton_key`: articles, vowels,
    "y", "w", spaces and doubled letters gone, "Tell Qasroun" and "Tal Qasrun" are
    "tlksrn"); None for a skeleton shorter than ``spelled_names.min_letters``, which too
    many names share."""
    if not name:
        return None
    key = skeleton_key(normalize(name))
    return key if len(key) >= (r or rules()).spelled_min_letters > 0 else None


def _coded_to_place(place: str | None, vague_place: int, site_ref: bool) -> bool:
    """Whether a report is coded to a place of its own: named, not a region, not a site told
    before (the reports whose place's spelling is a "p" term, :func:`spelled_terms`)."""
    return bool(place) and not vague_place and not site_ref


def spelled_terms(place: str | None, precise: bool, terms: frozenset[tuple[str, str]],
                  r: GroupingRules | None = None) -> frozenset[tuple[str, str]]:
    """The terms of the names' spellings (:func:`spelled`): ("p", skeleton) of a report's own
    place where it is coded to a place (not a region), ("s", skeleton) of each name its words
    tell where it is coded to a region or to no place: a report whose coding lost the town
    its sentence names may still name it, in a spelling the other document's gazetteer did
    not read the same way (:func:`place_told`)."""
    r = r or rules()
    if precise:
        own = spelled(place, r)
        return frozenset({("p", own)}) if own else frozenset()
    out = {("s", k) for kind, n in terms if kind == "n" and (k := spelled(n, r))}
    return frozenset(out)


def owned_place(place: str | None, r: GroupingRules | None = None) -> str | None:
    """A place name without the adjective of its owner it opens with (``owner_adjectives``:
    "russian khmeimim air base" -> "khmeimim air base"), or None where it opens with none or
    leaves a name of one word ("Russian Federation", "Iraqi Kurdistan" are names of their
    own). A location written "the Russian X Air Base" names its owner, not its name: the
    sentence of another source names it "the X Air Base"."""
    if not place:
        return None
    words = place.split()
    for owner in (r or rules()).owners_by_first.get(words[0], ()):
        if len(words) > len(owner) + 1 and tuple(words[:len(owner)]) == owner:
            return " ".join(words[len(owner):])
    return None


def place_site(location: str | None, r: GroupingRules | None = None) -> str | None:
    """The part of a place a location names (``place_parts``): its side, read as one word
    ("north-west of X", "northwestern X": "northwest"), and its facilities ("the X dam",
    "X air base": "airbase"); None for the place as a whole ("X", "near X")."""
    if not location:
        return None
    r = r or rules()
    words = NON_WORD.sub(" ", location.lower()).split()
    parts: set[str] = set()
    side = ""
    by_first, bare = r.facilities_by_first, r.facilities_bare
    i = 0
    while i < len(words):
        w = words[i]
        if w in r.sides:
            side += w[:-3] if w.endswith("ern") else w
            i += 1
            continue
        if side:
            parts.add(side)
            side = ""
        found = next(((len(f), k) for f, k in by_first.get(w, bare)
                      if tuple(words[i:i + len(f)]) == f), None)
        if found:
            parts.add(found[1])
            i += found[0]
        else:
            i += 1
    if side:
        parts.add(side)
    return " ".join(sorted(parts)) or None


def _ordinal(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return value.toordinal()


def link_key(ev: dict[str, Any], r: GroupingRules | None = None,
             terms: frozenset[tuple[str, str]] = frozenset()) -> LinkKey:
    """The key of one stored event (a row of ``events`` as a mapping); ``terms`` from its
    evidence (:func:`warlog.store.group_evidence.evidence_terms`)."""
    r = r or rules()
    start = _ordinal(ev.get("event_date"))
    end = _ordinal(ev.get("date_end")) or start
    tol = r.day_tolerance.get(ev.get("time_precision") or 1, max(r.day_tolerance.values()))
    lat, lon = ev.get("latitude"), ev.get("longitude")
    x = y = None
    if lat is not None and lon is not None:
        y = lat * KM_PER_DEGREE
        x = lon * KM_PER_DEGREE * math.cos(math.radians(lat))
    place = place_name(ev.get("location"), r)
    country, admin1 = ev.get("country") or "", ev.get("admin1")
    area = admin1 or place
    actors = sorted({a for a in (ev.get("actor1"), ev.get("actor2")) if a})
    site_ref = bool(ev.get("location")) and (place is None or place in r.back_references)
    etype, sub = ev["event_type"], ev["sub_event_type"]
    vague_place = int((ev.get("geo_precision") or 0) >= r.vague_geo_precision)
    if terms:
        precise = _coded_to_place(place, vague_place, site_ref)
        terms = terms | spelled_terms(place, precise, terms, r)
        if precise and (owned := owned_place(place, r)):
            terms = terms | {("o", OWNED + owned)}
    return LinkKey(
        event_id=ev["id"],
        document_id=ev["document_id"],
        block=f"{country}|{area}" if area else None,
        day_start=start,
        day_end=end,
        day_hi=None if end is None else end + tol,
        event_type=etype,
        sub_event_type=sub,
        sub_class=r.sub_class.get(sub, sub),
        vague_type=int(r.vague_sub_event_types.get(etype) == sub),
        place=place,
        x_km=x,
        y_km=y,
        vague_place=vague_place,
        site_ref=int(site_ref),
        site=None if site_ref else place_site(ev.get("location"), r),
        country=country or None,
        admin1=admin1,
        actor_lo=actors[0] if actors else None,
        actor_hi=actors[-1] if actors else None,
        terms=terms,
    )


class Ops:
    """The operations the rule is written with."""

    def and_(self, *xs: Any) -> Any: ...
    def or_(self, *xs: Any) -> Any: ...
    def eq(self, a: Any, b: Any) -> Any: ...
    def ne(self, a: Any, b: Any) -> Any: ...
    def same(self, a: Any, b: Any) -> Any: ...
    def le(self, a: Any, b: Any) -> Any: ...
    def lt(self, a: Any, b: Any) -> Any: ...
    def apart(self, a: Any, b: Any, n: int) -> Any: ...  # starts and ends each within n days
    def not_(self, a: Any) -> Any: ...
    def flag(self, a: Any) -> Any: ...
    def missing(self, a: Any) -> Any: ...
    def present(self, a: Any) -> Any: ...
    def near(self, ax: Any, ay: Any, bx: Any, by: Any, km: float) -> Any: ...
    def named(self, a: Any, b: Any) -> Any: ...
    def names_own(self, b: Any, a: Any) -> Any: ...  # b's words name b's place, not as a's
    def names_part(self, a: Any, b: Any) -> Any: ...  # a's words name b's place (or its part)
    def spelled(self, a: Any, b: Any) -> Any: ...  # b's words name a's place spelled another way
    def measured_from(self, b: Any, a: Any) -> Any: ...  # b's place: a distance from a's
    def sole(self, a: Any, b: Any) -> Any: ...  # both one country's sole report of one slot
    def one_change(self, a: Any) -> Any: ...  # a: its document's only change of its place
    def copied(self, a: Any, b: Any, min_bands: int) -> Any: ...
    def rank(self, cases: tuple[tuple[Any, int], ...], default: int) -> Any: ...  # first true


class PyOps(Ops):
    """The rule on two :class:`LinkKey` values: a missing value is never equal or near."""

    def and_(self, *xs: Any) -> bool:
        return all(xs)

    def or_(self, *xs: Any) -> bool:
        return any(xs)

    def eq(self, a: Any, b: Any) -> bool:
        return a is not None and b is not None and a == b

    def ne(self, a: Any, b: Any) -> bool:
        return a is not None and b is not None and a != b

    def same(self, a: Any, b: Any) -> bool:
        return a == b

    def le(self, a: Any, b: Any) -> bool:
        return a is not None and b is not None and a <= b

    def lt(self, a: Any, b: Any) -> bool:
        return a is not None and b is not None and a < b

    def apart(self, a: Any, b: Any, n: int) -> bool:
        if None in (a.day_start, a.day_end, b.day_start, b.day_end):
            return False
        return abs(a.day_start - b.day_start) <= n and abs(a.day_end - b.day_end) <= n

    def not_(self, a: Any) -> bool:
        return not a

    def flag(self, a: Any) -> bool:
        return a == 1

    def missing(self, a: Any) -> bool:
        return a is None

    def present(self, a: Any) -> bool:
        return a is not None

    def near(self, ax: Any, ay: Any, bx: Any, by: Any, km: float) -> bool:
        if None in (ax, ay, bx, by):
            return False
        return bool((ax - bx) ** 2 + (ay - by) ** 2 <= km * km)

    def named(self, a: LinkKey, b: LinkKey) -> bool:
        return a.place is not None and (("n", a.place) in b.terms or (
            ("d", a.place) in b.terms and ("d", a.place) in a.terms) or any(
            k == "o" and ("n", t[len(OWNED):]) in b.terms for k, t in a.terms))

    def names_own(self, b: LinkKey, a: LinkKey) -> bool:
        padded = f" {b.place} "
        return b.place is not None and any(
            k in _NAMED and t != a.place and f" {t} " in padded for k, t in b.terms)

    def names_part(self, a: LinkKey, b: LinkKey) -> bool:
        padded = f" {b.place} "
        return b.place is not None and any(k in _NAMED and f" {t} " in padded
                                           for k, t in a.terms)

    def spelled(self, a: LinkKey, b: LinkKey) -> bool:
        # a's "p" term (spelled_terms), read from its place: a look-up, not a walk through
        # a's terms (the union checks every two reports of two groups)
        if not (a.terms and _coded_to_place(a.place, a.vague_place, a.site_ref)):
            return False
        own = spelled(a.place)
        return own is not None and ("s", own) in b.terms

    def measured_from(self, b: LinkKey, a: LinkKey) -> bool:
        if b.place is None or a.place is None or not f" {b.place}".endswith(f" {a.place}"):
            return False
        padded = f" {b.place} "
        return any(f" {u} " in padded for u in rules().distance_units)

    def sole(self, a: LinkKey, b: LinkKey) -> bool:
        if not (a.vague_place and b.vague_place):  # a "u" term is a region's report's only
            return False
        own = next((t for t in a.terms if t[0] == SOLE), None)
        return own is not None and own in b.terms

    def one_change(self, a: LinkKey) -> bool:
        return any(t[0] == CHANGE for t in a.terms)

    def copied(self, a: LinkKey, b: LinkKey, min_bands: int) -> bool:
        if len({t for t in a.terms if t[0] == "b"} & b.terms) < min_bands:
            return False
        # a name of direction tells two texts apart too ("towards A", "towards B")
        # a name written by its initials in one copy is named by the other's whole name
        na, nb = ({t[1] for t in k.terms if t[0] in _NAMED} for k in (a, b))
        ia, ib = ({t[1] for t in k.terms if t[0] == "i"} for k in (a, b))
        return na <= nb | ib or nb <= na | ia

    def rank(self, cases: tuple[tuple[Any, int], ...], default: int) -> int:
        return next((value for cond, value in cases if cond), default)


class SqlOps(Ops):
    """The rule between two aliases' columns (``alias.c``): SQL's NULL is never true."""

    def and_(self, *xs: Any) -> Any:
        return and_(true(), *xs)

    def or_(self, *xs: Any) -> Any:
        return or_(false(), *xs)

    def eq(self, a: Any, b: Any) -> Any:
        return a == b

    def ne(self, a: Any, b: Any) -> Any:
        return a != b

    def same(self, a: Any, b: Any) -> Any:
        return a.is_not_distinct_from(b)

    def le(self, a: Any, b: Any) -> Any:
        return a <= b

    def lt(self, a: Any, b: Any) -> Any:
        return a < b

    def apart(self, a: Any, b: Any, n: int) -> Any:
        return and_(func.abs(a.day_start - b.day_start) <= n,
                    func.abs(a.day_end - b.day_end) <= n)

    def not_(self, a: Any) -> Any:
        return not_(a)

    def flag(self, a: Any) -> Any:
        return a == 1

    def missing(self, a: Any) -> Any:
        return a.is_(None)

    def present(self, a: Any) -> Any:
        return a.is_not(None)

    def near(self, ax: Any, ay: Any, bx: Any, by: Any, km: float) -> Any:
        return (ax - bx) * (ax - bx) + (ay - by) * (ay - by) <= km * km

    def named(self, a: Any, b: Any) -> Any:
        t, own = s.group_terms.alias(), s.group_terms.alias()
        both = (exists().where(own.c.event_id == a.event_id, own.c.kind == "d",
                               own.c.term == a.place).correlate_except(own))
        ta, tb = s.group_terms.alias(), s.group_terms.alias()
        owned = (exists().where(ta.c.event_id == a.event_id, ta.c.kind == "o",
                                tb.c.event_id == b.event_id, tb.c.kind == "n",
                                literal(OWNED) + tb.c.term == ta.c.term)
                 .correlate_except(ta, tb))
        return or_(exists().where(t.c.event_id == b.event_id, t.c.term == a.place,
                                  or_(t.c.kind == "n", and_(t.c.kind == "d", both)))
                   .correlate_except(t), owned)

    def names_own(self, b: Any, a: Any) -> Any:
        t = s.group_terms.alias()
        return (exists().where(t.c.event_id == b.event_id, t.c.kind.in_(_NAMED),
                               t.c.term != a.place, _words_in(t.c.term, b.place))
                .correlate_except(t))

    def names_part(self, a: Any, b: Any) -> Any:
        t = s.group_terms.alias()
        return (exists().where(t.c.event_id == a.event_id, t.c.kind.in_(_NAMED),
                               _words_in(t.c.term, b.place))
                .correlate_except(t))

    def spelled(self, a: Any, b: Any) -> Any:
        ta, tb = s.group_terms.alias(), s.group_terms.alias()
        return (exists().where(ta.c.event_id == a.event_id, ta.c.kind == "p",
                               tb.c.event_id == b.event_id, tb.c.kind == "s",
                               tb.c.term == ta.c.term)
                .correlate_except(ta, tb))

    def measured_from(self, b: Any, a: Any) -> Any:
        whole, end = literal(" ") + b.place, literal(" ") + a.place
        ends = func.substr(whole, func.length(whole) - func.length(end) + 1) == end
        return and_(func.length(whole) > func.length(end), ends, or_(false(), *(
            _words_in(literal(u), b.place) for u in rules().distance_units)))

    def sole(self, a: Any, b: Any) -> Any:
        ta, tb = s.group_terms.alias(), s.group_terms.alias()
        return (exists().where(ta.c.event_id == a.event_id, ta.c.kind == SOLE,
                               tb.c.event_id == b.event_id, tb.c.kind == SOLE,
                               tb.c.term == ta.c.term)
                .correlate_except(ta, tb))

    def one_change(self, a: Any) -> Any:
        t = s.group_terms.alias()
        return (exists().where(t.c.event_id == a.event_id, t.c.kind == CHANGE)
                .correlate_except(t))

    def copied(self, a: Any, b: Any, min_bands: int) -> Any:
        ta, tb = s.group_terms.alias(), s.group_terms.alias()
        shared = (select(func.count()).select_from(ta.join(tb, and_(
            tb.c.kind == ta.c.kind, tb.c.term == ta.c.term)))
            .where(ta.c.event_id == a.event_id, ta.c.kind == "b", tb.c.event_id == b.event_id)
            .correlate_except(ta, tb).scalar_subquery())
        return and_(shared >= min_bands, or_(~self._names_beyond(a, b), ~self._names_beyond(b, a)))

    def rank(self, cases: tuple[tuple[Any, int], ...], default: int) -> Any:
        return case(*cases, else_=default)

    @staticmethod
    def _names_beyond(a: Any, b: Any) -> Any:
        """``a``'s evidence names a name ``b``'s does not (nor spells out: its initials)."""
        ta, tb = s.group_terms.alias(), s.group_terms.alias()
        inner = exists().where(tb.c.event_id == b.event_id, tb.c.kind.in_(_NAMED_OR_INITIALS),
                               tb.c.term == ta.c.term).correlate_except(tb)
        return (exists().where(ta.c.event_id == a.event_id, ta.c.kind.in_(_NAMED), ~inner)
                .correlate_except(ta))


class _position(FunctionElement):  # type: ignore[type-arg]
    """Where a string starts inside another (1-based, 0 if nowhere): SQLite's instr,
    PostgreSQL's strpos."""
    type = Integer()
    inherit_cache = True


@compiles(_position)
def _position_sqlite(element: Any, compiler: Any, **kw: Any) -> str:
    return f"instr({compiler.process(element.clauses, **kw)})"


@compiles(_position, "postgresql")
def _position_postgresql(element: Any, compiler: Any, **kw: Any) -> str:
    return f"strpos({compiler.process(element.clauses, **kw)})"


def _words_in(term: Any, place: Any) -> Any:
    """SQL: the name is the place or a run of its words (as ``f" {t} " in f" {place} "``)."""
    return _position(literal(" ") + place + literal(" "), literal(" ") + term + literal(" ")) > 0


PY, SQL = PyOps(), SqlOps()


# Each part of the rule has two branches. Reports of one document are one reading of one
# narrative: its clock dates them, it names its places and parties the same way each time, and
# what it tells apart (a fight and the capture that followed, two strikes of one day at two
# sites) are distinct events. So inside a document the rule asks for the same values, and only a
# back-reference ("the base", a sentence naming no place) stands for the place named before.
# Reports of two documents are independent codings of what may be one occurrence: the rule
# allows for how they differ (a day apart, a vaguer type or place, a side unnamed).
def _one_doc(a: Any, b: Any, o: Ops) -> Any:
    return o.eq(a.document_id, b.document_id)


def _two_docs(a: Any, b: Any, o: Ops) -> Any:
    return o.ne(a.document_id, b.document_id)


def _day_precise(a: Any, o: Ops) -> Any:
    """The report's dates are stated to the day (a day, or a stated span "from 3 to 9 May"):
    only such dates have a tolerance (``day_tolerance``), so ``day_hi`` is past ``day_end``.
    A vague date ("in March", "early June") is already stored as the span it may be."""
    return o.lt(a.day_end, a.day_hi)


def _same_dates(a: Any, b: Any, o: Ops, r: GroupingRules | None = None) -> Any:
    """One clock: the same dates, known or not (a day inside a span the text also reports is
    its own event). Two documents:

    - two reports dated to the day: their starts and their ends each within
      ``day_tolerance`` days ("within a day"): a day and the span of it and the next ("on 12
      January", "on 12-13 January"). A stated span ("between 14 and 23 September") is its own
      event, not any day inside it. Two dates that do not overlap (a day and the next) are
      one event only where the day is the one thing the two reports code differently (the
      same sub-event type, place and parties: :func:`_coded_alike`), or their words are a
      copy: two sources that date one event a day apart tell it alike, while a daily
      narrative's next day is another happening at that place, by another type, at a part of
      the town or with another party ("troops entered the town on the 12th", "the militia
      shelled its market on the 13th"; ACLED's rule is the same day);
    - a vague date and any other: the spans overlap. A report dated only vaguely ("in March")
      is the same event as a day-precise one only where its words single that event out:
      near-identical evidence. A month's summary of a campaign names a region or a town,
      which every day of the month's fighting there shares, so neither the region nor the
      town's name tells which day's event it is; a town's change of hands does
      (:func:`_one_change`). Two vague reports likewise: the same words,
      or the same span ("in March" and "in March"), not two spans that merely overlap ("late
      June" and "June": a summary and something else that month).
    """
    r = r or rules()
    tol = r.day_tolerance.get(1, 1)
    pa, pb = _day_precise(a, o), _day_precise(b, o)
    copied = o.copied(a, b, r.min_bands)
    overlap = o.and_(o.le(a.day_start, b.day_end), o.le(b.day_start, a.day_end))
    return o.or_(
        o.and_(_one_doc(a, b, o), o.same(a.day_start, b.day_start), o.same(a.day_end, b.day_end)),
        o.and_(_two_docs(a, b, o), pa, pb, o.apart(a, b, tol),
               o.or_(overlap, _coded_alike(a, b, o), copied)),
        o.and_(_two_docs(a, b, o), o.not_(pa), o.not_(pb), overlap,
               o.or_(copied, o.and_(o.eq(a.day_start, b.day_start),
                                    o.eq(a.day_end, b.day_end)))),
        o.and_(_two_docs(a, b, o), o.or_(o.and_(pa, o.not_(pb)), o.and_(pb, o.not_(pa))),
               overlap, o.or_(copied, _one_change(a, b, o, r))),
    )


def _one_change(a: Any, b: Any, o: Ops, r: GroupingRules | None = None) -> Any:
    """A town's change of hands, the one event a vaguely dated report (:func:`_same_dates`)
    singles out by its coding: the same sub-event type, one a place sees once
    (``once_a_day_sub_event_types``: a place changes hands once), at the same precise place
    (named alike, the town as a whole: :func:`change_slot`) in one country, where each report
    is its document's only change of hands of that place within ``max_span_days`` (terms
    "c", written by the linker: :func:`change_mate`). "In May the militia captured X" and
    "on 8 May the militia took X" are one capture: the month's report could be another
    capture of X only where X changed hands back and forth that month, or was taken piece by
    piece (a hill, districts, then the town), and a document telling that tells two changes
    of X, which keeps its reports out. Fighting, strikes and shelling a town sees on many
    days of a month, so a month's report of them still joins a day only as a copy of its
    words. The parties are the rule's (a common one, :func:`_same_actors`): the sub-event
    type tells who took the town (the government, a non-state group), and the same type is
    asked, not a compatible one."""
    return o.and_(o.eq(a.sub_event_type, b.sub_event_type), o.eq(a.place, b.place),
                  o.eq(a.country, b.country), change_slot(a, o, r), change_slot(b, o, r),
                  o.one_change(a), o.one_change(b))


def change_slot(a: Any, o: Ops, r: GroupingRules | None = None) -> Any:
    """A report that may be its document's only change of hands of its place
    (:func:`_one_change`): of a sub-event type a place sees once
    (``once_a_day_sub_event_types``), coded to a precise place of its own as a whole (not a
    region, not a back-reference, no part of it: a side or the countryside of a town is an
    area taken village by village) in a country."""
    r = r or rules()
    return o.and_(o.or_(*(o.eq(a.sub_event_type, t) for t in sorted(r.once_a_day))),
                  o.eq(a.vague_place, 0), o.eq(a.site_ref, 0), o.missing(a.site),
                  o.present(a.place), o.present(a.country))


def change_mate(c: Any, a: Any, r: GroupingRules | None = None) -> Any:
    """SQL: ``c`` is another change of hands of ``a``'s place (the same name and country, a
    compatible type: ``compatible_sub_event_types``) starting within ``max_span_days`` of
    ``a``'s dates: where ``a``'s document has one, the document tells the place taken piece
    by piece (a hill, then districts, then the town) or back and forth, and ``a`` is not the
    one change that month (:func:`_one_change`)."""
    n = (r or rules()).max_span_days
    return and_(c.place == a.place, c.country == a.country, c.sub_class == a.sub_class,
                c.day_start <= a.day_end + n, a.day_start <= c.day_end + n)


def _coded_alike(a: Any, b: Any, o: Ops) -> Any:
    """The two reports code all but their dates alike: the same sub-event type, place name
    (and part of it: :func:`_one_site`) in one country, and the same parties. A day apart is
    then the one coding difference two sources of one event have (:func:`_same_dates`)."""
    return o.and_(o.eq(a.sub_event_type, b.sub_event_type), o.eq(a.place, b.place),
                  o.eq(a.country, b.country), o.same(a.site, b.site),
                  o.same(a.actor_lo, b.actor_lo), o.same(a.actor_hi, b.actor_hi))


def type_coded(a: Any, b: Any, o: Ops) -> Any:
    """The same sub-event type; across documents also the same event type where one report
    is vaguer ("fighting in X" and "the army recaptured X")."""
    return o.or_(
        o.eq(a.sub_event_type, b.sub_event_type),
        o.and_(_two_docs(a, b, o), o.eq(a.event_type, b.event_type),
               o.or_(o.flag(a.vague_type), o.flag(b.vague_type))),
    )


def _same_type(a: Any, b: Any, o: Ops) -> Any:
    """:func:`type_coded`, or across documents two compatible types (one class of
    ``compatible_sub_event_types``)."""
    return o.or_(type_coded(a, b, o), o.and_(_two_docs(a, b, o), o.eq(a.sub_class, b.sub_class)))


def place_coded(a: Any, b: Any, o: Ops, r: GroupingRules | None = None) -> Any:
    """The same place as the two reports are coded: the same name in one country. Inside a
    document also a back-reference at the point of the place it refers to. Across documents
    two precise places (below a region) are the same by name or by points within
    ``place_km``, and a report coded to a region is the same place as a report inside it
    (same admin1) of the same or a compatible sub-event type (:func:`_region_other_type`): a
    region's name or point (its capital's) is no place of its own, so two
    reports coded only to a country (no admin1) or to its capital's point are not one place
    by that ("Russian forces attacked Snake Island" and "the siege of Chernihiv began", both
    coded to Ukraine), unless each is the only report of its document with that country,
    day, sub-event type and two parties (:func:`_one_country_event`)."""
    r = r or rules()
    precise = o.and_(o.eq(a.vague_place, 0), o.eq(b.vague_place, 0))
    return o.or_(
        o.and_(_one_doc(a, b, o), o.or_(
            o.and_(o.eq(a.place, b.place), o.eq(a.country, b.country)),
            o.and_(o.missing(a.place), o.missing(b.place)),
            o.and_(o.or_(o.flag(a.site_ref), o.flag(b.site_ref)),
                   o.near(a.x_km, a.y_km, b.x_km, b.y_km, r.place_km)))),
        o.and_(_two_docs(a, b, o), _one_site(a, b, o), o.or_(
            o.and_(precise, o.or_(
                o.and_(o.eq(a.place, b.place), o.eq(a.country, b.country)),
                o.near(a.x_km, a.y_km, b.x_km, b.y_km, r.place_km),
                _one_facility(a, b, o, r))),
            o.and_(o.or_(o.flag(a.vague_place), o.flag(b.vague_place)),
                   o.eq(a.admin1, b.admin1), o.eq(a.country, b.country),
                   o.not_(_region_other_type(a, b, o))),
            _one_country_event(a, b, o))),
    )


def _one_country_event(a: Any, b: Any, o: Ops) -> Any:
    """Two reports of two documents coded to their country only, each the only report of its
    document with that country, sub-event type and two parties on its day (within a day:
    :func:`country_slot`, :func:`slot_mate`; the linker writes such a report's term ``u``,
    :func:`sole_term`), of the same four: one event. ACLED's rule takes a vaguer place for
    the place inside it; a country holds many places, and two reports coded to it alone are
    mostly two happenings (the first day of an invasion, told by the articles of its
    fronts). A document that tells its country's events of a day apart by their places tells
    another of the same type and parties there; one that tells a single such event, coded to
    the country because its words name no place inside it ("a warplane was shot down by a
    neighbour's fighter jet near the border"), tells the one event of that day, type and
    parties that it knows. Two documents that each tell one are telling the same one. A
    report of one party only (two sides coded alike, or one side unnamed) has no pair of
    parties to single an event out."""
    return o.and_(o.flag(a.vague_place), o.flag(b.vague_place), o.eq(a.country, b.country),
                  o.sole(a, b))


def country_slot(a: Any, o: Ops) -> Any:
    """A report that may be its document's sole report of a country's day
    (:func:`_one_country_event`): coded to its country only (a region without an admin1),
    dated to the day, with two parties."""
    return o.and_(o.flag(a.vague_place), o.or_(o.missing(a.admin1), o.eq(a.admin1, "")),
                  o.present(a.country), _day_precise(a, o), o.present(a.actor_lo),
                  o.ne(a.actor_lo, a.actor_hi))


def slot_mate(c: Any, a: Any, o: Ops) -> Any:
    """``c`` is a report of ``a``'s country, sub-event type and parties, dated to the day
    within a day of ``a`` (at any place): where ``a``'s document has one, ``a`` is not the
    only one of its day (:func:`_one_country_event`)."""
    return o.and_(o.eq(c.country, a.country), o.eq(c.sub_event_type, a.sub_event_type),
                  o.eq(c.actor_lo, a.actor_lo), o.eq(c.actor_hi, a.actor_hi),
                  _day_precise(c, o), o.le(c.day_start, a.day_hi), o.le(a.day_start, c.day_hi))


def sole_term(country: Any, sub_event_type: Any, actor_lo: Any, actor_hi: Any) -> Any:
    """The ``u`` term of a country's sole report (:func:`_one_country_event`): its country,
    sub-event type and parties (strings, or SQL columns: the linker writes it in SQL)."""
    sep = "|"
    return country + sep + sub_event_type + sep + actor_lo + sep + actor_hi


def _one_facility(a: Any, b: Any, o: Ops, r: GroupingRules) -> Any:
    """Two precise reports that both name one kind of facility that spans kilometres
    (``facility_km``: "the X airbase" and "the airbase at Y") and are coded within its
    kilometres: one place. Such a facility is named after a town beside it, and one source
    codes it at its own point, another at the town its name or its sentence gives ("explosions
    at the airbase near Y", "the Y air base"); two such facilities of one kind are rarely this
    close. A facility of the town itself (a dam, a bridge, a hospital) is a point in it, and
    two of one kind a few kilometres apart are two places: ``place_km`` stands for them."""
    return o.or_(*(o.and_(o.eq(a.site, kind), o.eq(b.site, kind),
                          o.near(a.x_km, a.y_km, b.x_km, b.y_km, km))
                   for kind, km in r.facility_km))


def _region_other_type(a: Any, b: Any, o: Ops) -> Any:
    """Across documents, a report coded to a region and a report at a place inside it are
    *not* the same place by their codings where their sub-event types differ (not one class
    of ``compatible_sub_event_types``). ACLED's rule lets one report be the vaguer: a region
    stands for a place inside it, and a generic type ("fighting") for a specific one ("the
    army took X"); a report vaguer in its place and, against the other, vaguer or other in
    its type as well ("fighting in Aleppo province" and "the army seized the village of
    Umm Miyal"; "the fall of Luhansk oblast" and "fighting for the villages of X and Y")
    names no event the other does. Such a region's report is still that place's event where
    its words name the place (:func:`_told_by`: "On 18 April, Russian forces entered
    Kreminna", coded to Luhansk Oblast, and "troops had entered the city of Kreminna,
    capturing it")."""
    return o.and_(o.or_(o.eq(a.vague_place, 0), o.eq(b.vague_place, 0)),
                  o.ne(a.sub_class, b.sub_class))


def pair_rank(a: Any, b: Any, o: Ops, r: GroupingRules | None = None) -> tuple[Any, ...]:
    """How sure a link of two reports of two documents is, as parts of a sort key, best
    first. The linker unites pairs in order and a group holds one occasion per document, so
    where a report could join one of several reports of another document it joins the
    likeliest. The parts, in the order the linker sorts by them:

    - ``mixed``: 1 for a day-precise report against a vague or stated span (a month's
      summary and one day inside it), after two dates as precise as each other;
    - ``copied``: 0 where the two evidence texts are near-identical (one sentence copied);
    - (the linker puts here how many days apart the two reports' starts and ends are: ACLED's
      rule is the same day, the day of tolerance is for how two sources date one event);
    - ``place``: 0 for one coded place name, 1 for places coded near each other or one
      inside the other's region, 2 for a place only one report's words name;
    - ``type``: 0 for the same sub-event type, 1 for the event type's vaguer one, 2 for a
      compatible one."""
    r = r or rules()
    pa, pb = _day_precise(a, o), _day_precise(b, o)
    same_name = o.and_(o.eq(a.place, b.place), o.eq(a.country, b.country),
                       o.eq(a.vague_place, 0), o.eq(b.vague_place, 0))
    return (
        o.rank(((o.or_(o.and_(pa, pb), o.and_(o.not_(pa), o.not_(pb))), 0),), 1),
        copied_rank(a, b, o, r),
        o.rank(((same_name, 0), (place_coded(a, b, o, r), 1)), 2),
        o.rank(((o.eq(a.sub_event_type, b.sub_event_type), 0), (type_coded(a, b, o), 1)), 2),
    )


def copied_rank(a: Any, b: Any, o: Ops, r: GroupingRules | None = None) -> Any:
    """:func:`pair_rank`'s ``copied``: 0 where the two evidence texts are near-identical
    (the linker counts it in Python, from the terms its union loads)."""
    return o.rank(((o.copied(a, b, (r or rules()).min_bands), 0),), 1)


def _one_site(a: Any, b: Any, o: Ops) -> Any:
    """Across documents: not two parts of one place. Two reports that both name a part of
    their place (a side, a facility: ``place_parts``) and not the same one are two places,
    however they are coded ("south of X" and "northwest of X"; "the X dam" and "the X
    airbase", both coded to X's point); a report of the place as a whole may be either."""
    return o.or_(o.missing(a.site), o.missing(b.site), o.eq(a.site, b.site))


def place_told(a: Any, b: Any, o: Ops, r: GroupingRules | None = None) -> Any:
    """Across documents, the same place as the reports' words tell it where their codings
    differ: one report's place, below its country ("Syria" is named by most sentences about
    the war), is a name the other's evidence names where those words tell the other's event
    there (:func:`_told_by`), or the two evidence texts are near-identical and neither names a
    name the other does not, and the two are coded in one region (:func:`_one_region`). A name
    the words name only after a word of direction ("stopping the advance of Russian troops
    towards the city of X": terms of kind "d", ``direction_words``) is where a movement went,
    not where the event was: it tells ``a``'s place only where ``a``'s own words name that
    place the same way (the two read one sentence alike, and ``a`` was coded there); it still
    names a place for "one sentence of both places" (:func:`_told_by`: "clashes near A and on
    the road to B", "fighting in B and A"). Where ``b`` is coded to a region or to no place,
    its words also tell ``a``'s place by a name spelled another way (:func:`spelled_terms`:
    "Tell Qasroun" and "Tal Qasrun", one consonant skeleton): one town in two
    transliterations is the same place by name, and the coding that lost it to the region
    is the vaguer one; a report coded to a town of its own names another town as its
    neighbour, in any spelling."""
    r = r or rules()
    return o.and_(_two_docs(a, b, o), _one_site(a, b, o), o.or_(
        o.and_(_located(a, o), o.named(a, b), _told_by(a, b, o)),
        o.and_(_located(b, o), o.named(b, a), _told_by(b, a, o)),
        o.and_(o.spelled(a, b), _told_by(a, b, o)),
        o.and_(o.spelled(b, a), _told_by(b, a, o)),
        o.and_(o.copied(a, b, r.min_bands), _one_region(a, b, o))))


def _one_region(a: Any, b: Any, o: Ops) -> Any:
    """Copied words tell one place only within one region: the two reports are coded in one
    country and in the same admin1, or one of them has none (a vaguer report, coded to the
    country only). ACLED's rule keys on one location; two documents that code one copied
    sentence in two regions or two countries disagree on where it happened (a village
    geocoded to a homonym across the border), and the words cannot tell which is right. The
    linker's band look-up is blocked the same way (``groups._band_candidates``)."""
    return o.and_(o.eq(a.country, b.country),
                  o.or_(o.missing(a.admin1), o.missing(b.admin1), o.eq(a.admin1, b.admin1)))


def _told_by(a: Any, b: Any, o: Ops) -> Any:
    """``b``'s words, which name ``a``'s place, tell ``b``'s event there. A sentence that
    names its own place and another ("clashes near A and on the road to B", "advanced on A
    from B") tells an event at its own place; the other is a direction, a neighbour, a
    target. So the words tell ``a``'s place only where they name no other name of ``b``'s
    own place (``b`` was placed from elsewhere: the narrative's place, another reading of the
    sentence), or ``b``'s place is a part of a town (``site``: a side, "west of A", "20 km
    north of A", or a facility: the town is a point of reference, the event may be at the
    other name), or ``a``'s words name ``b``'s place too (one sentence of both places:
    "captured A and half of B"), or ``b`` is coded to the region that contains ``a``'s place
    (the region's name in its words is no other place: "entered Kreminna, where the Governor
    of Luhansk Oblast reported street fights"). Never where ``b``'s location is measured from
    ``a``'s place ("repulsed attacks in the vicinity 24 km north of A": its place ends
    with ``a``'s after a stated distance, ``distance_units``): the town is where the distance
    is counted from, the event is that far off (within ``place_km`` the two points, which the
    geocoder offset by the distance, still make one place)."""
    return o.and_(o.not_(o.measured_from(b, a)), o.or_(
        o.present(b.site), o.not_(o.names_own(b, a)), o.names_part(a, b),
        o.and_(o.flag(b.vague_place), o.eq(a.vague_place, 0),
               o.eq(a.admin1, b.admin1), o.eq(a.country, b.country))))


def _located(a: Any, o: Ops) -> Any:
    """The report's place is below its country: a precise place, or a region (admin1)."""
    return o.or_(o.eq(a.vague_place, 0), o.present(a.admin1))


def _same_actors(a: Any, b: Any, o: Ops, r: GroupingRules | None = None) -> Any:
    """One document: the same parties (no direction implied). Two: a common actor, or one
    report names none (reports of one clash often name its second side differently, or not
    at all), or the two evidence texts are near-identical (:meth:`Ops.copied`): the same
    words tell the same parties, and the coded actors differ only by what each document's
    context made of them ("the army", "separatists")."""
    r = r or rules()
    return o.or_(
        o.and_(_one_doc(a, b, o), o.same(a.actor_lo, b.actor_lo), o.same(a.actor_hi, b.actor_hi)),
        o.and_(_two_docs(a, b, o), o.or_(
            o.missing(a.actor_lo),
            o.missing(b.actor_lo),
            o.eq(a.actor_lo, b.actor_lo),
            o.eq(a.actor_lo, b.actor_hi),
            o.eq(a.actor_hi, b.actor_lo),
            o.eq(a.actor_hi, b.actor_hi),
            o.copied(a, b, r.min_bands),
        )),
    )


def same_event(a: Any, b: Any, o: Ops = PY, r: GroupingRules | None = None) -> Any:
    """ACLED's one-event rule between two reports (keys or column collections)."""
    r = r or rules()
    return o.and_(
        _same_dates(a, b, o, r),
        _same_type(a, b, o),
        o.or_(place_coded(a, b, o, r), place_told(a, b, o, r)),
        _same_actors(a, b, o, r),
    )


def _places(spots: dict[str, tuple[float, float] | None], km: float) -> int:
    """How many places the names are: a name that contains another as words is that one
    ("the entrance of Lyman" is Lyman, "between Bucha and Irpin" is Bucha and Irpin), and
    names located within ``km`` of each other are one place ("Kobane", "Kobanî")."""
    padded = {n: f" {n} " for n in spots}
    kept = [n for n in spots if not any(m != n and f" {m} " in padded[n] for m in spots)]
    seen: list[tuple[float, float]] = []
    count = 0
    for n in kept:
        p = spots[n]
        if p is not None and any((p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2 <= km * km
                                 for q in seen):
            continue
        count += 1
        if p is not None:
            seen.append(p)
    return count


# -- a group is one event: every two of its reports satisfy the rule ---------------------------
@dataclass
class GroupState:
    """What a group's reports hold together, so two groups are joined only when every report
    of one is the same event as every report of the other (no chain of "within a day" links
    walking across a month of daily fighting, no region-wide report joining two towns):

    - dates overlapping all at once: the latest start is no later than the earliest end plus
      tolerance (for intervals, pairwise overlap is common overlap);
    - at most one specific sub-event type, or class of compatible ones (vague ones go with any
      of their event type);
    - inside one document, at most three actors in all (two sides, one named two ways);
      across documents every two reports share a party, or one names none, or their words
      are a copy (the rule's actor test, pair by pair: :meth:`joins`);
    - one precise place: the reports located at a named place (not a region, not a word that
      refers back) all name it the same way, or all lie within ``place_km`` of each other;
      unless the place of the two groups' reports is *told* by their words
      (:func:`place_told`: the codings of one place differ, so their names do too).
    """

    documents: set[int]
    occasions: dict[int, set[tuple[Any, ...]]]  # each document's occasions (:meth:`occasion`)
    sites: set[str]  # the parts of places its reports name (a side, a facility)
    typed: set[tuple[int, str]]  # (document, specific sub-event type) of its reports
    max_start: int
    min_hi: int
    subs: set[str]
    actors: set[str]
    names: set[str]
    spots: dict[str, tuple[float, float] | None]  # each name's point (the first report's)
    box: tuple[float, float, float, float] | None  # min x, min y, max x, max y (km)
    unlocated_name: bool  # a precise place without coordinates (so no distance to check)
    km: float
    # the day-precise reports' starts and ends (lowest, highest), or None
    day_box: tuple[int, int, int, int] | None = None
    day_spread: int = 1  # how far apart the day-precise reports' starts (and ends) may be
    # its reports' keys, with their evidence terms (every two of two documents are one event)
    keys: list[LinkKey] = field(default_factory=list)
    # each report's copies in the group: event id -> the ids of other documents' reports whose
    # words are near-identical to its own (:meth:`Ops.copied`), both ways
    copies: dict[int, set[int]] = field(default_factory=dict)
    min_bands: int = 2
    # the copies :meth:`refusal` found between this group and another, kept for :meth:`absorb`
    _found: tuple[GroupState, dict[int, set[int]]] | None = field(default=None, repr=False,
                                                                   compare=False)

    @classmethod
    def of(cls, key: LinkKey, r: GroupingRules | None = None) -> GroupState:
        precise = key.place is not None and not key.vague_place and not key.site_ref
        located = key.x_km is not None and key.y_km is not None
        return cls(
            documents={key.document_id},
            occasions={key.document_id: {cls.occasion(key)}},
            sites={key.site} if key.site else set(),
            typed=set() if key.vague_type else {(key.document_id, key.sub_event_type)},
            # an unknown date constrains nothing (only reports of one document, which share
            # it, are ever the same event without a date)
            max_start=key.day_start if key.day_start is not None else -(10**9),
            min_hi=key.day_hi if key.day_hi is not None else 10**9,
            subs=set() if key.vague_type else {key.sub_class},
            actors={a for a in (key.actor_lo, key.actor_hi) if a},
            names={key.place} if precise and key.place else set(),
            spots={key.place: (key.x_km, key.y_km) if located else None}
            if precise and key.place else {},
            box=(key.x_km, key.y_km, key.x_km, key.y_km) if precise and located else None,
            unlocated_name=precise and not located,
            km=(r or rules()).place_km,
            day_box=(key.day_start, key.day_start, key.day_end, key.day_end)
            if None not in (key.day_start, key.day_end, key.day_hi)
            and key.day_hi > key.day_end else None,  # type: ignore[operator]
            day_spread=(r or rules()).day_tolerance.get(1, 1),
            keys=[key],
            min_bands=(r or rules()).min_bands,
        )

    @staticmethod
    def occasion(key: LinkKey) -> tuple[Any, ...]:
        """What tells one document's reports apart as events in ACLED's rule, the sub-event
        type aside: the dates, the place (its name's :func:`spelling`, and country) and the
        event type. One place the document spells two ways ("Kobane", "Kobanî": a
        transliteration's vowels) is one location in ACLED's rule."""
        return (key.day_start, key.day_end, spelling(key.place), key.country, key.event_type)

    def _day_box(self, other: GroupState) -> tuple[int, int, int, int] | None:
        if self.day_box is None or other.day_box is None:
            return self.day_box or other.day_box
        a, b = self.day_box, other.day_box
        return (min(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), max(a[3], b[3]))

    def _box(self, other: GroupState) -> tuple[float, float, float, float] | None:
        if self.box is None or other.box is None:
            return self.box or other.box
        a, b = self.box, other.box
        return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))

    def _one_place(self, other: GroupState) -> bool:
        if len(self.names | other.names) <= 1:
            return True
        box = self._box(other)
        if self.unlocated_name or other.unlocated_name or box is None:
            return False
        km = self.km
        sites = self.sites | other.sites
        if len(sites) == 1:  # every report naming a part names one facility spanning km
            km = max(km, dict(rules().facility_km).get(next(iter(sites)), km))
            if km > self.km and not all(
                    k.site for k in (*self.keys, *other.keys)
                    if k.place is not None and not k.vague_place and not k.site_ref):
                km = self.km  # ... but a precise report of the town itself is at the town
        return (box[2] - box[0]) ** 2 + (box[3] - box[1]) ** 2 <= km * km

    def joins(self, other: GroupState, place_told: bool = False, type_compatible: bool = False
              ) -> bool:
        """Two groups are one event (across documents): :meth:`refusal` finds nothing."""
        return self.refusal(other, place_told, type_compatible) is None

    def refusal(self, other: GroupState, place_told: bool = False,
                type_compatible: bool = False) -> str | None:
        """Which check refuses to join two groups into one event (across documents), or None
        when they are one. Where the place is only told by the
        evidence, the joined group may name at most two precise places: one place that two
        codings put at two names (the village and the town beside it), not a walk from town
        to town through sentences naming several. Where the types are only compatible (an
        air strike and a missile strike), the join may not bring two reports of one document
        with two types together: that document told two strikes apart.

        Every join is held to what every two day-precise reports of a group must be, not
        only the two the pair links (a group is one event, not a chain of links): their
        starts, and their ends, all within ``day_spread`` days (no walk through a daily
        narrative, the 12th to the 13th to the 14th).

        A group holds at most one occasion of each document (its reports' dates, place name
        and event type, :meth:`occasion`): the document's own merge (ACLED's rule inside it,
        :mod:`warlog.events.merge`) already told its reports of two days or two places apart
        as distinct events, so another document's report is the same event as one of them at
        most. Which one is settled by the order the linker unites pairs in
        (:func:`pair_rank`). Two reports of one day and place and event type that the
        document coded with two sub-event types ("fighting for X" and "the capture of X")
        are one occasion: ACLED's rule does not tell them apart by the sub-event type.

        Across documents the group has no cap on its actors (two documents name one side
        two ways, "Russia and the LPR", "Ukraine and the DPR"): every two reports of two
        documents must share a party, or one name none, or copy one sentence.

        Last, every report of one group is the same event as every report of the other that
        another document made (:func:`same_event`, with their evidence terms): a pair links
        two groups, but the group is one event only if every two of its reports are. A
        report that names no party, or only a region, or a day between two others, is the
        same event as each of two reports that are not one event (no common party, two towns
        of the region, two days apart), and would otherwise join them into one; and each
        document's report of a sentence two documents copy pairs with its copy, not with the
        other document's report of another sentence (:meth:`_copies_paired`)."""
        for doc in self.documents & other.documents:  # that document told them apart
            if len(self.occasions[doc] | other.occasions[doc]) > 1:
                return "occasions"
        if len(self.sites | other.sites) > 1:  # two parts of a place, as each pair
            return "sites"
        box = self._day_box(other)  # every two of them "within a day", not only a chain
        if box is not None and max(box[1] - box[0], box[3] - box[2]) > self.day_spread:
            return "day spread"
        if place_told and _places({**other.spots, **self.spots}, self.km) > 2:
            return "told places"
        if type_compatible:
            docs = [d for d, _ in self.typed | other.typed]
            if len(docs) != len(set(docs)) and not self._one_telling(other, docs):
                return "compatible types"
        if not self.fits(other, place_told, actors=False):
            return "dates, sub-type or place"
        if not all(same_event(x, y, PY) for x in self.keys for y in other.keys
                   if x.document_id != y.document_id):
            return "member pairs"
        if not self._copies_paired(other):
            return "copies"
        return None

    def _one_telling(self, other: GroupState, docs: list[int]) -> bool:
        """The join brings a document's reports of two compatible types together, and that
        document told one event in two words, not two events: its reports of a specific type
        all code the same parties (the occasions check has already made them one day, place
        and event type). ACLED's rule is the same day, place, actors and event type; a
        document that codes "Ukrainian forces used rocket and artillery bombardments and
        airstrikes" on a town and day as an air strike beside its shelling there, by the
        same two sides, told one exchange of fire by its weapons, and another document's
        "used artillery to shell Russian convoys" is that event. Where its two types have
        other parties (an air force's strike, a militia's mortars), it told two happenings.
        A place changes hands once on a day (``once_a_day_sub_event_types``), so any number of
        documents may tell its capture in two types; a place may be struck many times a day,
        so where a second document also tells the two strike types apart there (a bombed oil
        depot and a thermobaric strike on a base, told by both), they are two strikes, and
        another document's report is one of them."""
        twice = {d for d, n in Counter(docs).items() if n > 1}
        parties: dict[int, set[tuple[str | None, str | None]]] = {d: set() for d in twice}
        many = set()  # documents with two types of a class a place may see many times a day
        once = rules().once_a_day
        for k in (*self.keys, *other.keys):
            if k.document_id in twice and not k.vague_type:
                parties[k.document_id].add((k.actor_lo, k.actor_hi))
                if k.sub_event_type not in once:
                    many.add(k.document_id)
        return len(many) <= 1 and all(len(p) == 1 for p in parties.values())

    def _cross_copies(self, other: GroupState) -> dict[int, set[int]]:
        """The copies between this group's reports and the other's (two documents), both
        ways; kept for the :meth:`absorb` that follows a :meth:`refusal`."""
        if self._found is not None and self._found[0] is other:
            return self._found[1]
        found: dict[int, set[int]] = {}
        for x in self.keys:
            for y in other.keys:
                if x.document_id != y.document_id and PY.copied(x, y, self.min_bands):
                    found.setdefault(x.event_id, set()).add(y.event_id)
                    found.setdefault(y.event_id, set()).add(x.event_id)
        self._found = (other, found)
        return found

    def _copies_paired(self, other: GroupState) -> bool:
        """Each document's report pairs with its counterpart: a report ``x`` and another
        document's report ``y`` whose words are not a copy of ``x``'s are not in one group
        where ``x``'s copy in ``y``'s document and ``y``'s copy in ``x``'s document are both in
        it. Where two documents tell two sentences alike (an article and its copy; wire
        copy), each sentence's copy is that document's report of its event; the document's own
        merge told the two sentences apart (another party, another type: "the rebels assaulted
        ISIL inside the city", "they clashed with the army in a village southwest of it"), so
        sentence 1 of one document is not sentence 2 of the other. Without this, two copies of
        an article that each code a day's several sentences at one city link every sentence of
        one to every sentence of the other (one occasion per document allows it). A document
        that tells the event a second time in words the other does not copy ("won a battle at
        Kherson" copied, "captured the major city of Kherson" not) still joins with both."""
        cross = self._cross_copies(other)
        if not (cross or self.copies or other.copies):
            return True
        docs: dict[int, set[int]] = {}
        for k in (*self.keys, *other.keys):
            docs.setdefault(k.document_id, set()).add(k.event_id)
        doc_of = {k.event_id: k.document_id for k in (*self.keys, *other.keys)}
        mine = {eid: self.copies.get(eid, set()) | other.copies.get(eid, set())
                | cross.get(eid, set()) for eid in {*self.copies, *other.copies, *cross}}
        copied_in = {eid: {doc_of[c] for c in found} for eid, found in mine.items()}
        for eid, found in mine.items():
            for doc in copied_in[eid]:
                for y in docs[doc] - found:  # that document's other report of the occasion
                    if doc_of[eid] in copied_in.get(y, ()):  # ... has its own copy here
                        return False
        return True

    def fits(self, other: GroupState, place_told: bool = False, actors: bool = True) -> bool:
        """The group checks every merge takes; ``actors``: at most three actors in all (inside
        one document, where the rule asks for the same parties; across documents every two
        reports are checked with the rule instead, :meth:`joins`)."""
        return (
            max(self.max_start, other.max_start) <= min(self.min_hi, other.min_hi)
            and len(self.subs | other.subs) <= 1
            and (not actors or len(self.actors | other.actors) <= 3)
            and (place_told or self._one_place(other))
        )

    def absorb(self, other: GroupState) -> None:
        for eid, found in self._cross_copies(other).items():
            self.copies.setdefault(eid, set()).update(found)
        for eid, found in other.copies.items():
            self.copies.setdefault(eid, set()).update(found)
        self._found = None
        self.box = self._box(other)
        self.day_box = self._day_box(other)
        self.keys.extend(other.keys)
        self.documents |= other.documents
        self.sites |= other.sites
        for doc, found in other.occasions.items():
            self.occasions.setdefault(doc, set()).update(found)
        self.typed |= other.typed
        self.max_start = max(self.max_start, other.max_start)
        self.min_hi = min(self.min_hi, other.min_hi)
        self.subs |= other.subs
        self.actors |= other.actors
        self.names |= other.names
        self.spots = {**other.spots, **self.spots}
        self.unlocated_name = self.unlocated_name or other.unlocated_name
