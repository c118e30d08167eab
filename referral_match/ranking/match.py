"""Match a client profile to resources: candidates per need, eligibility, ranking, reasons.

How a match is ranked (the weights are :class:`MatchWeights`, in one place):

1. Each need brings candidates from the index: resources filed under the need's categories,
   under the category just above them, or under needs that often come with it
   (``data/related_needs.csv``), and resources whose text holds the need's words; all
   within the radius or serving the client's ZIP, city, county or state, and active.
2. A resource meets a need **exactly** (filed under the need's category or a narrower one),
   **broadly** (filed under a broader category), as a **related** need, or by its **words**
   only. The best way it meets any need gives the need score; each further need met at the
   same place adds a bonus, so one stop for several needs ranks high.
3. Eligibility rules are checked (age, gender, population, income against the poverty
   guideline): a failed rule excludes the resource, an unknown one lowers it.
4. Distance, a shared language, cost and how recently the record was verified adjust the
   score. Every result says why, in words a case manager can read aloud.
"""

from __future__ import annotations

import datetime as dt
import functools
import time
from dataclasses import dataclass, field
from typing import Any

from referral_match.geo.places import Place
from referral_match.index.whoosh_index import IndexQuery, Snapshot, analyze
from referral_match.languages import language_name
from referral_match.model import Cost, Resource
from referral_match.ranking.crisis import CrisisSign, crisis_lines, find_crisis
from referral_match.ranking.eligibility import check_eligibility
from referral_match.ranking.needs import Need, understand_needs
from referral_match.ranking.profile import ClientProfile
from referral_match.ranking.results import Check, SearchResult
from referral_match.ranking.search import (
    distance_factor,
    distance_to,
    place_area_keys,
    text_tokens,
)
from referral_match.semantic import MIN_TEXT_SIMILARITY, SIMILAR_MEANING, meaning
from referral_match.taxonomy import Taxonomy

__all__ = ["MatchResults", "MatchWeights", "run_match"]


@dataclass(frozen=True, slots=True)
class MatchWeights:
    """The weights of a match's score. Scores add up; only their order matters."""

    #: Filed under the need's category, or a narrower one.
    need_exact: float = 1.0
    #: Filed under a broader category, but its own text speaks of the need.
    need_described: float = 0.9
    #: Filed under a broader category than the need's ("Housing" for rent help).
    need_broader: float = 0.6
    #: Filed under a need that often comes with this one (a tenant lawyer for an eviction).
    need_related: float = 0.5
    #: Only the resource's words mention the need.
    need_words: float = 0.4
    #: Added per need met beyond the first, at the same place.
    each_more_need: float = 0.4
    #: Share of a need's weight when only the situation text named it and needs were listed.
    situation_need: float = 0.7
    #: How well the words match (BM25 normalised to the best candidate of that need).
    text_relevance: float = 0.2
    #: Distance: the factor is 1 at the client's door and 0.5 at half the radius.
    distance: float = 0.5
    #: Speaks a language of the client (half of it is taken away when it lists others only).
    language: float = 0.3
    #: Taken away for each eligibility rule the client's answers cannot settle.
    eligibility_unknown: float = 0.12
    #: Free, or sliding-scale, services.
    cost_free: float = 0.06
    cost_sliding: float = 0.03
    #: Verified in the last year (added) or more than two years ago (taken away).
    freshness: float = 0.06


#: Candidates taken from the index per need; most resources whose words are scored per need.
CANDIDATES_PER_NEED = 150
MAX_SCORED_PER_NEED = 1500
#: Resources read and scored in full, in multiples of the page size: overall and per need
#: (a margin for those that turn out ineligible).
READ_PER_MATCH = 4
READ_PER_NEED = 2
#: Radius of a match that gives a place but no radius.
DEFAULT_MATCH_RADIUS = 10.0

_KIND_WORDS = {
    "exact": "offers {term}",
    "described": 'speaks of "{words}"',
    "meaning": "its description reads as {term}",
    "broader": "offers {term}, which includes it",
    "related": "offers {term}, often needed with it",
    "words": "mentions {words}",
    "few words": "mentions {words}",
}


