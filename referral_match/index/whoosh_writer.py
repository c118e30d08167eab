"""Write a Whoosh index in child processes without ever hanging on them.

Whoosh 2.7's multiprocess writer (``MpWriter``) never notices a child that died or is
stuck: :class:`IndexingWriter` polls its children, fails with :class:`IndexFailure` when one
dies or does no work for ``STALL_SECONDS``, and kills them on ``cancel``. Children forked
while :func:`indexing_processes` is active are also killed by Linux if the importer dies.
Used by ``whoosh_index.IndexStore.build`` only; with it, the only modules that import Whoosh.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import queue
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.util import random_name
from whoosh.writing import SegmentWriter

from referral_match.errors import IndexFailure


def _die_with_parent() -> None:
    """In a forked indexing process: ask Linux to kill it when the importing process dies.

    Whoosh's indexing processes wait on a queue that never closes if the importer is
    killed; without this they would linger, holding memory, forever.
    """
    if _BUILDING and sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


_PR_SET_PDEATHSIG = 1
_BUILDING = False
os.register_at_fork(after_in_child=_die_with_parent)

#: Indexing processes the import waits on that use no CPU for this long are stuck (a
#: deadlock, a stopped process): the import fails rather than wait for ever. Busy ones use
#: CPU all the time they are waited on, however large the directory.
STALL_SECONDS = 120.0
_POLL_SECONDS = 0.2
AGAIN = "The directory served before is still serving; run the import again."


def _cpu_ticks(pid: int) -> int | None:
    """Return the CPU time a process has used, in clock ticks, or None (not Linux, gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rpartition(")")[2].split()  # after the command name, which may hold spaces
    return int(fields[11]) + int(fields[12])  # utime + stime


class IndexingWriter(MpWriter):  # type: ignore[misc]  # whoosh is untyped
    """Whoosh's writer that indexes in child processes, made to fail where it would hang.

    Whoosh 2.7's own never notices a child that died or is stuck. Its ``cancel`` only sets
    a flag in this process's copy of each child: the children keep waiting on their job
    queue, and the importer waits for them when it exits (an import that failed on a bad
    row hung). Its ``commit`` joins them blindly, and drops without a word the documents of
    one that died. Here the children are daemons and every wait on them is a poll that
    checks they are alive and working; ``cancel`` kills them.
    """

    def __init__(self, ix: Any, procs: int, **kwargs: Any) -> None:
        super().__init__(ix, procs=procs, multisegment=True, **kwargs)
        self.docbuffer: list[tuple[int, dict[str, Any]]] = []
        self._cpu: dict[int, tuple[int | None, float]] = {}

    def _new_task(self) -> Any:
        task = SubWriterTask(
            self.storage, self.indexname, self.jobqueue, self.resultqueue, self.subargs, True
        )
        task.daemon = True  # a process that exits does not wait for its daemons
        self.tasks.append(task)
        task.start()
        return task

    def _enqueue(self) -> None:
        # As Whoosh's, with a put that notices dead and stuck children.
        filename = f"{random_name()}.doclist"
        with self.temp_storage().create_file(filename).raw_file() as f:
            for item in self.docbuffer:
                pickle.dump(item, f, 2)
        if len(self.tasks) < self.procs:
            self._new_task()
        self._put((filename, len(self.docbuffer)))
        self.docbuffer = []

    def _put(self, job: tuple[str, int] | None) -> None:
        # Once told to finish (job None), a child may end before the others are told.
        finishing = job is None
        self._check_children(finished_ok=finishing)
        self._cpu.clear()  # a child's stall is counted from when it is waited on
        while True:
            try:
                self.jobqueue.put(job, timeout=_POLL_SECONDS)
                return
            except queue.Full:
                self._check_children(finished_ok=finishing)

    def _result(self) -> Any:
        self._cpu.clear()
        while True:
            ended = all(task.exitcode == 0 for task in self.tasks)
            try:
                return self.resultqueue.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                pass
            if ended:  # ended and left nothing in the queue
                raise IndexFailure(
                    "The import stopped: a process building the index ended without "
                    f"handing over its part. {AGAIN}"
                )
            self._check_children(finished_ok=True)

    def _check_children(self, *, finished_ok: bool) -> None:
        """Raise IndexFailure if a child died, or is stuck while being waited on."""
        now = time.monotonic()
        for task in self.tasks:
            code = task.exitcode
            if code is not None and (code != 0 or not finished_ok):
                how = f"exit code {code}"
                if code < 0:
                    how = f"stopped by signal {signal.Signals(-code).name}"
                    if -code == signal.SIGKILL:
                        how += ", often because the computer ran out of memory"
                raise IndexFailure(
                    f"The import stopped: a process building the index ended unexpectedly "
                    f"({how}). {AGAIN} If it fails again, check the free memory and disk "
                    "space."
                )
            if code is None:
                ticks = _cpu_ticks(task.pid)
                seen = self._cpu.get(task.pid)
                if ticks is None or seen is None or ticks != seen[0]:
                    self._cpu[task.pid] = (ticks, now)
                elif now - seen[1] > STALL_SECONDS:
                    raise IndexFailure(
                        "The import stopped: a process building the index did no work for "
                        f"{STALL_SECONDS:.0f} seconds. {AGAIN}"
                    )

    def _commit(self, mergetype: Any, optimize: Any, merge: Any) -> None:
        # As Whoosh's with multisegment=True, with waits that notice dead and stuck children.
        if self.docbuffer:
            self._enqueue()
        for _task in self.tasks:
            self._put(None)
        finalsegments = self._merge_segments(mergetype, optimize, merge)
        # Results first, then joins: a child ends once the parent has read what it sent.
        results = [self._result() for _task in self.tasks]
        finalsegments += [segment for _run, _fields, segment in results]
        for task in self.tasks:
            while task.exitcode is None:
                task.join(_POLL_SECONDS)
                self._check_children(finished_ok=True)
        self._close_queues()
        if self._added:
            finalsegments.append(self._finalize_segment())
        else:
            self._close_segment()
        self._commit_toc(finalsegments)
        self._finish()

    def cancel(self) -> None:
        """Kill the children and throw away what was written (the folder goes anyway)."""
        for task in self.tasks:
            if task.exitcode is None:
                task.kill()
        for task in self.tasks:
            task.join(5)
        self._close_queues()
        if not self.is_closed:
            with contextlib.suppress(Exception):  # a half-committed writer cannot cancel
                SegmentWriter.cancel(self)

    def _close_queues(self) -> None:
        for jobs in (self.jobqueue, self.resultqueue):
            jobs.cancel_join_thread()  # jobs nobody will read must not hold up the exit
            jobs.close()


@contextlib.contextmanager
def indexing_processes() -> Iterator[None]:
    """Mark the processes forked meanwhile as indexing ones (killed with their parent)."""
    global _BUILDING
    _BUILDING = True
    try:
        yield
    finally:
        _BUILDING = False
