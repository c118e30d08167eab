"""'Open now' is answered in each resource's own time zone, never the server's."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from referral_match import Directory
from referral_match.cli import main
from referral_match.schedule import WeeklySchedule, local_time, zone_name

# 9:15 on a Wednesday morning in California is 17:15 UTC.
MORNING_IN_CALIFORNIA = dt.datetime(2026, 12, 2, 17, 15, tzinfo=dt.UTC)


def test_a_moment_is_read_on_the_resources_own_clock() -> None:
    office = WeeklySchedule.parse("Mon-Fri 09:00-17:00")
    kitchen = WeeklySchedule.parse("Mon-Fri 17:00-18:30")
    local = local_time(MORNING_IN_CALIFORNIA, "America/Los_Angeles")
    assert local == dt.datetime(2026, 12, 2, 9, 15)
    assert office.is_open(local) and not kitchen.is_open(local)
    # A naive moment is already a wall clock: it is taken as it is.
    assert local_time(dt.datetime(2026, 12, 2, 9, 15), "Asia/Tokyo").hour == 9


def test_hsds_offsets_and_names_become_zones() -> None:
    assert zone_name("-5") == "Etc/GMT+5"
    assert zone_name("0") == "Etc/UTC"
    assert zone_name("America/Chicago") == "America/Chicago"
    assert zone_name("5.5") == "" and zone_name("Mars/Olympus") == ""
    assert zone_name("America") == "" and zone_name("nan") == "" and zone_name("inf") == ""
    assert zone_name("+14") == "Etc/GMT-14" and zone_name("-13") == ""


def test_resources_take_the_time_zone_of_their_zip(sample_directory: Directory) -> None:
    placed = {r.timezone for r in sample_directory.resources() if r.address is not None}
    assert placed == {"America/Los_Angeles"}
    # A national line keeps no zone: its hours are read in $REFERRAL_MATCH_TIMEZONE's.
    national = [r for r in sample_directory.resources() if r.service_area.national]
    assert national and all(r.timezone == "" for r in national)


ANSWERS = """
import datetime as dt, json, sys
from referral_match import Directory
moment = dt.datetime(2026, 12, 2, 17, 15, tzinfo=dt.UTC)
d = Directory.open(sys.argv[1])
page = d.search("help", open_now=True, now=moment, limit=500)
match = d.match({"needs": ["food"], "location": "94063"}, limit=20, now=moment)
print(json.dumps({
    "open": sorted(r.resource.id for r in page.results),
    "match_open": {r.resource.id: r.open_now for r in match.results},
}))
"""


def test_the_server_clock_changes_no_answer(
    sample_index: Path, sample_directory: Directory
) -> None:
    answers = []
    for zone in ("UTC", "Asia/Tokyo", "America/New_York"):
        env = {**os.environ, "TZ": zone}
        env.pop("REFERRAL_MATCH_TIMEZONE", None)
        out = subprocess.run(
            [sys.executable, "-c", ANSWERS, str(sample_index)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        answers.append(json.loads(out.stdout))
    assert answers[0]["open"], "some resources are open at 9:15 on a Wednesday morning"
    assert answers[0] == answers[1] == answers[2]
    # And the answer is California's 9:15, not 17:15 (UTC) nor the server's.
    nine_fifteen = dt.datetime(2026, 12, 2, 9, 15)
    for resource_id, open_now in answers[0]["match_open"].items():
        resource = sample_directory.get(resource_id)
        assert resource is not None
        expected = None if resource.hours is None else resource.hours.is_open(nine_fifteen)
        assert open_now == expected, resource_id


def test_the_import_takes_the_directorys_own_time_zone(tmp_path: Path) -> None:
    source = tmp_path / "d.csv"
    source.write_text(
        "id,name,organization,postal_code,hours\n"
        "a,Morning Office,Org (fictional),94063,Mon-Fri 9am-5pm\n"
        "b,No Place Line,Org (fictional),,Mon-Fri 9am-5pm\n",
        "utf-8",
    )
    index = tmp_path / "index"
    runner = CliRunner()
    result = runner.invoke(
        main, ["--index", str(index), "import", str(source), "--timezone", "America/Chicago"]
    )
    assert result.exit_code == 0, result.output
    with Directory.open(index) as directory:
        # The directory's zone comes before the one of the ZIP code (California).
        assert {r.id: r.timezone for r in directory.resources()} == {
            "a": "America/Chicago",
            "b": "America/Chicago",
        }
        assert directory.info["timezone"] == "America/Chicago"
        at_nine_in_chicago = dt.datetime(2026, 12, 2, 15, 15, tzinfo=dt.UTC)
        assert directory.get("a").is_open(at_nine_in_chicago)  # type: ignore[union-attr]
    offset = runner.invoke(
        main, ["--index", str(index), "import", str(source), "--timezone", "-6"]
    )
    assert offset.exit_code == 0
    bad = runner.invoke(main, ["--index", str(index), "import", str(source), "--timezone", "Mars"])
    assert bad.exit_code == 2 and '--timezone: "Mars" is not a time zone' in bad.output
    without = runner.invoke(main, ["--index", str(index), "import", str(source)])
    assert without.exit_code == 0
    with Directory.open(index) as directory:
        assert directory.get("a").timezone == "America/Los_Angeles"  # type: ignore[union-attr]