@dataclass(frozen=True, slots=True)
class MatchResults:
    """Matches ranked best first, the best per need, and how the needs were understood."""

    results: list[SearchResult]
    by_need: dict[str, list[str]]
    needs: list[Need]
    total: int
    took_ms: float
    location: str | None = None
    excluded: int = 0
    #: The results of ``by_need``, per need (not part of the JSON: by_need holds their ids).
    groups: dict[str, list[SearchResult]] = field(default_factory=dict)
    #: Crises the client's needs or situation speak of (suicide, violence at home...).
    crisis_signs: tuple[CrisisSign, ...] = ()
    #: Resources that share words with a need (or meet one often needed with it) but meet
    #: none: shown apart, never in ``results``.
    also_nearby: list[SearchResult] = field(default_factory=list)
    #: The needs that nothing in reach meets, and the lines (211...) that serve the area.
    unmet_needs: tuple[str, ...] = ()
    information_lines: list[SearchResult] = field(default_factory=list)

    @property
    def crisis(self) -> bool:
        """Return True when the needs or situation speak of a crisis: show the crisis lines."""
        return bool(self.crisis_signs)

    def to_dict(self) -> dict[str, Any]:
        """Return the matches in the shape of the CLI's and API's ``--json`` output."""
        return {
            "crisis": self.crisis,
            "crisis_signs": [s.to_dict() for s in self.crisis_signs],
            "crisis_lines": [line.to_dict() for line in crisis_lines(list(self.crisis_signs))]
            if self.crisis
            else [],
            "results": [r.to_dict() for r in self.results],
            "by_need": self.by_need,
            "needs": [n.to_dict() for n in self.needs],
            "total": self.total,
            "excluded_as_ineligible": self.excluded,
            "also_nearby": [r.to_dict() for r in self.also_nearby],
            "unmet_needs": list(self.unmet_needs),
            "information_lines": [r.to_dict() for r in self.information_lines],
            "took_ms": round(self.took_ms, 1),
            "location": self.location,
        }


@dataclass(slots=True)
class _Candidate:
    docnum: int
    text: dict[int, float] = field(default_factory=dict)  # need index -> normalised BM25


