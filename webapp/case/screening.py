"""The needs assessment form: screening questions, client facts, and the profile they make.

The core questions follow the AHC Health-Related Social Needs screening tool's core domains
(living situation, food, transportation, utilities, safety), asked of the case manager
about the client; the supplemental domains come from ``data/screening_domains.csv``. A
positive answer adds that screening domain (``food_insecurity``) to the profile's needs,
which the library understands through the taxonomy. The profile is built in memory and
handed to ``Directory.match``; nothing here stores it.

Questions, answers and headings are translated when a page shows them (``lazy_gettext``);
the supplemental domains' labels are the data file's, in English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import LazyString, gettext
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from referral_match import InputError
from referral_match.taxonomy import ScreeningDomain
from webapp import params
from webapp.i18n import AsGiven


@dataclass(frozen=True)
class Question:
    """One screening question: its answers, and which of them flag the domain."""

    name: str
    domain: str
    text: LazyString
    answers: tuple[tuple[str, LazyString], ...]
    positive: frozenset[str]
    #: Checkboxes (any ticked is positive) rather than one answer.
    several: bool = False


CORE_QUESTIONS: tuple[Question, ...] = (
    Question(
        "living",
        "housing_instability",
        _l("What is the client's living situation today?"),
        (
            ("steady", _l("A steady place to live")),
            ("worried", _l("A steady place to live, but worried about losing it")),
            ("none", _l("No steady place (with others, in a hotel, shelter, car or outside)")),
        ),
        frozenset({"worried", "none"}),
    ),
    Question(
        "home_problems",
        "housing_instability",
        _l("Problems with the place they live"),
        (
            ("pests", _l("Pests such as bugs, ants or mice")),
            ("mold", _l("Mold")),
            ("lead", _l("Lead paint or pipes")),
            ("heat", _l("Lack of heat")),
            ("stove", _l("Oven or stove not working")),
            ("smoke", _l("Smoke detectors missing or not working")),
            ("leaks", _l("Water leaks")),
        ),
        frozenset({"pests", "mold", "lead", "heat", "stove", "smoke", "leaks"}),
        several=True,
    ),
    Question(
        "food_worry",
        "food_insecurity",
        _l(
            "In the past 12 months, did they worry that their food would run out before they "
            "got money to buy more?"
        ),
        (
            ("often", _l("Often true")),
            ("sometimes", _l("Sometimes true")),
            ("never", _l("Never true")),
        ),
        frozenset({"often", "sometimes"}),
    ),
    Question(
        "food_ran_out",
        "food_insecurity",
        _l(
            "In the past 12 months, did the food they bought just not last, with no money to "
            "get more?"
        ),
        (
            ("often", _l("Often true")),
            ("sometimes", _l("Sometimes true")),
            ("never", _l("Never true")),
        ),
        frozenset({"often", "sometimes"}),
    ),
    Question(
        "transport",
        "transportation",
        _l(
            "In the past 12 months, has a lack of reliable transportation kept them from "
            "medical appointments, meetings, work or getting things needed for daily living?"
        ),
        (("yes", _l("Yes")), ("no", _l("No"))),
        frozenset({"yes"}),
    ),
    Question(
        "utilities",
        "utilities",
        _l(
            "In the past 12 months, has the electric, gas, oil or water company threatened to "
            "shut off services in their home?"
        ),
        (("yes", _l("Yes")), ("shut_off", _l("Already shut off")), ("no", _l("No"))),
        frozenset({"yes", "shut_off"}),
    ),
    Question(
        "safety",
        "interpersonal_safety",
        _l(
            "How often does anyone, including family and friends, physically hurt, insult, "
            "threaten, or scream or curse at them?"
        ),
        (
            ("never", _l("Never")),
            ("rarely", _l("Rarely")),
            ("sometimes", _l("Sometimes")),
            ("fairly_often", _l("Fairly often")),
            ("frequently", _l("Frequently")),
        ),
        frozenset({"sometimes", "fairly_often", "frequently"}),
    ),
)

#: Short headings for the screening domains; others show their label from the CSV.
DOMAIN_TITLES = {
    "housing_instability": _l("Housing"),
    "food_insecurity": _l("Food"),
    "transportation": _l("Transportation"),
    "utilities": _l("Utilities"),
    "interpersonal_safety": _l("Safety"),
    "financial_strain": _l("Paying for basics"),
    "employment": _l("Work"),
    "family_community_support": _l("Help at home, loneliness"),
    "education": _l("School or training"),
    "physical_activity": _l("Physical activity"),
    "substance_use": _l("Alcohol, tobacco or drugs"),
    "mental_health": _l("Mental health"),
    "disabilities": _l("Disabilities"),
}

#: Domains where a positive answer shows crisis lines above the referrals.
URGENT_DOMAINS = frozenset({"interpersonal_safety", "mental_health"})

GENDERS = (("female", _l("Female")), ("male", _l("Male")), ("nonbinary", _l("Nonbinary")))
INSURANCE = (
    ("none", _l("None")),
    ("medicaid", _l("Medicaid (Medi-Cal)")),
    ("medicare", _l("Medicare")),
    ("private", _l("Private")),
    ("other", _l("Other")),
)
#: Groups asked about directly; "homeless" comes from the living-situation answer and
#: "veterans" from the veteran question.
POPULATIONS = (
    ("families", _l("Has children under 18 at home")),
    ("pregnant", _l("Pregnant")),
    ("disabled", _l("Has a disability")),
    ("immigrants", _l("Immigrant or refugee")),
    ("lgbtq", _l("LGBTQ+")),
)
NO_NEEDS = _l(
    "The screening found no need: answer a question with a need, tick a need below, "
    "or describe the client's situation."
)
#: Form fields named after the profile's fields they fill, for showing errors in place.
FORM_FIELD = {
    "location": "near",
    "radius_miles": "radius",
    "household_size": "household",
    "children_ages": "children",
    "annual_income": "income",
    "languages": "language",
    "needs": "needs",
    "text": "situation",
}


def supplemental(domains: list[ScreeningDomain]) -> list[ScreeningDomain]:
    """Return the AHC HRSN supplemental domains, in file order."""
    return [d for d in domains if d.instrument == "AHC HRSN supplemental"]


def domain_title(domain: str, domains: list[ScreeningDomain]) -> str:
    """Return a short heading for a need: a domain's title, else the need as written."""
    if domain in DOMAIN_TITLES:
        return str(DOMAIN_TITLES[domain])
    found = next((d for d in domains if d.domain == domain), None)
    return found.label if found else domain


