"""Turn a search request into an index query, rank the hits, and explain each one.

Ranking of a search (matching a client profile is more involved and lives elsewhere):
text relevance from BM25 (normalised to the best hit), multiplied by a distance factor
when a place is given. The weights are the constants below.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from referral_match.geo import Place, distance_miles
from referral_match.index import IndexHit, IndexQuery, Snapshot, analyze
from referral_match.model import Cost, Resource
from referral_match.results import Check, SearchResult, SearchResults
from referral_match.taxonomy import Taxonomy

__all__ = ["SearchRequest", "place_area_keys", "run_search"]

#: Weight of a category that the query's words name (through the taxonomy's synonyms).
CATEGORY_BOOST = 2.5
#: Share of the score that distance can take away (the rest is text relevance).
DISTANCE_WEIGHT = 0.45
#: Distance factor of a resource that serves the client's area but has no place in range.
AREA_ONLY_FACTOR = 0.35
#: How many hits beyond the page are re-ranked when distance changes the order.
RERANK_DEPTH = 100


@dataclass(frozen=True, slots=True)
class SearchRequest:
    """A validated search: codes are taxonomy codes, languages ISO 639 codes."""

    text: str
    place: Place | None
    radius_miles: float | None
    categories: tuple[str, ...]
    languages: tuple[str, ...]
    age: int | None
    free_only: bool
    open_now: bool
    limit: int
    offset: int
    now: dt.datetime


def place_area_keys(place: Place) -> tuple[str, ...]:
    """Return the service-area keys that cover a place (its ZIP, city, county, state)."""
    keys = []
    if place.zip:
        keys.append(f"zip:{place.zip}")
    if place.city and place.state:
        keys.append(f"city:{place.city_key}")
    if place.county and place.state:
        keys.append(f"county:{place.county_key}")
    if place.state:
        keys.append(f"state:{place.state}")
    keys.append("national")
    return tuple(keys)


def run_search(snapshot: Snapshot, taxonomy: Taxonomy, request: SearchRequest) -> SearchResults:
    """Search one snapshot of the index and return the requested page, explained."""
    expanded: dict[str, str] = {}  # code -> the words of the query that named it
    for term_hit in taxonomy.find_in_text(request.text):
        expanded.setdefault(term_hit.code, term_hit.phrase)
    place = request.place
    wanted = request.offset + request.limit
    rerank = place is not None and bool(request.text)
    query = IndexQuery(
        text=request.text,
        boost_codes={code: CATEGORY_BOOST for code in expanded},
        require_codes=request.categories,
        languages=request.languages,
        age=request.age,
        free_only=request.free_only,
        open_at=request.now if request.open_now else None,
        near=None if place is None else (place.latitude, place.longitude),
        radius_miles=request.radius_miles,
        area_keys=() if place is None else place_area_keys(place),
        limit=max(wanted, RERANK_DEPTH) if rerank else wanted,
        facets=True,
        suggest=True,
    )
    found = snapshot.search(query)
    best = max((h.score for h in found.hits), default=0.0) or 1.0
    query_words = {token: word for word in request.text.split() for token in analyze(word)}
    results = []
    for hit in found.hits:
        distance = _distance(place, hit.resource)
        relevance = hit.score / best if request.text or expanded else 1.0
        factor = _distance_factor(distance, request.radius_miles)
        score = relevance * (1 - DISTANCE_WEIGHT + DISTANCE_WEIGHT * factor)
        results.append(_explain(hit, score, distance, request, taxonomy, expanded, query_words))
    if rerank:
        results.sort(key=lambda r: -r.score)
    facets = {
        code: (term.name if (term := taxonomy.get(code)) else code, count)
        for code, count in sorted(found.facets.items())
    }
    suggestion = found.suggestion if found.total < 3 else None
    return SearchResults(
        results=results[request.offset : wanted],
        total=found.total,
        took_ms=0.0,
        facets=facets,
        suggestion=suggestion,
    )


def _distance(place: Place | None, resource: Resource) -> float | None:
    if place is None or resource.latitude is None or resource.longitude is None:
        return None
    return distance_miles(place.latitude, place.longitude, resource.latitude, resource.longitude)


def _distance_factor(distance: float | None, radius: float | None) -> float:
    """Return 1 at the client's door, 0.5 at half the radius, less beyond."""
    if radius is None:
        return 1.0
    if distance is None or distance > radius:
        return AREA_ONLY_FACTOR
    half_life = max(radius / 2, 0.5)
    return float(0.5 ** (distance / half_life))