def run_match(
    snapshot: Snapshot,
    taxonomy: Taxonomy,
    profile: ClientProfile,
    place: Place | None,
    *,
    limit: int = 10,
    now: dt.datetime | None = None,
    weights: MatchWeights = MatchWeights(),
) -> MatchResults:
    """Rank the resources of one snapshot for a client, with reasons."""
    started = time.perf_counter()
    # A moment, not a wall clock: each resource's hours are read in its own time zone.
    now = now or dt.datetime.now(dt.UTC)
    crises = tuple(find_crisis(*profile.needs, profile.text))
    needs = understand_needs(profile.needs, profile.text, taxonomy, crises)
    if not needs:
        needs = [Need(profile.text, (), profile.text, "words")]
    radius = (profile.radius_miles or DEFAULT_MATCH_RADIUS) if place else None
    candidates: dict[int, _Candidate] = {}
    for index, need in enumerate(needs):
        found = snapshot.search(
            IndexQuery(
                text=need.words,
                candidate_codes=_candidate_codes(need, taxonomy),
                near=None if place is None else (place.latitude, place.longitude),
                radius_miles=radius,
                area_keys=() if place is None else place_area_keys(place),
                depth=CANDIDATES_PER_NEED,
                max_scored=MAX_SCORED_PER_NEED,
            )
        )
        best = max((h.text_score for h in found.hits), default=0.0) or 1.0
        for hit in found.hits:
            candidate = candidates.setdefault(hit.docnum, _Candidate(hit.docnum))
            candidate.text[index] = hit.text_score / best
    ranked = _pre_rank(snapshot, needs, candidates, place, radius, taxonomy, weights)
    chosen = _to_read(ranked, len(needs), limit)
    scored: list[tuple[float, SearchResult, dict[int, float]]] = []
    # Results that only share words with a need (or meet a need that often comes with it):
    # shown apart, never filling the list of those that meet a need.
    also: list[tuple[float, SearchResult, dict[int, float]]] = []
    excluded = 0
    for candidate in chosen:
        resource = snapshot.resource_at(candidate.docnum)
        checks = check_eligibility(resource, profile, place.state if place else None, place)
        if any(c.result == "failed" for c in checks):
            excluded += 1
            continue
        met = _needs_met(resource, needs, candidate, taxonomy)
        if not met:
            continue
        distance = distance_to(place, snapshot.point(candidate.docnum))
        score, reasons, per_need = _score(
            resource,
            needs,
            met,
            candidate,
            checks,
            distance,
            radius,
            place,
            profile,
            weights,
            now,
            taxonomy,
        )
        result = SearchResult(
            resource=resource,
            score=score,
            distance_miles=distance,
            reasons=tuple(reasons),
            needs_met=tuple(needs[i].label for i in met),
            eligibility=tuple(checks),
            open_now=resource.is_open(now),
        )
        meets = {i: v for i, v in per_need.items() if _counts(met[i][0], needs[i])}
        if meets:
            # Listed under the needs it meets, not those it only shares words with.
            scored.append((score, result, meets))
        else:
            also.append((score, result, per_need))
    # Equal scores in id order: the same answer whatever order an import wrote them in.
    scored.sort(key=lambda item: (-item[0], item[1].resource.id))
    also.sort(key=lambda item: (-item[0], item[1].resource.id))
    # One service offered at several sites is one option: keep its best-placed site.
    scored = _distinct(scored)
    # Per need, the order is how well each resource meets that need (with place, language,
    # eligibility and cost), not its score for all the client's needs together.
    groups = {
        need.label: [
            r
            for _, r, per_need in sorted(
                (item for item in scored if i in item[2]),
                key=lambda item: (-item[2][i], item[1].resource.id),
            )
        ][:limit]
        for i, need in enumerate(needs)
    }
    unmet = tuple(label for label, results in groups.items() if not results)
    return MatchResults(
        results=[r for _, r, _ in scored[:limit]],
        by_need={label: [r.resource.id for r in results] for label, results in groups.items()},
        groups=groups,
        needs=needs,
        total=len(ranked),
        took_ms=(time.perf_counter() - started) * 1000,
        location=place.label if place else None,
        excluded=excluded,
        crisis_signs=crises,
        also_nearby=[r for _, r, _ in _distinct(also)[:limit]],
        unmet_needs=unmet,
        information_lines=_information_lines(snapshot, place, radius) if unmet else [],
    )


def _distinct(
    items: list[tuple[float, SearchResult, dict[int, float]]],
) -> list[tuple[float, SearchResult, dict[int, float]]]:
    """Return the items with one site per service: its best placed."""
    seen: set[str] = set()
    distinct = []
    for item in items:
        if item[1].resource.service_id not in seen:
            seen.add(item[1].resource.service_id)
            distinct.append(item)
    return distinct


#: The category of 211 and other information and referral lines.
INFORMATION_AND_REFERRAL = "108-05-03"


def _information_lines(
    snapshot: Snapshot, place: Place | None, radius: float | None, count: int = 3
) -> list[SearchResult]:
    """Return the information and referral lines (211...) that serve the client's area."""
    found = snapshot.search(
        IndexQuery(
            candidate_codes=(INFORMATION_AND_REFERRAL,),
            require_codes=(INFORMATION_AND_REFERRAL,),
            near=None if place is None else (place.latitude, place.longitude),
            radius_miles=radius,
            area_keys=() if place is None else place_area_keys(place),
            depth=count * 4,
        )
    )
    lines = []
    for hit in found.hits:
        resource = snapshot.resource_at(hit.docnum)
        distance = distance_to(place, snapshot.point(hit.docnum))
        lines.append(
            SearchResult(
                resource=resource,
                score=0.0,
                distance_miles=distance,
                reasons=("Information and referral line serving the client's area.",),
            )
        )
    lines.sort(key=lambda r: (r.distance_miles is not None, r.distance_miles or 0.0))
    return lines[:count]


#: The ways of meeting a need that count as meeting it: the resource is filed under it (or
#: a broader category), or its own description says it offers it.
MEETS = frozenset({"exact", "broader", "described", "meaning"})


