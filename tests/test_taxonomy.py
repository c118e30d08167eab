"""Tests for referral_match.taxonomy and the data files it reads."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

import referral_match.taxonomy as taxonomy_module
from referral_match.taxonomy import ScreeningDomain, Taxonomy, Term, TermHit, default_taxonomy

DATA = Path(__file__).resolve().parent.parent / "data"

TOP_LEVEL = {
    "101": "Emergency",
    "102": "Food",
    "103": "Housing",
    "104": "Goods",
    "105": "Transit",
    "106": "Health",
    "107": "Money",
    "108": "Care",
    "109": "Education",
    "110": "Work",
    "111": "Legal",
}

#: Second-level codes that other modules and the sample data rely on.
REQUIRED = {
    "101-01": "Disaster Response",
    "101-02": "Emergency Cash",
    "101-03": "Emergency Food",
    "101-04": "Emergency Shelter",
    "101-06": "Immediate Safety",
    "101-07": "Psychiatric Emergency Services",
    "102-02": "Emergency Food",
    "102-03": "Food Delivery",
    "102-04": "Food Pantry",
    "102-05": "Free Meals",
    "102-06": "Help Pay for Food",
    "102-07": "Nutrition",
    "103-01": "Emergency Shelter",
    "103-02": "Help Find Housing",
    "103-03": "Help Pay for Housing",
    "103-04": "Housing Advice",
    "103-05": "Residential Housing",
    "104-01": "Baby Supplies",
    "104-02": "Clothing",
    "104-03": "Home Goods",
    "104-04": "Medical Supplies",
    "105-01": "Help Pay for Transit",
    "105-02": "Transportation",
    "106-01": "Addiction & Recovery",
    "106-02": "Dental Care",
    "106-04": "Health Education",
    "106-05": "Help Pay for Healthcare",
    "106-06": "Medical Care",
    "106-07": "Mental Care",
    "106-08": "Sexual & Reproductive Health",
    "106-09": "Vision Care",
    "107-02": "Financial Assistance",
    "107-03": "Government Benefits",
    "107-05": "Financial Education",
    "107-06": "Insurance",
    "107-07": "Tax Preparation",
    "108-01": "Adoption & Foster Care",
    "108-03": "Daytime Care",
    "108-05": "Navigating the System",
    "108-06": "Residential Care",
    "108-07": "Support Network",
    "109-01": "Help Find School",
    "109-03": "More Education",
    "109-04": "Preschool",
    "109-06": "Skills & Training",
    "110-01": "Help Find Work",
    "110-03": "Skills & Training",
    "110-04": "Supported Employment",
    "110-05": "Workplace Rights",
    "111-01": "Advocacy & Legal Aid",
    "111-02": "Mediation",
    "111-04": "Representation",
    "111-05": "Translation & Interpretation",
}

#: Names that more than one term uses, on purpose (Open Eligibility does the same).
REPEATED_NAMES = {"Emergency Food", "Emergency Shelter", "Skills & Training"}

DOMAINS = [
    "housing_instability",
    "food_insecurity",
    "transportation",
    "utilities",
    "interpersonal_safety",
    "financial_strain",
    "employment",
    "family_community_support",
    "education",
    "physical_activity",
    "substance_use",
    "mental_health",
    "disabilities",
    "prapare_food",
    "prapare_clothing",
    "prapare_utilities",
    "prapare_child_care",
    "prapare_health_care",
    "prapare_phone",
]

TERMS_CSV = """\
code,name,parent,synonyms,description
101,Emergency,,,Help now.
101-01,Shelter Tonight,101,nowhere to sleep;shelter,A bed tonight.
102,Food,,groceries,Food.
102-01,Food Pantry,102,food bank;pantry,Free groceries.
102-01-01,Mobile Pantry,102-01,food truck,A pantry on wheels.
102-02,Shelter Tonight,102,,Same name as 101-01.
"""


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    """Return the packaged taxonomy."""
    return default_taxonomy()


@pytest.fixture()
def small(tmp_path: Path) -> Taxonomy:
    """Return a six-term taxonomy read from a temporary file."""
    path = tmp_path / "taxonomy.csv"
    path.write_text(TERMS_CSV, encoding="utf-8")
    return Taxonomy.load(path)


def test_exports() -> None:
    assert sorted(taxonomy_module.__all__) == [
        "ScreeningDomain",
        "Taxonomy",
        "Term",
        "TermHit",
        "default_taxonomy",
    ]


def test_default_taxonomy_is_loaded_once() -> None:
    assert default_taxonomy() is default_taxonomy()


# --------------------------------------------------------------------------------------------
# The data files
# --------------------------------------------------------------------------------------------


def test_top_level_is_open_eligibility(taxonomy: Taxonomy) -> None:
    assert {t.code: t.name for t in taxonomy.top_level()} == TOP_LEVEL


@pytest.mark.parametrize(("code", "name"), sorted(REQUIRED.items()))
def test_required_code(taxonomy: Taxonomy, code: str, name: str) -> None:
    term = taxonomy.get(code)
    assert term is not None, f"{code} {name} is missing"
    assert term.name == name
    assert term.level == 2


def test_size_and_levels(taxonomy: Taxonomy) -> None:
    levels = [t.level for t in taxonomy]
    assert 150 <= len(taxonomy) <= 260
    assert levels.count(1) == 11
    assert levels.count(3) > levels.count(2)


def test_every_term_is_well_formed(taxonomy: Taxonomy) -> None:
    for term in taxonomy:
        assert re.fullmatch(r"\d{3}(-\d{2})*", term.code), term.code
        assert term.description, term.code
        assert term.synonyms, f"{term.code} {term.name} has no synonyms"
        if term.parent is None:
            assert term.level == 1
        else:
            assert term.parent in taxonomy, term.code
            assert term.code.startswith(term.parent + "-"), term.code


def test_phrases_name_one_term(taxonomy: Taxonomy) -> None:
    """Check that no phrase is shared by two terms, except the names repeated on purpose."""
    owners: dict[str, set[str]] = {}
    for term in taxonomy:
        for phrase in (term.name, *term.synonyms):
            owners.setdefault(taxonomy_module._key(phrase), set()).add(term.code)
    repeated = {taxonomy_module._key(name) for name in REPEATED_NAMES}
    shared = {p: c for p, c in owners.items() if len(c) > 1 and p not in repeated}
    assert not shared


@pytest.mark.parametrize("domain", DOMAINS)
def test_screening_domain(taxonomy: Taxonomy, domain: str) -> None:
    codes = taxonomy.codes_for_domain(domain)
    assert codes
    assert all(code in taxonomy for code in codes)


def test_screening_domains_are_complete(taxonomy: Taxonomy) -> None:
    domains = taxonomy.screening_domains()
    assert {d.domain for d in domains} >= set(DOMAINS)
    for d in domains:
        assert isinstance(d, ScreeningDomain)
        assert d.instrument.startswith(("AHC HRSN", "PRAPARE"))
        assert d.label and d.phrases
    assert taxonomy.codes_for_domain("utilities") == ("103-03-02",)


def test_unknown_screening_domain(taxonomy: Taxonomy) -> None:
    with pytest.raises(ValueError, match=r'^"food_insecurty" is not a screening domain: did you'):
        taxonomy.codes_for_domain("food_insecurty")


# --------------------------------------------------------------------------------------------
# The tree
# --------------------------------------------------------------------------------------------


def test_container(small: Taxonomy) -> None:
    assert len(small) == 6
    assert [t.code for t in small] == ["101", "101-01", "102", "102-01", "102-01-01", "102-02"]
    assert "102-01" in small and "103" not in small and 102 not in small
    assert small.get("999") is None
    assert small.get("102-01") == Term(
        "102-01", "Food Pantry", "102", ("food bank", "pantry"), "Free groceries."
    )
    assert small.screening_domains() == []


@pytest.mark.parametrize(
    ("code", "children", "ancestors", "descendants"),
    [
        ("102", ["102-01", "102-02"], [], ["102-01", "102-01-01", "102-02"]),
        ("102-01", ["102-01-01"], ["102"], ["102-01-01"]),
        ("102-01-01", [], ["102-01", "102"], []),
        ("102-01-09", [], ["102-01", "102"], []),
        ("nonsense", [], [], []),
    ],
)
def test_walk(
    small: Taxonomy, code: str, children: list[str], ancestors: list[str], descendants: list[str]
) -> None:
    assert [t.code for t in small.children(code)] == children
    assert [t.code for t in small.ancestors(code)] == ancestors
    assert [t.code for t in small.descendants(code)] == descendants


@pytest.mark.parametrize(("code", "level"), [("101", 1), ("101-01", 2), ("102-01-01", 3)])
def test_level(small: Taxonomy, code: str, level: int) -> None:
    term = small.get(code)
    assert term is not None and term.level == level


def test_ancestors_of_real_term(taxonomy: Taxonomy) -> None:
    assert [t.code for t in taxonomy.ancestors("103-03-01")] == ["103-03", "103"]
    assert {t.code for t in taxonomy.descendants("103-03")} >= {"103-03-01", "103-03-03"}


# --------------------------------------------------------------------------------------------
# resolve()
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("102-04", "102-04"),
        (" 102-04 ", "102-04"),
        ("Food Pantry", "102-04"),
        ("food pantry", "102-04"),
        ("FOOD  PANTRY", "102-04"),
        ("Food Pantries", "102-04"),
        ("Addiction and Recovery", "106-01"),
        ("addiction & recovery", "106-01"),
        ("Tax Preparation", "107-07"),
        ("English Classes (ESL)", "109-03-02"),
        ("Housing", "103"),
        # Repeated names give the term nearest the top, then the first in the file.
        ("Emergency Food", "101-03"),
        ("Emergency Shelter", "101-04"),
        ("Skills and Training", "109-06"),
    ],
)
def test_resolve(taxonomy: Taxonomy, value: str, code: str) -> None:
    assert taxonomy.resolve(value) == code


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "Food Pantri",
            '"Food Pantri" is not a category in data/taxonomy.csv: '
            'did you mean "Food Pantry" (102-04)?',
        ),
        (
            "Adiction & Recovery",
            '"Adiction & Recovery" is not a category in data/taxonomy.csv: '
            'did you mean "Addiction & Recovery" (106-01)?',
        ),
        (
            "daycare",
            '"daycare" is not a category in data/taxonomy.csv: '
            'did you mean "Child Care" (108-03-01)?',
        ),
        (
            "food stamps",
            '"food stamps" is not a category in data/taxonomy.csv: '
            'did you mean "SNAP / Food Stamps" (107-03-01)?',
        ),
        (
            "106-99",
            '"106-99" is not a category in data/taxonomy.csv: '
            'did you mean "Vision Care" (106-09)?',
        ),
        (
            "xyzzy",
            '"xyzzy" is not a category in data/taxonomy.csv: give a code such as "102-04" '
            'or a name such as "Food Pantry".',
        ),
        (
            "  ",
            'A category is empty: give a code from data/taxonomy.csv such as "102-04" '
            'or a name such as "Food Pantry".',
        ),
    ],
)
def test_resolve_error(taxonomy: Taxonomy, value: str, message: str) -> None:
    with pytest.raises(ValueError) as info:
        taxonomy.resolve(value)
    assert str(info.value) == message


def test_resolve_names_the_file(small: Taxonomy, tmp_path: Path) -> None:
    assert small.resolve("shelter tonight") == "101-01"
    with pytest.raises(
        ValueError, match=r'give a code such as "101" or a name such as "Emergency"'
    ):
        small.resolve("xyzzy")
    with pytest.raises(ValueError) as info:
        small.resolve("Food Pantyr")
    path = tmp_path / "taxonomy.csv"
    assert str(info.value) == (
        f'"Food Pantyr" is not a category in {path}: did you mean "Food Pantry" (102-01)?'
    )


# --------------------------------------------------------------------------------------------
# find_in_text()
# --------------------------------------------------------------------------------------------


def _found(taxonomy: Taxonomy, text: str) -> set[str]:
    """Return each hit's code and the codes of its ancestors."""
    codes = set()
    for hit in taxonomy.find_in_text(text):
        codes.add(hit.code)
        codes.update(t.code for t in taxonomy.ancestors(hit.code))
    return codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I was evicted and have no food", {"103", "102"}),
        ("I was evicted and have no food", {"103-03-03"}),
        ("can't pay PG&E", {"103-03-02"}),
        ("cant pay pge this month", {"103-03-02"}),
        ("got a shut-off notice from the water company", {"103-03-02"}),
        ("my husband has a drinking problem", {"106-01"}),
        ("need daycare for my 2 year old", {"108-03-01"}),
        ("does anyone give out a bus pass?", {"105-01-01"}),
        ("Bus passes for seniors", {"105-01-01"}),
        ("she needs a ride to the doctor's on Tuesday", {"105-02-01"}),
        ("food stamps", {"107-03-01"}),
        ("her EBT card was stolen", {"107-03-01"}),
        ("Apply for CalFresh and WIC", {"107-03-01", "102-06-01"}),
        ("behind on rent, back rent from March", {"103-03-01"}),
        ("needs detox then rehab", {"106-01-01", "106-01-03"}),
        ("DV, unsafe at home", {"101-06-01", "101-06"}),
        ("no insurance, looking for a free clinic", {"106-05-01", "106-06-01"}),
        ("lost Medi-Cal", {"107-03-02"}),
        ("depressed and wants a therapist", {"106-07", "106-07-01"}),
        ("needs a dentist", {"106-02"}),
        ("help with my résumé and a GED class", {"110-03-02", "109-03-01"}),
        ("wants ESL", {"109-03-02"}),
        ("immigration lawyer about a green card", {"111-01-01"}),
        ("tenant rights", {"103-04-03"}),
        ("diapers and formula", {"104-01-01", "104-01-02"}),
        ("a winter coat for my son", {"104-02-01"}),
        ("phone and internet", {"104-05"}),
        ("free tax help", {"107-07"}),
        ("children's clothes", {"104-02"}),
    ],
)
def test_find_in_text(taxonomy: Taxonomy, text: str, expected: set[str]) -> None:
    assert expected <= _found(taxonomy, text)


