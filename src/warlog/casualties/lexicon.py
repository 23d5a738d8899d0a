"""The casualty lexicon (``data/casualties.yaml``) compiled to token lookups and regexes.

Roles, head nouns, predicates and cue patterns are domain data; the ranks that make
"General X" one person are the language's (``lang/<language>/titles.yaml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from warlog import lang
from warlog.casualties.quantities import vocab as quantity_vocab
from warlog.casualties.tokens import PhraseTable, last_key, phrase, phrase_table
from warlog.casualties.words import words
from warlog.data import cached, load_yaml

ROLES = ("killed", "wounded", "captured", "missing", "mixed")


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: PhraseTable[str]  # transitive verb before its object -> role
    weak_verbs: PhraseTable[str]  # same, but only with a person object
    of_phrases: PhraseTable[str]  # "death of" -> role
    tolls: PhraseTable[str]  # "death toll" -> role
    revisions: PhraseTable[str]  # "the number" (was updated to …): the role of the count before
    predicates: PhraseTable[str]  # after the subject -> role
    head_roles: dict[str, str]  # "deaths" -> killed
    strong_heads: frozenset[str]
    role_words: frozenset[str]  # any single word of a role phrase (ends a noun phrase)
    combine: dict[tuple[str, str], str]
    left_skip: frozenset[str]
    right_skip: PhraseTable[str]
    passive_followers: frozenset[str]
    coordinators: frozenset[tuple[str, ...]]
    subset_cues: PhraseTable[str]
    toll_parts: PhraseTable[str]  # "(18) of the dead": part of a toll told elsewhere
    restating: PhraseTable[str]
    alternative: tuple[re.Pattern[str], ...]
    tally: re.Pattern[str]
    sum_cue: re.Pattern[str]
    zero: dict[str, tuple[re.Pattern[str], ...]]
    zero_words: frozenset[str]
    toll_links: frozenset[str]
    toll_heads: frozenset[str]  # "toll": a toll phrase ending in it needs no link word
    number_heads: frozenset[str]  # "number" (of rebels killed reached 100)
    weak_of_nouns: frozenset[str]
    person_singular: frozenset[str]
    person_plural: frozenset[str]
    collective: frozenset[str]
    titles: frozenset[str]
    nonhuman: frozenset[str]
    collective_of: frozenset[str]
    cues: frozenset[str]  # role words: a sentence without any reports no count
    mention_starts: frozenset[str]  # words a counted phrase can start with (besides digits)
    numeric_followers: frozenset[str]  # words that can end a count ("hundred", "+", "more")
    source_verbs: frozenset[str]  # "…, a war monitor said": the phrase before is a source
    single_victim: tuple[re.Pattern[str], ...]  # "the judge was murdered": one person killed
    named_victim: tuple[re.Pattern[str], ...]  # "shot dead Mamadou Bah" (on the cased text)
    single_victim_words: frozenset[str]  # each single_victim match holds one as a word
    named_victim_words: frozenset[str]  # ... and each named_victim match


def _table(entries: dict[str, list]) -> PhraseTable[str]:
    """Phrases keyed by their first token, longest first (``{role: [phrase, …]}`` in)."""
    return phrase_table((p, role) for role, phrases in entries.items() for p in phrases)


def _plural(word: str, rules: dict) -> str:
    """The regular plural of a noun, by the language's rules (``grammar.yaml`` ``plural``)."""
    if word.endswith(tuple(rules["es_after"])):
        return word + rules["es"]
    y = rules["y_after_consonant"]
    if word.endswith(y) and word[-len(y) - 1 : -len(y)] not in rules["vowels"]:
        return word[: -len(y)] + rules["ies"]
    return word + rules["s"]


def _lower(items: object) -> frozenset[str]:
    return frozenset(str(w).lower() for w in items or [])  # type: ignore[attr-defined]


def _person_nouns(pn: dict) -> tuple[set[str], set[str]]:
    singular = {str(w).lower() for w in pn["singular"]}
    irregular = {str(k).lower(): str(v).lower() for k, v in pn["irregular"].items()}
    rules = lang.words("grammar")["plural"]
    plural = {irregular.get(w, _plural(w, rules)) for w in singular}
    plural |= {str(w).lower() for w in pn["plural_only"]} | set(irregular.values())
    singular -= {v for k, v in irregular.items() if k != v}
    return singular, plural


