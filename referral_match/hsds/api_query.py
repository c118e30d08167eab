"""What the HSDS API's listings may ask for: the filters of services, and a place near which.

``ServiceFilter`` holds the filters of ``/services`` and ``/service_at_locations``;
``Nearby`` the place of a ``postcode`` and the ``proximity`` to it. Service areas are
compared by keys (``zip:94063``, ``city:redwood city|CA``, ``county:san mateo|CA``,
``state:CA``, ``national``): ``area_keys`` gives those of an area, ``place_keys`` those
that cover a place, as the index's service-area field and the ranking's match keep them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from referral_match.errors import InputError
from referral_match.geo.gazetteer import Gazetteer
from referral_match.geo.places import Place, city_key, normalize_zip
from referral_match.model import ServiceArea

__all__ = ["Nearby", "ServiceFilter", "area_keys", "place_keys", "postcode_place"]


@dataclasses.dataclass(frozen=True, slots=True)
class ServiceFilter:
    """What services (or their service_at_locations) must have; None and "" ask nothing."""

    search: str = ""
    taxonomy_term_id: str | None = None
    taxonomy_id: str | None = None
    organization_id: str | None = None
    modified_after: dt.datetime | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Nearby:
    """A postcode's place, and how far from its centre a location may be (metres)."""

    place: Place
    proximity_m: float | None = None


def postcode_place(gazetteer: Gazetteer, postcode: str) -> Place:
    """Return the place of a US ZIP code, or raise InputError naming ``postcode``."""
    code = normalize_zip(postcode)
    place = None if code is None else gazetteer.by_zip(code)
    if place is None:
        raise InputError(
            f'postcode must be a US ZIP code that we know (such as 94063), not "{postcode}".',
            field="postcode",
            value=postcode,
        )
    return place


def area_keys(area: ServiceArea) -> list[str]:
    """Return the keys of a service area."""
    keys = [f"zip:{z}" for z in area.zips] + [f"city:{c}" for c in area.cities]
    keys += [f"county:{c}" for c in area.counties] + [f"state:{s}" for s in area.states]
    return keys + (["national"] if area.national else [])


def place_keys(place: Place) -> list[str]:
    """Return the service-area keys that cover a place: its ZIP, cities, county, state."""
    keys = ["national"]
    if place.zip:
        keys.append(f"zip:{place.zip}")
    if place.city and place.state:
        keys.append(f"city:{place.city_key}")
        keys += [f"city:{city_key(other, place.state)}" for other in place.other_cities]
    if place.county and place.state:
        keys.append(f"county:{place.county_key}")
    if place.state:
        keys.append(f"state:{place.state}")
    return keys
