"""Importing flat CSV files: every row imported or reported, the live index never harmed."""

from __future__ import annotations

import dataclasses
import multiprocessing
import multiprocessing.process
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from referral_match import Directory, IndexFailure, SourceError, import_directory
from referral_match.index import whoosh_writer
from referral_match.index.whoosh_index import IndexStore
from referral_match.model import Resource
from referral_match.taxonomy import default_taxonomy


def problems(report_items: list) -> list[tuple[int | None, str | None, str | None]]:
    return [(p.line, p.column, p.value) for p in report_items]


def test_good_file_imports_every_row(tmp_path: Path, flat_dir: Path) -> None:
    report = import_directory(flat_dir / "good.csv", tmp_path / "index")
    assert (report.total_rows, report.imported, report.rejected) == (6, 6, [])
    assert report.index_updated
    with Directory.open(tmp_path / "index") as directory:
        assert directory.count == 6
        rent = directory.get("t-002")
        assert rent is not None
        # No coordinates in the file: they come from the ZIP code (94063-1234 -> 94063).
        assert rent.geocoded_from == "zip"
        assert rent.address is not None and rent.address.postal_code == "94063"
        assert rent.latitude == pytest.approx(37.48, abs=0.05)
        assert rent.county == "San Mateo"
        assert rent.phones == ("(650) 555-0102 ext. 4",)
        assert rent.languages == ("en", "es")
        assert rent.hours is not None and rent.hours.to_text() == "Tue, Thu 13:00-16:00"
        pantry = directory.get("t-001")
        assert pantry is not None and pantry.geocoded_from == "given"
        assert pantry.website == "https://example.org/pantry"


def test_broken_file_reports_every_bad_row_and_keeps_the_good_ones(
    tmp_path: Path, flat_dir: Path
) -> None:
    report = import_directory(flat_dir / "broken.csv", tmp_path / "index")
    assert report.total_rows == 14
    assert report.imported == 3
    assert report.rejected_rows == 11
    assert report.imported + report.rejected_rows == report.total_rows
    assert sorted(problems(report.rejected), key=lambda p: p[0] or 0) == [
        (3, "latitude", "100"),
        (4, "name", None),
        (5, "categories", "Food Pantri"),
        (6, "id", "b-001"),
        (7, "max_age", "18"),
        (8, "phones", "555-01"),
        (10, "status", "open-ish"),
        (11, "languages", "xx"),
        (13, "last_verified", "2099-01-01"),
        (14, None, "extra"),
        (15, "longitude", None),
    ]
    messages = {p.line: p.message for p in report.rejected}
    assert messages[3] == "100 is not between -90 and 90."
    assert messages[4] == "the service has no name."
    assert messages[5].startswith('"Food Pantri" is not a category')
    assert 'did you mean "Food Pantry" (102-04)?' in messages[5]
    assert messages[6] == (
        'id "b-001" is already used on line 2: give every resource its own id '
        "(or leave id blank to have one made)."
    )
    assert (
        messages[7] == "min_age 65 is above max_age 18: swap them, or fix the one that is wrong."
    )
    assert messages[14].startswith("the row has 1 more value(s) than the header has columns.")
    assert all(p.file == "broken.csv" for p in report.rejected)
    # Hours nobody can parse are kept as text with a warning, not a rejection.
    assert [(w.line, w.column) for w in report.warnings] == [(12, "hours")]
    with Directory.open(tmp_path / "index") as directory:
        assert directory.get("b-010").hours_text == "By appointment only"  # type: ignore[union-attr]
        clinic = directory.get("b-014")
        assert clinic is not None and clinic.address.city == "San Mateo"  # type: ignore[union-attr]


def test_unknown_and_aliased_columns(tmp_path: Path) -> None:
    path = tmp_path / "aliases.csv"
    path.write_text(
        "Service Name,Agency,ZIP,Phone,Favourite Colour,Postal Cod\n"
        "Food Bank,Alias Org (fictional),94063,650-555-0100,blue,94063\n",
        "utf-8",
    )
    report = import_directory(path, tmp_path / "index", dry_run=True)
    assert report.imported == 1
    assert [(w.line, w.column, w.message) for w in report.warnings] == [
        (
            1,
            "Favourite Colour",
            'column "Favourite Colour" is not part of the flat format, so '
            "its values were not imported. See data/template.csv for the columns.",
        ),
        (
            1,
            "Postal Cod",
            'column "Postal Cod" is not part of the flat format, so its values '
            'were not imported. Did you mean "postal_code"? '
            "See data/template.csv for the columns.",
        ),
    ]


