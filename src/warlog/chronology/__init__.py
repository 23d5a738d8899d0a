"""Chronologies: a document's stored events as a dated, day-by-day account of its conflict.

:func:`~warlog.chronology.build.chronology` gathers a document's profile, its events (and the
reports of the same events from other documents, when the store has event groups) and the
reconciliation of reported losses with coded fatalities; :mod:`.markdown` and :mod:`.page`
render it as Markdown or as one self-contained, printable HTML page (profile, map, timeline,
days).
"""

from warlog.chronology.build import chronology, find_document
from warlog.chronology.markdown import to_markdown
from warlog.chronology.page import to_html

__all__ = ["chronology", "find_document", "to_html", "to_markdown"]