def _counts(kind: str, need: Need) -> bool:
    """Return True if meeting a need this way counts as meeting it (the relevance floor).

    A need said only in words that no category stands for is met by words in the
    resource's text; for the others, sharing a word is not meeting the need.
    """
    # A need understood by its meaning alone may be understood wrongly: its words count too.
    return kind in MEETS or (kind == "words" and (not need.codes or need.via == SIMILAR_MEANING))


def _pre_rank(
    snapshot: Snapshot,
    needs: list[Need],
    candidates: dict[int, _Candidate],
    place: Place | None,
    radius: float | None,
    taxonomy: Taxonomy,
    w: MatchWeights,
) -> list[tuple[float, set[int], _Candidate]]:
    """Estimate each candidate's score from what is in memory, best first.

    Only the best are then read from the index and scored in full: reading a resource
    costs far more than these set lookups.
    """
    # Per need, the document sets of its own, related and parent categories, looked up once.
    sets = [
        (
            [snapshot.category_docs(c) for c in need.codes],
            [snapshot.category_docs(c) for c in need.related],
            [snapshot.category_docs(p) for p in _parents(need, taxonomy)],
        )
        for need in needs
    ]
    ranked = []
    for candidate in candidates.values():
        kinds: dict[int, float] = {}
        docnum = candidate.docnum
        for index, (own, related, parents) in enumerate(sets):
            if any(docnum in docs for docs in own):
                kinds[index] = w.need_exact
            elif any(docnum in docs for docs in related):
                kinds[index] = w.need_related
            elif any(docnum in docs for docs in parents):
                kinds[index] = w.need_broader
            elif candidate.text.get(index, 0.0) > 0:
                kinds[index] = w.need_words * candidate.text[index]
        if not kinds:
            continue
        estimate = _needs_part(list(kinds.values()), w)
        estimate += w.text_relevance * max(candidate.text.values(), default=0.0)
        distance = distance_to(place, snapshot.point(candidate.docnum))
        estimate += w.distance * distance_factor(distance, radius)
        ranked.append((estimate, set(kinds), candidate))
    ranked.sort(key=lambda item: -item[0])
    return ranked


def _needs_part(scores: list[float], w: MatchWeights) -> float:
    """Return the part of a score that comes from the needs met: the best need's score, and
    for each further need a bonus as large as it is well met (one stop for several needs
    ranks high, but a need met only broadly adds less than one met exactly)."""
    best, *others = sorted(scores, reverse=True)
    return best + w.each_more_need * sum(others) / w.need_exact


def _to_read(
    ranked: list[tuple[float, set[int], _Candidate]], need_count: int, limit: int
) -> list[_Candidate]:
    """Return the candidates worth reading: the best overall and the best for each need."""
    chosen = {id(c): c for _, _, c in ranked[: READ_PER_MATCH * limit]}
    for index in range(need_count):
        best = [c for _, kinds, c in ranked if index in kinds][: READ_PER_NEED * limit]
        chosen.update((id(c), c) for c in best)
    return list(chosen.values())


def _parents(need: Need, taxonomy: Taxonomy) -> list[str]:
    return [t.parent for c in need.codes if (t := taxonomy.get(c)) and t.parent and t.level > 2]


def _candidate_codes(need: Need, taxonomy: Taxonomy) -> tuple[str, ...]:
    """Return the categories whose resources are candidates for a need."""
    # The category just above the need's, not a whole top-level need such as "Health".
    return tuple(dict.fromkeys([*need.codes, *_parents(need, taxonomy), *need.related]))