@pytest.mark.parametrize(
    "text",
    [
        "she got scared",
        "careful with the cards",
        "rental car",
        "the foodie festival",
        "I will call you back tomorrow, thanks for your time.",
        "I'd say it is fine",
    ],
)
def test_no_match_inside_words(taxonomy: Taxonomy, text: str) -> None:
    assert taxonomy.find_in_text(text) == []


def test_hit_spans_and_phrases(taxonomy: Taxonomy) -> None:
    text = "Mom CAN'T pay PG&E; she's behind on rent."
    assert taxonomy.find_in_text(text) == [
        TermHit("103-03-02", "CAN'T pay PG&E", 4, 18),
        TermHit("103-03-01", "behind on rent", 26, 40),
    ]
    for hit in taxonomy.find_in_text(text):
        assert text[hit.start : hit.end] == hit.phrase


def test_longest_phrase_wins(taxonomy: Taxonomy) -> None:
    # "rent" alone is rent assistance; "rent control" is tenant rights, and not both.
    assert [h.code for h in taxonomy.find_in_text("rent control")] == ["103-04-03"]
    assert [h.phrase for h in taxonomy.find_in_text("adult day care")] == ["adult day care"]


def test_shared_phrase_gives_each_term(small: Taxonomy) -> None:
    hits = small.find_in_text("Shelter tonight, and a food truck")
    assert [(h.code, h.phrase) for h in hits] == [
        ("101-01", "Shelter tonight"),
        ("102-02", "Shelter tonight"),
        ("102-01-01", "food truck"),
    ]


