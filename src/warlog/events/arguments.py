"""Filling a clause's arguments: date, places, actors; and the short note of a record.

``ArgumentContext`` gathers the per-document resolvers (narrative clock, gazetteer context,
actor context) behind one small interface, so the extractor does not depend on how each stage
is built. The document's conflict profile (:mod:`warlog.profile`, read first) guides them:
its date span bounds the clock's year-less dates, its place votes for the document's country
and is where events happen until the text names a place, and its belligerents name generic
actors (:func:`profile_sides`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import TYPE_CHECKING

import ahocorasick

from warlog import lang
from warlog.actors.normalize import fold
from warlog.actors.resolve import told_after
from warlog.data import cached, load_yaml
from warlog.events.backref import SiteMemory
from warlog.events.clauses import Clause
from warlog.events.lexicon import lexicon
from warlog.events.narrative import NarrativeState
from warlog.events.triggers import Trigger
from warlog.model import ActorMention, Document, Event, Location, Place, ResolvedDate, Section
from warlog.nlp.alternation import trie_alternation
from warlog.nlp.sentences import Sentence
from warlog.profile.model import Profile
from warlog.taxonomy import taxonomy

if TYPE_CHECKING:
    from warlog.profile.sides import ProfileSides

MAX_LEFT_GAP = 24  # "withdrew its remaining forces from X": a withdrawal's own "from"

@dataclass(frozen=True, slots=True)
class _PlaceWords:
    """The English words read around a place or a trigger (``lang/en/grammar.yaml``, place
    nouns from ``data/extraction.yaml``), compiled once."""

    coordinated: re.Pattern[str]  # the gap between two coordinated places
    prep_before: re.Pattern[str]  # the preposition nearest before a place
    prep_opening: re.Pattern[str]  # a preposition a location's own span opens with
    passive_before: re.Pattern[str]  # a passive marker just before a trigger
    by_before: re.Pattern[str]  # the agent's preposition before a party
    by_after: re.Pattern[str]  # the agent's preposition right after a trigger
    between_before: re.Pattern[str]  # "between" before a place
    list_end: re.Pattern[str]  # the coordinator that closes a list ("A, B, and C")
    locative_before: re.Pattern[str]  # a locative before a country
    origin: frozenset[str]
    goal: frozenset[str]
    withdrawal_goal: frozenset[str]
    between: frozenset[str]
    passive_phrases: tuple[str, ...]  # a trigger phrase that is passive itself ("was …")
    pair_joiner: re.Pattern[str]  # the whole gap between two parties told together
    pair_between: re.Pattern[str]  # "between" (and an article) right before the first party
    support_gap: re.Pattern[str]  # "backed by": the party after it supports the one before
    support_lead: re.Pattern[str]  # "Backed by US airstrikes, the SDF …": a joiner right before
    mediation_lead: re.Pattern[str]  # "a truce brokered by Qatar": a mediator's joiner before
    appositive: re.Pattern[str]  # the gap of "X, a town south of Y": Y only locates X
    apposition_head: re.Pattern[str]  # "X, a |Russian command post in Y|": the place's own head


def _alt(words: Sequence[str]) -> str:
    """The phrases as one alternation for a case-insensitive pattern (trie-built)."""
    return trie_alternation((str(w) for w in words), lower=True)


@cached
def _place_words() -> _PlaceWords:
    g = lang.words("grammar")
    nouns = load_yaml("extraction.yaml")["coordinated_place_nouns"]
    apposition = load_yaml("extraction.yaml")["appositive_place"]
    before = int(apposition["before"])
    heads = _alt(sorted(_apposition_nouns()))
    the = re.escape(str(g["definite_article"]))
    of = re.escape(str(g["of_preposition"]))
    by = re.escape(str(g["agent_preposition"]))
    coordinators = _alt(g["place_coordinators"])
    after_comma = _alt(g["place_list_coordinators"])
    coordinated = re.compile(
        rf"^\s*(?:{_alt(nouns['around'])}s?\s*)?(?:,\s*{after_comma}?|{coordinators})\s*"
        rf"(?:{the}\s+)?(?:{_alt(nouns['before_of'])}\s+(?:{of}\s+)?)?$", re.I)
    # the preposition nearest before a place ("flown in from Kabul" → from): greedy ".*"
    # skips the earlier ones
    prep_before = re.compile(rf"^.*\b({_alt(g['place_prepositions'])})\s+(?:{the}\s+)?"
                             r"(?:[\w'-]+\s+){0,3}$", re.I | re.S)
    return _PlaceWords(
        coordinated=coordinated,
        prep_before=prep_before,
        prep_opening=re.compile(rf"({_alt(g['place_prepositions'])})\s", re.I),
        passive_before=re.compile(rf"\b{_alt(g['passive_markers'])}\s+$", re.I),
        by_before=re.compile(rf"\b{by}\s+(?:{the}\s+)?(?:[\w'-]+\s+){{0,2}}(?:\w+-)?$", re.I),
        by_after=re.compile(rf"\s+{by}\s", re.I),
        list_end=re.compile(rf"\b{coordinators}\b", re.I),
        between_before=re.compile(
            rf"\b{_alt(g['place_between'])}\s+(?:{the}\s+)?(?:\w+\s+){{0,3}}$", re.I),
        locative_before=re.compile(
            rf"\b{_alt(g['country_locatives'])}\s+(?:{the}\s+)?(?:[\w'-]+\s+){{0,2}}$", re.I),
        origin=frozenset(str(w) for w in g["place_origin"]),
        goal=frozenset(str(w) for w in g["place_goal"]),
        withdrawal_goal=frozenset(str(w) for w in g["place_withdrawal_goal"]),
        between=frozenset(str(w) for w in g["place_between"]),
        passive_phrases=tuple(f"{w} " for w in g["past_auxiliaries"]),
        pair_joiner=re.compile(rf"\s*(?:{coordinators})\s*(?:{the}\s+)?$", re.I),
        pair_between=re.compile(rf"\b{_alt(g['place_between'])}\s+(?:{the}\s+)?$", re.I),
        support_gap=re.compile(rf"\s*(?:,\s*)?(?:{_alt(g['support_joiners'])})\s+(?:{the}\s+)?",
                               re.I),
        support_lead=re.compile(rf"(?:^|\W)(?:{_alt(g['support_joiners'])})\s+(?:{the}\s+)?$",
                                re.I),
        mediation_lead=re.compile(
            rf"(?:^|\W)(?:{_alt(g['mediation_joiners'])})\s+(?:{the}\s+)?$", re.I),
        appositive=re.compile(
            rf"\s*,\s*(?:{_alt(g['articles'])})\s+(?P<head>(?:[\w'-]+\s+){{0,{before}}}"
            rf"(?:{heads})\s+"
            rf"(?:(?:{_alt(apposition['tail'])}|\d[\d.,]*)\s+){{0,{int(apposition['after'])}}})?$",
            re.I),
        apposition_head=re.compile(rf"(?:[\w'-]+\s+){{0,{before}}}(?:{heads})\b", re.I),
    )


class ArgumentContext:
    """Per-document resolvers for dates, places and actors."""

    def __init__(self, doc: Document, folded: str | None = None,
                 profile: Profile | None = None) -> None:
        from warlog.actors.context import ActorContext
        from warlog.geo.context import GeoContext
        from warlog.plugins import geocoder
        from warlog.profile.sides import ProfileSides
        from warlog.timeline.clock import NarrativeClock

        self.doc = doc
        self.sides = ProfileSides.from_profile(profile)
        span = self.sides.span if self.sides else None
        self.clock = NarrativeClock.for_document(doc, span=span)
        self.gazetteer = geocoder()
        self.geo = GeoContext.from_document(doc, self.gazetteer, place_hint=self._place_hint())
        self.actor_ctx = ActorContext.from_document(doc, folded=folded)
        self.actor_ctx.use_profile(self.sides)
        actor_country = self._actor_country()
        if not self.geo.country_codes and actor_country:
            # a text naming no country or town: where its armed groups fight (ActorContext)
            home = self.gazetteer.country_name_code(actor_country)
            if home:
                self.geo = GeoContext(country_codes=(home,), primary_codes=(home,))
        self._facilities: dict[str, Location] = {}
        # the facilities' keys in one automaton: key -> (order remembered, length)
        self._sites = ahocorasick.Automaton()
        self._sites_built = True  # False after a key is added, until the automaton is made
        self._site_locs: list[Location] = []
        self._party_keys: dict[str, bool] = {}  # facility key -> names a party (memo)
        self._named_sites = SiteMemory()  # "the base": the base named last
        codes = self.geo.primary_codes or self.geo.country_codes
        info = self.gazetteer.country(codes[0]) if codes else None
        self.country: str | None = info["name"] if info else actor_country

    def _actor_country(self) -> str | None:
        """The country the actors name most that is a place: a state of the past ("Soviet
        troops") names the forces, not where they fought, and no event is coded to it."""
        ctx = self.actor_ctx
        countries = ctx.index.lexicon.countries

        def is_place(name: str) -> bool:
            c = countries.get(name)
            code = c.iso if c is not None else self.gazetteer.country_name_code(name)
            return bool(code) and self.gazetteer.country(code) is not None

        if not ctx.country_scores:
            return ctx.country if ctx.country and is_place(ctx.country) else None
        for name, _ in sorted(ctx.country_scores.items(), key=lambda kv: (kv[1], kv[0]),
                              reverse=True):
            if is_place(name):
                return name
        return None

    @classmethod
    def for_document(cls, doc: Document, folded: str | None = None,
                     profile: Profile | None = None) -> ArgumentContext:
        """The resolvers of ``doc`` (``folded``: ``fold(doc.text)``, computed once by the
        extractor and shared with the actor context's reading of the whole text;
        ``profile``: the document's conflict profile, read before its events)."""
        return cls(doc, folded, profile)

    def _place_hint(self) -> str | None:
        """The profile's place (and country) for a document whose metadata names no place:
        the infobox says where the conflict was when no front matter does."""
        if self.sides is None or self.doc.meta.get("place"):
            return None
        place, country = self.sides.place, self.sides.country
        if place and country and country.lower() not in place.lower():
            return f"{place}, {country}"
        return place or country

    def start_section(self, section: Section | None) -> None:
        if section is not None:
            self.clock.start_section(section.title)

    def default_location(self) -> Location | None:
        """Where the document says it happened (front matter ``place``, else the profile's
        place), if it names a town."""
        place, from_profile = self.place_field()
        if not place:
            return None
        line = self.doc.meta.get("dateline") or {}
        if place == line.get("city"):  # "KENT, Ohio (AP)": Kent in Ohio, whatever "Kent" is
            from warlog.geo.dateline import dateline_place

            found = dateline_place(place, line.get("region"))
            if found is not None:
                return found
        text = re.sub(r",(?=\S)", ", ", str(place))
        for loc in self._resolve(text, -1):
            if loc.latitude is not None:
                return Location(loc.name, loc.latitude, loc.longitude, loc.geo_precision,
                                loc.country, loc.admin1, -1, -1, loc.geonameid)
        if from_profile:  # an infobox's "Eastern Syria" or "Sahel": no town to fall back to
            return None
        # a place the gazetteer lacks still has a name: "Boulikessi, Mali"
        name = text.split(",")[0].strip()
        if name and name.lower() != (self.country or "").lower():
            return Location(name, None, None, 1, self.country, None, -1, -1, None)
        return None

    def place_field(self) -> tuple[str, bool]:
        """The document's place as written (front matter ``place``, else the profile's place;
        a list joined by commas), and whether it came from the profile."""
        place = self.doc.meta.get("place")
        from_profile = not place and self.sides is not None
        if from_profile:
            place = self.sides.place if self.sides else None
        if isinstance(place, list):
            place = ", ".join(str(p) for p in place)
        return str(place or ""), from_profile

    def places_named(self, text: str) -> list[Location]:
        """The places a text outside the document's body names (a title, a place field)."""
        return self._resolve(text, -1)

    def section_location(self, section: Section | None) -> Location | None:
        if section is None:
            return None
        found = [loc for loc in self._resolve(section.title, -1) if loc.latitude is not None]
        return found[0] if len(found) == 1 else None

    def places(self, sentence: Sentence, here: Location | None = None,
               edge: Callable[[Location], bool] | None = None) -> list[Location]:
        """The location phrases of a sentence, geocoded. A facility with no town in the
        sentence ("the Panorama checkpoint") is coded where the document placed that facility
        before, else where the narrative is (``here``), at precision 2; so is one whose
        sentence names only places ``edge`` says bound it ("the X crossing on the
        border with Lebanon"). "The base" alone is the base the text named last
        (:mod:`warlog.events.backref`)."""
        return self._named_sites.refer(sentence, self._places(sentence, here, edge))

    def _places(self, sentence: Sentence, here: Location | None,
                edge: Callable[[Location], bool] | None = None) -> list[Location]:
        from warlog.geo.phrases import location_of
        from warlog.geo.resolve import facility_location, facility_town

        text, offset = sentence.text, sentence.start
        locs = [self._in_named_area(loc) for loc in self._resolve(text, offset)]
        for loc in locs:
            self.geo.record(loc)
        if locs and (edge is None or not all(edge(loc) for loc in locs)):
            return locs
        fac = facility_location(text, self.geo, offset)
        if fac is None:
            again = self._known_site(sentence)
            if again is not None:  # "Division 17": the site "the Division 17 base" named
                fac, site = again
                self._named_sites.note(fac, kind=site.name)
        if fac is None:
            return locs
        known = self._facilities.get(facility_key(fac.name))
        if known is None:
            # "the X Tractor Plant": the town it is named after, before the narrative's place
            town = facility_town(fac.name, self.geo)
            inside = self._area_place(fac.name, fac.start) if town is not None else None
            if inside is not None:  # "the X Nuclear Power Plant": where it is in X province
                known = replace(inside[0], name=fac.name) if isinstance(
                    inside[0], Location) else location_of(fac.name, inside[0], 2, fac.start,
                                                          fac.end)
            elif town is not None:
                known = location_of(fac.name, town, 2, fac.start, fac.end)
        anchor = known or here
        if anchor is None or anchor.latitude is None:
            return locs
        return [Location(fac.name, anchor.latitude, anchor.longitude, 2, anchor.country,
                         anchor.admin1, fac.start, fac.end, anchor.geonameid)]

    def _area_place(self, name: str, start: int) -> tuple[Location | Place, Place] | None:
        """Where the narrative is inside the first-level area a facility is named after ("the
        X Nuclear Power Plant", :func:`~warlog.geo.resolve.regional_facility_area`), with the
        area's capital: the latest town its paragraph names before ``start`` (an offset in
        the document) in that area, else the document's last place when it lies there; not
        the capital itself. The facility stands in the area, where the narrative is, not at
        the capital that shares the area's name. ``None`` when the narrative is elsewhere."""
        from warlog.geo.resolve import regional_facility_area

        area = regional_facility_area(name, self.geo)
        if area is None:
            return None
        text = self.doc.text
        lo = max(0, start - int(load_yaml("geo.yaml")["regional_facility_reach"]))
        cut = text.rfind("\n\n", lo, start)
        lo = cut + 2 if cut >= 0 else lo
        named = [loc for loc in self._resolve(text[lo:start], lo) if loc.geonameid]
        last = self.geo.last_place()
        for cand in [*reversed(named), *([last] if last is not None else [])]:
            if cand.latitude is None or not cand.geonameid or cand.geonameid == area.geonameid:
                continue
            own = self.gazetteer.by_id(cand.geonameid)
            if own is not None and own.admin1 == area.admin1:
                return cand, area
        return None

    def _in_named_area(self, loc: Location) -> Location:
        """A facility named after its province and coded at the province's capital (the
        town its name reads as), moved to where the narrative is in that province
        (:meth:`_area_place`), precision 2."""
        if loc.latitude is None or loc.geo_precision != 2:
            return loc
        found = self._area_place(loc.name, loc.start)
        if found is None or (loc.latitude, loc.longitude) != (found[1].latitude,
                                                               found[1].longitude):
            return loc  # coded elsewhere than at the capital (a listed site)
        here = found[0]
        return replace(loc, latitude=here.latitude, longitude=here.longitude,
                       geonameid=here.geonameid)

    def _known_site(self, sentence: Sentence) -> tuple[Location, Location] | None:
        """A site the document placed before, named again without its town ("ISIL took
        control of Division 17"): the first remembered site whose key the sentence holds as
        whole words (regex ``\\bkey\\b``), at its first such place, with the site as
        remembered; one automaton pass."""
        if not self._site_locs:
            return None
        text, offset, low = sentence.text, sentence.start, sentence.lower
        if not self._sites_built:  # made once for the keys added since, when read
            self._sites.make_automaton()
            self._sites_built = True
        best: tuple[int, int, int] | None = None  # (order remembered, start, end)
        for last, (order, length) in self._sites.iter(low):
            start, end = last - length + 1, last + 1
            if best is not None and (order, start) >= best[:2]:
                continue
            if _word_edge(low, start) and _word_edge(low, end):
                best = (order, start, end)
        if best is None:
            return None
        order, s, e = best
        loc = self._site_locs[order]
        return Location(text[s:e], loc.latitude, loc.longitude, 2, loc.country, loc.admin1,
                        offset + s, offset + e, loc.geonameid), loc

    def remember_facility(self, loc: Location) -> None:
        """Where a named site ("the Division 17 base, north of Raqqa") was placed, so a later
        "Division 17" without its town lands there too."""
        key = facility_key(loc.name)
        # a key must be distinctive: a number or a name, not just "southern perimeter", and
        # not a party's name ("an ISIL camp" must not make every later "ISIL" a place)
        if not key or loc.latitude is None or self._names_a_party(key):
            return
        if key not in self._facilities and (re.search(r"\d", key) or any(
                w[:1].isupper() for w in re.split(r"[\s,(]+", loc.name)[:4])):
            self._sites.add_word(key, (len(self._site_locs), len(key)))
            self._sites_built = False
            self._site_locs.append(loc)
            self._facilities[key] = loc

    def _names_a_party(self, key: str) -> bool:
        """Whether a facility key is an actor's name (asked once per key and document)."""
        named = self._party_keys.get(key)
        if named is None:
            named = bool(self.actor_ctx.mentions(key.upper(), 0)
                         or self.actor_ctx.mentions(key.title(), 0))
            self._party_keys[key] = named
        return named

    def _resolve(self, text: str, offset: int) -> list[Location]:
        from warlog.geo.places import find_places
        from warlog.geo.resolve import resolve_locations

        base = max(offset, 0)
        mentions = find_places(text, base, context=self.geo)
        return resolve_locations(text, mentions, self.geo, base)

    def actors(self, sentence: Sentence) -> list[ActorMention]:
        return self.actor_ctx.mentions(sentence.text, sentence.start, sentence.folded)

    def unknown_actors(self, text: str, offset: int) -> list[ActorMention]:
        """Parties the dictionary does not know: organisation names by their head word
        ("the Hawar Kilis Operations Room"), else the statistical model's named groups."""
        from warlog.actors.unknown import unknown_candidates
        from warlog.nlp.entities import named_groups

        found = unknown_candidates(text, offset)
        if not found:
            found = []
            country_of = getattr(self.gazetteer, "country_of_name", None)
            folded = fold(text)
            for m in named_groups(text, offset):
                if self.actor_ctx.index.offshoot_at(folded, m.end - offset):
                    continue  # "the al-Qaida breakaway group": no group the name tells
                if _weapon_after(text, m.end - offset):
                    continue  # "fired Grad rockets": a weapon system, no party
                known = self.actor_ctx.mentions(m.text, m.start)
                if not known and country_of is not None and country_of(m.name):
                    continue  # "the Libyan capital": a nationality alone names no party
                found.extend(known or [m])
        return found

    def civilians(self) -> ActorMention:
        return self.actor_ctx.named(load_yaml("extraction.yaml")["civilian_actor"])

    def protesters(self) -> ActorMention:
        return self.actor_ctx.named(load_yaml("extraction.yaml")["protester_actor"])

    def opponent_of(self, actor: ActorMention | None,
                    state: NarrativeState) -> ActorMention | None:
        """The party ``actor`` most often fights in this document so far (named together
        with it), else the document's most frequent other party, else its main foe; never a
        party the document's profile puts on its side."""
        name = actor.name if actor else None
        foes = state.foes.get(name) if name is not None else None
        ranked = foes.most_common() if foes else []
        for other, _n in [*ranked, *state.belligerents.most_common()]:
            m = state.mentions.get(other)
            if (other != name and m is not None and m.inter not in _not_fighting()
                    and not self.actor_ctx.allies(actor, other)):
                return m
        return self.actor_ctx.main_opponent(actor)


@cached
def _not_fighting() -> frozenset[int]:
    """ACLED inter codes of parties that are no one's opponent (extraction.yaml)."""
    return frozenset(int(i) for i in load_yaml("extraction.yaml")["not_fighting_inters"])


@cached
def _crowd_inter() -> int:
    return int(load_yaml("extraction.yaml")["crowd_inter"])


@cached
def _opposed_pair() -> re.Pattern[str]:
    """Words that make two parties told together opponents (extraction.yaml)."""
    return re.compile(rf"\b(?:{_alt(load_yaml('extraction.yaml')['opposed_pair_words'])})\b",
                      re.I)


@cached
def _weapon_nouns() -> re.Pattern[str]:
    from warlog.actors.lexicon import load_lexicon

    return re.compile(r"\s+(?:" + _alt(load_lexicon().unknown.get("weapon_nouns", [])) + r")\b",
                      re.IGNORECASE)


def _weapon_after(text: str, end: int) -> bool:
    """A weapon noun right after a name: the name is the weapon system's."""
    return _weapon_nouns().match(text, end) is not None


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what ``\\w`` matches in a str pattern


def _word_edge(text: str, i: int) -> bool:
    """Whether ``\\b`` holds at offset ``i`` of ``text``."""
    before = i > 0 and _is_word(text[i - 1])
    after = i < len(text) and _is_word(text[i])
    return before != after


@cached
def _goal_before() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in load_yaml("extraction.yaml")["goal_words"])
    the = re.escape(str(lang.words("grammar")["definite_article"]))
    return re.compile(rf"\b(?:{words})\s+(?:{the}\s+)?(?:[\w'-]+\s+){{0,4}}$", re.I)


