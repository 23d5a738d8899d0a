"""Deciding a clause's ACLED sub-event type from its triggers and their arguments."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from warlog import lang
from warlog.data import cached, load_yaml
from warlog.events.lexicon import Lexicon, lexicon
from warlog.events.triggers import Trigger, find_triggers
from warlog.model import ActorMention
from warlog.nlp.alternation import HeadFilter, trie_alternation
from warlog.nlp.sentences import Sentence
from warlog.taxonomy import TaxonomyError, taxonomy

_WORDS = re.compile(r"[a-z0-9'-]+")


@cached
def _agent() -> str:
    """The passive's agent preposition (``lang/en/grammar.yaml: agent_preposition``)."""
    return str(lang.words("grammar")["agent_preposition"]).lower()


def ranked_triggers(triggers: Sequence[Trigger], lex: Lexicon | None = None) -> list[Trigger]:
    """Triggers best first: strongest, then most specific, then first in the text."""
    rank = (lex or lexicon()).rank
    return sorted(triggers, key=lambda t: (-t.word.strength, rank(t.sub), t.start))


def primary_trigger(triggers: Sequence[Trigger], lex: Lexicon | None = None) -> Trigger | None:
    """The trigger that types the clause."""
    ranked = ranked_triggers(triggers, lex)
    return ranked[0] if ranked else None


def _low(clause: str | Sentence) -> str:
    return (Sentence(clause) if isinstance(clause, str) else clause).low


def _words_after(clause: str | Sentence, end: int, n: int) -> list[str]:
    return _WORDS.findall(_low(clause)[end:end + 120])[:n]


def sub_event_type(trigger: Trigger, clause: str | Sentence, trigger_end: int,
                   actor1: ActorMention | None, event_country: str | None,
                   victims_civilian: bool, lex: Lexicon | None = None,
                   context: str | Sentence | None = None) -> str | None:
    """The sub-event type for ``trigger`` in ``clause`` (``trigger_end`` relative to clause);
    ``None`` when its object shows it reports no event ("executed a withdrawal").
    ``context`` (the whole sentence) is where the refinements look for their cues."""
    lex = lex or lexicon()
    sub = _trigger_type(trigger, clause, trigger_end, actor1, event_country, victims_civilian,
                        lex)
    sub = refine(sub, trigger, clause, trigger_end, lex, context)
    tax = lex.taxonomy
    if (sub is not None and sub != trigger.sub and tax.has_role(sub, "state_capture")
            and ((actor1 is not None and actor1.inter in _abductor_inters())
                 or _by_abductors(clause, trigger_end - len(trigger.text)))):
        # "Hezbollah guerrillas captured two Israeli soldiers": a capture of people is an
        # arrest only by a security force (GUIDELINES); the verb "arrested" keeps its type.
        # Armed men no force is named for ("heavily armed men in civilian clothes seized a
        # labor leader") abduct too, whoever they are
        sub = tax.role("other_capture")
    seized = _seized_weapons()
    if (sub == seized.source and trigger.word.role in ("capture", "recapture")
            and seized.names_weapon(_words_after(clause, trigger_end, seized.within))):
        subject = _WORDS.findall(_low(clause)[:max(0, trigger_end - len(trigger.text))])
        wide = _low(context) if context is not None else _low(clause)
        if seized.arrests.search(_low(clause)) and (
                (actor1 is not None and actor1.inter in seized.inters)
                or typing_rules().captors.intersection(subject[-4:])):
            sub = seized.arrest  # "police arrested a bomb maker, seizing detonators"
        elif ((actor1 is not None and actor1.inter in seized.inters)
                or typing_rules().captors.intersection(subject[-4:])) and (
                seized.search.search(wide) and not seized.fight.search(wide)):
            sub = seized.to  # "soldiers seized 50 rifles at a safe house": attack prevented
    return sub


@dataclass(frozen=True)
class SeizedWeapons:
    """triggers.yaml seized_weapons: arms seized by security forces."""
    source: str
    objects: frozenset[str]
    phrases: tuple[str, ...]  # the objects of more than one word
    within: int
    inters: frozenset[int]
    to: str
    arrest: str
    arrests: re.Pattern[str]  # the arrest triggers
    search: re.Pattern[str]  # a search told: the arms were found, not taken in a fight
    fight: re.Pattern[str]  # a fight told: the arms are spoils
    adjective_after: frozenset[str]  # "a captured tank": no seizure told
    object_types: frozenset[str]
    object_end: re.Pattern[str]

    def names_weapon(self, words: Sequence[str]) -> bool:
        text = " ".join(words)
        return bool(self.objects.intersection(words)) or any(
            f" {p} " in f" {text} " for p in self.phrases)


