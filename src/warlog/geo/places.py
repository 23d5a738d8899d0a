"""Spotting place names in a sentence: capitalised word runs checked by hash lookup.

Candidate spans are runs of capitalised words, allowing lower-case particles inside
("Deir ez-Zor", "Ras al Ayn") and lower-case article prefixes ("al-Salhiya"). Within a span,
n-grams are tried longest first, left to right, each by hash lookup: country names, named
regions (``region_capitals``), then the gazetteer. A run followed by a region word
("Idlib Governorate", "Deir ez-Zor province", "the Al-Raqqa countryside") or preceded by one
("Governorate of Idlib") becomes a region mention coded to its capital.

Precision guards, all driven by ``data/geo.yaml``:

- stop-names (function words, military/political words, titles, months, generic toponym
  words, organisation and famous people's names) never match; a multi-word stop phrase
  ("Washington Post") consumes its words;
- English common words (``common_words``) match alone only after a strong place cue ("in",
  "near", "town of") and in the document's primary country; an n-gram made only of such
  words never;
- acronyms ("SDF", "RIMa") are not places unless they are country aliases ("UK");
- a match is part of a longer name when a person title precedes it ("President X"), an
  unknown capitalised word touches it ("Hassan Nasrallah"), a generic toponym head or a
  compass word precedes it ("Khan al-Shih", "North Carolina"), a facility word precedes it
  ("Camp Chapman") or it ends "X del Y" with X unknown ("Lanao del Sur"); a name followed by
  "river" is a river;
- countries: any size in the document's primary countries; 15,000 people (or 5,000 for a
  main name) in its secondary ones; abroad a place cue must precede the name (a bare foreign
  name is mostly a surname or a metonym: "Wilson", "Moscow said") and it needs 15,000 people
  in a neighbouring country, 100,000 elsewhere; an alternate name that does not sound like
  the main name only for a city of two million ("Africa" is an alternate name of a Tunisian
  town, "Bell" one of Belem; "Peking" still finds Beijing); a name followed by a local
  feature word ("Beiruti bridge") is never a foreign place;
- the name of a city of 100,000+ ("Gaza") gets no transliteration-folded reading elsewhere;
  folded matches abroad need a place cue, 100,000 people and a matching skeleton; one loose
  word must sound like the place's main name ("Illich" is no Illinivka);
- skeleton matches only in the primary countries, with the same initial and number of
  words as the place's main name, at least four consonants (five for one word), and backed
  by a second word, a place cue or a settlement word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from warlog.data import cached, load_yaml, on_clear
from warlog.geo.admin_names import admin1_codes_named
from warlog.geo.context import GeoContext, country_votes, operation_heads
from warlog.geo.features import type_of
from warlog.geo.front import nearness
from warlog.geo.gazetteer import TIER_EXACT, TIER_FOLD, TIER_SKELETON, Match, haversine_km
from warlog.geo.lexicon import RegionSuffix, geo_lexicon
from warlog.geo.normalize import fold_key, normalize, skeleton_key, strip_articles
from warlog.geo.persons import is_person_name
from warlog.geo.spans import (
    LETTERS,
    SPACES,
    Tok,
    name_abbreviations,
    prefix_re,
    spans,
    suffix_re,
    tokens,
    word_after,
    word_before,
)
from warlog.model import Place
from warlog.nlp.alternation import HeadFilter, trie_alternation
from warlog.plugins import geocoder

MAX_NGRAM = 5
_MIN_NORM_LEN = 3
_GROUP_NAME_WORDS = 4  # capitalised words after a place name that may still end a group's name


_NAME_GAPS = (" ", "\u00a0", "'s ", "’s ")
_WORD_AFTER_RE = re.compile(r"\s+[A-Za-z][A-Za-z\-]*")
_WORD_BEFORE_ARTICLE = re.compile(r"([A-Za-z]+)\s+[A-Za-z]+\s+$")


def _fold(text: str) -> str:
    from warlog.actors.normalize import fold

    return fold(text)


@cached
def _english_articles() -> frozenset[str]:
    from warlog import lang

    return frozenset(str(w).lower() for w in lang.wordlist("grammar", "articles"))


@cached
def _actor_names() -> frozenset[str]:
    """Folded aliases of the actor dictionary's canonical actors (not its generic phrases,
    countries, places or nationalities)."""
    from warlog.actors.lexicon import load_lexicon

    return frozenset(p.key for p in load_lexicon().patterns if p.role == "actor")


@cached
def _actor_name_ends() -> frozenset[str]:
    """The last words of the :func:`_actor_names` of more than one word. A name ending at a
    token of a sentence is one of them only if that token, folded, is one of these
    (:meth:`_Finder._ends_group`)."""
    return frozenset(k.rsplit(" ", 1)[1] for k in _actor_names() if " " in k)


@cached
def _name_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """``group_heads`` ("Brigade", "Regiment"), ``water_of_words`` ("Sea", "Gulf") and
    ``outlet_heads`` ("news agency", "radio") of ``data/geo.yaml``, lower case."""
    y = load_yaml("geo.yaml")
    return (
        frozenset(str(w).lower() for w in y["group_heads"]),
        frozenset(str(w).lower() for w in y["water_of_words"]),
        frozenset(str(w).lower() for w in y["outlet_heads"]),
    )


def _joined(norm: str) -> str:
    """A normalised name with its spaces dropped."""
    return norm.replace(" ", "")


_CAP_WORD = re.compile(r"[A-Z][\w'’.\-]*")
_LOWER_GAP = re.compile(r"[a-z\s\-]*")


@cached
def _country_after() -> re.Pattern[str]:
    """A locative, an optional article and compass word, and up to three capitalised words
    right after a name ("in East Timor", "in northern Iraq"): geo_homonyms.yaml's
    ``country_locatives``."""
    locs = load_yaml("geo_homonyms.yaml")["country_locatives"]
    compass = geo_lexicon().direction_adjectives
    alt = "|".join(re.escape(str(w)) for w in sorted(locs, key=len, reverse=True))
    comp = "|".join(re.escape(str(w)) for w in sorted(compass, key=len, reverse=True))
    # the locative, article and compass word in any case ("In", "Northern"); the names
    # capitalised (a case-insensitive [A-Z] would take any word after "in")
    return re.compile(
        rf",?\s+(?i:{alt})\s+(?i:the\s+)?(?i:(?:{comp})\s+)?"
        r"([A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,2})"
    )


@cached
def _capital_after() -> re.Pattern[str]:
    """A capital word right after a name, with its possessive ("Somalia's capital")."""
    words = load_yaml("geo.yaml")["capital_words"]
    # (?<!\s): tried once per run of spaces, not from each of them (no quadratic backtracking)
    return re.compile(rf"(?<!\s)(?:['’]s?)?\s+{trie_alternation(str(w).lower() for w in words)}\b",
                      re.I)


@cached
def _capital_heads() -> HeadFilter:
    """Whether a sentence can hold a :func:`_capital_after` at all (most have no "capital")."""
    return HeadFilter(str(w) for w in load_yaml("geo.yaml")["capital_words"])


# a document's countries split for the search, per (geocoder, countries, primary countries):
# (the geocoder, secondary countries, neighbours) - the same for every sentence of a document
_SPLITS: dict[tuple[int, tuple[str, ...], tuple[str, ...]],
              tuple[object, tuple[str, ...], frozenset[str]]] = {}


@dataclass(slots=True)
class PlaceMention:
    """A place named in the text. ``start``/``end`` are offsets in the document text."""

    start: int
    end: int
    text: str
    place: Place
    kind: str  # city | admin1 | region | country
    precision: int  # 1 town, 2 part of a region / near, 3 region or country
    tier: int = 0  # how loosely the name matched (gazetteer TIER_*)
    candidates: tuple[Place, ...] = ()  # other acceptable readings, best first
    called: str = ""  # the place's own name where the text names it another way


@dataclass(slots=True, frozen=True)
class _Phrase:
    """A capitalised n-gram that may name a place, by its own words and the text's countries
    (:meth:`_Finder._phrase`): the words around it decide the rest."""

    phrase: str  # as looked up ("Saint Quentin" for "St. Quentin")
    norm: str
    country: str | None  # a country's name: its code
    matches: list[Match]  # the gazetteer's readings (``[]`` for a country or an area)
    area: bool  # no reading, but a first-level area's name ("Zamfara")
    common: bool  # made of common words (a place only after a strong place cue)
    article_head: bool  # a generic toponym word with its article ("al-Bab")


class _Phrases(dict):
    """``(phrase, words, countries)`` -> :class:`_Phrase`, ``True`` (a stop phrase) or ``None``
    (no place whatever the sentence), for one gazetteer and lexicon. A document repeats its
    names and the corpus its stop words and non-places ("The", "Army", "Syrian"): each is
    read once per process, not once per sentence (or, for a non-place, per document)."""

    owner: object = None
    lex: object = None

    def reset(self, owner: object, lex: object) -> None:
        self.clear()
        self.owner, self.lex = owner, lex


_PHRASES = _Phrases()
_PHRASES_MAX = 300_000
_MISSING = object()
on_clear(lambda: _PHRASES.reset(None, None))


class _Finder:
    """One sentence's place search (holds the per-call settings)."""

    def __init__(
        self,
        text: str,
        offset: int,
        codes: tuple[str, ...],
        primary: tuple[str, ...],
        context: GeoContext | None,
    ) -> None:
        self.text = text
        self.offset = offset
        self.codes = codes
        self.primary = primary
        self.context = context
        self.gaz = geocoder()
        self.lex = geo_lexicon()
        key = (id(self.gaz), codes, primary)
        split = _SPLITS.get(key)
        if split is None or split[0] is not self.gaz:
            if len(_SPLITS) > 1000:
                _SPLITS.clear()
            split = _SPLITS[key] = (self.gaz, tuple(c for c in codes if c not in primary),
                                    self.gaz.neighbours_of(primary) - set(codes))
        _, self.secondary, self.neighbours = split
        self._named: frozenset[str] | None = None
        self.local: list[Place] = []  # places found earlier in this sentence
        self.at = (0, 0)  # the offsets of the name being matched
        # where a "capital" follows a word ("the Afghan capital"): the one reading of a
        # name that depends on the word after it, checked before the phrase memo
        self.capital_at = frozenset(
            m.start() for m in _capital_after().finditer(text)
        ) if _capital_heads().may_match(text) else frozenset()

    # ---------------------------------------------------------------- classification
    def _is_known_word(self, tok: Tok) -> bool:
        """A capitalised word that cannot be part of an unknown (person's) name."""
        word = tok[2]
        low = word.lower()
        lex = self.lex
        if not tok[3] or (word.isupper() and len(word) > 1) or low in lex.non_place_words:
            return True
        norm = normalize(word)
        # another place name does not count as known: "Colin Powell", "David Cameron"
        return (
            norm in lex.stop_names
            or norm in lex.common_words
            or low in lex.region_suffixes
            or low in lex.facility_words
            or low in lex.settlement_words
            or self.gaz.country_of_name(word) is not None
        )

    def _acceptable(
        self,
        m: Match,
        m_norm: str,
        cue: bool,
        n_words: int,
        follow: str,
        common: bool,
        strong_cue: bool = False,
    ) -> bool:
        p = m.place
        th = self.lex.thresholds
        cc = p.country_code
        if m.tier == TIER_SKELETON:
            # a settlement word, or a site named after the place ("the X air base", "X dam")
            backed = n_words > 1 or cue or follow in self.lex.settlement_words or (
                follow in self.lex.facility_words or follow in self.lex.facility_modifiers
            )
            if _joined(m_norm) == _joined(normalize(p.name)):
                # the place's name with its words run together or split ("Xuanloc",
                # "Dienbienphu", "Khesanh" as wire copy of the time wrote Xuan Loc, Dien Bien
                # Phu, Khe Sanh): the same letters, at home
                return cc in self.primary and backed and not common
            return (
                cc in self.primary
                and backed
                and m.initial
                and not common
                and len(skeleton_key(m_norm)) >= th["skeleton_spot_min_length"] + (n_words == 1)
                and fold_key(m_norm).count(" ") + 1 == m.words  # not "Ahmet Yayla" for Ahmetli
            )
        if m.tier == TIER_FOLD and not m.agree and " " not in m_norm and not (
            cc in self.primary and follow in self.lex.facility_modifiers
        ):
            # one loose word that does not sound like the place ("Illich"), unless a site
            # is named after it at home ("the Thawra oil field" for Al-Thawrah)
            return False
        if not self.primary or cc != self.primary[0]:
            told = self._country_told_after()
            if told and told != cc and told in self.primary:
                # "the town of X in Mozambique" in a story about Mozambique: no namesake of
                # another country
                return False
        if cc in self.primary:
            return not common or strong_cue
        if (m.tier == TIER_EXACT and cue and not common
                and follow not in self.lex.named_feature_words
                and cc in self._sentence_countries() and cc in self._owners()):
            # after a place cue, the sentence puts the place in its country: a country or
            # nationality with only lower-case words between it and the name ("Afghan
            # troops recaptured the town of X", "the Iranian oil terminal at X") or the
            # country after it with a locative ("near X in East Timor"). A story filed from
            # another country's capital ("NEW DELHI (Reuter) -") is about that one there
            return True
        if common or follow in self.lex.named_feature_words:
            return False  # "Beiruti bridge" in a Syrian town is no Lebanese place
        if m.tier == TIER_FOLD and not cue:
            return False  # a loose match abroad needs a place cue ("Soon after…" is no Anshun)
        if m.tier == TIER_FOLD and (p.population < th["city_min_population"] or not m.agree):
            return False  # "Nivelle" (a general) is not Nivelles, Belgium
        if not m.main_name and not m.agree and p.population < th["exonym_min_population"] and (
            self.codes or not cue or p.population < th["unknown_country_exonym_min_population"]
        ):
            # an exonym abroad only for a metropolis ("Peking", "Leningrad"); in a text that
            # names no country there is no abroad: after a place cue, a town's other name
            return False
        if not self.codes:
            return p.population >= th["unknown_country_min_population"] and (
                m.main_name or p.population >= th["foreign_min_population"]
                or (cue and p.population >= th["unknown_country_exonym_min_population"])
            )
        if cc in self.secondary:
            return p.population >= th["neighbour_min_population"] or (
                m.main_name and p.population >= th["secondary_main_min_population"]
            )
        if not cue:
            return False  # abroad, a bare name is a surname or a metonym ("Wilson", "Moscow said")
        if cc in self.neighbours:
            return p.population >= th["neighbour_min_population"]
        ctx = self.context
        if (ctx is not None and ctx.home_point is not None and cc != ctx.home_code
                and cc not in ctx.named_codes
                and p.population < th["home_dateline_abroad_min_population"]
                and p.latitude is not None
                and haversine_km(*ctx.home_point, p.latitude, p.longitude)
                > th["home_dateline_far_km"]):
            # filed at home ("MAPUTO (Reuters) -"): a town's name is a place of the story's
            # country the gazetteer may not hold, not a namesake city of a faraway country
            # the text never names (a city near the dateline's, "TEHRAN - ... near Deir ez-Zor",
            # may well be meant)
            return False
        return p.population >= th["foreign_min_population"]

    def _rank(self, ok: list[Match]) -> list[Match]:
        """Best first: name fit, countries and population (:meth:`Match.score`), plus the
        nearness to the document's front (:meth:`Front.bonus`)."""
        front = self.context.front if self.context is not None else None
        if (front is None or not len(front)) and not self.local:
            return sorted(ok, key=lambda m: -m.score(self.primary, self.secondary,
                                                     self.neighbours))
        return sorted(
            ok,
            key=lambda m: -(
                m.score(self.primary, self.secondary, self.neighbours) + self._near(m.place)
            ),
        )

    def _near(self, place: Place) -> float:
        """Nearness bonus: to the document's front, or to a place named earlier in the
        sentence ("Damascus & Rif Dimashq: Douma, Harasta…"), whichever is nearer."""
        front = self.context.front if self.context is not None else None
        bonus = front.bonus(place) if front is not None else 0.0
        if self.local and place.latitude is not None:
            d = min(haversine_km(place.latitude, place.longitude, p.latitude, p.longitude)
                    for p in self.local)
            bonus = max(bonus, nearness(d))
        return bonus

    def _near_local(self, place: Place) -> bool:
        """Within ``front_far_km`` of a place named earlier in the same sentence."""
        limit = self.lex.thresholds["front_far_km"]
        return place.latitude is not None and any(
            haversine_km(place.latitude, place.longitude, p.latitude, p.longitude) <= limit
            for p in self.local
        )

    def _off_front(self, ok: list[Match]) -> list[Match]:
        """``ok`` without the readings hundreds of km from everything else the document
        resolved, unless the sentence names their country, or they are a town of the
        document's own countries or a large city abroad (a namesake village or neighbourhood
        far from the front is never meant). A name the text calls a part of a town ("the X
        neighbourhood") is left to ``geo.homonyms``, which codes a far one at the town."""
        front = self.context.front if self.context is not None else None
        if front is None:
            return ok
        th = self.lex.thresholds
        kept = []
        # a far reading at home that is dropped is not replaced by a city abroad
        home = any(m.place.country_code in self.codes for m in ok)
        for m in ok:
            p = m.place
            if not front.is_far(p) or self._near_local(p):
                kept.append(m)
                continue
            if p.country_code in self._sentence_countries():
                kept.append(m)
            elif p.country_code in self.codes and p.population >= th["far_keep_population"]:
                if type_of(p) not in self.lex.section_types:
                    kept.append(m)
            elif (not home and m.main_name
                  and p.population >= th["far_keep_abroad_population"]):
                kept.append(m)
        return kept

    def _owners(self) -> frozenset[str]:
        """The countries the sentence puts the name at ``self.at`` in: a country name or
        nationality before it with only lower-case words between ("the Iranian oil terminal
        at X"), and a country after it with a locative ("X in East Timor", "X in northern
        Iraq"). Asked only of a reading abroad in a country the sentence names."""
        s, e = self.at
        text = self.text
        out: set[str] = set()
        words = list(_CAP_WORD.finditer(text, 0, s))
        k = len(words) - 1
        if k >= 0 and _LOWER_GAP.fullmatch(text, words[k].end(), s):
            for n in (3, 2, 1):
                if k - n + 1 < 0:
                    continue
                first = words[k - n + 1]
                if n > 1 and not all(text[words[x].end():words[x + 1].start()] == " "
                                     for x in range(k - n + 1, k)):
                    continue
                gram = text[first.start():words[k].end()].removesuffix("'s").removesuffix("’s")
                code = self.gaz.country_of_name(gram)
                if code:
                    out.add(code)
                    break
        after = _country_after().match(text, e)
        if after is not None:
            names = after.group(1).split()
            for n in range(len(names), 0, -1):
                code = self.gaz.country_name_code(" ".join(names[:n]))
                if code:
                    out.add(code)
                    break
        return frozenset(out)

    def _country_told_after(self) -> str:
        """The country a locative right after the name at ``self.at`` puts it in ("X in
        Mozambique", "X in northern Iraq"), or ""."""
        after = _country_after().match(self.text, self.at[1])
        if after is None:
            return ""
        names = after.group(1).split()
        for n in range(len(names), 0, -1):
            code = self.gaz.country_name_code(" ".join(names[:n]))
            if code:
                return code
        return ""

    def _sentence_countries(self) -> frozenset[str]:
        """Countries the sentence names (by name, alias or demonym), computed once."""
        if self._named is None:
            self._named = frozenset(country_votes(self.text, self.gaz, cities=False))
        return self._named

    # ---------------------------------------------------------------- phrases
    def _phrase(self, toks: list[Tok], i: int, j: int, phrase: str) -> _Phrase | bool | None:
        """What tokens ``i:j`` (``phrase``) are by their words and the text's countries alone
        (:class:`_Phrase`), looked up once per process: ``True`` for a stop phrase (its words
        consumed), ``None`` for no place whatever the sentence."""
        n_words = j - i
        key = (phrase, n_words, self.codes)
        memo = _PHRASES
        if memo.owner is not self.gaz or memo.lex is not self.lex:
            memo.reset(self.gaz, self.lex)
        hit = memo.get(key, _MISSING)
        if hit is _MISSING:
            if len(memo) > _PHRASES_MAX:
                memo.reset(self.gaz, self.lex)
            hit = memo[key] = self._phrase_of(toks, i, j, phrase)
        return hit

    def _phrase_of(self, toks: list[Tok], i: int, j: int, phrase: str) -> _Phrase | bool | None:
        """:meth:`_phrase` computed (no word outside the phrase is read)."""
        text = self.text
        e = toks[j - 1][1]
        n_words = j - i
        if n_words > 1 and toks[i][2].lower() in name_abbreviations():
            # "St. Quentin": the gazetteer's "Saint-Quentin" ("St. Petersburg" is indexed)
            full = f"{name_abbreviations()[toks[i][2].lower()]} {text[toks[i + 1][0]:e]}"
            if not self.gaz.matches(phrase, self.codes) and self.gaz.matches(full, self.codes):
                phrase = full
        norm = normalize(phrase)
        lex = self.lex
        stripped = strip_articles(norm)
        # one generic toponym word with its article ("al-Bab", "Al Tall") is a town's whole
        # name when the gazetteer spells it so (checked below), not the stop word alone
        article_head = stripped != norm and stripped in lex.toponym_heads
        if norm in lex.stop_names or (stripped in lex.stop_names and not article_head):
            return True if n_words > 1 else None
        code = self.gaz.country_name_code(phrase)
        if code:
            return _Phrase(phrase, norm, code, [], False, False, article_head)
        if len(norm) < _MIN_NORM_LEN or (n_words == 1 and phrase[:2].isupper()):
            return None  # "I", an acronym ("SDF", "ISIL", "RIMa")
        words = norm.split()
        common = all(w in lex.common_words or w in lex.stop_names for w in words)
        if common and (n_words > 1 or article_head) and not all(
                w in lex.toponym_heads or w in lex.articles for w in words) and (
                norm in lex.region_capitals or not admin1_codes_named(norm)):
            # common words that are no toponym's ("Central Command"): no place whatever the
            # gazetteer holds (below: no reading and no area, or a reading refused), so the
            # first look-up of such an n-gram is spared
            return None
        matches = self.gaz.matches(phrase, self.codes)
        last = lex.region_suffixes.get(toks[j - 1][2].lower()) if n_words > 1 else None
        if matches and last is not None and last.precision >= 3:
            # "Benue State" is the state, never loosely a town (Benin City)
            matches = [m for m in matches if m.tier == TIER_EXACT]
        if not matches and norm not in lex.region_capitals:
            if admin1_codes_named(norm):
                # "Zamfara State": a first-level area no town is named after (not "the
                # al-Muthanna district" of a town, which is no province's seat)
                return _Phrase(phrase, norm, None, [], True, False, article_head)
            return None  # the common case: nothing to check further
        if self.gaz.is_demonym(phrase):
            return None  # "Syrian"
        if common and (n_words > 1 or article_head):
            # only a name made of generic toponym words and articles ("Ras al-Ayn", "Ain
            # al-Ain"), spelled exactly as the gazetteer has it, is a place
            if not (
                all(w in lex.toponym_heads or w in lex.articles for w in words)
                and any(m.tier == TIER_EXACT for m in matches)
            ):
                return None
            common = False
        return _Phrase(phrase, norm, None, matches, False, common, article_head)

    # ---------------------------------------------------------------- matching
    def _match(self, toks: list[Tok], i: int, j: int) -> PlaceMention | bool | None:
        """A mention for tokens ``i:j``; ``True`` when they are a stop phrase (consume them).

        What the phrase is by its own words (:meth:`_phrase`) is looked up once per process;
        the words around it decide the rest, in this order: a capital after it, an actor's
        name it ends or opens, a region word, a person's title or name, a facility word."""
        text = self.text
        s, e = toks[i][0], toks[j - 1][1]
        phrase = text[s:e]
        n_words = j - i
        if e in self.capital_at:
            capital = self._capital(phrase, s, e)
            if capital is not None:
                return capital  # "the Afghan capital": Kabul (True: told beside its name)
        info = self._phrase(toks, i, j, phrase)
        if info is None or info is True:
            return info
        if i > 0 and self._ends_group(toks, i, j):
            return None  # "the Revolutionary Armed Forces of Colombia": an actor's name
        phrase, norm = info.phrase, info.norm
        lex = self.lex
        if info.country:
            if self._names_group(toks, i, j):
                return None  # "the Kosovo Liberation Army": an actor, not where
            suffix = self._suffix_spec(e)
            if suffix is not None and suffix[1].kind == "admin1":
                # "Niger State": Nigeria's, in the text's countries or next to them
                region = self._region(phrase, norm, s, e, anywhere=True)
                cc = region.place.country_code if region is not None else None
                if region is not None and (not self.codes or cc in self.codes
                                           or cc in self.neighbours):
                    return region
            place = self.gaz.country_place(info.country)
            return self._mention(s, e, place, "country", 3) if place else None
        if info.area:
            region = self._region(phrase, norm, s, e)
            if region is not None and region.precision >= 3:
                return region
            return self._home_area(norm, s, e)
        matches = info.matches
        before = word_before(text, s)
        if before in lex.person_titles or is_person_name(text, s, e):
            return None  # "Colonel Orlov", "Kabul Khan, a tribal elder": a person
        if i > 0 and toks[i - 1][3] and text[toks[i - 1][1] : s] == " ":
            prev = toks[i - 1][2].lower()
            if prev in lex.named_feature_words or prev in lex.facility_words:
                return None  # "Camp Chapman", "Fort Hood": a facility's own name
        common = info.common
        if self._names_group(toks, i, j):
            return None  # "the <town> Brigade", "the <town> Military Council": an actor
        if info.article_head and self._glued_to_unknown(toks, i, j):
            return None  # "Ayn al-Tal district": the article-and-word ends a longer name
        region = self._region(phrase, norm, s, e)
        if region is not None:
            return region
        cue = before in lex.place_cues
        follow = word_after(text, e)
        if follow in lex.water_words or self._water_before(s):
            return None  # "the Oskil River", "the river Oskil"
        if follow in _name_words()[0] and not self._site_after_head(e):
            return None  # "the Azov battalion": a group named after the place
        if follow in _name_words()[2]:
            return None  # "the official Bakhtar news agency": the report's source
        strong = before in lex.strong_place_cues
        if any(
            m.tier == TIER_EXACT
            and m.main_name
            and m.place.population >= lex.thresholds["city_min_population"]
            for m in matches
        ):
            # the name of a city ("Gaza"): no loose reading elsewhere (Gaz-e Borkhar, Iran)
            matches = [m for m in matches if m.tier == TIER_EXACT]
        self.at = (s, e)
        ok = [m for m in matches if self._acceptable(m, norm, cue, n_words, follow, common, strong)]
        if ok:
            ok = self._off_front(ok)
        if not ok and not self._glued_to_unknown(toks, i, j):
            return self._home_area(norm, s, e)  # "in Borno" (Borno, Italy is a village)
        if not ok or self._glued_to_unknown(toks, i, j):
            return None
        if len(ok) > 1:
            ok = self._rank(ok)
        best = ok[0]
        others = tuple(m.place for m in ok[1:6])
        return self._mention(s, e, best.place, "city", 1, best.tier, others)

    def _capital(self, phrase: str, s: int, e: int) -> PlaceMention | bool | None:
        """ "the Afghan capital", "Somalia's capital": the country's capital city, spanning
        the nationality and the word "capital"; ``True`` (nothing more to find there) when
        the sentence names the city beside it ("Bamako, the Malian capital", "the Malian
        capital, Bamako")."""
        after = _capital_after().match(self.text, e)
        if after is None:
            return None
        code = self.gaz.country_of_name(phrase)
        record = self.gaz.country(code) if code else None
        name = (record or {}).get("capital")
        if not name:
            return None
        found = [m for m in self.gaz.matches(name, (code,), skeleton=False)
                 if m.place.country_code == code and m.main_name]
        if not found:
            return None
        place = found[0].place
        beside = normalize(self.text[after.end():after.end() + len(name) + 8].lstrip(" ,"))
        named_after = beside.startswith(normalize(name)) or beside.startswith(
            f"of {normalize(name)}")  # "the Malian capital, Bamako", "the capital of Baku"
        if named_after or any(p.geonameid == place.geonameid for p in self.local):
            return True
        return replace(self._mention(s, after.end(), place, "city", 1), called=place.name)

    def _suffix_spec(self, e: int) -> tuple[re.Match[str], RegionSuffix] | None:
        """The region word right after ``e`` ("State", "Governorate", "countryside"): its
        match and what it makes of the name."""
        suffix = suffix_re().match(self.text, e)
        if suffix is None:
            return None
        return suffix, self.lex.region_suffixes[SPACES.sub(" ", suffix.group(1).lower())]

    def _region(self, phrase: str, norm: str, s: int, e: int,
                anywhere: bool = False) -> PlaceMention | None:
        """ "X Governorate", "Governorate of X", "X countryside", or a named region
        (``anywhere``: in any country, not only the text's)."""
        lex = self.lex
        text = self.text
        found = self._suffix_spec(e)
        suffix, spec = found if found is not None else (None, None)
        prefix = None if suffix else prefix_re().search(text, max(0, s - 30), s)
        if prefix:
            spec = lex.region_prefixes[SPACES.sub(" ", prefix.group(1).lower())]
        named = norm in lex.region_capitals
        if spec is None and not named:
            return None
        codes = () if anywhere else self.codes
        place = self.gaz.region(phrase, codes)
        if not named and codes and place is not None and place.country_code not in codes:
            place = None
        if place is None and not named and spec is not None and spec.precision >= 3:
            # "Jonglei State", "Sagaing Region" in a text about elsewhere: the one first-level
            # area of that name tells its country
            place = self._only_area(phrase, norm)
        if place is None:
            return None
        kind, precision = (spec.kind, spec.precision) if spec else ("admin1", 3)
        if precision < 3:
            kind = "region"
        start = prefix.start(1) if prefix else s
        end = suffix.end(1) if suffix else e
        return self._mention(start, end, place, kind, precision, TIER_EXACT)

    def _home_area(self, norm: str, s: int, e: int) -> PlaceMention | None:
        """A first-level area of the document's primary country named bare after a strong
        place cue ("in Borno", "across Zamfara"), coded to its seat; not one in the possessive
        ("in Jharkhand's Godda district": the place is the district)."""
        if word_before(self.text, s) not in self.lex.strong_place_cues or self.text.startswith(
                ("'s", "’s"), e):
            return None
        place = self._only_area(self.text[s:e], norm, self.primary)
        if place is None:
            return None
        return self._mention(s, e, place, "admin1", 3, TIER_EXACT)

    def _only_area(self, phrase: str, norm: str,
                   countries: Iterable[str] | None = None) -> Place | None:
        """The first-level area named ``norm`` when exactly one has that name (in
        ``countries``, when given): its reading in the gazetteer, if that is this area."""
        areas = admin1_codes_named(norm)
        if countries is not None:
            allowed = set(countries)
            areas = [a for a in areas if a.split(".", 1)[0] in allowed]
        if len(areas) != 1:
            return None
        place = self.gaz.region(phrase, (areas[0].split(".", 1)[0],))
        return place if place is not None and place.admin1 == areas[0] else None

    def _glued_to_unknown(self, toks: list[Tok], i: int, j: int) -> bool:
        """True when the match is only part of a longer name.

        A neighbouring capitalised word is an unknown name ("Hassan Nasrallah"); the word
        before is a generic toponym head ("Jabal al-Zawiya", "Khan al-Shih") or a compass
        word ("North Carolina"); or the match
        ends a "X del/of Y" name whose X is unknown ("Lanao del Sur").
        """
        text = self.text
        if i > 0 and text[toks[i - 1][1] : toks[i][0]] == " ":
            prev = toks[i - 1]
            low = prev[2].lower()
            if prev[3] and (
                low in self.lex.toponym_heads
                or low in self.lex.directions
                or low in _name_words()[1]
            ):
                return True  # "Khan al-Shih", "North Carolina", "Lake X"
            if (
                prev[4]
                and i > 1
                and toks[i - 2][3]
                and text[toks[i - 2][1] : prev[0]] == " "
                and toks[i - 2][2].lower() in _name_words()[1]
            ):
                return True  # "the Sea of X", "the Gulf of X": the water's name
            if (
                prev[4]
                and i > 1
                and toks[i - 2][3]
                and text[toks[i - 2][1] : prev[0]] == " "
                and not self._is_known_word(toks[i - 2])
            ):
                return True
        if (
            i > 0
            and toks[i - 1][3]
            and text[toks[i - 1][1] : toks[i][0]] == " "
            and not self._is_known_word(toks[i - 1])
            and not self._sentence_initial(toks[i - 1])
        ):
            return True
        return (
            j < len(toks)
            and toks[j][3]
            and text[toks[j - 1][1] : toks[j][0]] == " "
            and not self._is_known_word(toks[j])
        )

    def _names_group(self, toks: list[Tok], i: int, j: int) -> bool:
        """True when the match is part of an armed group's name: the capitalised words right
        after it end with a group's head word ("the <town> Brigade", "<region> Revolutionaries
        Battalion"), or with them it is the name of an actor of the actor dictionary ("the
        <town> Military Council"), unless a locative preposition opens the name ("in the
        <region> People's Republic" is where). The place names the group, an actor, not
        where anything happened."""
        heads = _name_words()[0]
        text = self.text
        s = toks[i][0]
        keys = _actor_names()
        k = j
        while k < len(toks) and k < j + _GROUP_NAME_WORDS and (toks[k][3] or toks[k][4]):
            if text[toks[k - 1][1] : toks[k][0]] not in _NAME_GAPS:
                break  # (a possessive inside the name: "<region> People's Militia")
            if toks[k][3]:
                if toks[k][2].lower() in heads:
                    return True
                if _fold(text[s : toks[k][1]]) in keys:
                    return self._article_before(s) not in self.lex.strong_place_cues
            k += 1
        return False

    def _ends_group(self, toks: list[Tok], i: int, j: int) -> bool:
        """True when the match ends the name of an actor of the actor dictionary ("the
        Revolutionary Armed Forces of Colombia", "the National Liberation Army of Colombia"):
        the country or town names the group, not where anything happened. At most
        ``_GROUP_NAME_WORDS`` + 2 words back, each glued to the next by a space."""
        text = self.text
        if text[toks[i - 1][1] : toks[i][0]] not in _NAME_GAPS:
            return False  # (the loop's first test)
        # every gap the names below run over ends with a space, and no token holds one: the
        # last word of such a name is the last token's, and most tokens end no actor's name
        if _fold(toks[j - 1][2]) not in _actor_name_ends():
            return False
        keys = _actor_names()
        e = toks[j - 1][1]
        for k in range(i - 1, max(-1, i - _GROUP_NAME_WORDS - 3), -1):
            if text[toks[k][1] : toks[k + 1][0]] not in _NAME_GAPS:
                return False
            if toks[k][3] and _fold(text[toks[k][0] : e]) in keys:
                return True
        return False

    def _water_before(self, s: int) -> bool:
        """A water word right before the name, no comma between ("the river X"): the letters
        that ``([A-Za-z]+)\\s+$`` finds searched in the 30 characters before ``s``, read
        backwards from ``s`` instead of trying the pattern at each of those positions."""
        text = self.text
        lo = max(0, s - 30)
        w = s
        while w > lo and text[w - 1].isspace():
            w -= 1
        if w == s:
            return False
        r = w
        while w > lo and text[w - 1] in LETTERS:
            w -= 1
        return w < r and text[w:r].lower() in self.lex.water_words

    def _site_after_head(self, e: int) -> bool:
        """Whether the group word after the name qualifies a site ("X army base")."""
        m = _WORD_AFTER_RE.match(self.text, e)
        return m is not None and word_after(self.text, m.end()) in self.lex.facility_words

    def _article_before(self, start: int) -> str:
        """The word before ``start``, past an article ("in the X": "in")."""
        before = word_before(self.text, start)
        if before in _english_articles():
            m = _WORD_BEFORE_ARTICLE.search(self.text, max(0, start - 60), start)
            return m.group(1).lower() if m else ""
        return before

    def _sentence_initial(self, tok: Tok) -> bool:
        head = self.text[: tok[0]].rstrip()
        return not head or head[-1] in ".!?:;\"'(\n"

    def _mention(
        self,
        s: int,
        e: int,
        place: Place,
        kind: str,
        precision: int,
        tier: int = TIER_EXACT,
        others: tuple[Place, ...] = (),
    ) -> PlaceMention:
        return PlaceMention(
            start=self.offset + s,
            end=self.offset + e,
            text=self.text[s:e],
            place=place,
            kind=kind,
            precision=precision,
            tier=tier,
            candidates=others,
        )

    def run(self) -> list[PlaceMention]:
        toks = tokens(self.text, self.lex.particles)
        found: list[PlaceMention] = []
        for a, b in spans(self.text, toks):
            i = a
            while i < b:
                hit: PlaceMention | bool | None = None
                if (toks[i][3] and i + 1 < b and toks[i][2].lower() in operation_heads()
                        and self.text[toks[i][1]:toks[i + 1][0]] == " "):
                    break  # "Operation HADIN KAI", "Operation Lafiya Dole": its name
                if toks[i][3]:
                    for j in range(min(b, i + MAX_NGRAM), i, -1):
                        if not toks[j - 1][3]:
                            continue
                        hit = self._match(toks, i, j)
                        if hit is not None:
                            i = j
                            break
                if hit is None:
                    i += 1
                elif isinstance(hit, PlaceMention):
                    found.append(hit)
                    if hit.kind != "country" and hit.place.latitude is not None:
                        self.local.append(hit.place)
        found.sort(key=lambda m: m.start)
        return _drop_overlaps(found)


def _drop_overlaps(found: list[PlaceMention]) -> list[PlaceMention]:
    out: list[PlaceMention] = []
    for m in found:
        if out and m.start < out[-1].end:
            if (m.end - m.start) > (out[-1].end - out[-1].start):
                out[-1] = m
            continue
        out.append(m)
    return out


def find_places(
    text: str,
    offset: int = 0,
    country_codes: Sequence[str] = (),
    context: GeoContext | None = None,
) -> list[PlaceMention]:
    """Place mentions in ``text`` (a sentence), with offsets ``offset + index``.

    ``country_codes`` are the document's countries (ISO alpha-2), all treated as primary;
    when empty, those of ``context`` are used (its ``primary_codes`` as primary). ``context``
    also prefers candidates near the places the document has already resolved.
    """
    codes = tuple(c.upper() for c in country_codes)
    primary = codes
    if not codes and context is not None:
        codes, primary = context.country_codes, context.primary_codes
    return _Finder(text, offset, codes, primary, context).run()