@cached
def _noun_phrase_words() -> frozenset[str]:
    """The lower-case words a place's own noun phrase may hold between a preposition and its
    name ("to the town of X", "towards the northern outskirts of X"): articles, "of", and the
    place, site and direction words of the geo lexicon."""
    from warlog.geo.lexicon import geo_lexicon

    lex = geo_lexicon()
    g = lang.words("grammar")
    words = {str(w).lower() for w in lexicon().articles}
    words |= {str(g["definite_article"]).lower(), str(g["of_preposition"]).lower()}
    for group in (lex.settlement_words, lex.area_words, lex.part_words, lex.facility_words,
                  lex.near_part_words, frozenset(lex.direction_adjectives),
                  frozenset(lex.directions)):
        words |= {w for phrase in group for w in phrase.lower().split()}
    return frozenset(words)


def _infinitive_between(before: str, prep_end: int) -> bool:
    """Whether the word right after a preposition, before the place, is a lower-case word that
    is no part of a place's noun phrase ("his forces to assail X", "an offensive to retake
    the town of X"): "to" there opens a verb, whose object the place is, not a move's goal.
    Capitalised, hyphened and numbered words are names or attributes ("to rebel-held X")."""
    words = before[prep_end:].split()
    if not words:
        return False
    w = words[0].strip(",;:'\"()")
    return bool(w) and not (w.lower() in _noun_phrase_words() or w[:1].isupper() or "-" in w
                            or any(c.isdigit() for c in w))


