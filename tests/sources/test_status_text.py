"""A closure that a service's own words announce closes it; a partial or past one does not."""

from __future__ import annotations

import pytest

from referral_match.model import Resource, Status
from referral_match.sources.status_text import with_status_from_text


def service(description: str, status: Status = Status.ACTIVE) -> Resource:
    return Resource(
        id="r",
        service_id="s",
        organization_id="o",
        location_id="",
        name="Pantry",
        organization="Org",
        description=description,
        status=status,
    )


@pytest.mark.parametrize(
    ("description", "said"),
    [
        ("Temporarily closed: funds exhausted.", "Temporarily closed: funds exhausted"),
        ("Groceries on Fridays. Closed until further notice.", "Closed until further notice"),
        ("The program has ended. Call 211 for other help.", "The program has ended"),
        ("Temporarily closed. We hope to reopen in spring.", "Temporarily closed"),
        ("Servicio temporalmente cerrado.", "Servicio temporalmente cerrado"),
        (
            "Services are suspended until further notice.",
            "Services are suspended until further notice",
        ),
    ],
)
def test_a_closure_in_the_description_closes_the_service(description: str, said: str) -> None:
    read = with_status_from_text(service(description))
    assert read.status is Status.TEMPORARILY_CLOSED and read.status_read == said
    assert read.as_given().status is Status.ACTIVE


@pytest.mark.parametrize(
    "description",
    [
        "Closed on holidays. Open Mon-Fri 9-5.",
        "Hot meals daily; no longer offered on Sundays.",
        "Reopened in May after being temporarily closed.",
        "Cleanings and fillings. The Redwood City dental suite is closed for remodeling.",
        "Free groceries every Friday.",
        "The office is closed on Fridays.",
        "Office is closed on federal holidays.",
        "We are closed Saturdays and Sundays.",
        "The waitlist is closed.",
        "Applications are closed until March.",
    ],
)
def test_a_partial_or_past_closure_leaves_it_open(description: str) -> None:
    assert with_status_from_text(service(description)).status is Status.ACTIVE


def test_a_status_the_source_gave_is_kept() -> None:
    closed = service("Open again soon.", Status.DEFUNCT)
    assert with_status_from_text(closed) is closed
