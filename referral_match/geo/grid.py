"""Find, among many points, those within a radius: rows of latitude, sorted by longitude.

Each index generation keeps one :class:`PointGrid` of its resources' coordinates, in numpy
arrays saved with the generation and mapped (not read) by every process that opens it, so
that N serving workers share one copy through the page cache. A "within N miles" filter
takes, in each band of latitude the circle reaches, the slice of points whose longitude it
spans (a binary search), and tests those with one vectorized dot product of unit vectors:
a few milliseconds at 100,000 resources, where a numeric range query in Whoosh took
hundreds (see ``bench/bench_geo.py``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from referral_match.docnums import BitMap, bitmap, mapped_array
from referral_match.errors import InputError
from referral_match.geo.places import EARTH_RADIUS_MILES, check_coordinates, distance_miles

__all__ = ["PointGrid", "distances_miles"]

Point = tuple[float, float]

#: The files of a saved grid (in the generation's folder), and what each holds.
_FILES = {
    "coordinates": "points.npy",  # N x 2 latitudes and longitudes, NaN where none
    "order": "grid-order.npy",  # the located points' numbers, by row then longitude
    "longitudes": "grid-lon.npy",  # their longitudes, in that order
    "vectors": "grid-xyz.npy",  # their unit vectors (N x 3), in that order
    # The row height in nanodegrees, then the rows that hold points and where each starts
    # in the order above (2 x 1+R).
    "rows": "grid-rows.npy",
}


def _unit_vectors(latitudes: np.ndarray, longitudes: np.ndarray) -> np.ndarray:
    """Return the points on the unit sphere at latitudes and longitudes in degrees (N x 3)."""
    phi, lam = np.radians(latitudes), np.radians(longitudes)
    return np.column_stack((np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)))


def _hav(angle: float) -> float:
    """Return the haversine of an angle in radians."""
    return math.sin(angle / 2) ** 2


def distances_miles(coordinates: np.ndarray, latitude: float, longitude: float) -> np.ndarray:
    """Return the great-circle distance in miles from a point to each of N coordinates.

    The formula of :func:`~referral_match.geo.places.distance_miles`, vectorized; NaN
    coordinates give NaN.
    """
    phi1 = math.radians(latitude)
    phi2 = np.radians(coordinates[:, 0])
    half_dphi = np.sin((phi2 - phi1) * 0.5)
    half_dlam = np.sin(np.radians(coordinates[:, 1] - longitude) * 0.5)
    a = half_dphi * half_dphi + math.cos(phi1) * np.cos(phi2) * half_dlam * half_dlam
    distances: np.ndarray = 2 * EARTH_RADIUS_MILES * np.arcsin(np.sqrt(np.minimum(a, 1.0)))
    return distances


# A dot product of unit vectors is exact to about 1e-15: points whose dot product is this
# close to the threshold are decided by distance_miles itself, so that within() agrees with
# it to the last bit.
_DOT_MARGIN = 1e-12


class PointGrid:
    """Find, among many points, those within a radius.

    ``points[i]`` is the ``(latitude, longitude)`` of item ``i``, or None when the item has
    no coordinates. :meth:`within` returns exactly the indexes whose :func:`distance_miles`
    from the center is at most the radius, visiting only the rows of latitude the circle
    reaches, and in each only the longitudes it spans (across the antimeridian and around
    the poles too). Build one from points, or :meth:`save` it and :meth:`load` it mapped.
    """

    def __init__(self, points: Iterable[Point | None], cell_degrees: float = 0.05) -> None:
        coordinates = np.array(
            [(math.nan, math.nan) if p is None else (float(p[0]), float(p[1])) for p in points],
            dtype=np.float64,
        ).reshape(-1, 2)
        self._build(coordinates, cell_degrees)

    @classmethod
    def from_coordinates(cls, coordinates: np.ndarray, cell_degrees: float = 0.05) -> PointGrid:
        """Return the grid of N x 2 coordinates (latitude, longitude; NaN for none)."""
        grid = cls.__new__(cls)
        grid._build(np.asarray(coordinates, dtype=np.float64).reshape(-1, 2), cell_degrees)
        return grid

    def _build(self, coordinates: np.ndarray, cell_degrees: float) -> None:
        if not 0 < cell_degrees <= 90:
            raise InputError(
                f"cell_degrees {cell_degrees} is not between 0 and 90.", value=cell_degrees
            )
        located = ~np.isnan(coordinates[:, 0]) | ~np.isnan(coordinates[:, 1])
        for index in np.flatnonzero(located):
            latitude, longitude = coordinates[index]
            if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
                check_coordinates(float(latitude), float(longitude), f"Point {index}")
        ids = np.flatnonzero(located).astype(np.uint32)
        lats, lons = coordinates[ids, 0], coordinates[ids, 1]
        row_of = np.floor(lats / cell_degrees).astype(np.int64)
        order = np.lexsort((lons, row_of))
        rows, starts = np.unique(row_of[order], return_index=True)
        self.cell_degrees = cell_degrees
        self._coordinates = coordinates
        self._order = ids[order]
        self._longitudes = lons[order]
        self._vectors = _unit_vectors(lats[order], lons[order])
        self._rows = np.vstack((rows, starts)).astype(np.int64)

    def save(self, folder: Path) -> None:
        """Write the grid's arrays into a folder (see :meth:`load`)."""
        height = [[round(self.cell_degrees * 1e9)], [0]]
        rows = np.hstack((np.array(height, dtype=np.int64), self._rows))
        arrays = {
            "coordinates": self._coordinates,
            "order": self._order,
            "longitudes": self._longitudes,
            "vectors": self._vectors,
            "rows": rows,
        }
        for name, values in arrays.items():
            np.save(folder / _FILES[name], values, allow_pickle=False)

    @classmethod
    def load(cls, folder: Path) -> PointGrid:
        """Return the grid saved in a folder, its arrays mapped from the files, not read."""
        grid = cls.__new__(cls)
        arrays = {name: mapped_array(folder / file) for name, file in _FILES.items()}
        grid._coordinates = arrays["coordinates"]
        grid._order = arrays["order"]
        grid._longitudes = arrays["longitudes"]
        grid._vectors = arrays["vectors"]
        rows = arrays["rows"]
        grid.cell_degrees = float(rows[0, 0]) / 1e9
        grid._rows = rows[:, 1:]
        return grid

    def __len__(self) -> int:
        """Return the number of items, with or without coordinates."""
        return len(self._coordinates)

    def point(self, index: int) -> Point | None:
        """Return the coordinates of an item, or None."""
        latitude, longitude = self._coordinates[index]
        return None if math.isnan(latitude) else (float(latitude), float(longitude))

    @property
    def coordinates(self) -> np.ndarray:
        """Every item's latitude and longitude (N x 2, NaN where it has none)."""
        return self._coordinates

    def within(self, latitude: float, longitude: float, radius_miles: float) -> BitMap:
        """Return the indexes of the points at most `radius_miles` from the center."""
        check_coordinates(latitude, longitude, "Center")
        if not 0 <= radius_miles < math.inf:
            raise InputError(
                f"Radius {radius_miles} is not a distance in miles: give a number >= 0.",
                field="radius",
                value=radius_miles,
            )
        if radius_miles / EARTH_RADIUS_MILES >= math.pi:
            return bitmap(self._order)
        circle = _Circle.around(latitude, longitude, radius_miles)
        spans = self._spans(circle)
        if not spans:
            return BitMap()
        picked = np.concatenate([np.arange(start, stop) for start, stop in spans])
        dots = self._vectors[picked] @ np.array((circle.x, circle.y, circle.z))
        inside = dots >= circle.sure_in
        found = bitmap(self._order[picked[inside]])
        # The few too close to the edge for the dot product to decide.
        for position in picked[(dots >= circle.sure_out) & ~inside]:
            index = int(self._order[position])
            point_lat, point_lon = self._coordinates[index]
            distance = distance_miles(latitude, longitude, float(point_lat), float(point_lon))
            if distance <= radius_miles:
                found.add(index)
        return found

    def _spans(self, circle: _Circle) -> list[tuple[int, int]]:
        """Return the slices of the sorted points that the circle may hold, row by row."""
        size = self.cell_degrees
        span = math.degrees(circle.outer) + 1e-9
        rows, starts = self._rows
        first = np.searchsorted(rows, math.floor(max(-90.0, circle.latitude - span) / size))
        last = np.searchsorted(
            rows, math.floor(min(90.0, circle.latitude + span) / size), side="right"
        )
        ends = np.append(starts[1:], len(self._order))
        spans = []
        for k in range(int(first), int(last)):
            start, stop = int(starts[k]), int(ends[k])
            if circle.polar:
                spans.append((start, stop))
                continue
            i = int(rows[k])
            south, north = math.radians(i * size), math.radians((i + 1) * size)
            half_width = _widest(south, north, circle.phi0, circle.outer)
            if half_width < 0:
                continue
            half_width += 1e-9
            lons = self._longitudes[start:stop]
            # A circle that crosses the antimeridian goes on at the other end of the row.
            for center in (circle.longitude, circle.longitude - 360, circle.longitude + 360):
                if center - half_width <= 180 and center + half_width >= -180:
                    west = np.searchsorted(lons, center - half_width)
                    east = np.searchsorted(lons, center + half_width, side="right")
                    if east > west:
                        spans.append((start + int(west), start + int(east)))
        return spans


@dataclass(frozen=True)
class _Circle:
    """What PointGrid.within needs to know of the circle it searches."""

    latitude: float
    longitude: float
    radius: float
    phi0: float
    x: float
    y: float
    z: float
    sure_in: float
    sure_out: float
    outer: float
    polar: bool

    @classmethod
    def around(cls, latitude: float, longitude: float, radius: float) -> _Circle:
        """Return the circle of `radius` miles around a point."""
        delta = radius / EARTH_RADIUS_MILES
        phi0 = math.radians(latitude)
        # A little larger, to never skip a point wrongly: floating-point errors are far
        # smaller than this margin.
        outer = delta * (1 + 1e-9) + 1e-12
        polar = abs(phi0) + outer >= math.pi / 2
        lam0 = math.radians(longitude)
        x, y, z = math.cos(phi0) * math.cos(lam0), math.cos(phi0) * math.sin(lam0), math.sin(phi0)
        return cls(
            latitude=latitude,
            longitude=longitude,
            radius=radius,
            phi0=phi0,
            x=x,
            y=y,
            z=z,
            sure_in=math.cos(delta) + _DOT_MARGIN,
            sure_out=math.cos(delta) - _DOT_MARGIN,
            outer=outer,
            polar=polar,
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
