"""Step 1, counted phrases: a count with the noun phrase it counts.

"17 ISIL fighters", "20 of his men", an article with a singular person noun ("a lieutenant",
"the death of an oil tank driver"), a rank with a name ("General Mozid Salama"), a vague word
("dozens of insurgents"). Phrases about things ("two tanks", "7 kilometers") and names or
dates ("Division 17", "24 May") are dropped.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from warlog.casualties.lexicon import Lexicon
from warlog.casualties.numbers import is_number_word
from warlog.casualties.quantities import Quantity, quantity_at
from warlog.casualties.tokens import Token, match_at
from warlog.casualties.words import Words, words

MAX_NP = 8  # words of a noun phrase before any preposition
MAX_PP = 12  # ... and with its prepositional phrases ("a commander in the X area of Y")


@dataclass(slots=True)
class Mention:
    """A counted phrase: its token range, the count cue's range and what it counts."""

    i: int  # token range of the whole phrase
    j: int
    ci: int  # token range of the count cue (the highlighted span)
    cj: int
    count: int | None
    low: int | None
    high: int | None
    vague: bool
    head: str  # person | nonhuman | unknown | none
    head_role: str | None
    kind: str  # number | article | title | vague | bare
    subset: bool = False
    additional: bool = False
    part: int = 0  # tokens of "of the dead" right after the count: part of a toll elsewhere

    @classmethod
    def counted(cls, i: int, j: int, q: Quantity, head: str, head_role: str | None,
                kind: str, vague: bool | None = None, additional: bool = False) -> Mention:
        """A phrase ``[i, j)`` counted by the quantity ``q`` (its cue's range and figures)."""
        return cls(i, j, q.i, q.j, q.value, q.low, q.high, q.vague if vague is None else vague,
                   head, head_role, kind, additional=additional)

    @classmethod
    def one_person(cls, i: int, j: int, kind: str, cue_end: int | None = None) -> Mention:
        """One person named without a number ("a soldier", "the commander"); ``cue_end``:
        the end of the highlighted cue (the phrase's end by default; ``i``: no count)."""
        cj = j if cue_end is None else cue_end
        return cls(i, j, i, cj, 1 if cj > i else None, None, None, False, "person", None, kind)


@dataclass(slots=True)
class NounPhrase:
    end: int
    head: str
    head_role: str | None
    singular: bool
    restated: Quantity | None


def word_kind(w: str, lx: Lexicon) -> tuple[str, str | None, bool] | None:
    """(person|nonhuman, role of the noun, singular) for a noun the lexicon knows."""
    w = w.removesuffix(words().possessive)
    role = lx.head_roles.get(w)
    if w in lx.person_singular:
        return "person", role, w not in lx.collective
    if w in lx.person_plural or w in words().head_pronouns:
        return "person", role, False
    if role is not None:
        return "person", role, False
    if w in lx.nonhuman:
        return "nonhuman", None, False
    return None


def _restated(tokens: list[Token], j: int, text: str, lx: Lexicon) -> tuple[int, Quantity | None]:
    """A bracket after the count: its end (or -1 when unclosed) and a restated count in it."""
    n = len(tokens)
    close = next((m for m in range(j + 1, min(n, j + 25)) if tokens[m].low == ")"), None)
    if close is None:
        return -1, None
    r = match_at(tokens, j + 1, lx.restating)
    if r is not None:
        q = quantity_at(tokens, j + 1 + r[0], text)
        if q is not None and q.value is not None:
            return close, q
    return close, None


