"""The one safe unpacker: every hostile zip refused with its limit, a real package unpacked."""

from __future__ import annotations

import io
import random
import shutil
import zipfile
from pathlib import Path

import pytest

from referral_match.errors import SourceError
from referral_match.sources.archive import (
    DEFAULT_LIMITS,
    ZipLimits,
    ZipRefused,
    size_words,
    unpack_zip,
)

from .zip_corpus import CORPUS, CSV, Case, claiming


def write(tmp_path: Path, data: bytes, name: str = "package.zip") -> Path:
    archive = tmp_path / name
    archive.write_bytes(data)
    return archive


def zipped(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in files.items():
            zf.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize("case", CORPUS, ids=lambda case: case.id)
def test_every_hostile_zip_is_refused_saying_why_and_leaves_nothing(
    tmp_path: Path, case: Case
) -> None:
    archive = write(tmp_path, case.data, f"{case.id}.zip")
    with pytest.raises(ZipRefused) as refused:
        unpack_zip(archive, tmp_path / "out")
    assert isinstance(refused.value, SourceError) and refused.value.file == f"{case.id}.zip"
    assert refused.value.message.startswith(f"{case.id}.zip ")
    assert case.message in refused.value.message
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("case_id", "limit", "words"),
    [
        ("too-many-files", "max_entries", "at most 10,000 are accepted"),
        ("deep-path", "max_depth", "at most 20 levels are accepted"),
        ("long-name", "max_name_bytes", "at most 255 are accepted"),
        ("ratio-bomb", "max_ratio", "more than 100 times its own size (30 MB from 30"),
    ],
)
def test_a_limit_is_named_with_its_value(
    tmp_path: Path, case_id: str, limit: str, words: str
) -> None:
    (case,) = [c for c in CORPUS if c.id == case_id]
    with pytest.raises(ZipRefused) as refused:
        unpack_zip(write(tmp_path, case.data), tmp_path / "out")
    assert refused.value.limit == limit
    assert refused.value.value == getattr(DEFAULT_LIMITS, limit)
    assert words in refused.value.message


def test_a_path_too_long_in_all_is_refused(tmp_path: Path) -> None:
    deep = "/".join(["d" * 100] * 11) + "/x.csv"  # 11 levels of 100 bytes: 1,116 in all
    with pytest.raises(ZipRefused, match=r"a path 1,116 bytes long .*at most 1,000") as refused:
        unpack_zip(write(tmp_path, zipped({deep: CSV})), tmp_path / "out")
    assert refused.value.limit == "max_path_bytes"


def test_the_size_is_bounded_by_what_the_zip_says_and_by_what_it_writes(tmp_path: Path) -> None:
    noise = random.Random(15).randbytes(300_000)  # does not compress: no ratio to blame
    limits = ZipLimits(max_bytes=200_000)
    with pytest.raises(ZipRefused) as refused:
        unpack_zip(write(tmp_path, zipped({"a.csv": noise})), tmp_path / "out", limits)
    assert refused.value.message == (
        "package.zip would unpack to more than 195.3 KB, the most a zip may unpack to here: "
        "unzip it yourself and import the folder."
    )
    assert (refused.value.limit, refused.value.value) == ("max_bytes", 200_000)
    # Two files each under the limit, together over it: stopped while writing the second.
    two = zipped({"a.csv": noise[:150_000], "b.csv": noise[150_000:]})
    with pytest.raises(ZipRefused, match="would unpack to more than 195.3 KB"):
        unpack_zip(write(tmp_path, two), tmp_path / "out", limits)
    # 490 MB claimed by a small zip (the attack of issue 15) is within the CLI's 2 GB, and
    # refused all the same by its ratio, before a byte is written.
    with pytest.raises(ZipRefused, match="times its own size") as refused:
        unpack_zip(write(tmp_path, claiming(490 * 1024**2)), tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_zip_whose_sizes_lie_is_refused_as_damaged(tmp_path: Path) -> None:
    (case,) = [c for c in CORPUS if c.id == "lying-sizes"]
    with pytest.raises(ZipRefused, match=r"Bad CRC-32 for file 'services.csv'"):
        unpack_zip(write(tmp_path, case.data), tmp_path / "out")


def test_a_package_unpacks_without_the_macs_and_editors_files(tmp_path: Path) -> None:
    files = {
        "export/": b"",
        "export/services.csv": CSV,
        "export/data/locations.csv": CSV * 1000,  # compresses well, below ratio_from
        "export/.DS_Store": b"\x00\x00\x00\x01Bud1",
        "__MACOSX/export/._services.csv": b"\x00\x05\x16\x07",
        "./export/notes.txt": b"kept",
    }
    seen: list[tuple[int, int]] = []
    names = unpack_zip(
        write(tmp_path, zipped(files)), tmp_path / "out", progress=lambda *a: seen.append(a)
    )
    assert names == ["export/services.csv", "export/data/locations.csv", "export/notes.txt"]
    out = tmp_path / "out"
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        "export/data/locations.csv",
        "export/notes.txt",
        "export/services.csv",
    ]
    assert (out / "export" / "data" / "locations.csv").read_bytes() == CSV * 1000
    total = len(CSV) * 1001 + 4
    assert seen[-1] == (total, total)


def test_names_that_differ_only_in_capitals_are_the_same_name(tmp_path: Path) -> None:
    archive = write(tmp_path, zipped({"Services.csv": CSV, "services.CSV": CSV}))
    with pytest.raises(ZipRefused, match="'services.CSV' twice"):
        unpack_zip(archive, tmp_path / "out")
    with pytest.raises(ZipRefused, match="'A' both as a file and as a folder"):
        unpack_zip(write(tmp_path, zipped({"A": CSV, "a/b.csv": CSV})), tmp_path / "out")


def test_it_unpacks_only_into_an_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "mine.txt").write_text("keep me")
    with pytest.raises(ValueError, match="is not empty"):
        unpack_zip(write(tmp_path, zipped({"a.csv": CSV})), tmp_path / "out")
    assert (tmp_path / "out" / "mine.txt").read_text() == "keep me"


def test_a_folder_deleted_while_unpacking_is_not_made_again(tmp_path: Path) -> None:
    noise = random.Random(7).randbytes(3 * 1024**2)
    files = {"one/a.csv": noise[: 1536 * 1024], "two/b.csv": noise[1536 * 1024 :]}
    out = tmp_path / "upload" / "package"
    out.parent.mkdir()

    def discarded(done: int, total: int) -> None:
        shutil.rmtree(tmp_path / "upload", ignore_errors=True)  # Discard, mid-way

    with pytest.raises(ZipRefused, match=r"could not be unpacked \(No such file or directory"):
        unpack_zip(write(tmp_path, zipped(files)), out, progress=discarded)
    assert not (tmp_path / "upload").exists()


@pytest.mark.parametrize(
    ("count", "words"),
    [(999, "999 bytes"), (200 * 1024**2, "200 MB"), (2 * 1024**3, "2 GB"), (1536, "1.5 KB")],
)
def test_sizes_are_said_as_a_file_manager_does(count: int, words: str) -> None:
    assert size_words(count) == words
