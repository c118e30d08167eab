"""The referral-match command line: the contract other programs rely on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from referral_match.cli import main


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(main, list(args), env=env, catch_exceptions=False)


def test_every_command_and_option_has_help(runner: CliRunner) -> None:
    result = invoke(runner, "--help")
    assert result.exit_code == 0
    group = main
    ctx = group.make_context("referral-match", ["--help"], resilient_parsing=True)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None and command.help, f"{name} has no help text"
        for param in command.params:
            if param.param_type_name == "option":
                assert param.help, f"{name} {param.opts} has no help text"  # type: ignore[attr-defined]
    assert {"import", "validate", "search", "serve"} <= set(group.list_commands(ctx))


def test_import_json_report(runner: CliRunner, tmp_path: Path, flat_dir: Path) -> None:
    index = tmp_path / "index"
    result = invoke(
        runner, "--index", str(index), "import", str(flat_dir / "broken.csv"), "--json"
    )
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert set(report) >= {"total_rows", "imported", "rejected", "warnings"}
    assert report["total_rows"] == 14 and report["imported"] == 3
    assert report["rejected"][0] == {
        "file": "broken.csv",
        "line": 3,
        "column": "latitude",
        "value": "100",
        "message": "100 is not between -90 and 90.",
    }


def test_import_human_report(runner: CliRunner, tmp_path: Path, flat_dir: Path) -> None:
    result = invoke(runner, "--index", str(tmp_path / "i"), "import", str(flat_dir / "broken.csv"))
    assert result.exit_code == 0
    assert "rejected: broken.csv line 3, column latitude: 100 is not between -90 and 90." in (
        result.stderr
    )
    assert "14 rows read: 3 imported, 11 rejected, 1 warnings." in result.stdout


def test_index_comes_from_the_environment(
    runner: CliRunner, tmp_path: Path, flat_dir: Path
) -> None:
    env = {"REFERRAL_MATCH_INDEX": str(tmp_path / "env-index")}
    assert invoke(runner, "import", str(flat_dir / "good.csv"), env=env).exit_code == 0
    result = invoke(runner, "search", "pantry", "--json", env=env)
    assert json.loads(result.stdout)["results"][0]["id"] == "t-001"


def test_import_with_nothing_valid_exits_1(
    runner: CliRunner, tmp_path: Path, flat_dir: Path
) -> None:
    result = runner.invoke(
        main,
        [
            "--index",
            str(tmp_path / "i"),
            "import",
            str(flat_dir / "missing_columns.csv"),
            "--format",
            "flat",
        ],
    )
    assert result.exit_code == 1
    assert "Nothing was imported" in result.stderr


def test_unreadable_file_exits_1_with_one_line(
    runner: CliRunner, tmp_path: Path, flat_dir: Path
) -> None:
    result = runner.invoke(
        main, ["--index", str(tmp_path / "i"), "import", str(flat_dir / "workbook.csv")]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: workbook.csv is an Excel workbook, not a CSV file.")


def test_validate_exits_1_when_rows_would_be_rejected(
    runner: CliRunner, tmp_path: Path, flat_dir: Path
) -> None:
    index = tmp_path / "i"
    assert (
        runner.invoke(
            main, ["--index", str(index), "validate", str(flat_dir / "good.csv")]
        ).exit_code
        == 0
    )
    result = runner.invoke(
        main, ["--index", str(index), "validate", str(flat_dir / "broken.csv"), "--json"]
    )
    assert result.exit_code == 1
    assert json.loads(result.stdout)["imported"] == 3
    assert not index.exists() or not list(index.glob("gen-*"))


def test_search_json_has_distances_and_reasons(runner: CliRunner, good_index: Path) -> None:
    result = invoke(
        runner,
        "--index",
        str(good_index),
        "search",
        "food",
        "--near",
        "94063",
        "--radius",
        "20",
        "--json",
    )
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) >= {"results", "total", "took_ms"}
    first = data["results"][0]
    assert set(first) >= {
        "id",
        "service_id",
        "location_id",
        "name",
        "organization",
        "score",
        "distance_miles",
        "needs_met",
        "eligibility",
        "reasons",
    }
    assert first["id"] == "t-001"
    assert first["distance_miles"] == pytest.approx(0.0, abs=0.5)
    assert any("miles from" in reason for reason in first["reasons"])
    scores = [r["score"] for r in data["results"]]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", "x", "--near", "99999"], "is not a ZIP code we know"),
        (["search", "x", "--near", "Nowhere, ZZ"], "is not a place we know"),
        (["search", "x", "--radius", "5"], "--radius needs --near"),
        (["search", "x", "--limit", "0"], "Invalid value for '--limit'"),
        (["search", "x", "--category", "Food Pantri"], 'did you mean "Food Pantry"'),
        (["search", "x", "--language", "xx"], "is not a language we know"),
        (["import", "nowhere.csv"], "does not exist"),
    ],
)
def test_bad_arguments_exit_2(
    runner: CliRunner, good_index: Path, args: list[str], message: str
) -> None:
    result = runner.invoke(main, ["--index", str(good_index), *args])
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert result.stderr.count("\n") == 1, "a bad argument gets a one-line message"


def test_search_without_an_index_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["--index", str(tmp_path / "none"), "search", "food"])
    assert result.exit_code == 1
    assert "No resource directory has been imported into" in result.stderr


def test_python_dash_m_runs_the_same_cli(good_index: Path) -> None:
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "referral_match",
            "--index",
            str(good_index),
            "search",
            "shelter",
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(completed.stdout)["results"][0]["id"] == "t-006"


def test_long_imports_show_a_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    import fcntl
    import os
    import pty
    import struct
    import termios

    source = tmp_path / "many.csv"
    with source.open("w", encoding="utf-8") as out:
        out.write("name,organization,postal_code\n")
        for i in range(3000):
            out.write(f"Pantry {i},Org {i} (fictional),94063\n")
    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "referral_match",
            "--index",
            str(tmp_path / "i"),
            "import",
            str(source),
        ],
        stdout=secondary,
        stderr=secondary,
        close_fds=True,
    )
    os.close(secondary)
    output = b""
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # the terminal closes when the command ends
            break
        if not chunk:
            break
        output += chunk
    os.close(primary)
    assert process.wait() == 0
    text = output.decode("utf-8", errors="replace")
    assert "Reading:" in text and "100%" in text
    assert "3000 rows read: 3000 imported, 0 rejected, 0 warnings." in text


def test_match_json(runner: CliRunner, sample_index: Path, tmp_path: Path) -> None:
    result = invoke(
        runner,
        "--index",
        str(sample_index),
        "match",
        "--need",
        "evicted",
        "--need",
        "no food",
        "--near",
        "94063",
        "--age",
        "67",
        "--language",
        "es",
        "--json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data["by_need"]) == {"evicted", "no food"}
    assert data["results"] and data["results"][0]["reasons"]


def test_match_for_a_parent_checks_services_for_children_against_the_child(
    runner: CliRunner, sample_index: Path
) -> None:
    args = ["--index", str(sample_index), "match", "--need", "after school program"]
    args += ["--near", "94303", "--age", "41", "--household", "2", "--json"]
    alone = json.loads(invoke(runner, *args).stdout)
    with_child = json.loads(invoke(runner, *args, "--child-age", "9").stdout)
    reasons = [r for result in with_child["results"] for r in result["reasons"]]
    assert "Eligible: Serves ages 5 to 13; the client has a child of 9." in reasons
    assert not any("child of 9" in r for result in alone["results"] for r in result["reasons"])


def test_match_profile_file_with_options_added(
    runner: CliRunner, sample_index: Path, tmp_path: Path
) -> None:
    profile = tmp_path / "client.json"
    profile.write_text(json.dumps({"needs": ["daycare"], "age": 29}), "utf-8")
    result = invoke(
        runner,
        "--index",
        str(sample_index),
        "match",
        "--profile",
        str(profile),
        "--near",
        "East Palo Alto, CA",
        "--json",
    )
    data = json.loads(result.stdout)
    assert data["location"] == "East Palo Alto, CA"
    assert list(data["by_need"]) == ["daycare"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["match"], "needs: give at least one need"),
        (["match", "--need", "food", "--near", "Nowhere, ZZ"], "is not a place we know"),
        (["match", "--need", "food", "--language", "xx"], "is not a language we know"),
    ],
)
def test_match_bad_arguments_exit_2(
    runner: CliRunner, sample_index: Path, args: list[str], message: str
) -> None:
    result = runner.invoke(main, ["--index", str(sample_index), *args])
    assert result.exit_code == 2, result.output
    assert message in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import", "http://"], "is not the http:// or https:// URL of an HSDS API"),
        (["import", "http://hub/hsds/?key=1"], "has a query (?...) or fragment (#...)"),
        (["import", "http://hub/hsds/", "--format", "flat"], "is a URL, read as an HSDS API"),
        (["import", "http://hub/hsds/", "--modified-after", "yesterday"], "is not an ISO 8601"),
        (
            ["import", "http://hub/hsds/", "--modified-after", "2026-05-01", "--since-last-pull"],
            "Give --modified-after DATE or --since-last-pull, not both.",
        ),
        (["import", "http://hub/hsds/", "--timeout", "0"], "Invalid value for '--timeout'"),
    ],
)
def test_bad_pull_arguments_exit_2_before_any_request(
    runner: CliRunner, good_index: Path, args: list[str], message: str
) -> None:
    result = runner.invoke(main, ["--index", str(good_index), *args])
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert result.stderr.count("\n") == 1, "a bad argument gets a one-line message"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--format", "hsds-api"], "--format hsds-api reads an HSDS API: give its URL"),
        (["--modified-after", "2026-05-01"], "--modified-after pulls what changed from an HSDS"),
        (["--since-last-pull"], "--since-last-pull pulls what changed from an HSDS API"),
    ],
)
def test_pull_options_with_a_file_exit_2(
    runner: CliRunner, good_index: Path, flat_dir: Path, extra: list[str], message: str
) -> None:
    args = ["--index", str(good_index), "import", str(flat_dir / "good.csv"), *extra]
    result = runner.invoke(main, args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
