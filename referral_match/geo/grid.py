"""Find, among many points, those within a radius: a grid of latitude/longitude cells.

Each opened index keeps one :class:`PointGrid` of its resources' coordinates, so that a
"within N miles" filter costs a few milliseconds at 100,000 resources instead of a numeric
range query in Whoosh (see ``bench/bench_geo.py``).
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from referral_match.errors import InputError
from referral_match.geo.places import EARTH_RADIUS_MILES, check_coordinates, distance_miles

__all__ = ["PointGrid"]


@dataclass
class _Cell:
    """The points of one grid cell: their indexes, and their unit vectors for quick tests."""

    ids: list[int] = field(default_factory=list)
    longitudes: list[float] = field(default_factory=list)
    vectors: list[tuple[int, float, float, float]] = field(default_factory=list)

    def add(self, index: int, latitude: float, longitude: float) -> None:
        """Add a point (call :meth:`sort` once all are added)."""
        self.ids.append(index)
        self.longitudes.append(longitude)
        self.vectors.append((index, *_unit_vector(latitude, longitude)))

    def sort(self) -> None:
        """Sort the points by longitude, so that a range of longitudes is a slice."""
        order = sorted(range(len(self.ids)), key=self.longitudes.__getitem__)
        self.ids = [self.ids[k] for k in order]
        self.longitudes = [self.longitudes[k] for k in order]
        self.vectors = [self.vectors[k] for k in order]


def _unit_vector(latitude: float, longitude: float) -> tuple[float, float, float]:
    """Return the point on the unit sphere at a latitude and longitude in degrees."""
    phi, lam = math.radians(latitude), math.radians(longitude)
    return math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi)


def _hav(angle: float) -> float:
    """Return the haversine of an angle in radians."""
    return math.sin(angle / 2) ** 2


# A dot product of unit vectors is exact to about 1e-15: points whose dot product is this
# close to the threshold are decided by distance_miles itself, so that within() agrees with
# it to the last bit.
_DOT_MARGIN = 1e-12


class PointGrid:
    """Find, among many points, those within a radius: a grid of latitude/longitude cells.

    ``points[i]`` is the ``(latitude, longitude)`` of item ``i``, or None when the item has
    no coordinates. :meth:`within` returns exactly the indexes whose :func:`distance_miles`
    from the center is at most the radius, visiting only the cells the circle reaches
    (across the antimeridian and around the poles too).
    """

    def __init__(
        self, points: Iterable[tuple[float, float] | None], cell_degrees: float = 0.05
    ) -> None:
        if not 0 < cell_degrees <= 90:
            raise InputError(
                f"cell_degrees {cell_degrees} is not between 0 and 90.", value=cell_degrees
            )
        self.cell_degrees = cell_degrees
        self._coordinates: list[tuple[float, float] | None] = []
        self._rows: dict[int, dict[int, _Cell]] = defaultdict(dict)
        self._located: list[int] = []
        for index, point in enumerate(points):
            if point is not None:
                latitude, longitude = float(point[0]), float(point[1])
                check_coordinates(latitude, longitude, f"Point {index}")
                row = self._rows[math.floor(latitude / cell_degrees)]
                cell = row.setdefault(math.floor(longitude / cell_degrees), _Cell())
                cell.add(index, latitude, longitude)
                self._located.append(index)
                point = (latitude, longitude)
            self._coordinates.append(point)
        for row in self._rows.values():
            for cell in row.values():
                cell.sort()

    def __len__(self) -> int:
        """Return the number of items, with or without coordinates."""
        return len(self._coordinates)

    def within(self, latitude: float, longitude: float, radius_miles: float) -> set[int]:
        """Return the indexes of the points at most `radius_miles` from the center."""
        check_coordinates(latitude, longitude, "Center")
        if not 0 <= radius_miles < math.inf:
            raise InputError(
                f"Radius {radius_miles} is not a distance in miles: give a number >= 0.",
                field="radius",
                value=radius_miles,
            )
        if radius_miles / EARTH_RADIUS_MILES >= math.pi:
            return set(self._located)
        query = _Circle.around(latitude, longitude, radius_miles)
        found: set[int] = set()
        size = self.cell_degrees
        span = math.degrees(query.outer) + 1e-9
        first_row = math.floor(max(-90.0, latitude - span) / size)
        last_row = math.floor(min(90.0, latitude + span) / size)
        for i in range(first_row, last_row + 1):
            row = self._rows.get(i)
            if row:
                self._search_row(query, i, row, found)
        return found

    def _search_row(self, circle: _Circle, i: int, row: dict[int, _Cell], found: set[int]) -> None:
        """Add to `found` the points of row `i` of the grid that are inside the circle."""
        size = self.cell_degrees
        south, north = math.radians(i * size), math.radians((i + 1) * size)
        if circle.polar:
            half_width, inside, centers = 360.0, -1.0, [circle.longitude]
        else:
            half_width = _widest(south, north, circle.phi0, circle.outer)
            if half_width < 0:
                return
            half_width += 1e-9
            inside = -1.0
            if circle.whole_cells:
                inside = _narrowest(south, north, circle.phi0, circle.inner) - 1e-9
            # A circle that crosses the antimeridian goes on at the other end of the row.
            centers = [
                center
                for center in (circle.longitude, circle.longitude - 360, circle.longitude + 360)
                if center - half_width <= 180 and center + half_width >= -180
            ]
        sin_s, cos_s = math.sin(south) * circle.sin_phi0, math.cos(south) * circle.cos_phi0
        sin_n, cos_n = math.sin(north) * circle.sin_phi0, math.cos(north) * circle.cos_phi0
        for center in centers:
            west = math.floor(max(-180.0, center - half_width) / size)
            east = math.floor(min(180.0, center + half_width) / size)
            if len(row) < east - west + 1:
                cells = [(j, cell) for j, cell in row.items() if west <= j <= east]
            else:
                cells = [(j, row[j]) for j in range(west, east + 1) if j in row]
            for j, cell in cells:
                if circle.whole_cells:
                    # The cell is inside when its four corners are.
                    left = math.cos(math.radians(j * size) - circle.lam0)
                    right = math.cos(math.radians((j + 1) * size) - circle.lam0)
                    if (
                        min(sin_s + cos_s * left, sin_s + cos_s * right) >= circle.sure_in
                        and min(sin_n + cos_n * left, sin_n + cos_n * right) >= circle.sure_in
                    ):
                        found.update(cell.ids)
                        continue
                self._search_cell(circle, cell, center, half_width, inside, found)

    def _search_cell(
        self,
        circle: _Circle,
        cell: _Cell,
        center: float,
        half_width: float,
        inside: float,
        found: set[int],
    ) -> None:
        """Add to `found` the points of a cell the circle's edge crosses that are inside it.

        The points are sorted by longitude: those within the row's narrowest chord of the
        circle (``center ± inside``) are inside, those beyond its widest (``center ±
        half_width``) are outside, and only the ones in between are checked one by one.
        """
        lons = cell.longitudes
        start = bisect.bisect_left(lons, center - half_width)
        stop = bisect.bisect_right(lons, center + half_width, start)
        sure_start = bisect.bisect_left(lons, center - inside, start, stop)
        sure_stop = bisect.bisect_right(lons, center + inside, sure_start, stop)
        found.update(cell.ids[sure_start:sure_stop])
        x0, y0, z0, sure_in, sure_out = (
            circle.x,
            circle.y,
            circle.z,
            circle.sure_in,
            circle.sure_out,
        )
        for first, last in ((start, sure_start), (sure_stop, stop)):
            found.update(
                [
                    index
                    for index, x, y, z in cell.vectors[first:last]
                    if (dot := x * x0 + y * y0 + z * z0) >= sure_in
                    or (dot >= sure_out and self._exact(index, circle))
                ]
            )

    def _exact(self, index: int, circle: _Circle) -> bool:
        """Tell whether point `index` is inside the circle, by distance_miles itself."""
        point = self._coordinates[index]
        assert point is not None
        distance = distance_miles(circle.latitude, circle.longitude, point[0], point[1])
        return distance <= circle.radius


@dataclass(frozen=True)
class _Circle:
    """What PointGrid.within needs to know of the circle it searches."""

    latitude: float
    longitude: float
    radius: float
    phi0: float
    lam0: float
    sin_phi0: float
    cos_phi0: float
    x: float
    y: float
    z: float
    sure_in: float
    sure_out: float
    inner: float
    outer: float
    polar: bool
    whole_cells: bool

    @classmethod
    def around(cls, latitude: float, longitude: float, radius: float) -> _Circle:
        """Return the circle of `radius` miles around a point."""
        delta = radius / EARTH_RADIUS_MILES
        phi0 = math.radians(latitude)
        # A little larger, to never skip a point wrongly; a little smaller, to never take
        # one wrongly: floating-point errors are far smaller than these margins.
        outer = delta * (1 + 1e-9) + 1e-12
        inner = delta * (1 - 1e-9) - 1e-12
        polar = abs(phi0) + outer >= math.pi / 2
        x, y, z = _unit_vector(latitude, longitude)
        return cls(
            latitude=latitude,
            longitude=longitude,
            radius=radius,
            phi0=phi0,
            lam0=math.radians(longitude),
            sin_phi0=math.sin(phi0),
            cos_phi0=math.cos(phi0),
            x=x,
            y=y,
            z=z,
            sure_in=math.cos(delta) + _DOT_MARGIN,
            sure_out=math.cos(delta) - _DOT_MARGIN,
            inner=inner,
            outer=outer,
            polar=polar,
            # A cell whose four corners are inside the circle is inside it: true on a
            # sphere for a circle smaller than a hemisphere that does not hold a pole.
            whole_cells=not polar and delta < math.pi / 2,
        )


def _chord_half_width(phi: float, phi0: float, delta: float) -> float:
    """Return the circle's half-width in longitude (radians) at latitude `phi`, or -1."""
    h = (_hav(delta) - _hav(phi - phi0)) / (math.cos(phi) * math.cos(phi0))
    return -1.0 if h < 0 else 2 * math.asin(math.sqrt(min(1.0, h)))