_FIELD_WORDS = {
    "name": "its name",
    "keywords": "its keywords",
    "category_names": "its category",
    "organization": "the organization's name",
    "text": "its description",
}


def _explain(
    hit: IndexHit,
    score: float,
    distance: float | None,
    request: SearchRequest,
    taxonomy: Taxonomy,
    expanded: dict[str, str],
    query_words: dict[str, str],
) -> SearchResult:
    """Say in plain words why this resource is in the results."""
    r = hit.resource
    reasons: list[str] = []
    tree = {code for c in r.categories for code in [c, *(t.code for t in taxonomy.ancestors(c))]}
    needs_met = []
    for code, phrase in expanded.items():
        if code in tree and (term := taxonomy.get(code)) is not None:
            needs_met.append(term.name)
            reasons.append(f'Offers {term.name.lower()}, which covers "{phrase}".')
    by_field: dict[str, list[str]] = {}
    for field_name, token in hit.matched:
        word = query_words.get(token, token)
        by_field.setdefault(field_name, [])
        if word not in by_field[field_name]:
            by_field[field_name].append(word)
    for field_name in ("name", "keywords", "category_names", "organization", "text"):
        words = by_field.get(field_name)
        if words and not (field_name == "text" and len(by_field) > 1):
            quoted = ", ".join(f'"{w}"' for w in words)
            reasons.append(f"Matches {quoted} in {_FIELD_WORDS[field_name]}.")
    for code in request.categories:
        if code in tree and (term := taxonomy.get(code)) is not None:
            needs_met.append(term.name)
    if request.place is not None:
        if distance is not None and request.radius_miles and distance <= request.radius_miles:
            reasons.append(f"{distance:.1f} miles from {request.place.label}.")
        else:
            area = _area_covering(r, request.place)
            where = f" ({distance:.0f} miles away)" if distance is not None else ""
            reasons.append(f"Serves {area}{where}.")
    for lang in request.languages:
        if lang in r.languages:
            reasons.append(f"Speaks {_language_name(lang)}.")
    if r.cost is Cost.FREE:
        reasons.append("Free.")
    elif r.cost is Cost.SLIDING_SCALE:
        reasons.append("Sliding-scale fees.")
    open_now = None if r.hours is None else r.hours.is_open(request.now)
    if open_now is True:
        reasons.append("Open now.")
    checks: list[Check] = []
    if request.age is not None:
        checks.append(_age_check(r, request.age))
    if r.last_verified is not None:
        reasons.append(f"Last verified {r.last_verified.isoformat()}.")
    return SearchResult(
        resource=r,
        score=score,
        distance_miles=distance,
        reasons=tuple(reasons),
        needs_met=tuple(dict.fromkeys(needs_met)),
        eligibility=tuple(checks),
        open_now=open_now,
    )


def _area_covering(resource: Resource, place: Place) -> str:
    area = resource.service_area
    if place.zip and place.zip in area.zips:
        return f"ZIP {place.zip}"
    if place.city_key in area.cities:
        return f"{place.city}, {place.state}"
    if place.county_key in area.counties:
        return f"{place.county} County, {place.state}"
    if place.state in area.states:
        return f"all of {place.state}"
    if area.national:
        return "the whole country"
    return "your area"


def _age_check(resource: Resource, age: int) -> Check:
    el = resource.eligibility
    if el.min_age is None and el.max_age is None:
        return Check("age", "passed", "No age limit.")
    low = "any age" if el.min_age is None else f"{el.min_age}"
    high = "" if el.max_age is None else f"{el.max_age}"
    span = f"ages {low}-{high}" if high else f"ages {low} and over"
    if el.min_age is None:
        span = f"ages up to {high}"
    return Check("age", "passed", f"Serves {span}; client is {age}.")


def _language_name(code: str) -> str:
    import langcodes

    return str(langcodes.Language.get(code).display_name())