@cached
def _pronoun_after() -> re.Pattern[str]:
    """An object pronoun right after a trigger (``data/geo.yaml: object_pronouns``)."""
    words = _alt(sorted(load_yaml("geo.yaml")["object_pronouns"], key=len, reverse=True))
    return re.compile(rf"\s+{words}\b", re.I)


@cached
def _aimed_types() -> frozenset[str]:
    """Event types whose weapon is aimed at a place: where it is fired towards is where it
    falls (``extraction.yaml: aimed_types``)."""
    return frozenset(str(x) for x in load_yaml("extraction.yaml")["aimed_types"])


@cached
def _site_noise() -> frozenset[str]:
    return frozenset(load_yaml("extraction.yaml")["site_name_noise"])


@cached(maxsize=50_000)
def facility_key(name: str) -> str:
    """The distinctive words of a site's name: "the Artillery Regiment 121 base" and
    "Regiment 121 base (known as…)" both give "regiment 121"."""
    head = re.split(r"[,(]", name, maxsplit=1)[0].lower()
    noise = _site_noise()
    words = [w for w in re.findall(r"[\w'-]+", head) if w not in noise]
    return " ".join(words)


def year_only(date: ResolvedDate) -> bool:
    """Too vague to date one event: a year, a season, or a span of months."""
    if getattr(date, "granularity", None) in ("year", "season"):
        return True
    return (date.date_end - date.date_start) > timedelta(days=_longest_span())


