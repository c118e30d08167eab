"""Read the needs a service meets from its own words, when its source files it under none.

Real directories written in agencies' prose seldom use our taxonomy (most HSDS packages
carry a 211 taxonomy of their own, or none). A service filed under nothing can then only be
found by its words, and a client's words rarely are the agency's. So at import a service
with no category gets those its name, keywords and description say it offers: a taxonomy
phrase in its name or keywords, a phrase of several words in its description, or the term
closest in meaning to what it says it does (``referral_match.semantic``). Each is kept with
the words it was read from (``Resource.categories_read``), and a match says so.
"""

from __future__ import annotations

import dataclasses

from referral_match.model import Resource
from referral_match.semantic import SIMILAR_MEANING, Meaning
from referral_match.taxonomy import Taxonomy

__all__ = ["with_categories_from_text"]
#: Words that name a kind of place more than what is done there: "clinic" says medical care
#: alone, not in "Tenant Defense Clinic" whose description speaks of court papers.
VENUE_WORDS = frozenset({"clinic", "clinics", "clinica", "clínica"})
#: Most categories read from one service's text.
MOST_CATEGORIES = 3
#: A service's text must be at least this close to a term (see semantic.MIN_SIMILARITY).
MIN_SIMILARITY = 0.5


def with_categories_from_text(
    resource: Resource, taxonomy: Taxonomy, meaning: Meaning | None
) -> Resource:
    """Return the resource with categories read from its text, if its source gave none."""
    if resource.categories:
        return resource
    found: dict[str, str] = {}
    named = " ; ".join((resource.name, *resource.keywords))
    for hit in taxonomy.find_in_text(named):
        found.setdefault(hit.code, hit.phrase)
    for hit in taxonomy.find_in_text(resource.description):
        if len(hit.phrase.split()) > 1:
            found.setdefault(hit.code, hit.phrase)
    # "Tenant Defense Clinic", "Tax Clinic": a clinic is medical only when nothing else is said.
    tops = {_top(code) for code, phrase in found.items() if phrase.casefold() not in VENUE_WORDS}
    found = {
        code: phrase
        for code, phrase in found.items()
        if phrase.casefold() not in VENUE_WORDS or tops <= {_top(code)}
    }
    if meaning is not None and resource.description:
        close = meaning.closest_term(
            f"{resource.name}. {resource.description}", taxonomy, at_least=MIN_SIMILARITY
        )
        if close is not None:
            found.setdefault(close.code, SIMILAR_MEANING)
    specific = taxonomy.most_specific(found)[:MOST_CATEGORIES]
    if not specific:
        return resource
    return dataclasses.replace(
        resource,
        categories=tuple(specific),
        categories_read=tuple((code, found[code]) for code in specific),
    )


def _top(code: str) -> str:
    return code.split("-", 1)[0]
