"""Run one function per task under a time and memory budget, in order, replacing broken workers.

Why not ``ProcessPoolExecutor``: it cannot stop one task. A file that makes a stage run for
hours (a pathological regex, an endless "sentence") would hold its worker forever, and a worker
that dies (killed by the kernel for memory) breaks the whole pool. Here every worker is a
process of our own, fed one task at a time through a pipe; the parent watches the worker's
CPU time and resident memory, kills a worker that goes over its budget, answers that task with
``over(task, reason)`` and starts a fresh worker. Results come back in task order.

With one worker the tasks run in this process (no pickling, no process start-up); the budget
is then kept by a CPU-time timer (``ITIMER_PROF``) whose signal raises :class:`OverBudget`
inside the task (Python code and the ``re`` engine both check for signals). Off the main
thread, or where there is no such timer, in-process tasks run without a budget.

The budget counts CPU seconds, not wall-clock seconds, so a busy machine (other jobs, fewer
cores than workers) does not stop files that would finish; and it grows with the file
(``seconds + seconds_per_mb × size``), so a large JSON Lines file of many news items is
not held to the allowance of one article. A worker that makes no progress at all (blocked,
not computing) is stopped by a wall-clock backstop of :data:`WALL_FACTOR` times the budget.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

_TICK = 0.1  # seconds between checks of the clock and the memory
WALL_FACTOR = 20  # a worker blocked without computing is stopped after this many budgets
_HZ = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class OverBudget(BaseException):  # noqa: N818 - a reason to stop, raised into the task
    """A task went over its time or memory budget; ``str(err)`` is the one-line reason.
    A ``BaseException`` (like ``KeyboardInterrupt``): no ``except Exception`` in a stage may
    swallow it and carry on."""


@dataclass(frozen=True, slots=True)
class Budget:
    """CPU seconds (``seconds`` plus ``seconds_per_mb`` for each MB of the task's input) and
    megabytes (of resident memory grown while on one task) a task may use."""

    seconds: float | None = 60.0
    memory_mb: int | None = None
    seconds_per_mb: float = 0.0

    def limit(self, size_bytes: int = 0) -> float | None:
        """The CPU seconds a task of ``size_bytes`` of input may take."""
        if self.seconds is None:
            return None
        return self.seconds + self.seconds_per_mb * max(0, size_bytes) / 1_000_000

    def time_reason(self, size_bytes: int = 0) -> str:
        return f"took longer than {self.limit(size_bytes):g} s: stopped"

    def memory_reason(self) -> str:
        return f"used more than {self.memory_mb} MB of memory: stopped"


def rss_bytes(pid: int | None = None) -> int | None:
    """Resident memory of a process (this one by default), or None where /proc is missing."""
    try:
        with open(f"/proc/{pid or 'self'}/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None


def cpu_seconds(pid: int) -> float | None:
    """User plus system CPU seconds a process has used, or None where /proc is missing."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
        fields = stat[stat.rindex(b")") + 2:].split()  # the name may hold spaces
        return (int(fields[11]) + int(fields[12])) / _HZ  # utime, stime
    except (OSError, ValueError, IndexError):
        return None


# ----------------------------------------------------------------------------- in-process
@contextmanager
def in_process_budget(budget: Budget, size_bytes: int = 0) -> Iterator[None]:
    """Raise :class:`OverBudget` inside the ``with`` body when it goes over ``budget`` (CPU
    seconds for an input of ``size_bytes``)."""
    usable = (
        hasattr(signal, "setitimer") and hasattr(signal, "SIGPROF")
        and threading.current_thread() is threading.main_thread()
        and (budget.seconds is not None or budget.memory_mb is not None)
    )
    if not usable:
        yield
        return
    limit = budget.limit(size_bytes)
    start = time.process_time()
    base = rss_bytes()
    over: list[str] = []  # the reason, once the task has gone over

    def check(_signum: int, _frame: Any) -> None:
        if not over and limit is not None and time.process_time() - start > limit:
            over.append(budget.time_reason(size_bytes))
        if not over and budget.memory_mb is not None and base is not None:
            now = rss_bytes()
            if now is not None and now - base > budget.memory_mb * 1_000_000:
                over.append(budget.memory_reason())
        if over:
            # raised once; a stop that lands in a finaliser or a callback (garbage collection,
            # a weakref) is swallowed there, so the task is also stopped after its body below
            signal.setitimer(signal.ITIMER_PROF, 0)
            raise OverBudget(over[0])

    previous = signal.signal(signal.SIGPROF, check)
    tick = min(_TICK, limit / 2) if limit else _TICK
    signal.setitimer(signal.ITIMER_PROF, tick, tick)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
    if over:  # every raise was swallowed and the task ran to its end: still over its budget
        raise OverBudget(over[0])


# ----------------------------------------------------------------------------- worker processes
def _worker_main(conn: Connection, func: Callable[..., Any],
                 initializer: Callable[..., Any] | None, initargs: tuple[Any, ...]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if initializer is not None:
        initializer(*initargs)
    while True:
        try:
            msg = conn.recv()
        except EOFError:
            return
        if msg is None:
            return
        idx, args = msg
        conn.send((idx, func(*args)))


class _Slot:
    """One worker process and the task it is working on."""

    def __init__(self, ctx: Any, func: Callable[..., Any],
                 initializer: Callable[..., Any] | None, initargs: tuple[Any, ...]) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, func, initializer, initargs),
                                daemon=True)
        self.proc.start()
        child.close()
        self.task: int | None = None
        self.size = 0
        self.started = 0.0
        self.base_cpu: float | None = None
        self.base_rss: int | None = None

    def give(self, idx: int, args: tuple[Any, ...], size: int) -> None:
        self.task = idx
        self.size = size
        self.started = time.monotonic()
        self.base_cpu = cpu_seconds(self.proc.pid)
        self.base_rss = rss_bytes(self.proc.pid)
        self.conn.send((idx, args))

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join()
        self.conn.close()

    def stop(self) -> None:
        with suppress(OSError):
            self.conn.send(None)
        self.proc.join(timeout=5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


def run_budgeted(
    func: Callable[..., Any],
    tasks: Sequence[tuple[Any, ...]],
    over: Callable[[tuple[Any, ...], str], Any],
    *,
    workers: int,
    budget: Budget,
    initializer: Callable[..., Any] | None = None,
    initargs: tuple[Any, ...] = (),
    sizes: Sequence[int] | None = None,
) -> Iterator[Any]:
    """``func(*task)`` for every task, in order, in ``workers`` processes under ``budget``
    (``sizes``: each task's input bytes, which its budget grows with).

    A task over its budget, or whose worker dies, yields ``over(task, reason)`` instead (one
    line: "took longer than 60 s: stopped", "worker process died (signal 9)"); its worker
    is replaced and the other tasks go on. ``func`` must not raise and must be pickleable.
    """
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else None)
    n = min(workers, len(tasks))
    slots = [_Slot(ctx, func, initializer, initargs) for _ in range(n)]
    done: dict[int, Any] = {}
    next_task = 0
    next_out = 0
    try:
        while next_out < len(tasks):
            for slot in slots:
                if slot.task is None and next_task < len(tasks):
                    slot.give(next_task, tasks[next_task], sizes[next_task] if sizes else 0)
                    next_task += 1
            busy = [s for s in slots if s.task is not None]
            ready = wait([s.conn for s in busy], timeout=_TICK) if busy else []
            for i, slot in enumerate(slots):
                if slot.task is None:
                    continue
                reason = None
                if slot.conn in ready:
                    try:
                        idx, result = slot.conn.recv()
                        done[idx] = result
                        slot.task = None
                        continue
                    except (EOFError, OSError):
                        slot.proc.join(timeout=1)
                        code = slot.proc.exitcode
                        how = f"signal {-code}" if code is not None and code < 0 else f"exit {code}"
                        reason = f"worker process died ({how})"
                if reason is None:
                    reason = _over_budget(slot, budget)
                if reason is not None:
                    done[slot.task] = over(tasks[slot.task], reason)
                    slot.kill()
                    slots[i] = _Slot(ctx, func, initializer, initargs)
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
    finally:
        for slot in slots:
            if slot.task is None:
                slot.stop()
            else:
                slot.kill()


def _over_budget(slot: _Slot, budget: Budget) -> str | None:
    limit = budget.limit(slot.size)
    if limit is not None:
        now = cpu_seconds(slot.proc.pid)
        used = (now - slot.base_cpu if now is not None and slot.base_cpu is not None
                else time.monotonic() - slot.started)  # no /proc: wall-clock time
        if used > limit or time.monotonic() - slot.started > limit * WALL_FACTOR:
            return budget.time_reason(slot.size)
    if budget.memory_mb is not None and slot.base_rss is not None:
        now = rss_bytes(slot.proc.pid)
        if now is not None and now - slot.base_rss > budget.memory_mb * 1_000_000:
            return budget.memory_reason()
    return None