@cached
def _longest_span() -> int:
    """extraction.yaml longest_event_span_days: a longer span ("from September to November",
    "between 8 April and 16 June") is a campaign's or a tally's, not one event's."""
    return int(load_yaml("extraction.yaml")["longest_event_span_days"])


def pick_date(in_clause: Sequence[ResolvedDate]) -> ResolvedDate | None:
    """The first date of the clause precise enough to date one event."""
    usable = [d for d in in_clause if not year_only(d)]
    return usable[0] if usable else None


def pick_locations(text: str, clause: Clause, trig: Trigger, places: Sequence[Location],
                   sentence_start: int) -> list[Location]:
    """The place(s) of the clause's event: the mention nearest the trigger, with the places
    coordinated with it ("Baboulin town and al-Salhiya village" → two events)."""
    purpose = trig.end
    trig = _done_after(text, clause, trig)
    withdraw = trig.word.role == "withdraw"
    aimed = lexicon().taxonomy.type_of(trig.sub) in _aimed_types()  # fired at a target
    words = _place_words()
    left = {id(p) for p in places
            if not withdraw and _place_left(text, p.start - sentence_start, clause)}
    inside = [p for p in places if clause.start <= p.start - sentence_start < clause.end
              and (id(p) in left
                   or not _origin_or_goal(text, p.start - sentence_start, withdraw, aimed))
              and not _country_as_attribute(text, p, sentence_start)]
    inside = [p for p in inside if not _in_apposition(text, p, inside, sentence_start)
              and not _facility_of_country(text, p, inside, sentence_start)]
    if not inside:
        return []

    pronoun_object = _pronoun_after().match(text, trig.end) is not None

    def cost(p: Location) -> float:
        s, e = p.start - sentence_start, p.end - sentence_start
        d = (s - trig.end) if s >= trig.end else (trig.start - e) * 1.5 + 10
        m = words.prep_before.search(text[max(0, s - 40):s])
        prep = m.group(1).lower() if m else ""
        if prep in words.origin:
            d += -30 if withdraw else 0 if id(p) in left else 60
        elif prep in words.goal and (
                not _infinitive_between(text[max(0, s - 40):s], m.end(1))
                or _own_prep(text, s, e) in words.goal):
            d += 80  # a move's goal; "to retake X": a verb's object (its own "towards X" stays)
        elif prep in words.between:
            d -= 5
        if s >= trig.end and pronoun_object:
            d += 60  # "assail X ... and attack it from the flanks": "it" is X
        if purpose <= s < trig.start:
            d += 80  # "deployed to attack X, attacked Y": X was only aimed at
        return d

    best = min(inside, key=cost)
    ordered = sorted(inside, key=lambda p: p.start)
    i = ordered.index(best)
    group = [best]
    j = i
    while j > 0 and _coordinated(text, ordered[j - 1], ordered[j], sentence_start):
        group.insert(0, ordered[j - 1])
        j -= 1
    j = i
    while j + 1 < len(ordered) and _coordinated(text, ordered[j], ordered[j + 1], sentence_start):
        group.append(ordered[j + 1])
        j += 1
    if len(group) == 1 and _country_only(best):
        town = _town_of(best, places, trig, sentence_start)
        if town is not None:
            return [town]
    first = group[0].start - sentence_start
    if words.between_before.search(text[max(0, first - 40):first]):
        return [group[0]]
    group += _list_tail(text, group, places, clause, sentence_start, withdraw)
    seen: set[tuple] = set()
    out = []
    group = _entered_from(text, _locate_siblings(group), places, clause, sentence_start)
    for p in group:
        k = (p.name.lower(), p.latitude, p.longitude)
        if k not in seen:
            seen.add(k)
            out.append(p)
    return out


