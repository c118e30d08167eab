"""Tests of PointGrid: exactly the points within a radius, as brute force finds them."""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest

from referral_match.errors import InputError
from referral_match.geo.grid import PointGrid
from referral_match.geo.places import EARTH_RADIUS_MILES, distance_miles


def _destination(lat: float, lon: float, miles: float, bearing: float) -> tuple[float, float]:
    """Return the point `miles` from (lat, lon) along `bearing` degrees, on the sphere."""
    delta = miles / EARTH_RADIUS_MILES
    phi1, lam1, theta = math.radians(lat), math.radians(lon), math.radians(bearing)
    phi2 = math.asin(
        math.sin(phi1) * math.cos(delta) + math.cos(phi1) * math.sin(delta) * math.cos(theta)
    )
    lam2 = lam1 + math.atan2(
        math.sin(theta) * math.sin(delta) * math.cos(phi1),
        math.cos(delta) - math.sin(phi1) * math.sin(phi2),
    )
    return math.degrees(phi2), (math.degrees(lam2) + 540.0) % 360.0 - 180.0


def _points_around(
    rng: random.Random, lat: float, lon: float, miles: float, radii: list[float], count: int
) -> list[tuple[float, float] | None]:
    """Return random points near a center, with the awkward cases a grid can get wrong."""
    points: list[tuple[float, float] | None] = []
    for _ in range(count):
        points.append(_destination(lat, lon, rng.uniform(0, miles), rng.uniform(0, 360)))
    points += [None, (lat, lon), (lat, lon), None]
    for radius in radii:  # on the circle, give or take the last bit
        points += [_destination(lat, lon, radius, bearing) for bearing in range(0, 360, 5)]
    size = 0.05  # on cell boundaries
    base_lat, base_lon = round(lat / size) * size, round(lon / size) * size
    points += [
        (base_lat + i * size, base_lon + j * size)
        for i in range(-3, 4)
        for j in range(-3, 4)
        if -180 <= base_lon + j * size <= 180
    ]
    points += [(lat, 180.0), (lat, -180.0)]
    rng.shuffle(points)
    return points


def _brute_force(
    points: list[tuple[float, float] | None], lat: float, lon: float, radius: float
) -> set[int]:
    return {
        index
        for index, point in enumerate(points)
        if point is not None and distance_miles(lat, lon, point[0], point[1]) <= radius
    }


@pytest.mark.parametrize(
    ("lat", "lon"),
    [
        (37.48, -122.21),  # Redwood City
        (61.2, -149.9),  # Anchorage: longitude degrees are short
        (-33.87, 151.21),  # Sydney: south and east
        (0.0, 0.0),
        (0.025, -0.025),  # on cell corners
        (25.0, 179.8),  # the circles cross the antimeridian
        (-17.7, -179.9),  # Fiji, from the other side
    ],
)
@pytest.mark.parametrize("cell_degrees", [0.05, 0.013, 0.5])
def test_point_grid_matches_brute_force(lat: float, lon: float, cell_degrees: float) -> None:
    rng = random.Random(f"{lat},{lon},{cell_degrees}")
    radii = [0.0, 0.01, 0.5, 3.0, 10.0, 24.0, 60.0]
    points = _points_around(rng, lat, lon, 30.0, radii, 3000)
    grid = PointGrid(points, cell_degrees=cell_degrees)
    assert len(grid) == len(points)
    for radius in radii + [1.7, 200.0]:
        centers = [(lat, lon)] + [
            _destination(lat, lon, rng.uniform(0, 15), rng.uniform(0, 360)) for _ in range(4)
        ]
        for center_lat, center_lon in centers:
            expected = _brute_force(points, center_lat, center_lon, radius)
            assert set(grid.within(center_lat, center_lon, radius)) == expected


@pytest.mark.parametrize("radius", [5.0, 100.0, 400.0])
def test_point_grid_around_a_pole(radius: float) -> None:
    rng = random.Random(radius)
    points: list[tuple[float, float] | None] = [
        (rng.uniform(88.0, 90.0), rng.uniform(-180.0, 180.0)) for _ in range(2000)
    ]
    points += [(90.0, 0.0), (89.95, -180.0), (89.95, 180.0)]
    grid = PointGrid(points)
    for lat, lon in [(89.9, 10.0), (89.9, -170.0), (90.0, 0.0), (88.5, 100.0)]:
        assert set(grid.within(lat, lon, radius)) == _brute_force(points, lat, lon, radius)


def test_point_grid_whole_earth_and_empty() -> None:
    points: list[tuple[float, float] | None] = [(10.0, 20.0), None, (-45.0, -170.0)]
    assert set(PointGrid(points).within(0.0, 0.0, 13_000.0)) == {0, 2}
    assert not PointGrid([]).within(0.0, 0.0, 10.0)
    assert not PointGrid([None, None]).within(0.0, 0.0, 10.0)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (([(37.0, -122.0)], 0, None), "cell_degrees 0 is not between 0 and 90."),
        (
            ([(37.0, -122.0), (95.0, 0.0)], 0.05, None),
            "Point 1: latitude 95.0 is not between -90 and 90.",
        ),
        (([(37.0, -190.0)], 0.05, None), "Point 0: longitude -190.0 is not between -180 and 180."),
        (([(math.nan, 0.0)], 0.05, None), "Point 0: latitude nan is not between -90 and 90."),
        (([], 0.05, (91.0, 0.0, 1.0)), "Center: latitude 91.0 is not between -90 and 90."),
        (
            ([], 0.05, (0.0, 0.0, -1.0)),
            "Radius -1.0 is not a distance in miles: give a number >= 0.",
        ),
        (
            ([], 0.05, (0.0, 0.0, math.inf)),
            "Radius inf is not a distance in miles: give a number >= 0.",
        ),
    ],
)
def test_point_grid_rejects_bad_input(
    call: tuple[list[tuple[float, float]], float, tuple[float, float, float] | None],
    message: str,
) -> None:
    points, cell_degrees, query = call
    with pytest.raises(InputError) as caught:
        grid = PointGrid(points, cell_degrees=cell_degrees)
        if query is not None:
            grid.within(*query)
    assert str(caught.value) == message


@pytest.mark.parametrize("count", [0, 1, 500])
def test_saved_grid_loads_mapped_and_answers_the_same(tmp_path: Path, count: int) -> None:
    rng = random.Random(count)
    points: list[tuple[float, float] | None] = [
        None if rng.random() < 0.1 else (rng.uniform(37.2, 37.9), rng.uniform(-122.7, -121.9))
        for _ in range(count)
    ]
    built = PointGrid(points, cell_degrees=0.013)
    built.save(tmp_path)
    loaded = PointGrid.load(tmp_path)
    assert len(loaded) == count and loaded.cell_degrees == 0.013
    assert [loaded.point(i) for i in range(count)] == points
    for radius in (0.5, 5.0, 30.0):
        expected = _brute_force(points, 37.5, -122.3, radius)
        assert set(loaded.within(37.5, -122.3, radius)) == expected
        assert set(built.within(37.5, -122.3, radius)) == expected
