"""Inline clean-up shared by the text readers: drop or unwrap markup inside a line.

An :class:`InlineCleaner` holds a list of regex rules. Each rule either *drops* its
match (a citation marker ``[14]``, an image ``![](…)``, ``[object Object]``), *keeps* one
group of it (the text of a link ``[text](url)``, the words inside ``**bold**``), turns it
into a *space* (``<br>``) or into a *literal* (the ``{{'}}`` template is an apostrophe).
Everything between matches is copied verbatim through the :class:`TextBuilder`, so offsets
stay exact. Rule sources live here so the Markdown and plain-text readers share them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from warlog.data import cached
from warlog.ingest import lexicon
from warlog.ingest.builder import TextBuilder

_TAGS = (
    "ref|references|br|span|div|p|small|big|sup|sub|b|i|u|s|em|strong|poem|center|font|abbr|"
    "code|nowiki|blockquote|cite|q|del|ins|mark|a|li|ul|ol|table|tr|td|th|hr|gallery|"
    "includeonly|noinclude|onlyinclude|timeline|syntaxhighlight|math|chem|score|"
    "templatestyles|section|imagemap|mapframe|time|var|kbd|tt|strike|wbr|bdi"
)

# --- rule sources (named group "keep" = the part a keep-rule retains) -------------------
OBJECT = r"\[object Object\]"
IMAGE_MD = (
    r"!\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]"
    r"\((?:<[^>\n]*>|(?:[^()\s]|\((?:[^()\s]|\([^()\s]*\))*\))*)(?:\s+\"[^\"\n]*\")?\)"
)
LINK_MD = (
    r"\[(?P<keep>(?:[^\[\]\n]|\[[^\[\]\n]*\])+)\]"
    r"\((?:<[^>\n]*>|(?:[^()\s]|\((?:[^()\s]|\([^()\s]*\))*\))*)(?:\s+\"[^\"\n]*\")?\)"
)
WIKI_FILE = r"\[\[(?i:file|image|category|media):(?:[^\[\]\n]|\[\[[^\[\]\n]*\]\])*\]\]"
WIKI_LINK = r"\[\[(?:[^\[\]|\n]*\|)?(?P<keep>[^\[\]|\n]+)\]\]"
REF_PAIR = r"<ref\b[^<>\n]*?/>|<ref\b[^<>\n]*>.*?</ref\s*>"
COMMENT = r"<!--.*?-->|-->"
BR = r"<br\s*/?\s*>"
TAG = rf"</?(?i:{_TAGS})\b(?:\s[^<>\n]*)?/?\s*>"
AUTOLINK = r"<https?://[^>\s]+>"
BOLD = r"\*\*(?P<keep>[^\s*](?:[^\n]*?[^\s*])?)\*\*"
STARS = r"\*+"  # emphasis markers, paired or not ("**15 **", "***Name***")
BOLD_US = r"(?<!\w)__(?P<keep>[^\s_](?:[^\n]*?[^\s_])?)__(?!\w)"
ITALIC_US = r"(?<![\w_])_(?P<keep>[^\s_](?:[^_\n]*?[^\s_])?)_(?![\w_])"
CODE = r"`(?P<keep>[^`\n]+)`"
ESCAPE = r"\\(?P<keep>[\\`*_{}\[\]()#+\-.!|<>])"
MAGIC = r"__[A-Z]{3,}__"
TEMPLATE = r"\{\{[^{}\n]*\}\}"
STRAY = r"\{\{[\w -]*|\}\}|\[\[|\]\]|'{2,}|(?<!\w)__(?!\w)"
EMPTY_PARENS = r"\(\s*(?:[;,]\s*)*\)"


@cached
def lead_images() -> re.Pattern[str]:
    """Image names with spaces at a line start ("Roundel of Syria.svg 20 June 2012 – …")."""
    exts = "|".join(lexicon.image_extensions())
    word = r"[\w'\u2019(),&.-]+"
    return re.compile(rf"[ \t]*(?:(?:{word} ){{0,8}}{word}\.(?i:{exts})(?=\s|$)[ \t]*)+")


# a flag emoji: regional indicator letters (scraped infoboxes and tables write "🇮🇱 Israel")
FLAG_EMOJI = re.compile("[\U0001F1E6-\U0001F1FF]+")


@cached
def image_names() -> re.Pattern[str]:
    """A bare image file name without spaces ("Golan_Heights_Map.PNG")."""
    exts = "|".join(lexicon.image_extensions())
    return re.compile(rf"(?<!\S)\S+\.(?i:{exts})(?!\S)")


def citation() -> str:
    """Inline bracket notes: ``[14]``, ``[d]``, ``[note 3]``, ``[citation needed]``."""
    return lexicon.bracket_notes_re_source()


def template_literal() -> str:
    """``{{'}}``, ``{{!}}``… (templates that stand for a character)."""
    keys = sorted(lexicon.template_literals(), key=len, reverse=True)
    return "(?i:" + "|".join(re.escape(k) for k in keys) + ")"


@dataclass(frozen=True, slots=True)
class Rule:
    """One inline rule.

    ``action`` is ``drop``, ``keep`` (retain the group named ``keep``), ``space`` or
    ``literal`` (replace by the cleaner's literal for the matched text). ``first`` lists the
    characters a match can start with: the cleaner only tries rules where one occurs, which
    keeps it fast on long prose.
    """

    name: str
    pattern: str
    first: str
    action: str = "drop"


_NAME_STOP = frozenset(" \t\n\r[]<>|\"")


@cached
def _image_ext_re() -> re.Pattern[str]:
    """An image extension ending a bare file name (the name is found by scanning back)."""
    exts = "|".join(lexicon.image_extensions())
    return re.compile(rf"\.(?i:{exts})(?![\w.]*\w)")


class InlineCleaner:
    """Applies a list of :class:`Rule` s to ranges of the raw text, writing to a builder."""

    __slots__ = ("_by_char", "_actions", "_literals", "_special", "_image_names")

    def __init__(
        self,
        rules: Sequence[Rule],
        literals: Mapping[str, str] | None = None,
        image_names: bool = False,
    ) -> None:
        grouped: dict[str, list[Rule]] = {}
        self._actions: dict[str, str] = {}
        for r in rules:
            self._actions[f"r_{r.name}"] = r.action
            for ch in r.first:
                grouped.setdefault(ch, []).append(r)
        self._by_char: dict[str, re.Pattern[str]] = {}
        for ch, rs in grouped.items():
            alts = []
            for r in rs:
                src = r.pattern.replace("(?P<keep>", f"(?P<k_{r.name}>")
                alts.append(f"(?P<r_{r.name}>{src})")
            self._by_char[ch] = re.compile("|".join(alts), re.DOTALL)
        chars = set(grouped) | ({"."} if image_names else set())
        self._special = re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")
        self._literals = dict(literals or {})
        self._image_names = image_names

    def emit(self, b: TextBuilder, start: int, end: int) -> None:
        """Write ``raw[start:end]`` to ``b`` with every rule applied."""
        raw = b.raw
        pos = start  # everything before pos is written
        scan = start
        search = self._special.search
        by_char = self._by_char
        while True:
            sm = search(raw, scan, end)
            if sm is None:
                break
            i = sm.start()
            ch = raw[i]
            if ch == "." and self._image_names:
                im = _image_ext_re().match(raw, i, end)
                if im and i > pos and (raw[i - 1].isalnum() or raw[i - 1] in "_)"):
                    s = i
                    while s > pos and raw[s - 1] not in _NAME_STOP:
                        s -= 1
                    if s > pos:
                        b.copy(pos, s)
                    pos = scan = im.end()
                    continue
                if ch not in by_char:
                    scan = i + 1
                    continue
            m = by_char[ch].match(raw, i, end)
            if m is None or m.end() == i:
                scan = i + 1
                continue
            if i > pos:
                b.copy(pos, i)
            name = m.lastgroup or ""
            action = self._actions.get(name, "drop")
            if action == "keep":
                ks, ke = m.span("k_" + name[2:])
                if ks >= 0:
                    self.emit(b, ks, ke)
            elif action == "space":
                b.space(i)
            elif action == "literal":
                b.synth(self._literals.get(m.group().lower(), ""), i)
            pos = scan = m.end()
        if pos < end:
            b.copy(pos, end)

    def text_of(self, raw: str, start: int, end: int) -> str:
        """The cleaned text of a range (for titles and metadata, not for the document)."""
        b = TextBuilder(raw)
        self.emit(b, start, end)
        return b.build().text


@cached
def _rules() -> dict[str, Rule]:
    """Every inline rule, once, by name; each format's cleaner lists the ones it applies."""
    rules = [
        Rule("obj", OBJECT, "["),
        Rule("magic", MAGIC, "_"),
        Rule("comment", COMMENT, "<-"),
        Rule("ref", REF_PAIR, "<"),
        Rule("img", IMAGE_MD, "!"),
        Rule("wfile", WIKI_FILE, "["),
        Rule("cite", citation(), "["),
        Rule("link", LINK_MD, "[", "keep"),
        Rule("wlink", WIKI_LINK, "[", "keep"),
        Rule("auto", AUTOLINK, "<"),
        Rule("br", BR, "<", "space"),
        Rule("tag", TAG, "<"),
        Rule("esc", ESCAPE, "\\", "keep"),
        Rule("code", CODE, "`", "keep"),
        Rule("stars", STARS, "*"),
        Rule("bold", BOLD, "*", "keep"),
        Rule("boldu", BOLD_US, "_", "keep"),
        Rule("italu", ITALIC_US, "_", "keep"),
        Rule("lit", template_literal(), "{", "literal"),
        Rule("tpl", TEMPLATE, "{"),
        Rule("parens", EMPTY_PARENS, "("),
        Rule("stray", STRAY, "{}[]'_"),
    ]
    return {r.name: r for r in rules}


def _cleaner(names: str) -> InlineCleaner:
    table = _rules()
    return InlineCleaner([table[n] for n in names.split()], lexicon.template_literals(),
                         image_names=True)


@cached
def markdown_cleaner() -> InlineCleaner:
    """Inline rules for Markdown bodies (front-lines exports), in the order they are tried."""
    return _cleaner("obj magic comment ref img wfile cite link wlink auto br tag esc code stars "
                    "boldu italu lit tpl stray")


@cached
def plaintext_cleaner() -> InlineCleaner:
    """Inline rules for plain-text scrapes (Wikipedia dumps and mirror pages), in order."""
    return _cleaner("obj magic comment ref img cite link br tag bold italu lit tpl parens stray")


def iter_lines(raw: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of each line of ``raw[start:end]``; ``end`` excludes ``\\n`` and ``\\r``."""
    end = len(raw) if end is None else end
    pos = start
    find = raw.find
    while pos < end:
        nl = find("\n", pos, end)
        if nl < 0:
            nl = end
        le = nl
        if le > pos and raw[le - 1] == "\r":
            le -= 1
        yield pos, le
        pos = nl + 1