_TO_BEFORE = re.compile(r"\bto\s+$", re.I)


def _done_after(text: str, clause: Clause, trig: Trigger) -> Trigger:
    """A trigger told as a purpose ("troops deployed to attack X, attacked positions above Y")
    with the same act told as done after it in the clause: the done one, whose places are
    where it happened (the purpose's object is only what was aimed at)."""
    if not _TO_BEFORE.search(text, max(0, trig.start - 4), trig.start):
        return trig
    for t in clause.triggers:
        if (t.start > trig.end and t.sub == trig.sub
                and not _TO_BEFORE.search(text, max(0, t.start - 4), t.start)):
            return t
    return trig


def _entered_from(text: str, group: list[Location], places: Sequence[Location], clause: Clause,
                  base: int) -> list[Location]:
    """A place the gazetteer lacks, told with where the move into it came from ("the drone
    entered the X area from Y", "rebels stormed X from Y"), is coded at that town (precision
    2): a move from Y into X crosses from one to the other, so Y is the nearest known place
    that represents X, as a list's located place is for its other items; the narrative's
    last place need not be anywhere near. Only a town named after the place, within the
    clause, right after the place and its own nouns ("X area from Y"; not "fighters from Y
    attacked X", "X, by people from Y": where a party comes from). So is one its apposition
    locates it by ("captured X, a village located 9 km southwest of Y": the point 9 km
    southwest of Y)."""
    words = _place_words()
    out = []
    for p in group:
        if p.latitude is None and p.geo_precision < 3:
            for q in places:
                at = q.start - base
                if (q.latitude is None or q.geo_precision > 2 or q.start < p.end
                        or not clause.start <= at < clause.end or at - (p.end - base) > 40):
                    continue
                lo = max(0, at - 40)
                m = words.prep_before.search(text[lo:at])
                if (m and m.group(1).lower() in words.origin
                        and _own_words(text[p.end - base:lo + m.start(1)])) or (
                        words.appositive.match(text, p.end - base, at)):
                    p = Location(p.name, q.latitude, q.longitude, 2, q.country or p.country,
                                 q.admin1, p.start, p.end, q.geonameid)
                    break
        out.append(p)
    return out


def _apposition_nouns() -> frozenset[str]:
    """The nouns that head an apposition describing a place ("a town", "a Russian command
    post"): the settlement, area and facility words of the geo lexicon."""
    from warlog.geo.lexicon import geo_lexicon

    lex = geo_lexicon()
    return lex.settlement_words | lex.area_words | lex.part_words | lex.facility_words


def _in_apposition(text: str, p: Location, places: Sequence[Location], base: int) -> bool:
    """``p`` is named in an apposition that describes the found place before it ("captured
    Tadef, a town south of al-Bab", "struck Nova Kakhovka, a Russian command post in Kherson
    city"): it only locates that place, which is where the event is (GUIDELINES: the place
    as the text names it). A place the gazetteer lacks keeps its locator ("Klishchiivka, a
    village located 9 km southwest of Bakhmut": the apposition codes it)."""
    words = _place_words()
    s = p.start - base
    for q in places:
        if q is p or q.latitude is None or not s - 80 < q.end - base <= s:
            continue
        m = words.appositive.match(text, q.end - base, s)
        if m is None or _coordinated(text, q, p, base):  # "X, the town of Y and Z": a list
            continue
        if m.group("head") is not None or words.apposition_head.match(
                text, s, p.end - base) is not None:
            return True
    return False


def _country_only(p: Location) -> bool:
    return p.latitude is None and p.geo_precision == 3 and p.country is not None


def _town_of(country: Location, places: Sequence[Location], trig: Trigger,
             sentence_start: int) -> Location | None:
    """The town the rest of the sentence names in the country the clause names ("fired
    rockets into northern Israel, wounding three people in Kiryat Shmona"): where the event
    the sentence tells happened, nearest the trigger; ``None`` when there is none."""
    towns = [p for p in places if p.latitude is not None and p.geo_precision <= 2
             and p.country == country.country]
    if not towns:
        return None
    return min(towns, key=lambda p: abs(p.start - sentence_start - trig.start))


