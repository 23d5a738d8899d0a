"""The text the extractor reads from a news or wire item.

Two conventions of news copy that the readers keep as written (the stored document and its
evidence stay the original) but the extractor must see through:

- **case**: a paragraph in capitals (wire archives) or all in lower case is truecased
  (:mod:`warlog.nlp.truecase`), so dates, names and places are told from words again;
- **the dateline** (``LIMA, 10 JAN 90 (EFE) --``) is metadata, not story: it is blanked out of
  the text (same length, so every offset still maps to the original) and kept in
  ``meta["dateline"]`` (city, its country or region as written, ISO day or None, agency). Its
  city becomes ``meta["place"]``,
  the fallback place of the item's events, when the document names none; its day anchors the
  item's relative dates (:mod:`warlog.timeline.anchor`).

:func:`news_view` returns the document itself when neither applies (Wikipedia articles, most
files): nothing is copied.
"""

from __future__ import annotations

from dataclasses import replace

from warlog.ingest.dateline import find_dateline
from warlog.model import Document
from warlog.nlp.truecase import truecase


def news_view(doc: Document) -> Document:
    """``doc`` as the extractor should read it (a copy only when something changes)."""
    from warlog.timeline.anchor import publication_date

    text = truecase(doc.text)
    line = find_dateline(text)
    if line is None and text is doc.text:
        return doc
    meta = dict(doc.meta)
    if line is not None:
        day = line.day_in(publication_date(doc))
        meta["dateline"] = {
            "city": line.place,
            "region": line.region and " ".join(line.region.split()),
            "date": day.isoformat() if day else None,
            "agency": line.agency,
        }
        if not meta.get("place"):
            meta["place"] = line.place
        rest = text[line.end :]
        if text is not doc.text and rest[:1].islower():
            rest = rest[0].upper() + rest[1:]  # truecased: the story's first word opens it
        text = text[: line.start] + " " * (line.end - line.start) + rest
    return replace(doc, text=text, meta=meta)