@cached
def _seized_weapons() -> SeizedWeapons:
    data = load_yaml("triggers.yaml")
    d = data["seized_weapons"]
    objects = [str(o).lower() for o in d["objects"]]
    arrests = [w for t in data["triggers"] if t["sub"] == d["arrest"] for w in t["words"]]
    return SeizedWeapons(
        source=str(d["from"]), objects=frozenset(o for o in objects if " " not in o),
        phrases=tuple(o for o in objects if " " in o), within=int(d["within"]),
        inters=frozenset(int(i) for i in d["inters"]), to=str(d["to"]),
        arrest=str(d["arrest"]), arrests=phrase_pattern(arrests),
        search=phrase_pattern(d["search_cues"]), fight=phrase_pattern(d["fight_cues"]),
        adjective_after=frozenset(str(w).lower() for w in d["adjective_after"]),
        object_types=frozenset(str(t) for t in d["object_types"]),
        object_end=re.compile("|".join(re.escape(str(e)) for e in d["object_ends"])))


def without_seized_weapon_words(low: str, triggers: list[Trigger]) -> list[Trigger]:
    """``triggers`` less the weapon words inside what a capture verb says was seized
    ("seized 50 rifles, grenades and a truck": no grenade attack; triggers.yaml
    seized_weapons)."""
    seized = _seized_weapons()
    drop: list[Trigger] = []
    for t in triggers:
        if t.word.role not in ("capture", "recapture"):
            continue
        prev = _WORDS.findall(low[max(0, t.start - 24):t.start])
        if prev and prev[-1] in seized.adjective_after:
            continue  # "used a captured tank, RPGs and mortar bombs"
        words = list(_WORDS.finditer(low, t.end, t.end + 160))[:seized.within]
        if not words:
            continue
        tail = low[t.end:words[-1].end()]
        m = seized.object_end.search(tail)
        end = t.end + (m.start() if m else len(tail))
        if not seized.names_weapon([w.group() for w in words if w.end() <= end]):
            continue
        drop += [u for u in triggers if t.end <= u.start < end and u.sub in seized.object_types
                 and not _prevented(u.sub, low, seized.to)]
    return [t for t in triggers if t not in drop] if drop else triggers


def _prevented(sub: str, low: str, prevented: str) -> bool:
    """Whether a refinement makes a ``sub`` trigger of the sentence ``low`` an attack
    prevented ("recovered 15 rifles, grenades and ammunition": the grenades are typed so)."""
    return any(sub in r.sources and r.to == prevented and r.cues.search(low)
               and not r.unless.search(low) and not r.absent for r in typing_rules().refinements)


def _by_abductors(clause: str | Sentence, start: int) -> bool:
    """Whether the last words of the subject before the verb at ``start`` are armed men no
    force is named for (triggers.yaml captured_people abductors)."""
    rules = typing_rules()
    subject = _low(clause)[:max(0, start)]
    cut = rules.reported.search(subject)
    if cut:
        subject = subject[cut.end():]
    words = _WORDS.findall(subject)[-rules.abductors_within:]
    return bool(words) and rules.abductors.search(" ".join(words)) is not None


def _trigger_type(trigger: Trigger, clause: str | Sentence, trigger_end: int,
                  actor1: ActorMention | None, event_country: str | None,
                  victims_civilian: bool, lex: Lexicon) -> str | None:
    sub = trigger.sub
    after = _words_after(clause, trigger_end, lex.object_window)
    phrase = trigger.word.phrase
    if lex.taxonomy.is_territorial(sub) and _people_driven_out(clause, trigger_end, phrase):
        return None
    for sources, objects, needs, target, window, absent in lex.object_rules:
        if sub not in sources or (needs and phrase not in needs):
            continue
        # a passive's agent is not the object ("were captured by the rebels")
        near = ([] if after[:1] == [_agent()] and lex.taxonomy.is_territorial(sub)
                else after[:window])
        near_text = " ".join(near)
        found = any(w in objects for w in near) or any(" " in o and o in near_text
                                                       for o in objects)
        if found != absent:
            if target is None:
                return None
            sub = target
            break
    role = trigger.word.role
    tax = lex.taxonomy
    if tax.is_territorial(sub):
        near = " ".join(after[: lex.partial_within + 2])
        if any(near.startswith(p) or f" {p}" in f" {near}" for p in lex.partial_words):
            return lex.partial_to
        if role in ("capture", "recapture"):
            state_here = (actor1 is not None and actor1.inter == 1 and (
                event_country is None or actor1.country is None
                or same_country(actor1.country, event_country)))
            return tax.territory("state" if state_here else "non_state")
    if role == "bombing":
        inters, air = _air_bombing()
        if actor1 is not None and actor1.inter in inters:
            return air  # "NATO bombed Belgrade": from the air
        if _flown(_low(clause), trigger_end - len(trigger.text)):
            return air  # "two Su-24s flew from the air base and bombed": from the air
    if trigger.word.killing:
        civilian = victims_civilian or _official_victim(after)
        return tax.role("civilian_target" if civilian else "clash")
    return sub


