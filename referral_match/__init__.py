"""referral-match: load resource directories, search them, and match clients to services.

The public API::

    from referral_match import Directory, import_directory

    report = import_directory("resources.csv", "instance/index")
    directory = Directory.open("instance/index")
    page = directory.search("help with rent", near="94063", radius_miles=10)
    matches = directory.match({"needs": ["evicted", "no food"], "location": "94063",
                               "age": 67, "languages": ["es"]})

This package never imports a web framework; ``webapp`` is built on top of it.
"""

from referral_match.directory import Directory, default_index_path
from referral_match.errors import (
    GeocoderFailure,
    IndexFailure,
    IndexNotFound,
    InputError,
    InvalidProfile,
    LocationNotFound,
    ReferralMatchError,
    SourceError,
)
from referral_match.importer import import_directory
from referral_match.model import Address, Cost, Eligibility, Resource, ServiceArea, Status
from referral_match.ranking.match import MatchResults, MatchWeights
from referral_match.ranking.needs import Need
from referral_match.ranking.profile import ClientProfile, load_profile
from referral_match.ranking.results import Check, SearchResult, SearchResults
from referral_match.report import ImportReport, Problem
from referral_match.schedule import WeeklySchedule
from referral_match.taxonomy import Taxonomy, default_taxonomy

__all__ = [
    "Address",
    "Check",
    "ClientProfile",
    "Cost",
    "Directory",
    "Eligibility",
    "GeocoderFailure",
    "ImportReport",
    "IndexFailure",
    "IndexNotFound",
    "InputError",
    "InvalidProfile",
    "LocationNotFound",
    "MatchResults",
    "MatchWeights",
    "Need",
    "Problem",
    "ReferralMatchError",
    "Resource",
    "SearchResult",
    "SearchResults",
    "ServiceArea",
    "SourceError",
    "Status",
    "Taxonomy",
    "WeeklySchedule",
    "default_index_path",
    "default_taxonomy",
    "import_directory",
    "load_profile",
]

__version__ = "0.1.0"