def test_missing_required_columns_is_one_file_level_error(tmp_path: Path, flat_dir: Path) -> None:
    report = import_directory(flat_dir / "missing_columns.csv", tmp_path / "i", format="flat")
    assert sorted(problems(report.rejected), key=lambda p: p[0] or 0) == [
        (1, "name, organization", None)
    ]
    assert report.rejected[0].message.startswith("the header has no name or organization columns.")
    assert not report.index_updated
    with pytest.raises(SourceError, match="is not in a format we can read"):
        import_directory(flat_dir / "missing_columns.csv", tmp_path / "i")


def test_windows_1252_and_semicolons(tmp_path: Path, flat_dir: Path) -> None:
    report = import_directory(flat_dir / "windows1252.csv", tmp_path / "a")
    assert report.imported == 1 and "Windows-1252" in report.warnings[0].message
    with Directory.open(tmp_path / "a") as directory:
        assert directory.search("café").results[0].resource.name == "Café Comunitario"
    report = import_directory(flat_dir / "bom_semicolon.csv", tmp_path / "b")
    assert (report.imported, report.warnings) == (1, [])


def test_dry_run_leaves_no_index(tmp_path: Path, flat_dir: Path) -> None:
    report = import_directory(flat_dir / "good.csv", tmp_path / "index", dry_run=True)
    assert report.imported == 6 and not report.index_updated
    assert IndexStore(tmp_path / "index").current() is None


def test_failed_import_leaves_the_previous_directory(good_index: Path, flat_dir: Path) -> None:
    before = IndexStore(good_index).current()
    report = import_directory(flat_dir / "missing_columns.csv", good_index, format="flat")
    assert not report.index_updated
    with pytest.raises(SourceError):
        import_directory(flat_dir / "empty.csv", good_index)
    assert IndexStore(good_index).current() == before
    with Directory.open(good_index) as directory:
        assert directory.count == 6


def test_reimport_replaces_and_keeps_ids_stable(tmp_path: Path) -> None:
    path = tmp_path / "noids.csv"
    path.write_text("name,organization,postal_code\nPantry,Org A (fictional),94063\n", "utf-8")
    import_directory(path, tmp_path / "index")
    with Directory.open(tmp_path / "index") as directory:
        first = [r.id for r in directory.resources()]
        import_directory(path, tmp_path / "index")
        # The open directory notices the new generation on its next call.
        assert [r.id for r in directory.resources()] == first
    generations = sorted(p.name for p in (tmp_path / "index").glob("gen-*"))
    assert len(generations) == 2  # the current one and the previous one


def test_ids_are_made_from_the_service_and_location_ids_a_row_gives(tmp_path: Path) -> None:
    path = tmp_path / "ids.csv"
    path.write_text(
        "service_id,location_id,name,organization,postal_code\n"
        "S1,L1,Legal Clinic,Org A (fictional),94063\n"
        "S1,L2,Legal Clinic,Org A (fictional),94063\n",
        "utf-8",
    )
    report = import_directory(path, tmp_path / "index")
    assert (report.imported, report.rejected_rows) == (2, 0)  # same name, org and address
    with Directory.open(tmp_path / "index") as directory:
        first = {r.location_id: r.id for r in directory.resources()}
    # Renaming the service keeps its ids: they come from the ids given.
    path.write_text(path.read_text("utf-8").replace("Legal Clinic", "Legal Aid Clinic"), "utf-8")
    import_directory(path, tmp_path / "index")
    with Directory.open(tmp_path / "index") as directory:
        assert {r.location_id: r.id for r in directory.resources()} == first