def scan_np(tokens: list[Token], k: int, text: str, lx: Lexicon) -> NounPhrase:
    """The noun phrase after a count, from token ``k``: where it ends and what its head is."""
    w_ = words()
    n = len(tokens)
    head, head_role, singular = "none", None, False
    part_role: str | None = None  # from a participle before the noun
    frozen = False  # inside a prepositional phrase: words no longer change the head
    restated: Quantity | None = None
    count = 0
    j = k
    while j < n and count < (MAX_PP if frozen else MAX_NP):
        t = tokens[j]
        w = t.low
        if w == "(":
            close, q = _restated(tokens, j, text, lx)
            if close < 0:
                break
            restated = q or restated
            j = close + 1
            continue
        if w == w_.of_word:
            nxt = tokens[j + 1].low if j + 1 < n else ""
            if nxt in w_.partitive_pronouns:
                if head == "none":
                    head = "person"
                j += 2
                count += 2
                frozen = True
                continue
            if head != "none":
                frozen = True  # "a member of the SDF": the head came before "of"
            # else "20 of his men": the head comes after "of"
            j += 1
            count += 1
            continue
        if (
            w in w_.phrase_prepositions
            or w == w_.to_word
            and j > k
            and tokens[j - 1].low in w_.to_takers
        ):
            if head == "none" and not frozen:
                break
            frozen = True
            j += 1
            count += 1
            continue
        acronym = len(w) > 1 and t.text.isupper()  # "IS fighters", "US troops"
        inside = frozen and w in w_.phrase_quantifiers  # "500 fighters on both sides"
        if not acronym and not inside and (w in w_.phrase_stops or w in lx.role_words and j > k):
            break
        if w == "." and j > k and len(tokens[j - 1].text) == 1 and tokens[j - 1].text.isupper():
            j += 1  # "U.S."
            continue
        if not (w[0].isalnum() or w in w_.phrase_marks):
            break
        compound = j + 2 < n and tokens[j + 1].low == "-" and tokens[j + 1].start == t.end
        if is_number_word(w) and not compound:  # not "21-year-old"
            prev = tokens[j - 1] if j > k else None
            if prev is None or not (
                prev.low in w_.number_determiners or (frozen and prev.text[0].isupper())
            ):
                break  # a new count begins (not "3 of 6", "of the five", "Group 28")
        if w in lx.role_words and not acronym:  # a participle: "sixty neutralized jihadists"
            nk = word_kind(tokens[j + 1].low, lx) if j + 1 < n else None
            if nk is None or nk[0] != "person":
                break
            part_role = next((r for _, r in lx.predicates.get(w, ())), None)
            j += 1
            continue
        if (head in ("person", "unknown") and (w in w_.phrase_time_words or w in w_.weekdays)
                and tokens[j - 1].low.isalpha()):
            # the day right after the people: "killed seven soldiers last night", "shot dead
            # five men Sunday night", "41 Reds Tuesday night" (not "lost to the rebel's last
            # offensive": a possessive modifies what follows)
            break
        if not frozen:
            kind = word_kind(w, lx)
            if kind is not None:
                head, role, singular = kind
                head_role = role or part_role
            elif w.isalpha():
                ahead = any(word_kind(x.low, lx) is not None for x in tokens[j + 1 : j + 3])
                if head == "person" and t.text.islower() and w.endswith(w_.gerund_suffix):
                    # a reduced relative, whatever its object: "two soldiers *guarding* a
                    # school", "three policemen *escorting* a convoy" are still the people
                    frozen = True
                elif head == "person" and t.text.islower() and not ahead:
                    if head_role is not None and not w.endswith(w_.participle_suffixes):
                        head, head_role = "unknown", part_role  # "death *row* inmates"
                    elif w.endswith(w_.gerund_suffix):
                        frozen = True  # "a student *studying* at X": a reduced relative
                    else:
                        break  # the phrase ended at its noun: "2,000 adults *answered* …"
                else:
                    head, head_role = "unknown", part_role
        j += 1
        if w not in w_.phrase_marks:
            count += 1
    return NounPhrase(j, head, head_role, singular, restated)


def _name_start(t: Token) -> bool:
    return t.text[0].isupper() and t.text[0].isalpha()


def title_end(tokens: list[Token], i: int, lx: Lexicon, named: bool = False) -> int | None:
    """End of "General Mozid Salama" / "Lt. Col. X" starting at token ``i``, else ``None``.

    With ``named``, token ``i`` already starts the name (the rank or noun came before).
    """
    w_ = words()
    n = len(tokens)
    j = i
    while (
        not named
        and j < n
        and tokens[j].low in lx.titles
        and (tokens[j].text[0].isupper() or (j + 1 < n and _name_start(tokens[j + 1])))
    ):
        j += 1  # "General", "Lt. Col.", or "commander Abd al-Rahman" (lower-case rank)
        if j < n and tokens[j].low == ".":
            j += 1
    if j == i and not named:
        return None
    start_name = j
    while j < n and (
        _name_start(tokens[j]) or (tokens[j].low in w_.name_particles and j > start_name)
    ):
        if tokens[j].low in lx.titles and j == start_name:
            break
        j += 1
    while j > start_name and not tokens[j - 1].text[0].isalpha():
        j -= 1
    if j == start_name:
        return None
    if j < n and tokens[j].low == "(":  # "Major X (b. 1984)"
        close = next((m for m in range(j + 1, min(n, j + 12)) if tokens[m].low == ")"), None)
        if close is not None:
            j = close + 1
    if j + 1 < n and tokens[j].low in w_.name_attachments:  # "General X of the Guards"
        m = j + 1
        while (
            m < n and m < j + 9 and (tokens[m].low in w_.name_inner or tokens[m].text[0].isupper())
        ):
            m += 1
        if m > j + 1 and tokens[m - 1].text[0].isupper():
            j = m
    return j


