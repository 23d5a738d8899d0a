"""The trigger lexicon (``data/triggers.yaml``) compiled once into an Aho–Corasick automaton."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from warlog import lang
from warlog.data import cached, load_yaml
from warlog.nlp.alternation import trie_alternation
from warlog.taxonomy import Taxonomy, TaxonomyError, taxonomy

IGNORED = "(ignored)"  # a phrase that holds a trigger word but reports nothing


@dataclass(frozen=True, slots=True)
class TriggerWord:
    phrase: str
    sub: str
    strength: float
    role: str  # capture | recapture | withdraw | other
    killing: bool
    weapon: bool = False  # a weapon's name: counts beside what it did or an act of fighting
    crowd: bool = False  # an act only when a crowd does it ("thousands marched"): crowd_subjects


@dataclass(frozen=True)
class Lexicon:
    automaton: ahocorasick.Automaton
    taxonomy: Taxonomy
    object_window: int
    # (from, objects, requires_trigger, to, window, absent): absent applies `to` when none
    # of the objects is there ("burned" with no property after it is no event)
    object_rules: tuple[tuple[frozenset[str], frozenset[str], frozenset[str], str | None, int,
                              bool], ...]
    object_is_agent: frozenset[str]
    reciprocal: frozenset[str]  # two parties told together are opponents
    partial_words: tuple[str, ...]
    partial_within: int
    partial_to: str  # the sub-event type of a partial gain ("captured parts of the base")
    civilian_victims: frozenset[str]
    modal_before_to: frozenset[str]
    modal_before_article: frozenset[str]
    modal_before_to_far: frozenset[str]  # "threatened … to attack": a few words between
    modal_before_to_far_within: int
    modal_to_light_verbs: frozenset[str]  # "threatened to unleash a wave of car bombings"
    modal_to_light_within: int
    # "to help the army retake": a purpose (helper verb after "to", a few words before)
    modal_purpose_verbs: frozenset[str]
    modal_purpose_within: int
    modal_purpose_stops: frozenset[str]
    denial_verbs: frozenset[str]  # "denied reports that …": what follows is denied
    denial_objects: frozenset[str]
    denial_window: int
    articles: frozenset[str]
    infinitive_marker: str
    past_auxiliaries: tuple[str, ...]
    past_participle_endings: tuple[str, ...]
    modal_before: tuple[str, ...]
    modal_auxiliaries: frozenset[str]
    tally_openers: tuple[str, ...]
    tally_phrases: tuple[str, ...]
    skip_sections: frozenset[str]
    clause_breaks: tuple[str, ...]
    object_asides: re.Pattern[str]  # ", which rebels had held since 1990": the object's past
    definition_verbs: tuple[str, ...]
    site_words: frozenset[str]
    subordinators: tuple[str, ...]
    continuation: re.Pattern[str]
    # the lists above as hash sets and trie-built patterns, so a sentence is checked in one
    # lookup or one regex pass rather than one ``in`` per phrase
    modal_words: frozenset[str]  # modal_before as a set (its one-word cues are looked up)
    modal_phrases: re.Pattern[str]  # the multi-word cues of modal_before, anywhere
    tally_any: re.Pattern[str]  # any tally phrase, anywhere
    tally_whole: re.Pattern[str]  # "killed during the war": the dead of a whole war
    tally_period: re.Pattern[str]  # "by the end of August", "by 2014": a period's end
    tally_deaths: re.Pattern[str]  # a death word (tally_whole's)
    tally_compared: re.Pattern[str]  # "the heaviest ... " right before a "since" phrase
    tally_apposed_heads: tuple[str, ...]  # "so far", "to date": compared only …
    tally_compared_apposed: re.Pattern[str]  # … by ", the biggest …" or "The worst …" first
    toll_riders: re.Pattern[str]  # ", bringing the death toll to": the toll of the act told
    toll_of_one: re.Pattern[str]  # "The death toll from Saturday's bombing": one act's dead
    weapon_acts: re.Pattern[str]  # what a weapon did ("hit", "landed"): weapon_acts
    # "freed 25 pupils abducted last week": a participle that tells how the people freed came
    # to be held (an earlier event), after a release verb within `release_within` words
    held_participles: frozenset[str]
    release_verbs: frozenset[str]
    release_within: int
    held_links: frozenset[str]  # "... and abducted ten more": a new act, not the earlier one
    held_media: frozenset[str]  # "released a video of captured soldiers": no people released
    # the support a force had ("backed by the continued US-led airstrikes", "with Russian air
    # support"): a strike or weapon there is how the act told was done, not an act of its own
    support_subs: frozenset[str]
    support_joiners: frozenset[tuple[str, ...]]  # word sequences, from grammar's list
    support_joiner_words: int  # the longest joiner's words
    list_links: frozenset[str]  # one-word coordinators of a list ("tanks, artillery and jets")
    support_openers: frozenset[str]  # "with", "under" ... before a support head
    support_heads: frozenset[str]  # "support", "cover"
    support_within: int
    support_gap_stops: frozenset[str]  # words that end the support's noun phrase

    def is_tally(self, low: str) -> bool:
        """A running total ("so far this year", "since January", "killed during the war")
        rather than one event; a
        toll phrase that rides on the act told before it (", bringing the death toll to 23",
        ", for a death toll of 23") is not one."""
        if self.toll_of_one.match(low):
            return False  # "The death toll from Saturday's truck bomb rose to 81": one act
        if low.startswith(self.tally_openers) or self.tally_whole.search(low):
            return True
        if self.tally_period.search(low) and self.tally_deaths.search(low):
            return True  # "By the end of August, 108 rebels were killed": tally_by_period
        riders = [r.span() for r in self.toll_riders.finditer(low)
                  if low[:r.start()].rstrip().endswith((",", " and"))]
        return any(not any(s <= m.start() < e for s, e in riders)
                   and not self._compared(low, m)
                   for m in self.tally_any.finditer(low))

    def _compared(self, low: str, m: re.Match[str]) -> bool:
        """The tally phrase ``m`` ends a comparison of one occurrence with the past: "the
        heaviest ... since"; "so far" and "to date" only in an apposition or at the sentence's
        opening (", the biggest gain of the war so far"; "The most serious fighting so far
        began on"), not "killing 300 in the most intense strikes so far" (a day's sum)."""
        start = max(0, m.start() - 80)
        if m.group().startswith("since"):
            return self.tally_compared.search(low, start, m.start()) is not None
        return (m.group().startswith(self.tally_apposed_heads)
                and self.tally_compared_apposed.search(low, start, m.start()) is not None)

    def type_of(self, sub: str) -> str:
        return self.taxonomy.type_of(sub)

    def rank(self, sub: str) -> int:
        return self.taxonomy.rank(sub)


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.lower().replace("\u2019", "'").replace("\u2013", "-"))