def write_big_csv(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write("id,name,organization,description,postal_code\n")
        for i in range(rows):
            out.write(
                f"big-{i},Service {i},Org {i % 50} (fictional),"
                f"Food and rent help number {i},94063\n"
            )


def test_killed_import_leaves_the_previous_index_serving(good_index: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    write_big_csv(big, 60_000)
    before = IndexStore(good_index).current()
    process = subprocess.Popen(
        [sys.executable, "-m", "referral_match", "--index", str(good_index), "import", str(big)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    # Kill it once it is busy building the new generation.
    while not list(good_index.glob(".building-*/*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, "the import finished before it could be killed"
    time.sleep(0.5)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert IndexStore(good_index).current() == before
    with Directory.open(good_index) as directory:
        assert directory.count == 6
        assert directory.search("pantry").total >= 1
    # The next import clears what the killed one left behind.
    import_directory(Path(__file__).parent / "data" / "flat" / "good.csv", good_index)
    assert not list(good_index.glob(".building-*"))


class FakeGeocoder:
    """A geopy-compatible geocoder that answers from a dict: no network in tests."""

    def __init__(self, answers: dict[str, tuple[float, float]]) -> None:
        self.answers = answers
        self.asked: list[str] = []

    def geocode(self, query: str, **options: object):  # type: ignore[no-untyped-def]
        from geopy.location import Location

        self.asked.append(query)
        if query not in self.answers:
            return None
        lat, lon = self.answers[query]
        return Location(query, (lat, lon), {})


def test_street_addresses_use_a_configured_geocoder(tmp_path: Path) -> None:
    from referral_match.geo.geocoding import OnlineGeocoder

    path = tmp_path / "streets.csv"
    path.write_text(
        "id,name,organization,address,city,state,postal_code\n"
        "s-1,Pantry,Org (fictional),100 Main St,Redwood City,CA,94063\n"
        "s-2,Clinic,Org (fictional),1 Nowhere Rd,Redwood City,CA,94063\n",
        "utf-8",
    )
    fake = FakeGeocoder({"100 Main St, Redwood City, CA 94063": (37.4852, -122.2364)})
    geocoder = OnlineGeocoder(fake, name="fake", cache_dir=tmp_path, min_delay_seconds=0)
    report = import_directory(path, tmp_path / "index", geocoder=geocoder)
    assert report.imported == 2
    assert [(w.line, w.column, w.message) for w in report.warnings] == [
        (3, "address", "the geocoder could not find this address; the ZIP code was used.")
    ]
    with Directory.open(tmp_path / "index") as directory:
        placed = directory.get("s-1")
        assert placed is not None and placed.geocoded_from == "address"
        assert (placed.latitude, placed.longitude) == (37.4852, -122.2364)
        fallback = directory.get("s-2")
        assert fallback is not None and fallback.geocoded_from == "zip"
    # A second import asks the cache on disk, not the geocoder.
    import_directory(
        path,
        tmp_path / "index",
        geocoder=OnlineGeocoder(fake, name="fake", cache_dir=tmp_path, min_delay_seconds=0),
    )
    assert len(fake.asked) == 2


def test_an_index_of_another_format_asks_for_a_new_import(good_index: Path) -> None:
    import json

    from referral_match import IndexFailure

    meta_file = IndexStore(good_index).current() / "meta.json"  # type: ignore[operator]
    meta = json.loads(meta_file.read_text())
    meta["format"] = 0
    meta_file.write_text(json.dumps(meta))
    with pytest.raises(IndexFailure) as info:
        Directory.open(good_index)
    assert "was built by another version of referral-match" in info.value.message
    assert "Import the directory again" in info.value.message


@pytest.mark.parametrize("side_file", ["sets.json", "resources.npy", "grid-order.npy"])
def test_an_index_missing_a_side_file_is_refused_clearly(good_index: Path, side_file: str) -> None:
    from referral_match import IndexFailure

    (IndexStore(good_index).current() / side_file).unlink()  # type: ignore[operator]
    with pytest.raises(IndexFailure) as info:
        Directory.open(good_index)
    assert "cannot be opened" in info.value.message and side_file in info.value.message


def test_meta_records_the_rows_read(tmp_path: Path, flat_dir: Path) -> None:
    import json

    report = import_directory(flat_dir / "broken.csv", tmp_path / "index")
    meta_file = IndexStore(tmp_path / "index").current() / "meta.json"  # type: ignore[operator]
    meta = json.loads(meta_file.read_text("utf-8"))
    assert (meta["rows"], meta["count"]) == (report.total_rows, report.imported) == (14, 3)
    assert meta["source"] == "broken.csv"


def indexing_processes() -> list[multiprocessing.process.BaseProcess]:
    """Return the live processes Whoosh indexes in, children of this one."""
    return [p for p in multiprocessing.active_children() if type(p).__name__ == "SubWriterTask"]


def at_row(row: int, action: Callable[[], None]) -> Callable[[int, int], None]:
    """Return a progress callback (called every 500 rows read) that acts once, at a row."""
    done = 0

    def progress(_read: int, _size: int) -> None:
        nonlocal done
        done += 500
        if done == row:
            action()

    return progress


def within(seconds: float, call: Callable[[], object]) -> BaseException | None:
    """Run call in a thread; return what it raised, or fail if it is still running."""
    raised: list[BaseException | None] = []

    def run() -> None:
        try:
            call()
        except BaseException as exc:  # handed to the test
            raised.append(exc)
        else:
            raised.append(None)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert raised, f"still running after {seconds} s: the import hangs"
    return raised[0]


def kill_indexing_processes() -> None:
    children = indexing_processes()
    assert children, "the import indexes in child processes"
    for child in children:
        os.kill(child.pid, signal.SIGKILL)  # as the kernel's OOM killer would


def assert_still_serving(index: Path, before: Path | None) -> None:
    assert IndexStore(index).current() == before
    assert not list(index.glob(".building-*"))
    with Directory.open(index) as directory:
        assert directory.count == 6
        assert directory.search("pantry").total >= 1


def test_an_indexing_process_killed_ends_the_import_with_an_error(
    good_index: Path, tmp_path: Path
) -> None:
    big = tmp_path / "big.csv"
    write_big_csv(big, 3000)
    before = IndexStore(good_index).current()
    failed = within(
        60,
        lambda: import_directory(big, good_index, progress=at_row(1000, kill_indexing_processes)),
    )
    assert isinstance(failed, IndexFailure), failed
    assert failed.message.startswith(
        "The import stopped: a process building the index ended unexpectedly (stopped by "
        "signal SIGKILL, often because the computer ran out of memory). The directory served "
        "before is still serving; run the import again."
    )
    assert not indexing_processes()
    assert_still_serving(good_index, before)


def test_a_stuck_indexing_process_ends_the_import_with_an_error(
    good_index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(whoosh_writer, "STALL_SECONDS", 1.0)
    big = tmp_path / "big.csv"
    write_big_csv(big, 4000)
    before = IndexStore(good_index).current()
    stopped: list[int] = []

    def stop() -> None:
        stopped.extend(p.pid for p in indexing_processes())
        for pid in stopped:
            os.kill(pid, signal.SIGSTOP)

    # Without the checks the import would wait for ever: let it go on after a while.
    resume = threading.Timer(30, lambda: [os.kill(pid, signal.SIGCONT) for pid in stopped])
    resume.start()
    started = time.monotonic()
    try:
        with pytest.raises(IndexFailure, match="did no work for 1 seconds"):
            import_directory(big, good_index, progress=at_row(1000, stop))
    finally:
        resume.cancel()
    assert stopped and time.monotonic() - started < 25
    assert not indexing_processes()
    assert_still_serving(good_index, before)


def test_a_failing_source_stops_the_indexing_processes(good_index: Path) -> None:
    def resources() -> Iterator[Resource]:
        with Directory.open(good_index) as directory:
            first = next(directory.resources())
        for n in range(1000):
            yield dataclasses.replace(first, id=f"r-{n}")
        time.sleep(1)  # the indexing processes finish their jobs and wait for more
        raise RuntimeError("the source failed half-way")

    before = IndexStore(good_index).current()
    with pytest.raises(RuntimeError, match="half-way"):
        IndexStore(good_index).build(resources(), default_taxonomy())
    # Whoosh's own cancel left them waiting on their queue, and the importer waiting on them.
    deadline = time.monotonic() + 10
    while indexing_processes() and time.monotonic() < deadline:
        time.sleep(0.05)
    leftovers = indexing_processes()
    for child in leftovers:
        child.kill()
    assert not leftovers
    assert_still_serving(good_index, before)


def test_an_import_that_fails_half_way_exits_cleanly(good_index: Path, tmp_path: Path) -> None:
    # Rows enough to start the indexing processes, then an unclosed quote over 10 MB.
    path = tmp_path / "late-quote.csv"
    write_big_csv(path, 3000)
    with path.open("ab") as out:
        out.write(b'late,Late,"Org' + b"x" * (11 * 1024 * 1024) + b"\n")
    before = IndexStore(good_index).current()
    completed = subprocess.run(
        [sys.executable, "-m", "referral_match", "--index", str(good_index), "import", str(path)],
        capture_output=True,
        text=True,
        timeout=120,  # it hung: the indexing processes were never stopped
    )
    assert completed.returncode == 1
    assert "Traceback" not in completed.stderr
    assert completed.stderr.startswith("Error: late-quote.csv row 3002: a value is longer than")
    assert_still_serving(good_index, before)
