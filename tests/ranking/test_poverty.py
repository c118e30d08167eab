"""Income against the federal poverty guidelines."""

from __future__ import annotations

import pytest

from referral_match.ranking.poverty import percent_of_poverty, poverty_guideline


@pytest.mark.parametrize(
    ("size", "state", "expected"),
    [
        (1, None, 15_650),
        (4, "CA", 32_150),
        (8, None, 54_150),
        (1, "AK", 19_550),
        (3, "HI", 30_650),
    ],
)
def test_poverty_guideline(size: int, state: str | None, expected: int) -> None:
    assert poverty_guideline(size, state) == expected


def test_percent_of_poverty() -> None:
    assert percent_of_poverty(31_300, 1) == pytest.approx(200.0)
    assert percent_of_poverty(0, 3) == 0.0


def test_household_must_have_someone() -> None:
    with pytest.raises(ValueError, match="household size must be at least 1"):
        poverty_guideline(0)
