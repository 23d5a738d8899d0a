"""The per-file time budget on a Dask worker: each file is extracted in a child process that
the worker can stop.

A Dask worker runs tasks in a thread, where neither a CPU-time signal nor an exception sent
to the thread interrupts a stage that loops inside C code (a regular expression); and a Dask
worker process may not fork children of its own (it is daemonic). So each worker starts one
child with ``subprocess`` (``python -m warlog.cluster_budget``) that loads the settings, the
gazetteer and the language model once and then extracts one file at a time on request. The
worker watches the child's CPU seconds and memory as :mod:`warlog.budget` does for a local
run: a file over its budget gets the same one-line reason ("took longer than 60 s:
stopped"), the child is killed, and the shard's next file goes to a fresh child (which loads
again: a few CPU seconds, paid only after a runaway file). The child exits when its worker
dies (``PR_SET_PDEATHSIG`` on Linux, and an end of file on its input everywhere).

Messages are pickles with a length prefix over the child's stdin and stdout (the child's own
``print``s go to stderr).
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import time
from typing import IO, Any

from warlog import settings as _settings
from warlog.budget import _TICK, WALL_FACTOR, Budget, cpu_seconds, rss_bytes

_HEADER = struct.Struct("!Q")


def _send(stream: IO[bytes], obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _recv_bytes(stream: IO[bytes]) -> bytes:
    """One message, still pickled."""
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        raise EOFError("the other side has gone")
    (n,) = _HEADER.unpack(head)
    data = stream.read(n)
    if len(data) < n:
        raise EOFError("the other side has gone")
    return data


def _recv(stream: IO[bytes]) -> Any:
    return pickle.loads(_recv_bytes(stream))  # noqa: S301 - our own child/parent, private pipe


class Child:
    """One extraction process of a Dask worker, loaded and ready for files."""

    def __init__(self, settings: _settings.Settings) -> None:
        self.settings = settings
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "warlog.cluster_budget"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=os.environ.copy(),
        )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.stdin, self.stdout = self.proc.stdin, self.proc.stdout
        self.known: frozenset[tuple[str, str]] | None = None
        _send(self.stdin, settings)
        _recv(self.stdout)  # "ready": loaded, outside any file's budget

    def alive(self) -> bool:
        return self.proc.poll() is None

    def use(self, settings: _settings.Settings, known: frozenset[tuple[str, str]]) -> None:
        if settings != self.settings:
            _send(self.stdin, ("settings", settings))
            self.settings = settings
        if known is not self.known:
            _send(self.stdin, ("known", known))
            self.known = known

    def run(self, path: str, budget: Budget, size: int) -> tuple[bytes | None, str | None]:
        """The file's result (``warlog.pipeline._Extracted``) as the child pickled it, or
        ``(None, reason)`` when it went over ``budget`` or the child died (the child is then
        gone)."""
        base_cpu, base_rss = cpu_seconds(self.proc.pid), rss_bytes(self.proc.pid)
        started = time.monotonic()
        _send(self.stdin, ("file", path))
        fd = self.stdout.fileno()
        limit = budget.limit(size)
        while True:
            ready, _w, _x = select.select([fd], [], [], _TICK)
            if ready:
                try:
                    return _recv_bytes(self.stdout), None
                except (EOFError, OSError):
                    code = self.proc.wait()
                    how = f"signal {-code}" if code < 0 else f"exit {code}"
                    return None, f"worker process died ({how})"
            reason = None
            if limit is not None:
                now = cpu_seconds(self.proc.pid)
                used = (now - base_cpu if now is not None and base_cpu is not None
                        else time.monotonic() - started)
                if used > limit or time.monotonic() - started > limit * WALL_FACTOR:
                    reason = budget.time_reason(size)
            if reason is None and budget.memory_mb is not None and base_rss is not None:
                rss = rss_bytes(self.proc.pid)
                if rss is not None and rss - base_rss > budget.memory_mb * 1_000_000:
                    reason = budget.memory_reason()
            if reason is not None:
                self.kill()
                return None, reason

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait()
        self.stdin.close()
        self.stdout.close()

    def stop(self) -> None:
        try:
            self.stdin.close()  # the child ends at the end of its input
            self.proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        self.stdout.close()


# ----------------------------------------------------------------------------- the child
def _die_with_parent() -> None:
    """Ask Linux to end this process when its parent (the Dask worker) dies."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def main() -> None:
    from warlog.pipeline import _process, warm_up

    _die_with_parent()
    inp, out = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # the protocol owns stdout
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the client's to handle
    _settings.activate(_recv(inp))
    warm_up()
    _send(out, "ready")
    known: frozenset[tuple[str, str]] = frozenset()
    while True:
        try:
            kind, payload = _recv(inp)
        except EOFError:
            return
        if kind == "settings":
            _settings.activate(payload)
        elif kind == "known":
            known = payload
        else:
            _send(out, _process(payload, known))


if __name__ == "__main__":
    main()
