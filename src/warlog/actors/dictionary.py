"""Finding actor mentions in text with one Aho–Corasick automaton.

All aliases of all actors (``data/actors.yaml``, expanded by :mod:`warlog.actors.lexicon`)
go into one ``pyahocorasick`` automaton over case-folded text (:func:`normalize.fold` keeps
offsets, so matches need no mapping back), each as a word between two spaces matched in the
text's word shape (:meth:`ActorIndex.scan`). A match counts when it is a whole word, when its
short acronyms have the case they are written with ("IS" the group, never "is" the verb),
and when no stronger or longer match overlaps it. A few light rules then clean the choice:

- a bare country name is an actor, not a place, only when no locative word ("in", "near",
  "northern" …) stands before it;
- a nationality adjective alone counts only before a military noun ("Russian shelling") or
  inside a coordination ("Russian and separatist forces" gives Russia and the separatists);
- a mention glued to "-backed"/"-supported" names a backer, not a participant: dropped;
- a member noun after a group ("ISIL fighters", "Syrian Army soldiers") joins its mention.

Generic mentions ("government forces", "rebels") come back with the generic class as name,
``"?state"``, ``"?rebel"``…; :class:`warlog.actors.resolve.ActorContext` names them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

import ahocorasick

from warlog import lang
from warlog.actors.lexicon import (
    GENERIC_PREFIX,
    ROLE_PRIORITY,
    ActorInfo,
    Lexicon,
    Pattern,
    load_lexicon,
)
from warlog.actors.normalize import fold, translate_marks
from warlog.data import cached, load_yaml
from warlog.model import ActorMention
from warlog.nlp.alternation import trie_alternation

_TOKEN = re.compile(r"[A-Za-z0-9.]+")
_CAP_WORD = re.compile(r"(?<![\w'])[A-Z]")
_SHORT_CAP = re.compile(r"(?<![A-Za-z])[A-Z][A-Za-z.]{0,4}(?![A-Za-z])")
_WORD_BEFORE = re.compile(r"([a-z\-]+)(?:[^a-z0-9]+the)?[^a-z0-9]*$")
# the same, only where a word starts: a leftmost match after the window's first character
# opens a run of letters and hyphens (one starting a character earlier would match too), so
# the other positions need not be tried (:func:`_word_before`)
_WORD_BEFORE_AT_WORD = re.compile(r"(?<![a-z\-])([a-z\-]+)(?:[^a-z0-9]+the)?[^a-z0-9]*$")
_NEXT_WORD = re.compile(r" ([^\W\d_][\w'\-]*)")
_PREV_WORD = re.compile(r"([\w][\w'\-]*) $")
# a word of a name after "loyal to", and the punctuation that ends it
_NAME_WORD = re.compile(r"([\w][\w'\-]*?)(?:'s)?([,.;:()]?)(?=\s|$)")


# ASCII letters and digits as themselves, every other byte as a space: a folded text run
# through it (after encoding each character that is not ASCII as "?") has a space exactly
# where an ASCII character that is no letter or digit, or a character that is not ASCII,
# stands (:meth:`ActorIndex.scan`)
_WORD_BYTES = bytes(c if chr(c).isalnum() and c < 128 else 32 for c in range(256))


def _word_shape(text: str) -> str:
    """``text`` (ASCII or not) with every character but an ASCII letter or digit a space;
    the same length."""
    return text.encode("ascii", "replace").translate(_WORD_BYTES).decode("ascii")


def _word_before(folded: str, lo: int, end: int) -> re.Match[str] | None:
    """``_WORD_BEFORE.search(folded, lo, end)``: the match at ``lo`` itself, else the first at
    a word's start (the search tried at every character of the window cost a scan)."""
    return _WORD_BEFORE.match(folded, lo, end) or _WORD_BEFORE_AT_WORD.search(folded, lo + 1,
                                                                                end)


@cached
def _calendar_words() -> frozenset[str]:
    """Month and weekday names as written ("Saturday", "March"): capitalised, but no name."""
    language = lang.language()
    return frozenset((*language.months, *language.weekdays))


