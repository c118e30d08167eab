"""Generations of an index folder: built aside, swapped in atomically, old ones pruned."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from referral_match.errors import IndexFailure
from referral_match.index.generations import KEEP_OLD, Generations


def build(generations: Generations, text: str) -> Path:
    with generations.new() as new:
        (new.folder / "data.txt").write_text(text)
    assert new.final is not None
    return new.final


def test_a_new_generation_becomes_current_only_when_complete(tmp_path: Path) -> None:
    generations = Generations(tmp_path / "index")
    assert generations.current() is None
    with generations.new() as new:
        (new.folder / "data.txt").write_text("one")
        assert generations.current() is None  # not yet: it is still being built
        assert new.folder.name.startswith(".building-gen-")
    current = generations.current()
    assert current == new.final and current is not None
    assert current.name == new.name and (current / "data.txt").read_text() == "one"
    assert (tmp_path / "index" / "current").is_symlink()


def test_a_failed_or_refused_build_leaves_the_current_one(tmp_path: Path) -> None:
    generations = Generations(tmp_path / "index")
    first = build(generations, "one")
    with pytest.raises(RuntimeError), generations.new() as new:
        (new.folder / "data.txt").write_text("half")
        raise RuntimeError("the disk is full")
    assert generations.current() == first and not new.folder.exists()
    with generations.new() as refused:
        refused.keep = False
    assert generations.current() == first and refused.final is None
    assert not refused.folder.exists()


def test_one_import_at_a_time(tmp_path: Path) -> None:
    # The lock is a POSIX record lock, held per process: another process holds it here.
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from referral_match.index.generations import Generations\n"
            "with Generations(sys.argv[1]).new():\n"
            "    print('building', flush=True); sys.stdin.readline()",
            str(tmp_path / "index"),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert holder.stdout is not None and holder.stdout.readline() == "building\n"
    with pytest.raises(IndexFailure, match="Another import into .* is running; wait for it"):
        build(Generations(tmp_path / "index"), "second")
    holder.communicate("done\n", timeout=30)
    assert holder.returncode == 0
    assert build(Generations(tmp_path / "index"), "second").exists()  # free again


def test_a_second_import_in_another_thread_of_the_same_process_is_refused(
    tmp_path: Path,
) -> None:
    # A POSIX record lock does not keep out a thread of the same process (an upload and a
    # pull started in one web worker): the import must refuse it all the same.
    started, release = threading.Event(), threading.Event()

    def hold() -> None:
        with Generations(tmp_path / "index").new():
            started.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert started.wait(30)
        with pytest.raises(IndexFailure, match="Another import into .* is running"):
            build(Generations(tmp_path / "index"), "second")
    finally:
        release.set()
        holder.join(30)
    assert build(Generations(tmp_path / "index"), "second").exists()  # free again


def test_old_generations_and_leftovers_are_removed(tmp_path: Path) -> None:
    root = tmp_path / "index"
    generations = Generations(root)
    built = [build(generations, str(n)) for n in range(4)]
    kept = sorted(p.name for p in root.glob("gen-*"))
    assert kept == sorted(p.name for p in built[-1 - KEEP_OLD :])
    (root / ".building-gen-killed").mkdir()  # an import that was killed
    (root / ".current-0a1b").symlink_to(built[-1].name)
    build(generations, "next")
    assert not (root / ".building-gen-killed").exists()
    assert not (root / ".current-0a1b").exists()


# An import killed (SIGKILL: no cleanup runs) after renaming its folder to gen-*, before
# pointing `current` at it.
KILLED_AT_THE_SWITCH = """
import os, signal, sys
from referral_match.index.generations import Generations

class KilledAtTheSwitch(Generations):
    def _point_current_at(self, name):
        os.kill(os.getpid(), signal.SIGKILL)

with KilledAtTheSwitch(sys.argv[1]).new() as new:
    (new.folder / "data.txt").write_text("never served")
"""


def kill_at_the_switch(root: Path) -> Path:
    """Run an import into root that is killed at the switch; return its renamed folder."""
    before = set(root.glob("gen-*"))
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_AT_THE_SWITCH, str(root)],
        cwd=Path(__file__).resolve().parents[2],
        timeout=60,
    )
    assert killed.returncode == -signal.SIGKILL
    (never_served,) = set(root.glob("gen-*")) - before
    return never_served


def test_a_generation_never_served_is_pruned_not_the_one_serving(tmp_path: Path) -> None:
    root = tmp_path / "index"
    generations = Generations(root)
    serving = build(generations, "serving")
    never_served = kill_at_the_switch(root)
    assert generations.current() == serving  # the kill left the live one serving
    newest = build(generations, "next")
    assert generations.current() == newest
    # The one serving until now stays for its readers; the one never served goes.
    assert serving.exists() and (serving / "data.txt").read_text() == "serving"
    assert not never_served.exists()
    assert sorted(p.name for p in root.glob("gen-*")) == sorted([serving.name, newest.name])


def test_a_first_import_killed_at_the_switch_is_cleared(tmp_path: Path) -> None:
    root = tmp_path / "index"
    root.mkdir()
    never_served = kill_at_the_switch(root)
    generations = Generations(root)
    assert generations.current() is None
    first = build(generations, "first")
    assert generations.current() == first and not never_served.exists()