def same_country(a: str, b: str) -> bool:
    """Whether two spellings name one country: an actor's country is written as actors.yaml
    names it ("Democratic Republic of Congo"), a place's as the gazetteer does ("Democratic
    Republic of the Congo"); the country's other names in actors.yaml join them."""
    if a == b:
        return True
    from warlog.actors.lexicon import load_lexicon

    country = load_lexicon().countries.get(a)
    return country is not None and b in country.names


def _official_victim(after: Sequence[str]) -> bool:
    """Whether the words right after a killing name an unarmed official ("killed Prime
    Minister X"): one or two of the first few words are a title."""
    rules = typing_rules()
    titles = rules.official_titles
    near = [w.lower() for w in after[:rules.official_within]]
    return any(w in titles for w in near) or any(
        f"{a} {b}" in titles for a, b in zip(near, near[1:], strict=False))


def victims_are_civilian(clause: str | Sentence, lex: Lexicon | None = None) -> bool:
    """Whether the clause names people who were not fighting among its words, not counting
    the ones it gives as its source ("killing ten soldiers, residents said", "according to
    villagers": they tell the news, nobody said they were harmed)."""
    lex = lex or lexicon()
    low = _low(clause)
    told, after, harm = _source_words()
    # "according to villagers," / "according to residents.": the words up to the comma
    low = re.sub(rf"according to((?:\s+[\w'-]+){{1,{after}}})(?=\s*[,.;]|\s*$)", " ", low)
    words = _WORDS.findall(low)
    sources = {i for i, w in enumerate(words[:-1]) if words[i + 1] in told
               and (i + 2 >= len(words) or words[i + 2] not in harm)}  # not "civilians
    # reported killed"
    return any(w in lex.civilian_victims for i, w in enumerate(words) if i not in sources)


@cached
def _source_words() -> tuple[frozenset[str], int, frozenset[str]]:
    """The one-word verbs of triggers.yaml reporting_verbs (a civilian noun right before one
    is the source: "residents said"), how many words after "according to" name it, and the
    death words (triggers with ``killing``) that make the verb a passive's ("reported dead")."""
    data = load_yaml("triggers.yaml")
    verbs = frozenset(str(v).lower() for v in data["reporting_verbs"] if " " not in str(v))
    harm = frozenset(str(w).lower() for t in data["triggers"] if t.get("killing")
                     for w in t["words"] if " " not in str(w))
    return verbs, 3, harm


# -- refinements by the codebook (data: triggers.yaml `refinements`, `mob`, `two_sided`,
# `captured_people`, `not_events`) -----------------------------------------------------------

def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """Whole words or phrases (lower case), longest first; never matches when empty."""
    alts = {str(p).lower() for p in phrases}
    if not alts:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<![\w-])" + trie_alternation(alts) + r"(?![\w-])")


@dataclass(frozen=True, slots=True)
class Refinement:
    sources: frozenset[str]
    cues: re.Pattern[str]
    unless: re.Pattern[str]
    absent: bool  # fires when no cue is in the clause
    to: str | None
    civilian: bool = False  # fires only when the clause names civilians


def _designation_prefix(word: str) -> str | None:
    """The letters of a type designation ("su" of "su-24m", "kh" of "kh-101"), else None."""
    head, dash, rest = word.partition("-")
    return head if dash and rest[:1].isdigit() else None