@cached
def _articles() -> frozenset[str]:
    """The articles as they open a sentence ("The", "A")."""
    return frozenset(str(w).capitalize() for w in lang.words("grammar")["articles"])


@cached
def ordinal_pattern(figures_only: bool = False) -> re.Pattern[str]:
    """An ordinal word or an ordinal in figures ("third", "3rd"), from the language's number
    words; with ``figures_only``, figures alone, the ending optional ("3rd", "3")."""
    suffixes = alternation(lang.words("numbers")["ordinal_number_suffixes"])
    if figures_only:
        return re.compile(rf"\d+(?:{suffixes})?")
    return re.compile(rf"\d+(?:{suffixes})|{trie_alternation(sorted(lang.language().ordinals))}")


_NAME = r"[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*"
_LIST_BEFORE = re.compile(
    rf"\b(\w+)\s+(?:the\s+)?{_NAME}(?:\s*,\s*{_NAME})*\s*(?:,\s*and|,\s*or|,|and|or)\s+$")
_LIST_ENDS = (",", "and", "or")  # what _LIST_BEFORE's text ends with before its last spaces


def _inside_name(text: str, start: int, end: int, modified: re.Pattern[str]) -> bool:
    """A generic phrase with a capitalised head right after a capitalised word is the end of
    a proper name ("Idlib Army", "Tiger Forces"): not a generic mention."""
    head = text.rfind(" ", start, end) + 1 or start
    if not text[head : head + 1].isupper():
        return False
    nxt = _NEXT_WORD.match(text, end)
    if nxt and nxt.group(1)[0].isupper() and nxt.group(1) not in _calendar_words():
        return True  # "Infantry Division", "Army Group Centre"; not "Rebels Saturday"
    if modified.match(fold(text[end : end + 40])):  # "Khazanat Army base": the army's base
        return False
    m = _PREV_WORD.search(text, max(0, start - 40), start)
    if m is None:
        return False
    prev = m.group(1)
    return (prev[0].isupper() and prev not in _articles()) or bool(
        ordinal_pattern().fullmatch(prev)
    )


@dataclass(slots=True)
class Hit:
    """A raw automaton match that passed the word-boundary and case checks."""

    start: int
    end: int
    pattern: Pattern


def alternation(words: list[str]) -> str:
    """A regex alternation of ``words`` (case-sensitive use), trie-built: the longest one
    matches, as with the words sorted longest first, at a cost that does not grow with their
    number (:func:`warlog.nlp.alternation.trie_alternation`)."""
    return trie_alternation(words)


def is_generic(mention: ActorMention) -> bool:
    """True for a mention whose name is a generic class still to be resolved."""
    return mention.name.startswith(GENERIC_PREFIX)


