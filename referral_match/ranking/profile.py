"""What a case manager learned about a client: the ClientProfile, validated at the edge.

A profile arrives as JSON (the API, ``--profile FILE.json``) or from a form; the schema
turns it into a frozen :class:`ClientProfile` or raises :class:`InvalidProfile` with a
message per bad field. Every field is optional, but a profile needs at least one need or
some text. Profiles are never written to disk or logs by the library.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from marshmallow import (
    RAISE,
    Schema,
    ValidationError,
    fields,
    post_load,
    validate,
    validates_schema,
)

from referral_match.errors import InvalidProfile
from referral_match.languages import parse_language
from referral_match.model import GENDERS, POPULATIONS

#: The oldest age that counts as a child (services "for children" end at or below it).
CHILD_MAX_AGE = 17

__all__ = ["CHILD_MAX_AGE", "INSURANCE", "ClientProfile", "ClientProfileSchema", "load_profile"]

INSURANCE: tuple[str, ...] = ("none", "medicaid", "medicare", "private", "other")


@dataclass(frozen=True, slots=True)
class ClientProfile:
    """A client's assessed needs and the facts that decide eligibility and reach."""

    needs: tuple[str, ...] = ()
    text: str = ""
    location: str | None = None
    radius_miles: float | None = None
    age: int | None = None
    gender: str | None = None
    household_size: int | None = None
    #: Ages of the children under 18 in the client's household, youngest first: services
    #: for children (such as WIC or child care) are checked against them.
    children_ages: tuple[int, ...] = ()
    annual_income: float | None = None
    languages: tuple[str, ...] = ()
    veteran: bool | None = None
    insurance: str | None = None
    populations: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the profile as JSON-serialisable data (only the fields that are set)."""
        data: dict[str, Any] = ClientProfileSchema().dump(self)
        return {k: v for k, v in data.items() if v not in (None, [], "")}


class _Language(fields.String):
    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            return parse_language(text)
        except ValueError as exc:
            raise ValidationError(str(exc)) from exc


class ClientProfileSchema(Schema):
    """The JSON form of a :class:`ClientProfile`; unknown fields are refused."""

    class Meta:
        unknown = RAISE

    needs = fields.List(
        fields.String(validate=validate.Length(min=1, max=200)), validate=validate.Length(max=20)
    )
    text = fields.String(validate=validate.Length(max=2000))
    location = fields.String(allow_none=True, validate=validate.Length(min=1, max=200))
    radius_miles = fields.Float(
        allow_none=True,
        validate=validate.Range(
            min=0, max=500, min_inclusive=False, error="must be more than 0 and at most 500 miles."
        ),
    )
    age = fields.Integer(
        allow_none=True,
        strict=True,
        validate=validate.Range(min=0, max=120, error="must be a whole number from 0 to 120."),
    )
    gender = fields.String(
        allow_none=True,
        validate=validate.OneOf(GENDERS, error="must be one of: " + ", ".join(GENDERS) + "."),
    )
    household_size = fields.Integer(
        allow_none=True,
        strict=True,
        validate=validate.Range(min=1, max=30, error="must be a whole number from 1 to 30."),
    )
    children_ages = fields.List(
        fields.Integer(
            strict=True,
            validate=validate.Range(
                min=0, max=CHILD_MAX_AGE, error=f"must be whole numbers from 0 to {CHILD_MAX_AGE}."
            ),
        ),
        validate=validate.Length(max=15),
    )
    annual_income = fields.Float(
        allow_none=True,
        validate=validate.Range(min=0, max=10_000_000, error="must be dollars a year, 0 or more."),
    )
    languages = fields.List(_Language(), validate=validate.Length(max=10))
    veteran = fields.Boolean(allow_none=True)
    insurance = fields.String(
        allow_none=True,
        validate=validate.OneOf(INSURANCE, error="must be one of: " + ", ".join(INSURANCE) + "."),
    )
    populations = fields.List(
        fields.String(
            validate=validate.OneOf(
                POPULATIONS, error="must be one of: " + ", ".join(POPULATIONS) + "."
            )
        )
    )

    @validates_schema
    def needs_or_text(self, data: dict[str, Any], **kwargs: Any) -> None:
        """Refuse a profile that says nothing about what the client needs."""
        if not any(n.strip() for n in data.get("needs", ())) and not data.get("text", "").strip():
            raise ValidationError(
                'give at least one need (such as "food" or "103-03") or describe the '
                "client's situation in text.",
                "needs",
            )

    @validates_schema
    def household_holds_the_children(self, data: dict[str, Any], **kwargs: Any) -> None:
        """Refuse a household too small for the client and the children given."""
        size, children = data.get("household_size"), data.get("children_ages", ())
        if size is not None and children and size <= len(children):
            raise ValidationError(
                f"must count the client and the {len(children)} "
                f"child{'ren' if len(children) > 1 else ''} given: at least {len(children) + 1}.",
                "household_size",
            )

    @post_load
    def make_profile(self, data: dict[str, Any], **kwargs: Any) -> ClientProfile:
        """Build the frozen profile."""
        return ClientProfile(
            needs=tuple(n.strip() for n in data.get("needs", ()) if n.strip()),
            text=data.get("text", "").strip(),
            location=(data.get("location") or "").strip() or None,
            radius_miles=data.get("radius_miles"),
            age=data.get("age"),
            gender=data.get("gender"),
            household_size=data.get("household_size"),
            children_ages=tuple(sorted(data.get("children_ages", ()))),
            annual_income=data.get("annual_income"),
            languages=tuple(dict.fromkeys(data.get("languages", ()))),
            veteran=data.get("veteran"),
            insurance=data.get("insurance"),
            populations=tuple(dict.fromkeys(data.get("populations", ()))),
        )


def load_profile(data: Any) -> ClientProfile:
    """Validate JSON-like data into a ClientProfile, or raise InvalidProfile naming each field."""
    if isinstance(data, ClientProfile):
        return data
    if not isinstance(data, dict):
        raise InvalidProfile({"_profile": ["a client profile must be a JSON object."]})
    try:
        profile: ClientProfile = ClientProfileSchema().load(data)
    except ValidationError as exc:
        messages = exc.messages if isinstance(exc.messages, dict) else {"_profile": exc.messages}
        raise InvalidProfile(_flatten(messages)) from exc
    return profile


def _flatten(messages: dict[str, Any]) -> dict[str, list[str]]:
    """Turn marshmallow's nested messages into {field: [texts]} ("languages.1" for items)."""
    flat: dict[str, list[str]] = {}
    for name, value in messages.items():
        if isinstance(value, dict):
            for inner, texts in _flatten(value).items():
                flat[f"{name}.{inner}"] = texts
        elif isinstance(value, list):
            flat[name] = [str(v) for v in value]
        else:
            flat[name] = [str(value)]
    return flat
