"""Note the ids the export gives each resource, and give the same ones again later.

``HsdsRows`` hands out HSDS ids as it meets resources: a service that resources describe
differently gets a second id, so an id depends on every resource met before. The catalog
builds once with ``RecordingIds``, which keeps the ids each resource was given; to make one
service's nested record again from its resources alone, ``ReplayedIds`` gives each resource
those very ids, in the order ``HsdsRows.resource`` asks for them (``KINDS``), and fails
loudly should it ask otherwise.
"""

from __future__ import annotations

from referral_match.errors import ReferralMatchError
from referral_match.hsds.rows import _Ids

__all__ = ["KINDS", "RecordingIds", "ReplayedIds"]

#: The order in which ``HsdsRows.resource`` asks for a resource's ids (the last two only
#: for a resource at a place).
KINDS = ("organization", "service", "location", "service_at_location")


class RecordingIds(_Ids):
    """The export's ids, noting those each resource is given."""

    def __init__(self) -> None:
        super().__init__()
        self.given: list[str] = []

    def get(self, kind: str, our_id: str, variant: str = "") -> str:
        """Return the export's id, noting it."""
        if kind != KINDS[len(self.given) % len(KINDS)]:
            raise ReferralMatchError(f"HsdsRows asked for a {kind} id out of the order known.")
        found = super().get(kind, our_id, variant)
        self.given.append(found)
        return found


class ReplayedIds(_Ids):
    """Hand out again the ids the build gave one resource, in the order it asked for them."""

    def __init__(self) -> None:
        super().__init__()
        self.given: list[str] = []
        self.asked = 0

    def get(self, kind: str, our_id: str, variant: str = "") -> str:
        """Return the next id the build gave this resource."""
        if self.asked >= len(self.given) or kind != KINDS[self.asked]:
            raise ReferralMatchError(f"HsdsRows asked for a {kind} id the build never gave.")
        self.asked += 1
        return self.given[self.asked - 1]
