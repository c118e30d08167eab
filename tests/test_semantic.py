"""Similar meaning between a phrase and the taxonomy, offline, and its off switch."""

from __future__ import annotations

import subprocess
import sys

import pytest

from referral_match.semantic import meaning
from referral_match.taxonomy import default_taxonomy

TAXONOMY = default_taxonomy()


@pytest.fixture(scope="module")
def model():
    found = meaning()
    assert found is not None, "wordllama is part of the test extras: pip install -e .[test]"
    return found


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("nowhere to sleep", "101-04"),
        ("ride to dialysis", "105-02-01"),
        ("can't make rent this month", "103-03-01"),
    ],
)
def test_a_phrase_nobody_listed_finds_its_need(model, phrase: str, code: str) -> None:
    close = model.closest_term(phrase, TAXONOMY)
    assert close is not None and close.code == code


def test_a_phrase_close_to_nothing_finds_nothing(model) -> None:
    assert model.closest_term("his favorite team won", TAXONOMY) is None


def test_it_loads_without_the_network_and_can_be_turned_off() -> None:
    code = (
        "import socket\n"
        "def refuse(*a, **k): raise OSError('no network in this test')\n"
        "socket.socket.connect = refuse\n"
        "from referral_match.semantic import meaning\n"
        "m = meaning(); print(m is not None)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "True", out.stderr
    off = subprocess.run(
        [sys.executable, "-c", "from referral_match.semantic import meaning; print(meaning())"],
        capture_output=True,
        text=True,
        env={"REFERRAL_MATCH_SEMANTIC": "0", "PATH": ""},
    )
    assert off.stdout.strip() == "None", off.stderr
