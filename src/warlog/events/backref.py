"""Definite back-references to a named site: "the base" is the base the text named last.

Narrative text names a site once ("ISIL stormed the Kwayres air base, east of Aleppo") and
then refers to it by its kind alone ("... shot down a helicopter outside the base"). ACLED
codes such an event at that site. :class:`SiteMemory` keeps, for each kind of site of
``lang/en/grammar.yaml`` (``site_anaphor_nouns``: "airbase" and "base" are one kind), the last
located place whose name ends with such a noun, and reads a sentence's "the [adjective] <noun>"
phrases back to it, unless the words around say which site it is ("the other base", "the
bridge that linked …", "the base at X").
One pass of one compiled pattern per sentence; the back-reference is named by its noun
("base"), which the one-event rule treats as a word that refers back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from warlog import lang
from warlog.data import cached
from warlog.model import Location
from warlog.nlp.alternation import trie_alternation
from warlog.nlp.sentences import Sentence

MAX_ANCHOR_GAP = 30  # "the base, some 20 km north of X": the place that anchors it
_NEXT_WORD = re.compile(r"[\s,]*([\w'-]+)")


@dataclass(frozen=True, slots=True)
class _Words:
    nouns: tuple[str, ...]  # longest first: "air base" before "base"
    kinds: dict[str, str]  # noun -> the kind of site it names ("airbase" -> "base")
    breakers: frozenset[str]  # adjectives that point to another site ("the other base")
    definers: frozenset[str]  # a next word that says which site it is ("the base of X")
    anchors: frozenset[str]  # a next word that places it at the next place ("the base at X")
    phrase: re.Pattern[str]  # "the [one or two lower-case words] <noun>", not a plural
    head_end: re.Pattern[str]  # the site nouns a name's head ends with
    head_cut: re.Pattern[str]  # where a name's head ends: "X base, north of Y", "X base in Y"


@cached
def _words() -> _Words:
    g = lang.words("grammar")
    kinds = {str(k).lower(): str(v).lower() for k, v in g["site_anaphor_nouns"].items()}
    nouns = tuple(sorted(kinds, key=lambda w: (-len(w), w)))
    alt = trie_alternation(nouns, lower=True)
    the = re.escape(str(g["definite_article"]))
    # case-sensitive words between the article and the noun: an adjective ("the besieged
    # base") is lower-case; a capitalised or numbered word names the site instead
    phrase = re.compile(rf"(?<![\w-])(?i:{the})\s+(?:[a-z][a-z'-]*\s+){{0,2}}?"
                        rf"(?P<noun>(?i:{alt}))(?![\w'-])")
    breakers = frozenset(str(w).lower() for w in g["site_anaphor_breakers"])
    definers = frozenset(str(w).lower() for w in g["site_anaphor_definers"])
    anchors = frozenset(str(w).lower() for w in g["site_anaphor_anchors"])
    cut = re.compile(rf"[,(]|\s(?:{trie_alternation(sorted(anchors), lower=True)})\s", re.I)
    return _Words(nouns, kinds, breakers, definers, anchors, phrase,
                  re.compile(rf"(?<![\w-])(?:{alt})$", re.I), cut)


def site_kinds(name: str) -> list[str]:
    """The kinds of site a place's name ends with ("Kwayres air base, east of Aleppo" →
    ["base"]; "X oil refinery" → ["refinery"]); none for a name without a proper word ("the
    besieged base")."""
    words = _words()
    head = words.head_cut.split(name, maxsplit=1)[0].strip()
    low = head.lower()
    if not words.head_end.search(low):
        return []
    found = [n for n in words.nouns if low == n or low.endswith((" " + n, "-" + n))]
    rest = head[: len(head) - len(found[0])] if found else ""
    the = str(lang.words("grammar")["definite_article"])
    named = any(w[:1].isupper() or any(c.isdigit() for c in w)
                for w in rest.split() if w.lower() != the)
    return list(dict.fromkeys(words.kinds[n] for n in found)) if named else []


@dataclass(slots=True)
class SiteMemory:
    """The last located named site of each kind, in the order the text names them."""

    last: dict[str, Location] = field(default_factory=dict)

    def note(self, loc: Location, kind: str | None = None) -> None:
        """Remember a located place under the kinds of site its name (or ``kind``, the name of
        the site it names again: "Division 17" for "the Division 17 base") ends with."""
        if loc.latitude is None:
            return
        for k in site_kinds(kind or loc.name):
            self.last[k] = loc

    def refer(self, sentence: Sentence, found: list[Location]) -> list[Location]:
        """``found`` with the sentence's "the <site noun>" phrases read back: each at the
        site of that kind named last before it (earlier in this sentence, else earlier in the
        document), precision 2. A phrase inside a place the resolver read
        ("the Kwayres air base") is left alone; a bare "base" it read is replaced. Every
        located site of ``found`` is remembered, in order."""
        words = _words()
        text, base = sentence.text, sentence.start
        ordered = sorted(found, key=lambda p: p.start)
        out: list[Location] = []
        replaced: set[int] = set()
        k = 0
        for m in words.phrase.finditer(text):
            s, e = base + m.start(), base + m.end()
            while k < len(ordered) and ordered[k].start < s:
                self.note(ordered[k])
                k += 1
            if words.breakers.intersection(m.group(0).lower().split()[1:]):
                continue  # "the other base": not the one named before
            follower = _NEXT_WORD.match(text, m.end())
            nxt = follower.group(1).lower() if follower else ""
            if nxt in words.definers:
                continue  # "the bridge that linked …", "the headquarters of X": said which
            if nxt in words.anchors and any(
                    0 <= p.start - e <= MAX_ANCHOR_GAP for p in ordered):
                continue  # "the base at Wadi X", "the airport, north of X": placed there
            noun = m.group("noun").lower()
            covering = [i for i, p in enumerate(ordered) if p.start < e and s < p.end]
            if any(not _bare(ordered[i].name, noun) for i in covering):
                continue  # part of a place the resolver read ("the Kwayres air base")
            site = self.last.get(words.kinds[noun])
            if site is None:
                continue
            replaced.update(covering)
            # named as the text names it: a generic site word ("base") is how the one-event
            # rule knows a back-reference (store.group_rule, extraction.yaml generic_sites)
            out.append(Location(m.group("noun"), site.latitude, site.longitude, 2,
                                site.country, site.admin1, base + m.start("noun"), e,
                                site.geonameid))
        for p in ordered[k:]:
            self.note(p)
        if not out:
            return found
        kept = [p for i, p in enumerate(ordered) if i not in replaced]
        return sorted(kept + out, key=lambda p: p.start)


def _bare(name: str, noun: str) -> bool:
    """Whether a place's name is its kind alone ("base", "the base")."""
    words = name.lower().split()
    if words[:1] == [str(lang.words("grammar")["definite_article"])]:
        words = words[1:]
    return " ".join(words) == noun
