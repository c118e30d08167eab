"""What searches return: ranked results with distances and reasons, JSON-serialisable."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from referral_match.model import Resource

__all__ = ["Check", "SearchResult", "SearchResults"]


@dataclass(frozen=True, slots=True)
class Check:
    """One eligibility rule checked against what is known of the client."""

    rule: str
    #: "passed", "unknown" or "failed".
    result: str
    detail: str

    def to_dict(self) -> dict[str, str]:
        """Return the check as plain data."""
        return {"rule": self.rule, "result": self.result, "detail": self.detail}


@dataclass(frozen=True, slots=True)
class SearchResult:
    """One resource found, with why it was found and how far away it is."""

    resource: Resource
    score: float
    distance_miles: float | None
    reasons: tuple[str, ...]
    needs_met: tuple[str, ...] = ()
    eligibility: tuple[Check, ...] = ()
    open_now: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the result in the shape of the CLI's and API's ``--json`` output."""
        r = self.resource
        return {
            "id": r.id,
            "service_id": r.service_id,
            "location_id": r.location_id,
            "organization_id": r.organization_id,
            "name": r.name,
            "organization": r.organization,
            "score": round(self.score, 4),
            "distance_miles": None
            if self.distance_miles is None
            else round(self.distance_miles, 2),
            "needs_met": list(self.needs_met),
            "eligibility": [c.to_dict() for c in self.eligibility],
            "reasons": list(self.reasons),
            "open_now": self.open_now,
            "description": r.description,
            "categories": list(r.categories),
            "address": None if r.address is None else r.address.one_line(),
            "latitude": r.latitude,
            "longitude": r.longitude,
            "phones": list(r.phones),
            "website": r.website,
            "hours": r.hours.describe() if r.hours is not None else r.hours_text,
            "languages": list(r.languages),
            "cost": r.cost.value,
            "status": r.status.value,
            "last_verified": None if r.last_verified is None else r.last_verified.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class SearchResults:
    """A page of ranked results, the count of all matches, facets and a spelling hint."""

    results: list[SearchResult]
    total: int
    took_ms: float
    #: Matching resources per top-level category code: {code: (name, count)}.
    facets: dict[str, tuple[str, int]] = field(default_factory=dict)
    suggestion: str | None = None
    #: The place the search was centred on, as understood (e.g. "Redwood City, CA 94063").
    location: str | None = None
    #: The spelling correction that was searched instead of the words, when they found little.
    searched_for: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the results in the shape of the CLI's and API's ``--json`` output."""
        return {
            "results": [r.to_dict() for r in self.results],
            "total": self.total,
            "took_ms": round(self.took_ms, 1),
            "facets": [
                {"code": code, "name": name, "count": count}
                for code, (name, count) in self.facets.items()
            ],
            "suggestion": self.suggestion,
            "searched_for": self.searched_for,
            "location": self.location,
        }