def _needs_met(
    resource: Resource, needs: list[Need], candidate: _Candidate, taxonomy: Taxonomy
) -> dict[int, tuple[str, str]]:
    """Return, per need met, how it is met and by what.

    "exact": filed under the need's category (or narrower); "described": filed more broadly
    but its own text speaks of the need (a legal aid office whose description says
    "deportation defense" for a client afraid of deportation); "broader"; "related";
    "words": only the need's words are in its text.
    """
    own = resource.categories
    read = dict(resource.categories_read)
    trees = {c: {c, *(a.code for a in taxonomy.ancestors(c))} for c in own}
    spoken: dict[str, str] | None = None  # codes the resource's text speaks of -> phrase
    met: dict[int, tuple[str, str]] = {}
    for index, need in enumerate(needs):
        for code in need.codes:
            # Exact: one of the resource's categories is the need's or narrower.
            exact = next((c for c in own if code in trees[c]), None)
            if exact is not None and exact in read:
                # Filed under it by the import, from the resource's own words (or meaning).
                words = read[exact]
                met[index] = (
                    ("meaning", exact) if words == SIMILAR_MEANING else ("described", words)
                )
                break
            if exact is not None:
                met[index] = ("exact", exact)
                break
            broader = next((c for c in own if c in _ancestors(code, taxonomy) and "-" in c), None)
            if broader is not None and index not in met:
                met[index] = ("broader", broader)
        if index in met and met[index][0] == "exact":
            continue
        if need.codes:
            if spoken is None:
                spoken = _spoken_codes(resource, taxonomy)
            phrase = next(
                (
                    p
                    for code, p in spoken.items()
                    for n in need.codes
                    if n == code or n in _ancestors(code, taxonomy)
                ),
                None,
            )
            if phrase is not None:
                met[index] = ("described", phrase)
                continue
        if index in met:
            continue
        related = next((c for c in own for r in need.related if r in trees[c]), None)
        if related is not None:
            met[index] = ("related", related)
        elif candidate.text.get(index, 0.0) > 0 and need.words:
            shared, enough = _shared_words(need.words, resource)
            if shared:
                quoted = ", ".join(f'"{word}"' for word in shared)
                met[index] = ("words" if enough else "few words", quoted)
    if any(_counts(kind, needs[i]) for i, (kind, _) in met.items()):
        # Sharing words with another need is not meeting it ("nowhere to go" is shelter, not
        # any page that says "go"): no reason and no bonus for it beside a need it meets.
        met = {
            i: (kind, via)
            for i, (kind, via) in met.items()
            if kind not in ("words", "few words") or _counts(kind, needs[i])
        }
    return met


#: Stemmed words too common in a client's sentences to say what a resource is for (Whoosh's
#: own stop list keeps "my", "he", "has").
_PLAIN_WORDS = frozenset(
    analyze(
        "i me my mine he him his she her hers they them their our ours we us who what which "
        "has had was were been being do does did get gets got go goes going want wants "
        "need needs help say said says tell told very really just also now then there here "
        "some any all much many more most one two three last next week weeks month months "
        "day days year years time times since about after before"
    )
)


def _shared_words(words: str, resource: Resource) -> tuple[list[str], bool]:
    """Return the need's words that the resource's name, keywords or description hold, and
    whether they are enough to say it meets the need.

    One word of several is not, unless the resource reads close to the need in meaning:
    "feeling really down" shares only "down" with a homebuyer workshop's "down payment".
    Two of the need's words are enough, or its only one.
    """
    wanted = {
        token: word
        for word in words.split()
        for token in analyze(word)
        if token not in _PLAIN_WORDS
    }
    held = text_tokens(" ".join((resource.name, *resource.keywords, resource.description)))
    shared = list(dict.fromkeys(word for token, word in wanted.items() if token in held))
    if not shared or len(shared) >= min(2, len(wanted)):
        return shared, bool(shared)
    # One word of several: enough when the resource reads close to the need in meaning
    # (a safe parking program for "staying in my car"; not a "down payment" workshop).
    model = meaning()
    text = f"{resource.name}. {resource.description}"
    return shared, model is not None and model.text_similarity(words, text) >= MIN_TEXT_SIMILARITY


def _spoken_codes(resource: Resource, taxonomy: Taxonomy) -> dict[str, str]:
    """Return the taxonomy codes that a resource's own text says it offers, with the words.

    Its name and keywords count whole; its description only through phrases of several
    words: a description that says "bed" or "showers" in passing does not offer them.
    """
    named = _codes_in_text(" ; ".join((resource.name, *resource.keywords)), taxonomy)
    described = {
        code: phrase
        for code, phrase in _codes_in_text(resource.description, taxonomy).items()
        if len(phrase.split()) > 1
    }
    return {**described, **named}


