"""How many people a sentence reports killed, following ACLED's counting rules.

:func:`count_fatalities` reads one sentence (or clause) that reports an event and answers
``killed`` (``None`` when no count is tied to a death), with ``wounded`` and ``captured`` kept
apart, the range of conflicting figures, and the spans of the numbers it used.

How it reads, in four steps over one shared tokenisation (no parser: the whole corpus must go
through in seconds):

1. *Counted phrases*: a number with its noun phrase ("17 ISIL fighters", "20 of his men"), an
   article with a singular person noun ("a lieutenant", "the death of an oil tank driver"), a
   rank with a name ("General Mozid Salama"), a vague word ("dozens of insurgents", "all the
   militants"). Phrases about things ("two tanks", "7 kilometers") and names or dates
   ("Division 17", "24 May") are dropped.
2. *Groups*: phrases joined by "and", "along with", "as well as" add up ("a lieutenant and
   soldier" = 2); phrases after "including" or in brackets are part of an earlier count.
3. *Roles*: a group is killed, wounded, captured, missing or mixed (dead and wounded together,
   "casualties") by its head noun ("1,260 deaths"), by the verb before it ("killing five
   soldiers", "the death of …") or by the predicate after it ("19 soldiers dead", "were captured
   and summarily executed").
4. *Totals*: killed groups add up ("11 … died … 17 … were also killed" = 28) unless a cue says
   the second figure revises or contradicts the first ("later updated to 200"): then the lowest
   is ``killed`` and ``low``/``high`` give the range. "No casualties were reported" is 0.

All vocabulary is in ``data/casualties.yaml``; number reading is :mod:`warlog.nlp.numbers`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from warlog.data import cached, load_yaml
from warlog.nlp.numbers import TENS, UNITS, Quantity, Token, quantity_at, tokenize, wordset
from warlog.nlp.numbers import vocab as numbers_vocab

ROLES = ("killed", "wounded", "captured", "missing", "mixed")
_BE = wordset("was were is are be been being got get gets")  # passive auxiliaries
_DETS = wordset("a an the his her its their our one")
_NP_PREPS = wordset("from in inside near at on belonging loyal among")
_TO_AFTER = wordset("belonging loyal affiliated linked allied attached")
_NP_STOP = wordset(
    "and or but nor while whereas as than so yet because although though whilst who whom "
    "which that whose where when by during after before with without for to into since "
    "until against amid following over under between through across via per toward towards "
    "including like unlike despite upon was were is are be been being had has have did does "
    "do will would could can may might should must also reportedly allegedly all both not "
    "respectively then later whether if what how why there this these never"
)
_NP_INNER_MARKS = frozenset({"-", "'", "\u2019", "&", '"', "\u201c", "\u201d"})
_HEAD_PRONOUNS = frozenset({"more", "others", "other", "them", "whom", "those", "ones"})
_PARTITIVE = frozenset({"them", "whom", "those", "which"})
_TOLL_LINKS = wordset(
    "was is has had been later updated rose risen to at reached stood stands climbed increased "
    "raised now revised confirmed officially put reportedly subsequently eventually further "
    "by jumped grew hit exceeded surpassed of : , the least some about over nearly around "
    "more than approximately"
)
_BEFORE_YEAR = wordset(
    "in of since by until till from between during before after early late mid year the and "
    "to fall spring summer winter autumn , around circa through throughout his her their its"
)
_MAX_NP = 8  # words of a noun phrase before any preposition
_MAX_PP = 12  # ... and with its prepositional phrases ("a commander in the X area of Y")


@dataclass(slots=True)
class Fatalities:
    """People reported killed (ACLED ``fatalities``), with wounded and captured kept apart.

    ``killed`` is ``None`` when the text ties no count to a death; ``low``/``high`` give the
    range when figures conflict or a range is reported; ``spans`` are ``(start, end, role)``
    of the counts used (offsets shifted by the ``offset`` given to :func:`count_fatalities`);
    ``vague`` is true when the only cue was a vague word ("several", "dozens").
    """

    killed: int | None = None
    low: int | None = None
    high: int | None = None
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    wounded: int | None = None
    captured: int | None = None
    vague: bool = False


# ---------------------------------------------------------------------------------------
# vocabulary


PhraseTable = dict[str, list[tuple[tuple[str, ...], str]]]


@dataclass(frozen=True, slots=True)
class _Lexicon:
    verbs: PhraseTable  # transitive verb before its object -> role
    weak_verbs: PhraseTable  # same, but only with a person object
    of_phrases: PhraseTable  # "death of" -> role
    tolls: PhraseTable  # "death toll" -> role
    revisions: PhraseTable  # "the number" (was updated to …): the role of the count before
    predicates: PhraseTable  # after the subject -> role
    head_roles: dict[str, str]  # "deaths" -> killed
    strong_heads: frozenset[str]
    role_words: frozenset[str]  # any single word of a role phrase (ends a noun phrase)
    combine: dict[tuple[str, str], str]
    left_skip: frozenset[str]
    right_skip: PhraseTable
    passive_followers: frozenset[str]
    coordinators: frozenset[tuple[str, ...]]
    subset_cues: PhraseTable
    restating: PhraseTable
    alternative: tuple[re.Pattern[str], ...]
    tally: re.Pattern[str]
    sum_cue: re.Pattern[str]
    zero: dict[str, tuple[re.Pattern[str], ...]]
    person_singular: frozenset[str]
    person_plural: frozenset[str]
    collective: frozenset[str]
    titles: frozenset[str]
    nonhuman: frozenset[str]
    collective_of: frozenset[str]
    cues: frozenset[str]  # role words: a sentence without any reports no count
    mention_starts: frozenset[str]  # words a counted phrase can start with (besides digits)


# Words of multi-word role phrases too common to signal a count on their own.
_NOT_CUES = wordset(
    "of the to in a an number were was their his her its as those people soldiers civilians "
    "fighters militants confirmed found rose reached battle into at for war down went gave "
    "fell action seriously severely critically lightly burned burnt beaten stabbed taken "
    "take took taking held holding figures figure who remained life lives and or among shot "
    "with"
)
_WORDS = re.compile(r"[a-z]+")
_ZERO_WORDS = wordset("no none nobody without zero bloodless bloodlessly casualty nil")


def _toks(s: object) -> tuple[str, ...]:
    return tuple(t.low for t in tokenize(str(s).lower()))


def _table(entries: dict[str, list]) -> PhraseTable:
    """Phrases keyed by their first token, longest first (``{role: [phrase, …]}`` in)."""
    table: PhraseTable = defaultdict(list)
    for role, phrases in entries.items():
        for p in phrases:
            t = _toks(p)
            if t:
                table[t[0]].append((t, role))
    for v in table.values():
        v.sort(key=lambda e: -len(e[0]))
    return dict(table)


def _last_key(table: PhraseTable) -> PhraseTable:
    """The same phrases keyed by their *last* token, for matching leftwards."""
    out: PhraseTable = defaultdict(list)
    for entries in table.values():
        for t, role in entries:
            out[t[-1]].append((t, role))
    for v in out.values():
        v.sort(key=lambda e: -len(e[0]))
    return dict(out)


def _plural(word: str) -> str:
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


@cached
def lexicon() -> _Lexicon:
    """``casualties.yaml`` compiled to token lookups and regexes (once per process)."""
    d = load_yaml("casualties.yaml")
    roles = d["roles"]

    def per_role(key: str) -> dict[str, list]:
        return {r: list(roles[r].get(key) or []) for r in ROLES}

    head_roles: dict[str, str] = {}
    for r in ROLES:
        for w in roles[r].get("head_nouns") or []:
            head_roles.setdefault(_toks(w)[-1], r)
    strong = frozenset(w for w, r in head_roles.items() if r in ("killed", "mixed", "wounded"))
    role_words = {
        w
        for r in ROLES
        for k in ("verbs", "weak_verbs", "predicates")
        for p in roles[r].get(k) or []
        for w in _toks(p)[:1]
    }
    combine = {}
    for k, v in d["combine"].items():
        a, b = k.split("+")
        combine[(a, b)] = v
    pn = d["person_nouns"]
    singular = {str(w).lower() for w in pn["singular"]}
    irregular = {str(k).lower(): str(v).lower() for k, v in pn["irregular"].items()}
    plural = {irregular.get(w, _plural(w)) for w in singular}
    plural |= {str(w).lower() for w in pn["plural_only"]} | set(irregular.values())
    singular -= {v for k, v in irregular.items() if k != v}
    zero = {r: tuple(re.compile(p) for p in pats) for r, pats in d["zero"].items()}
    cues: set[str] = {"casualties", "casualty", "bloodless", "bloodlessly", "lives", "life"}
    for r in ROLES:
        for k in ("verbs", "weak_verbs", "predicates", "head_nouns", "of_phrases", "toll_phrases"):
            if r == "captured" and k == "weak_verbs":
                continue  # "took", "held", "seized": too common, and only a side count
            for p in roles[r].get(k) or []:
                t = _toks(p)
                cues.update(t if len(t) == 1 else (w for w in t if w not in _NOT_CUES))
    return _Lexicon(
        verbs=_last_key(_table(per_role("verbs"))),
        weak_verbs=_last_key(_table(per_role("weak_verbs"))),
        of_phrases=_last_key(_table(per_role("of_phrases"))),
        tolls=_last_key(_table(per_role("toll_phrases"))),
        revisions=_last_key(_table({"same": d["revision_phrases"]})),
        predicates=_table(per_role("predicates")),
        head_roles=head_roles,
        strong_heads=strong,
        role_words=frozenset(role_words - singular - plural),
        combine=combine,
        left_skip=frozenset(str(w).lower() for w in d["left_skip"]),
        right_skip=_table({"skip": d["right_skip"]}),
        passive_followers=frozenset(str(w).lower() for w in d["passive_followers"]),
        coordinators=frozenset(tuple(str(x).lower() for x in c) for c in d["coordinators"]),
        subset_cues=_last_key(_table({"subset": [" ".join(c) for c in d["subset_cues"]]})),
        restating=_table({"restate": d["restating"]}),
        alternative=tuple(re.compile(p) for p in d["alternative_cues"]),
        tally=re.compile("|".join(f"(?:{p})" for p in d["tally_cues"])),
        sum_cue=re.compile("|".join(f"(?:{p})" for p in d["sum_cues"])),
        zero=zero,
        person_singular=frozenset(singular),
        person_plural=frozenset(plural),
        collective=frozenset(str(w).lower() for w in pn["collective"]),
        titles=frozenset(str(w).lower() for w in d["titles"]),
        nonhuman=frozenset(str(w).lower() for w in d["nonhuman_nouns"]),
        collective_of=frozenset(str(w).lower() for w in d["collective_of"]),
        cues=frozenset(w for w in cues if w.isalpha()),
        mention_starts=frozenset(
            numbers_vocab().starters
            | _DETS
            | set(singular)
            | plural
            | {str(w).lower() for w in d["titles"]}
        ),
    )


def _at(tokens: list[Token], i: int, table: PhraseTable) -> tuple[int, str] | None:
    """Longest phrase of ``table`` starting at token ``i``: ``(length, role)``."""
    if i >= len(tokens):
        return None
    for phrase, role in table.get(tokens[i].low, ()):
        n = len(phrase)
        if i + n <= len(tokens) and all(tokens[i + k].low == phrase[k] for k in range(n)):
            return n, role
    return None


def _ending(tokens: list[Token], k: int, table: PhraseTable) -> tuple[int, str] | None:
    """Longest phrase of a last-token-keyed ``table`` ending at token ``k``."""
    if k < 0:
        return None
    for phrase, role in table.get(tokens[k].low, ()):
        n = len(phrase)
        s = k - n + 1
        if s >= 0 and all(tokens[s + m].low == phrase[m] for m in range(n)):
            return n, role
    return None


# ---------------------------------------------------------------------------------------
# counted phrases


@dataclass(slots=True)
class _Mention:
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


@dataclass(slots=True)
class _NP:
    end: int
    head: str
    head_role: str | None
    singular: bool
    restated: Quantity | None


def _word_kind(w: str, lx: _Lexicon) -> tuple[str, str | None, bool] | None:
    """(person|nonhuman, role of the noun, singular) for a noun the lexicon knows."""
    w = w.removesuffix("'s")
    role = lx.head_roles.get(w)
    if w in lx.person_singular:
        return "person", role, w not in lx.collective
    if w in lx.person_plural or w in _HEAD_PRONOUNS:
        return "person", role, False
    if role is not None:
        return "person", role, False
    if w in lx.nonhuman:
        return "nonhuman", None, False
    return None


def _scan_np(tokens: list[Token], k: int, text: str, lx: _Lexicon) -> _NP:
    """The noun phrase after a count, from token ``k``: where it ends and what its head is."""
    n = len(tokens)
    head, head_role, singular = "none", None, False
    part_role: str | None = None  # from a participle before the noun
    frozen = False  # inside a prepositional phrase: words no longer change the head
    restated: Quantity | None = None
    words = 0
    j = k
    while j < n and words < (_MAX_PP if frozen else _MAX_NP):
        t = tokens[j]
        w = t.low
        if w == "(":
            close = next((m for m in range(j + 1, min(n, j + 25)) if tokens[m].low == ")"), None)
            if close is None:
                break
            r = _at(tokens, j + 1, lx.restating)
            if r is not None:
                q = quantity_at(tokens, j + 1 + r[0], text)
                if q is not None and q.value is not None:
                    restated = q
            j = close + 1
            continue
        if w == "of":
            nxt = tokens[j + 1].low if j + 1 < n else ""
            if nxt in _PARTITIVE:
                if head == "none":
                    head = "person"
                j += 2
                words += 2
                frozen = True
                continue
            if head != "none":
                frozen = True  # "a member of the SDF": the head came before "of"
            # else "20 of his men": the head comes after "of"
            j += 1
            words += 1
            continue
        if w in _NP_PREPS or w == "to" and j > k and tokens[j - 1].low in _TO_AFTER:
            if head == "none" and not frozen:
                break
            frozen = True
            j += 1
            words += 1
            continue
        acronym = len(w) > 1 and t.text.isupper()  # "IS fighters", "US troops"
        inside = frozen and w in ("both", "all")  # "500 fighters on both sides"
        if not acronym and not inside and (w in _NP_STOP or w in lx.role_words and j > k):
            break
        if w == "." and j > k and len(tokens[j - 1].text) == 1 and tokens[j - 1].text.isupper():
            j += 1  # "U.S."
            continue
        if not (w[0].isalnum() or w in _NP_INNER_MARKS):
            break
        compound = j + 2 < n and tokens[j + 1].low == "-" and tokens[j + 1].start == t.end
        if (w[0].isdigit() or w in UNITS or w in TENS) and not compound:  # not "21-year-old"
            prev = tokens[j - 1] if j > k else None
            if prev is None or not (
                prev.low in ("the", "his", "its", "their", "of")
                or (frozen and prev.text[0].isupper())
            ):
                break  # a new count begins (not "3 of 6", "of the five", "Group 28")
        if w in lx.role_words and not acronym:  # a participle: "sixty neutralized jihadists"
            nk = _word_kind(tokens[j + 1].low, lx) if j + 1 < n else None
            if nk is None or nk[0] != "person":
                break
            part_role = next((r for _, r in lx.predicates.get(w, ())), None)
            j += 1
            continue
        if not frozen:
            kind = _word_kind(w, lx)
            if kind is not None:
                head, role, singular = kind
                head_role = role or part_role
            elif w.isalpha():
                ahead = any(_word_kind(x.low, lx) is not None for x in tokens[j + 1 : j + 3])
                if head == "person" and t.text.islower() and not ahead:
                    if head_role is not None and not w.endswith(("ing", "ed")):
                        head, head_role = "unknown", part_role  # "death *row* inmates"
                    elif w.endswith("ing"):
                        frozen = True  # "a student *studying* at X": a reduced relative
                    else:
                        break  # the phrase ended at its noun: "2,000 adults *answered* …"
                else:
                    head, head_role = "unknown", part_role
        j += 1
        if w not in _NP_INNER_MARKS:
            words += 1
    return _NP(j, head, head_role, singular, restated)


def _title_end(tokens: list[Token], i: int, lx: _Lexicon, named: bool = False) -> int | None:
    """End of "General Mozid Salama" / "Lt. Col. X" starting at token ``i``, else ``None``.

    With ``named``, token ``i`` already starts the name (the rank or noun came before).
    """
    n = len(tokens)
    j = i
    while (
        not named
        and j < n
        and tokens[j].low in lx.titles
        and (
            tokens[j].text[0].isupper()
            or (j + 1 < n and tokens[j + 1].text[0].isupper() and tokens[j + 1].text[0].isalpha())
        )
    ):
        j += 1  # "General", "Lt. Col.", or "commander Abd al-Rahman" (lower-case rank)
        if j < n and tokens[j].low == ".":
            j += 1
    if j == i and not named:
        return None
    start_name = j
    while j < n and (
        tokens[j].text[0].isupper()
        and tokens[j].text[0].isalpha()
        or (
            tokens[j].low in ("-", "al", "el", "bin", "ibn", "abu", "de", "ag", "ould", "'")
            and j > start_name
        )
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
    if j + 1 < n and tokens[j].low in ("of", "from"):  # "General X of the Revolutionary Guards"
        m = j + 1
        while (
            m < n
            and m < j + 9
            and (tokens[m].low in ("the", "-", "'s") or tokens[m].text[0].isupper())
        ):
            m += 1
        if m > j + 1 and tokens[m - 1].text[0].isupper():
            j = m
    return j


def _mentions(tokens: list[Token], text: str, lx: _Lexicon) -> list[_Mention]:
    """Counted phrases, left to right, not overlapping."""
    out: list[_Mention] = []
    n = len(tokens)
    next_person = [n] * (n + 1)  # index of the next singular person noun at or after i
    for i in range(n - 1, -1, -1):
        next_person[i] = i if tokens[i].low in lx.person_singular else next_person[i + 1]
    starts = lx.mention_starts
    p = 0
    while p < n:
        w = tokens[p].low
        m = (
            _mention_at(tokens, p, text, lx, next_person)
            if (w in starts or w[0].isdigit())
            else None
        )
        if m is None:
            p += 1
            continue
        out.append(m)
        p = max(m.j, p + 1)
    return out


def _mention_at(
    tokens: list[Token], p: int, text: str, lx: _Lexicon, next_person: list[int]
) -> _Mention | None:
    w = tokens[p].low
    n = len(tokens)
    q = quantity_at(tokens, p, text)
    if q is not None and q.qualifier != "range" and q.i > 0 and tokens[q.i - 1].low == "from":
        return None  # "rose to 77 from 63": the old figure
    if q is not None:
        np_ = _scan_np(tokens, q.j, text, lx)
        if np_.head == "nonhuman":
            return None
        if q.year_like and (
            np_.head != "person"
            or np_.singular
            or q.i > 0
            and (tokens[q.i - 1].low in _BEFORE_YEAR)
        ):
            return None  # "in 2013", "the fall of 2013 Iranian General …"
        if q.vague or q.qualifier == "vague" or not _is_numeric(tokens[q.j - 1].low):
            accept = (
                np_.head == "person"
                or np_.head_role is not None
                or (np_.head == "none" or q.value is not None and np_.head == "unknown")
            )
            if not accept:
                return None
        if np_.restated is not None:
            r = np_.restated
            return _Mention(
                q.i,
                np_.end,
                r.i,
                r.j,
                r.value,
                r.low,
                r.high,
                False,
                np_.head,
                np_.head_role,
                "number",
            )
        return _Mention(
            q.i,
            np_.end,
            q.i,
            q.j,
            q.value,
            q.low,
            q.high,
            q.vague,
            np_.head,
            np_.head_role,
            "vague" if q.vague else "number",
            additional=q.qualifier == "additional",
        )
    if (
        w in _DETS
        and p + 2 < n
        and tokens[p + 1].low in lx.collective_of
        and (tokens[p + 2].low == "of")
    ):
        q = quantity_at(tokens, p + 3, text)  # "a family of four", "a group of 20 soldiers"
        if q is not None and q.value is not None:
            np_ = _scan_np(tokens, q.j, text, lx)
            if np_.head != "nonhuman":
                return _Mention(
                    p,
                    np_.end,
                    q.i,
                    q.j,
                    q.value,
                    q.low,
                    q.high,
                    q.vague,
                    "person",
                    np_.head_role,
                    "number",
                )
    if w in _DETS and w != "one":
        if next_person[p + 1] > p + 1 + _MAX_NP:
            return None  # no person noun near: not "a member of the SDF"
        np_ = _scan_np(tokens, p + 1, text, lx)
        if np_.head == "person" and np_.singular and np_.head_role is None:
            return _Mention(p, np_.end, p, np_.end, 1, None, None, False, "person", None, "article")
        return None
    end = _title_end(tokens, p, lx)
    if end is not None:
        return _Mention(p, end, p, end, 1, None, None, False, "person", None, "title")
    if (
        w in lx.person_singular
        and w not in lx.collective
        and tokens[p].text.islower()
        and (
            p + 2 < n
            and all(x.text[0].isupper() and x.text[0].isalpha() for x in tokens[p + 1 : p + 3])
        )
    ):
        end = _title_end(tokens, p + 1, lx, named=True)  # "journalist Brent Renaud"
        if end is not None:
            return _Mention(p, end, p, end, 1, None, None, False, "person", None, "title")
    if p > 0 and tokens[p - 1].low in ("and", ","):
        if w in lx.person_singular and w not in lx.collective:  # "a lieutenant and soldier"
            np_ = _scan_np(tokens, p, text, lx)
            return _Mention(p, np_.end, p, np_.end, 1, None, None, False, "person", None, "bare")
        if w in lx.person_plural:  # "150 soldiers and policemen": adds no number
            np_ = _scan_np(tokens, p, text, lx)
            return _Mention(p, np_.end, p, p, None, None, None, False, "person", None, "bare")
    return None


def _is_numeric(w: str) -> bool:
    return (
        w[0].isdigit()
        or w in UNITS
        or w in TENS
        or w in ("hundred", "thousand", "million", "dozen", "+", "more", "so", "plus", "odd")
    )


# ---------------------------------------------------------------------------------------
# groups and roles


@dataclass(slots=True)
class _Group:
    members: list[_Mention]
    role: str | None = None
    pred_end: int = -1  # token index past the predicate that gave the role

    @property
    def i(self) -> int:
        return self.members[0].i

    @property
    def j(self) -> int:
        return self.members[-1].j


def _in_parens(tokens: list[Token], i: int) -> bool:
    depth = 0
    for t in tokens[:i]:
        if t.low == "(":
            depth += 1
        elif t.low == ")" and depth:
            depth -= 1
    return depth > 0


def _mark_subsets(tokens: list[Token], mentions: list[_Mention], lx: _Lexicon) -> None:
    for m in mentions:
        k = m.i - 1
        while k >= 0 and tokens[k].low in (",", "(", ":"):
            k -= 1
        if _ending(tokens, k, lx.subset_cues) is not None or _in_parens(tokens, m.i):
            m.subset = True


def _groups(tokens: list[Token], mentions: list[_Mention], lx: _Lexicon) -> list[_Group]:
    """Join coordinated phrases ("a lieutenant and soldier"); a list joined only by commas
    is split again (appositions: "the head of X, General Y, …")."""
    groups: list[_Group] = []
    links: list[list[tuple[str, ...]]] = []
    for m in mentions:
        last = groups[-1].members[-1] if groups else None
        gap = tuple(t.low for t in tokens[groups[-1].j : m.i]) if groups else ()
        if last is not None and gap in lx.coordinators:
            if last.subset and not m.subset:
                m.subset = True  # "including 42 children, 25 women and 136 men": all part
                groups[-1].members.append(m)
                links[-1].append((",",))
                continue
            if m.subset == last.subset and (
                m.head_role == last.head_role or not (m.head_role and last.head_role)
            ):
                groups[-1].members.append(m)  # not "800 fatalities and 3,000 injuries"
                links[-1].append(gap)
                continue
        if m.kind == "bare":
            continue
        groups.append(_Group([m]))
        links.append([])
    out: list[_Group] = []
    for g, ls in zip(groups, links, strict=True):
        if ls and all(x == (",",) for x in ls):
            out.extend(_Group([m]) for m in g.members if m.kind != "bare")
        else:
            out.append(g)
    return out


def _combine(a: str, b: str, lx: _Lexicon) -> str:
    if a == b:
        return a
    return lx.combine.get((a, b)) or lx.combine.get((b, a)) or a


def _left_role(tokens: list[Token], g: _Group, lx: _Lexicon) -> str | None:
    """The role a verb or noun before the group gives it ("killing five", "death of a")."""
    k = g.i - 1
    while k >= 0 and tokens[k].low in lx.left_skip:
        k -= 1
    if g.members[0].kind == "title":  # "the killing of *Iranian* General Qasem Soleimani"
        for _ in range(2):
            if k > 0 and tokens[k].text[0].isupper() and tokens[k].low not in lx.titles:
                k -= 1
    if k < 0:
        return None
    person = any(m.head == "person" for m in g.members)
    hit = _ending(tokens, k, lx.of_phrases)
    if hit is not None:
        n, role = hit
        weak_noun = tokens[k - n + 1].low in ("loss", "losses")  # "the loss of 3 tanks"
        return role if person or not weak_noun else None
    hit = _ending(tokens, k, lx.verbs)
    weak = False
    if hit is None:
        hit = _ending(tokens, k, lx.weak_verbs)
        weak = True
    if hit is not None:
        n, role = hit
        s = k - n + 1
        if weak and not person:
            return None
        if s > 0 and tokens[s - 1].low in _BE:
            return None  # passive: "were killed 5 km away"
        b = s - 1
        if b > 0 and tokens[b].low in ("and", "or", "/", ","):
            prev = _ending(tokens, b - 1, lx.verbs) or _ending(tokens, b - 1, lx.weak_verbs)
            if prev is not None:
                role = _combine(prev[1], role, lx)
        return role
    return None


def _toll_role(tokens: list[Token], g: _Group, lx: _Lexicon) -> str | None:
    """ "the death toll rose to 200", "the number of rebels and civilians killed reached 100".

    Walks left from the count over link words ("was later updated to") and a few others, to a
    toll phrase (``toll_phrases``) or to "number of" with role words after it.
    """
    k = g.i - 1
    linked = False
    roles: list[str] = []
    other = 0
    for _ in range(16):
        if k < 0:
            return None
        w = tokens[k].low
        hit = _ending(tokens, k, lx.tolls)
        if hit is not None and (linked or w == "toll"):
            return hit[1]
        if (
            w == "number"
            and k + 1 < len(tokens)
            and tokens[k + 1].low == "of"
            and roles
            and (linked)
        ):
            role = roles[-1]
            for r in reversed(roles[:-1]):
                role = _combine(role, r, lx)
            return role
        word_role = lx.head_roles.get(w) or next(
            (r for ph, r in lx.predicates.get(w, ()) if len(ph) == 1), None
        )
        if w[0].isdigit() and not (k > 0 and tokens[k - 1].text[0].isupper()):
            return None  # another count lies between ("… to 105, while another 140 …")
        if w in _TOLL_LINKS and not roles:
            linked = True
        elif word_role is not None:
            roles.append(word_role)
        elif w[0].isalnum() and other < 8:
            other += 1
        else:
            return None
        k -= 1
    return None


def _right_role(
    tokens: list[Token], g: _Group, lx: _Lexicon, covered: frozenset[int] = frozenset()
) -> tuple[str | None, int]:
    """The role a predicate after the group gives it ("were also killed", "dead")."""
    n = len(tokens)
    k = _skip_right(tokens, g.j, lx, covered)
    hit = _at(tokens, k, lx.predicates)
    if hit is None:
        return None, -1
    length, role = hit
    end = k + length
    if end < n and tokens[k].low in lx.role_words and _starts_object(tokens, end, lx):
        return None, -1  # "5 soldiers killed 3 rebels": the group is the agent
    while True:
        c = end
        if c < n and tokens[c].low in ("and", "or", "/"):
            c2 = _skip_right(tokens, c + 1, lx)
            nxt = _at(tokens, c2, lx.predicates)
            if nxt is not None and not _starts_object(tokens, c2 + nxt[0], lx):
                role = _combine(role, nxt[1], lx)
                end = c2 + nxt[0]
                continue
        break
    return role, end


def _skip_right(
    tokens: list[Token], k: int, lx: _Lexicon, covered: frozenset[int] = frozenset()
) -> int:
    """Past auxiliaries, adverbs and asides between a subject and its predicate."""
    n = len(tokens)
    while k < n:
        if tokens[k].low == "," and k + 1 < n:
            nxt = tokens[k + 1].low
            if (
                nxt in _BE
                or nxt in ("who", "which", "had", "have", "has")
                or (_at(tokens, k + 1, lx.predicates) is not None)
            ):
                k += 1  # "…, were killed" / "…, who was killed" / "Dr X, killed in 1978"
                continue
            close = next((m for m in range(k + 1, min(n, k + 16)) if tokens[m].low == ","), None)
            if close is None:
                return k
            inner = range(k + 1, close)
            if any(_ending(tokens, m, lx.subset_cues) for m in inner):
                k = close + 1  # ", including 15 soldiers," / ", 13 of them under one year,"
                continue
            after = tokens[close + 1].low if close + 1 < n else ""
            if (after in _BE or after in ("had", "has", "have")) and not any(
                m in covered or tokens[m].low in lx.role_words for m in inner
            ):
                k = close + 1  # an aside: "X, commander of the 150th Division, was killed"
                continue
            return k
        hit = _at(tokens, k, lx.right_skip)
        if hit is None:
            return k
        k += hit[0]
    return k


def _starts_object(tokens: list[Token], k: int, lx: _Lexicon) -> bool:
    """Does a noun phrase (an object) start at ``k``? Then the verb before it is active."""
    if k >= len(tokens):
        return False
    w = tokens[k].low
    if w in lx.passive_followers:
        return False
    return bool(
        w[0].isdigit()
        or w in UNITS
        or w in TENS
        or w in _DETS
        or (_word_kind(w, lx) is not None)
        or tokens[k].text[0].isupper()
        or (quantity_at(tokens, k) is not None)
    )


def _assign_roles(tokens: list[Token], groups: list[_Group], lx: _Lexicon) -> None:
    covered = frozenset(
        k for g in groups for m in g.members if m.kind != "bare" for k in range(m.i, m.j)
    )
    for g in groups:
        strong = next(
            (m.head_role for m in g.members if m.head_role is not None and _strong(m, lx, tokens)),
            None,
        )
        if strong is not None:
            g.members = [m for m in g.members if m.head_role == strong]
            g.role = strong
            continue
        role = _left_role(tokens, g, lx)
        if role is None:
            role, g.pred_end = _right_role(tokens, g, lx, covered)
        if role is None:
            role = _toll_role(tokens, g, lx)
        if role is None:
            role = next((m.head_role for m in g.members if m.head_role), None)
            if role is not None:  # only the phrase whose noun says it: "41 … hostage"
                g.members = [m for m in g.members if m.head_role == role]
        if role is None and _is_revision(tokens, g, lx):
            role = next((x.role for x in reversed(groups[: groups.index(g)]) if x.role), None)
        g.role = role


def _is_revision(tokens: list[Token], g: _Group, lx: _Lexicon) -> bool:
    """ "…; the number was later updated to 200": a new figure for the count before it."""
    k = g.i - 1
    linked = False
    while k >= 0 and tokens[k].low in _TOLL_LINKS:
        linked = True
        k -= 1
    return linked and _ending(tokens, k, lx.revisions) is not None


def _strong(m: _Mention, lx: _Lexicon, tokens: list[Token]) -> bool:
    return any(t.low.removesuffix("'s") in lx.strong_heads for t in tokens[m.i : m.j]) and (
        m.head_role in ("killed", "mixed", "wounded")
    )


# ---------------------------------------------------------------------------------------
# totals


@dataclass(slots=True)
class _Total:
    value: int | None = None
    low: int | None = None
    high: int | None = None
    vague: bool = False
    spans: list[tuple[int, int]] = field(default_factory=list)


def _group_total(g: _Group) -> tuple[int | None, int | None, int | None, bool]:
    """Sum of a group's counts: (value, low, high, only-vague). Vague words add nothing."""
    value = low = high = 0
    counted = False
    only_vague = True
    for m in g.members:
        if m.count is None:
            continue
        counted = True
        only_vague = only_vague and m.vague
        value += m.count
        low += m.low if m.low is not None else m.count
        high += m.high if m.high is not None else m.count
    if not counted:
        return None, None, None, any(m.vague for m in g.members)
    return value, low, high, only_vague


