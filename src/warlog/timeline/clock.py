"""The narrative clock: dates of a document resolved in reading order.

A war narrative dates most sentences only partly ("On 26 July", "the next day", "13 days
later", "in the evening"): the missing year and the anchor of each relative expression come
from what the story has established so far. :class:`NarrativeClock` holds that state while the
event extractor reads a document sentence by sentence::

    clock = NarrativeClock.for_document(doc)
    for section ...:
        clock.start_section(title)
        for sentence ...:
            dates = clock.read(sentence.text, sentence.start)
            when = dates[-1] if dates else clock.current

Rules (see ``GUIDELINES.md``): a year missing from a date is the narrative's current year,
advanced when the month jumps far back without a year (December, then "On 3 January"); an
explicit year sets the current year; a relative date is resolved against the last date the
narrative established; dates the text only looks back to (pluperfect, "since", brackets,
"the 2014 offensive") are resolved but do not move the clock.

The document's conflict profile gives its date span (the infobox's "5 March – 25 May 2014"):
a year-less date read before the narrative has any date of its own, or whose year the clock
would only guess from a jump of the month, takes the reading inside that span when exactly one
year puts it there. A date the text writes with its year is never moved.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from warlog.data import load_yaml
from warlog.model import Document, ResolvedDate
from warlog.nlp.sentences import Sentence
from warlog.timeline import resolve
from warlog.timeline.anchor import news_anchor
from warlog.timeline.context import attachment, background_reason
from warlog.timeline.days import ClockDate, make_date
from warlog.timeline.docdates import DocDates, document_dates
from warlog.timeline.hours import is_reporting_date, reports_relative_day
from warlog.timeline.lexicon import lexicon
from warlog.timeline.mention import Mention
from warlog.timeline.mentions import adjacent, counts_to, find_mentions

_TOLD_KINDS = frozenset({"date", "day_of_month", "weekday"})
_PARAGRAPH_END = re.compile(r"\s*")  # the white space after a sentence
_WORDS = re.compile(r"[\w'’-]+")
_SUBJECT = re.compile(r"\s*,?\s*([\w'’-]+)")  # the word after a phrase, past one comma


def _counted_back(m: Mention) -> Mention:
    """``m`` ("a day after", "two weeks before", "a few days after") with its shift reversed:
    counted from the date it follows back to the event it names."""
    rule = m.rule
    assert rule is not None
    if rule.mode == "fuzzy" and rule.days is not None:
        rule = replace(rule, days=(-rule.days[1], -rule.days[0]))
    elif isinstance(rule.shift, str):
        rule = replace(rule, shift=rule.shift[1:] if rule.shift.startswith("-") else "-n")
    elif isinstance(rule.shift, int):
        rule = replace(rule, shift=-rule.shift)
    return replace(m, rule=rule)


def _settings() -> dict[str, int]:
    return dict(load_yaml("time.yaml").get("clock") or {})


class NarrativeClock:
    """Reads a document's dates in order and keeps the narrative's current date."""

    def __init__(self, year: int | None = None, period: tuple[date, date] | None = None) -> None:
        cfg = _settings()
        #: months a year-less date may lie *before* the current month and stay in its year;
        #: further back, the narrative has moved on to the next year.
        self.back_months: int = int(cfg.get("back_months", 5))
        #: months a year-less date may lie *after* the current month and stay in its year.
        self.forward_months: int = int(cfg.get("forward_months", 9))
        self.year: int | None = year
        self.period = period
        self.current: ClockDate | None = None
        self._heading_anchor = False  # current came from a heading ("(27 February–16 March)")
        #: the one day a heading names ("#### 12 April"), while only relative days have moved
        #: the story from it: a new paragraph comes back to it (:meth:`_paragraph_end`)
        self._heading_day: ClockDate | None = None
        self._text: str | None = None  # the document's text, to see where paragraphs end
        self._new_section = False
        #: a news item's own day (dateline, ``date`` field, ``--date``), see :meth:`set_anchor`
        self.anchor: ClockDate | None = None
        #: the conflict's first and last day (its profile), see :meth:`_in_span`
        self.span: tuple[date, date] | None = None

    @classmethod
    def for_document(cls, doc: Document,
                     span: tuple[date, date] | None = None) -> NarrativeClock:
        """A clock set to the document's own year (metadata, title, else first year in text);
        a news item's own day (:func:`~warlog.timeline.anchor.news_anchor`) anchors it.
        ``span``: the first and last day of the document's conflict (its profile's dates):
        the period when the metadata gives none, and the bound of year-less dates."""
        day = news_anchor(doc)
        if day is not None:
            clock = cls(year=day.year, period=None)
            clock.set_anchor(day)
            return clock
        dd: DocDates = document_dates(doc)
        period, year = dd.period, dd.year
        if span is not None:
            period = period or span
            if year is None or not span[0].year <= year <= span[1].year:
                year = span[0].year  # a title's or the text's first year says less
        if period is None and year is not None:
            # only a year is known ("Siege of Mariupol", 2022): that year is the period a
            # heading brings the story back to after a background section ("In 2014 …")
            period = (date(year, 1, 1), date(year, 12, 31))
        clock = cls(year=year, period=period)
        clock.span = span
        clock._text = doc.text
        return clock

    def set_anchor(self, day: date) -> None:
        """Read the document as a news item of ``day``: "yesterday" counts from it, "on
        Monday" is the last Monday on or before it, and until the text dates something the
        story is on or shortly before it (precision 2)."""
        self.anchor = ClockDate(start=-1, end=-1, text="", date_start=day, date_end=day,
                                precision=1, relative=True, granularity="day")
        self.current = replace(self.anchor, precision=2)
        self.year = day.year

    # ------------------------------------------------------------------ public API
    def start_section(self, title: str) -> None:
        """A heading: a date or period in it ("2014", "March 2015", "(27 February–16 March)")
        becomes the current date; any heading may bring the story back to its main period."""
        self._new_section = True
        self._heading_day = None
        for m in find_mentions(title, bare_years=True):
            if m.kind == "relative":
                continue
            resolved = self._absolute(m, offset=0, background=False)
            if resolved is not None:
                self._advance(resolved)
                self._heading_anchor = True
                self._new_section = False
                if resolved.granularity == "day" and resolved.precision == 1:
                    self._heading_day = resolved
                return

    def _paragraph_end(self, end: int) -> None:
        """After the last sentence of a paragraph under a heading that names one day ("####
        25 February"), the story is that day's again if only relative days ("…, while the
        town fell the following day") moved it: the heading dates its section, the step was
        an aside of its paragraph (the next day has a heading of its own). An explicit date of
        the text ("On 27 February") leads the story from then on. (At the paragraph's end, not
        the next one's start: a reader takes :attr:`current` before it reads a sentence.)"""
        day, text = self._heading_day, self._text
        if day is None or text is None or self.current is day:
            return
        gap = _PARAGRAPH_END.match(text, end)
        if gap is not None and gap.group().count("\n") >= 2:
            self.current = day
            self.year = day.date_start.year

    def read(self, sentence: str | Sentence, sentence_start: int = 0) -> list[ResolvedDate]:
        """Every date mention in ``sentence``, resolved, in order; advances the clock.

        Offsets of the results are ``sentence_start`` + index in ``sentence``. Mentions that
        cannot be resolved (a relative date before any date is known) are left out. A
        :class:`~warlog.nlp.sentences.Sentence` gives its own lower-case form and start.
        """
        lower = None
        if not isinstance(sentence, str):
            sentence, sentence_start, lower = sentence.text, sentence.start, sentence.lower
        mentions = find_mentions(sentence, lower=lower)
        out: list[ResolvedDate] = []
        asides: set[int] = set()  # explicit dates only used as the anchor of another one
        told: ClockDate | None = None  # the resolved date of the previous mention
        # in a narrative, the dates right after a reporting verb ("The ministry said on 5 May
        # that ..."): the report's day, if a later date of the sentence is the event's own
        reports: list[int] = []
        for i, m in enumerate(mentions):
            prev_end = mentions[i - 1].end if i else 0
            nxt = mentions[i + 1] if i + 1 < len(mentions) else None
            if m.rule is not None and m.rule.opens_clause and not self._opens_clause(
                    sentence, sentence_start, mentions, i):
                told = None  # "took the town after eight days of fighting": the day told
                continue
            next_start = nxt.start if nxt is not None else len(sentence)
            if told is not None and counts_to(m) and adjacent(mentions[i - 1], m, sentence):
                # "On 2 October, a day after the army recaptured Lyman": the recapture's day
                # is the one "a day after" counts back from the date told (a day before it)
                resolved = resolve.relative(_counted_back(m), told, sentence_start)
                told = None
                if resolved is not None:
                    resolved.background = True
                    resolved.reference = True
                    out.append(resolved)
                continue
            link = attachment(m, nxt, sentence) if nxt is not None else None
            resolved = None
            if link is not None and nxt is not None:
                resolved = self._linked(m, nxt, link, sentence_start)
                if resolved is not None and link == "object":
                    asides.add(i + 1)
            if resolved is None:
                # a date told without a year after a report's day ("announced in February
                # that the commander was killed on 27 November") lies before it, its year
                # found looking back, or tells a plan ("said on 28 May that the withdrawal
                # would end on 5 June"): it does not move the story
                resolved = self._resolve(
                    m, sentence, sentence_start, prev_end, next_start,
                    i in asides or (bool(reports) and m.kind in ("date", "month")
                                    and not m.has_year),
                )
            if resolved is not None:
                cue = is_reporting_date(sentence, m.start)
                if cue and self.anchor is None and m.kind != "relative":
                    reports.append(len(out))
                else:
                    resolved.reporting = resolved.reporting or (self.anchor is not None and cue)
                out.append(resolved)
            told = resolved if m.kind in _TOLD_KINDS and isinstance(resolved, ClockDate) else None
        for k in reports:
            # "said on 5 May that rebels had attacked X on 3 May", "stated on 17 March that 53
            # people were killed the previous day": the event's own day is the later date, on
            # or before the report's (an event is reported after it happened; "announced on 1
            # August an offensive for 6 August" tells a plan, and the report's day stays)
            day = out[k]
            day.reporting = any(
                not getattr(d, "reference", False) and not d.reporting
                and d.date_end <= day.date_end for d in out[k + 1:])
        self._paragraph_end(sentence_start + len(sentence))
        return out

    def _opens_clause(self, sentence: str, sentence_start: int, mentions: list[Mention],
                      i: int) -> bool:
        """Whether relative mention ``i`` of an ``opens_clause`` rule ("after three days of
        fighting") dates the event of the clause it opens, counted from the narrative's day:
        "…; after six days of fighting the town fell", "After two days of fighting, the
        rebels took the base" (time.yaml ``fighting_days``). Not where it looks back from a
        day the sentence gives the event ("On 18 March, after ten days of fighting, the army
        took X"; "After three days of fighting, ISIL took X on 12 May") or trails its event
        ("ISIL took X after eight days of fighting"), nor from a day the narrative does not
        know (a month, a span, a day told in another paragraph: the fighting's first day is
        not told)."""
        cur, text = self.current, self._text
        if cur is None or cur.precision != 1 or cur.granularity != "day" or cur.start < 0:
            return False
        if i + 1 < len(mentions):
            return False
        if text is not None and "\n\n" in text[cur.end:sentence_start]:
            return False  # a day told in another paragraph: the fighting's start is not told
        lx = lexicon()
        m = mentions[i]
        before = sentence[mentions[i - 1].end if i else 0 : m.start]
        words = _WORDS.findall(before)
        if i and len(words) < lx.words_after_date:
            return False
        head = before.rstrip()
        if head:
            last = words[-1].lower() if head[-1].isalnum() and words else head[-1]
            if last not in lx.clause_openers:
                return False
        subject = _SUBJECT.match(sentence, m.end)
        if subject is None:
            return False
        word = subject.group(1)
        return word.lower() in lx.clause_subjects or word[0].isupper() or word[0].isdigit()

    def _linked(self, m: Mention, nxt: Mention, link: str, offset: int) -> ClockDate | None:
        """A relative expression tied to the explicit date that follows it in its clause.

        ``same_day``: "After overnight clashes ..., on 7 August" is the night of 7 August.
        ``object``: "two days after the bombings on January 15" counts from 15 January.
        """
        target = self._absolute(nxt, offset, background=link == "object")
        if target is None:
            return None
        if link == "same_day":
            return resolve.attached(m, target, offset)
        resolved = resolve.relative(m, target, offset)
        if resolved is not None:
            self._move_if_forward(resolved)
        return resolved

    # ------------------------------------------------------------------ resolution
    def _resolve(
        self,
        m: Mention,
        sentence: str,
        offset: int,
        prev_end: int,
        next_start: int,
        aside: bool = False,
    ) -> ClockDate | None:
        if m.kind == "relative":
            reported = (m.rule is not None and m.rule.unit == "day"
                        and m.rule.anchor != "document"
                        and reports_relative_day(sentence, m.start, prev_end))
            return self._relative(m, offset, reported)
        if m.kind == "weekday" and self.anchor is not None:
            resolved = resolve.weekday_before(m, self.anchor, offset)
            if resolved is not None:
                self._advance(resolved)
            return resolved
        if m.kind in ("day_of_month", "weekday"):
            if self.current is None or (m.kind == "weekday" and not m.prep):
                return None  # "after Friday prayers" in a narrative: a habit as often as a day
            fn = resolve.day_of_month if m.kind == "day_of_month" else resolve.weekday
            resolved = fn(m, self.current, offset)
            if resolved is not None:
                self._move_if_forward(resolved)
            return resolved
        reason = "aside" if aside else background_reason(sentence, m, prev_end, next_start)
        # A pluperfect ("On 25 November 2013, they had shot down ...") looks back: a year-less
        # date is placed before the current date, and the clock stays where it is, unless
        # the date still lies ahead ("On 6 May, 500 civilians had been evacuated").
        resolved = self._absolute(m, offset, background=reason is not None)
        if resolved is None:
            return None
        background = reason == "aside" or (reason == "tense" and self._goes_back(resolved))
        resolved.background = background
        if not background:
            self._advance(resolved)
            self._heading_day = None  # the text's own date leads the story from here
        return resolved

    def _goes_back(self, resolved: ClockDate) -> bool:
        cur = self.current
        return cur is not None and resolved.date_start < cur.date_start

    def _relative(self, m: Mention, offset: int, reported: bool = False) -> ClockDate | None:
        """``reported``: the day of a statement ("The army confirmed the shelling the next
        day", :func:`~warlog.timeline.hours.reports_relative_day`): resolved, but the story
        stays where it was."""
        if m.rule is not None and m.rule.anchor == "document":
            # "yesterday", "two days ago": the news item's day, not the narrative's
            if self.anchor is None:
                return None
            resolved = resolve.relative(m, self.anchor, offset)
            if resolved is not None:
                self._advance(resolved)
            return resolved
        anchor = self.current
        if anchor is None:
            return None
        if self._heading_anchor and anchor.granularity == "days":
            # "Initial attacks (27 February–16 March)", then "The next day": count from the
            # start of the period the heading announces, not from its end.
            anchor = replace(anchor, date_end=anchor.date_start, granularity="day")
        resolved = resolve.relative(m, anchor, offset)
        if resolved is not None and reported:
            resolved.reporting = resolved.background = True
        elif resolved is not None:
            self._move_if_forward(resolved)
        return resolved

    def _move_if_forward(self, resolved: ClockDate) -> None:
        """Advance to a relative date unless it looks back ("the previous day").

        A period around the current date ("that same week", "the same day") neither moves
        the clock nor looks back: the current date is already as precise or more.
        """
        cur = self.current
        if cur is None:
            self._advance(resolved)
        elif resolved.date_start <= cur.date_start and resolved.date_end >= cur.date_end:
            return
        elif resolved.date_end >= cur.date_end and resolved.date_start >= cur.date_start:
            self._advance(resolved)
        else:
            resolved.background = True

    def _absolute(self, m: Mention, offset: int, background: bool) -> ClockDate | None:
        if m.has_year or m.kind in ("year", "season"):
            return resolve.absolute(m, self.year or 0, offset)
        year = self._infer_year(m, background)
        if year is None:
            return None
        return resolve.absolute(m, year, offset)

    def _infer_year(self, m: Mention, background: bool) -> int | None:
        """The year of a date written without one, from the narrative so far."""
        month = resolve.start_month(m)
        day = m.d1 or (m.part.first_day if m.part else 1)
        cur = self.current
        if self.year is None or month is None:
            return None
        if cur is None:  # nothing dated yet: the conflict's own span is the best anchor
            return self._in_span(month, self._period_year(month, day, self.year))
        if cur.granularity in ("year", "season"):
            if self.period is not None and cur.date_end < self.period[0]:
                # a background told in years before the document's own period ("In 2014,
                # Russia annexed Crimea." in an article on 2022) dates no day of the story
                # that follows: "On 24 February, Russian forces took the canal" is the period's
                return self._in_period(month, day) or self.year
            return self._period_year(month, day, self.year)
        ref = cur.date_start if not background else cur.date_end
        year = ref.year
        delta = month - ref.month  # months from the current month, in the same year
        if self.anchor is not None and self._near_anchor():
            # a news item reports the past: a day that would fall after it is last year's
            last = self.anchor.date_start
            d = make_date(last.year, month, min(day, 28))
            return last.year - 1 if d is not None and d > last else last.year
        if background:
            # A look back lies before the current date: "On 3 November they had..." in March.
            if (month, day) > (ref.month, ref.day) and delta > 1:
                year -= 1
            return year
        if delta < -self.back_months:
            year += 1  # December, then "On 3 January": the story moved on to the next year
        elif delta > self.forward_months:
            year -= 1  # January, then "On 28 December": a step back over the new year
        if (year != ref.year and not self._before_span(ref)
                and not self._inside(year, month) and self._inside(ref.year, month)):
            # the month's jump was read as a new year the conflict never saw (a background
            # told before the span is left alone: its dates are not the conflict's)
            year = ref.year
        return self._period_year(month, day, year)

    def _before_span(self, day: date) -> bool:
        return self.span is not None and (day.year, day.month) < (
            self.span[0].year, self.span[0].month)

    def _inside(self, year: int, month: int) -> bool:
        """Whether ``month`` of ``year`` lies in the conflict's span (by months)."""
        if self.span is None:
            return False
        first, last = self.span
        return (first.year, first.month) <= (year, month) <= (last.year, last.month)

    def _in_span(self, month: int, year: int) -> int:
        """``year``, or the one year that puts ``month`` inside the conflict's span."""
        if self.span is None or self._inside(year, month):
            return year
        fits = [y for y in range(self.span[0].year, self.span[1].year + 1)
                if self._inside(y, month)]
        return fits[0] if len(fits) == 1 else year

    def _near_anchor(self) -> bool:
        """Whether the story is still around the news item's own day: its current date is the
        item's day or counted from it ("yesterday", "on Monday"). Once the text writes a date
        of its own ("In 2019", "on 3 October 2016"), a year-less day follows the narrative as
        in any document."""
        cur, anchor = self.current, self.anchor
        if cur is None or anchor is None:
            return anchor is not None
        # an explicit date of the text ("on 3 October 2016") leads the story from then on
        year = anchor.date_start.year
        return cur.relative and year - 1 <= cur.date_start.year <= year

    def _in_period(self, month: int, day: int,
                   years: Iterable[int] | None = None) -> int | None:
        """The first year of the document's period (or of ``years``) that puts ``month`` and
        ``day`` in the period."""
        if self.period is None:
            return None
        first, last = self.period
        for candidate in years if years is not None else range(first.year, last.year + 1):
            d = make_date(candidate, month, min(day, 28))
            if d is not None and first.replace(day=1) <= d <= last:
                return candidate
        return None

    def _period_year(self, month: int, day: int, year: int) -> int:
        """After a heading, a story told in background years comes back to its own period."""
        if not self._new_section or self.period is None:
            return year
        first, last = self.period
        cur = self.current
        if cur is not None and cur.date_end >= first:
            return year
        return self._in_period(month, day, (first.year, last.year)) or year

    def _advance(self, resolved: ClockDate) -> None:
        self.current = resolved
        self._heading_anchor = False
        self._new_section = False
        self.year = resolved.date_start.year
