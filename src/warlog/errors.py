"""Errors that name the file and the problem."""

from __future__ import annotations


class WarlogError(Exception):
    """Base class for problems warlog reports to the user."""


class IngestError(WarlogError):
    """A file could not be read as a document. ``str(err)`` is one line: ``path: problem``."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class SkippedFile(WarlogError):
    """A file that is not a document (a CSV manifest, an image…): skipped, not a failure."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: skipped ({reason})")
        self.path = path
        self.reason = reason


def internal_problem(err: BaseException) -> str:
    """A one-line, specific message for an exception no reader turned into an IngestError."""
    if isinstance(err, RecursionError):
        return "nested too deeply to read (recursion limit)"
    if isinstance(err, MemoryError):
        return "ran out of memory while reading"
    text = " ".join(str(err).split())[:300]
    return f"internal error while extracting: {type(err).__name__}: {text}"