@cache
def _is_acronym(tok: str, max_letters: int) -> bool:
    """ "IS", "US", "LeT", "JeM": a short token with two capitals (or all capitals)."""
    letters = [c for c in tok if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return bool(letters) and len(letters) <= max_letters and (upper >= 2 or upper == len(letters))


def _case_ranges(alias: str, max_letters: int) -> tuple[tuple[int, int], ...]:
    """Spans of an alias that must match with their exact case: short acronyms."""
    if not _SHORT_CAP.search(alias):
        return ()
    return tuple(
        (m.start(), m.end()) for m in _TOKEN.finditer(alias) if _is_acronym(m.group(), max_letters)
    )


def _capitals(alias: str, exact: tuple[tuple[int, int], ...]) -> tuple[int, ...]:
    """Positions of the alias's capitalised word initials: a proper name ("Southern Front")
    matches only where the text capitalises them too ("southern front" is no group)."""
    return tuple(
        m.start()
        for m in _CAP_WORD.finditer(alias)
        if not any(a <= m.start() < b for a, b in exact)
    )


class ActorIndex:
    """The actor dictionary compiled for matching. Build it with :meth:`load` (cached)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        s = lexicon.settings
        max_letters = int(s.get("case_sensitive_max_letters", 3))
        self._locatives = frozenset(fold(w) for w in s.get("locatives", []))
        self._locative_phrase = re.compile(
            rf"\b{alternation([fold(w) for w in s.get('locative_phrases', [])])}"
            r"\s+(?:the\s+)?$")
        self._backer = re.compile(rf"-(?:{alternation(s['backer_suffixes'])})\b")
        self._offshoot = re.compile(
            rf"[ -](?:{alternation([fold(w) for w in s.get('offshoot_nouns', [])])})\b")
        # the possessive, then up to two words before the group ("Yemen's Iran-aligned Houthis")
        # that are no article, preposition or conjunction ("Turkey's shelling of the YPG")
        self._possessive = re.compile(
            rf"(?:{alternation(s.get('possessives', []))}) (?P<gap>(?:[a-z][\w-]* ){{0,2}})"
        )
        g = lang.words("grammar")
        self._gap_stops = frozenset(
            fold(str(w))
            for key in ("articles", "phrase_prepositions", "phrase_stops", "place_prepositions")
            for w in g.get(key, [])
        )
        self._suffix = re.compile(rf" (?:{alternation(s['member_suffixes'])})\b")
        state = s["templates"]["state"]
        nouns = state.get("adjective_nouns", [])
        makes = rf"(?:{alternation(state.get('aircraft_makes', []))}|[a-z]{{1,3}}-\d+[a-z]*)"
        aircraft = alternation(state.get("aircraft_nouns", []))
        # ... or a manned aircraft's type designation alone, the one the shoot-downs read
        # (triggers.yaml shoot_downs manned_types: "Turkish F-16s shot down a Russian Su-24")
        types = alternation(load_yaml("triggers.yaml")["shoot_downs"]["manned_types"])
        # a make and its model with no noun ("mirage f1", "mirage 2000"); a model designation
        # of any prefix, then describing words and an aircraft or equipment noun ("rf-4e
        # reconnaissance jet", "t-72 tank")
        model = r"[a-z]{0,3}-?\d+[a-z]*"
        things = alternation([*state.get("aircraft_nouns", []),
                              *state.get("equipment_nouns", [])])
        stops = alternation(state.get("equipment_gap_stops", []))
        gap = rf"(?:(?!(?:{stops}) )[a-z][a-z-]* ){{0,{int(state.get('equipment_gap', 0))}}}"
        self._adj_noun = re.compile(
            rf" (?:{alternation(nouns)}|{makes} (?:{aircraft})|(?:{types})-\d+[a-z]*"
            rf"|{makes} {model}|[a-z]{{1,3}}-\d+[a-z]* {gap}(?:{things}))\b")
        # "shot down by Indian fighters": the demonym right after a shooting down's agent word
        self._agent_noun = re.compile(
            rf" (?:{alternation(state.get('shoot_down_nouns', []))})\b")
        self._agent_before = re.compile(
            rf"\b(?:{alternation(state.get('shoot_down_agents', []))}) (?:an? )?$")
        self._conj = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)(?:the\s+)?")
        self._no_suffix_kinds = frozenset(s.get("no_suffix_kinds", []))
        self._peoples = frozenset(fold(w) for w in s.get("cross_border_peoples", []))
        by_key: dict[str, list[int]] = {}
        self._patterns: list[Pattern] = lexicon.patterns
        self._case: list[tuple[tuple[int, int], ...]] = []
        self._caps: list[tuple[int, ...]] = []
        for i, p in enumerate(self._patterns):
            by_key.setdefault(p.key, []).append(i)
            exact = _case_ranges(p.alias, max_letters)
            self._case.append(exact)
            self._caps.append(_capitals(p.alias, exact))
        # the keys as words: each ASCII key in its word shape between two spaces, matched in
        # the text's word shape between two spaces, so that the automaton itself finds only
        # matches with no letter or digit right before or after them (most of its matches
        # were inside words: "is" in "this"); the key itself is then compared. A key that is
        # not ASCII (a flag) is looked for in a text that holds one of its characters, by
        # the plain automaton of every key (built then)
        self._keys = {key: tuple(ids) for key, ids in by_key.items()}
        self._auto: ahocorasick.Automaton | None = None
        self._words = ahocorasick.Automaton()
        shapes: dict[str, dict[str, tuple[int, ...]]] = {}
        odd: set[str] = set()
        for key, ids in self._keys.items():
            if key.isascii():
                shapes.setdefault(f" {_word_shape(key)} ", {})[key] = ids
            else:
                odd.update(c for c in key if not c.isascii())
        for shape, keys in shapes.items():
            self._words.add_word(shape, (len(shape) - 2, keys))
        self._words.make_automaton()
        # (each asked with ``in``: a text with no character as wide as a flag's is answered
        # without reading it)
        self._odd = tuple(sorted(odd))
        loyal = s.get("loyal_to") or {}
        self._loyal_phrase = f" {fold(str(loyal.get('phrase', 'loyal to')))} "
        # a name's lower-case particle glued to its next word ("al-Assad"): grammar.yaml
        self._name_particles = tuple(
            f"{w}-" for w in lang.wordlist("grammar", "name_particles") if str(w).isalpha())
        self._loyal_nouns = frozenset(fold(w) for w in loyal.get("nouns", []))
        self._loyal_within = int(loyal.get("within", 0))
        self._leaders: dict[str, Pattern] = {}
        for leader, target in (loyal.get("leaders") or {}).items():
            target = lexicon.renamed.get(target, target)
            info = lexicon.actors.get(target)
            if info is None:
                raise ValueError(f"actors.yaml loyal_to: unknown actor {target!r}")
            self._leaders[leader] = Pattern(leader, "actor", target, info.country, explicit=True)
        self._canon: dict[str, str] = {}
        for p in self._patterns:
            if p.role in ("actor", "country"):
                self._canon.setdefault(p.key, p.target)
        for name in lexicon.actors:
            self._canon[fold(name)] = name

    @classmethod
    def load(cls) -> ActorIndex:
        """The shared index (built once per process)."""
        return _load_index()

    # ------------------------------------------------------------------ lookups
    def by_name(self, name: str) -> ActorInfo | None:
        """The actor with this canonical name (also follows merged generated names)."""
        info = self.lexicon.actors.get(name)
        if info is None and name in self.lexicon.renamed:
            info = self.lexicon.actors.get(self.lexicon.renamed[name])
        return info

    def canonical(self, alias: str) -> str | None:
        """The canonical name of any alias or name ("ISIL" -> "Islamic State"), else None."""
        return self._canon.get(fold(alias.strip()))

    def info(self, mention: ActorMention) -> ActorInfo | None:
        return None if is_generic(mention) else self.by_name(mention.name)

    # ------------------------------------------------------------------ matching
    def scan(self, text: str, folded: str | None = None) -> list[Hit]:
        """Every whole-word, case-correct match, overlaps included (for counting)."""
        folded = fold(text) if folded is None else folded
        n = len(text)
        hits: list[Hit] = []
        # acronyms are compared with unify_marks(text), read piece by piece (translating a
        # whole document for a few two-letter pieces cost more than the automaton)
        ascii_text: bool | None = None
        # (end, (length, keys)): ``end`` is one past the match's end plus one, as the word
        # shape is padded with a space on either side
        # a character that is not ASCII is a space in the word shape: the text's own
        # characters right before and after a match are asked then
        check = not folded.isascii()
        if check and any(c in folded for c in self._odd):
            found = self._plain(folded)
        else:
            found = self._words.iter(f" {_word_shape(folded)} ")
        for end, (length, keys) in found:
            start = end - length - 1
            ids = keys.get(folded[start : end - 1])
            if ids is None:
                continue  # the word shape matched, not the key ("al qaeda" at "al.qaeda")
            end -= 2
            if check and ((start > 0 and folded[start - 1].isalnum())
                          or (end + 1 < n and folded[end + 1].isalnum())):
                continue
            for i in ids:
                ranges = self._case[i]
                if ranges:
                    if ascii_text is None:
                        ascii_text = text.isascii()
                    alias = self._patterns[i].alias
                    for a, b in ranges:
                        piece = text[start + a : start + b]
                        if not ascii_text:
                            piece = translate_marks(piece)
                        if piece != alias[a:b]:
                            break
                    else:
                        ranges = ()
                    if ranges:
                        continue  # an acronym written in another case ("is" for "IS")
                caps = self._caps[i]
                if caps:
                    for c in caps:
                        if not text[start + c].isupper():
                            break  # "southern front" is no group: its capitals are missing
                    else:
                        caps = ()
                    if caps:
                        continue
                hits.append(Hit(start, end + 1, self._patterns[i]))
        if self._leaders and self._loyal_phrase in folded:
            hits.extend(self._loyal(text, folded))
        return hits

    def _plain(self, folded: str) -> list[tuple[int, tuple[int, dict[str, tuple[int, ...]]]]]:
        """The whole-word matches of every key (those not ASCII too) in ``folded``, as the
        word-shape automaton gives its matches (:meth:`scan`)."""
        if self._auto is None:
            auto = ahocorasick.Automaton()
            for key, ids in self._keys.items():
                auto.add_word(key, (len(key), {key: ids}))
            auto.make_automaton()
            self._auto = auto
        n = len(folded)
        out = []
        for end, (length, keys) in self._auto.iter(folded):
            start = end - length + 1
            if start > 0 and folded[start - 1].isalnum():
                continue
            if end + 1 < n and folded[end + 1].isalnum():
                continue
            out.append((end + 2, (length, keys)))
        return out

    def _loyal(self, text: str, folded: str) -> list[Hit]:
        """"Forces loyal to President Bashar al-Assad": a member noun, "loyal to", a few
        words of title and given names, then a leader's surname (the last word of the name,
        settings.loyal_to): one mention of the leader's side, from the noun to the name."""
        out: list[Hit] = []
        at = folded.find(self._loyal_phrase)
        while at != -1:
            noun = _PREV_WORD.search(folded, max(0, at - 30), at + 1)
            after = at + len(self._loyal_phrase)
            if noun is not None and noun.group(1) in self._loyal_nouns:
                words = list(_NAME_WORD.finditer(text, after, min(len(text), after + 120)))
                named = False  # a capitalised word of the name was read
                titles = 0  # lower-case words before it ("renegade general")
                for k, w in enumerate(words[: self._loyal_within]):
                    name = w.group(1)
                    cap = name[:1].isupper() or name.startswith(self._name_particles)
                    if not cap:
                        titles += 1
                        if named or titles > 2:
                            break  # the name ended, or this is no title ("the army shelled")
                    named = named or cap
                    nxt = words[k + 1].group(1) if k + 1 < len(words) else ""
                    last = bool(w.group(2)) or not (nxt[:1].isupper()
                                                    or nxt.startswith(self._name_particles))
                    p = self._leaders.get(name)
                    if p is not None and last:
                        out.append(Hit(noun.start(1), w.end(1), p))
                        break
                    if w.group(2):
                        break  # a comma or a full stop ends the name
            at = folded.find(self._loyal_phrase, after)
        return out

    def find(
        self,
        text: str,
        offset: int = 0,
        *,
        generic: bool = True,
        countries: bool = True,
        folded: str | None = None,
    ) -> list[ActorMention]:
        """All actor mentions in ``text`` (a sentence), in text order.

        Offsets in the result are ``offset`` + the position in ``text``. ``generic=False``
        leaves out generic phrases; ``countries=False`` leaves out bare country names.
        ``folded`` is ``fold(text)`` when the caller has it (the extractor's sentence).
        """
        folded = fold(text) if folded is None else folded
        return self.mentions(text, self.scan(text, folded), offset, folded, generic, countries)

    def mentions(
        self,
        text: str,
        hits: list[Hit],
        offset: int = 0,
        folded: str | None = None,
        generic: bool = True,
        countries: bool = True,
        chosen: list[Hit] | None = None,
    ) -> list[ActorMention]:
        """:meth:`find` on hits already :meth:`scan`-ned (to scan a long text only once);
        ``chosen``: :meth:`choose` of ``hits`` when the caller has it."""
        folded = fold(text) if folded is None else folded
        if chosen is None:
            chosen = self.choose(hits)
        chosen = self._clean(chosen, text, folded, generic, countries)
        return [self._mention(h, text, offset) for h in chosen]

    def choose(self, hits: list[Hit]) -> list[Hit]:
        """Named actors first, then generic phrases, then bare country names and adjectives;
        within each, longest first ("Syrian Army positions" is the Syrian Army, not "army
        positions"; "the British Army" is the British Army, not "the British"). In text order."""
        hits = sorted(hits, key=lambda h: (ROLE_PRIORITY[h.pattern.role], h.start - h.end, h.start))
        taken: list[Hit] = []
        if not hits:
            return taken
        busy = bytearray(max(h.end for h in hits))
        for h in hits:
            if busy.find(1, h.start, h.end) != -1:
                continue
            busy[h.start : h.end] = b"\x01" * (h.end - h.start)
            taken.append(h)
        taken.sort(key=lambda h: h.start)
        return taken

    def _clean(
        self, hits: list[Hit], text: str, folded: str, generic: bool, countries: bool
    ) -> list[Hit]:
        out: list[Hit] = []
        nxt_start = None
        nxt: Hit | None = None
        # right to left, so a demonym can see whether a mention follows it
        for i in range(len(hits) - 1, -1, -1):
            h = hits[i]
            role = h.pattern.role
            keep = True
            if (role == "place" or self._backer.match(folded, h.end)
                    or self.offshoot_at(folded, h.end)):
                keep = False
            elif role == "actor" and i and self._people_of(hits[i - 1], h, folded):
                h = self._among(hits[i - 1], h)
                keep = h is not None
            elif role == "demonym":
                # "Russian shelling" (a military noun follows) or "Russian and DPR forces"
                m = self._conj.match(folded, h.end)
                keep = (m is not None and nxt_start == m.end()) or bool(
                    self._adj_noun.match(folded, h.end)
                ) or self._shot_down_by(folded, h.start, h.end)
            elif role == "country":
                keep = (
                    countries
                    and not self._is_place(text, folded, h.start, h.end)
                    and not self._owns_group(folded, h.end, nxt)
                )
            elif role == "generic":
                keep = generic and not _inside_name(text, h.start, h.end, self._adj_noun)
            if keep and h is not None:
                out.append(h)
                nxt_start, nxt = h.start, h
            else:
                nxt_start = nxt = None
        out.reverse()
        return self._absorb(out, folded)

    def _shot_down_by(self, folded: str, start: int, end: int) -> bool:
        """A demonym and a fighter noun after a shooting down's agent word ("was shot down by
        Indian fighters"): the state's aircraft, so its forces."""
        return (self._agent_noun.match(folded, end) is not None
                and self._agent_before.search(folded, max(0, start - 40), start) is not None)

    def offshoot_at(self, folded: str, end: int) -> bool:
        """A group's name at ``end`` of ``folded`` is followed by a noun that makes it another
        group ("the al-Qaeda breakaway group", "a Taliban splinter faction")."""
        return self._offshoot.match(folded, end) is not None

    def _people_of(self, before: Hit, h: Hit, folded: str) -> bool:
        """``h`` is a country's forces or people named by a cross-border people's adjective
        right after another country's adjective ("Syrian Turkmen brigades")."""
        p, b = h.pattern, before.pattern
        if (b.role != "demonym" or p.country is None or b.country == p.country
                or folded[before.end:h.start] != " "):
            return False
        word = folded[h.start:h.end].split(" ", 1)[0]
        return word in self._peoples

    def _among(self, before: Hit, h: Hit) -> Hit | None:
        """The people of ``before``'s country that ``h`` names: its civilians or protesters
        are that country's; its forces are no state's (an armed group of that people)."""
        info = self.lexicon.actors.get(h.pattern.target)
        if info is None or info.kind in ("state", "police"):
            return None
        return Hit(before.start, h.end, replace(h.pattern, country=before.pattern.country))

    def _owns_group(self, folded: str, end: int, nxt: Hit | None) -> bool:
        """A country name in the possessive before a group that is not a state force, at most
        two words apart ("Yemen's Houthi rebels", "the Philippines' communist rebels"): where
        the group is from, not a party of the event."""
        if nxt is None:
            return False
        m = self._possessive.match(folded, end, nxt.start)
        if m is None or m.end() != nxt.start:
            return False
        if not self._gap_stops.isdisjoint(m["gap"].split()):
            return False
        p = nxt.pattern
        if p.role == "actor":
            info = self.lexicon.actors.get(p.target)
            return info is not None and info.inter not in (None, 1)
        if p.role == "generic":
            cls = self.lexicon.generics.get(p.target[len(GENERIC_PREFIX) :])
            return cls is not None and cls.inter not in (None, 1)
        return False

    def _is_place(self, text: str, folded: str, start: int, end: int) -> bool:
        """A bare country name used as a place or inside a longer name, not as an actor.

        After a locative word ("in", "northern" …, an article may stand between), joined by a
        dash to another word ("Syria-Turkey border"), or followed by a capitalised word
        ("Iraq War", "Niger River").
        """
        m = _word_before(folded, max(0, start - 40), start)
        if m and m.group(1) in self._locatives:
            return True
        if self._locative_phrase.search(folded, max(0, start - 40), start):
            return True  # "near the border with Cameroon"
        # a later item of a list of places: "across Syria, Lebanon, and Iraq"
        # (the pattern ends with ", " / " and " / " or ": test that before searching)
        lst = (
            _LIST_BEFORE.search(text, max(0, start - 120), start)
            if text[max(0, start - 120) : start].rstrip().endswith(_LIST_ENDS)
            else None
        )
        if lst and fold(lst.group(1)) in self._locatives:
            return True
        if start > 0 and folded[start - 1] == "-":
            return True
        if folded.startswith("-", end) and end + 1 < len(folded) and folded[end + 1].isalpha():
            return True
        nxt = _NEXT_WORD.match(text, end)
        return bool(nxt and nxt.group(1)[0].isupper() and nxt.group(1) not in _calendar_words())

    def _absorb(self, hits: list[Hit], folded: str) -> list[Hit]:
        """Extend a group mention over a member noun after it ("ISIL fighters")."""
        out: list[Hit] = []
        skip_until = -1
        for h in hits:
            if h.start < skip_until:
                continue
            if h.pattern.role == "actor":
                info = self.lexicon.actors.get(h.pattern.target)
                if info is None or info.kind not in self._no_suffix_kinds:
                    m = self._suffix.match(folded, h.end)
                    if m:
                        h = Hit(h.start, m.end(), h.pattern)
                        skip_until = m.end()
            out.append(h)
        return out

    def _mention(self, h: Hit, text: str, offset: int) -> ActorMention:
        p = h.pattern
        end = h.end
        if p.role == "generic":
            cls = self.lexicon.generics[p.target[len(GENERIC_PREFIX) :]]
            return ActorMention(
                h.start + offset, end + offset, text[h.start : end], p.target, cls.inter, p.country
            )
        info = self.lexicon.actors.get(p.target)
        inter = info.inter if info else None
        country = p.country or (info.country if info else None)
        return ActorMention(
            h.start + offset, end + offset, text[h.start : end], p.target, inter, country
        )


@cached
def _load_index() -> ActorIndex:
    return ActorIndex(load_lexicon())
