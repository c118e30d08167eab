"""Read the rules a service states in words: "Men 18 and older", "Elk Grove residents only".

Real directories seldom fill eligibility columns (HSDS 3.0 has no gender field at all); they
write who qualifies in a sentence. :func:`read_rules` turns that sentence into the same rules
the columns give (genders, ages, populations, an income limit as a percent of the poverty
guideline, and where clients must live), each with the words it was read from, so that a
check can say "the eligibility says "Men 18 and older"".

Precision comes first: a rule read wrongly turns a client away. A rule is read only from a
phrase that states it plainly; text that offers alternatives ("pregnant people or families
with children under 5"), or names both genders, gives no rule of that kind.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass, field

from referral_match.geo.gazetteer import Gazetteer
from referral_match.geo.places import city_key, county_key, normalize_state
from referral_match.model import Resource, ServiceArea
from referral_match.sources.fields import phone_state

__all__ = ["TextRules", "name_area", "read_rules", "with_rules_from_text"]


@dataclass(frozen=True, slots=True)
class TextRules:
    """The rules a text states, and the words each came from (rule -> phrase)."""

    genders: tuple[str, ...] = ()
    min_age: int | None = None
    max_age: int | None = None
    populations: tuple[str, ...] = ()
    income_limit_fpl: int | None = None
    residence: ServiceArea = field(default_factory=ServiceArea)
    said: tuple[tuple[str, str], ...] = ()


_FEMALE = r"(?:women|woman|females?|girls|ladies|mothers|moms|mujeres|madres)"
_MALE = r"(?:men|man|males?|boys|gentlemen|fathers|dads|hombres)"
_ANY_FEMALE = re.compile(rf"\b{_FEMALE}\b|\bwomen'?s\b")
_ANY_MALE = re.compile(rf"\b{_MALE}\b|\bmen'?s\b")
#: Phrases that limit a service to one gender ("Men 18 and older", "women only").
_GENDER_RULES = (
    r"^(?:single |adult |homeless |pregnant |young |older )?{g}\b",
    r"\b(?:for|serves|serving|only|solo para|para) (?:single |adult |homeless |pregnant )?{g}\b",
    r"\b{g} only\b|\b{g} and (?:their|her|his) (?:children|kids|babies|infants|hijos)\b",
    r"\bmust be (?:a )?{g}\b|\b{g} (?:18|21|age|ages|aged|over|who)\b",
)
_FEMALE_RULES = tuple(re.compile(p.format(g=_FEMALE)) for p in _GENDER_RULES)
_MALE_RULES = tuple(re.compile(p.format(g=_MALE)) for p in _GENDER_RULES)
#: A name such as "Women's Shelter" or "Men's Recovery Home" limits the gender too.
_FEMALE_NAME = re.compile(r"\bwomen'?s\b|\bfor women\b|\bmujeres\b")
_MALE_NAME = re.compile(r"(?<!wo)\bmen'?s\b|\bfor men\b|\bhombres\b")

_N = r"(\d{1,3})"
_YEARS = r"(?:\s*(?:years?|yrs?)(?: old| of age)?)?"
#: People whose ages a range gives ("youth 16-24", "children 0-5").
_WHO = (
    r"(?:children|kids|youth|teens|teenagers|young people|young adults|adults|seniors|people|"
    r"persons|individuals|boys|girls|men|women|students|residents|clients|participants|"
    r"applicants|patients|niños|jóvenes|adultos)"
)
#: After "over 18" or "under 5": not a count of something else ("over 100 volunteers").
_NO_COUNT = r"(?!\s*(?:%|percent|families|people|volunteers|clients|households|sites|days|hours))"
#: (pattern, which bound each group is): ages written as ranges, floors and ceilings.
_AGE_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), kind)
    for p, kind in (
        (rf"\b(?:ages?|aged|edades?(?: de)?)\s*{_N}\s*(?:-|–|to|through|a|y)\s*{_N}\b", "range"),
        # A bare "9-12" is grades, days or hours unless years or people say it is ages.
        (rf"\b{_N}\s*(?:-|–|to|through)\s*{_N}\s*(?:years?|yrs?)(?: old| of age)?\b", "range"),
        (rf"\b{_WHO}\s+(?:ages?\s+|aged\s+)?{_N}\s*(?:-|–|to|through)\s*{_N}\b(?! ?%)", "range"),
        (rf"(?:\b(?:ages?|aged|{_WHO})\s*|^){_N}\s*\+", "min"),
        (rf"\b(?:ages?|aged)?\s*{_N}{_YEARS} (?:and|or) (?:older|over|up|above)\b", "min"),
        (
            rf"\b(?:over|older than|at least|mayores de|mayor de)\s*(?:age )?{_N}\b{_NO_COUNT}",
            "min_over",
        ),
        (rf"\b(?:ages?|aged)?\s*{_N}{_YEARS} (?:and|or) (?:under|younger|below)\b", "max"),
        (
            rf"\b(?:under|younger than|below|menores de)\s*(?:age )?{_N}\b{_NO_COUNT}",
            "max_under",
        ),
        (r"\b(?:up to|through) age\s*(\d{1,3})\b", "max"),
        (r"\bbirth (?:to|through) (\d{1,2})\b", "max"),
    )
)
#: Words that mean the text speaks of several groups, each with its own rule.
_ALTERNATIVES = re.compile(
    r"\b(?:or|o)\b(?! (?:older|over|above|up|younger|under|below|more|less|mas)\b)|"
    r"\b(?:pregnant|postpartum|breastfeeding|parents?|guardians?|caregivers?|"
    r"families|family|households?(?! (?:income|size))|hogar(?:es)?)\b"
)
#: A clause that sends other people elsewhere ("Men are referred to Lantern House", "Young
#: adults 18 and older are welcome at The Wash"): its rules are not this service's.
_ELSEWHERE = re.compile(
    r"\b(?:referred|directed|sent) (?:to|elsewhere)\b|\bwelcome at\b|"
    r"\bshould (?:call|go to|contact|try|visit|apply at)\b|\bplease (?:go to|contact)\b"
)
_ADULTS = re.compile(r"^(?:adults?|adultos?)\b(?! (?:and|or|with children))")

#: Population -> phrases that require it (never "at risk of", which widens it).
_POPULATION_RULES: dict[str, re.Pattern[str]] = {
    "veterans": re.compile(
        r"^(?:for )?veterans\b|\bveterans only\b|\bmust be (?:a )?veteran\b|"
        r"\b(?:for|serves|serving) (?:\w+ )?veterans\b|\bveterans? (?:and|&) (?:their|eligible)\b"
    ),
    "homeless": re.compile(
        r"^(?:people|persons|adults|individuals|youth|families|men|women)? ?(?:who are |"
        r"experiencing |currently )?homeless(?:ness)?\b(?! or)|\bmust be homeless\b"
    ),
    "pregnant": re.compile(r"^pregnant (?:people|women|persons|individuals|teens)\b(?!.* or )"),
    "immigrants": re.compile(r"^(?:immigrants|refugees|asylum seekers)\b"),
    "lgbtq": re.compile(r"^lgbt\w*\+?(?: youth| people| adults)?\b"),
}
_AT_RISK = re.compile(r"\bat risk\b|\bor at-risk\b")

_ABOVE = re.compile(r"\b(?:above|over|more than|greater than|exceed\w*|higher than)\s*$")
_INCOME = re.compile(
    r"(\d{2,3})\s*%\s*(?:of\s+)?(?:the\s+)?(?:federal\s+)?(?:poverty|fpl|fpg|fpig)\b"
)

_NAME = r"[A-Z][\w.'-]*(?:[ -][A-Z][\w.'-]*)*"
_PLACE = rf"({_NAME}(?:,? (?:and|&|or) {_NAME})*)"
#: Phrases that name where clients must live (the place names keep their capitals).
_RESIDENCE_RULES = tuple(
    re.compile(p)
    for p in (
        rf"\b(?:[Rr]esidents? of|[Mm]ust (?:live|reside) in|[Ll]iving in|[Oo]nly serves|"
        rf"[Rr]esidentes de) (?:the )?(?:[Cc]ity of )?{_PLACE}",
        rf"{_PLACE} (?:[Cc]ounty )?[Rr]esidents?\b",
    )
)
#: A name that says where the service is for: "... in Cook County", "... for Chicago".
_NAME_AREA_RULES = (re.compile(rf"\b(?:in|for|serving) (?:the )?(?:[Cc]ity of )?{_PLACE}"),)
_NOT_ONLY_RESIDENTS = re.compile(r"\bor work\b|\band/or work\b|\bor (?:go to school|attend)\b")
_COUNTY_WORDS = re.compile(r"\s+(?:County|Parish|Borough)$")
_SKIP_PLACES = {"low-income", "all", "current", "local", "area", "income", "us"}


def read_rules(
    text: str,
    name: str = "",
    *,
    state: str = "",
    county: str = "",
    gazetteer: Gazetteer | None = None,
) -> TextRules:
    """Return the rules an eligibility text (and a service's name) state plainly.

    Each rule is read from one clause (a line, or a sentence or part ended by ``;``) and
    said with that clause's words. ``state`` and ``county`` are the resource's own (from its
    address), used to place the names a text gives ("Elk Grove residents", "County
    residents"); without a gazetteer no residence is read.
    """
    # A directory repeats its eligibility texts across many rows: each is read once. The
    # name only counts when the text says nothing.
    return _read_rules(text, "" if text.strip() else name, state, county, gazetteer)


@functools.lru_cache(maxsize=8192)
def _read_rules(
    text: str, name: str, state: str, county: str, gazetteer: Gazetteer | None
) -> TextRules:
    said: list[tuple[str, str]] = []
    # "Women and families are referred to partner programs" is about someone else's rule.
    clauses = [c for c in _clauses(text) if not _ELSEWHERE.search(c.lower())]
    genders = _genders(clauses, " ; ".join(clauses).lower(), name.lower(), said)
    low, high = _ages(clauses, said)
    populations: list[str] = []
    for population, pattern in _POPULATION_RULES.items():
        for clause in clauses:
            lowered = clause.lower()
            if not _AT_RISK.search(lowered) and pattern.search(lowered):
                populations.append(population)
                said.append(("population", clause))
                break
    income = None
    limits = [
        (int(m.group(1)), c)
        for c in clauses
        for m in _INCOME.finditer(c.lower())
        # "Above 200% of poverty pay a fee" is not a limit of 200%.
        if not _ABOVE.search(c.lower()[max(0, m.start() - 25) : m.start()])
    ]
    if limits and 50 <= (highest := max(n for n, _ in limits)) <= 500:
        # Several limits ("200%, or 250% for seniors"): the highest, so that no one is
        # turned away by the stricter of two programs.
        income = highest
        said.append(("income", "; ".join(dict.fromkeys(c for _, c in limits))))
    residence = _residence(text, state, county, gazetteer, said) if gazetteer else ServiceArea()
    return TextRules(
        genders=genders,
        min_age=low,
        max_age=high,
        populations=tuple(populations),
        income_limit_fpl=income,
        residence=residence,
        said=tuple(said),
    )


def _clauses(text: str) -> list[str]:
    """Split a text into clauses: lines, sentences, and parts ended by a semicolon."""
    parts = re.split(r"\n|;|(?<=[a-z0-9)])\.\s+", text)
    return [p.strip(" .") for p in parts if p.strip(" .")]


def _genders(
    clauses: list[str], text: str, name: str, said: list[tuple[str, str]]
) -> tuple[str, ...]:
    """Return ("female",) or ("male",) when the text or name limits the service to it."""
    for gender, rules, other in (
        ("female", _FEMALE_RULES, _ANY_MALE),
        ("male", _MALE_RULES, _ANY_FEMALE),
    ):
        if other.search(text):
            continue
        clause = next((c for c in clauses if any(p.search(c.lower()) for p in rules)), None)
        if clause is not None:
            said.append(("gender", clause))
            return (gender,)
    if not text.strip():
        woman, man = _FEMALE_NAME.search(name), _MALE_NAME.search(name)
        if woman and not man:
            said.append(("gender", woman.group(0)))
            return ("female",)
        if man and not woman:
            said.append(("gender", man.group(0)))
            return ("male",)
    return ()


def _ages(clauses: list[str], said: list[tuple[str, str]]) -> tuple[int | None, int | None]:
    """Return the loosest age range the clauses state, or (None, None)."""
    lows: list[int] = []
    highs: list[int] = []
    bounded_below = bounded_above = True
    phrases: list[str] = []
    for clause in clauses:
        lowered = clause.lower()
        found = _clause_ages(lowered)
        if not found and _ADULTS.search(lowered):
            found = [("min", [18])]
        if not found:
            continue
        if _ALTERNATIVES.search(lowered):
            # "Seniors 60+ or disabled adults 18-59", "families with children under 5": the
            # ages belong to one of several groups, or to someone other than the client.
            return None, None
        phrases.append(clause)
        for kind, numbers in found:
            if kind == "range" and numbers[0] <= numbers[1]:
                lows.append(numbers[0])
                highs.append(numbers[1])
            elif kind in ("min", "min_over"):  # "over 18" is said for "18 and over"
                lows.append(numbers[0])
                bounded_above = False
            elif kind == "max":
                highs.append(numbers[0])
                bounded_below = False
            elif kind == "max_under":  # "under 18": up to 17
                highs.append(numbers[0] - 1)
                bounded_below = False
    low = min(lows) if lows and bounded_below else None
    high = max(highs) if highs and bounded_above else None
    if low is None and high is None:
        return None, None
    said.append(("age", "; ".join(phrases)))
    return low, high


def _clause_ages(clause: str) -> list[tuple[str, list[int]]]:
    """Return the age rules of one clause: (kind, numbers), each span read once."""
    found: list[tuple[str, list[int]]] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind in _AGE_RULES:
        for match in pattern.finditer(clause):
            if any(s <= match.start() < e for s, e in taken):
                continue
            taken.append(match.span())
            numbers = [int(g) for g in match.groups()]
            if all(n <= 120 for n in numbers):
                found.append((kind, numbers))
    return found


def name_area(name: str, state: str, gazetteer: Gazetteer) -> ServiceArea:
    """Return the place a service's name says it serves ("Legal help in Cook County")."""
    said: list[tuple[str, str]] = []
    return _residence(name, state, "", gazetteer, said, _NAME_AREA_RULES)


def _residence(
    text: str,
    state: str,
    county: str,
    gazetteer: Gazetteer,
    said: list[tuple[str, str]],
    patterns: tuple[re.Pattern[str], ...] | None = None,
) -> ServiceArea:
    """Return where clients must live, from "Residents of X" or "X residents only"."""
    if _NOT_ONLY_RESIDENTS.search(text.lower()):
        return ServiceArea()
    zips: list[str] = []
    cities: list[str] = []
    counties: list[str] = []
    states: list[str] = []
    for pattern in patterns or _RESIDENCE_RULES:
        for match in pattern.finditer(text):
            found = False
            for name in re.split(r",? (?:and|&|or) |, ", match.group(1)):
                name = name.strip(" .")
                if name.lower() in _SKIP_PLACES:
                    continue
                if name.lower() == "county" and county and state:
                    counties.append(county_key(county, state))
                    found = True
                elif (code := normalize_state(name)) is not None and len(name) > 2:
                    states.append(code)
                    found = True
                elif re.fullmatch(r"\d{5}", name):
                    zips.append(name)
                    found = True
                elif state and _COUNTY_WORDS.search(name):
                    if gazetteer.by_county(_COUNTY_WORDS.sub("", name), state) is not None:
                        counties.append(county_key(_COUNTY_WORDS.sub("", name), state))
                        found = True
                elif state and gazetteer.by_city(name, state) is not None:
                    cities.append(city_key(name, state))
                    found = True
                elif state and gazetteer.by_county(name, state) is not None:
                    counties.append(county_key(name, state))
                    found = True
            if found:
                said.append(("residence", match.group(0).strip()))
    if match_county := re.search(r"^(?:the )?county residents?\b", text.lower()):
        if county and state:
            counties.append(county_key(county, state))
            said.append(("residence", match_county.group(0)))
    return ServiceArea(
        zips=tuple(dict.fromkeys(zips)),
        cities=tuple(dict.fromkeys(cities)),
        counties=tuple(dict.fromkeys(counties)),
        states=tuple(dict.fromkeys(states)),
    )


def with_rules_from_text(resource: Resource, gazetteer: Gazetteer) -> Resource:
    """Return the resource with the rules its eligibility text states filled in.

    A column, where given, wins over the text: only the rules the columns leave empty are
    taken from it, and ``Eligibility.from_text`` says which (and from what words). A
    service with no address and no service area is given one: where the text says its
    clients live, else the state of its phone's area code (``Resource.area_from`` says so).
    """
    el = resource.eligibility
    state = _own_state(resource)
    rules = read_rules(
        el.text, resource.name, state=state, county=resource.county, gazetteer=gazetteer
    )
    said = dict(rules.said)
    taken: list[tuple[str, str]] = []
    changes: dict[str, object] = {}
    if rules.genders and not el.genders:
        changes["genders"] = rules.genders
        taken.append(("gender", said["gender"]))
    if (
        el.min_age is None
        and el.max_age is None
        and (rules.min_age, rules.max_age) != (None, None)
    ):
        changes["min_age"], changes["max_age"] = rules.min_age, rules.max_age
        taken.append(("age", said["age"]))
    if rules.populations and not el.populations:
        changes["populations"] = rules.populations
        taken.append(("population", said["population"]))
    if rules.income_limit_fpl is not None and el.income_limit_fpl is None:
        changes["income_limit_fpl"] = rules.income_limit_fpl
        taken.append(("income", said["income"]))
    if not rules.residence.is_empty() and el.residence.is_empty():
        changes["residence"] = rules.residence
        taken.append(("residence", said["residence"]))
    if not changes and not _unplaced(resource):
        return resource
    eligibility = dataclasses.replace(el, **changes, from_text=(*el.from_text, *taken))  # type: ignore[arg-type]
    resource = dataclasses.replace(resource, eligibility=eligibility)
    if _unplaced(resource):
        named = ServiceArea()
        if eligibility.residence.is_empty() and state:
            named = name_area(resource.name, state, gazetteer)
        if not eligibility.residence.is_empty():
            area, source = eligibility.residence, "eligibility text"
        elif not named.is_empty():
            area, source = named, "name"
        elif state:
            area, source = ServiceArea(states=(state,)), "phone"
        else:
            return resource
        resource = dataclasses.replace(resource, service_area=area, area_from=source)
    return resource


def _unplaced(resource: Resource) -> bool:
    """Return True for a resource with no coordinates and no service area: reached by none."""
    return not resource.has_coordinates and resource.service_area.is_empty()


def _own_state(resource: Resource) -> str:
    """Return the state a resource is in: its address's, its one area state, its phone's."""
    if resource.address is not None and resource.address.state:
        return resource.address.state
    if len(resource.service_area.states) == 1:
        return resource.service_area.states[0]
    return next((s for number in resource.phones if (s := phone_state(number))), "")
