"""The exceptions referral-match raises.

Every error the library raises on purpose derives from :class:`ReferralMatchError`, so an
application can catch them all in one place. Errors carry data (the file, the field, the
value) as attributes as well as a message written for the person who has to fix it::

    ReferralMatchError
    ├── InputError              a value given by a user cannot be used
    │   ├── LocationNotFound    a ZIP, city or address the gazetteer does not know
    │   ├── InvalidProfile      a client profile with bad fields (messages per field)
    │   └── ScheduleError       opening hours that cannot be read (schedule.py)
    ├── SourceError             a whole file or folder cannot be read as a directory
    │   ├── ZipRefused          a zip unsafe, damaged or too large to unpack (sources/archive.py)
    │   └── HsdsApiError        an HSDS API down, not HSDS, or failing part-way (api_pull.py)
    ├── IndexNotFound           no directory has been imported at that path yet
    ├── IndexFailure            the Whoosh index could not be built, opened or searched
    └── GeocoderFailure         an online geocoder the user configured did not answer

Errors about single rows of a CSV are not exceptions: they are collected as
:class:`referral_match.report.Problem` records in an :class:`~referral_match.report.ImportReport`,
so that bad rows never stop good ones.
"""

from __future__ import annotations

__all__ = [
    "GeocoderFailure",
    "IndexFailure",
    "IndexNotFound",
    "InputError",
    "InvalidProfile",
    "LocationNotFound",
    "ReferralMatchError",
    "SourceError",
]


class ReferralMatchError(Exception):
    """Base class of every error referral-match raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(ReferralMatchError):
    """A value given by a user (a search option, a profile field) cannot be used."""

    def __init__(self, message: str, *, field: str | None = None, value: object = None) -> None:
        super().__init__(message)
        self.field = field
        self.value = value


class LocationNotFound(InputError):
    """A ZIP code, "City, ST" or address that cannot be placed on the map."""

    def __init__(self, message: str, *, value: str) -> None:
        super().__init__(message, field="location", value=value)


class InvalidProfile(InputError):
    """A client profile with one or more bad fields; ``messages`` maps each to its problems."""

    def __init__(self, messages: dict[str, list[str]]) -> None:
        parts = [f"{name}: {' '.join(texts)}" for name, texts in messages.items()]
        super().__init__(
            "The client profile has problems. " + " ".join(parts), field=next(iter(messages), None)
        )
        self.messages = messages


class SourceError(ReferralMatchError):
    """A file or folder cannot be read as a directory at all (empty, binary, wrong columns)."""

    def __init__(self, message: str, *, file: str, column: str | None = None) -> None:
        super().__init__(message)
        self.file = file
        self.column = column


class IndexNotFound(ReferralMatchError):
    """No directory has been imported into the index folder yet."""

    def __init__(self, path: str) -> None:
        super().__init__(
            f"No resource directory has been imported into {path} yet. "
            "Run `referral-match import FILE.csv` first, or point --index at another folder."
        )
        self.path = path


class IndexFailure(ReferralMatchError):
    """The Whoosh index could not be built, opened or searched."""


class GeocoderFailure(ReferralMatchError):
    """An online geocoder configured by the user failed or timed out."""
