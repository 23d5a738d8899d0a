"""Places named only as where a source speaks or sits: "the ambassador to Spain", "told
reporters in Geneva", "(Reporting by ... in Mogadishu". Such a place is neither the event's
place nor a vote for the document's country. The cues are ``source_place_cues`` of
``data/geo.yaml``.
"""

from __future__ import annotations

import re

from warlog.data import cached, load_yaml
from warlog.nlp.alternation import trie_alternation


@cached
def _source_cue() -> re.Pattern[str]:
    cues = (str(c) for c in load_yaml("geo.yaml").get("source_place_cues") or [])
    alt = trie_alternation(cues, lambda ch: r"\s+" if ch == " " else re.escape(ch), lower=True)
    return re.compile(rf"(?i:\b{alt})\s+((?:[\w'’.-]+\s+){{0,4}})$")


def is_source_place(text: str, start: int) -> bool:
    """Whether the place name at ``text[start:]`` follows a source cue (at most four words,
    and no comma, between the cue and the name)."""
    if start <= 0:
        return False
    m = _source_cue().search(text, max(0, start - 80), start)
    return m is not None
