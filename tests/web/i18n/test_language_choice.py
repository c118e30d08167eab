"""Which language a page is in: Accept-Language, the switch (remembered), the printout's.

English without an Accept-Language or a choice; the browser's language when we have it;
the switch on every page overrides both for the session; the printed list is in the
language the assessment named for the client. Dates and numbers follow the language.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from babel.dates import format_date
from flask import Flask
from flask.testing import FlaskClient

from webapp.localized import count, date_in_words, language_name, miles, short_date

from .conftest import SPANISH


def _lang(html: str) -> str:
    found = re.search(r'<html lang="([^"]+)">', html)
    assert found, html[:200]
    return found.group(1)


def test_without_a_language_asked_the_pages_are_english(client: FlaskClient) -> None:
    page = client.get("/").text
    assert _lang(page) == "en" and "<h1>Find services</h1>" in page


@pytest.mark.parametrize(
    ("accept", "lang"),
    [
        ("es", "es"),
        ("es-MX,es;q=0.9,en;q=0.5", "es"),
        ("es-US", "es"),
        ("en-US,en;q=0.9", "en"),
        ("fr-FR", "en"),  # no French catalog: English
        ("fr-FR, es;q=0.4", "es"),
        ("de, en;q=0.8, es;q=0.9", "es"),
    ],
)
def test_the_browsers_language_is_the_default(client: FlaskClient, accept: str, lang: str) -> None:
    page = client.get("/assess/", headers={"Accept-Language": accept}).text
    assert _lang(page) == lang
    heading = {"en": "<h1>Needs assessment</h1>", "es": "<h1>Evaluación de necesidades</h1>"}
    assert heading[lang] in page


def test_every_page_has_the_switch_and_it_works_without_javascript(client: FlaskClient) -> None:
    page = client.get("/?q=comida").text
    form = page.split('<form class="language-switch"')[1].split("</form>")[0]
    assert 'method="post" action="/language"' in form
    assert '<input type="hidden" name="next" value="/?q=comida">' in form
    assert '<button type="submit" name="language" value="es" lang="es">Español</button>' in form
    answer = client.post("/language", data={"language": "es", "next": "/?q=comida"})
    assert answer.status_code == 303 and answer.headers["Location"] == "/?q=comida"
    assert _lang(client.get("/?q=comida").text) == "es"


def test_the_switch_overrides_the_browser_and_is_remembered(client: FlaskClient) -> None:
    assert _lang(client.get("/", headers=SPANISH).text) == "es"
    client.post("/language", data={"language": "en", "next": "/list/"})
    for url in ("/", "/list/", "/assess/", "/resources/es-1", "/admin/login"):
        assert _lang(client.get(url, headers=SPANISH).text) == "en", url
    with client.session_transaction() as session:
        assert session["language"] == "en"
    client.post("/language", data={"language": "es"})
    assert _lang(client.get("/list/").text) == "es"  # without any Accept-Language


@pytest.mark.parametrize(
    ("language", "next_page"),
    [("xx", "/list/"), ("", "/list/"), ("es", "https://evil.example/"), ("es", "//evil.example")],
)
def test_the_switch_takes_only_our_languages_and_our_pages(
    client: FlaskClient, language: str, next_page: str
) -> None:
    answer = client.post("/language", data={"language": language, "next": next_page})
    assert answer.status_code == 303
    assert answer.headers["Location"] in ("/list/", "/")
    expected = "es" if language == "es" else "en"
    assert _lang(client.get("/").text) == expected


def test_the_apis_answer_in_english(client: FlaskClient) -> None:
    client.post("/language", data={"language": "es"})
    missing = client.get("/api/v1/nothing", headers=SPANISH).get_json()
    assert missing["error"]["message"].startswith("There is nothing at /api/v1/nothing")


def test_the_switch_on_the_assessment_keeps_the_answers(client: FlaskClient) -> None:
    answers = {"near": "94063", "living": "none", "other_needs": "pañales"}
    # On the empty form (or one being filled in): the same form, filled in, in Spanish.
    page = client.post("/assess/", data=answers | {"ui_language": "es"}).text
    assert _lang(page) == "es" and 'value="pañales"' in page
    assert 'id="referrals"' not in page and "error-summary" not in page
    # With the results shown: the results again, in Spanish.
    shown = client.post("/assess/", data=answers | {"ui_language": "en"}).text
    assert _lang(shown) == "en"
    results = client.post("/assess/", data=answers).text
    assert 'name="shown" value="results"' in results
    again = client.post("/assess/", data=answers | {"shown": "results", "ui_language": "es"})
    assert _lang(again.text) == "es" and "Referidos cerca de" in again.text
    assert 'value="pañales"' in again.text
    # Its switch buttons carry the form: without JavaScript too, the answers go with them.
    assert 'name="ui_language" value="en" lang="en" form="assess-form"' in again.text


def test_the_printout_is_in_the_clients_language(client: FlaskClient) -> None:
    client.post("/list/add", data={"id": "es-1"})
    page = client.get("/list/print").text
    assert _lang(page) == "en" and "Each service's own details" not in page
    # The assessment names Spanish: the printout is in Spanish, the pages stay English.
    client.post("/assess/", data={"near": "94063", "living": "none", "language": "es"})
    listing = client.get("/list/").text
    assert _lang(listing) == "en" and "The printout is in Spanish" in listing
    printout = client.get("/list/print").text
    assert _lang(printout) == "es" and "<h1>Servicios para usted</h1>" in printout
    assert "tal como los escribió el directorio" in printout
    assert "Despensa Comunitaria La Esperanza" in printout  # the directory's words as written
    # The case manager can still print it in another language.
    assert _lang(client.get("/list/print?lang=en").text) == "en"
    # The next client speaks Vietnamese, which has no catalog: the pages' language.
    client.post("/assess/", data={"near": "94063", "living": "none", "language": "vi"})
    assert _lang(client.get("/list/print").text) == "en"
    with client.session_transaction() as session:
        assert "client_language" not in session


def test_the_printout_date_is_written_as_the_language_writes_it(client: FlaskClient) -> None:
    client.post("/list/add", data={"id": "es-1"})
    before = dt.date.today()
    english = client.get("/list/print").text
    spanish = client.get("/list/print?lang=es").text
    days = {before, dt.date.today()}
    assert any(f"Printed {d.day} {d:%B %Y}." in english for d in days)
    assert any(f"Impreso el {format_date(d, 'long', locale='es')}." in spanish for d in days)


def test_dates_numbers_and_languages_follow_the_page(app: Flask) -> None:
    day = dt.date(2026, 12, 3)
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert (short_date(day), date_in_words(day)) == ("2026-12-03", "3 December 2026")
        assert (count(12345), miles(2.46), language_name("es")) == ("12,345", "2.5", "Spanish")
    with app.test_request_context(headers=SPANISH):
        assert (short_date(day), date_in_words(day)) == ("3 dic 2026", "3 de diciembre de 2026")
        assert (count(12345), miles(2.46), language_name("es")) == ("12.345", "2,5", "español")
        assert language_name("ase") == "lengua de señas americana"


def test_a_spanish_results_page_formats_its_numbers(client: FlaskClient) -> None:
    page = client.get("/?category=102&near=94063", headers=SPANISH).text
    assert re.search(r"\d,\d mi", page)  # "0,6 mi"
    assert "Verificado por última vez el 1 oct 2026" in page
