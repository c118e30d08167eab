"""The command line under hostile input: a clear one-line error, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from referral_match.cli import main


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b'{"needs": ' + b"[" * 10_000 + b"]" * 10_000 + b"}", "nested too deep"),
        (b'{"needs": ["food"]', "not valid JSON"),
        (b'{"needs": ["caf\xe9"]}', "not valid JSON"),
    ],
)
def test_a_hostile_profile_file_is_refused_in_one_line(
    sample_index: Path, tmp_path: Path, content: bytes, why: str
) -> None:
    profile = tmp_path / "client.json"
    profile.write_bytes(content)
    result = CliRunner().invoke(
        main, ["--index", str(sample_index), "match", "--profile", str(profile)]
    )
    assert result.exit_code == 2, result.output
    assert why in result.output
    assert isinstance(result.exception, SystemExit)  # a usage error, not a traceback


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", "x" * 100_000], "at most 500 are searched"),
        (["search", "food", "--near", "9" * 50_000], "more than the 200 read"),
        (["search", "food", "--language", "\x00Spanish"], "is not a language we know"),
    ],
)
def test_search_input_beyond_its_bounds_is_refused_at_once(
    sample_index: Path, args: list[str], message: str
) -> None:
    result = CliRunner().invoke(main, ["--index", str(sample_index), *args])
    assert result.exit_code in (1, 2), result.output
    assert message in result.output
    assert isinstance(result.exception, SystemExit)