def _governing_prep(text: str, start: int, end: int | None = None) -> tuple[str, int]:
    """The preposition of the place at ``start`` (lower case, "" when none) and where it
    stands: the one its own span opens with ("towards Sderot", coded as one location), else
    the nearest before it ("from Gaza towards Sderot": towards, not from)."""
    words = _place_words()
    own = words.prep_opening.match(text, start, end if end is not None else len(text))
    if own:
        return own.group(1).lower(), start
    lo = max(0, start - 40)
    m = words.prep_before.search(text[lo:start])
    return (m.group(1).lower(), lo + m.start(1)) if m else ("", start)


def _own_words(gap: str) -> bool:
    """Whether ``gap`` holds only words of a place's own noun phrase ("area", "the", "of")."""
    allowed = _noun_phrase_words()
    return all(w.lower() in allowed for w in gap.split())


def _own_prep(text: str, start: int, end: int) -> str:
    """The preposition a location's own span opens with ("towards the town of X"), lower
    case; "" when it opens with none."""
    own = _place_words().prep_opening.match(text, start, end)
    return own.group(1).lower() if own else ""


def _place_left(text: str, start: int, clause: Clause) -> bool:
    """"ISIL retreated from the X air base due to heavy shelling": a place after a withdrawal's
    "from" is where the side was, so also where what made it leave happened."""
    words = _place_words()
    lo = max(0, start - 40)
    m = words.prep_before.search(text[lo:start])
    if not m or m.group(1).lower() not in words.origin:
        return False
    at = lo + m.start(1)
    return any(t.word.role == "withdraw" and 0 <= at - t.end <= MAX_LEFT_GAP
               for t in clause.triggers)


def _list_tail(text: str, group: list[Location], places: Sequence[Location], clause: Clause,
               base: int, withdraw: bool) -> list[Location]:
    """The last item of a list the clause cut ("in A, B, and C, following …": the break
    before ", and" leaves C to the next clause): a place after the group's last that closes a
    comma list of at least two with "and"/"or" belongs to the same event."""
    last = group[-1]
    if len(group) < 2 or last.end - base > clause.end:
        return []
    if "," not in text[group[-2].end - base:last.start - base]:
        return []
    after = [p for p in places if p.start > last.start]
    nxt = min(after, key=lambda p: p.start) if after else None
    if nxt is None or nxt.start - base < clause.end:
        return []
    gap = text[last.end - base:nxt.start - base]
    words = _place_words()
    if (not _coordinated(text, last, nxt, base) or not words.list_end.search(gap)
            or _origin_or_goal(text, nxt.start - base, withdraw)):
        return []
    return [nxt]


def _locate_siblings(group: list[Location]) -> list[Location]:
    """A listed place the gazetteer lacks ("the Thawra oil field, the town of Resafa") is
    coded at the nearest located place of its own list (precision 2), not at the narrative's
    place: a list names places of one area."""
    located = [p for p in group if p.latitude is not None and p.geo_precision < 3]
    if not located or len(located) == len(group):
        return group
    out = []
    for p in group:
        if p.latitude is None and p.geo_precision < 3:
            near = min(located, key=lambda q: abs(q.start - p.start))
            p = Location(p.name, near.latitude, near.longitude, 2, near.country or p.country,
                         near.admin1, p.start, p.end, near.geonameid)
        out.append(p)
    return out


def _country_as_attribute(text: str, loc: Location, base: int) -> bool:
    """A country named without a locative ("U.S. airstrikes", "the Iraqi Army entered …")
    qualifies an actor; it does not say where the event happened."""
    if loc.latitude is not None or loc.geo_precision != 3:
        return False
    s = loc.start - base
    return not _place_words().locative_before.search(text[max(0, s - 30):s])


@cached
def _facility_after() -> re.Pattern[str]:
    """Up to two words of its noun phrase (no grammar phrase_stops: "Azerbaijan that it"),
    then a site noun (triggers.yaml site_words, not a pronoun) right after a country: "the
    U.S. air base", "the U.S. Marine base"."""
    g = lang.words("grammar")
    pronouns = {str(w) for w in (*g["head_pronouns"], *g["claim_subject_pronouns"])}
    sites = _alt(sorted((w for w in lexicon().site_words if w not in pronouns), key=len,
                        reverse=True))
    stops = _alt(sorted((str(w) for w in g["phrase_stops"]), key=len, reverse=True))
    return re.compile(rf"\s+(?:(?!(?:{stops})\b)[\w'-]+\s+){{0,2}}?{sites}\b", re.I)


def _facility_of_country(text: str, loc: Location, inside: Sequence[Location],
                         base: int) -> bool:
    """A country that qualifies a site noun, with a place of the clause after it ("into the
    U.S. air base at Bien Hoa", "shelled the U.S. Marine base near Khe Sanh"), says whose the
    site is, not where it is: the place after it does. A locative before the country does
    not change that (``_country_as_attribute`` keeps a country after a locative)."""
    if not _country_only(loc):
        return False
    # an article before the country makes it a modifier of the noun after it ("the U.S. air
    # base", "a United States Coast Guard station"; not "in Central Syria targeting bases")
    head = text[max(0, loc.start - base - 12):loc.start - base].split()
    if not head or head[-1].lower() not in lexicon().articles:
        return False
    if not _facility_after().match(text, loc.end - base):
        return False
    return any(p.start > loc.end and not _country_only(p) for p in inside)


def _origin_or_goal(text: str, start: int, withdraw: bool, aimed: bool = False) -> bool:
    """A place the action comes from ("flown in from Kabul"), or, for a withdrawal, goes to
    ("retreated towards Brigade 93"), or that a move only reaches ("…, eventually reaching the
    junction of X") is not where the event happened."""
    before = text[max(0, start - 40):start]
    if _goal_before().search(before):
        return True
    words = _place_words()
    m = words.prep_before.search(before)
    prep = m.group(1).lower() if m else ""
    if withdraw:
        return prep in words.withdrawal_goal
    own, _ = _governing_prep(text, start)
    if own != prep and (own not in words.goal or aimed):
        # the location opens with its own preposition: "from a village near Baidoa" is near
        # Baidoa; "rockets fired from Gaza towards Sderot" fell on Sderot (a move "towards
        # X" still only goes there)
        return own in words.origin
    return prep in words.origin


def _coordinated(text: str, a: Location, b: Location, base: int) -> bool:
    gap = text[a.end - base:b.start - base]
    return len(gap) < 40 and bool(_place_words().coordinated.match(gap))


@cached
def _member_gap() -> re.Pattern[str]:
    """The gap between a coalition and the first member it is told with ("the X Front, mainly
    composed of |A| and B"): actors.yaml ``settings.composition``."""
    d = load_yaml("actors.yaml")["settings"]["composition"]
    the = re.escape(str(lang.words("grammar")["definite_article"]))
    return re.compile(rf"\s*[,(]\s*(?:(?:{_alt(d['adverbs'])})\s+)?(?:{_alt(d['joiners'])})\s+"
                      rf"(?:{the}\s+)?", re.I)


