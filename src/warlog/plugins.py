"""Extension points: readers, exporters and geocoders, found through Python entry points.

Built-ins and third-party packages register the same way, in their package metadata::

    [project.entry-points."warlog.readers"]
    markdown = "warlog.ingest.formats:MARKDOWN"

    [project.entry-points."warlog.exporters"]
    csv = "warlog.exporters.acled_csv:EXPORTER"

    [project.entry-points."warlog.geocoders"]
    geonames = "warlog.geo.gazetteer:Gazetteer.load"

A ``warlog.readers`` entry point names a :class:`Reader`, a ``warlog.exporters`` one an
:class:`Exporter`, a ``warlog.geocoders`` one a callable that returns a
:class:`~warlog.geo.protocol.Geocoder`. When warlog's own metadata is missing (running from a
source tree that was never installed) the built-ins are loaded from :data:`BUILTINS`. An entry
point of another distribution with a built-in's name replaces the built-in.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from warlog.data import cached
from warlog.settings import current

if TYPE_CHECKING:
    from warlog.geo.protocol import Geocoder
    from warlog.ingest.builder import Cleaned
    from warlog.ingest.jsonl import Record

READERS = "warlog.readers"
EXPORTERS = "warlog.exporters"
GEOCODERS = "warlog.geocoders"

# The built-ins, as pyproject.toml declares them (used when the package metadata is missing).
BUILTINS: dict[str, dict[str, str]] = {
    READERS: {
        "jsonl": "warlog.ingest.formats:JSONL",
        "json": "warlog.ingest.formats:JSON",
        "html": "warlog.ingest.formats:HTML",
        "wikitext": "warlog.ingest.formats:WIKITEXT",
        "markdown": "warlog.ingest.formats:MARKDOWN",
        "plaintext": "warlog.ingest.formats:PLAINTEXT",
    },
    EXPORTERS: {
        "jsonl": "warlog.exporters.jsonl:EXPORTER",
        "csv": "warlog.exporters.acled_csv:EXPORTER",
        "geojson": "warlog.exporters.geojson:EXPORTER",
        "parquet": "warlog.exporters.parquet:EXPORTER",
    },
    GEOCODERS: {
        "geonames": "warlog.geo.gazetteer:Gazetteer.load",
    },
}

Sniff = Callable[[str], bool]


@dataclass(frozen=True)
class Reader:
    """A document format.

    ``sniffs`` are ``(priority, predicate)`` pairs: every reader's predicates are tried on
    the decoded text in ascending priority and the first that holds picks its reader (a
    format may be recognised at two priorities, as Markdown is: front matter early, headings
    late). ``read(text, file_name)`` returns the cleaned text with offsets
    (:class:`~warlog.ingest.builder.Cleaned`). A *container* format (JSON Lines) sets
    ``records`` instead: it splits the text into records whose texts are sniffed again.
    """

    name: str
    sniffs: tuple[tuple[int, Sniff], ...]
    read: Callable[[str, str], Cleaned] | None = None
    records: Callable[[str, str], list[Record]] | None = None

    def __post_init__(self) -> None:
        if (self.read is None) == (self.records is None):
            raise ValueError(f"reader {self.name!r}: give exactly one of read= or records=")


@dataclass(frozen=True)
class Exporter:
    """An output format: ``stream(records)`` yields the file's content in chunks (``str``,
    or ``bytes`` when ``binary``), so the same code writes a file (``warlog export``,
    ``warlog extract --out``) and answers an HTTP download (``warlog serve``)."""

    name: str
    suffixes: tuple[str, ...]
    media_type: str
    stream: Callable[[Iterable[dict[str, Any]]], Iterator[str | bytes]]
    binary: bool = False


T = TypeVar("T")


@dataclass
class Registry(Generic[T]):
    """The plugins of one entry-point group, by name (loaded on first use)."""

    group: str
    kind: type | None = None
    _items: dict[str, T] | None = field(default=None, repr=False)

    def _load(self) -> dict[str, T]:
        if self._items is None:
            specs = dict(BUILTINS.get(self.group, {}))
            builtin = set(specs)
            for ep in entry_points(group=self.group):
                dist = getattr(ep, "dist", None)
                own = dist is not None and (dist.name or "").lower() == "warlog"
                if own and ep.name not in builtin:
                    continue  # a stale installation's entry: the source tree is the truth
                specs[ep.name] = ep.value
            items: dict[str, T] = {}
            for name, spec in specs.items():
                try:
                    obj = _load_object(spec)
                except (ImportError, AttributeError) as e:
                    raise ImportError(f"{self.group} entry point {name!r} ({spec}) cannot be "
                                      f"loaded: {type(e).__name__}: {e}") from e
                if self.kind is not None and not isinstance(obj, self.kind):
                    raise TypeError(f"{self.group} entry point {name!r} ({spec}) is not a "
                                    f"{self.kind.__name__}")
                items[name] = obj
            self._items = items
        return self._items

    def names(self) -> list[str]:
        return list(self._load())

    def all(self) -> list[T]:
        return list(self._load().values())

    def get(self, name: str) -> T:
        items = self._load()
        if name not in items:
            raise LookupError(f"no {self.group} plugin named {name!r} "
                              f"(installed: {', '.join(sorted(items)) or 'none'})")
        return items[name]

    def reset(self) -> None:
        """Forget what was loaded (the next use reads the entry points again)."""
        self._items = None


def _load_object(spec: str) -> Any:
    """``"module.path:attr.path"`` → the object (what ``EntryPoint.load`` does)."""
    module, _, attrs = spec.partition(":")
    obj: Any = importlib.import_module(module.strip())
    for part in attrs.strip().split(".") if attrs.strip() else ():
        obj = getattr(obj, part)
    return obj


readers: Registry[Reader] = Registry(READERS, Reader)
exporters: Registry[Exporter] = Registry(EXPORTERS, Exporter)
geocoders: Registry[Callable[[], Geocoder]] = Registry(GEOCODERS)


@cached
def _sniff_order() -> tuple[tuple[int, int, Sniff, Reader], ...]:
    order = [(prio, i, pred, r) for i, r in enumerate(readers.all()) for prio, pred in r.sniffs]
    return tuple(sorted(order, key=lambda x: (x[0], x[1])))


def sniff_reader(text: str) -> Reader:
    """The reader whose sniff predicate holds first (by priority) for ``text``."""
    for _prio, _i, pred, reader in _sniff_order():
        if pred(text):
            return reader
    return readers.get("plaintext")


def exporter_for(file_name: str) -> Exporter | None:
    """The exporter that writes files with this name's suffix (``"e.csv"``, ``".csv"``)."""
    name = file_name.lower()
    for exp in exporters.all():
        if any(name.endswith(s) for s in exp.suffixes):
            return exp
    return None


def export_suffixes() -> list[str]:
    """Every suffix an exporter writes (for messages and help)."""
    return sorted(s for e in exporters.all() for s in e.suffixes)


@cached
def geocoder() -> Geocoder:
    """The active settings' geocoder (``settings.geocoder``, a ``warlog.geocoders`` name)."""
    return geocoders.get(current().geocoder)()


def reset() -> None:
    """Forget every loaded plugin (tests that install one call this)."""
    for reg in (readers, exporters, geocoders):
        reg.reset()
    _sniff_order.cache_clear()
    geocoder.cache_clear()
