"""Turn a search request into an index query, rank the hits, and explain each one.

Ranking of a search (matching a client profile is more involved and lives elsewhere):
text relevance from BM25 (normalised to the best hit), multiplied by a distance factor
when a place is given. The weights are the constants below.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import re
from dataclasses import dataclass
from typing import Any

from referral_match.geo.places import Place, city_key, distance_miles
from referral_match.index.whoosh_index import IndexQuery, Snapshot, analyze
from referral_match.languages import language_name
from referral_match.model import Cost, Resource
from referral_match.ranking.results import Check, SearchResult, SearchResults
from referral_match.taxonomy import Taxonomy

__all__ = [
    "SearchRequest",
    "distance_factor",
    "distance_to",
    "place_area_keys",
    "run_search",
    "text_tokens",
]

#: Weight of a category that the query's words name (through the taxonomy's synonyms).
CATEGORY_BOOST = 1.0
#: Share of relevance that comes from the words themselves when they also name categories
#: (the rest comes from the categories).
TEXT_SHARE = 0.5
#: Share of a category's boost that its parent gets (and the grandparent that share again).
ANCESTOR_SHARE = 0.5
#: Share of the score that distance can take away (the rest is text relevance).
DISTANCE_WEIGHT = 0.45
#: Distance factor of a resource that serves the client's area but has no place in range.
AREA_ONLY_FACTOR = 0.35
#: How many hits beyond the page are re-ranked when distance changes the order.
RERANK_DEPTH = 100
#: Most resources whose words are scored (BM25) for one search; when more hold the words,
#: the nearest to the place are scored. Distance weighs in the ranking, so the best results
#: are among them.
MAX_SCORED = 1500
#: Without a place there is no "nearest": more are scored, and beyond them the first found.
MAX_SCORED_WITHOUT_PLACE = 5000


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
    #: Search the words as typed, even when a spelling correction is on offer.
    as_typed: bool = False


def place_area_keys(place: Place) -> tuple[str, ...]:
    """Return the service-area keys that cover a place (its ZIP, city, county, state)."""
    keys = []
    if place.zip:
        keys.append(f"zip:{place.zip}")
    if place.city and place.state:
        keys.append(f"city:{place.city_key}")
        keys.extend(f"city:{city_key(other, place.state)}" for other in place.other_cities)
    if place.county and place.state:
        keys.append(f"county:{place.county_key}")
    if place.state:
        keys.append(f"state:{place.state}")
    keys.append("national")
    return tuple(keys)


def expand_query(taxonomy: Taxonomy, text: str) -> dict[str, tuple[str, float]]:
    """Return the categories a text names, with the words that named them and a weight.

    A term named by the text gets CATEGORY_BOOST; its ancestors get a share of it, so that
    "detox" also finds services filed under the broader "Addiction & Recovery".
    """
    expanded: dict[str, tuple[str, float]] = {}
    for hit in taxonomy.find_in_text(text):
        weight = CATEGORY_BOOST
        ancestors = [t.code for t in taxonomy.ancestors(hit.code) if t.level > 1]
        # A top-level need ("Health") is boosted only when the words name it directly.
        for code in [hit.code, *ancestors]:
            if expanded.get(code, ("", 0.0))[1] < weight:
                expanded[code] = (hit.phrase, weight)
            weight *= ANCESTOR_SHARE
    return expanded


def run_search(snapshot: Snapshot, taxonomy: Taxonomy, request: SearchRequest) -> SearchResults:
    """Search one snapshot of the index and return the requested page, explained.

    A word the directory does not hold, with a spelling correction on offer ("foood
    bank"), adds nothing to the search but leaves the other words to find what they find
    ("bank": furniture, diapers): the correction is searched instead, and ``searched_for``
    says so (a front offers to search the words as typed).
    """
    page = _run_search(snapshot, taxonomy, request)
    if page.suggestion and request.text and not request.as_typed:
        corrected = _run_search(
            snapshot, taxonomy, dataclasses.replace(request, text=page.suggestion)
        )
        if corrected.total:
            return dataclasses.replace(corrected, searched_for=page.suggestion, suggestion=None)
    return page


def _run_search(snapshot: Snapshot, taxonomy: Taxonomy, request: SearchRequest) -> SearchResults:
    expanded = expand_query(taxonomy, request.text)
    place = request.place
    wanted = request.offset + request.limit
    query = IndexQuery(
        text=request.text,
        candidate_codes=tuple(expanded),
        require_codes=request.categories,
        languages=request.languages,
        age=request.age,
        free_only=request.free_only,
        open_at=request.now if request.open_now else None,
        near=None if place is None else (place.latitude, place.longitude),
        radius_miles=request.radius_miles,
        area_keys=() if place is None else place_area_keys(place),
        depth=max(wanted, RERANK_DEPTH),
        max_scored=MAX_SCORED if place is not None else MAX_SCORED_WITHOUT_PLACE,
        facets=True,
        suggest=True,
    )
    found = snapshot.search(query)
    best_text = max((h.text_score for h in found.hits), default=0.0) or 1.0
    ranked = []
    for hit in found.hits:
        category = max(
            (
                w
                for code, (_p, w) in expanded.items()
                if hit.docnum in snapshot.category_docs(code)
            ),
            default=0.0,
        )
        relevance = _relevance(hit.text_score / best_text, category, expanded, bool(request.text))
        point = snapshot.point(hit.docnum)
        distance = distance_to(place, point)
        factor = distance_factor(distance, request.radius_miles)
        ranked.append(
            (relevance * (1 - DISTANCE_WEIGHT + DISTANCE_WEIGHT * factor), hit, distance)
        )
    ranked.sort(key=lambda item: -item[0])
    ranked = _names_first(snapshot, ranked, request.text)
    grouped, sites = _one_per_service(snapshot, ranked)
    query_words = {token: word for word in request.text.split() for token in analyze(word)}
    results = [
        _explain(
            snapshot.resource_at(hit.docnum),
            score,
            distance,
            request,
            taxonomy,
            expanded,
            query_words,
            sites.get(hit.docnum, ()),
        )
        for score, hit, distance in grouped[request.offset : wanted]
    ]
    facets = {
        code: (term.name if (term := taxonomy.get(code)) else code, count)
        for code, count in sorted(found.facets.items())
    }
    # A service's sites are one result: the sites folded together among those ranked come
    # off the count, so that the last page is never empty. Exact when every match was
    # ranked; beyond the ranked depth (more than RERANK_DEPTH matches), an upper bound that
    # becomes exact as the pages reach it.
    merged = len(ranked) - len(grouped)
    return SearchResults(
        results=results,
        total=max(found.total - merged, len(grouped)),
        took_ms=0.0,
        facets=facets,
        suggestion=found.suggestion,
    )


#: How many of the best results are checked for a name that is the query itself.
NAME_CHECK_DEPTH = 50
#: Folded names at least this close to the query count as naming it ("Family Support
#: Services" for "family support services", or with one letter wrong).
NAME_SIMILARITY = 0.9

_Ranked = tuple[float, Any, float | None]


def _folded(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _names_first(snapshot: Snapshot, ranked: list[_Ranked], text: str) -> list[_Ranked]:
    """Move the resources whose service or organization name is the query to the top.

    A case manager who types a service's name wants that service, whatever its distance.
    """
    query = _folded(text)
    if len(query) < 4:
        return ranked
    named: list[_Ranked] = []
    rest: list[_Ranked] = []
    for position, item in enumerate(ranked):
        resource = snapshot.resource_at(item[1].docnum) if position < NAME_CHECK_DEPTH else None
        names = () if resource is None else (resource.name, resource.organization)
        if any(_names(query, _folded(n)) for n in names):
            named.append(item)
        else:
            rest.append(item)
    return named + rest


def _names(query: str, name: str) -> bool:
    """Return True if a folded query is a folded name, give or take a letter or two.

    A query of several words contained whole in a name ("second loaf" in "Second Loaf
    Community Pantry") names it too.
    """
    if difflib.SequenceMatcher(None, query, name).ratio() >= NAME_SIMILARITY:
        return True
    return " " in query and f" {query} " in f" {name} "


def _one_per_service(
    snapshot: Snapshot, ranked: list[_Ranked]
) -> tuple[list[_Ranked], dict[int, tuple[float | None, ...]]]:
    """Keep each service's best-ranked site; return the sites' distances per kept result.

    A service at three sites is one option with three places to go, not three results.
    Returns the kept items and the distances of all sites of each kept one (its own first).
    """
    kept: list[_Ranked] = []
    first: dict[str, int] = {}
    sites: dict[int, list[float | None]] = {}
    for item in ranked:
        service = snapshot.resource_at(item[1].docnum).service_id
        if not service:
            kept.append(item)
            continue
        if service in first:
            sites[first[service]].append(item[2])
            continue
        first[service] = item[1].docnum
        sites[item[1].docnum] = [item[2]]
        kept.append(item)
    several = {doc: tuple(found) for doc, found in sites.items() if len(found) > 1}
    return kept, several


def _category_tree(resource: Resource, taxonomy: Taxonomy) -> set[str]:
    """Return the resource's category codes and all their ancestors."""
    return {
        code
        for own in resource.categories
        for code in (own, *(t.code for t in taxonomy.ancestors(own)))
    }


def _relevance(
    text: float, category: float, expanded: dict[str, tuple[str, float]], has_words: bool
) -> float:
    """Combine how well the words match (0-1) with the weight of the categories they name."""
    if not has_words:
        return 1.0
    if not expanded:
        return text
    return TEXT_SHARE * text + (1 - TEXT_SHARE) * category / CATEGORY_BOOST


def distance_to(place: Place | None, point: tuple[float, float] | None) -> float | None:
    if place is None or point is None:
        return None
    return distance_miles(place.latitude, place.longitude, point[0], point[1])


def distance_factor(distance: float | None, radius: float | None) -> float:
    """Return 1 at the client's door, 0.5 at half the radius, less beyond."""
    if radius is None:
        return 1.0
    if distance is None or distance > radius:
        return AREA_ONLY_FACTOR
    half_life = max(radius / 2, 0.5)
    return float(0.5 ** (distance / half_life))


#: Where a word of the query is worth telling, most telling first (category names are told
#: by the "Offers ..." reason instead).
_FIELD_WORDS = {
    "name": "its name",
    "keywords": "its keywords",
    "organization": "the organization's name",
    "text": "its description",
}


@functools.lru_cache(maxsize=16_384)
def text_tokens(text: str) -> frozenset[str]:
    """Return a text's index tokens as a set (cached: resources' texts do not change)."""
    # A resource's texts do not change, and stemming them was a third of a search page's
    # time: each result's texts are analysed again on every search that shows it.
    return frozenset(analyze(text))


def _word_reasons(resource: Resource, query_words: dict[str, str]) -> list[str]:
    """Say which of the query's words the resource holds, each where it tells the most."""
    texts = {
        "name": resource.name,
        "keywords": " ".join(resource.keywords),
        "organization": resource.organization,
        "text": f"{resource.description} {resource.eligibility.text}",
    }
    found: dict[str, list[str]] = {}
    told: set[str] = set()
    for field_name, text in texts.items():
        tokens = text_tokens(text)
        for token, word in query_words.items():
            if token in tokens and word not in told:
                found.setdefault(field_name, []).append(word)
                told.add(word)
    reasons = []
    for field_name, words in found.items():
        quoted = ", ".join(f'"{word}"' for word in words)
        reasons.append(f"Mentions {quoted} in {_FIELD_WORDS[field_name]}.")
    return reasons


def _explain(
    r: Resource,
    score: float,
    distance: float | None,
    request: SearchRequest,
    taxonomy: Taxonomy,
    expanded: dict[str, tuple[str, float]],
    query_words: dict[str, str],
    sites: tuple[float | None, ...] = (),
) -> SearchResult:
    """Say in plain words why this resource is in the results."""
    tree = _category_tree(r, taxonomy)
    reasons: list[str] = []
    needs_met = []
    # For each phrase of the query, the most specific category of this resource it names.
    best: dict[str, str] = {}
    for code, (phrase, _weight) in expanded.items():
        if code in tree and len(code) > len(best.get(phrase, "")):
            best[phrase] = code
    for phrase, code in best.items():
        if (term := taxonomy.get(code)) is not None:
            needs_met.append(term.name)
            reasons.append(f'Offers {term.name.lower()}, which covers "{phrase}".')
    reasons.extend(_word_reasons(r, query_words))
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
    if sites:
        known = [d for d in sites if d is not None]
        nearest = f", the nearest {min(known):.1f} miles away" if known else ""
        reasons.append(f"Offered at {len(sites)} sites{nearest}.")
    for lang in request.languages:
        if lang in r.languages:
            reasons.append(f"Speaks {language_name(lang)}.")
    if r.cost is Cost.FREE:
        reasons.append("Free.")
    elif r.cost is Cost.SLIDING_SCALE:
        reasons.append("Sliding-scale fees.")
    open_now = r.is_open(request.now)
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