def find_mentions(tokens: list[Token], text: str, lx: Lexicon) -> list[Mention]:
    """Counted phrases, left to right, not overlapping."""
    out: list[Mention] = []
    n = len(tokens)
    lows = [t.low for t in tokens]
    person = lx.person_singular
    persons = [i for i, w in enumerate(lows) if w in person]  # the singular person nouns
    starts = lx.mention_starts
    # a phrase starts only at a start word or a digit: the other tokens are stepped over
    p = 0
    for c in [i for i, w in enumerate(lows) if w in starts or w[0].isdigit()]:
        if c < p:
            continue  # inside the phrase just found
        p = c
        m = _mention_at(tokens, p, text, lx, persons)
        if m is None:
            continue
        if m.j < n and lows[m.j] in lx.source_verbs:
            p = max(m.j, p + 1)  # "…, a war monitor said": who reports, not who died
            continue
        out.append(m)
        p = max(m.j, p + 1)
    return out


def _next_person(persons: list[int], i: int, n: int) -> int:
    """Index of the first singular person noun at or after token ``i`` (``n``: none)."""
    k = bisect_left(persons, i)
    return persons[k] if k < len(persons) else n


def _counted(tokens: list[Token], q: Quantity, text: str, lx: Lexicon, w_: Words) -> Mention | None:
    """A number or vague word with the noun phrase after it."""
    np_ = scan_np(tokens, q.j, text, lx)
    if np_.head == "nonhuman":
        return None
    if q.year_like and (
        np_.head != "person" or np_.singular or q.i > 0 and (tokens[q.i - 1].low in w_.year_openers)
    ):
        return None  # "in 2013", "the fall of 2013 Iranian General …"
    last = tokens[q.j - 1].low
    numeric = is_number_word(last) or last in lx.numeric_followers
    if q.vague or q.qualifier == "vague" or not numeric:
        accept = (
            np_.head == "person"
            or np_.head_role is not None
            or (np_.head == "none" or q.value is not None and np_.head == "unknown")
        )
        if not accept:
            return None
    if np_.restated is not None:
        r = np_.restated
        return Mention.counted(q.i, np_.end, r, np_.head, np_.head_role, "number", False)
    return Mention.counted(q.i, np_.end, q, np_.head, np_.head_role,
                           "vague" if q.vague else "number",
                           additional=q.qualifier == "additional")


def _mention_at(
    tokens: list[Token], p: int, text: str, lx: Lexicon, persons: list[int]
) -> Mention | None:
    w_ = words()
    w = tokens[p].low
    n = len(tokens)
    q = quantity_at(tokens, p, text)
    if q is not None and q.qualifier != "range" and q.i > 0 and tokens[q.i - 1].low == w_.from_word:
        return None  # "rose to 77 from 63": the old figure
    if q is not None:
        return _counted(tokens, q, text, lx, w_)
    if (
        w in w_.determiners
        and p + 2 < n
        and tokens[p + 1].low in lx.collective_of
        and (tokens[p + 2].low == w_.of_word)
    ):
        q = quantity_at(tokens, p + 3, text)  # "a family of four", "a group of 20 soldiers"
        if q is not None and q.value is not None:
            np_ = scan_np(tokens, q.j, text, lx)
            if np_.head != "nonhuman":
                return Mention.counted(p, np_.end, q, "person", np_.head_role, "number")
    if w in w_.determiners and w not in w_.ones:
        if _next_person(persons, p + 1, n) > p + 1 + MAX_NP:
            return None  # no person noun near: not "a member of the SDF"
        np_ = scan_np(tokens, p + 1, text, lx)
        if np_.head == "person" and np_.singular and np_.head_role is None:
            return Mention.one_person(p, np_.end, "article")
        return None
    end = title_end(tokens, p, lx)
    if end is not None:
        return Mention.one_person(p, end, "title")
    if (
        w in lx.person_singular
        and w not in lx.collective
        and tokens[p].text.islower()
        and (p + 2 < n and all(_name_start(x) for x in tokens[p + 1 : p + 3]))
    ):
        end = title_end(tokens, p + 1, lx, named=True)  # "journalist Brent Renaud"
        if end is not None:
            return Mention.one_person(p, end, "title")
    if p > 0 and tokens[p - 1].low in w_.list_joiners:
        if w in lx.person_singular and w not in lx.collective:  # "a lieutenant and soldier"
            np_ = scan_np(tokens, p, text, lx)
            return Mention.one_person(p, np_.end, "bare")
        if w in lx.person_plural:  # "150 soldiers and policemen": adds no number
            np_ = scan_np(tokens, p, text, lx)
            return Mention.one_person(p, np_.end, "bare", cue_end=p)
    return None
