"""Find what needs an admin's attention in a directory: stale, unplaced, unreachable, twins.

A case manager refers clients to what the directory says; these checks point at the records
most likely to send a client to the wrong door.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from referral_match.model import Resource

__all__ = ["QualityReport", "check_quality"]

#: Records not verified for longer than this are "stale".
STALE_AFTER_DAYS = 365
#: How alike two names at one place must be to be called likely duplicates (0-1).
NAME_SIMILARITY = 0.8


@dataclass(slots=True)
class QualityReport:
    """Records that need attention, by kind (ids), and the pairs that look like duplicates."""

    total: int = 0
    stale: list[str] = field(default_factory=list)
    never_verified: list[str] = field(default_factory=list)
    no_coordinates: list[str] = field(default_factory=list)
    no_phone: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str, str]] = field(default_factory=list)  # (id, id, why)

    def to_dict(self) -> dict[str, object]:
        """Return the report as plain data."""
        return {
            "total": self.total,
            "stale": self.stale,
            "never_verified": self.never_verified,
            "no_coordinates": self.no_coordinates,
            "no_phone": self.no_phone,
            "duplicates": [{"ids": [a, b], "why": why} for a, b, why in self.duplicates],
        }


def _simple(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def check_quality(resources: Iterable[Resource], *, today: dt.date | None = None) -> QualityReport:
    """Return the records that are stale, unplaced, without a phone, or likely duplicates."""
    today = today or dt.date.today()
    report = QualityReport()
    by_place: dict[str, list[Resource]] = defaultdict(list)
    for r in resources:
        report.total += 1
        if r.last_verified is None:
            report.never_verified.append(r.id)
        elif (today - r.last_verified).days > STALE_AFTER_DAYS:
            report.stale.append(r.id)
        # Phone-only and online services have no place on purpose; only sites are flagged.
        if r.address is not None and not r.has_coordinates:
            report.no_coordinates.append(r.id)
        if not r.phones:
            report.no_phone.append(r.id)
        if r.address is not None:
            by_place[_simple(r.address.one_line())].append(r)
    for group in by_place.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                name_a, name_b = _simple(a.name), _simple(b.name)
                if name_a == name_b and _simple(a.organization) == _simple(b.organization):
                    report.duplicates.append((a.id, b.id, "same name and address"))
                elif difflib.SequenceMatcher(None, name_a, name_b).ratio() >= NAME_SIMILARITY:
                    report.duplicates.append((a.id, b.id, "very close names at one address"))
    return report
