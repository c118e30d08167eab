"""Write the referral list as CSV that a spreadsheet opens safely.

Directory values come from other people's spreadsheets: a cell starting with ``=``, ``+``,
``-`` or ``@`` would run as a formula when the export is opened, so such cells get a
leading apostrophe (the library's ``neutralise``, as its HSDS export does), which
spreadsheets show as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from referral_match import Resource
from referral_match.hsds.export import neutralise
from referral_match.languages import language_name

COLUMNS = (
    "name",
    "organization",
    "address",
    "phones",
    "hours",
    "what_to_bring",
    "how_to_apply",
    "eligibility",
    "cost",
    "languages",
    "website",
    "email",
    "last_verified",
    "id",
)


def row(resource: Resource) -> dict[str, str]:
    """Return one resource as the export's cells (not yet neutralised)."""
    hours = resource.hours.describe() if resource.hours is not None else resource.hours_text
    cost = resource.cost.value + (f" ({resource.fees})" if resource.fees else "")
    return {
        "name": resource.name,
        "organization": resource.organization,
        "address": resource.address.one_line() if resource.address else "",
        "phones": "; ".join(resource.phones),
        "hours": hours,
        "what_to_bring": "; ".join(resource.required_documents),
        "how_to_apply": resource.application_process,
        "eligibility": resource.eligibility.text,
        "cost": cost,
        "languages": ", ".join(language_name(c) for c in resource.languages),
        "website": resource.website,
        "email": resource.email,
        "last_verified": resource.last_verified.isoformat() if resource.last_verified else "",
        "id": resource.id,
    }


def to_csv(resources: Iterable[Resource]) -> str:
    """Return the resources as CSV text with a header row, formulas neutralised."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for resource in resources:
        writer.writerow({k: neutralise(v) for k, v in row(resource).items()})
    return out.getvalue()