def supporters(text: str, sentence_start: int, trig: Trigger,
               c_actors: Sequence[ActorMention]) -> list[ActorMention]:
    """The parties told as the support of the party before them, before the trigger
    ("Haitian police backed by Kenyan officers clashed with gangs"), right after a support
    joiner ("Supported by US airstrikes, the SDF attacked"), or listed with such a party
    ("backed by Hezbollah and Russian artillery"); and a coalition's members told with it
    ("the X Front, mainly composed of A and B, took the town": the Front acted):
    associated, not the actor."""
    words = _place_words()
    members = _member_gap()
    t_abs = sentence_start + trig.start
    out: list[ActorMention] = []
    prev: ActorMention | None = None
    for b in c_actors:
        if b.start >= t_abs:
            break
        at = b.start - sentence_start
        if ((prev is not None and (
                words.support_gap.fullmatch(text, prev.end - sentence_start, at)
                or members.fullmatch(text, prev.end - sentence_start, at)))
                or words.support_lead.search(text, max(0, at - 40), at)
                or (out and out[-1] is prev and prev is not None
                    and words.pair_joiner.fullmatch(text, prev.end - sentence_start, at))):
            out.append(b)  # after a joiner ("Supported by US airstrikes, the SDF"), or listed
        prev = b  # with a supporter ("backed by Hezbollah and Russian artillery")
    return out


def mediators(text: str, sentence_start: int,
              c_actors: Sequence[ActorMention]) -> list[ActorMention]:
    """The parties told as the mediator of what the sides agreed, right after a mediation
    joiner ("a ceasefire brokered by Qatar"), or listed with such a party ("mediated by the
    African Union and Kenya"): a third party, neither side of the event."""
    words = _place_words()
    told = told_after(text, ((b.start, b.end) for b in c_actors), words.mediation_lead,
                      words.pair_joiner, sentence_start)
    return [b for b in c_actors if b.start in told]


def joint_actors(text: str, sentence_start: int, trig: Trigger,
                 c_actors: Sequence[ActorMention],
                 sides: ProfileSides | None) -> tuple[ActorMention, ActorMention] | None:
    """Two parties told with one head noun as the trigger's subject ("Congolese and Burundian
    troops retook Kitshanga", "Russian and Syrian jets bombed Idlib"): they act together, the
    first named is actor1 and the other its associate. Not for a reciprocal trigger
    ("Armenian and Azerbaijani forces clashed": the two are the opponents) or words that make
    them opponents ("exchanged fire", "both"), nor for two parties the document's profile
    puts on opposite sides."""
    t_abs = sentence_start + trig.start
    before = [a for a in c_actors if a.start < t_abs]
    if len(before) < 2:
        return None
    x, y = before[-2], before[-1]
    head = x.text.strip()
    if x.name == y.name or x.inter in _not_fighting() or y.inter in _not_fighting():
        return None
    # x a bare adjective ("Congolese"), y the same adjective form + its noun; or two parties
    # named in full that are the clause's only ones before the trigger ("Government forces and
    # Hezbollah took control", "Peshmerga and Iraqi government fighters retook"), not a party
    # of an act told before them ("ISIL attacked the army and the YPG took the town")
    if (" " in head or not head[:1].isupper() or " " not in y.text.strip()) and len(before) != 2:
        return None
    words = _place_words()
    if not words.pair_joiner.fullmatch(text, x.end - sentence_start, y.start - sentence_start):
        return None
    if trig.word.phrase in lexicon().reciprocal:
        return None
    # "Russian and Ukrainian forces exchanged artillery fire", "both Ukrainian and Russian
    # troops suffered heavy casualties", "shelled each other": opponents
    around = text[max(0, x.start - sentence_start - 6):trig.end + 16]
    if _opposed_pair().search(around):
        return None
    if sides is not None:
        s1, s2 = sides.side_of(x.name), sides.side_of(y.name)
        if s1 is not None and s2 is not None and s1 != s2:
            return None
    return x, y


def pick_actors(text: str, sentence_start: int, trig: Trigger,
                c_actors: Sequence[ActorMention],
                state: NarrativeState) -> tuple[ActorMention | None, ActorMention | None]:
    """actor1 (who acted) and actor2 (the other party) for the clause's trigger: the subject
    before the trigger, a passive "by X" agent, the first other party after it; what the clause
    leaves out comes from the narrative."""
    t_abs = sentence_start + trig.start
    # an armed party that is the trigger's own agent noun ("a suicide bomber killed …") acted;
    # victims and crowds named by the trigger ("hostages", "protests") did not
    before = [a for a in c_actors if a.start < t_abs
              or (a.start == t_abs and a.end >= sentence_start + trig.end
                  and a.inter not in _not_fighting())]
    after = [a for a in c_actors if a not in before]
    a1 = before[-1] if before else None
    a2 = None
    words = _place_words()
    # the passive ("were captured by the rebels"), also with an adverb or a participle
    # before it ("was completely captured by", "stolen and attacked by", "got ambushed by"),
    # and a noun's agent ("artillery shelling by the militants", "liberation by the army")
    if (words.passive_before.search(text[max(0, trig.start - 16):trig.start])
            or trig.word.phrase.startswith(words.passive_phrases)
            or words.by_after.match(text, trig.end)):
        for a in after:
            lead = text[max(0, a.start - sentence_start - 20):a.start - sentence_start]
            if words.by_before.search(lead):
                a2, a1 = a1, a  # "were captured by the rebels"
                break
        else:
            taken = _passive_patient(text, sentence_start, trig, a1)
            if taken is not None:  # "ISIL emir Imad Yassin was arrested": the one taken
                return _named_foe(taken, state), taken
    elif after and trig.word.phrase in lexicon().object_is_agent:
        a2, a1 = a1, after[0]  # "the city fell to ISIL"
    elif (after and trig.word.role == "withdraw"
          and any(c.isupper() for c in after[0].text)
          and _of_agent().fullmatch(text, trig.end, after[0].start - sentence_start)):
        # a withdrawal told as a noun with its agent named after "of" ("during the retreat
        # of rebel forces to the hills", "the withdrawal of Russian troops was completed"):
        # that party left; a subject before it is the other side. Not a party named by a
        # common noun alone ("the withdrawal of all troops", "of its troops"): whose troops
        # the sentence's subject or the narrative tells
        a2, a1 = a1, after[0]
    if a2 is None and trig.word.phrase in lexicon().reciprocal:
        a1, a2 = _opponents(text, sentence_start, trig, before, after, a1, words)
    if a2 is None:
        for a in after:
            if a1 is None or a.name != a1.name:
                a2 = a
                break
    if a1 is None and a2 is None:
        a1, a2 = _carried(state)
    elif a1 is None:
        prev1, prev2 = _carried(state)
        a1 = prev1 if prev1 is not None and prev1.name != a2.name else prev2
    if a1 is not None and a2 is not None and a1.name == a2.name:
        a2 = None
    return a1, a2