@functools.lru_cache(maxsize=20_000)
def _codes_in_text(text: str, taxonomy: Taxonomy) -> dict[str, str]:
    # Resources are read afresh for every match, but their text does not change: scanning
    # it for taxonomy phrases was half the time of a match. Callers must not mutate it.
    return {hit.code: hit.phrase for hit in taxonomy.find_in_text(text, lexicon=False)}


@functools.lru_cache(maxsize=4096)
def _ancestors(code: str, taxonomy: Taxonomy) -> frozenset[str]:
    return frozenset(a.code for a in taxonomy.ancestors(code))


def _score(
    resource: Resource,
    needs: list[Need],
    met: dict[int, tuple[str, str]],
    candidate: _Candidate,
    checks: list[Check],
    distance: float | None,
    radius: float | None,
    place: Place | None,
    profile: ClientProfile,
    w: MatchWeights,
    now: dt.datetime,
    taxonomy: Taxonomy,
) -> tuple[float, list[str], dict[int, float]]:
    """Return the score of a resource for a client, the reasons in reading order, and its
    score for each need it meets alone."""
    kind_weight = {
        "exact": w.need_exact,
        "described": w.need_described,
        "meaning": w.need_described,
        "broader": w.need_broader,
        "related": w.need_related,
        "words": w.need_words,
        "few words": w.need_words / 2,
    }
    reasons: list[str] = []
    need_scores: dict[int, float] = {}
    listed = any(n.via != "situation" for n in needs)
    for index, (kind, via) in met.items():
        share = w.situation_need if listed and needs[index].via == "situation" else 1.0
        if kind in (
            "words",
            "few words",
        ):  # as good as the words match: one common word is a weak match
            share *= candidate.text.get(index, 0.0)
        need_scores[index] = kind_weight[kind] * share
        term = taxonomy.get(via)
        what = _KIND_WORDS[kind].format(term=(term.name if term else via).lower(), words=via)
        reasons.append(f'Meets "{needs[index].label}": {what}.')
    needs_part = _needs_part(list(need_scores.values()), w)
    score = needs_part + w.text_relevance * max(candidate.text.values(), default=0.0)
    factor = distance_factor(distance, radius)
    score += w.distance * factor
    if place is not None:
        if distance is not None and radius and distance <= radius:
            reasons.append(f"{distance:.1f} miles from {place.label}.")
        elif distance is not None:
            reasons.append(f"Serves the client's area ({distance:.0f} miles away).")
        else:
            reasons.append("Serves the client's area by phone, online or on the move.")
    if profile.languages:
        shared = [lang for lang in profile.languages if lang in resource.languages]
        if shared:
            score += w.language
            reasons.append(f"Speaks {', '.join(language_name(c) for c in shared)}.")
        elif resource.languages:
            score -= w.language / 2
            names = ", ".join(language_name(c) for c in profile.languages)
            reasons.append(f"No {names} listed: may need an interpreter.")
        else:
            reasons.append("Languages spoken are not listed.")
    for check in checks:
        if check.result == "unknown":
            score -= w.eligibility_unknown
        reasons.append(("Check: " if check.result == "unknown" else "Eligible: ") + check.detail)
    if resource.cost is Cost.FREE:
        score += w.cost_free
        reasons.append("Free.")
    elif resource.cost is Cost.SLIDING_SCALE:
        score += w.cost_sliding
        reasons.append(f"Sliding-scale fees{': ' + resource.fees if resource.fees else ''}.")
    elif resource.cost is Cost.FEE:
        reasons.append(f"Fee: {resource.fees or 'ask the service'}.")
    if resource.hours is not None:
        reasons.append(
            "Open now."
            if resource.is_open(now)
            else f"Closed now; hours {resource.hours.describe()}."
        )
    if resource.last_verified is not None:
        age_days = (now.date() - resource.last_verified).days
        if age_days <= 365:
            score += w.freshness
        elif age_days > 730:
            score -= w.freshness
        reasons.append(
            f"Last verified {resource.last_verified.isoformat()}"
            f"{' (over two years ago)' if age_days > 730 else ''}."
        )
    else:
        reasons.append("Never verified: call before referring.")
    base = score - needs_part
    return score, reasons, {i: base + weight for i, weight in need_scores.items()}