@dataclass(frozen=True)
class ShootDowns:
    """triggers.yaml shoot_downs: what an aircraft shot down was."""
    sources: frozenset[str]
    verbs: re.Pattern[str]
    passive: frozenset[str]
    within: int
    manned: frozenset[str]
    unmanned: frozenset[str]
    manned_types: frozenset[str]
    unmanned_types: frozenset[str]
    to: dict[str, str]  # "manned" / "unmanned" -> the sub-event type
    pronouns: frozenset[str]  # a passive's subject that names the aircraft told before
    passive_within: int
    agent: str
    adjective_after: frozenset[str]
    missiles: frozenset[str]  # unmanned words that name a missile or rocket, not a drone
    struck: dict[str, str]  # "missile" / "drone" -> the strike it still was (harm told)
    only_with_aircraft: frozenset[str]  # verbs that are no event when nothing named fell

    def kind(self, word: str) -> str | None:
        """"manned", "unmanned" or None for one word ("su-24m" by its prefix "su")."""
        if word in self.unmanned:
            return "unmanned"
        if word in self.manned:
            return "manned"
        head = _designation_prefix(word)
        if head in self.unmanned_types:
            return "unmanned"
        if head in self.manned_types:
            return "manned"
        return None

    def told(self, low: str) -> str | None:
        """What the clause ``low`` says was shot down: "manned" (a warplane, a helicopter),
        "unmanned" (a drone, a missile) or None (no shoot-down, or nothing named)."""
        word = self.fell(low)
        return None if word is None else self.kind(word)

    def strike_of(self, word: str) -> str:
        """The strike an unmanned ``word`` shot down still was when it did harm: a missile's
        or a rocket's a shelling/missile attack, a drone's an air/drone strike."""
        missile = word in self.missiles or _designation_prefix(word) in self.missiles
        return self.struck["missile" if missile else "drone"]

    def fell(self, low: str) -> str | None:
        """The word that names what the clause ``low`` says was shot down (None: no
        shoot-down, or nothing named)."""
        for m in self.verbs.finditer(low):
            word = self.fell_at(low, m.start(), m.end())
            if word is not None:
                return word
        return None

    def fell_at(self, low: str, start: int, end: int) -> str | None:
        """What the shoot-down verb at ``start``-``end`` of ``low`` says fell (None)."""
        before = _WORDS.findall(low[max(0, start - 120):start])
        if before and before[-1] in self.adjective_after and low[start:end] == "downed":
            return None  # "strikes over a downed drone": no shooting down told
        after = _WORDS.findall(low[end:end + 120])[:self.within]
        passive = not self.passive.isdisjoint(before[-self.passive_within:])
        if passive and self.agent in after:
            after = after[:after.index(self.agent)]  # "by a Patriot missile": the shooter
        near = before[::-1][:self.within]
        if passive and self.pronouns.intersection(near[:3]):
            near = before[::-1]  # "a rocket was fired at X, but it was shot down"
        slots = [after, near]
        if passive:
            slots.reverse()  # "a Syrian jet was shot down (by ...)": its subject first
        for slot in slots:
            for w in slot:
                if self.kind(w) is not None:
                    return w
        return None


@dataclass(frozen=True)
class TypingRules:
    refinements: tuple[Refinement, ...]
    not_event: re.Pattern[str]
    not_event_weapons: re.Pattern[str]  # a listed phrase that is a weapon's: no accident
    not_event_weapon_heads: HeadFilter  # … looked for only where one can stand
    not_event_context: re.Pattern[str]  # who someone is ("drug traffickers"): crime only …
    context_unless: str  # … in a sentence with no act of this disorder type
    grievance_types: frozenset[str]
    grievance_cue: re.Pattern[str]  # ends the text before a phrase that is a grievance
    grievance_lead: re.Pattern[str]  # opens a listed phrase that is one ("against …")
    mob_subjects: re.Pattern[str]
    mob_sources: frozenset[str]
    mob_unless: re.Pattern[str]
    mob_to: str
    mob_armed: re.Pattern[str]  # an armed party between the crowd and the act
    mob_armed_before: frozenset[str]  # "armed youths": an armed group, not a crowd …
    mob_armed_within: int  # … this many words before the crowd's word
    mob_patient_aux: frozenset[str]  # "villagers were (reportedly) killed": the crowd …
    mob_patient_adverbs: frozenset[str]  # … suffered the act
    two_sided: re.Pattern[str]
    two_sided_targets: re.Pattern[str]  # searched after the trigger only (or a passive's subject)
    fight_kills: frozenset[str]  # killings that are fighting when both sides fought
    fight_kill_armed: frozenset[str]  # … or when their direct object is armed forces
    fight_kill_unarmed: frozenset[str]  # … not off duty
    passive_end: re.Pattern[str]  # a passive marker ending the text before a trigger
    official_titles: frozenset[str]  # a killing's direct object that is an unarmed official
    official_within: int  # … within this many words after the trigger
    person_objects: frozenset[str]
    object_stops: frozenset[str]
    passive_skip: frozenset[str]  # words between a passive's subject and its verb
    captors: frozenset[str]
    captured_to: str
    abductors: re.Pattern[str]  # "armed men", "men in civilian clothes" before the verb
    abductors_within: int
    reported: re.Pattern[str]
    shoot_down: ShootDowns