def test_find_in_text_is_fast(taxonomy: Taxonomy) -> None:
    text = (
        "My landlord gave me a three day notice, I'm behind on rent, can't pay PG&E "
        "and need food stamps for my kids"
    )
    assert len(text.split()) == 22
    taxonomy.find_in_text(text)
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(100):
            taxonomy.find_in_text(text)
        best = min(best, (time.perf_counter() - started) / 100)
    assert best < 0.0005


# --------------------------------------------------------------------------------------------
# query_terms()
# --------------------------------------------------------------------------------------------


def test_query_terms(taxonomy: Taxonomy) -> None:
    words = taxonomy.query_terms("103-03-01")
    assert words[0] == "Rent Assistance"
    assert {"rent help", "behind on rent", "back rent"} <= set(words)
    assert len({w.casefold() for w in words}) == len(words)
    assert taxonomy.query_terms("Rent Assistance") == words


def test_query_terms_unknown_code(taxonomy: Taxonomy) -> None:
    with pytest.raises(ValueError, match="is not a category"):
        taxonomy.query_terms("999-99")


# --------------------------------------------------------------------------------------------
# Broken files
# --------------------------------------------------------------------------------------------

HEADER = "code,name,parent,synonyms,description\n"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("101,Emergency,,,\n10-1,Bad,101,,\n", 'line 3, column code: "10-1" is not a code'),
        (
            "101,Emergency,,,\n101,Again,,,\n",
            "line 3, column code: 101 is already used on line 2.",
        ),
        ("101,,,,\n", "line 2, column name: 101 has no name."),
        (
            "101,Emergency,,,\n101-01,Cash,102,,\n",
            'line 3, column parent: "102" is not the parent of 101-01: a code starts with '
            "its parent's code, so the parent must be 101.",
        ),
        (
            "101,Emergency,,,\n102-01,Cash,102,,\n",
            "line 3, column parent: 102 is not a code in this file; add it above its "
            "children or fix the parent.",
        ),
        (
            "101,Emergency,101,,\n",
            "line 2, column parent: 101 is a top-level code, so its parent must be empty, "
            'not "101".',
        ),
        (
            "101,Emergency,,,\n\n101-01,Cash, grants,101,,\n",
            "line 4: 6 fields instead of 5; put a value that contains a comma inside double "
            "quotes.",
        ),
        (
            '101,Emergency,,,"a description\nover two lines"\n101-1,Bad,101,,\n',
            'line 4, column code: "101-1" is not a code',
        ),
    ],
)
def test_broken_taxonomy(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "taxonomy.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    with pytest.raises(ValueError) as info:
        Taxonomy.load(path)
    assert str(info.value).startswith(f"{path} {message}")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "line 1: the columns must be code,name,parent,synonyms,description, not nothing."),
        (
            "id,name\n",
            "line 1: the columns must be code,name,parent,synonyms,description, not id,name.",
        ),
        (HEADER, ": no terms below the header."),
    ],
)
def test_broken_header(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "taxonomy.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError) as info:
        Taxonomy.load(path)
    assert str(info.value) == f"{path}{'' if message.startswith(':') else ' '}{message}"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Food,AHC,Food,102,", 'line 2, column domain: "Food" is not a name'),
        ("food_insecurity,AHC,Food,,ran out", "line 2, column codes: food_insecurity has no"),
        ("food_insecurity,AHC,Food,102;103,ran out", "line 2, column codes: 103 is not a code in"),
    ],
)
def test_broken_screening_domains(tmp_path: Path, row: str, message: str) -> None:
    (tmp_path / "taxonomy.csv").write_text(TERMS_CSV, encoding="utf-8")
    path = tmp_path / "screening_domains.csv"
    path.write_text(f"domain,instrument,label,codes,phrases\n{row}\n", encoding="utf-8")
    with pytest.raises(ValueError) as info:
        Taxonomy.load(tmp_path / "taxonomy.csv")
    assert str(info.value).startswith(f"{path} {message}")


