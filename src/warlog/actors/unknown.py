"""Armed groups the dictionary does not know, named as the text writes them.

A narrative names many small units and brigades ("Liwa Suqour al-Jabal", "the 93rd
Brigade", "Sultan Murad Division" before anyone listed it). :func:`unknown_candidates`
finds capitalised multi-word names that end in an organisation head word ("Brigade",
"Front", "Army", "Forces", "Council" …, listed in ``data/actors.yaml`` ``unknown``) and that
no dictionary mention covers, so an event can still name its actor as written.

The scan is one compiled regex for the head words; from each head it walks left over
capitalised words, ordinals and name connectors ("of", "al-", "the") and stops at a
sentence-opening word ("On", "After" …).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from warlog import lang
from warlog.actors.dictionary import ActorIndex, Hit, alternation, ordinal_pattern
from warlog.actors.lexicon import load_lexicon
from warlog.actors.normalize import fold
from warlog.data import cached
from warlog.model import ActorMention

_TOKEN = re.compile(r"[\w][\w'\-\u2019]*|&")


@dataclass(frozen=True, slots=True)
class _Rules:
    head: re.Pattern[str]
    stop: frozenset[str]
    connectors: frozenset[str]
    exclude: tuple[str, ...]
    generic_words: frozenset[str]


@dataclass(frozen=True, slots=True)
class _ByNoun:
    noun: re.Pattern[str]  # an optional modifier and the noun; group "noun"
    inters: dict[str, int]
    name_words: int
    not_names: frozenset[str]


@cached
def _by_noun() -> _ByNoun | None:
    u = load_lexicon().unknown.get("by_noun")
    if not u:
        return None
    nouns = {str(k).lower(): int(v) for k, v in u["nouns"].items()}
    return _ByNoun(
        # from the first space of a run only: a run of n spaces is not tried n times
        noun=re.compile(rf"(?<!\s)\s+(?:(?:{alternation(u.get('modifiers') or [])})\s+)?"
                        rf"(?P<noun>{alternation(nouns)})\b"),
        inters=nouns,
        name_words=int(u.get("name_words", 4)),
        not_names=frozenset(str(w).lower() for w in u.get("not_names") or ()),
    )


@cached
def _rules() -> _Rules:
    u = load_lexicon().unknown
    calendar = lang.language()
    return _Rules(
        head=re.compile(rf"\b(?:{alternation(u['heads'])})\b(?:\s+\d+\b)?"),
        stop=frozenset((*u.get("stop_words", []), *calendar.months, *calendar.weekdays)),
        connectors=frozenset(c.lower() for c in u.get("connectors", [])),
        exclude=tuple(fold(e) for e in u.get("exclude_endings", [])),
        generic_words=frozenset(w.lower() for w in u.get("generic_words", [])),
    )


def _is_name_word(tok: str, rules: _Rules) -> bool:
    if tok in rules.stop:
        return False
    if ordinal_pattern(figures_only=True).fullmatch(tok):
        return True
    # "al-Jabal", "ash-Sham": a lower-case Arabic article glued to a capitalised word
    core = tok.split("-", 1)[1] if re.match(r"^[a-z]{1,3}-", tok) else tok
    return core[:1].isupper()


def unknown_candidates(
    text: str, offset: int = 0, index: ActorIndex | None = None
) -> list[ActorMention]:
    """Capitalised organisation names in ``text`` that the dictionary does not cover.

    Each comes back as an :class:`ActorMention` whose ``name`` is the name as written
    (without a leading "the"), ``inter`` None, in text order. Offsets are ``offset`` + the
    position in ``text``.
    """
    rules = _rules()
    index = index or ActorIndex.load()
    known = [(m.start, m.end) for m in index.find(text, generic=False)]
    out: list[ActorMention] = []
    for hm in rules.head.finditer(text):
        if not hm.group()[:1].isupper():
            continue
        tokens = list(_TOKEN.finditer(text, max(0, hm.start() - 160), hm.start()))
        start = hm.start()
        words = 1
        pending: list[re.Match[str]] = []  # connectors waiting for a name word on their left
        for tok in reversed(tokens):
            gap = text[tok.end() : (pending[-1].start() if pending else start)]
            if gap.strip(" ") not in ("", "-"):
                break
            t = tok.group()
            if t.lower() in rules.connectors and not t[:1].isupper():
                pending.append(tok)
                continue
            if not _is_name_word(t, rules):
                break
            start = tok.start()
            pending.clear()
            words += 1
        end = hm.end()
        if hm.group()[-1:].isdigit():
            words += 1  # "Brigade 93"
        inner = [e for s, e in known if start <= s and e <= hm.start()]
        if inner:  # "Syrian Army 17th Division": the known actor is not part of the unit name
            cut = max(inner)
            rest = _TOKEN.findall(text, cut, hm.start())
            while rest and rest[0].lower() in rules.connectors:
                rest.pop(0)
            if not rest:
                continue
            start = text.index(rest[0], cut)
            words = len(rest) + 1 + int(hm.group()[-1:].isdigit())
        name = text[start:end]
        if words < 2:
            continue
        folded = fold(name)
        if any(folded.endswith(e) for e in rules.exclude):
            continue
        if all(w.lower() in rules.generic_words for w in _TOKEN.findall(name)):
            continue
        if any(s <= start and end <= e for s, e in known) or any(
            s <= hm.start() < e for s, e in known
        ):
            continue
        while out and start <= out[-1].start - offset:
            out.pop()  # "1st Guards" gives way to "1st Guards Tank Army"
        out.append(ActorMention(start + offset, end + offset, name, " ".join(name.split()), None))
    return out


def named_by_noun(text: str, offset: int = 0, index: ActorIndex | None = None,
                  hits: Sequence[Hit] | None = None) -> list[ActorMention]:
    """Groups ``text`` names by capitalised words and a lower-case noun that says what they
    are ("the Red Scorpion gang", "the Los Pelones drug cartel"), which the dictionary does not
    know: each an :class:`ActorMention` named "<name> <noun>" with the noun's inter
    (actors.yaml ``unknown.by_noun``). None when a dictionary name, a country or a demonym
    is among the words ("a Haitian gang", "the Sinaloa cartel"); ``hits``: the dictionary's
    hits of ``text`` when the caller has scanned it (else it is scanned here, if needed)."""
    rules = _by_noun()
    if rules is None or not any(n in text for n in rules.inters):
        return []
    stop = _rules()
    index = index or ActorIndex.load()
    out: list[ActorMention] = []
    known: list[tuple[int, int]] | None = None
    for nm in rules.noun.finditer(text):
        tokens = list(_TOKEN.finditer(text, max(0, nm.start() - 80), nm.start()))
        words: list[re.Match[str]] = []
        for tok in reversed(tokens):
            gap = text[tok.end():(words[-1].start() if words else nm.start())]
            if gap.strip(" ") not in ("", "-") or len(words) == rules.name_words:
                break
            if not _is_name_word(tok.group(), stop) or tok.group()[:1].isdigit():
                break
            words.append(tok)
        if not words:
            continue
        start, end = words[-1].start(), words[0].end()
        if all(w.group().lower() in stop.generic_words for w in words) or any(
                w.group().lower() in rules.not_names for w in words):
            continue  # "a defecting Islamist faction": what kind, not which
        if known is None:
            known = [(h.start, h.end) for h in (
                hits if hits is not None else index.scan(text, fold(text)))]
        if any(s < end and start < e for s, e in known):
            continue  # "a Haitian gang", "the Sinaloa cartel": the dictionary reads it
        noun = nm.group("noun")
        name = f"{text[start:end]} {noun}"
        out.append(ActorMention(start + offset, nm.end() + offset, text[start:nm.end()],
                                " ".join(name.split()), rules.inters[noun.lower()]))
    return out
