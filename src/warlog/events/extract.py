"""From a cleaned document to event records: triggers → clauses → typed frames → arguments.

The document is read once, in order, sentence by sentence; a narrative state carries the last
date (the clock), the last place and the last actors, because articles say "the next day",
"the base" and "they" far more often than they repeat a date, a town or a name.

Per clause with a trigger:
- type: the strongest, most specific trigger (``classify.primary_trigger``), refined by its
  arguments (who captured, what was seized, who died);
- date: a date mention inside the clause, else the sentence's last date before it, else the
  narrative clock;
- place: the place mentions nearest the trigger (a coordinated list gives one event per place),
  else the last place of the narrative;
- actors: dictionary and context-resolved mentions; the subject before the trigger is actor1, a
  passive "by X" agent too; a missing party comes from the narrative;
- fatalities: ACLED's counting rules over the clause;
- evidence: the sentence, with offsets in the original file.
Then the one-event rule merges records of the same day, place, actors and type.
"""

from __future__ import annotations

import gc
import re
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from warlog import lang
from warlog.actors.normalize import fold
from warlog.casualties import Fatalities, count_fatalities
from warlog.casualties.lexicon import lexicon as casualty_lexicon
from warlog.data import cached, load_yaml
from warlog.events import arguments as args
from warlog.events.claims import Claim, find_claim, is_back_reference
from warlog.events.classify import (
    ranked_triggers,
    reports_no_event,
    same_country,
    shoot_down_told,
    sub_event_type,
    tells_grievance,
    victims_are_civilian,
    without_seized_weapon_words,
)
from warlog.events.clauses import Clause, split_clauses
from warlog.events.lexicon import Lexicon, lexicon
from warlog.events.merge import merge_events
from warlog.events.narrative import NarrativeState
from warlog.events.triggers import Trigger, find_triggers, has_modal_trigger, held_participles
from warlog.ingest.lexicon import image_extensions
from warlog.ingest.news import news_view
from warlog.model import (
    ActorMention,
    Document,
    Event,
    Evidence,
    Location,
    ResolvedDate,
    Section,
)
from warlog.nlp.alternation import trie_alternation
from warlog.nlp.sentences import Sentence, normalise, sentences
from warlog.profile import profile_of

MAX_EVIDENCE = 700

# a list entry's own date at the start of its line: bullet marks, a flag's image name
# ("* Flag of Chad.svg 24 November 2015 – ..."; ingest.yaml image_extensions), then the
# date and a dash or colon
_ENTRY_MARK = re.compile(r"[ \t]*[–—:-][ \t]")


# A sentence that only adds the toll of the event before it: "The explosions left 19 dead",
# "In the final assault, 170 soldiers were killed", "… were killed in the clashes".
# Its words are English (lang/en/grammar.yaml), the event nouns domain data.
@cached
def _anaphors() -> tuple[re.Pattern[str], re.Pattern[str]]:
    g = lang.words("grammar")
    noun = trie_alternation(load_yaml("extraction.yaml")["event_nouns"])  # longest first
    opener = trie_alternation(g["anaphor_openers"])
    prep = trie_alternation(g["anaphor_prepositions"])
    det = trie_alternation(g["anaphor_determiners"])
    inside_det = trie_alternation(g["anaphor_inside_determiners"])
    opening = re.compile(rf"^(?:{opener} )?(?:{prep} )?{det} (?:[a-z-]+ )?{noun}\b")
    inside = re.compile(rf"\b{prep} {inside_det} (?:[a-z-]+ )?{noun}\b")
    return opening, inside