def _phrases(words: Iterable[object]) -> Iterable[str]:
    """A trigger list's phrases, a ``{weekday}`` in one written out as each of the language's
    weekdays ("agreed on {weekday} to exchange": wire copy's day between the verb and its
    infinitive); the names are the language's (``lang/<language>/calendar.yaml``), once."""
    for w in words:
        phrase = str(w)
        if "{weekday}" in phrase:
            yield from (phrase.replace("{weekday}", day) for day in lang.language().weekdays)
        else:
            yield phrase


@cached
def lexicon() -> Lexicon:
    data = load_yaml("triggers.yaml")
    tax = taxonomy()
    auto = ahocorasick.Automaton()
    seen: dict[str, TriggerWord] = {}
    rank = tax.rank
    for entry in data["triggers"]:
        _check(tax, entry["sub"], "a trigger")
        for phrase in _phrases(entry["words"]):
            key = _norm(phrase)
            word = TriggerWord(key, entry["sub"], float(entry.get("strength", 2)),
                               entry.get("role", "other"), bool(entry.get("killing", False)),
                               bool(entry.get("weapon", False)), bool(entry.get("crowd", False)))
            old = seen.get(key)
            # one phrase, one meaning: the stronger (then more specific) entry keeps it
            if old is None or (word.strength, -rank(word.sub)) > (old.strength, -rank(old.sub)):
                seen[key] = word
    for phrase in data.get("ignore", []):
        key = _norm(str(phrase))
        seen[key] = TriggerWord(key, IGNORED, 0.0, "ignore", False)
    for key, word in seen.items():
        auto.add_word(key, word)
    auto.make_automaton()
    ov = data["object_overrides"]
    for r in ov["rules"]:
        for sub in [*r["from"], *([r["to"]] if r["to"] is not None else [])]:
            _check(tax, sub, "an object override")
    partial = data["partial_control"]
    _check(tax, partial["to"], "partial_control")
    rules = tuple(
        (frozenset(r["from"]), frozenset(_norm(o) for o in r["objects"]),
         frozenset(_norm(t) for t in _phrases(r.get("requires_trigger", []))), r["to"],
         int(r.get("window", ov["window"])), bool(r.get("absent", False)))
        for r in ov["rules"])
    mod = data["modality"]
    held = data.get("held_before_release", {})
    sup = data["support_adjuncts"]
    for sub in sup["subs"]:
        _check(tax, sub, "support_adjuncts")
    grammar = lang.words("grammar")
    modal_before = tuple(_norm(w) for w in mod["before"])
    tally_phrases = tuple(_norm(w) for w in data["tally_phrases"])
    return Lexicon(
        automaton=auto,
        taxonomy=tax,
        object_window=int(ov["window"]),
        object_rules=rules,
        object_is_agent=frozenset(_norm(w) for w in data["object_is_agent"]),
        reciprocal=frozenset(_norm(w) for w in data["reciprocal"]),
        partial_words=tuple(_norm(w) for w in data["partial_control"]["words"]),
        partial_within=int(data["partial_control"]["within"]),
        partial_to=str(partial["to"]),
        civilian_victims=frozenset(_norm(w) for w in data["civilian_victims"]),
        modal_before_to=frozenset(_norm(w) for w in mod["before_to"]),
        modal_before_article=frozenset(_norm(w) for w in mod["before_article"]),
        modal_before_to_far=frozenset(_norm(w) for w in mod.get("before_to_far", [])),
        modal_before_to_far_within=int(mod.get("before_to_far_within", 0)),
        modal_to_light_verbs=frozenset(_norm(w) for w in mod.get("to_light_verbs", [])),
        modal_to_light_within=int(mod.get("to_light_within", 0)),
        modal_purpose_verbs=frozenset(_norm(w) for w in mod.get("purpose_verbs", [])),
        modal_purpose_within=int(mod.get("purpose_within", 0)),
        modal_purpose_stops=frozenset(_norm(w) for w in mod.get("purpose_stops", [])),
        denial_verbs=frozenset(_norm(w) for w in mod["denial_verbs"]),
        denial_objects=frozenset(_norm(w) for w in mod["denial_objects"]),
        denial_window=int(mod["denial_window"]),
        articles=frozenset(str(w) for w in grammar["articles"]),
        infinitive_marker=str(grammar["infinitive_marker"]),
        past_auxiliaries=tuple(str(w) for w in grammar["past_auxiliaries"]),
        past_participle_endings=tuple(str(w) for w in grammar["past_participle_endings"]),
        modal_before=modal_before,
        modal_auxiliaries=frozenset(_norm(w) for w in mod["auxiliaries"]),
        tally_openers=tuple(_norm(w) for w in data["tally_openers"]),
        tally_phrases=tally_phrases,
        skip_sections=frozenset(_norm(w) for w in data["skip_sections"]),
        clause_breaks=tuple(data["clause_breaks"]),
        object_asides=_anywhere(_norm(w) for w in data["object_asides"]),
        definition_verbs=tuple(data["definition_verbs"]),
        site_words=frozenset(_norm(w) for w in data["site_words"]),
        subordinators=tuple(sorted((_norm(w) for w in data["subordinators"]), key=len,
                                   reverse=True)),
        continuation=_continuation(data["continuation"]),
        modal_words=frozenset(modal_before),
        modal_phrases=_anywhere(cue for cue in modal_before if " " in cue),
        tally_any=_anywhere(tally_phrases),
        tally_whole=_whole_war(data["tally_whole"]),
        tally_period=_by_period(data["tally_by_period"], lang.words("calendar")["months"]),
        tally_deaths=re.compile(
            rf"\b(?:{trie_alternation(_norm(w) for w in data['tally_whole']['deaths'])})\b"),
        tally_compared=re.compile(
            rf"\b(?:{trie_alternation(_norm(w) for w in data['tally_comparisons']['words'])})"
            rf"(?:\s+[\w'-]+){{0,{int(data['tally_comparisons']['within'])}}}\s+$"),
        tally_apposed_heads=tuple(_norm(w) for w in data["tally_comparisons"]["apposed"]),
        tally_compared_apposed=re.compile(
            r"(?:^|,\s+)(?:"
            + trie_alternation(_norm(w) for w in data["tally_comparisons"]["apposed_openers"])
            + rf")\s+(?:{trie_alternation(_norm(w) for w in data['tally_comparisons']['words'])})"
            rf"(?:\s+[\w'-]+){{0,{int(data['tally_comparisons']['within'])}}}\s+$"),
        toll_riders=_anywhere(_norm(w) for w in data["toll_riders"]),
        toll_of_one=_toll_of_one(data["toll_of_one"]),
        weapon_acts=re.compile(rf"\b{trie_alternation(_norm(w) for w in data['weapon_acts'])}\b"),
        held_participles=frozenset(_norm(w) for w in held.get("participles", [])),
        release_verbs=frozenset(_norm(w) for w in held.get("release_verbs", [])),
        release_within=int(held.get("within", 0)),
        held_links=frozenset(_norm(w) for w in held.get("links", [])),
        held_media=frozenset(_norm(w) for w in held.get("media", [])),
        support_subs=frozenset(sup["subs"]),
        support_joiners=frozenset(tuple(_norm(w).split()) for w in grammar["support_joiners"]),
        support_joiner_words=max(len(_norm(w).split()) for w in grammar["support_joiners"]),
        list_links=frozenset(_norm(w) for w in grammar["place_coordinators"] if " " not in w),
        support_openers=frozenset(_norm(w) for w in sup["openers"]),
        support_heads=frozenset(_norm(w) for w in sup["heads"]),
        support_within=int(sup["within"]),
        support_gap_stops=frozenset(_norm(w) for w in (*grammar["phrase_stops"],
                                                         *grammar["phrase_prepositions"]))
        - frozenset(_norm(w) for w in sup["gap_words"]),
    )