@cached
def typing_rules() -> TypingRules:
    data = load_yaml("triggers.yaml")
    tax = taxonomy()

    def check(sub: str | None) -> str | None:
        if sub is not None and sub not in tax.sub_event_types:
            raise TaxonomyError(f"triggers.yaml: a refinement names the sub-event type {sub!r}, "
                                "which taxonomy.yaml does not list")
        return sub

    refs = tuple(
        Refinement(frozenset(check(s) or "" for s in r["from"]), phrase_pattern(r["cues"]),
                   phrase_pattern(r.get("unless", [])), bool(r.get("absent", False)),
                   check(r["to"]), bool(r.get("civilian", False)))
        for r in data["refinements"])
    mob = data["mob"]
    context = data.get("not_event_context", {})
    cap = data["captured_people"]
    grievance = trie_alternation(str(w).lower() for w in data["grievance_cues"])
    return TypingRules(
        refinements=refs,
        not_event=phrase_pattern(w for group in data["not_events"].values() for w in group),
        not_event_weapons=phrase_pattern(data.get("not_event_weapons", [])),
        not_event_weapon_heads=HeadFilter(data.get("not_event_weapons", [])),
        not_event_context=phrase_pattern(context.get("words", [])),
        context_unless=str(context.get("unless_disorder", "")),
        grievance_types=frozenset(str(x) for x in data["grievance_types"]),
        # (an ordinal between: "to mark the 10th anniversary of")
        grievance_cue=re.compile(r"(?<![\w-])" + grievance
                                 + r"\s+(?:(?:the|a|an)\s+)?(?:\d+(?:st|nd|rd|th)\s+)?$"),
        grievance_lead=re.compile(grievance + r"\s"),
        mob_subjects=phrase_pattern(mob["subjects"]),
        mob_sources=frozenset(check(s) or "" for s in mob["from"]),
        mob_unless=phrase_pattern(mob["unless"]),
        mob_to=check(mob["to"]) or "",
        mob_armed=phrase_pattern(mob.get("armed_between", [])),
        mob_armed_before=frozenset(str(w).lower() for w in mob.get("armed_before", [])),
        mob_armed_within=int(mob.get("armed_before_within", 0)),
        mob_patient_aux=frozenset(str(w).lower() for w in mob.get("patient_auxiliaries", [])),
        mob_patient_adverbs=frozenset(str(w).lower() for w in mob.get("patient_adverbs", [])),
        two_sided=phrase_pattern(data["two_sided"]),
        two_sided_targets=phrase_pattern(data["two_sided_targets"]),
        fight_kills=frozenset(str(w).lower() for w in data["fight_kills"]),
        fight_kill_armed=frozenset(str(w).lower() for w in data.get("fight_kill_armed", [])),
        fight_kill_unarmed=frozenset(str(w).lower() for w in data.get("fight_kill_unarmed", [])),
        passive_end=re.compile(
            r"(?<![\w-])" + trie_alternation(lang.wordlist("grammar", "passive_markers"))
            + r"\s+$"),
        official_titles=frozenset(str(t).lower() for t in data["official_victims"]["titles"]),
        official_within=int(data["official_victims"]["within"]),
        person_objects=frozenset(str(w).lower() for w in cap["objects"]),
        object_stops=frozenset(str(w).lower() for w in cap["stops"]),
        passive_skip=frozenset(str(w).lower() for w in cap["passive_skip"]),
        captors=frozenset(str(w).lower() for w in cap["captors"]),
        captured_to=check(cap["to"]) or "",
        abductors=phrase_pattern(cap["abductors"]),
        abductors_within=int(cap["abductors_within"]),
        reported=phrase_pattern(data["reporting_verbs"]),
        shoot_down=_shoot_downs(data["shoot_downs"], check),
    )