def test_screening_domains_next_to_the_taxonomy(tmp_path: Path) -> None:
    (tmp_path / "taxonomy.csv").write_text(TERMS_CSV, encoding="utf-8")
    (tmp_path / "screening_domains.csv").write_text(
        "domain,instrument,label,codes,phrases\n"
        'food_insecurity,AHC HRSN core,"Food ran out, or might",102;102-01,ran out;worried\n',
        encoding="utf-8",
    )
    small = Taxonomy.load(tmp_path / "taxonomy.csv")
    assert small.screening_domains() == [
        ScreeningDomain(
            "food_insecurity",
            "AHC HRSN core",
            "Food ran out, or might",
            ("102", "102-01"),
            ("ran out", "worried"),
        )
    ]
    assert small.codes_for_domain("food_insecurity") == ("102", "102-01")


def test_missing_and_undecodable_files(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no such file"):
        Taxonomy.load(tmp_path / "nope.csv")
    path = tmp_path / "taxonomy.csv"
    path.write_bytes(HEADER.encode() + "101,Emergencia \xe1,,,\n".encode("latin-1"))
    with pytest.raises(ValueError, match="not UTF-8 text"):
        Taxonomy.load(path)


def test_bundled_files_are_the_repository_files() -> None:
    assert (DATA / "taxonomy.csv").is_file() and (DATA / "screening_domains.csv").is_file()
    assert len(Taxonomy.load(DATA / "taxonomy.csv")) == len(default_taxonomy())


def test_a_lexicon_beside_the_taxonomy_is_read_as_more_ways_of_saying(tmp_path: Path) -> None:
    (tmp_path / "taxonomy.csv").write_text(TERMS_CSV, encoding="utf-8")
    folder = tmp_path / "lexicon"
    folder.mkdir()
    code = next(iter(Taxonomy.load(tmp_path / "taxonomy.csv"))).code
    (folder / "more.csv").write_text(
        "code,language,phrase\n"
        f"{code},es,ayuda urgente ahora\n{code},en,need help right this minute\n",
        encoding="utf-8",
    )
    small = Taxonomy.load(tmp_path / "taxonomy.csv")
    assert small.get(code).lexicon == ("ayuda urgente ahora", "need help right this minute")
    assert [h.code for h in small.find_in_text("Dice que necesita ayuda urgente ahora.")] == [code]
    # Read in text, never added to a search for the term.
    assert "ayuda urgente ahora" not in small.query_terms(code)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("999,en,whatever", "more.csv line 2, column code: 999 is not a code in the taxonomy."),
        ("{code},english,whatever", 'more.csv line 2, column language: "english" is not'),
    ],
)
def test_a_broken_lexicon_names_its_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    (tmp_path / "taxonomy.csv").write_text(TERMS_CSV, encoding="utf-8")
    code = next(iter(Taxonomy.load(tmp_path / "taxonomy.csv"))).code
    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "more.csv").write_text(
        "code,language,phrase\n" + row.format(code=code) + "\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        Taxonomy.load(tmp_path / "taxonomy.csv")


def test_the_packaged_lexicon_names_known_codes_and_both_languages(taxonomy: Taxonomy) -> None:
    phrases = [(t.code, p) for t in taxonomy for p in t.lexicon]
    assert len(phrases) >= 2000
    spanish = {p for _, p in phrases if any(w in p for w in ("ñ", "á", "é", "í", "ó", "ú"))}
    assert len(spanish) >= 300
    assert {t.code for t in taxonomy if len(t.lexicon) >= 5} == {t.code for t in taxonomy}


def test_articles_do_not_keep_a_phrase_from_being_found() -> None:
    taxonomy = Taxonomy.load()
    hits = taxonomy.find_in_text("I've been sleeping on friends' couches since March")
    assert [h.phrase for h in hits] == ["sleeping on friends' couches"]
    assert (
        taxonomy.find_in_text("need place to stay")[0].code
        == taxonomy.find_in_text("need a place to stay")[0].code
    )