def _total(tokens: list[Token], text: str, groups: list[_Group], lx: _Lexicon) -> _Total:
    """Add the groups of one role; a revising or conflicting figure opens an alternative."""
    segments: list[list[_Group]] = []
    for g in groups:
        if segments and _is_alternative(tokens, text, segments[-1][-1], g, lx):
            segments.append([g])
        elif segments:
            segments[-1].append(g)
        else:
            segments.append([g])
    totals: list[tuple[int, int, int, bool]] = []
    any_vague = False
    spans: list[tuple[int, int]] = []
    for seg in segments:
        v = lo = hi = 0
        counted = False
        only_vague = True
        for g in seg:
            gv, gl, gh, gvague = _group_total(g)
            for m in g.members:
                if m.count is not None or m.vague:
                    spans.append((tokens[m.ci].start, tokens[m.cj - 1].end))
            if gv is None:
                any_vague = any_vague or gvague
                continue
            counted = True
            only_vague = only_vague and gvague
            v, lo, hi = v + gv, lo + (gl or 0), hi + (gh or 0)
        if counted:
            totals.append((v, lo, hi, only_vague))
    if not totals:
        return _Total(vague=any_vague, spans=spans)
    best = min(totals, key=lambda t: t[0])
    low = min(t[1] for t in totals)
    high = max(t[2] for t in totals)
    ranged = len(totals) > 1 or low != high
    return _Total(
        best[0], low if ranged else None, high if ranged else None, all(t[3] for t in totals), spans
    )


