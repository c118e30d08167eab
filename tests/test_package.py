"""The library's public surface: what it exports and what it does not import."""

from __future__ import annotations

import subprocess
import sys

import referral_match


def test_importing_the_library_loads_no_web_framework() -> None:
    code = (
        "import sys, referral_match, referral_match.cli;"
        "bad = [m for m in ('flask', 'werkzeug', 'webapp', 'waitress') if m in sys.modules];"
        "print(','.join(bad))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert completed.stdout.strip() == ""


def test_all_lists_exactly_the_public_names() -> None:
    public = {name for name in vars(referral_match) if not name.startswith("_")}
    modules = {name for name in public if type(getattr(referral_match, name)).__name__ == "module"}
    assert set(referral_match.__all__) == public - modules
    for name in referral_match.__all__:
        assert getattr(referral_match, name).__doc__, f"{name} has no docstring"


def test_a_resource_round_trips_through_its_json_with_every_field() -> None:
    import dataclasses

    from referral_match.model import Resource

    fields = {f.name for f in dataclasses.fields(Resource)}
    resource = Resource(
        id="r",
        service_id="s",
        organization_id="o",
        location_id="l",
        name="N",
        organization="O",
        categories_read=(("102", "food"),),
        status_read="Closed for now",
        timezone="America/Chicago",
        area_from="phone",
    )
    data = resource.to_dict()
    assert fields <= set(data) | {"address", "hours"}
    assert Resource.from_dict(data) == resource
