"""Naming generic actor mentions from the document's context.

"Government forces", "the army", "rebels" or "militants" name no one by themselves; the
document does. :class:`ActorContext` reads a document once: its country (front matter
``place``, infobox place, title, description, and the country names and nationality
adjectives of the text) and its belligerents (actors named in ``tags`` — where infobox
belligerents leak —, in infobox ``combatant`` fields, in the title and how often the text
names each actor). :meth:`ActorContext.resolve` then gives a generic mention a name:

- ``state`` / ``police`` phrases: the state forces (police) of the document's country when
  the document names them, else of the state the document names most;
- other classes (``data/actors.yaml`` ``generic``): the country default when the document
  names it, else the most-named actor of the first preferred kind the document names (the
  ``@default`` mark in that list stands for the country default), else the country default,
  else the class fallback ("Unidentified armed group").

With the document's conflict profile (:meth:`ActorContext.use_profile`), a generic mention
of an event inside the profile's date span is the profile's one belligerent of the right kind
(:meth:`ActorContext.profile_side`; :mod:`warlog.profile.sides` decides when there is one).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from warlog import lang
from warlog.actors.dictionary import ActorIndex, Hit, is_generic
from warlog.actors.lexicon import GENERIC_PREFIX, GenericClass
from warlog.actors.normalize import fold
from warlog.actors.unknown import named_by_noun
from warlog.data import cached, load_yaml
from warlog.model import ActorMention, Document
from warlog.nlp.alternation import trie_alternation

# weights of the places a country or an actor is named in
_W_PLACE = 25  # front matter / infobox place
_W_TITLE = 8
_W_BELLIGERENT = 5  # tags, infobox combatants
_W_DESCRIPTION = 2
_W_TEXT = 1
UNRESOLVED_STATE = "Military Forces (unidentified)"
_PEOPLE_KINDS = frozenset({"civilians", "protesters", "rioters"})
_STATE_KINDS = frozenset({"state", "police"})
DEFAULT_MARK = "@default"  # in a generic class's ``prefer``: the country default goes here


def _texts(value: Any) -> Iterable[str]:
    """Every string inside a front-matter value (lists and mappings walked)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _texts(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _texts(v)


def _infobox_fields(infoboxes: Any, prefix: str) -> Iterable[str]:
    """The ``text`` of infobox fields whose key starts with ``prefix`` ("combatant", "place")."""
    boxes = infoboxes if isinstance(infoboxes, list) else [infoboxes]
    for box in boxes:
        if not isinstance(box, dict):
            continue
        for key, val in box.items():
            if str(key).startswith(prefix):
                yield from _texts(val.get("text") if isinstance(val, dict) else val)


@dataclass(frozen=True)
class _SourceRules:
    names: re.Pattern[str]
    name_set: frozenset[str]
    verbs: re.Pattern[str]
    openers: re.Pattern[str]
    article: re.Pattern[str]  # an article ending the text before a mention
    # a mention inside a closing attribution (", the UN mission said."): a few words before
    # it since a comma, a few after it, then a reporting verb ending the sentence
    lead: re.Pattern[str]
    tail: re.Pattern[str]
    # or inside a speaker's title set off by commas anywhere in the sentence ("James Heappey,
    # the British Armed Forces Minister, said that ..."): the title opens right after its comma
    # (with an article: the mention may hold it), and a one-word reporting verb follows its
    # closing comma (", killing nine policemen, officials said": the policemen are no speaker)
    title_lead: re.Pattern[str]
    apposition: re.Pattern[str]
    # a speech verb right after a mention, and the words that tell it goes back to the speaker
    speech: re.Pattern[str]
    back: frozenset[str]
    back_words: int
    titled_back: frozenset[str]  # the words that go back to a speaker named by a title


_SOURCE_CACHE: dict[int, _SourceRules] = {}
_WORD = re.compile(r"[\w'’-]+")


def _words_re(words: Iterable[str], anchor: str = "") -> re.Pattern[str]:
    alts = trie_alternation(str(w).lower() for w in words)  # never matches when empty
    return re.compile(anchor + r"(?<![\w-])" + alts + r"(?![\w-])")


def _source_rules(key: int, settings: dict[str, Any]) -> _SourceRules:
    """The source lists of actors.yaml ``settings``, compiled once per lexicon."""
    rules = _SOURCE_CACHE.get(key)
    if rules is None:
        names = settings.get("sources", [])
        gap = int(settings.get("attribution_title_words", 0))
        verbs = _any_or_empty(str(v).lower() for v in settings.get("attribution_verbs", []))
        one_word = _any_or_empty(str(v).lower() for v in settings.get("attribution_verbs", [])
                                 if " " not in str(v))
        rules = _SourceRules(
            names=re.compile(r"^(?:the )?" + trie_alternation(str(n).lower() for n in names)
                             + r"$"),
            name_set=frozenset(str(n).lower() for n in names),
            verbs=_words_re(settings.get("attribution_verbs", []), "^"),
            openers=_words_re(settings.get("attribution_openers", [])),
            article=re.compile(r"(?:^|\s)" + _any_or_empty(settings.get("articles", [])) + "$"),
            lead=re.compile(rf",(?:\s+[\w'’-]+){{0,{gap}}}\s+$"),
            tail=re.compile(rf"(?:\s+[\w'’-]+){{0,{gap}}}\s+{verbs}\s*[.!]?\s*$"),
            title_lead=re.compile(rf",\s+(?:{_any_or_empty(settings.get('articles', []))}"
                                  rf"(?:\s+[\w'’-]+){{0,{gap}}}\s+)?$"),
            apposition=re.compile(rf"(?:\s+[\w'’-]+){{0,{gap}}},\s+{one_word}(?![\w-])"),
            speech=_words_re(settings.get("speech_verbs", []), r"\s*"),
            back=frozenset(str(w).lower() for w in settings.get("speech_back_references", [])),
            back_words=int(settings.get("speech_back_reference_words", 0)),
            titled_back=frozenset(str(w).lower() for w in settings.get(
                "speech_back_references_titled", settings.get("speech_back_references", []))),
        )
        _SOURCE_CACHE[key] = rules
    return rules


def _any_or_empty(words: Iterable[str]) -> str:
    """``words`` as one trie-built alternation; no words match the empty string, as the
    empty alternation ``(?:)`` they used to be joined into did."""
    words = list(words)
    return trie_alternation(words) if words else "(?:)"


@cached
def _mediation_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """grammar.yaml's mediation and support joiners right before a name ("a truce brokered
    by |Qatar|", "government forces backed by |Russian| jets"), and the gap of a list that
    goes on naming such third parties ("mediated by Algeria |and the| United States")."""
    g = lang.words("grammar")
    the = re.escape(str(g["definite_article"]))
    joiners = trie_alternation(str(w).lower() for w in (*g["mediation_joiners"],
                                                         *g["support_joiners"]))
    pair = trie_alternation(str(w).lower() for w in g["place_coordinators"])
    return (re.compile(rf"(?:^|\W)(?:{joiners})\s+(?:{the}\s+)?$", re.I),
            re.compile(rf"\s*(?:,\s*)?(?:{pair})?\s*(?:{the}\s+)?$", re.I))


def told_after(text: str, spans: Iterable[tuple[int, int]], lead: re.Pattern[str],
               gap: re.Pattern[str], base: int = 0) -> set[int]:
    """The starts of the ``spans`` (``(start, end)`` offsets into ``text`` plus ``base``)
    told right after a joiner ``lead`` matches before them ("a truce brokered by |Qatar|"),
    or listed after such a span with only ``gap`` between ("mediated by Algeria |and|
    Qatar"). A span that is no such party ends the list unless it overlaps the last one
    listed. One walker for the actors' third parties (:func:`_mediated`) and the event's
    mediators (:func:`warlog.events.arguments.mediators`), each with its own joiners."""
    out: set[int] = set()
    prev_end = -1
    for start, end in sorted(spans):
        at = start - base
        if lead.search(text, max(0, at - 40), at) or (
                prev_end >= 0 and gap.fullmatch(text, prev_end, at)):
            out.add(start)
            prev_end = end - base
        elif at >= prev_end:
            prev_end = -1
    return out


def _mediated(text: str, hits: Iterable[Hit]) -> set[int]:
    """The starts of the names ``text`` tells only as the mediator of what others agreed
    ("a ceasefire brokered by the United States", "talks mediated by Algeria and Qatar") or
    as the backer of a party ("troops backed by Russian jets"): a third party, neither a
    main belligerent nor the place of the document."""
    lead, gap = _mediation_words()
    return told_after(text, ((h.start, h.end) for h in hits), lead, gap)


@cached
def _own_side_rules() -> tuple[re.Pattern[str], re.Pattern[str], int] | None:
    """actors.yaml ``own_side``: the credit line of a state outlet's report (its state's
    words in group ``who``), the first-person phrases of its own forces, and how far from
    the start of the text the credit line may stand."""
    rules = load_yaml("actors.yaml")["settings"].get("own_side")
    if not rules:
        return None
    the = re.escape(str(lang.words("grammar")["definite_article"]))
    header = re.compile(
        rf"\b(?:{_any_or_empty(str(w).lower() for w in rules['header'])})\s+(?:{the}\s+)?"
        rf"(?P<who>(?:[\w'-]+\s+){{1,{int(rules['outlet_words'])}}}?)"
        rf"(?:{_any_or_empty(str(w).lower() for w in rules['outlets'])})\b", re.I)
    first = _any_or_empty(str(w).lower() for w in rules["first_person"])
    epithet = _any_or_empty(str(w).lower() for w in rules["epithets"])
    nouns = _any_or_empty(str(w).lower() for w in rules["nouns"])
    words = re.compile(rf"\b(?:{first})\s+(?:(?:{epithet})\s+)?(?:{nouns})\b", re.I)
    return header, words, int(rules["within"])


@cached
def _police_words() -> re.Pattern[str]:
    """The generic police phrases of actors.yaml ("policemen", "gendarmes")."""
    words = load_yaml("actors.yaml")["generic"]["police"]["words"]
    return re.compile(r"\b" + trie_alternation(str(w).lower() for w in words) + r"\b")


class Sides(Protocol):
    """What the actor context asks a document's profile (:class:`warlog.profile.sides.
    ProfileSides`)."""

    def actor_for(self, generic_class: str, country: str | None = None) -> str | None: ...

    def covers(self, first: date | None, last: date | None = None) -> bool: ...

    def side_of(self, name: str | None) -> int | None: ...


@dataclass(slots=True)
class ActorContext:
    """What a document says about who is fighting: its country and its actors."""

    index: ActorIndex
    country: str | None = None
    counts: Counter[str] = field(default_factory=Counter)  # canonical name -> weight
    first: dict[str, int] = field(default_factory=dict)  # canonical name -> first offset
    country_scores: Counter[str] = field(default_factory=Counter)
    sides: Sides | None = None  # the document's profile (use_profile)
    # (start, end) of a generic mention -> its class, while a profile is in use
    generic_at: dict[tuple[int, int], str] = field(default_factory=dict)
    # the country was guessed, not named by the text: "dateline" (where the item was filed:
    # "NAIROBI, Kenya (AP) -- ... in Mogadishu") or "home" (of the armed groups the text
    # names, _groups_home); and the spans of bare "police" / "troops" named for that guessed
    # country (resolve), which the event's own place overrides (localise). For a groups' home
    # only the police: a state's police work at home, its troops may fight abroad
    country_guessed: str | None = None
    guessed_at: set[tuple[int, int]] = field(default_factory=set)
    # the state whose outlet the report is credited to ("Text of report by Afghan radio"):
    # its first-person "our forces" are that state's (actors.yaml own_side)
    outlet_country: str | None = None
    # the document's text, folded form and dictionary hits (in scan order, with their ends),
    # kept from reading it so that a sentence's hits are a slice, not a second scan
    _doc_text: str | None = None
    _doc_folded: str = ""
    _doc_hits: list[Hit] = field(default_factory=list)
    _doc_ends: list[int] = field(default_factory=list)

    # ------------------------------------------------------------------ building
    @classmethod
    def from_document(
        cls, doc: Document, index: ActorIndex | None = None, folded: str | None = None
    ) -> ActorContext:
        """Read ``doc.meta`` (title, description, tags, infoboxes, place) and ``doc.text``
        (``folded``: ``fold(doc.text)`` when the caller has it)."""
        return cls.from_text(doc.text, doc.meta, index, folded)

    @classmethod
    def from_text(
        cls,
        text: str,
        meta: dict[str, Any] | None = None,
        index: ActorIndex | None = None,
        folded: str | None = None,
    ) -> ActorContext:
        ctx = cls(index or ActorIndex.load())
        meta = meta or {}
        infoboxes = meta.get("infoboxes") or []
        for place in [*_texts(meta.get("place")), *_infobox_fields(infoboxes, "place")]:
            ctx._add(place, _W_PLACE, actors=False)
        title = meta.get("title")
        if isinstance(title, str):
            ctx._add(title, _W_TITLE)
        for desc in _texts(meta.get("description")):
            ctx._add(desc, _W_DESCRIPTION)
        for tag in _texts(meta.get("tags")):
            ctx._add(tag, _W_BELLIGERENT)
        for comb in _infobox_fields(infoboxes, "combatant"):
            ctx._add(comb, _W_BELLIGERENT)
        folded = fold(text) if folded is None else folded
        hits = ctx._add(text, _W_TEXT, record_first=True, folded=folded)
        ctx.outlet_country = ctx._outlet_country(text)
        ctx._doc_text, ctx._doc_folded, ctx._doc_hits = text, folded, hits
        ctx._doc_ends = [h.end for h in hits]
        if ctx.country_scores:
            ctx.country = max(ctx.country_scores.items(), key=lambda kv: (kv[1], kv[0]))[0]
        else:
            # a news item's dateline ("MANILA, Philippines (AP) --") is blanked out of its
            # text (warlog.ingest.news): its country, as written, is where the item was filed
            line = meta.get("dateline")
            region = line.get("region") if isinstance(line, dict) else None
            ctx.country = ctx._country_named(region) if isinstance(region, str) else None
            ctx.country_guessed = "dateline" if ctx.country else None
            if ctx.country is None:
                ctx.country = ctx._groups_home()
                ctx.country_guessed = "home" if ctx.country else None
        return ctx

    def _outlet_country(self, text: str) -> str | None:
        """The state a monitoring service credits the report to, at the top of the text
        ("Excerpts from report by Iraqi News Agency, Baghdad": Iraq); None for any other
        text or an outlet no state's words name ("report by Voice of the Mujahideen")."""
        rules = _own_side_rules()
        if rules is None:
            return None
        header, _words, within = rules
        m = header.search(text, 0, within)
        return self._country_named(m.group("who")) if m else None

    def _country_named(self, text: str) -> str | None:
        """The country a short text (a dateline's region) names, if it names one."""
        hits = self.index.choose(self.index.scan(text, fold(text)))
        return next((h.pattern.country for h in hits if h.pattern.country
                     and h.pattern.role in ("country", "demonym", "place")), None)

    def _groups_home(self) -> str | None:
        """The home country of the armed groups the text names (most named first), for a text
        that names no country of its own; None when they have none or several tie."""
        lex = self.index.lexicon
        kinds = frozenset(lex.settings.get("home_country_kinds") or ())
        homes: Counter[str] = Counter()
        for name, count in self.counts.items():
            info = lex.actors.get(name)
            if info is not None and info.country and info.kind in kinds and count > 0:
                homes[info.country] += count
        ranked = homes.most_common(2)
        if not ranked or (len(ranked) == 2 and ranked[1][1] == ranked[0][1]):
            return None
        return ranked[0][0]

    def _add(
        self,
        text: str,
        weight: int,
        actors: bool = True,
        record_first: bool = False,
        folded: str | None = None,
    ) -> list[Hit]:
        """Count the countries and (optionally) the actors named in ``text``; returns the
        dictionary hits of ``text`` (:meth:`ActorIndex.scan`)."""
        lex = self.index.lexicon
        folded = fold(text) if folded is None else folded  # once for the scan and the mentions
        hits = self.index.scan(text, folded)
        # only names that stand on their own count: "Iraq" inside "Islamic State of Iraq" does not
        chosen = self.index.choose(hits)
        # a state named only as the mediator of a truce names neither a side nor the
        # document's country: its "government forces" are the sides' (GUIDELINES: an
        # Agreement's actors are the parties that agree)
        mediated = _mediated(text, chosen)
        for hit in chosen:
            if hit.start in mediated:
                continue
            p = hit.pattern
            if p.country and p.role in ("country", "demonym", "place"):
                # a place name says more about where the document is than an adjective
                self.country_scores[p.country] += weight * (1 if p.role == "demonym" else 2)
            elif p.country and p.role == "actor":
                info = lex.actors.get(p.target)
                if info is not None and info.kind in ("state", "police"):
                    self.country_scores[p.country] += weight
        if not actors:
            return hits
        found = self.index.mentions(text, hits, folded=folded, generic=False, chosen=chosen)
        # a party told only as the report's source (", the U.S. military said") is no
        # belligerent of the document: never an opponent or a default taken from the counts
        for m in self.drop_sources(found, text):
            if m.start in mediated:
                continue
            self.counts[m.name] += weight
            if record_first:
                self.first.setdefault(m.name, m.start)
        return hits

    # ------------------------------------------------------------------ queries
    def belligerents(self, n: int = 10) -> list[tuple[str, int]]:
        """The actors the document names most (weighted by where they are named)."""
        return self.counts.most_common(n)

    def dominant(self, kinds: Iterable[str]) -> str | None:
        """The most-named actor of the first of ``kinds`` that the document names at all."""
        lex = self.index.lexicon
        for kind in kinds:
            best: tuple[int, int, str] | None = None
            for name, count in self.counts.items():
                info = lex.actors.get(name)
                if info is None or info.kind != kind or count <= 0:
                    continue
                key = (count, -self.first.get(name, 1 << 30), name)
                if best is None or key > best:
                    best = key
            if best is not None:
                return best[2]
        return None

    def state_forces(self, nationality: str | None = None, police: bool = False) -> str:
        """The state forces (or police) a generic phrase stands for in this document."""
        lex = self.index.lexicon
        name_of = lex.police_name if police else lex.state_name
        if nationality:
            return name_of(nationality) or UNRESOLVED_STATE
        own = name_of(self.country) if self.country else None
        if own and self.counts.get(own, 0) > 0:
            return own
        if police and self.country:
            return own or UNRESOLVED_STATE
        best = self.dominant(["state"])
        if best:
            if police:
                info = lex.actors.get(best)
                alt = name_of(info.country) if info and info.country else None
                return alt or best
            return best
        return own or UNRESOLVED_STATE

    def drop_sources(self, mentions: list[ActorMention], text: str,
                     offset: int = 0) -> list[ActorMention]:
        """``mentions`` of ``text`` without the sources of the report: news agencies, monitors
        and relief groups, and any party told as the one who said it (", the army said")."""
        rules = _source_rules(id(self.index.lexicon.settings), self.index.lexicon.settings)
        low = text.lower()
        kept = []
        for m in mentions:
            s, e = m.start - offset, m.end - offset
            if rules.names.search(m.text.lower()) or m.name.lower() in rules.name_set:
                continue
            before = rules.article.sub("", low[max(0, s - 16):s].rstrip()).rstrip()
            after = low[e:e + 20]
            verb = rules.verbs.match(after.lstrip())
            if (verb is not None and (before.endswith(",") or rules.openers.search(before))
                    and not self._back(rules, low, e + len(after) - len(after.lstrip())
                                       + verb.end())):
                # (", the army stated that it destroyed a depot": the speaker did it too)
                continue
            if rules.tail.match(low, e) and rules.lead.search(low, max(0, s - 60), s):
                continue  # ", the provincial police chief said": the speaker's title
            titled = rules.apposition.match(low, e)
            if (titled is not None and rules.title_lead.search(low, max(0, s - 60), s)
                    and not self._back(rules, low, titled.end(), rules.titled_back)):
                continue  # ", the British Armed Forces Minister, said on Monday"
            if rules.openers.search(before):
                continue
            if self._tells(rules, low, e):
                continue  # "and police said at least 20 people were killed"
            kept.append(m)
        return kept

    @staticmethod
    def _tells(rules: _SourceRules, low: str, end: int) -> bool:
        """Whether the mention ending at ``end`` is followed by a speech verb whose next
        words do not go back to it ("police said gunmen ...", not "the army said it ...")."""
        said = rules.speech.match(low, end)
        if said is None:
            return False
        return not ActorContext._back(rules, low, said.end())

    @staticmethod
    def _back(rules: _SourceRules, low: str, end: int,
              back: frozenset[str] | None = None) -> bool:
        """Whether the words right after a speech verb ending at ``end`` go back to the
        speaker ("said it killed", "announced that they had captured"): then the speaker is
        also the one who did it. ``back``: the words that may (a titled speaker's own)."""
        words = _WORD.findall(low, end, end + 16 * rules.back_words)
        return bool((rules.back if back is None else back).intersection(
            words[:rules.back_words]))

    def is_unidentified(self, name: str | None) -> bool:
        """Whether ``name`` is the unidentified armed group, plain or named by its country."""
        unidentified = self.index.lexicon.settings.get("unidentified")
        if not unidentified or not name:
            return False
        prefix = unidentified["per_country"].split("{", 1)[0].strip().lower()
        return name == unidentified["name"] or name.lower().startswith(prefix)

    def localise(self, mention: ActorMention | None, country: str | None) -> ActorMention | None:
        """An unresolved "troops" / "police" takes the country of the event's place: news
        items often name the country only through the town ("soldiers in Kaduna")."""
        if mention is None or not country:
            return mention
        lex = self.index.lexicon
        unidentified = lex.settings.get("unidentified")
        if unidentified and mention.name == unidentified["name"]:
            # ACLED names an unknown group by the country it acts in
            return ActorMention(mention.start, mention.end, mention.text,
                                unidentified["per_country"].format(country=country),
                                mention.inter, country)
        guessed = ((mention.start, mention.end) in self.guessed_at
                   and mention.country is not None and mention.country != country)
        if mention.name != UNRESOLVED_STATE and not guessed:
            # (a bare "police" named for the home country of the groups a text names, when
            # the text names no country, is the police of the country the event is in:
            # "police in Wajir arrested an al-Shabaab suspect" are Kenya's, not Somalia's)
            return self.elsewhere(mention, country)
        known = next((c.name for c in lex.countries.values() if country in c.names), None)
        if known is None:
            return mention
        police = bool(_police_words().search(mention.text.lower()))
        name = (lex.police_name if police else lex.state_name)(known)
        if not name:
            return mention
        info = self.index.by_name(name)
        return ActorMention(mention.start, mention.end, mention.text, name,
                            info.inter if info else mention.inter, known)

    def elsewhere(self, mention: ActorMention, country: str) -> ActorMention:
        """A name several countries' groups go by ("Maoist rebels": India's, Nepal's or the
        Philippines' Maoists), or a generic phrase resolved to such a group ("the rebels"),
        names the one of the country the event is in."""
        info = self.index.lexicon.actors.get(mention.name)
        if info is None or country not in info.elsewhere or country == info.country:
            return mention
        text = re.sub(r"^the\s+", "", mention.text.strip().lower())
        other = self.index.by_name(info.elsewhere[country])
        own = [n.lower() for n in (info.name, *info.aliases)
               if n.lower() not in info.elsewhere_aliases]
        if other is None or any(text.startswith(n) for n in own):
            return mention  # named by a name of its own ("Naxalites", "CPI (Maoist) cadres")
        return ActorMention(mention.start, mention.end, mention.text, other.name,
                            other.inter if other.inter is not None else mention.inter,
                            other.country or country)

    def follow_elsewhere(self, before: ActorMention | None, after: ActorMention | None,
                         other: ActorMention | None) -> ActorMention | None:
        """When ``before`` was named for the event's country (:meth:`elsewhere`: "Maoist
        rebels" in Nepal), a state force or police of ``before``'s home country among the
        parties (``other``, "policemen" read in a text whose only country was that home) is
        the event country's."""
        if before is None or after is None or other is None or before.name == after.name:
            return other
        lex = self.index.lexicon
        home = lex.actors.get(before.name)
        now = lex.actors.get(after.name)
        info = lex.actors.get(other.name)
        if (home is None or now is None or info is None or not home.country
                or not now.country or info.kind not in _STATE_KINDS
                or other.country != home.country):
            return other
        police = info.kind == "police"
        name = (lex.police_name if police else lex.state_name)(now.country)
        new = self.index.by_name(name) if name else None
        if new is None:
            return other
        return ActorMention(other.start, other.end, other.text, new.name,
                            new.inter if new.inter is not None else other.inter, now.country)

    def use_profile(self, sides: Sides | None) -> None:
        """Let the document's conflict profile name its generic mentions (profile_side)."""
        self.sides = sides
        self.generic_at.clear()

    def profile_side(self, mention: ActorMention | None, first: date | None,
                     last: date | None = None) -> ActorMention | None:
        """A generic mention of an event on the days ``first``..``last`` as the profile's
        belligerent of its class, when the profile has exactly one and the days lie inside
        its span; any other mention as it is."""
        if mention is None or self.sides is None:
            return mention
        cname = self.generic_at.get((mention.start, mention.end))
        if cname is None or not self.sides.covers(first, last):
            return mention
        name = self.sides.actor_for(cname, self.country)
        info = self.index.by_name(name) if name else None
        if info is None or info.name == mention.name:
            return mention
        if info.kind not in _STATE_KINDS and self.dominant([info.kind]) not in (None, info.name):
            return mention  # the text names another of its kind more: the text decides
        return ActorMention(mention.start, mention.end, mention.text, info.name, info.inter,
                            info.country or mention.country)

    def resolve(self, mention: ActorMention) -> ActorMention:
        """The mention with a concrete actor name (non-generic mentions come back as they are)."""
        if not is_generic(mention):
            return mention
        lex = self.index.lexicon
        cname = mention.name[len(GENERIC_PREFIX) :]
        if self.sides is not None and mention.start >= 0 and not mention.country:
            # "Syrian troops" carry their nation: only a bare generic phrase is the profile's
            self.generic_at[(mention.start, mention.end)] = cname
        if cname in ("state", "police"):
            name = self.state_forces(mention.country, police=cname == "police")
            police = cname == "police"
            own = (lex.police_name if police else lex.state_name)(self.country or "")
            if ((self.country_guessed == "dateline" or (self.country_guessed and police))
                    and not mention.country and mention.start >= 0 and name == own):
                self.guessed_at.add((mention.start, mention.end))
        else:
            name = self._pick(lex.generics[cname]) or mention.name
        info = self.index.by_name(name)
        return ActorMention(
            mention.start,
            mention.end,
            mention.text,
            info.name if info else name,
            info.inter if info else mention.inter,
            (info.country if info else None) or mention.country,
        )

    def _pick(self, cls: GenericClass) -> str | None:
        """Country default if named; else the preferred kinds in order, where ``@default``
        stands for the country default; else the default; else the fallback."""
        default = cls.defaults.get(self.country or "")
        if default and self.counts.get(default, 0) > 0:
            return default
        for kind in cls.prefer:
            if kind == DEFAULT_MARK:
                if default:
                    return default
                continue
            found = self.dominant([kind])
            if found:
                return found
        return default or cls.fallback

    def find(self, text: str, offset: int = 0, folded: str | None = None) -> list[ActorMention]:
        """All actor mentions of a sentence, generic ones resolved (``folded``: the sentence's
        folded form when the caller has it)."""
        joiners = self.index.lexicon.settings.get("mention_joiners", [])
        hits = self._doc_hits_of(text, offset)
        if hits is None:
            found = self.index.find(text, offset, folded=folded)
        else:
            if folded is None:
                folded = self._doc_folded[offset : offset + len(text)]
            found = self.index.mentions(text, hits, offset, folded)
        if self.outlet_country is not None:
            found = self._with_own_side(text, offset, found)
        by_noun = named_by_noun(text, offset, self.index, hits)
        if by_noun:  # "the Red Scorpion gang": a group the dictionary does not list
            found = sorted([*found, *(b for b in by_noun if not any(
                f.start < b.end and b.start < f.end for f in found))],
                key=lambda m: (m.start, m.end))
        named = {(b.start, b.end) for b in by_noun}
        out: list[ActorMention] = []
        was_generic: list[bool] = []
        for orig in found:
            m = self.resolve(orig)
            prev = out[-1] if out else None
            if (prev is not None
                    and (prev.name == m.name or (was_generic[-1] and (m.start, m.end) in named))
                    and text[prev.end - offset:m.start - offset].strip().lower() in joiners):
                # "jihadists of JNIM": a generic noun and the group it names are one mention
                # ("gunmen of the Red Scorpion gang": the group's)
                out[-1] = ActorMention(prev.start, m.end, text[prev.start - offset:m.end - offset],
                                       m.name, m.inter, m.country)
                continue
            out.append(m)
            was_generic.append(is_generic(orig))
        return out

    def _with_own_side(self, text: str, offset: int,
                       found: list[ActorMention]) -> list[ActorMention]:
        """``found`` with the outlet's first-person forces ("our valiant forces") as its
        state's forces, in place of what the dictionary read inside them ("troops")."""
        rules = _own_side_rules()
        name = self.index.lexicon.state_name(self.outlet_country or "")
        if rules is None or name is None:
            return found
        info = self.index.by_name(name)
        own = [ActorMention(m.start() + offset, m.end() + offset, m.group(), name,
                            info.inter if info else 1, self.outlet_country)
               for m in rules[1].finditer(text)]
        if not own:
            return found
        kept = [f for f in found if not any(o.start < f.end and f.start < o.end for o in own)]
        return sorted([*kept, *own], key=lambda m: (m.start, m.end))

    def _doc_hits_of(self, text: str, offset: int) -> list[Hit] | None:
        """The dictionary hits of ``text`` when it is the document's text at ``offset`` (a
        sentence, a clause): the document's hits inside it, shifted; exactly what scanning
        ``text`` alone finds, because a hit's word-boundary check only looks one character
        outside it. ``None`` (scan ``text`` itself) for any other text, or when a letter or
        digit touches the slice's edge, where the document's scan refused a hit that the
        slice's own scan would take."""
        doc = self._doc_text
        end = offset + len(text)
        if doc is None or offset < 0 or end > len(doc) or not doc.startswith(text, offset):
            return None
        folded = self._doc_folded
        if (offset > 0 and folded[offset - 1].isalnum()) or (
            end < len(folded) and folded[end].isalnum()
        ):
            return None
        ends = self._doc_ends
        return [
            Hit(h.start - offset, h.end - offset, h.pattern)
            for h in self._doc_hits[bisect_right(ends, offset) : bisect_right(ends, end)]
            if h.start >= offset
        ]

    def mentions(self, text: str, offset: int = 0, folded: str | None = None) -> list[ActorMention]:
        """Same as :meth:`find` (the name the event extractor uses)."""
        return self.find(text, offset, folded)

    def named(self, name: str) -> ActorMention:
        """A mention of the actor ``name`` standing for the document (no text span: -1).

        Civilians and protesters take the document's country.
        """
        info = self.index.by_name(name)
        if info is None:
            return ActorMention(-1, -1, "", name, None, self.country)
        country = info.country
        if country is None and info.kind in _PEOPLE_KINDS:
            country = self.country
        return ActorMention(-1, -1, "", info.name, info.inter, country)

    def allies(self, actor: ActorMention | None, name: str) -> bool:
        """Whether the document's profile puts ``name`` on ``actor``'s side (the infobox's
        belligerents: Japan and Germany in a world war are no foes of each other)."""
        if actor is None or self.sides is None:
            return False
        own = self.sides.side_of(actor.name)
        return own is not None and self.sides.side_of(name) == own

    def main_opponent(self, actor: ActorMention | None) -> ActorMention | None:
        """The actor the document names most that is not ``actor``'s own side.

        Civilians, protesters and rioters are never an opponent; the state and police forces
        of ``actor``'s own country, and the belligerents the profile puts on its side, are its
        own side.
        """
        lex = self.index.lexicon
        own = lex.actors.get(actor.name) if actor else None
        ranked = sorted(self.counts.items(), key=lambda kv: (-kv[1], self.first.get(kv[0], 0)))
        for name, _count in ranked:
            info = lex.actors.get(name)
            if info is None or info.kind in _PEOPLE_KINDS or (actor and name == actor.name):
                continue
            if self.allies(actor, name):
                continue
            if (
                own is not None
                and own.kind in _STATE_KINDS
                and info.kind in _STATE_KINDS
                and own.country == info.country
            ):
                continue
            return self.named(name)
        return None