def _whole_war(d: dict) -> re.Pattern[str]:
    """A death word, then within ``within`` words a span ("during the") and a whole ("war")
    with up to two words between them, not a place or a thing named after the whole ("the
    conflict zone", "war-torn"; ``tally_whole``)."""
    deaths = trie_alternation(_norm(w) for w in d["deaths"])
    spans = trie_alternation(_norm(w) for w in d["spans"])
    wholes = trie_alternation(_norm(w) for w in d["wholes"])
    things = trie_alternation(_norm(w) for w in d["not_before"])
    return re.compile(rf"\b(?:{deaths})\b(?:\s+[\w'-]+){{0,{int(d['within'])}}}?\s+(?:{spans})"
                      rf"(?:\s+[\w'-]+){{0,2}}?\s+(?:{wholes})(?![\w-]|\s+(?:{things})\b)")


def _by_period(d: dict, months: Iterable[str]) -> re.Pattern[str]:
    """"by" (and a modifier: "the end of", "mid-") before a month with no day number after it,
    a year or a period word (``tally_by_period``)."""
    mods = trie_alternation(_norm(w) for w in d["modifiers"])
    names = trie_alternation([*(_norm(m) for m in months), *(_norm(w) for w in d["periods"])])
    return re.compile(rf"\bby\s+(?:(?:{mods})\s*)?(?:(?:{names})\b(?!\s+\d{{1,2}}\b)"
                      rf"|(?:1[5-9]|20)\d\d\b)")