def reports_no_event(low: str, grievance: bool = False,
                     subs: Iterable[str] = ()) -> bool:
    """A sentence about a disaster, an accident, ordinary crime, a reaction, sport, a figure
    of speech or a court case: its war words report no ACLED event. With ``grievance`` (the
    sentence tells a protest or a riot), a phrase that is what it is about ("against
    corruption") does not count. Words of the drug trade (triggers.yaml
    `not_event_context`) count only when none of ``subs`` (the sentence's trigger types) is
    of the disorder type they yield to: "gunmen believed to be drug traffickers shot dead
    five police officers" is a killing."""
    rules = typing_rules()
    if rules.not_event_context.search(low):
        tax = taxonomy()
        if not any(tax.disorder(tax.type_of(s)) == rules.context_unless for s in subs):
            return True
        # their words name no crime of their own ("drug smuggling" is no "smuggling")
        low = rules.not_event_context.sub(lambda w: " " * len(w.group()), low)
    if rules.not_event_weapon_heads.may_match(low):  # "a bomb hidden in a gas cylinder"
        low = rules.not_event_weapons.sub(lambda w: " " * len(w.group()), low)
    for m in rules.not_event.finditer(low):
        if not grievance or not (rules.grievance_cue.search(low, max(0, m.start() - 24),
                                                             m.start())
                                 or rules.grievance_lead.match(m.group())):
            return True  # ("against corruption" is itself a listed phrase)
    return False


def tells_grievance(subs: Iterable[str]) -> bool:
    """Whether one of these sub-event types is of a type that is about something (a protest,
    a riot): what it is against is no sign of another kind of news."""
    rules, tax = typing_rules(), taxonomy()
    return any(tax.type_of(sub) in rules.grievance_types for sub in subs)


def _object_words(low: str, end: int, stops: frozenset[str], start: int | None = None,
                  ) -> list[str]:
    """The words after a trigger up to a preposition, a relative or a comma: its object; in a
    passive (the agent, "by ...", right after the trigger at ``start``-``end``) the last words
    of its subject ("18 soldiers who were captured by ...")."""
    chunk = re.split(r"[,;.(]", low[end:end + 100], maxsplit=1)[0]
    by = _agent()
    if start is not None and _WORDS.findall(chunk)[:1] == [by]:
        before = re.split(r"[,;.(]", low[max(0, start - 100):start])[-1]
        words = _WORDS.findall(before)
        skip = typing_rules().passive_skip
        while words and words[-1] in skip:
            words.pop()
        if by in words[-4:]:
            return []  # "the territory once controlled by militants had been recaptured by"
        return [w.strip("'") for w in words[-4:]]
    words: list[str] = []
    for w in _WORDS.findall(chunk)[:8]:
        if w in stops:
            break
        words.append(w.strip("'"))
    return words


def _armed_object(low: str, trigger_end: int, rules: TypingRules, start: int) -> bool:
    """The killing's direct object names armed forces on duty ("two police officers")."""
    obj = _object_words(low, trigger_end, rules.object_stops, start)
    return (bool(rules.fight_kill_armed.intersection(obj))
            and rules.fight_kill_unarmed.isdisjoint(obj))


def _shoot_downs(d: dict[str, Any], check: Callable[[str | None], str | None]) -> ShootDowns:
    """triggers.yaml ``shoot_downs`` read (``check``: a sub-event type name, validated)."""
    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in d[key])

    return ShootDowns(
        frozenset(check(x) or "" for x in d["from"]), phrase_pattern(d["verbs"]),
        words("passive"), int(d["within"]), words("manned"), words("unmanned"),
        words("manned_types"), words("unmanned_types"),
        {k: check(str(v)) or "" for k, v in d["to"].items()}, words("pronouns"),
        int(d["passive_within"]), str(d["agent"]), words("adjective_after"), words("missiles"),
        {k: check(str(v)) or "" for k, v in d["struck"].items()}, words("only_with_aircraft"))


def shoot_down_told(low: str, trigger: Trigger) -> bool:
    """Whether ``trigger`` tells a shooting down where its verb needs what fell named
    (triggers.yaml shoot_downs only_with_aircraft: "downed an MQ-9", not "downed tools",
    "Downing Street", "the downed pilot"); any other trigger: True."""
    shoot = typing_rules().shoot_down
    return (trigger.word.phrase not in shoot.only_with_aircraft
            or shoot.fell_at(low, trigger.start, trigger.end) is not None)