@cached
def _of_agent() -> re.Pattern[str]:
    """The gap between a withdrawal noun and its agent: "of", an article, at most one word
    ("a retreat of |rebel forces|", "the withdrawal of the remaining |Kurdish units|")."""
    g = lang.words("grammar")
    return re.compile(rf"\s+{re.escape(str(g['of_preposition']))}\s+"
                      rf"(?:{re.escape(str(g['definite_article']))}\s+)?(?:[a-z][\w-]*\s+)?",
                      re.I)


@cached
def _patient_rule() -> tuple[frozenset[str], frozenset[str], re.Pattern[str]]:
    """The arrest and abduction types and the drive-out words whose passive subject is the
    one taken or driven out, and the gap between that subject and the trigger
    (extraction.yaml passive_patient; the words: triggers.yaml drive_out_peoples)."""
    d = load_yaml("extraction.yaml")["passive_patient"]
    aux = _alt(lang.words("grammar")["passive_auxiliaries"])
    t = lang.words("titles")
    titles = _alt([*t["titles"], *t["ranks"], *t["honorifics"]])  # "ISIL emir Abu Hamza"
    gap = re.compile(
        rf"(?:\s+(?:[A-Z][\w'.-]*|(?i:{titles})\b)){{0,{int(d['name_words'])}}}\s*"
        rf"(?:,[^,]{{1,80}},\s*)?"
        rf"(?:(?:{_alt(d['perfect'])})\s+)?(?:{aux})(?:\s+(?:{_alt(d['adverbs'])}))*\s*")
    drive = load_yaml("triggers.yaml")["drive_out_peoples"]["triggers"]
    return frozenset(d["subs"]), frozenset(str(w).lower() for w in drive), gap


def _passive_patient(text: str, sentence_start: int, trig: Trigger,
                     a1: ActorMention | None) -> ActorMention | None:
    """The party that is the subject of a passive arrest or abduction with no agent ("six
    militants, who tried to escape, were arrested"), or of a side driven out of a place
    ("the militants were pushed out of the town"), or None."""
    subs, words, gap = _patient_rule()
    if a1 is None or a1.inter in _not_fighting() or (
            trig.word.sub not in subs and trig.word.phrase.lower() not in words):
        return None
    at = a1.end - sentence_start
    return a1 if 0 <= at <= trig.start and gap.fullmatch(text, at, trig.start) else None


def _named_foe(party: ActorMention, state: NarrativeState) -> ActorMention | None:
    """The party ``party`` was named fighting most often in the document so far, if any."""
    for other, _n in state.foes.get(party.name, Counter()).most_common():
        m = state.mentions.get(other)
        if other != party.name and m is not None and m.inter not in _not_fighting():
            return m
    return None


def _carried(state: NarrativeState) -> tuple[ActorMention | None, ActorMention | None]:
    """The narrative's parties for a clause that names none: a crowd (protesters, ACLED's
    inter code 6) is a party only of the protest a sentence tells, never carried on to the
    next event ("The invasion was preceded by an airstrike" after the protests against it)."""
    a1, a2 = state.actors
    crowd = _crowd_inter()
    return (None if a1 is not None and a1.inter == crowd else a1,
            None if a2 is not None and a2.inter == crowd else a2)


def _opponents(text: str, sentence_start: int, trig: Trigger, before: Sequence[ActorMention],
               after: Sequence[ActorMention], a1: ActorMention | None,
               words: _PlaceWords) -> tuple[ActorMention | None, ActorMention | None]:
    """The two parties of a reciprocal trigger told together: "militiamen and troops clashed"
    (the two subjects), "fighting between militiamen and troops" (after the trigger)."""
    def gap(x: ActorMention, y: ActorMention) -> str:
        return text[x.end - sentence_start:y.start - sentence_start]

    if len(before) >= 2 and a1 is before[-1] and not after:  # "X and Y fought Z": one side
        x, y = before[-2], before[-1]
        if x.name != y.name and words.pair_joiner.fullmatch(gap(x, y)):
            return x, y
    if a1 is None and len(after) >= 2:
        x, y = after[0], after[1]
        lead = text[trig.end:x.start - sentence_start]
        if (x.name != y.name and words.pair_joiner.fullmatch(gap(x, y))
                and words.pair_between.search(lead)):
            return x, y
    return a1, None


def profile_sides(a1: ActorMention | None, a2: ActorMention | None, date: ResolvedDate | None,
                  ctx: ArgumentContext) -> tuple[ActorMention | None, ActorMention | None]:
    """"The rebels", "government forces" as the document's known side (its profile's one
    belligerent of that kind), for an event dated inside the profile's span."""
    if ctx.sides is None or date is None:
        return a1, a2
    side = ctx.actor_ctx.profile_side
    return (side(a1, date.date_start, date.date_end), side(a2, date.date_start, date.date_end))


def complete_opponent(ev_type: str, a1: ActorMention | None, a2: ActorMention | None,
                      state: NarrativeState, ctx: ArgumentContext) -> ActorMention | None:
    if a2 is not None or not taxonomy().two_sided(ev_type) or a1 is None:
        return a2
    other = ctx.opponent_of(a1, state)
    return other if other is not None and other.name != a1.name else None


def territory_loser(sub: str, a1: ActorMention | None, a2: ActorMention | None,
                    state: NarrativeState, ctx: ArgumentContext) -> ActorMention | None:
    """actor2 of a record of sub-event type ``sub``. Civilians hold no territory: in a change
    of control (a capture, a withdrawal) the civilians its clause names ("the town's
    population was forced to flee", "killing 20 civilians") are not the side that lost the
    place; that side is the party actor1 fights in the document for a two-sided type (a
    battle), else none. The narrative keeps the civilians the clause named (what its next
    sentence goes on with is often what was done to them)."""
    tax = taxonomy()
    if (a2 is None or a2.name != load_yaml("extraction.yaml")["civilian_actor"]
            or not (tax.is_territorial(sub) or tax.has_role(sub, "withdrawal"))):
        return a2
    return complete_opponent(tax.type_of(sub), a1, None, state, ctx)


def note(ev: Event) -> str:
    who = ev.actor1 or "Unidentified actor"
    vs = f" against {ev.actor2}" if ev.actor2 else ""
    where = f" at {ev.location}" if ev.location else ""
    toll = f"; {ev.fatalities} killed" if ev.fatalities else ""
    return f"{ev.sub_event_type}: {who}{vs}{where}{toll}."