@cached
def _toll_forms() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A passive marker right before a death ("four were killed"), and the words that tell a
    death with no one doing it ("died", "lost their lives")."""
    g = lang.words("grammar")
    passive = re.compile(rf"\b{trie_alternation(g['passive_markers'])}\s+$")
    intransitive = re.compile(rf"{trie_alternation(g['toll_intransitives'])}\b")
    return passive, intransitive


@cached
def _untolled_disorders() -> frozenset[str]:
    """Disorder types whose events take no toll from the next sentence (extraction.yaml)."""
    return frozenset(str(x) for x in load_yaml("extraction.yaml")["untolled_disorders"])


@cached
def _entry_lead() -> re.Pattern[str]:
    """What may stand before a list entry's date on its line: bullet marks, an image's file
    name (the extensions ingest knows: ingest.yaml ``image_extensions``), and a count in
    brackets ("(2) 21 October 2014 – Two jets were shot down"; a list's tally of the entry)."""
    exts = "|".join(map(re.escape, image_extensions()))
    return re.compile(rf"[ \t*•|#-]*(?:[^\n]{{0,60}}?\.(?i:{exts})\s+)?(?:\(\d{{1,3}}\)[ \t]+)?")


@cached
def _boundary_words() -> re.Pattern[str]:
    """Words before a country that name its edge, not a place in it ("near the border with
    Burkina Faso"): extraction.yaml ``boundary_words``."""
    words = "|".join(re.escape(str(w)) for w in load_yaml("extraction.yaml")["boundary_words"])
    return re.compile(rf"\b(?:{words})\b")


@cached
def _abroad_locative() -> re.Pattern[str]:
    """A locative of geo_homonyms.yaml ``country_locatives`` in the phrase before a country
    ("struck targets in the Qandil mountains of northern |Iraq"), not a country named as a
    party ("the army chiefs of Pakistan and |India")."""
    words = load_yaml("geo_homonyms.yaml")["country_locatives"]
    return re.compile(rf"\b(?:{'|'.join(re.escape(str(w)) for w in words)})\b[^,;.]*$")


@cached
def _other_figure_cues() -> re.Pattern[str]:
    """A source's or a revised figure before a later clause's count (extraction.yaml)."""
    cues = load_yaml("extraction.yaml")["other_figure_cues"]
    return re.compile("|".join(f"(?:{p})" for p in cues))


@cached
def _same_toll_nouns() -> frozenset[str]:
    """Person nouns that name no particular victims ("people"): extraction.yaml."""
    return frozenset(str(w) for w in load_yaml("extraction.yaml")["same_toll_nouns"])


@cached
def _state_truce() -> tuple[frozenset[str], re.Pattern[str]]:
    """Trigger words of a truce or a peace and the back-references that make one local
    (extraction.yaml ``state_truce``)."""
    raw = load_yaml("extraction.yaml")["state_truce"]
    cues = "|".join(re.escape(str(w)) for w in raw["local_cues"])
    return frozenset(str(w) for w in raw["words"]), re.compile(rf"\b(?:{cues})\b")


@cached
def _restating_joiners() -> frozenset[str]:
    """The conjunctions that may open a clause restating the event just told ("and a
    10-hour battle left …"; extraction.yaml ``restating_joiners``)."""
    return frozenset(str(w) for w in load_yaml("extraction.yaml")["restating_joiners"])


@cached
def _zero_toll_cues() -> tuple[str, ...]:
    return tuple(lang.words("grammar")["zero_toll_cues"])


@cached
def _possessive() -> re.Pattern[str]:
    """A name written as an owner ("Chad's army": the name owns what follows)."""
    mark = str(lang.words("grammar")["possessive"])
    curly = mark.replace("'", "’")  # the typographic apostrophe
    return re.compile(rf"(?:{re.escape(mark)}|{re.escape(curly)})\b")


@cached
def _definite() -> re.Pattern[str]:
    """A determiner and up to three describing words right before a noun that refer back to
    the thing told before ("the temporary ceasefire", "this truce"), not to another one ("the
    first ceasefire", "a new truce"): lang grammar ``back_reference_determiners`` and
    ``another_words``."""
    g = lang.words("grammar")
    other = trie_alternation(g["another_words"])
    return re.compile(rf"\b(?:{trie_alternation(g['back_reference_determiners'])})\s+"
                      rf"(?:(?!(?:{other})\b)[\w'.-]+\s+){{0,3}}$")


_WORDS = re.compile(r"[a-z0-9'-]+")
# a truce told before reaches as far back as a paragraph or two (characters): a truce told
# pages before is another truce of a long war
_TRUCE_REACH = 1000
_TAKES = ("capture", "recapture")  # the trigger roles of a change of control


class DocumentExtractor:
    def __init__(self, doc: Document, lex: Lexicon | None = None) -> None:
        self.source_text = doc.text  # evidence quotes the document as written
        # the conflict profile first: its sides, date span and place guide the events (read
        # once: the store keeps the same profile)
        profile = profile_of(doc)
        doc = news_view(doc)  # wire capitals truecased, the dateline kept as metadata
        self.doc = doc
        self.lex = lex or lexicon()
        self.folded = fold(doc.text)  # once: the actor context and every sentence share it
        self.ctx = args.ArgumentContext.for_document(doc, self.folded, profile)
        self.state = NarrativeState(location=self.ctx.default_location())
        # where a news item was filed (its dateline), as long as no event has moved the
        # narrative elsewhere: where it was filed from, not where its story happened
        self._filed = self.state.location if doc.meta.get("dateline") else None
        self.events: list[Event] = []
        self._events_end = -1  # where the last sentence that told events ends
        # the current sentence's clauses and their counts: the zero-toll, toll and event
        # checks read the same clause, so it is cut, tokenised and counted once
        self._clause_memo: dict[tuple[int, int], tuple[Sentence, Fatalities | None]] = {}
        self._tail = 0  # where a trailing "after <party> captured" clause starts (_sentence)
        self._tail_party: ActorMention | None = None  # that clause's subject (_after_subject)
        self._entry_start: Location | None = None  # where a dated list entry starts (_entry_place)
        self._entry_at: Location | None = None  # ... the current entry's (its section's) place
        self._entry_from: tuple[Location | None] | None = None  # the place carried into it
        self._point: Location | None = None  # ... the last place with a point (_site_anchor)
        self._doc_area: Location | None | bool = False  # _document_area, once (False: not yet)
        self._truce_at: tuple[Location | None, str | None, int] | None = None  # last truce told
        # the title as the lead's definition sentence writes it ("battle of kunduz")
        self.title = re.sub(r"\s*\(.*?\)\s*", " ", normalise(doc.title)).strip()

    # -- driver --------------------------------------------------------------------------
    def run(self) -> list[Event]:
        doc = self.doc
        section = None
        skipping = False
        for sent in sentences(doc.text, self.folded):
            sec = doc.section_at(sent.start)
            if sec is not section:
                section = sec
                skipping = bool(sec and normalise(sec.title).strip(" #:") in
                                self.lex.skip_sections)
                self.ctx.start_section(sec)
                loc = self.ctx.section_location(sec)
                if loc is not None:
                    self.state.location = loc
            if sec is not None and sent.start <= sec.start + 2 and _is_heading(sent, sec):
                continue
            before = self.ctx.clock.current
            dates = self.ctx.clock.read(sent)
            if skipping:
                continue
            self._sentence(sent, dates, before)
        return merge_events(self.events)

    # -- one sentence ----------------------------------------------------------------------
    def _sentence(self, sent: Sentence, dates: list[ResolvedDate],
                  before: ResolvedDate | None) -> None:
        self._clause_memo.clear()
        self._entry_place(sent, dates)
        triggers = self._alone_only(sent, [t for t in find_triggers(sent, self.lex)
                                           if shoot_down_told(sent.low, t)])
        if self.state.sentence_events:
            claim = find_claim(sent.low)  # "Al-Shabaab claimed responsibility (for the attack)."
            if claim is not None and is_back_reference(
                    sent.low, claim, [(t.start, t.end, t.word.killing) for t in triggers]):
                self._credit(claim, sent)
                return
        if not triggers:
            self._zero_toll(sent)  # "No one was hurt, the army said." after the event
            self._other_toll(sent)  # "The government put the toll at 300." after it
            self._opening_party(sent)
            return  # most sentences: no place or actor lookup needed
        triggers = without_seized_weapon_words(sent.low,
                                               _without_background_spans(sent.low, triggers))
        low = sent.low
        if self._is_tally(low) or self._is_definition(low) or reports_no_event(
                low, tells_grievance(t.sub for t in triggers), [t.sub for t in triggers]):
            return
        lead_end = self._subordinate_lead(low, triggers)
        recalled = bool(lead_end) and self._recalls(triggers, lead_end)
        if recalled:
            triggers = [t for t in triggers if t.start >= lead_end]
        tail = 0 if lead_end else _trailing_capture(low, triggers)
        if tail and self._recalls([t for t in triggers if t.start >= tail], len(low)):
            triggers = [t for t in triggers if t.start < tail]  # told just before
            tail = 0
        self._tail = tail
        places = self.ctx.places(sent, self._site_anchor(), self._edge_country)
        actors = [a for a in self.ctx.actors(sent)
                  if not recalled or a.start - sent.start >= lead_end]
        self._tail_party = _after_subject(low, sent.start, triggers, actors, tail)
        for a in actors:
            self.state.mentions.setdefault(a.name, a)
        opening, inside = _anaphors()
        ana = opening.match(low) or inside.search(low)
        if ana and self.state.sentence_events and all(
                t.word.killing or t.word.strength < 2 or ana.start() <= t.start < ana.end()
                for t in triggers) and not any(args.year_only(d) for d in dates):
            # (not a sentence dated by years it looks back over: "in the fighting, 14,000 were
            # killed between 2014 and 2021" is a tally, not the toll of the event before)
            self._attach(self.state.sentence_events[0], sent)  # the toll of the event before
            return
        if any(t.word.phrase in self.lex.release_verbs for t in triggers):
            dates = _without_held_dates(sent, dates, self.lex)
        cuts = [lead_end] if lead_end and not recalled else []
        if tail:
            cuts.append(tail)
        asides: dict[int, int] = {}  # a reference date's start -> the end of its event's words
        for i, d in enumerate(dates):
            if i and getattr(d, "reference", False):  # "On 2 October, a day after X, ...": X
                end = _aside_end(sent.text, d.end - sent.start,
                                 dates[i - 1].start - sent.start < _OPENING)
                if end is not None:
                    asides[d.start] = end
                    cuts += [d.start - sent.start, end]
        clauses = split_clauses(sent, triggers, dates, sent.start, cuts)
        clause_date = before
        n_before = len(self.events)
        # a sentence whose first clause says nobody died and whose others tell only injuries
        # ("No one was killed, but three persons were slightly wounded") tells no act of its
        # own: its zero is the toll of the event before, as a one-clause sentence's is (not
        # with dead of its own: "no troops were killed; the week after, five were")
        tolls_only = clauses and all(c.triggers and all(t.word.killing for t in c.triggers)
                                     for c in clauses) and all(
            self._count(sent, c).killed is None for c in clauses[1:])
        zero_before = False  # that zero given: the injuries after it are no event either
        for i, clause in enumerate(clauses):
            if zero_before and self._count(sent, clause).killed is None:
                continue
            if self._nobody_hurt(sent, clause, n_before,
                                 len(clauses) == 1 or (tolls_only and i == 0)):
                zero_before = bool(tolls_only and i == 0 and len(self.events) == n_before)
                continue
            if self._toll_of_before(sent, clause, n_before, places, dates):
                continue
            if self._restated(sent, clause, n_before, places, dates, actors):
                continue
            if len(clauses) == 1 and self._toll_of_sentence_before(sent, clause, places, dates,
                                                                    actors):
                continue
            in_clause = [d for d in dates if clause.start <= d.start - sent.start < clause.end]
            if not in_clause and tail and clause.end == tail:
                # "fighters were executed after ISIL recaptured the oilfield on 12 October":
                # the act after the capture takes its day when it tells none of its own
                in_clause = [d for d in dates if d.start - sent.start >= tail]
            # "police said on Friday that …": the report's day only when the clause has no other
            in_clause = [d for d in in_clause if not getattr(d, "reporting", False)] or in_clause
            prior = [d for d in dates if d.start - sent.start < clause.start
                     and not getattr(d, "reference", False)]
            # "On 2 October, a day after the army recaptured Lyman": the day "a day after"
            # counts back to dates the clause it opens, and no other
            refs = [d for d in in_clause if getattr(d, "reference", False)]
            if refs:
                in_clause = [d for d in in_clause if d not in refs]
                at, told = refs[0].end - sent.start, asides.get(refs[0].start)
                if told is not None and all(at <= t.start < told for t in clause.triggers):
                    in_clause = refs[:1]
            # a clause that states only a date too vague for one event ("In 2016, rebels
            # shelled the town") is not dated by the narrative's last day: it dates no event
            own = [d for d in in_clause if not getattr(d, "background", False)]
            if in_clause and not own and all(args.year_only(d) for d in in_clause):
                # "more than 17,000 were killed between 2009 and 2015", "57,000 have been
                # killed since 2003": a clause dated only by years it looks back over is a
                # tally or background, not an event of the narrative's day
                if not all(self._object_aside(low, clause, d.start - sent.start)
                           for d in in_clause):
                    continue
                # ... unless every such year is in an aside after the act about its object
                # ("recaptured the town, which rebels had held since 1990"): the act is dated
                # as if the aside were not there
                in_clause = []
            date = _refined(args.pick_date(in_clause), in_clause) or (
                own[0] if own else prior[-1] if prior else clause_date)
            date = _agreed_day(low, clause, date, dates, asides, sent.start)
            self._clause(sent, low, clause, date, places, actors)
            if date is not None:
                clause_date = date
        if len(self.events) > n_before:
            self.state.sentence_events = self.events[n_before:]
            self._events_end = sent.end

    def _alone_only(self, sent: Sentence, triggers: list[Trigger]) -> list[Trigger]:
        """The triggers weaker than any act (strength below ``_ALONE``: "found",
        "discovered") tell an event only in a sentence with no other trigger and only with the
        object that makes them one ("found 1,000 pounds of explosives"; triggers.yaml
        object_overrides): "police found the bodies of two men killed by rebels" is the
        killing's sentence, as if "found" were not there."""
        weak = [t for t in triggers if t.word.strength < _ALONE]
        if not weak:
            return triggers
        if len(weak) < len(triggers):
            return [t for t in triggers if t.word.strength >= _ALONE]
        return [t for t in weak if sub_event_type(t, sent, t.end, None, None, False,
                                                   self.lex) is not None]

    def _object_aside(self, low: str, clause: Clause, at: int) -> bool:
        """Whether the date at ``at`` (sentence offset) lies in an aside opened after all the
        clause's triggers (triggers.yaml object_asides): ", which rebels had held since 1990"
        after "recaptured the town" tells the town's past, not when it was recaptured."""
        last = max(t.end for t in clause.triggers) if clause.triggers else clause.start
        return last < at and self.lex.object_asides.search(low, last, at) is not None

    def _clause(self, sent: Sentence, low: str, clause: Clause, date: ResolvedDate | None,
                places: list[Location], actors: list[ActorMention]) -> None:
        if not clause.triggers or (date is not None and args.year_only(date)):
            return  # a year alone dates no event
        if (any(t.word.weapon for t in clause.triggers)
                and not self.lex.weapon_acts.search(low, clause.start, clause.end)):
            # a weapon named with no act tells no event (a transfer, a deployment, a
            # capability): it types the clause only beside an act of fighting ("warplanes
            # raided"), one of the taxonomy's two-sided event types
            acts = [t for t in clause.triggers if not t.word.weapon]
            if not acts:
                return
            tax = self.lex.taxonomy
            if len(acts) < len(clause.triggers) and not any(
                    tax.two_sided(tax.type_of(t.sub)) for t in acts):
                clause = Clause(clause.start, clause.end, acts)
        if date is None and self.ctx.clock.year is not None:
            return  # a dated narrative's summary before its first day ("The offensive is…")
        # otherwise a document that dates nothing: the event is kept, undated
        text = sent.text
        part = self._part(sent, clause)  # the clause, with the sentence's forms
        sources = self.ctx.actor_ctx.drop_sources  # agencies, monitors, ", police said"
        c_actors = sources([a for a in actors if clause.start <= a.start - sent.start < clause.end],
                           text, sent.start)
        go_betweens = args.mediators(text, sent.start, c_actors)
        if go_betweens:  # "a truce brokered by Qatar": the mediator is neither side
            c_actors = [a for a in c_actors if a not in go_betweens]
        first = min(clause.triggers, key=lambda t: t.start)
        backers = args.supporters(text, sent.start, first, c_actors)
        if backers:  # "police backed by Kenyan officers clashed": the police acted
            c_actors = [a for a in c_actors if a not in backers]
        a1, a2 = args.pick_actors(text, sent.start, first, c_actors, self.state)
        joint = args.joint_actors(text, sent.start, first, c_actors, self.ctx.sides)
        if joint is not None and a1 is joint[1]:  # "Congolese and Burundian troops retook"
            a1 = joint[0]
            if a2 is not None and a2.name == a1.name:
                a2 = None
        else:
            joint = None
        if a1 is None and a2 is None:
            c_actors = sources(self.ctx.unknown_actors(part.text, part.start), part.text,
                               part.start)
            a1, a2 = args.pick_actors(text, sent.start, first, c_actors, self.state)
        p1, p2 = args.profile_sides(a1, a2, date, self.ctx)  # "the rebels": the known side
        for was, now in ((a1, p1), (a2, p2)):
            if now is not None and now is not was:
                self.state.mentions.setdefault(now.name, now)
        a1, a2 = p1, p2
        civ = victims_are_civilian(part, self.lex)
        sub = None
        for trig in ranked_triggers(clause.triggers, self.lex):
            locs = args.pick_locations(text, clause, trig, places, sent.start)
            if (trig.word.role not in ("other", "bombing") and not locs
                    and not self._names_a_site(part)
                    and not self._abduction(trig, part, clause)):
                continue  # "150 soldiers were captured": no place taken or left
            told = bool(locs)
            locs = [self._narrative_place(loc) for loc in locs] or [self._here()]
            country = next((loc.country for loc in locs if loc and loc.country), None) or (
                self.ctx.country)
            # "retook", "the recapture of X by Y": a state force anywhere in the clause is the
            # one that regains (its allies and the passive agent do not change that)
            # ... the country's own forces first among those before it: "Rwandan and
            # Mozambican troops recaptured Mbau" in Mozambique (foreign troops beside the
            # government's regain it for it)
            # ... and of allies told with one head noun, the country's own forces take it
            # ("Malian and French forces took the city", "AMISOM and Somali forces captured")
            own = next((a for a in joint if a.inter == 1 and a.country is not None
                        and country is not None and same_country(a.country, country)),
                       None) if joint is not None else None
            taker = (own or a1) if trig.word.role != "recapture" else next(
                (a for a in c_actors if a.inter == 1 and a.start < sent.start + trig.start
                 and a.country is not None and country is not None
                 and same_country(a.country, country)),
                next((a for a in c_actors if a.inter == 1), a1))
            sub = sub_event_type(trig, part, trig.end - clause.start, taker, country, civ,
                                 self.lex, context=sent)
            if trig.word.role == "continue":
                prev = self._continued(low)
                if prev is None:
                    # nothing to go on with: the verb's own type stands unless a trigger ranked
                    # after it types the clause ("Israeli jets targeted an army position")
                    continue
                sub = prev.sub_event_type
                if not c_actors:
                    a1, a2 = self.state.actors
            if sub is not None:
                break
        if sub is None:
            return
        fat = self._count(sent, clause)  # only for a clause that reports an event
        if trig.word.killing and fat.killed is None and not c_actors and not fat.wounded:
            return  # "died" with no count and no party: nothing to code
        at = sent.start + trig.start
        if fat.killed is None and any(s <= at < e for s, e in fat.parts):
            return  # "At least 18 of the dead were rebels": who died in a toll told before
        tax = self.lex.taxonomy
        if tax.is_territorial(sub) and locs == [None]:
            if clause.start and clause.start == self._tail:
                return  # "... after seizing the base there": no place of its own told
            sub = tax.role("clash")  # a change of control needs a place
        b1, b2 = (self.ctx.actor_ctx.localise(a, country) for a in (a1, a2))
        follow = self.ctx.actor_ctx.follow_elsewhere  # "Maoist rebels" and "policemen" in Nepal
        a1, a2 = follow(a2, b2, b1), follow(a1, b1, b2)
        a1, a2, assoc = _parties(sub, a1, a2, civ, self.ctx)
        if (a1 is None and self._tail_party is not None and clause.end == self._tail
                and self.lex.taxonomy.type_of(sub) in _after_party_types()):
            # "40 civilians were killed and 200 abducted after ISIL took control of the
            # town": a main clause that names no perpetrator is told as the taker's doing
            a1 = self.ctx.actor_ctx.localise(self._tail_party, country)
            if a2 is not None and a2.name == a1.name:
                a2 = None
        if _civilians_only(sub, a1, a2, self.ctx):
            return  # "most of the residents fled": no armed party changed control
        named_opponent = a2 is not None
        a2 = args.complete_opponent(tax.type_of(sub), a1, a2, self.state, self.ctx)
        if backers:
            if a2 is not None and any(b.name == a2.name for b in backers):
                a2 = None  # the support is no opponent
            if assoc is None and a1 is not None and backers[0].name != a1.name:
                assoc = backers[0].name
        if joint is not None and assoc is None and a1 is not None and a1.name == joint[0].name:
            assoc = joint[1].name
            if a2 is not None and a2.name == assoc:
                a2 = None  # the associate is no opponent
        # an opponent from earlier sentences, named for the event's country as the parties
        # above are ("Maoist rebels" in Nepal; the unidentified group of the country)
        a2 = self.ctx.actor_ctx.localise(a2, country)
        if tax.has_role(sub, "withdrawal") and a2 is not None and trig.word.role == "withdraw":
            a2 = None
        if tax.has_role(sub, "crowd") and a1 is None:
            a1 = self.ctx.protesters()
        if a1 is not None and a2 is not None and a1.name == a2.name:
            a2 = None  # one party named twice ("civilians … civilians") is one party
        other = a2 if a2 is not None or joint is None else joint[1]  # "A and B agreed to"
        truce = False  # a truce placed at the narrative's area: the narrative stays where it is
        if not told and locs != [None] and _states_truce(trig, a1, other, part.low):
            locs = [None]  # two states' truce told with no place: the country, no town
        elif truce := (not told and self._home(locs) and not _groups_truce(a1, other)
                       and _truce_told(trig, sub, part.low)):
            # a truce or a peace that names no place and does not refer back to one ("in the
            # town", "there") is the war's act, not the last town's: the area the narrative is
            # about (GUIDELINES: the most specific place the text supports, else the area or
            # country the narrative is about). A place abroad the narrative was at stays: most
            # often where the talks were held ("... talks in X. A truce was agreed on 9 May.");
            # so does the town two armed groups fought over before their own truce (a feud)
            # "The ceasefire", "this truce": the truce told before, at its place
            if (self._truce_at is not None and sent.start - self._truce_at[2] <= _TRUCE_REACH
                    and _definite().search(low, 0, trig.start)):
                area, country = self._truce_at[:2]
            else:
                area = self._area(sent)
                if area is not None and area.country:
                    country = area.country
            locs = [area]
        evidence = self._evidence(sent, clause)
        subs = [(sub, locs)]
        companion = self._companion(sub, clause.triggers, a1, country, part, clause.start)
        if companion:
            # the capture's own place when the clause names one for it ("retaliated for the
            # missile attacks on Ganja by seizing control of Fuzuli"), else the event's
            own = args.pick_locations(text, clause, companion[1], places, sent.start)
            subs.append((companion[0], [self._narrative_place(x) for x in own] or locs))
        toll = fat  # counted once, on the first record: ACLED never double-counts
        for kind, where in subs:
            r1, r2 = _alone(kind, a1, a2, self.ctx)
            r2 = args.territory_loser(kind, r1, r2, self.state, self.ctx)
            for loc in where:
                ev = self._record(kind, date, r1, r2, loc, country, toll, evidence, trig)
                ev.assoc_actor_1 = assoc
                toll = None
                self.events.append(ev)
                self.state.last_event = ev
        if told and locs[-1] is not None and _truce_told(trig, sub, ""):
            self._truce_at = (locs[-1], country, sent.end)  # what "the ceasefire" after it is
        if locs[-1] is not None and locs[-1] is not self._entry_at and not truce:
            self.state.location = locs[-1]
            if locs[-1].latitude is not None:
                self._point = locs[-1]
            self.ctx.remember_facility(locs[-1])
        self.state.actors = (a1, a2)
        for a in (a1, a2):
            if a is not None:
                self.state.belligerents[a.name] += 1
        if named_opponent and a1 is not None and a2 is not None and a1.name != a2.name:
            foes = self.state.foes
            foes.setdefault(a1.name, Counter())[a2.name] += 1
            foes.setdefault(a2.name, Counter())[a1.name] += 1

    def _opening_party(self, sent: Sentence) -> None:
        """A news item that opens on who is at war with no event of its own ("Myanmar's
        military has stepped up its offensive in Karenni state."): its armed party is the one
        the next sentence goes on with ("On Wednesday, its artillery shelled Loikaw"). Only
        before the document's first event and parties, for a sentence whose war word is a
        trend, a plan or a threat (triggers.yaml modality) and that names one armed party
        (not "a battle between A and B": which side acts next is not told)."""
        if self.events or self.state.actors != (None, None):
            return
        if not has_modal_trigger(sent.low, self.lex):
            return
        actors = self.ctx.actor_ctx.drop_sources(self.ctx.actors(sent), sent.text, sent.start)
        armed = {a.name: a for a in actors if a.inter in _fighting_inters()}
        if len(armed) == 1:
            party = next(iter(armed.values()))
            self.state.actors = (party, None)
            self.state.mentions.setdefault(party.name, party)

    # -- helpers -------------------------------------------------------------------------
    def _part(self, sent: Sentence, clause: Clause) -> Sentence:
        """The clause as a sentence of its own, cut once per sentence (its forms and tokens
        are then computed once for every check that reads it)."""
        key = (clause.start, clause.end)
        got = self._clause_memo.get(key)
        if got is None:
            got = self._clause_memo[key] = (sent.part(clause.start, clause.end), None)
        return got[0]

    def _count(self, sent: Sentence, clause: Clause) -> Fatalities:
        """``count_fatalities`` of the clause, counted once per sentence (a pure function
        of the clause's text and start; the result is only read)."""
        key = (clause.start, clause.end)
        part = self._part(sent, clause)
        fat = self._clause_memo[key][1]
        if fat is None:
            fat = count_fatalities(part, part.start)
            self._clause_memo[key] = (part, fat)
        return fat

    def _record(self, sub: str, date: ResolvedDate | None, a1: ActorMention | None,
                a2: ActorMention | None, loc: Location | None, country: str | None,
                fat, evidence: Evidence, trig: Trigger) -> Event:
        ev = Event(
            doc=self.doc.name,
            event_type=self.lex.type_of(sub),
            sub_event_type=sub,
            event_date=date.date_start if date else None,
            date_end=date.date_end if date else None,
            time_precision=date.precision if date else None,
            actor1=a1.name if a1 else None,
            actor2=a2.name if a2 else None,
            inter1=a1.inter if a1 else None,
            inter2=a2.inter if a2 else None,
            location=loc.name if loc else None,
            latitude=loc.latitude if loc else None,
            longitude=loc.longitude if loc else None,
            geo_precision=loc.geo_precision if loc else None,
            country=(loc.country if loc and loc.country else country),
            admin1=loc.admin1 if loc else None,
            fatalities=fat.killed if fat else None,
            fatalities_low=fat.low if fat else None,
            fatalities_high=fat.high if fat else None,
            evidence=[evidence],
            trigger=trig.text,
            source=str(self.doc.meta.get("url") or self.doc.title),
        )
        ev.notes = args.note(ev)
        return ev

    def _narrative_place(self, loc: Location) -> Location:
        """A bare country ("in Syria") says less than the place the narrative is at, and a
        neighbouring country named in passing says less than the document's own place."""
        here = self._here()
        if loc.latitude is not None or here is None or here is loc:
            return loc
        if self._fresh_entry() and here.latitude is None:
            # a dated entry that has named no town yet: the area or country it names is its
            # place ("in the Ivory Coast"), not a country named as a party ("a U.S. jet") or
            # as an edge ("near the border with Turkey"); one written as the owner of what the
            # entry tells of ("Chad's army", "Chad's Lac Region") is its country too
            if loc.geo_precision == 3 and (self._edge_country(loc) or not (
                    _abroad_locative().search(
                        self.doc.text[max(0, loc.start - 40):max(0, loc.start)].lower())
                    or _possessive().match(self.doc.text, loc.end))):
                return here
            return loc
        same_country = (loc.country is None or here.country is None
                        or loc.country == here.country)
        foreign = loc.country is not None and loc.country != self.ctx.country
        if here is self._filed and loc.geo_precision < 3 and here.latitude is not None:
            # a news item's town the gazetteer lacks ("COTABATO (AP) - ... near Tagbanua"):
            # the story's place, coded at the dateline's city as ACLED codes a village it
            # cannot find, named as the text names it. (In a narrative such a name is as often
            # no place: the narrative's own place stands for it, below.) Filed from another
            # country, it keeps its name without coordinates.
            if not same_country:
                return loc
            return replace(loc, latitude=here.latitude, longitude=here.longitude,
                           geo_precision=2, country=loc.country or here.country,
                           admin1=here.admin1, geonameid=None)
        if (here is self._filed and not same_country and loc.geo_precision == 3
                and _abroad_locative().search(
                    self.doc.text[max(0, loc.start - 40):max(0, loc.start)].lower())
                and not _boundary_words().search(
                    self.doc.text[max(0, loc.start - 24):max(0, loc.start)].lower())):
            # "ANKARA (Reuters) - Turkish warplanes struck PKK targets in northern Iraq": the
            # text names where it happened, another country than the dateline's: the dateline
            # is only where the item was filed (GUIDELINES: it stands when no place is named)
            return loc
        if (here.latitude is not None or loc.geo_precision == 3) and (same_country or foreign):
            return here  # "near the border with Burkina Faso" in a Mali article stays in Mali
        return loc

    def _entry_place(self, sent: Sentence, dates: list[ResolvedDate]) -> None:
        """A list or timeline entry that opens with its own date ("* 24 November 2015 – A jet
        was shot down near the border") is an item of its own, not the next sentence of a
        narrative: the town the entry before named is not its place. It starts where its
        section, else the document, places it, else in the document's country, so an entry
        that names no town is coded at the area or country it is in (GUIDELINES: location is
        the place as the text names it, or the town that represents it)."""
        if not dates or sent.start > dates[0].start:
            return
        text = self.doc.text
        line = text.rfind("\n", 0, sent.start) + 1
        if not (_entry_lead().fullmatch(text, line, dates[0].start)
                and _ENTRY_MARK.match(text, dates[0].end)):
            return
        if self._entry_start is None:
            country = self.ctx.country
            start = self.ctx.default_location()
            self._entry_start = start if start is not None and start.latitude is not None else (
                Location(country, None, None, 3, country) if country else None)
        sec = self.doc.section_at(sent.start)
        self._entry_at = self.ctx.section_location(sec) or self._entry_start
        self._entry_from = (self.state.location,)
        if self.state.location is not None and self.state.location.latitude is not None:
            self._point = self.state.location

    def _area(self, sent: Sentence) -> Location | None:
        """The area the narrative is about, for an act of the whole war that names no place:
        its section's place, else the document's (:meth:`_document_area`), else none (the
        record is coded at the country)."""
        loc = self.ctx.section_location(self.doc.section_at(sent.start))
        if loc is None:
            loc = self._document_area()
        return loc if loc is not None and loc.latitude is not None else None

    def _document_area(self) -> Location | None:
        """The document's place, when it names one area: its place with a point, and no other
        place as fine as it ("<town>, <country>", "<town>, <province>"), not a list of
        several ("Northern <province>, Southern <province>"; "<province>, <province> and
        <province> provinces"): a war over several areas is about none of them,
        unless the title names it ("Siege of X": the narrative is about X)."""
        if self._doc_area is not False:
            return self._doc_area
        start = self.ctx.default_location()
        self._doc_area = None
        if start is None or start.latitude is None:
            return None
        text = self.ctx.place_field()[0]
        if start.name.lower() in self.title.lower() or not any(
                loc.latitude is not None and loc.geo_precision <= start.geo_precision
                and (loc.latitude, loc.longitude) != (start.latitude, start.longitude)
                for loc in self.ctx.places_named(text)):
            self._doc_area = start
        return self._doc_area

    def _home(self, locs: list[Location | None]) -> bool:
        """Whether the places carried into a clause are in the document's own country (or
        there are none)."""
        home = self.ctx.country
        return all(loc is None or loc.country is None or home is None or loc.country == home
                   for loc in locs)

    def _here(self) -> Location | None:
        """The narrative's place for a place the sentence names vaguely or not at all: in a
        dated list entry that has named no place of its own yet, where the entry starts
        (:meth:`_entry_place`); a site the entry names is still coded at the narrative's
        point (``ArgumentContext.places``)."""
        return self._entry_at if self._fresh_entry() else self.state.location

    def _site_anchor(self) -> Location | None:
        """Where a site the sentence names without its town is coded: the narrative's
        place; in a list of dated entries, the last one with a point (an entry before that
        named only a country or a name the gazetteer lacks has none)."""
        here = self.state.location
        if self._entry_from is None or (here is not None and here.latitude is not None):
            return here
        return self._point

    def _fresh_entry(self) -> bool:
        """Whether the sentence is in a dated list entry that has named no place yet."""
        return self._entry_from is not None and self.state.location is self._entry_from[0]

    def _edge_country(self, loc: Location) -> bool:
        """Whether a country is named only as an edge ("the X crossing on the border with
        Lebanon": extraction.yaml ``boundary_words`` in the 24 characters before it): it says
        where a named site of the sentence lies no better than the site itself, which is coded
        first (GUIDELINES: the most specific place the text supports)."""
        return (loc.latitude is None and loc.geo_precision == 3 and loc.start > 0
                and bool(_boundary_words().search(
                    self.doc.text[max(0, loc.start - 24):loc.start].lower())))

    def _continued(self, low: str) -> Event | None:
        """"Additional operations targeted militia positions in X, Y and Z": more of the
        event just told, with its type and parties, in new places."""
        last = self.state.last_event
        if last is None or not self.lex.continuation.match(low):
            return None
        return last

    def _companion(self, sub: str, triggers: list[Trigger], a1: ActorMention | None,
                   country: str | None, part: Sentence, cstart: int
                   ) -> tuple[str, Trigger] | None:
        """The guidelines' pairs told in one clause: an explosion that opens a capture ("rebels
        detonated a tunnel bomb under the checkpoint and captured it") is its own event, and
        so is the capture."""
        tax = self.lex.taxonomy
        if not tax.opens_capture(tax.type_of(sub)):
            return None
        for t in triggers:
            if t.word.role in _TAKES and t.word.strength >= 2:
                other = sub_event_type(t, part, t.end - cstart, a1, country, False, self.lex)
                if other is not None and tax.is_territorial(other):
                    return other, t
        return None

    def _recalls(self, triggers: list[Trigger], lead_end: int) -> bool:
        """Whether an opening "After Baboulin was captured," tells again an event the text
        has just told (same type among the last events), rather than a new one ("After
        overnight clashes that started with a triple suicide bombing, …")."""
        lead = [t for t in triggers if t.start < lead_end]
        recent = {e.sub_event_type for e in self.events[-4:]}
        tax = self.lex.taxonomy
        withdrawn = any(tax.has_role(s, "withdrawal") for s in recent)
        return any(t.sub in recent or (t.word.role == "withdraw" and withdrawn) for t in lead)

    def _subordinate_lead(self, low: str, triggers: list[Trigger]) -> int:
        """End of an opening "After X was captured," clause when the main clause has its own
        trigger (0 when there is none): that clause recalls an event, it does not add one."""
        if not low.startswith(self.lex.subordinators):
            return 0
        comma = low.find(", ", 0, 160)
        if comma == -1 or not any(t.start > comma for t in triggers):
            return 0
        return comma + 2

    def _abduction(self, trig: Trigger, part: Sentence, clause: Clause) -> bool:
        """Whether the capture ``trig`` tells is an abduction by its words alone, whoever the
        party: people who were not fighting seized ("gunmen seized two aid workers"), or
        people seized by armed men no force is named for ("armed men seized a labor leader
        as he left his office"). Such an abduction needs no place taken: it happened where
        the narrative is (GUIDELINES: Abduction). A party's kind does not count here:
        "rebels captured 65 soldiers", "captured militants" with no place stay no event."""
        sub = sub_event_type(trig, part, trig.end - clause.start, None, self.ctx.country,
                             False, self.lex, context=part)
        return sub is not None and self.lex.taxonomy.has_role(sub, "other_capture")

    def _names_a_site(self, clause: Sentence) -> bool:
        words = set(re.findall(r"[a-z]+", clause.low))
        return bool(words & self.lex.site_words)

    def _evidence(self, sent: Sentence, clause: Clause) -> Evidence:
        s, e = sent.start, sent.end
        if e - s > MAX_EVIDENCE:
            s, e = sent.start + clause.start, sent.start + clause.end
            e = min(e, s + MAX_EVIDENCE)
        text = self.source_text[s:e].strip()
        return Evidence(text, s, e, self.doc.to_raw(s), self.doc.to_raw(max(s, e - 1)) + 1)

    def _attach(self, ev: Event, sent: Sentence) -> None:
        """A sentence that only tells the toll of the event before it ("The explosions left
        19 soldiers dead") adds its evidence and count to that event."""
        fat = count_fatalities(sent, sent.start)
        if fat.killed is not None and ev.fatalities is None:
            ev.fatalities, ev.fatalities_low, ev.fatalities_high = fat.killed, fat.low, fat.high
        ev.evidence.append(self._evidence(sent, Clause(0, len(sent.text))))

    def _credit(self, claim: Claim, sent: Sentence) -> None:
        """A claim of responsibility for the event just told gives it its perpetrator when the
        text named none (or an unidentified armed group): the claimant before the claim
        ("The Islamic State said it carried out the attack"). A negated claim credits nobody;
        neither is a new event."""
        if claim.negated:
            return
        actor_ctx = self.ctx.actor_ctx
        who = [a for a in self.ctx.actors(sent) if a.end - sent.start <= claim.start]
        if not who:
            return  # "The group claimed responsibility": no name to give
        evidence = self._evidence(sent, Clause(0, len(sent.text)))
        # the claimant is the narrative's acting side from here on, as after any event it did
        named = who[-1]
        opponent = self.ctx.opponent_of(named, self.state)
        if opponent is not None and opponent.name == named.name:
            opponent = None
        self.state.actors = (named, opponent)
        for a in (named, opponent):
            if a is not None:
                self.state.belligerents[a.name] += 1
        self.state.mentions.setdefault(named.name, named)
        for ev in self.state.sentence_events:
            claimant = actor_ctx.localise(named, ev.country)
            if claimant is None:
                continue
            if ev.actor1 == claimant.name:  # already read from the document: the claim says so
                ev.evidence.append(evidence)
                continue
            if ev.actor1 is not None and not actor_ctx.is_unidentified(ev.actor1):
                continue  # the text already said who did it
            if ev.actor2 == claimant.name:  # a side guessed from the document's context
                ev.actor2, ev.inter2 = None, None
            ev.actor1, ev.inter1 = claimant.name, claimant.inter
            ev.evidence.append(evidence)
            ev.notes = args.note(ev)

    def _toll_of_before(self, sent: Sentence, clause: Clause, n_before: int,
                        places: list[Location], dates: list[ResolvedDate]) -> bool:
        """A later clause whose only triggers are deaths or injuries that nobody is said to
        inflict ("Rebels attacked an army post; four soldiers were killed") is the toll of the
        event the sentence has just told, not an event of its own (ACLED: one event, its
        fatalities, both sides' dead summed). A clause that names a place or a day of its own
        ("…, while 11 soldiers died defending the X base", "…; five days later, a soldier was
        killed") tells another event."""
        if len(self.events) <= n_before or not clause.triggers:
            return False
        lo, hi = sent.start + clause.start, sent.start + clause.end
        part = self._part(sent, clause)
        # a day the toll was reported on ("…, the Health Ministry said Friday") is not a day of
        # another event: the toll stays the event's just told
        if (any(lo <= loc.start < hi for loc in places)
                or any(lo <= d.start < hi and not d.reporting for d in dates)
                or self._names_a_site(part)):
            return False
        passive, intransitive = _toll_forms()
        low = sent.low
        told = False  # a toll read in the clause carries over: "were killed and six wounded"
        for t in sorted(clause.triggers, key=lambda t: t.start):
            if not t.word.killing:
                return False
            if not (told or passive.search(low, max(clause.start, t.start - 16), t.start)
                    or intransitive.match(low, t.start)):
                return False  # "militants killed three villagers": an act, not a toll
            told = True
        fat = self._count(sent, clause)
        if fat.killed is None and not fat.wounded:
            return False
        ev = self.events[n_before]
        if fat.killed is not None:
            if ev.fatalities is None:
                ev.fatalities, ev.fatalities_low, ev.fatalities_high = (fat.killed, fat.low,
                                                                         fat.high)
            elif self._other_figure(part, fat):  # "…, police said; residents said up to 40
                figures = (ev.fatalities, ev.fatalities_low, ev.fatalities_high,  # died"
                           fat.killed, fat.low, fat.high)
                known = [f for f in figures if f is not None]
                ev.fatalities = min(ev.fatalities, fat.killed)
                ev.fatalities_low, ev.fatalities_high = min(known), max(known)
            else:  # "two ISIL members were killed while one HTS member was killed"
                ev.fatalities += fat.killed
                ev.fatalities_low = (None if ev.fatalities_low is None or fat.low is None
                                     else ev.fatalities_low + fat.low)
                ev.fatalities_high = (None if ev.fatalities_high is None or fat.high is None
                                      else ev.fatalities_high + fat.high)
            ev.notes = args.note(ev)
        return True

    def _restated(self, sent: Sentence, clause: Clause, n_before: int,
                  places: list[Location], dates: list[ResolvedDate],
                  actors: list[ActorMention]) -> bool:
        """A later clause that opens with the event just told as its subject, a noun of the
        same event type after a determiner ("Guerrillas attacked the post on Wednesday, and a
        10-hour battle left 11 guardsmen and 20 rebels dead"), with no place or day of its own,
        is that event again (ACLED's one-event rule): its toll is the event's, not a second
        record's."""
        if len(self.events) <= n_before or not clause.triggers:
            return False
        lo, hi = sent.start + clause.start, sent.start + clause.end
        if (any(lo <= loc.start < hi for loc in places)
                or any(lo <= d.start < hi and not d.reporting for d in dates)):
            return False
        acts = [t for t in clause.triggers if not t.word.killing]
        ev = self.events[n_before]
        tax = self.lex.taxonomy
        if (not acts or tax.is_territorial(ev.sub_event_type)
                or any(tax.type_of(t.sub) != ev.event_type or tax.is_territorial(t.sub)
                       for t in acts)):
            return False  # ("took ground, but the attack was repelled": not a capture again)
        first = min(acts, key=lambda t: t.start)
        if any(lo <= a.start < sent.start + first.start for a in actors):
            return False  # "and the Turkish Army regained control": a party acts anew
        by = f" {lang.words('grammar')['agent_preposition']} "
        if any(first.start < a.start - sent.start < clause.end
               and sent.low.endswith(by, 0, a.start - sent.start) for a in actors):
            return False  # "the encirclement was breached by Russian forces": another party
        head = _WORDS.findall(sent.low[clause.start:first.start])
        lead = [w for w in head if w not in _restating_joiners()]
        if (not lead or len(lead) > 3 or lead[0] not in lang.wordlist("grammar", "determiners")
                or len(head) - len(lead) > 1):
            return False
        fat = self._count(sent, clause)
        if fat.killed is not None and (ev.fatalities is None or fat.killed > ev.fatalities):
            ev.fatalities, ev.fatalities_low, ev.fatalities_high = fat.killed, fat.low, fat.high
            ev.notes = args.note(ev)
        return True

    @staticmethod
    def _other_figure(part: Sentence, fat: Fatalities) -> bool:
        """Is a later clause's toll another source's or a revised figure for the toll told
        before it ("…, police said; residents said up to 40 died")? The clause gives a source
        or a revision before its count (extraction.yaml ``other_figure_cues``), its count
        names no victims of their own ("claimed that five Indian soldiers were killed" are
        other dead: "up to 40 died", "18 deaths" are the same toll's) and adds none ("also",
        "another"): GUIDELINES keep the lowest of conflicting figures, the range beside it."""
        spans = sorted((s, e) for s, e, role in fat.spans if role == "killed")
        if not spans:
            return False
        first, end = spans[0][0] - part.start, spans[0][1] - part.start
        low, lx = part.low, casualty_lexicon()
        if lx.sum_cue.search(low) or not _other_figure_cues().search(low, 0, first):
            return False
        after = low[end:end + 40].split()[:2]
        return not any(w.strip(".,;") in lx.person_singular | lx.person_plural
                       and w.strip(".,;") not in _same_toll_nouns() for w in after)

    def _nobody_hurt(self, sent: Sentence, clause: Clause, n_before: int, alone: bool) -> bool:
        """A clause such as "…; nobody was injured", whose only triggers are the deaths or
        injuries it says nobody suffered, reports no event (a negation); it gives the events
        told before it in the sentence their zero toll, or, when it is the whole sentence
        ("Nobody was injured, police said."), the event of the sentence before."""
        if not clause.triggers or not all(t.word.killing for t in clause.triggers):
            return False
        fat = self._count(sent, clause)
        zeros = [(s, e) for s, e, role in fat.spans if role == "zero"]
        if fat.killed != 0 or not all(
            any(s <= sent.start + t.start < e for s, e in zeros) for t in clause.triggers
        ):
            return False
        before = self.events[n_before:] or (self.state.sentence_events[:1] if alone else [])
        for ev in before:
            if ev.fatalities is None:
                ev.fatalities = 0
        return True

    def _toll_of_sentence_before(self, sent: Sentence, clause: Clause, places: list[Location],
                                 dates: list[ResolvedDate], actors: list[ActorMention]) -> bool:
        """"Warplanes bombed the city's southern neighbourhoods on 24 June. At least 17 people
        were killed.": a sentence right after the sentence of an event that only tells deaths
        nobody is said to inflict, with no place, day or site of its own, is the toll of that
        event when it has none yet (:meth:`_toll_of_before` for the sentence before)."""
        before = self.state.sentence_events
        if (not before or before[0].fatalities is not None
                or self.doc.text[self._events_end:sent.start].strip()):
            return False  # a second figure may be a subset or another source's: not summed
        if self.lex.taxonomy.disorder(before[0].event_type) in _untolled_disorders():
            return False  # "The militants withdrew. ISIL suffered 300 dead.": not a withdrawal's
        by = f"{lang.words('grammar')['agent_preposition']} "
        if any(by in sent.low[max(0, a.start - sent.start - 12):a.start - sent.start]
               for a in actors):
            return False  # "… were killed in firing by Indian forces": someone inflicted them
        if not self._toll_of_before(sent, clause, len(self.events) - len(before), places, dates):
            return False
        before[0].evidence.append(self._evidence(sent, Clause(0, len(sent.text))))
        return True

    def _zero_toll(self, sent: Sentence) -> None:
        """A sentence with no act of its own that says nobody was hurt gives the event just
        told its zero toll."""
        events = self.state.sentence_events
        low = sent.low
        if events and events[0].fatalities is None and any(c in low for c in _zero_toll_cues()):
            fat = count_fatalities(sent, sent.start)
            if fat.killed == 0:
                events[0].fatalities = 0

    def _other_toll(self, sent: Sentence) -> None:
        """A sentence with no act of its own that gives another source's or a revised toll
        ("The government put the toll at 300.", "Police had earlier put the toll at 161.")
        after an event told with its toll: conflicting figures, the lowest is the event's and
        both make its range (GUIDELINES). A toll word (casualties.yaml ``toll_heads``) and a
        source or a revision before the count (``_other_figure``) are needed; a count of
        victims of their own ("the toll among soldiers was 3") is not one."""
        events = self.state.sentence_events
        if not events or events[0].fatalities is None:
            return
        heads = casualty_lexicon().toll_heads
        if not any(w in heads for w in re.findall(r"[a-z]+", sent.low)):
            return
        fat = count_fatalities(sent, sent.start)
        if fat.killed is None or fat.vague or not self._other_figure(sent, fat):
            return
        ev = events[0]
        known = [f for f in (ev.fatalities, ev.fatalities_low, ev.fatalities_high, fat.killed,
                             fat.low, fat.high) if f is not None]
        ev.fatalities = min(ev.fatalities, fat.killed)
        ev.fatalities_low, ev.fatalities_high = min(known), max(known)
        ev.notes = args.note(ev)

    def _is_tally(self, low: str) -> bool:
        return self.lex.is_tally(low)

    def _is_definition(self, low: str) -> bool:
        """The lead's "The 2014 X offensive was an offensive launched by …" sums up the article."""
        title = self.title
        if len(title) < 6:
            return False
        head = low[: len(title) + 12]
        window = low[: len(title) + 40]
        return title in head and any(v in window for v in self.lex.definition_verbs)


_ALONE = 1.0  # triggers weaker than this are no event beside another (_alone_only)
_OPENING = 4  # a date this near the sentence's start opens it ("On 2 October", "In May")
_ASIDE_WORDS = 15  # the words of an event named after "a day after" before its comma, at most


def _aside_end(text: str, at: int, opens: bool) -> int | None:
    """Where the event "a day after" names ends: at its comma ("On 2 October, a day after the
    army recaptured Lyman, the battle began"), or at the sentence's end when the date it
    follows closes the main clause ("The battle began on 2 October, a day after the army
    recaptured Lyman."); None where the sentence opens with the date and no comma near it
    tells where its main clause begins ("On 19 March, two days after the truce rebels
    attacked a commander who was trying to flee the area, ...")."""
    comma = text.find(",", at)
    if comma == -1:
        return None if opens else len(text)
    if opens and len(text[at:comma].split()) > _ASIDE_WORDS:
        return None  # the comma closes a longer clause: the main one, told with no comma
    return comma


@cached
def _trailing() -> tuple[re.Pattern[str], frozenset[str], frozenset[str], frozenset[str]]:
    d = load_yaml("triggers.yaml")["trailing_subordinators"]
    words = "|".join(re.escape(str(w).lower()) for w in d["words"])
    return (re.compile(rf"(?<=[\s,])(?:{words})\s"),
            frozenset(str(w).lower() for w in d["not_after"]),
            frozenset(str(w).lower() for w in d["no_subject"]),
            frozenset(str(w).lower() for w in d["people_objects"]))


def _trailing_capture(low: str, triggers: list[Trigger]) -> int:
    """Where a trailing "after <subject> captured ..." clause starts (0 when there is none):
    the main clause before it has an act of its own (triggers.yaml trailing_subordinators)."""
    if not any(t.word.role in _TAKES for t in triggers):
        return 0
    pattern, not_after, no_subject, people = _trailing()
    for m in pattern.finditer(low):
        before = _WORDS.findall(low[max(0, m.start() - 24):m.start()])
        if before and before[-1] in not_after:
            continue
        main = [t for t in triggers if t.end <= m.start() and not t.word.weapon]
        if all(t.word.role in _TAKES for t in main):
            continue  # a capture after a capture: none takes the other's place
        stop = low.find(",", m.end())
        stop = len(low) if stop == -1 else stop
        took = [t for t in triggers if m.end() <= t.start < stop
                and t.word.role in _TAKES and t.word.strength >= 2]
        if not main or not took:
            continue
        obj = _WORDS.findall(low[took[0].end:took[0].end + 12])[:1]
        if obj and obj[0] in people:
            continue
        if any(m.end() <= t.start < took[0].start for t in triggers):
            continue  # "after heavy fighting with X seized the bridge": an event noun, no clause
        subject = _WORDS.findall(low[m.end():took[0].start])
        if any(w not in no_subject for w in subject):  # "after the rebels took", not
            # "after the capture of", nor "after capturing" (the main clause's party: left
            # in its clause, which has no subject of its own to give the capture)
            return m.start()
    return 0


@cached
def _span_pattern() -> tuple[re.Pattern[str], frozenset[str], frozenset[str]]:
    d = load_yaml("triggers.yaml")["trailing_subordinators"]
    words = "|".join(re.escape(str(w).lower()) for w in d["words"])
    units = "|".join(re.escape(str(w).lower()) for w in d["span_units"])
    counts = "|".join(re.escape(str(w).lower()) for w in d["span_counts"])
    lengths = "|".join(re.escape(str(w).lower()) for w in d["span_lengths"])
    plurals = "|".join(re.escape(str(w).lower()) for w in d["span_plural_lengths"])
    # "after a week of (heavy) ", "after two days of ", "after a two-day ", "after weeks of "
    span = (rf"(?<![\w-])(?:{words})\s+(?:(?:{counts}|\d+)\s+)?"
            rf"(?:(?:{units})\s+of(?:\s+[\w'-]+){{0,2}}"
            rf"|[\w]+-(?:{lengths})(?:-long|-old)?|(?:{plurals})-long)"
            rf"\s+$")
    return (re.compile(span), frozenset(str(t) for t in d["span_types"]),
            frozenset(str(t) for t in d["span_after"]))


def _without_background_spans(low: str, triggers: list[Trigger]) -> list[Trigger]:
    """The triggers less those of a span of fighting named as a noun after the main clause's
    own act ("agreed to a ceasefire after a week of fighting"; triggers.yaml
    trailing_subordinators span_units)."""
    pattern, types, after = _span_pattern()
    tax = lexicon().taxonomy
    drop = []
    for t in triggers:
        if t.sub not in types or t.word.role in _TAKES or t.word.weapon:
            continue
        first = max(0, t.start - 60)
        m = pattern.search(low[first:t.start])
        if m is None:
            continue
        at = first + m.start()
        if any(o.end <= at and o.word.strength >= 2 and not o.word.killing
               and tax.type_of(o.sub) in after
               and o.word.role not in (*_TAKES, "withdraw") for o in triggers):
            drop.append(t)
    return [t for t in triggers if t not in drop] if drop else triggers


@cached
def _after_party_types() -> frozenset[str]:
    return frozenset(str(t) for t in load_yaml("triggers.yaml")["trailing_subordinators"][
        "party_types"])


def _after_subject(low: str, sent_start: int, triggers: list[Trigger],
                   actors: list[ActorMention], tail: int) -> ActorMention | None:
    """The party that takes control in a trailing "after <party> captured ..." clause: the
    last actor between "after" and the capture verb, when the verb is active ("after ISIL
    took control", not "after the Russians were driven out")."""
    if not tail:
        return None
    took = next((t for t in triggers if t.start >= tail
                 and t.word.role in _TAKES), None)
    if took is None:
        return None
    subject = [a for a in actors if tail <= a.start - sent_start and a.end - sent_start
               <= took.start]
    if not subject:
        return None
    between = re.findall(r"[a-z']+", low[subject[-1].end - sent_start:took.start])
    if any(w in _passive_aux() for w in between):
        return None
    return subject[-1]


@cached
def _passive_aux() -> frozenset[str]:
    return frozenset(lang.words("grammar")["passive_auxiliaries"])


def _refined(date: ResolvedDate | None, in_clause: list[ResolvedDate]) -> ResolvedDate | None:
    """The clause's date, or a day the clause gives later inside it: "After the clashes in
    mid-March, protests were held on 18 March", "fighting continued into early September,
    when on 4 September government forces captured the complex" (GUIDELINES: the day is
    known, precision 1)."""
    if date is None or date.precision == 1:
        return date
    for d in in_clause:
        if (d.start > date.start and d.precision == 1 and not getattr(d, "background", False)
                and date.date_start <= d.date_start and d.date_end <= date.date_end):
            return d
    return date


def _without_held_dates(sent: Sentence, dates: list[ResolvedDate],
                        lex: Lexicon) -> list[ResolvedDate]:
    """The sentence's dates without the one right after a participle of an earlier holding:
    "Police rescued 12 passengers abducted on Monday after a gun battle ... on Thursday" is
    dated Thursday (the abduction's Monday dates the earlier event)."""
    spans = held_participles(sent, lex)
    if not spans:
        return dates
    return [d for d in dates if not any(
        e <= d.start - sent.start and len(sent.low[e:d.start - sent.start].split()) <= 1
        for _s, e in spans)]


@cached
def _fighting_inters() -> frozenset[int]:
    return frozenset(int(i) for i in load_yaml("extraction.yaml")["fighting_inters"])


def _truce_told(trig: Trigger, sub: str, low: str) -> bool:
    """A truce or a peace (extraction.yaml ``state_truce``; a phrase that ends with such a
    word, "signed a partial ceasefire", too) told as the event itself, not fighting that breaks
    it ("violated the ceasefire": a two-sided type), and not placed by a back-reference in its
    clause ("a truce in the town", "a local ceasefire")."""
    words, local = _state_truce()
    said = trig.word.phrase.lower().split()
    tax = lexicon().taxonomy
    return (any(" ".join(said[i:]) in words for i in range(len(said)))
            and not tax.two_sided(tax.type_of(sub)) and local.search(low) is None)


@cached
def _agreement_days() -> tuple[re.Pattern[str], re.Pattern[str]]:
    raw = load_yaml("time.yaml")["agreement_days"]
    return (re.compile(rf"\b{trie_alternation(raw['effect'])}\b"),
            re.compile(rf"\b{trie_alternation(raw['made'])}\b"))


def _agreed_day(low: str, clause: Clause, date: ResolvedDate | None,
                dates: list[ResolvedDate], asides: dict[int, int],
                offset: int) -> ResolvedDate | None:
    """The day a truce was agreed, for a clause that tells the day it came into effect and an
    aside after it the agreeing ("A ceasefire came into effect on 10 July, a day after both
    sides agreed to it": 9 July; time.yaml ``agreement_days``). GUIDELINES: an Agreement is the
    agreeing; its coming into effect is the same agreement, not its day."""
    words, _local = _state_truce()
    if not any(t.word.phrase.lower() in words for t in clause.triggers):
        return date  # no truce told: no search on the hot path of every clause
    effect, made = _agreement_days()
    took = effect.search(low, clause.start, clause.end)
    if took is None:
        return date
    for d in dates:
        end = asides.get(d.start)
        if end is not None and d.start - offset > took.start() and made.search(
                low, d.end - offset, end):
            return d
    return date


def _groups_truce(a1: ActorMention | None, a2: ActorMention | None) -> bool:
    """Whether a truce's two named parties are armed groups, neither a state's forces
    (extraction.yaml ``fighting_inters`` but 1): a truce between two factions ends their local
    fight, not the war."""
    groups = _fighting_inters() - {1}
    return (a1 is not None and a2 is not None and a1.name != a2.name
            and a1.inter in groups and a2.inter in groups)


def _states_truce(trig: Trigger, a1: ActorMention | None, a2: ActorMention | None,
                  low: str) -> bool:
    """A truce or a peace (extraction.yaml ``state_truce``) between the state forces of two
    countries, not placed by a back-reference in its clause ("in the area")."""
    words, local = _state_truce()
    return (trig.word.phrase.lower() in words and a1 is not None and a2 is not None
            and a1.inter == 1 and a2.inter == 1 and a1.country is not None
            and a2.country is not None and not same_country(a1.country, a2.country)
            and local.search(low) is None)


def _parties(sub: str, a1: ActorMention | None, a2: ActorMention | None, civ: bool,
             ctx: args.ArgumentContext) -> tuple[ActorMention | None, ActorMention | None,
                                                  str | None]:
    """Who the codebook puts on each side: civilians as the victims of one-sided violence and
    of explosions that hit them, the crowd as actor1 of a protest (the group that called it
    associated) and as actor2 of force used on it."""
    rules = load_yaml("extraction.yaml")
    tax = lexicon().taxonomy
    assoc = None
    civilian = rules["civilian_actor"]
    if (a1 is not None and a1.name == civilian
            and tax.type_of(sub) not in rules["civilians_act_in"]):
        # the victims are actor2: "two civilians were killed in the sector"
        a1, a2 = (a2 if a2 is not None and a2.name != civilian else None), a1
    if a2 is None and civ and tax.civilian_victims(tax.type_of(sub)):
        a2 = ctx.civilians()
    crowd = rules["protester_actor"]
    if tax.has_role(sub, "crowd_target"):
        if (a1 is not None and a1.name == crowd) or (a1 is None and a2 is not None
                                                     and a2.inter == 1):
            a1, a2 = a2, a1
        if a2 is None or a2.inter != 1:
            a2 = ctx.protesters()
    elif tax.has_role(sub, "crowd") and a1 is not None and a1.name != crowd and a1.inter != 1:
        assoc, a1 = a1.name, ctx.protesters()
    return a1, a2, assoc


def _civilians_only(sub: str, a1: ActorMention | None, a2: ActorMention | None,
                    ctx: args.ArgumentContext) -> bool:
    """A change of control (a capture, a withdrawal) that names civilians and no armed party:
    civilians hold no territory ("residents fled the city", "5,000 civilians were evacuated")."""
    tax = lexicon().taxonomy
    if not (tax.is_territorial(sub) or tax.has_role(sub, "withdrawal")):
        return False
    civilian = load_yaml("extraction.yaml")["civilian_actor"]
    named = [a for a in (a1, a2) if a is not None]
    return bool(named) and all(a.name == civilian for a in named)


def _alone(sub: str, a1: ActorMention | None, a2: ActorMention | None,
           ctx: args.ArgumentContext) -> tuple[ActorMention | None, ActorMention | None]:
    """The parties of a record of ``sub``: a crowd that acts alone (a peaceful protest) has no
    actor2, and the state it protests against is no party. The narrative keeps the parties
    the clause named (they are still who fights in the document)."""
    if not lexicon().taxonomy.has_role(sub, "sole"):
        return a1, a2
    if a1 is not None and a1.inter == 1:
        a1 = ctx.protesters()
    return a1, None


def _is_heading(sent: Sentence, sec: Section) -> bool:
    t = sent.text.strip("# ").strip()
    return t == sec.title.strip() or sent.text.lstrip().startswith("#")


# The cyclic collector's thresholds while a document is extracted: an extraction makes
# millions of short-lived tuples, lists and match objects, nearly all freed before they could
# be part of a cycle, and at the default (700, 10, 10) a young collection runs every few
# hundred of them and the oldest generation (the loaded lexicons and indexes) is traversed
# again and again; the previous thresholds come back when the last extraction running ends.
GC_THRESHOLDS = (20_000, 20, 20)
_gc_lock = threading.Lock()
_gc_state: list = [0, None]  # extractions running, the thresholds before the first


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the collector's thresholds to at least :data:`GC_THRESHOLDS` for the block (left
    alone when automatic collection is off: a first threshold of 0)."""
    with _gc_lock:
        if _gc_state[0] == 0:
            old = gc.get_threshold()
            _gc_state[1] = old
            if old[0] > 0:
                gc.set_threshold(*(max(a, b) for a, b in zip(old, GC_THRESHOLDS, strict=True)))
        _gc_state[0] += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_state[0] -= 1
            if _gc_state[0] == 0:
                gc.set_threshold(*_gc_state[1])


def extract_events(doc: Document) -> list[Event]:
    """All events of one document, merged by the one-event rule."""
    with fewer_collections():
        return DocumentExtractor(doc).run()


__all__ = ["DocumentExtractor", "NarrativeState", "extract_events"]