def _anywhere(phrases: Iterable[str]) -> re.Pattern[str]:
    """A pattern found in a text exactly when one of ``phrases`` is a substring of it."""
    phrases = list(phrases)
    if "" in phrases:
        return re.compile("")  # the empty phrase is in every text
    return re.compile(trie_alternation(phrases))


def _check(tax: Taxonomy, sub: str, where: str) -> None:
    if sub not in tax.sub_event_types:
        raise TaxonomyError(f"triggers.yaml: {where} names the sub-event type {sub!r}, which "
                            "taxonomy.yaml does not list")


def _continuation(spec: dict) -> re.Pattern[str]:
    openers = "|".join(map(re.escape, spec["openers"]))
    nouns = "|".join(map(re.escape, spec["nouns"]))
    return re.compile(rf"^(?:{openers}) (?:[a-z-]+ )?(?:{nouns})\b")


def _toll_of_one(d: dict) -> re.Pattern[str]:
    """triggers.yaml toll_of_one: an opener at the sentence's start, up to ``within`` words,
    then one act named in the singular."""
    openers = trie_alternation(_norm(w) for w in d["openers"])
    acts = trie_alternation(_norm(w) for w in d["acts"])
    return re.compile(rf"(?:{openers})\s+(?:[\w'-]+\s+){{0,{int(d['within'])}}}?(?:{acts})\b")
