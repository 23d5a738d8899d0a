"""Domain knowledge as data: lexicons, aliases and rules in YAML, loaded once per settings.

Files are found through the active :class:`~warlog.settings.Settings`: a file of the same
relative name in ``settings.data_dir`` overrides the packaged one (``triggers.yaml`` overrides
``warlog/data/triggers.yaml``, ``en/numbers.yaml`` overrides ``warlog/lang/en/numbers.yaml``).

Everything computed from these files (lexicons, indexes, automata) is cached with
:func:`cached`, which registers the cache so that :func:`warlog.settings.activate` can clear
them all when the data folder or the language changes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import IO, Any, TypeVar, overload

import yaml

from warlog.settings import current

# libyaml's safe loader when PyYAML was built with it: 10-40x faster than the pure-Python one
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BOOL = "tag:yaml.org,2002:bool"


class DataLoader(_BASE_LOADER):  # type: ignore[misc, valid-type]
    """The safe loader with YAML 1.2's booleans: only true/false are. YAML 1.1 also reads
    yes/no/on/off/y/n as booleans, which turned word lists' "no", "on", "off" and "y" and the
    country code NO (Norway) into True/False."""


DataLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _BOOL]
    for first, resolvers in _BASE_LOADER.yaml_implicit_resolvers.items()
}
DataLoader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_LOADER = DataLoader

F = TypeVar("F", bound=Callable[..., Any])

_caches: list[Any] = []  # functools caches (they have cache_clear)
_hooks: list[Callable[[], None]] = []  # other process-wide singletons' reset functions


@overload
def cached(fn: F, /) -> F: ...
@overload
def cached(*, maxsize: int | None = None) -> Callable[[F], F]: ...


def cached(fn: Any = None, /, *, maxsize: int | None = None) -> Any:
    """``functools.lru_cache`` for values derived from data files, registered for clearing.

    Use bare (``@cached``: unbounded, for loaders without arguments) or with a bound
    (``@cached(maxsize=200_000)``: for per-string memos over data-driven rules).
    """

    def wrap(f: F) -> F:
        wrapper = functools.lru_cache(maxsize=maxsize)(f)
        _caches.append(wrapper)
        return wrapper  # type: ignore[return-value]

    return wrap(fn) if fn is not None else wrap


def on_clear(hook: Callable[[], None]) -> Callable[[], None]:
    """Register ``hook`` to run by :func:`clear_caches` (for singletons that are not
    functions, e.g. a class attribute holding a loaded index). Usable as a decorator."""
    _hooks.append(hook)
    return hook


def clear_caches() -> None:
    """Forget every data-derived value, so the next use loads the files again."""
    for c in _caches:
        c.cache_clear()
    for hook in _hooks:
        hook()


def registered_caches() -> int:
    """How many caches :func:`clear_caches` clears (for tests and diagnostics)."""
    return len(_caches) + len(_hooks)


def resolve(name: str, folder: str = "data") -> Path | Traversable:
    """The file ``name`` (relative to the packaged ``warlog/<folder>``, ``data`` or ``lang``):
    from ``settings.data_dir`` when it holds a file of that relative name, else packaged."""
    overlay = current().data_dir
    if overlay is not None:
        candidate = overlay / name
        if candidate.is_file():
            return candidate
    return resources.files("warlog").joinpath(folder, *name.split("/"))


def open_data(name: str, folder: str = "data") -> AbstractContextManager[IO[str]]:
    """Open a data file for reading text (through the overlay, see :func:`resolve`)."""
    return resolve(name, folder).open(encoding="utf-8")  # type: ignore[return-value]


def _parse(name: str, folder: str) -> Any:
    with open_data(name, folder) as fh:
        return yaml.load(fh, Loader=_LOADER)  # noqa: S506 - a safe loader


@cached
def load_yaml(name: str) -> Any:
    """Load ``<data_dir or warlog/data>/<name>`` (cached: every module shares one copy)."""
    return _parse(name, "data")


@cached
def load_lang_yaml(name: str, language: str | None = None) -> Any:
    """Load a word list of a language: ``<data_dir or warlog/lang>/<language>/<name>``
    (``language`` defaults to the active settings' language)."""
    lang = language or current().language
    return _parse(f"{lang}/{name}", "lang")
