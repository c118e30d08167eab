"""The federal poverty guidelines, in one place: income as a percent of poverty.

Programs state income limits as a percent of the HHS poverty guideline for the household's
size ("up to 200% FPL"). The table below is the HHS 2025 guideline (Federal Register,
January 2025). HHS publishes an update every January (2026: FR Doc 2026-00755, 15 January
2026); when you update these numbers, update ``GUIDELINE_YEAR`` too, and nothing else.
"""

from __future__ import annotations

__all__ = ["GUIDELINE_YEAR", "percent_of_poverty", "poverty_guideline"]

GUIDELINE_YEAR = 2025

#: (first person, each additional person), in dollars a year.
_GUIDELINES: dict[str, tuple[int, int]] = {
    "contiguous": (15_650, 5_500),  # the 48 contiguous states and the District of Columbia
    "AK": (19_550, 6_880),
    "HI": (17_990, 6_330),
}


def poverty_guideline(household_size: int, state: str | None = None) -> int:
    """Return the poverty guideline in dollars a year for a household of this size."""
    if household_size < 1:
        raise ValueError(f"household size must be at least 1, not {household_size}.")
    first, each = _GUIDELINES.get((state or "").upper(), _GUIDELINES["contiguous"])
    return first + each * (household_size - 1)


def percent_of_poverty(
    annual_income: float, household_size: int, state: str | None = None
) -> float:
    """Return a household's income as a percent of its poverty guideline (100 = at poverty)."""
    return 100.0 * annual_income / poverty_guideline(household_size, state)