def _is_alternative(tokens: list[Token], text: str, a: _Group, b: _Group, lx: _Lexicon) -> bool:
    """Does ``b`` revise or contradict ``a`` (rather than add more dead)?"""
    if any(m.additional for m in b.members):
        return False
    gap_start = max(a.j, a.pred_end)
    between = text[tokens[gap_start - 1].end : tokens[b.i].start].lower() if gap_start else ""
    near_b = text[tokens[max(0, b.i - 3)].start : tokens[max(b.j, b.pred_end) - 1].end].lower()
    if lx.sum_cue.search(near_b):
        return False
    return any(p.search(between) for p in lx.alternative)


def _zero(low_text: str, role: str, lx: _Lexicon) -> tuple[int, int] | None:
    for p in lx.zero.get(role, ()):
        m = p.search(low_text)
        if m:
            return m.start(), m.end()
    return None


def count_fatalities(text: str, offset: int = 0) -> Fatalities:
    """Killed, wounded and captured counts reported in ``text`` (one sentence or clause).

    ``offset`` is added to every span, so callers can pass the sentence's position in the
    document and highlight the evidence directly.
    """
    lx = lexicon()
    low_text = text.lower()
    words = set(_WORDS.findall(low_text))
    if lx.cues.isdisjoint(words):
        return Fatalities()
    tokens = tokenize(text)
    mentions = _mentions(tokens, text, lx)
    _mark_subsets(tokens, mentions, lx)
    groups = _groups(tokens, mentions, lx)
    _assign_roles(tokens, groups, lx)
    main = [g for g in groups if not g.members[0].subset]
    by_role: dict[str, list[_Group]] = defaultdict(list)
    for g in main:
        if g.role is None:
            continue
        same = by_role[g.role]
        if same and lx.tally.search(low_text, tokens[same[-1].j - 1].end, tokens[g.i].start):
            continue  # a running tally after a count: "…, while since the start, 346 …"
        same.append(g)
    for g in groups:  # "40 captured, of whom 5 were executed": a subset with its own role
        if g.members[0].subset and g.role is not None and g.role not in by_role:
            by_role[g.role].append(g)
    result = Fatalities()
    for role in ROLES:
        total = _total(tokens, text, by_role.get(role, []), lx)
        result.spans.extend((s + offset, e + offset, role) for s, e in total.spans)
        if role == "killed":
            result.killed, result.low, result.high = total.value, total.low, total.high
            result.vague = total.vague
        elif role == "wounded":
            result.wounded = total.value
        elif role == "captured":
            result.captured = total.value
        elif role == "mixed" and result.killed is None and total.spans:
            # "heavy losses", "killing and wounding dozens": a vague cue, no death count
            result.vague = result.vague or total.vague or total.value is None
    for role in ("killed", "wounded") if not _ZERO_WORDS.isdisjoint(words) else ():
        if getattr(result, role) is None:
            z = _zero(low_text, role, lx)
            if z is not None:
                setattr(result, role, 0)
                result.spans.append((z[0] + offset, z[1] + offset, "zero"))
                if role == "killed":
                    result.vague = False
    result.spans = sorted(set(result.spans))
    return result
