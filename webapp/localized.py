"""Say dates, numbers, languages and a resource's coded values in the page's language.

Values the directory codes (a cost of ``sliding scale``, a status, the genders and groups
a service is for) are words of ours, so they are translated here; what the directory
wrote in words (names, descriptions, eligibility text) is shown as written.

Dates follow the language's CLDR formats, except English, which keeps this site's own:
``2026-03-04`` in lists, ``3 December 2026`` on paper.
"""

from __future__ import annotations

import datetime as dt

import langcodes
from babel import Locale
from babel.dates import format_date
from flask import Flask
from flask_babel import format_decimal, format_number, get_locale, gettext
from flask_babel import lazy_gettext as _l

from referral_match.languages import language_name as english_language_name
from webapp.i18n import SOURCE_LANGUAGE

#: English dates as this site writes them: (short, in words).
_ENGLISH_DATES = ("yyyy-MM-dd", "d MMMM y")

COSTS = {
    "free": _l("Free"),
    "sliding scale": _l("Sliding scale"),
    "fee": _l("Fee"),
    "unknown": _l("Unknown"),
}
STATUSES = {
    "active": _l("active"),
    "inactive": _l("inactive"),
    "defunct": _l("defunct"),
    "temporarily closed": _l("temporarily closed"),
}
GENDERS = {"female": _l("female"), "male": _l("male"), "nonbinary": _l("nonbinary")}
POPULATIONS = {
    "veterans": _l("veterans"),
    "seniors": _l("seniors"),
    "families": _l("families"),
    "pregnant": _l("pregnant"),
    "disabled": _l("disabled"),
    "homeless": _l("homeless"),
    "immigrants": _l("immigrants"),
    "youth": _l("youth"),
    "lgbtq": _l("LGBTQ+"),
}
#: Languages whose names CLDR does not have in every language.
_LANGUAGE_NAMES = {"ase": _l("American Sign Language")}


def _locale() -> Locale:
    return get_locale() or Locale.parse(SOURCE_LANGUAGE)


def short_date(day: dt.date) -> str:
    """Return a date as lists show it: "2026-03-04", "4 mar 2026"."""
    locale = _locale()
    pattern = _ENGLISH_DATES[0] if locale.language == SOURCE_LANGUAGE else "medium"
    return format_date(day, pattern, locale=locale)


def date_in_words(day: dt.date) -> str:
    """Return a date as a client reads it on paper: "3 December 2026", "3 de diciembre de 2026"."""
    locale = _locale()
    pattern = _ENGLISH_DATES[1] if locale.language == SOURCE_LANGUAGE else "long"
    return format_date(day, pattern, locale=locale)


def count(n: int) -> str:
    """Return a whole number as the language writes it: "1,352", "1352"."""
    return str(format_number(n))


def miles(distance: float) -> str:
    """Return a distance in miles to one decimal: "2.5", "2,5"."""
    return str(format_decimal(distance, "0.0"))


def language_name(code: str) -> str:
    """Return a language's name in the page's language ("es" -> "Spanish", "español")."""
    locale = _locale()
    if locale.language == SOURCE_LANGUAGE:
        return english_language_name(code)
    if code in _LANGUAGE_NAMES:
        return str(_LANGUAGE_NAMES[code])
    try:
        return str(langcodes.Language.get(code).display_name(str(locale)))
    except (LookupError, ValueError):
        return code


def capitalized(text: str) -> str:
    """Return the text with its first letter a capital, the rest as it is."""
    return text[:1].upper() + text[1:]


def language_list(codes: list[str] | tuple[str, ...]) -> str:
    """Return languages as a list in words: "English, Spanish", "Inglés, español"."""
    return capitalized(", ".join(language_name(c) for c in codes))


def cost_words(cost: str) -> str:
    """Return a cost class in words: "Free", "Sliding scale"."""
    return str(COSTS[cost]) if cost in COSTS else capitalized(cost)


def status_words(status: str) -> str:
    """Return a resource's status in words: "temporarily closed"."""
    return str(STATUSES.get(status, status))


def gender_words(genders: list[str] | tuple[str, ...]) -> list[str]:
    """Return genders in words: ["female"], ["mujeres"]."""
    return [str(GENDERS.get(g, g)) for g in genders]


def population_words(groups: list[str] | tuple[str, ...]) -> list[str]:
    """Return population groups in words: ["veterans", "seniors"]."""
    return [str(POPULATIONS.get(g, g)) for g in groups]


def either(items: list[str] | tuple[str, ...]) -> str:
    """Return "a or b or c" in the page's language."""
    word = gettext("or")
    return f" {word} ".join(items)


def init_app(app: Flask) -> None:
    """Register the formatters as template filters."""
    for function in (
        short_date,
        date_in_words,
        count,
        miles,
        language_name,
        language_list,
        cost_words,
        status_words,
        gender_words,
        population_words,
        capitalized,
    ):
        app.add_template_filter(function)
