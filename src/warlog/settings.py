"""One settings object for a run: data and cache folders, language, limits, workers, geocoder.

A :class:`Settings` is built once (by the CLI from its options, by a notebook user from keyword
arguments) and passed explicitly to :func:`warlog.pipeline.run` and :func:`warlog.extract`, which
make it *active* in the process and in every worker process (:func:`activate`). Code deep in
the extractor reads the active settings with :func:`current`.

Everything derived from data files (lexicons, indexes, automata) is cached with
:func:`warlog.data.cached`; activating settings whose data-relevant fields (``data_dir``,
``language``, ``geocoder``) differ from the active ones clears those caches, so the next use
loads the overlaid files.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path
from typing import Any

CACHE_ENV = "WARLOG_CACHE_DIR"


def default_cache_dir() -> Path:
    """``$WARLOG_CACHE_DIR`` if set, else ``~/.cache/warlog`` (read when called)."""
    env = os.environ.get(CACHE_ENV)
    return Path(env) if env else Path.home() / ".cache" / "warlog"


def default_workers() -> int:
    """One worker process per core, at most four."""
    return max(1, min(4, os.cpu_count() or 1))


@dataclass(frozen=True, slots=True)
class Settings:
    """How warlog runs. Frozen and pickleable (worker processes receive a copy).

    - ``data_dir``: an extra folder whose files override the packaged files of the same
      relative name (``triggers.yaml`` overrides ``warlog/data/triggers.yaml``;
      ``en/numbers.yaml`` overrides ``warlog/lang/en/numbers.yaml``).
    - ``cache_dir``: where built indexes are kept (``None``: :func:`default_cache_dir`).
    - ``language``: the language folder of ``warlog/lang`` to read word lists from.
    - ``workers``: worker processes (``0``: :func:`default_workers`).
    - ``file_timeout``: CPU seconds one file may take, plus ``file_seconds_per_mb`` for each
      MB of it (so a JSON Lines file of thousands of news items gets the time they need).
    - ``file_memory_mb``: megabytes of memory one file may add (``None``: no limit).
    - ``max_file_bytes``: files larger than this are refused before reading.
    - ``max_sentence_chars``: a longer "sentence" (a list with no full stop) is split at
      safe breaks into pieces this long (above the longest real sentence of the corpus).
    - ``geocoder``: the name of a ``warlog.geocoders`` entry point.
    - ``anchor_date``: the publication day of documents that carry none of their own (no
      dateline day, no ``date`` field): "yesterday" and "on Monday" count from it.
    """

    data_dir: Path | None = None
    cache_dir: Path | None = None
    language: str = "en"
    workers: int = 0
    file_timeout: float = 60.0
    file_seconds_per_mb: float = 30.0
    file_memory_mb: int | None = None
    max_file_bytes: int = 20_000_000
    max_sentence_chars: int = 30_000
    geocoder: str = "geonames"
    anchor_date: date | None = None

    def __post_init__(self) -> None:
        if isinstance(self.anchor_date, str):
            try:
                object.__setattr__(self, "anchor_date", date.fromisoformat(self.anchor_date))
            except ValueError as e:
                raise ValueError(f"anchor_date {self.anchor_date!r}: not a YYYY-MM-DD day ({e})"
                                 ) from e
        for name in ("data_dir", "cache_dir"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, Path):
                object.__setattr__(self, name, Path(value).expanduser())
        if self.data_dir is not None and not self.data_dir.is_dir():
            raise ValueError(f"data_dir {self.data_dir}: no such folder")
        if self.workers < 0:
            raise ValueError(f"workers must be 0 (one per core) or more, not {self.workers}")
        if self.file_timeout <= 0:
            raise ValueError(f"file_timeout must be positive, not {self.file_timeout}")
        if self.file_seconds_per_mb < 0:
            raise ValueError(
                f"file_seconds_per_mb must be 0 or more, not {self.file_seconds_per_mb}")
        if self.file_memory_mb is not None and self.file_memory_mb <= 0:
            raise ValueError(f"file_memory_mb must be positive, not {self.file_memory_mb}")
        if self.max_file_bytes <= 0:
            raise ValueError(f"max_file_bytes must be positive, not {self.max_file_bytes}")
        if self.max_sentence_chars <= 0:
            raise ValueError(
                f"max_sentence_chars must be positive, not {self.max_sentence_chars}")

    # ------------------------------------------------------------------ derived values
    @property
    def cache_folder(self) -> Path:
        """The cache folder to use: ``cache_dir`` or :func:`default_cache_dir`."""
        return self.cache_dir if self.cache_dir is not None else default_cache_dir()

    @property
    def worker_count(self) -> int:
        """``workers``, with 0 meaning :func:`default_workers`."""
        return self.workers or default_workers()

    def data_key(self) -> tuple[Any, ...]:
        """The fields that change what data-derived caches hold."""
        return (self.data_dir, self.language, self.geocoder)

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_options(cls, **options: Any) -> Settings:
        """Settings from CLI-style options: ``None`` means "the default" for any field, and
        unknown names are an error (a misspelt option must not be ignored silently)."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise TypeError(f"unknown settings: {', '.join(unknown)}")
        return cls(**{k: v for k, v in options.items() if v is not None})

    def with_(self, **changes: Any) -> Settings:
        """A copy with some fields changed (``None`` values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


_lock = threading.RLock()
_active: Settings | None = None


def current() -> Settings:
    """The active settings (the defaults until :func:`activate` is called)."""
    global _active
    if _active is None:
        with _lock:
            if _active is None:
                _active = Settings()
    return _active


def activate(settings: Settings | None) -> Settings:
    """Make ``settings`` (or the defaults) active for this process; return the previous ones.

    When the data-relevant fields change, every cache registered with
    :func:`warlog.data.cached` is cleared so the next use reads the new data files.
    Also used as a ``ProcessPoolExecutor`` initializer for worker processes.
    """
    global _active
    new = settings if settings is not None else Settings()
    with _lock:
        previous = current()
        _active = new
        if previous.data_key() != new.data_key():
            from warlog.data import clear_caches

            clear_caches()
    return previous


@contextmanager
def using(settings: Settings | None) -> Iterator[Settings]:
    """Make ``settings`` active inside a ``with`` block, then restore the previous ones."""
    previous = activate(settings)
    try:
        yield current()
    finally:
        activate(previous)
