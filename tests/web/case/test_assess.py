"""The needs assessment: screening answers -> profile -> referrals per need; nothing kept."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict

from referral_match import default_taxonomy
from webapp import create_app
from webapp.case import assess as assess_module
from webapp.case import screening

DOMAINS = default_taxonomy().screening_domains()


@pytest.fixture(scope="module")
def app(sample_index: Path) -> Flask:
    return create_app({"TESTING": True, "INDEX_DIR": str(sample_index)})


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def assess(client: FlaskClient, status: int = 200, **answers: object) -> str:
    response = client.post("/assess/", data=answers)
    assert response.status_code == status, response.get_data(as_text=True)[:3000]
    assert response.headers["Cache-Control"] == "no-store"
    return response.get_data(as_text=True)


def test_form_asks_the_core_and_supplemental_domains(client: FlaskClient) -> None:
    html = client.get("/assess/").get_data(as_text=True)
    assert 'method="post"' in html
    for title in ("Housing", "Food", "Transportation", "Utilities", "Safety"):
        assert f'<span class="domain">{title}</span>' in html
    supplemental = screening.supplemental(DOMAINS)
    assert len(supplemental) == 8
    for domain in supplemental:
        assert f'name="domain" value="{domain.domain}"' in html
    for field in ("near", "radius", "age", "gender", "household", "income", "language-0"):
        assert f'<label for="{field}">' in html
    assert 'name="veteran" value="yes"' in html


@pytest.mark.parametrize(
    ("answers", "needs"),
    [
        ({"living": "steady", "food_worry": "never", "transport": "no"}, []),
        ({"living": "worried"}, ["housing_instability"]),
        ({"home_problems": ["mold", "leaks"]}, ["housing_instability"]),
        ({"food_worry": "never", "food_ran_out": "sometimes"}, ["food_insecurity"]),
        ({"utilities": "shut_off", "safety": "rarely"}, ["utilities"]),
        ({"safety": "frequently", "transport": "yes"}, ["transportation", "interpersonal_safety"]),
        ({"domain": ["employment", "not_a_domain"]}, ["employment"]),
        ({"other_needs": "dental care, diapers; "}, ["dental care", "diapers"]),
    ],
)
def test_answers_become_needs(answers: dict[str, object], needs: list[str]) -> None:
    assert screening.read_form(MultiDict(answers), DOMAINS).needs == needs


def test_client_facts_become_the_profile() -> None:
    form = MultiDict(
        [
            ("living", "none"),
            ("near", " 94063 "),
            ("radius", "5"),
            ("age", "67"),
            ("gender", "female"),
            ("household", "3"),
            ("children", "7, 2"),
            ("income", "$24,000"),
            ("language", "es"),
            ("language", ""),
            ("veteran", "no"),
            ("insurance", "medicaid"),
            ("population", "pregnant"),
            ("situation", "Evicted last week."),
        ]
    )
    assessment = screening.read_form(form, DOMAINS)
    assert assessment.errors == {}
    assert assessment.profile == {
        "needs": ["housing_instability"],
        "text": "Evicted last week.",
        "location": "94063",
        "radius_miles": 5.0,
        "age": 67,
        "gender": "female",
        "household_size": 3,
        "children_ages": [7, 2],
        "annual_income": 24000.0,
        "languages": ["es"],
        "veteran": False,
        "insurance": "medicaid",
        "populations": ["pregnant", "homeless"],
    }


def test_referrals_are_grouped_by_need_best_first_with_reasons(client: FlaskClient) -> None:
    html = assess(client, near="94063", age="67", living="none", food_worry="often")
    housing = html.split('id="need-1"')[1].split('id="need-2"')[0]
    food = html.split('id="need-2"')[1]
    assert ">Housing</h3>" in housing and ">Food</h3>" in food.split("</h3>")[0] + "</h3>"
    # Each need's group comes from that need: shelters for housing, not soup kitchens.
    first_housing = housing.split('<ul class="reasons"')[1].split("</li>")[0]
    assert "Meets &#34;Housing&#34;: offers" in first_housing
    assert "meal" not in first_housing
    assert "Meets &#34;Food&#34;" in food
    shown = html.split('id="referrals"')[1].replace('value="housing_instability"', "")
    assert "housing_instability" not in shown.replace('name="as:housing_instability"', "")
    assert "One stop for several needs" in html
    assert '<span class="badge passed">Eligible</span>' in html
    assert 'value="94063"' in html and 'value="67"' in html  # the answers stay in the form


def test_a_parent_gets_services_for_their_child(client: FlaskClient) -> None:
    answers = {"near": "94303", "age": "41", "household": "2", "other_needs": "after school"}
    without = assess(client, **answers)
    html = assess(client, children="9", **answers)
    assert "the client has a child of 9" in html and "After-School Program" in html
    assert "the client has a child of 9" not in without
    assert 'value="9"' in html  # the answer stays in the form


def test_safety_answers_show_crisis_lines(client: FlaskClient) -> None:
    assert "1-800-799-7233" in assess(client, near="94063", safety="frequently")
    assert "1-800-799-7233" not in assess(client, near="94063", food_worry="often")


@pytest.mark.parametrize(
    ("situation", "line"),
    [
        ("She says she wants to kill herself.", "988"),
        ("Su esposo le pega y la amenazó con matarla.", "1-800-799-7233"),
        ("Her brother overdosed at home last week.", "1-800-222-1222"),
    ],
)
def test_crisis_words_in_the_situation_show_the_lines_whatever_was_ticked(
    client: FlaskClient, situation: str, line: str
) -> None:
    html = assess(client, near="94063", food_worry="often", situation=situation)
    assert 'id="crisis-lines"' in html and line in html
    calm = assess(client, near="94063", food_worry="often", situation="killing time")
    assert 'id="crisis-lines"' not in calm


def test_situation_text_alone_is_enough(client: FlaskClient) -> None:
    html = assess(client, near="94063", situation="She has no food and was evicted.")
    assert "(from the situation)" in html


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        ({"near": "94063"}, "needs", "The screening found no need"),
        ({"living": "none", "age": "old"}, "age", "The age must be a whole number"),
        ({"living": "none", "age": "150"}, "age", "The age must be a whole number from 0 to 120."),
        ({"living": "none", "household": "0"}, "household", "The household size must be"),
        ({"living": "none", "income": "lots"}, "income", "The annual income must be a number"),
        ({"living": "none", "near": "Nowhere, ZZ"}, "near", "is not a place we know"),
        ({"living": "none", "radius": "-3"}, "radius", "The radius cannot be negative."),
        ({"living": "none", "children": "2, two"}, "children", "must be whole numbers"),
        ({"living": "none", "children": "2, 19"}, "children", "The children&#39;s ages must be"),
        (
            {"living": "none", "household": "1", "children": "4"},
            "household",
            "The household size must count the client and the 1 child given",
        ),
    ],
)
def test_bad_answers_are_shown_next_to_their_field(
    client: FlaskClient, answers: dict[str, str], field: str, message: str
) -> None:
    html = assess(client, 400, **answers)
    assert f'<a href="#{field}">' in html and message in html
    assert f'id="{field}-error"' in html
    assert "Referrals" not in html.split("</form>")[1]


def test_list_buttons_post_the_answers_again_and_keep_the_results(client: FlaskClient) -> None:
    answers = {"near": "94063", "living": "none"}
    html = assess(client, **answers)
    rid = html.split('name="list_add" value="')[1].split('"')[0]
    again = assess(client, **answers, list_add=rid)
    assert "to the referral list." in again and "Referrals near" in again
    assert f'name="list_remove" value="{rid}"' in again
    assert '<span class="count" data-list-count>1</span>' in again
    with client.session_transaction() as session:
        assert dict(session) == {"referrals": [rid]}  # ids only: no answer is kept
    removed = assess(client, **answers, list_remove=rid)
    assert '<span class="count" data-list-count>0</span>' in removed


def test_the_profile_is_never_written_to_disk_or_logs(
    client: FlaskClient, app: Flask, sample_index: Path, caplog: pytest.LogCaptureFixture
) -> None:
    def files() -> dict[str, float]:
        roots = (Path(app.instance_path), sample_index)
        return {str(p): p.stat().st_mtime for root in roots for p in root.rglob("*")}

    before = files()
    with caplog.at_level(logging.DEBUG):
        assess(client, near="94063", income="12345", situation="zebra-secret wants food")
        assess(client, 400, near="94063", age="zebra-age")
    assert files() == before
    assert "zebra" not in caplog.text and "12345" not in caplog.text
    with client.session_transaction() as session:
        assert "zebra" not in str(dict(session))


def test_how_each_need_was_understood_is_shown_and_can_be_corrected(client: FlaskClient) -> None:
    html = assess(client, near="94063", other_needs="bed")
    assert "Understood as Furniture &amp; Beds (from its words)." in html
    assert 'name="as:bed" form="assess-form"' in html
    fixed = assess(client, near="94063", other_needs="bed", **{"as:bed": "101-04"})
    assert "Understood as Emergency Shelter (as chosen)" in fixed
    dropped = assess(client, near="94063", other_needs="bed, food", **{"as:bed": "none"})
    assert 'name="as:bed"' not in dropped and 'name="as:food"' in dropped


def test_services_that_only_share_words_are_shown_apart(client: FlaskClient) -> None:
    html = assess(client, near="94063", other_needs="showers")
    referrals = html.split('id="referrals"')[1]
    assert '<details class="also-nearby">' in referrals
    also = referrals.split('<details class="also-nearby">')[1].split("</details>")[0]
    groups = referrals.split('<details class="also-nearby">')[0]
    # What is listed apart meets no need, so it is in no group of referrals.
    also_ids = set(re.findall(r'href="/resources/([^"#?]+)"', also))
    group_ids = set(re.findall(r'href="/resources/([^"#?]+)"', groups))
    assert also_ids and group_ids and not also_ids & group_ids


def test_place_and_radius_say_their_examples_in_words_not_as_placeholders(
    client: FlaskClient,
) -> None:
    html = client.get("/assess/").get_data(as_text=True)
    assert "placeholder=" not in html.split('id="needs"')[0]
    near = html.split('<label for="near">')[1].split("</label>")[0]
    radius = html.split('<label for="radius">')[1].split("</label>")[0]
    assert "e.g. 94063 or Redwood City, CA" in near
    assert "Within (miles)" in radius and "10 if blank" in radius


def test_an_error_sits_between_the_label_and_the_box(client: FlaskClient) -> None:
    html = assess(client, 400, near="94063", radius="far", age="old", living="none")
    for name in ("radius", "age"):
        field = html.split(f'<label for="{name}">')[1].split("</div>")[0]
        assert field.index(f'id="{name}-error"') < field.index(f'<input id="{name}"'), name


def test_the_referrals_heading_takes_the_focus(client: FlaskClient) -> None:
    html = assess(client, near="94063", living="none")
    assert '<h2 tabindex="-1" data-focus-on-load id="referrals">' in html
    assert "data-focus-on-load" not in client.get("/assess/").get_data(as_text=True)


def group_html(html: str, n: int) -> str:
    return html.split(f'id="need-{n}"')[1].split("</section>")[0]


def test_each_need_shows_its_best_few_and_the_rest_behind_show_more(
    client: FlaskClient,
) -> None:
    html = assess(client, near="94063", living="none")
    housing = group_html(html, 1)
    first, more = housing.split('<details class="more-results">')
    assert first.count('<article class="result"') == assess_module.FIRST_SHOWN == 3
    rest = assess_module.PER_NEED - assess_module.FIRST_SHOWN
    summary = f'<summary>Show {rest} more<span class="visually-hidden"> for Housing</span>'
    assert summary in more
    assert more.count('<article class="result"') == rest
    assert '<ol class="results" start="4">' in more


def test_show_more_stays_open_when_a_list_button_in_it_was_used(client: FlaskClient) -> None:
    answers = {"near": "94063", "living": "none"}
    housing = group_html(assess(client, **answers), 1)
    hidden = housing.split('<details class="more-results">')[1]
    rid = hidden.split('name="list_add" value="')[1].split('"')[0]
    again = group_html(assess(client, **answers, list_add=rid), 1)
    assert '<details class="more-results" open>' in again
    shown = housing.split('<details class="more-results">')[0]
    first_rid = shown.split('name="list_add" value="')[1].split('"')[0]
    other = group_html(assess(client, **answers, list_add=first_rid), 1)
    assert '<details class="more-results">' in other
