"""Finding event triggers in a sentence: automaton matches, whole words, longest first,
with planned or hypothetical actions ("preparing to attack", "would capture") left out."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from warlog import lang
from warlog.data import cached, load_yaml
from warlog.events.lexicon import IGNORED, Lexicon, TriggerWord, lexicon
from warlog.nlp.sentences import Sentence

_WORD = re.compile(r"[a-z0-9'-]+")


@dataclass(slots=True)
class Trigger:
    start: int  # offsets in the sentence text
    end: int
    text: str
    word: TriggerWord

    @property
    def sub(self) -> str:
        return self.word.sub


def find_triggers(sentence: str | Sentence, lex: Lexicon | None = None) -> list[Trigger]:
    """All trigger phrases in ``sentence`` (offsets relative to it), non-overlapping, longest
    first, and not governed by a modal cue."""
    lex = lex or lexicon()
    if isinstance(sentence, str):
        sentence = Sentence(sentence)
    low = sentence.low
    text = sentence.text
    found = [Trigger(start, end, text[start:end], word)
             for start, end, word in whole_word_matches(low, lex)]
    found.sort(key=lambda t: (-(t.end - t.start), t.start))
    taken = bytearray(len(low))  # characters already in a kept trigger: linear, not pairwise
    kept: list[Trigger] = []
    for t in found:
        if any(taken[t.start:t.end]):
            continue
        taken[t.start:t.end] = b"\x01" * (t.end - t.start)
        kept.append(t)
    kept.sort(key=lambda t: t.start)
    return [t for t in kept
            if t.sub != IGNORED and not is_modal(low, t.start, lex)
            and not in_proper_name(text, t.start, t.end) and not held_earlier(low, t, lex)
            and not in_support(low, t, lex)
            and (not t.word.crowd or crowd_subject(low, t.start))]


def whole_word_matches(low: str, lex: Lexicon) -> Iterator[tuple[int, int, TriggerWord]]:
    """The trigger lexicon's phrases in ``low`` as whole words (start, end, entry): a letter,
    digit or hyphen may not touch the phrase (an apostrophe may: it can open a quote, "a
    'tunnel bomb'"). Overlapping matches all come out; :func:`find_triggers` keeps the
    longest."""
    n = len(low)
    for end_idx, word in lex.automaton.iter(low):
        end = end_idx + 1
        start = end - len(word.phrase)
        if start > 0:
            c = low[start - 1]
            if c.isalnum() or c == "-":
                continue
        if end < n:
            c = low[end]
            if c.isalnum() or c == "-":
                continue
        yield start, end, word


def has_modal_trigger(low: str, lex: Lexicon) -> bool:
    """Whether a whole-word trigger of the sentence was left out as planned, threatened or a
    trend (:func:`is_modal`)."""
    return any(word.sub != IGNORED and is_modal(low, start, lex)
               and (not word.crowd or crowd_subject(low, start))
               for start, _end, word in whole_word_matches(low, lex))


@cached
def _crowd_words() -> tuple[re.Pattern[str], re.Pattern[str], int]:
    d = load_yaml("triggers.yaml")["crowd_subjects"]

    def pattern(words: list[str]) -> re.Pattern[str]:
        return re.compile(r"(?<![\w-])(?:" + "|".join(
            re.escape(str(w).lower()) for w in sorted(words, key=len, reverse=True))
            + r")(?![\w-])")

    return pattern(d["words"]), pattern(d["armed"]), int(d["within"])


def crowd_subject(low: str, start: int) -> bool:
    """Whether the last words before the act at ``start`` name a crowd and no armed force
    (triggers.yaml crowd_subjects), for a `crowd: true` trigger: "thousands of Palestinians
    marched", not "troops marched" nor "prisoners were marched" (no trigger there at all)."""
    crowd, armed, within = _crowd_words()
    subject = " ".join(_WORD.findall(low[max(0, start - 160):start])[-within:])
    return crowd.search(subject) is not None and armed.search(subject) is None


def held_participles(sentence: Sentence, lex: Lexicon) -> list[tuple[int, int]]:
    """Where the sentence's participles of an earlier holding stand (``held_earlier``):
    "freed 25 pupils abducted last week" -> the span of "abducted" (sentence offsets)."""
    low = sentence.low
    return [(start, end) for start, end, word in whole_word_matches(low, lex)
            if word.phrase in lex.held_participles
            and held_earlier(low, Trigger(start, end, sentence.text[start:end], word), lex)]


def held_earlier(low: str, t: Trigger, lex: Lexicon) -> bool:
    """"Kidnappers freed 25 pupils abducted last week": the participle after the people
    freed or rescued tells how they came to be held (an earlier event), not a new one. Not
    "freed ten and abducted five more" (a link word before it: an act of its own)."""
    if t.word.phrase not in lex.held_participles:
        return False
    before = _WORD.findall(low[max(0, t.start - 120):t.start])
    if not before or before[-1] in lex.held_links:
        return False
    near = before[-lex.release_within:]
    last = max((i for i, w in enumerate(near) if w in lex.release_verbs), default=None)
    # "released a video of captured soldiers", "released footage from newly captured
    # villages": a recording was released, the participle is the act told
    return last is not None and lex.held_media.isdisjoint(near[last + 1:])


_WORD_OR_BREAK = re.compile(r"[a-z0-9'-]+|[,;:()\"]")
_BREAKS = frozenset(",;:()\"")


def in_support(low: str, t: Trigger, lex: Lexicon) -> bool:
    """The strike or weapon at ``t`` is the support of the act told, not an act ("the YPG,
    backed by the continued US-led airstrikes, pushed ISIL out"; "recaptured with Russian air
    support"; "advanced under artillery cover"): a support joiner ("backed by") before it, or
    an opener ("with", "under") before it and a support head ("support", "cover") ending it or
    right after it, with only words of one noun phrase between (``support_adjuncts``; a
    comma ends the phrase, "Backed by air strikes, the army shelled the village", unless it
    parts the items of a list)."""
    if t.word.sub not in lex.support_subs and not t.word.weapon:
        return False
    before = _WORD_OR_BREAK.findall(low[max(0, t.start - 80):t.start])[-(lex.support_within + 4):]
    gap: list[str] = []
    listed = False  # a comma crossed inside a list of the support's items
    tail = _WORD.findall(t.word.phrase)[-1:] + _WORD.findall(low[t.end:t.end + 20])[:1]
    headed = not lex.support_heads.isdisjoint(tail)
    for i in range(len(before) - 1, -1, -1):
        if len(gap) > lex.support_within:
            return False
        if headed and before[i] in lex.support_openers:
            return True
        if any(tuple(before[i - n + 1:i + 1]) in lex.support_joiners
               for n in range(1, min(lex.support_joiner_words, i + 1) + 1)):
            return True
        if before[i] == "," and (listed or _list_goes_on(low, t.end, lex)):
            listed = True  # "backed by tanks, artillery and airstrikes": an item of its list
            continue
        if before[i] in lex.support_gap_stops or before[i] in _BREAKS:
            return False
        listed = listed or before[i] in lex.list_links
        gap.append(before[i])
    return False


def _list_goes_on(low: str, end: int, lex: Lexicon) -> bool:
    """The words after ``end`` go on a list to its last item ("…, artillery and airstrikes"):
    "and" or "or" comes before any word that ends a noun phrase."""
    for w in _WORD_OR_BREAK.findall(low[end:end + 40])[:4]:
        if w in lex.list_links:
            return True
        if w != "," and (w in lex.support_gap_stops or w in _BREAKS):
            return False
    return False


_CAP_WORD = re.compile(r"[A-Z][\w'-]*")


def in_proper_name(sentence: str, start: int, end: int) -> bool:
    """"Artillery Regiment 121", "the Battle of Kunduz", "Operation Sabre": a capitalised
    trigger inside a name (not the sentence's first word) names a unit or an event, it does not
    report one."""
    if not sentence[start:start + 1].isupper() or sentence[start:end].isupper():
        return False  # lower case, or an acronym such as IED
    if any(w[:1].islower() for w in sentence[start:end].split()):
        return False  # "Air Force strike": the name ends before the trigger's last word
    if not sentence[:start].strip():
        return False
    nxt = sentence[end:end + 40].lstrip()
    first, _, rest = nxt.partition(" ")
    if rest and first in lang.wordlist("grammar", "name_links"):
        nxt = rest.lstrip()
    prev = sentence[:start].rstrip().rsplit(" ", 1)[-1]
    return bool(_CAP_WORD.match(nxt) or _CAP_WORD.fullmatch(prev))


def _threat_to_light(low: str, start: int, lex: Lexicon) -> bool:
    """A threat or pledge verb before 'to <verb of doing>' a few words before the trigger."""
    words = _WORD.findall(low[max(0, start - 160):start])
    for k in range(2, lex.modal_to_light_within + 2):
        if k > len(words) or words[-k] != lex.infinitive_marker:
            continue
        if words[-k + 1] in lex.modal_to_light_verbs and not lex.modal_before_to_far.isdisjoint(
                words[max(0, len(words) - k - lex.modal_before_to_far_within):len(words) - k]):
            return True
    return False


def _purpose(low: str, start: int, lex: Lexicon) -> bool:
    """'to <helper verb> <whom>' right before the trigger, in the same stretch of the clause
    (no comma, semicolon or colon between: "to assist the allies, fighting stabilized" tells the
    fighting) (triggers.yaml modality purpose_verbs): the act is what the help is for, not what
    happened."""
    window = low[max(0, start - 60):start]
    cut = max(window.rfind(","), window.rfind(";"), window.rfind(":"))
    before = _WORD.findall(window[cut + 1:])
    to = lex.infinitive_marker
    for k in range(1, min(lex.modal_purpose_within, len(before) - 1) + 1):
        word = before[-k]
        if word in lex.modal_purpose_stops:
            return False
        if word in lex.modal_purpose_verbs and before[-k - 1] == to:
            return True
    return False


@cached
def _cue_modified() -> frozenset[str]:
    """Nouns a cue word modifies, where it tells no modality ("warning shots")."""
    return frozenset(load_yaml("triggers.yaml")["modality"].get("cue_modified_nouns", []))


def _without_modifiers(words: list[str]) -> list[str]:
    """``words`` without a word that modifies the noun after it ("fired *warning* shots")."""
    nouns = _cue_modified()
    if nouns.isdisjoint(words):
        return words  # no word is such a noun: none is dropped (most windows)
    return [w for k, w in enumerate(words) if k + 1 >= len(words) or words[k + 1] not in nouns]


def is_modal(low: str, start: int, lex: Lexicon) -> bool:
    """True when the trigger at ``start`` is planned, threatened, denied or hypothetical."""
    before = _without_modifiers(_WORD.findall(low[max(0, start - 60):start]))
    if not before:
        return False
    last = before[-4:]
    to = lex.infinitive_marker
    if len(before) >= 2 and before[-1] == to and before[-2] in lex.modal_before_to:
        return True
    if len(before) >= 3 and before[-1] == to and before[-3] in lex.modal_before_to:
        return True  # "attempt to recapture", "plans to soon attack"
    if before[-1] == to and not lex.modal_before_to_far.isdisjoint(
            _WORD.findall(low[max(0, start - 100):start])[-lex.modal_before_to_far_within - 1:-1]):
        return True  # "threatened in an audio message on Friday to attack"
    if to in before[-lex.modal_to_light_within - 1:-1] and _threat_to_light(low, start, lex):
        return True  # "threatened on Monday to unleash a wave of car bombings"
    if to in before[-lex.modal_purpose_within - 2:-1] and _purpose(low, start, lex):
        return True  # "sent troops to help the army retake the north"
    if len(before) >= 2 and before[-1] in lex.articles and before[-2] in lex.modal_before_article:
        return True  # "preparing an attack"
    if len(before) >= 3 and before[-2] in lex.articles and before[-3] in lex.modal_before_article:
        return True  # "preparing a major offensive"
    window = before[-lex.denial_window:]
    # set tests first (one C call each); the pairwise test only when a denial verb is there
    if not lex.denial_verbs.isdisjoint(window) and any(
            verb in lex.denial_verbs and obj in lex.denial_objects
            for verb, obj in zip(window, window[1:], strict=False)):
        return True  # "denied reports that troops had fired on"
    if not lex.modal_words.isdisjoint(last[-2:]):
        return True
    if not lex.modal_auxiliaries.isdisjoint(last):
        return True  # "would soon launch an offensive"
    if not low[:start].rstrip().endswith(lex.past_auxiliaries):
        phrase_end = low.find(" ", start)
        word = low[start:phrase_end if phrase_end != -1 else len(low)]
        if not word.endswith(lex.past_participle_endings):
            ahead = _WORD.findall(low[start:start + 80])
            # dropping modifiers only removes words: with no auxiliary in the window at all
            # there is none in its words 1-6 either
            if not lex.modal_auxiliaries.isdisjoint(ahead) and not lex.modal_auxiliaries.isdisjoint(
                    _without_modifiers(ahead)[1:7]):
                return True  # "The capture of Stalingrad would make …": a supposition
    return lex.modal_phrases.search(" ".join(last)) is not None  # "in the event of" …