def refine(sub: str | None, trigger: Trigger, clause: str | Sentence, trigger_end: int,
           lex: Lexicon | None = None, context: str | Sentence | None = None) -> str | None:
    """The codebook's distinctions the trigger alone does not make: a capture of people is an
    arrest, one-sided violence is an Attack, a crowd's type by who used force, a disrupted
    weapon, a mob (rules in triggers.yaml)."""
    if sub is None:
        return None
    lex = lex or lexicon()
    rules = typing_rules()
    tax = lex.taxonomy
    low = _low(clause)
    wide = _low(context) if context is not None else low
    start = max(0, trigger_end - len(trigger.text))
    subject = low[:start]
    cut = rules.reported.search(subject)
    if cut:
        subject = subject[cut.end():]  # "villagers said gunmen killed …": not the actor
    if (trigger.word.phrase in rules.shoot_down.only_with_aircraft
            and rules.shoot_down.fell(low) is None):
        return None  # "downed tools", "a downed drone": no shooting down told
    if tax.is_territorial(sub) and trigger.word.role in ("capture", "recapture"):
        # (the ones a side drove out are its foes, not people it took: "drove the fighters
        # out of the town" is the capture of the town)
        obj = ([] if trigger.word.phrase in _drive_out().triggers
               else _object_words(low, trigger_end, rules.object_stops, start))
        if rules.person_objects.intersection(obj) or rules.captors.intersection(
                _WORDS.findall(subject)[-4:]):
            return rules.captured_to
    if (sub == tax.role("clash") and trigger.word.role == "other"
            and victims_are_civilian(clause, lex) and not rules.two_sided.search(low)
            and not rules.two_sided_targets.search(
                low, 0 if rules.passive_end.search(low, 0, start) else start)):
        sub = tax.role("civilian_target")
    elif (sub == tax.role("civilian_target") and trigger.word.phrase in rules.fight_kills
          and (rules.two_sided.search(low) or _armed_object(low, trigger_end, rules, start))
          and not victims_are_civilian(clause, lex)):
        # "rebels shot dead two soldiers in a firefight": both sides fought, nobody among the
        # victims is a civilian; "gunmen shot dead two police officers at a checkpoint": the
        # victims are armed forces on duty
        sub = tax.role("clash")
    manned: bool | None = False
    if sub in rules.shoot_down.sources:
        # "shot down a Syrian warplane" is a fight, "shot down two drones" an attack stopped
        # (GUIDELINES), whatever else the clause names (the warplane is no air strike)
        fell = rules.shoot_down.fell(low)
        if fell is None and wide is not low and rules.shoot_down.verbs.search(low):
            fell = rules.shoot_down.fell(wide)  # "..., but it was shot down"
        shot = None if fell is None else rules.shoot_down.kind(fell)
        stopped = rules.shoot_down.to["unmanned"]
        if shot == "unmanned" and any(r.to == stopped and r.unless.search(wide)
                                      for r in rules.refinements if sub in r.sources):
            shot = None  # a strike told with its dead stays the strike (the refinement's
            # own exception: "missiles hit the city, killing two; others were shot down")
        elif fell is not None and shot == "unmanned" and any(
                r.to == stopped and r.unless.search(low) for r in rules.refinements
                if stopped in r.sources):
            # "a rocket was shot down over the city, its debris killing one person": no
            # attack prevented (GUIDELINES), the strike did harm: the strike of what it was
            sub, shot = rules.shoot_down.strike_of(fell), None
        if shot is not None:
            sub = rules.shoot_down.to[shot]
        # "jets bombed the town, and rebels said they shot down one of them": the bombing
        # is no weapon stopped (read only where a refinement to a stopped weapon could apply)
        # None: not read yet (the clause's own shoot-down told nothing)
        manned = None if shot is None else shot == "manned"
    for r in rules.refinements:
        if sub not in r.sources:
            continue
        if r.to == rules.shoot_down.to["unmanned"] and manned is not False:
            if manned is None:
                manned = rules.shoot_down.told(wide) == "manned"
            if manned:
                continue
        hit = bool(r.cues.search(wide))
        if hit == r.absent or r.unless.search(wide):
            continue
        if r.civilian and not victims_are_civilian(clause, lex):
            continue
        if r.to is None:
            return None
        sub = r.to
        break
    if (sub in rules.mob_sources and rules.mob_subjects.search(subject)
            and not rules.mob_unless.search(wide) and _mob_is_subject(subject, rules, lex)):
        sub = rules.mob_to
    return sub


