"""The ingest entry points: find the files, read each one into :class:`~warlog.model.Document` s.

``iter_files`` walks files and folders in a fixed order; ``read_path`` checks a file (size
before reading, binary content, encoding), sniffs its format from the content and hands it to
the matching reader: the readers are plugins (:data:`warlog.plugins.readers`, the
``warlog.readers`` entry points; the built-ins are declared in :mod:`warlog.ingest.formats`).
Problems that stop a file are :class:`~warlog.errors.IngestError` (one line: ``path:
problem``); files that are simply not documents are
:class:`~warlog.errors.SkippedFile`; problems a reader works around become
``Document.warnings``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from warlog.errors import IngestError, SkippedFile
from warlog.ingest.plaintext import title_from_name
from warlog.ingest.sniff import skip_by_content, skip_by_name
from warlog.model import Document
from warlog.plugins import Reader, readers, sniff_reader
from warlog.settings import current

_HEAD_BYTES = 8192
_WORD = re.compile(r"\w")
RECORD_FORMAT = "jsonl"  # the format of a document split out of a container (JSON) file


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named in ``paths`` and the files under named folders (recursively).

    Folders are walked in sorted order and hidden files and folders (``.name``) are skipped,
    so the same tree always yields the same sequence. A file reached twice is yielded once.
    A path that does not exist raises :class:`IngestError`.
    """
    seen: set[Path] = set()
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if f.startswith("."):
                        continue
                    fp = Path(root) / f
                    key = fp.resolve()
                    if key not in seen and fp.is_file():
                        seen.add(key)
                        yield fp
        elif path.is_file():
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                yield path
        elif path.exists():
            raise IngestError(str(path), "not a regular file")
        else:
            raise IngestError(str(path), "no such file or directory")


def _size_text(n: float) -> str:
    value, unit = (n / 1_000_000, "MB") if n >= 100_000 else (n / 1000, "kB")
    return f"{value:.1f}".removesuffix(".0") + f" {unit}"


def _decode(data: bytes, where: str) -> str:
    """UTF-8 (BOM allowed) or BOM-marked UTF-32 or UTF-16; the problem names the first bad
    byte. UTF-32 is tested first: its little-endian BOM begins with UTF-16's."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        try:
            return data.decode("utf-32")
        except UnicodeDecodeError as err:
            raise IngestError(where, f"not valid UTF-32 at byte {err.start}") from err
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise IngestError(where, f"not valid UTF-16 at byte {err.start}") from err
    if b"\x00" in data:
        raise IngestError(where, "binary file (NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise IngestError(where, f"not valid UTF-8 at byte {err.start}") from err


def read_path(path: Path, max_bytes: int | None = None) -> list[Document]:
    """Read one file into its documents (one per file; JSON Lines: one per line).
    ``max_bytes`` defaults to the active settings' ``max_file_bytes``."""
    path = Path(path)
    if max_bytes is None:
        max_bytes = current().max_file_bytes
    where = str(path)
    reason = skip_by_name(path)  # before stat: a database's -wal file may be gone by now
    if reason:
        raise SkippedFile(where, reason)
    try:
        size = path.stat().st_size
    except OSError as err:
        raise IngestError(where, f"cannot read ({err.strerror or err})") from err
    if path.is_dir():
        raise IngestError(where, "is a directory")
    if size > max_bytes:  # checked before reading a byte
        raise IngestError(
            where, f"file too large ({_size_text(size)} > {_size_text(max_bytes)} limit)"
        )
    try:
        data = path.read_bytes()
    except OSError as err:
        raise IngestError(where, f"cannot read ({err.strerror or err})") from err
    reason = skip_by_content(data[:_HEAD_BYTES])
    if reason:
        raise SkippedFile(where, reason)
    if not data:
        raise IngestError(where, "empty file")
    raw = _decode(data, where)
    if not raw.replace("\ufeff", "").strip():  # U+FEFF (a byte-order mark) is not text either
        raise IngestError(where, "no text (only white space)")
    return read_text(raw, path.name, where)


def read_text(raw: str, name: str, path: str = "") -> list[Document]:
    """Documents from already-decoded text (``name`` is the file name, for messages)."""
    where = path or name
    reader = sniff_reader(raw)
    if reader.records is None:
        return [_document(raw, name, where, reader)]
    try:
        records = reader.records(raw, name)
    except ValueError as err:  # JsonError: no usable record
        raise IngestError(where, str(err)) from err
    docs: list[Document] = []
    skipped: list[str] = []
    for rec in records:
        sub = sniff_reader(rec.text)
        if sub.records is not None:  # a record's text is a document, never another container
            sub = readers.get("plaintext")
        doc_name = f"{name}{rec.key}"
        try:
            doc = _document(rec.text, doc_name, where, sub, title_fallback=False)
        except IngestError as err:
            skipped.append(f"{doc_name}: {err.problem}; record skipped")
            continue
        doc.format = RECORD_FORMAT
        doc.meta = {**doc.meta, **rec.meta, "text_format": sub.name}
        docs.append(doc)
    if not docs:
        raise IngestError(where, "no text")
    docs[0].warnings[:0] = [w for rec in records for w in rec.warnings] + skipped
    return docs


def _document(raw: str, name: str, where: str, reader: Reader,
              title_fallback: bool = True) -> Document:
    assert reader.read is not None  # container readers are handled by read_text
    cleaned = reader.read(raw, name)
    if not _WORD.search(cleaned.text):  # white space, U+FEFF, punctuation: no document
        raise IngestError(where, "no text (nothing left after cleaning)")
    meta = cleaned.meta
    if title_fallback and "title" not in meta:
        title = title_from_name(name)
        if title:
            meta["title"] = title
    return Document(
        name=name,
        path=where,
        raw=raw,
        text=cleaned.text,
        offsets=cleaned.offsets,
        format=reader.name,
        meta=meta,
        sections=cleaned.sections,
        warnings=cleaned.warnings,
    )