def _widest(south: float, north: float, phi0: float, delta: float) -> float:
    """Return, in degrees, the circle's widest half-width in longitude between two
    latitudes given in radians, or -1 when it does not reach them.
    """
    low, high = max(south, phi0 - delta), min(north, phi0 + delta)
    if low > high:
        return -1.0
    # The circle is widest at the latitude where a meridian touches it; the half-width
    # grows toward that latitude and shrinks away from it.
    widest = math.asin(max(-1.0, min(1.0, math.sin(phi0) / math.cos(delta))))
    if low <= widest <= high:
        return math.degrees(math.asin(min(1.0, math.sin(delta) / math.cos(phi0))))
    ends = (_chord_half_width(low, phi0, delta), _chord_half_width(high, phi0, delta))
    return math.degrees(max(0.0, *ends))


def _narrowest(south: float, north: float, phi0: float, delta: float) -> float:
    """Return, in degrees, the circle's narrowest half-width in longitude between two
    latitudes given in radians, or -1 when part of the band is outside the circle or the
    circle is too narrow there for the figure to be exact.
    """
    if delta <= 0 or south < phi0 - delta or north > phi0 + delta:
        return -1.0
    narrowest = min(_chord_half_width(south, phi0, delta), _chord_half_width(north, phi0, delta))
    # Near the circle's top and bottom the half-width is the square root of a difference
    # of nearly equal numbers: not exact enough to take points without checking them.
    return math.degrees(narrowest) if narrowest >= 1e-3 * delta else -1.0