@cached
def _air_bombing() -> tuple[frozenset[int], str]:
    """Whose bombing is from the air, and its sub-event type (extraction.yaml air_bombing)."""
    d = load_yaml("extraction.yaml")["air_bombing"]
    if d["sub"] not in taxonomy().sub_event_types:
        raise TaxonomyError(f"extraction.yaml: air_bombing names the sub-event type "
                            f"{d['sub']!r}, which is not in taxonomy.yaml")
    return frozenset(int(i) for i in d["inters"]), str(d["sub"])


@cached
def _flight() -> tuple[re.Pattern[str], frozenset[str], int]:
    d = load_yaml("extraction.yaml")["air_bombing_flown"]
    return (phrase_pattern(d["flight"]), frozenset(str(w).lower() for w in d["not_alone"]),
            int(d["within"]))


def _flown(low: str, start: int) -> bool:
    """Whether the subject of the bombing at ``start`` flew or is an aircraft
    (extraction.yaml air_bombing_flown)."""
    flight, not_alone, within = _flight()
    words = _WORDS.findall(low[:max(0, start)])[-within:]
    if flight.search(" ".join(words)):
        return True
    shoot = typing_rules().shoot_down
    return any(shoot.kind(w) == "manned" and w not in not_alone for w in words)


@dataclass(frozen=True)
class DriveOut:
    triggers: frozenset[str]
    peoples: frozenset[str]  # plural demonyms (geo.yaml) and the ethnic / sect nouns
    ends: frozenset[str]  # where the ones driven out end ("out", "from")
    passive: frozenset[str]
    named: frozenset[str]  # "the Russians": an army by metonymy, kept
    within: int


@cached
def _drive_out() -> DriveOut:
    """triggers.yaml drive_out_peoples, with the plural nationality nouns of geo.yaml."""
    d = load_yaml("triggers.yaml")["drive_out_peoples"]
    nouns = {w.lower() for forms in load_yaml("geo.yaml")["demonyms"].values() for w in forms
             if w.lower().endswith("s")}
    nouns.update(w.lower() for w in d["peoples"])
    return DriveOut(frozenset(w.lower() for w in d["triggers"]), frozenset(nouns),
                    frozenset(d["ends"]), frozenset(d["passive"]), frozenset(d["named"]),
                    int(d["within"]))


def _people_driven_out(clause: str | Sentence, trigger_end: int, phrase: str) -> bool:
    """Whether the ones driven out are a people named by nationality, ethnicity or sect
    ("pushed Sunnis out of the district", "724,000 Azerbaijanis were expelled"): an
    expulsion of people, not a side taking a place from another. "the Russians" is kept."""
    d = _drive_out()
    if phrase not in d.triggers:
        return False
    low = _low(clause)

    def people(words: list[str]) -> bool:
        return any(w in d.peoples and (i == 0 or words[i - 1] not in d.named)
                   for i, w in enumerate(words))

    after = _WORDS.findall(low[trigger_end:trigger_end + 120])[:d.within]
    slot = []
    for w in after:
        if w in d.ends:
            break
        slot.append(w)
    if people(["", *slot]):
        return True
    before = _WORDS.findall(low[max(0, trigger_end - len(phrase) - 80):
                                max(0, trigger_end - len(phrase))])
    if before and before[-1] in d.passive:
        return people(before[-1 - d.within:-1])
    return False


@cached
def _abductor_inters() -> frozenset[int]:
    return frozenset(int(i) for i in load_yaml("extraction.yaml")["abductor_inters"])


def _mob_is_subject(subject: str, rules: TypingRules, lex: Lexicon) -> bool:
    """Whether the crowd stands before the clause's first act, not after an earlier one:
    in "gunmen killed eleven worshippers in an attack" the worshippers are its victims; and
    no armed party stands between the crowd and the act ("residents fled as troops advanced").
    Nor when the act is passive ("98 villagers were massacred": the crowd suffered it) or the
    crowd is called armed ("armed Lou Nuer youths attacked the town": an armed group)."""
    found = list(rules.mob_subjects.finditer(subject))
    if not found or rules.mob_armed.search(subject, found[-1].end()):
        return False
    tail = _WORDS.findall(subject[found[-1].end():])
    while tail and tail[-1] in rules.mob_patient_adverbs:
        tail.pop()
    if tail and tail[-1] in rules.mob_patient_aux:
        return False
    before = _WORDS.findall(subject[:found[-1].start()])
    if rules.mob_armed_before.intersection(
            before[max(0, len(before) - rules.mob_armed_within):]
            if rules.mob_armed_within else ()):
        return False
    earlier = find_triggers(subject, lex)
    return not earlier or bool(rules.mob_subjects.search(subject[:earlier[0].start]))
