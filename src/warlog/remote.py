"""Documents behind URLs: any path with a scheme (``s3://bucket/news/``, ``gs://…``,
``file:///shared/archive``, ``memory://…`` in tests) is read through ``fsspec``, which Dask
brings with it; ``s3://`` needs ``s3fs``, ``gs://`` ``gcsfs``, ``http(s)://`` ``aiohttp``
(each filesystem's own package, with its usual credentials: environment, config files).

- :func:`iter_files` lists what a run reads: a local path as
  :func:`warlog.ingest.reader.iter_files` does, a URL naming a folder (a prefix) as every
  file under it in sorted order (hidden names skipped), a URL naming a file as itself.
- :func:`local` gives the reader a local file: a local path as it is, a URL's bytes copied to
  a temporary file of the same name (so the document's name is the file's name, as for a
  local file), removed afterwards. The stored ``path`` is the URL.

On a cluster every worker reads the URL itself: an object store is the "shared folder" of a
cluster without one (``memory://`` is one process's own and does not reach workers).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from warlog.errors import IngestError


def is_url(path: str | Path) -> bool:
    """Whether ``path`` names a file through a scheme (``s3://…``); a ``Path`` never does."""
    return isinstance(path, str) and "://" in path


def exists(path: str | Path) -> bool:
    if not is_url(path):
        return Path(path).exists()
    fs, root = _fs(str(path))
    return bool(fs.exists(root))


def _fs(url: str) -> tuple[object, str]:
    import fsspec

    try:
        fs, root = fsspec.core.url_to_fs(url)
    except (ValueError, ImportError) as e:  # an unknown scheme, or its package not installed
        raise IngestError(url, f"cannot read this URL ({_first_line(e)})") from None
    return fs, root


def _first_line(err: BaseException) -> str:
    return (str(err).strip().splitlines() or [type(err).__name__])[0][:200]


def _listing(url: str) -> Iterator[str]:
    fs, root = _fs(url)
    if fs.isdir(root):  # type: ignore[attr-defined]
        base = root.rstrip("/")
        for f in sorted(fs.find(root)):  # type: ignore[attr-defined]
            rel = f[len(base):].lstrip("/")
            if not any(part.startswith(".") for part in rel.split("/")):
                yield fs.unstrip_protocol(f)  # type: ignore[attr-defined]
    elif fs.isfile(root):  # type: ignore[attr-defined]
        yield url
    else:
        raise IngestError(url, "no such file or folder")


def iter_files(paths: Iterable[str | Path]) -> Iterator[str | Path]:
    """The files a run reads, in order (see the module notes); a file named twice once."""
    from warlog.ingest.reader import iter_files as local_files

    seen: set[str] = set()
    for p in paths:
        found = _listing(str(p)) if is_url(p) else local_files([p])
        for f in found:
            key = f if isinstance(f, str) else str(Path(f).resolve())
            if key not in seen:
                seen.add(key)
                yield f


@contextmanager
def local(path: str | Path) -> Iterator[Path]:
    """A local file with the content of ``path`` (see the module notes)."""
    if not is_url(path):
        yield Path(path)
        return
    import fsspec

    url = str(path)
    with tempfile.TemporaryDirectory(prefix="warlog-url-") as tmp:
        target = Path(tmp) / (url.rstrip("/").rsplit("/", 1)[-1] or "document")
        with fsspec.open(url, "rb") as src, target.open("wb") as dst:
            shutil.copyfileobj(src, dst)  # type: ignore[arg-type]
        yield target
