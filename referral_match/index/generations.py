"""The index folder's generations: one serving, a new one built beside it, swapped in atomically.

::

    index/
      current -> gen-20261126T220102123456-a1b2c3   (a symbolic link: the one serving)
      gen-20261126T220102123456-a1b2c3/             (complete generations)
      gen-20261120T101500654321-d4e5f6/             (the one before, for readers on it)
      .building-gen-20261126T230000000001-0a1b2c/   (an import in progress)
      .import.lock

An import fills a ``.building-*`` folder; only when it is complete is it renamed to
``gen-*`` and the ``current`` link replaced (``os.replace``, atomic on POSIX). A failed,
refused or killed import leaves ``current`` as it was; its leftovers are removed by the
next import, including a ``gen-*`` folder never served (killed between its rename and the
switch of ``current``): one newer than the current one. Pruning never removes the
generation serving, nor the one served before it. This module knows nothing of what a
generation holds.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import secrets
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from referral_match.errors import IndexFailure

__all__ = ["Generations", "NewGeneration"]

_CURRENT = "current"
_LOCK = ".import.lock"
#: One lock per index folder for the threads of this process (see Generations._import_lock).
_THREAD_LOCKS: dict[Path, threading.Lock] = {}
_THREAD_LOCKS_GUARD = threading.Lock()
#: Generations kept besides the current one, so that readers still on them can finish.
KEEP_OLD = 1


@dataclass
class NewGeneration:
    """A generation being built: its folder, whether to keep it, and where it ended up."""

    folder: Path
    name: str
    #: Set to False to throw the generation away (nothing worth serving was built).
    keep: bool = True
    #: The generation's folder once it is current.
    final: Path | None = None


class Generations:
    """The generations of one index folder, and the lock that lets one import at a time."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)

    def current(self) -> Path | None:
        """Return the folder of the generation now serving, or None if nothing was imported."""
        link = self.root / _CURRENT
        try:
            target = os.readlink(link)
        except (FileNotFoundError, NotADirectoryError):
            return None
        path = self.root / target
        return path if path.is_dir() else None

    @contextlib.contextmanager
    def new(self) -> Iterator[NewGeneration]:
        """Give an empty folder to build a generation in; make it current when done.

        Holds the import lock throughout (raises IndexFailure if another import runs). If
        the block raises, or sets ``keep`` to False, the folder is removed and the current
        generation keeps serving.
        """
        with self._import_lock():
            serving = self.current()
            self._remove_stale(serving)
            # To the microsecond, so that names sort in the order the generations were made
            # (which ones are old is read from the names).
            stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f")
            name = f"gen-{stamp}-{secrets.token_hex(3)}"
            building = NewGeneration(self.root / f".building-{name}", name)
            building.folder.mkdir()
            try:
                yield building
            except BaseException:
                shutil.rmtree(building.folder, ignore_errors=True)
                raise
            if not building.keep:
                shutil.rmtree(building.folder, ignore_errors=True)
                return
            final = self.root / name
            building.folder.rename(final)
            self._point_current_at(name)
            self._remove_old(name, serving.name if serving is not None else None)
            building.final = final

    @contextlib.contextmanager
    def _import_lock(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        # The record lock keeps other processes out, not other threads of this one (and a
        # second open and close of the lock file in this process would drop it): a lock per
        # folder in this process comes first.
        with _THREAD_LOCKS_GUARD:
            in_process = _THREAD_LOCKS.setdefault(self.root.resolve(), threading.Lock())
        if not in_process.acquire(blocking=False):
            raise IndexFailure(
                f"Another import into {self.root} is running; wait for it to finish."
            )
        try:
            with self._process_lock():
                yield
        finally:
            in_process.release()

    @contextlib.contextmanager
    def _process_lock(self) -> Iterator[None]:
        with open(self.root / _LOCK, "w") as lock:
            # A POSIX record lock belongs to this process alone: the indexing processes it
            # forks do not inherit it, so a killed import never leaves the folder locked.
            try:
                fcntl.lockf(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise IndexFailure(
                    f"Another import into {self.root} is running; wait for it to finish."
                ) from None
            try:
                yield
            finally:
                fcntl.lockf(lock, fcntl.LOCK_UN)

    def _point_current_at(self, name: str) -> None:
        temp = self.root / f".current-{secrets.token_hex(4)}"
        os.symlink(name, temp)
        os.replace(temp, self.root / _CURRENT)  # atomic on POSIX
        fd = os.open(self.root, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    def _remove_stale(self, serving: Path | None) -> None:
        # Left by a killed import: only ever removed while holding the import lock.
        for path in self.root.glob(".building-*"):
            shutil.rmtree(path, ignore_errors=True)
        for path in self.root.glob(".current-*"):
            path.unlink(missing_ok=True)
        # Every import that gets as far as its rename makes its generation current, and
        # names sort in the order generations were made: one newer than the generation
        # serving was never served (its import was killed before the switch).
        for path in self.root.glob("gen-*"):
            if serving is None or path.name > serving.name:
                shutil.rmtree(path, ignore_errors=True)

    def _remove_old(self, current: str, previous: str | None) -> None:
        # The one serving until now is kept first, whatever the names say: readers on it
        # finish their queries there. Then the newest others, up to KEEP_OLD.
        others = sorted(
            (p for p in self.root.glob("gen-*") if p.name not in (current, previous)),
            reverse=True,
        )
        room = KEEP_OLD - (previous is not None)
        for path in others[max(room, 0) :]:
            shutil.rmtree(path, ignore_errors=True)