def _cues(d: dict, roles: dict) -> frozenset[str]:
    weak = _lower(d["weak_cue_words"])
    cues: set[str] = set(_lower(d["cue_words"]))
    for r in ROLES:
        for k in ("verbs", "weak_verbs", "predicates", "head_nouns", "of_phrases", "toll_phrases"):
            if r == "captured" and k == "weak_verbs":
                continue  # "took", "held", "seized": too common, and only a side count
            for p in roles[r].get(k) or []:
                t = phrase(p)
                cues.update(t if len(t) == 1 else (w for w in t if w not in weak))
    return frozenset(w for w in cues if w.isalpha())


@cached
def lexicon() -> Lexicon:
    """``casualties.yaml`` compiled to token lookups and regexes (once per settings)."""
    d = load_yaml("casualties.yaml")
    roles = d["roles"]

    def per_role(key: str) -> dict[str, list]:
        return {r: list(roles[r].get(key) or []) for r in ROLES}

    head_roles: dict[str, str] = {}
    for r in ROLES:
        for w in roles[r].get("head_nouns") or []:
            head_roles.setdefault(phrase(w)[-1], r)
    strong = frozenset(w for w, r in head_roles.items() if r in ("killed", "mixed", "wounded"))
    role_words = {
        w
        for r in ROLES
        for k in ("verbs", "weak_verbs", "predicates")
        for p in roles[r].get(k) or []
        for w in phrase(p)[:1]
    }
    combine = {}
    for k, v in d["combine"].items():
        a, b = k.split("+")
        combine[(a, b)] = v
    pn = d["person_nouns"]
    singular, plural = _person_nouns(pn)
    t = lang.words("titles")
    titles = _lower([*t["titles"], *t["ranks"]])
    trailing = quantity_vocab().trailing_words
    return Lexicon(
        verbs=last_key(_table(per_role("verbs"))),
        weak_verbs=last_key(_table(per_role("weak_verbs"))),
        of_phrases=last_key(_table(per_role("of_phrases"))),
        tolls=last_key(_table(per_role("toll_phrases"))),
        revisions=last_key(_table({"same": d["revision_phrases"]})),
        predicates=_table({r: ps + per_role("object_predicates")[r]
                           for r, ps in per_role("predicates").items()}),
        head_roles=head_roles,
        strong_heads=strong,
        role_words=frozenset(role_words - singular - plural),
        combine=combine,
        left_skip=_lower(d["left_skip"]),
        right_skip=_table({"skip": d["right_skip"]}),
        passive_followers=_lower(d["passive_followers"]),
        coordinators=frozenset(tuple(str(x).lower() for x in c) for c in d["coordinators"]),
        subset_cues=last_key(_table({"subset": [" ".join(c) for c in d["subset_cues"]]})),
        toll_parts=_table({"part": [" ".join(c) for c in d["toll_parts"]]}),
        restating=_table({"restate": d["restating"]}),
        alternative=tuple(re.compile(p) for p in d["alternative_cues"]),
        tally=re.compile("|".join(f"(?:{p})" for p in d["tally_cues"])),
        sum_cue=re.compile("|".join(f"(?:{p})" for p in d["sum_cues"])),
        zero={r: tuple(re.compile(p) for p in pats) for r, pats in d["zero"].items()},
        zero_words=_lower(d["zero_words"]),
        toll_links=_lower(d["toll_links"]),
        toll_heads=_lower(d["toll_heads"]),
        number_heads=_lower(d["number_heads"]),
        weak_of_nouns=_lower(d["weak_of_nouns"]),
        person_singular=frozenset(singular),
        person_plural=frozenset(plural),
        collective=_lower(pn["collective"]),
        titles=titles,
        nonhuman=_lower(d["nonhuman_nouns"]),
        collective_of=_lower(d["collective_of"]),
        cues=_cues(d, roles),
        mention_starts=frozenset(
            quantity_vocab().starters | words().determiners | singular | plural | titles
        ),
        numeric_followers=frozenset(words().scales) | trailing,
        source_verbs=_lower(d["source_verbs"]),
        single_victim=tuple(re.compile(p) for p in d["single_victim"]),
        named_victim=tuple(re.compile(p) for p in d["named_victim"]),
        single_victim_words=_lower(d["single_victim_words"]),
        named_victim_words=_lower(d["named_victim_words"]),
    )