@dataclass
class Assessment:
    """What the form said: the profile for ``Directory.match`` and the errors per field."""

    profile: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def needs(self) -> list[str]:
        """Return the needs the screening found, in the order asked."""
        needs: list[str] = self.profile.get("needs", [])
        return needs


#: A need's correction on the results page: field "as:<need>" holds a taxonomy code, or
#: NOT_A_NEED to drop it.
CORRECTION_PREFIX = "as:"
NOT_A_NEED = "none"


def corrected(needs: list[str], form: MultiDict[str, str]) -> list[str]:
    """Return the needs with the case manager's corrections of how each was understood."""
    fixed: list[str] = []
    for need in needs:
        choice = form.get(CORRECTION_PREFIX + need, "").strip()
        if choice == NOT_A_NEED:
            continue
        fixed.append(choice or need)
    return list(dict.fromkeys(fixed))


def read_form(form: MultiDict[str, str], domains: list[ScreeningDomain]) -> Assessment:
    """Turn the submitted form into a client profile, collecting errors per field."""
    result = Assessment()
    needs: list[str] = []
    for question in CORE_QUESTIONS:
        answers = set(form.getlist(question.name))
        if answers & question.positive and question.domain not in needs:
            needs.append(question.domain)
    known = {d.domain for d in supplemental(domains)}
    needs += [d for d in params.words(form, "domain") if d in known and d not in needs]
    other = form.get("other_needs", "").replace(",", ";").split(";")
    needs += [n.strip() for n in other if n.strip() and n.strip() not in needs]
    profile: dict[str, Any] = {"needs": corrected(needs, form)}
    if form.get("situation", "").strip():
        profile["text"] = form["situation"].strip()
    if form.get("near", "").strip():
        profile["location"] = form["near"].strip()
    for name, key, label, read in (
        ("radius", "radius_miles", gettext("The radius"), params.number),
        ("age", "age", gettext("The age"), params.whole),
        ("household", "household_size", gettext("The household size"), params.whole),
        ("income", "annual_income", gettext("The annual income"), params.number),
    ):
        try:
            value = read(form, name, label)
        except InputError as exc:
            result.errors[name] = exc.message
        else:
            if value is not None:
                profile[key] = value
    children = form.get("children", "").replace(",", " ").replace(";", " ").split()
    if children:
        if all(age.isdigit() for age in children):
            profile["children_ages"] = [int(age) for age in children]
        else:
            result.errors["children"] = gettext(
                "The children's ages must be whole numbers, separated by commas: “3, 7”."
            )
    if form.get("gender") in {g for g, _ in GENDERS}:
        profile["gender"] = form["gender"]
    if form.get("insurance") in {i for i, _ in INSURANCE}:
        profile["insurance"] = form["insurance"]
    if form.get("veteran") in ("yes", "no"):
        profile["veteran"] = form["veteran"] == "yes"
    languages = params.words(form, "language")
    if languages:
        profile["languages"] = languages
    groups = [g for g in params.words(form, "population") if g in dict(POPULATIONS)]
    if form.get("living") == "none":
        groups.append("homeless")
    if groups:
        profile["populations"] = groups
    result.profile = profile
    return result


#: Profile fields said otherwise than by their names in messages.
_FIELD_WORDS = {"radius_miles": "radius", "children_ages": "children's ages"}


def errors_by_field(messages: dict[str, list[str]]) -> dict[str, str]:
    """Return the library's profile messages as sentences, keyed by the form field.

    They stay in the library's English (:class:`~webapp.i18n.AsGiven`), but for the one
    about needs, which is ours.
    """
    found: dict[str, str] = {}
    for name, texts in messages.items():
        base = name.split(".", 1)[0]
        if base == "needs":
            text = str(NO_NEEDS)
        else:
            text = " ".join(texts)
            if text.startswith("must"):
                words = _FIELD_WORDS.get(base, base.replace("_", " "))
                text = f"The {words} {text}"
            text = AsGiven(text[:1].upper() + text[1:])
        found[FORM_FIELD.get(base, base)] = text
    return found
