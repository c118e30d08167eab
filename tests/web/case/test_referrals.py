"""The referral list: add and remove from any page, print view, CSV export with formulas off."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from referral_match import import_directory
from webapp import create_app
from webapp.case import export
from webapp.case.referrals import MAX_ITEMS, date_words

JSON = {"Accept": "application/json"}


@pytest.fixture(scope="module")
def app(sample_index: Path) -> Flask:
    return create_app({"TESTING": True, "INDEX_DIR": str(sample_index)})


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def listed(client: FlaskClient) -> list[str]:
    with client.session_transaction() as session:
        return list(session.get("referrals", []))


def test_add_from_a_page_comes_back_to_it(client: FlaskClient) -> None:
    back = "/?q=food&near=94063#r-smc-0152"
    response = client.post("/list/add", data={"id": "smc-0152", "next": back})
    assert response.status_code == 303 and response.headers["Location"] == back
    assert listed(client) == ["smc-0152"]
    client.post("/list/add", data={"id": "smc-0152"})  # twice is once
    assert listed(client) == ["smc-0152"]
    html = client.get("/?q=food&near=94063").get_data(as_text=True)
    assert '<span class="count" data-list-count>1</span>' in html
    assert 'data-list-id="smc-0152" data-in-list="true"' in html


def test_javascript_gets_json(client: FlaskClient) -> None:
    added = client.post("/list/add", data={"id": "smc-0001"}, headers=JSON)
    assert added.json == {
        "count": 1,
        "in_list": True,
        "message": "Added Food Pantry to the referral list.",
    }
    removed = client.post("/list/remove", data={"id": "smc-0001"}, headers=JSON)
    assert removed.json is not None and removed.json["in_list"] is False
    assert removed.json["count"] == 0
    missing = client.post("/list/add", data={"id": "nope"}, headers=JSON)
    assert missing.status_code == 404
    assert missing.json == {
        "count": 0,
        "in_list": False,
        "message": 'There is no resource "nope" in the directory.',
    }


def test_unknown_resource_without_javascript_is_a_404_page(client: FlaskClient) -> None:
    response = client.post("/list/add", data={"id": "nope"})
    assert response.status_code == 404
    assert "There is no resource &#34;nope&#34; in the directory." in response.get_data(
        as_text=True
    )


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x", ""]
)
def test_next_must_be_on_this_site(client: FlaskClient, target: str) -> None:
    response = client.post("/list/add", data={"id": "smc-0152", "next": target})
    assert response.headers["Location"] == "/list/"


def test_the_list_has_a_limit(client: FlaskClient) -> None:
    with client.session_transaction() as session:
        session["referrals"] = [f"smc-{n:04d}" for n in range(1, MAX_ITEMS + 1)]
    response = client.post("/list/add", data={"id": "smc-0152"})
    assert response.status_code == 400
    assert f"The list holds {MAX_ITEMS} referrals at most" in response.get_data(as_text=True)


def test_list_page_remove_and_clear(client: FlaskClient) -> None:
    assert "The list is empty." in client.get("/list/").get_data(as_text=True)
    for rid in ("smc-0152", "smc-0001"):
        client.post("/list/add", data={"id": rid})
    with client.session_transaction() as session:
        session["referrals"] = [*session["referrals"], "gone-from-directory"]
    html = client.get("/list/").get_data(as_text=True)
    assert "Community Kitchen" in html and "Food Pantry" in html
    assert "no longer in the directory (<code>gone-from-directory</code>)" in html
    assert 'href="/list/print"' in html and 'href="/list/export.csv"' in html
    client.post("/list/remove", data={"id": "smc-0152", "next": "/list/"})
    assert listed(client) == ["smc-0001", "gone-from-directory"]
    assert client.post("/list/clear").status_code == 303
    assert listed(client) == []


def test_print_view_has_what_the_client_takes_away(client: FlaskClient) -> None:
    client.post("/list/add", data={"id": "smc-0152"})
    html = client.get("/list/print").get_data(as_text=True)
    for expected in (
        "<h2>Community Kitchen</h2>",
        "<dt>Address</dt><dd>1421 Bayfront Pkwy, Room 4, Redwood City, CA 94063</dd>",
        "<dt>Phone</dt><dd>(650) 555-0120</dd>",
        "<dt>Hours</dt><dd>Every day 5 pm–6:30 pm</dd>",
        "<dt>What to bring</dt><dd>None required</dd>",
        "<dt>How to apply</dt><dd>Just come in during meal times.</dd>",
        'href="/static/print.css" media="print"',
    ):
        assert expected in html, expected


def test_csv_export(client: FlaskClient) -> None:
    for rid in ("smc-0152", "smc-0022"):
        client.post("/list/add", data={"id": rid})
    response = client.get("/list/export.csv")
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="referrals-')
    assert response.headers["Cache-Control"] == "no-store"
    assert response.data.startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads UTF-8
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert [r["name"] for r in rows] == ["Community Kitchen", "Diaper Distribution"]
    assert rows[0]["what_to_bring"] == "None required"
    assert rows[1]["phones"] == "(650) 555-0101; (650) 555-0138"


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1 650 555 0100", "'+1 650 555 0100"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Food = life", "Food = life"),
        ("", ""),
    ],
)
def test_formulas_are_neutralised(value: str, cell: str) -> None:
    assert export.neutralise(value) == cell


def test_formulas_from_a_directory_are_neutralised_in_the_export(tmp_path: Path) -> None:
    source = tmp_path / "formulas.csv"
    source.write_text(
        "id,name,organization,eligibility,application_process,postal_code\n"
        'f-1,"=cmd|\' /C calc\'!A0",@Org,-1+1,"+call us",94063\n',
        "utf-8",
    )
    assert import_directory(source, tmp_path / "index").imported == 1
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index")}).test_client()
    client.post("/list/add", data={"id": "f-1"})
    row = next(csv.DictReader(io.StringIO(client.get("/list/export.csv").text.lstrip("\ufeff"))))
    assert row["name"] == "'=cmd|' /C calc'!A0"
    assert row["organization"] == "'@Org"
    assert row["eligibility"] == "'-1+1"
    assert row["how_to_apply"] == "'+call us"


def test_session_cookie_is_first_party_and_hidden_from_scripts(client: FlaskClient) -> None:
    cookie = client.post("/list/add", data={"id": "smc-0152"}).headers["Set-Cookie"]
    assert cookie.startswith("session=") and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_clearing_looks_destructive_and_asks_first(client: FlaskClient) -> None:
    client.post("/list/add", data={"id": "smc-0152"})
    html = client.get("/list/").get_data(as_text=True)
    form = html.split('action="/list/clear"')[1].split("</form>")[0]
    assert 'data-confirm="Clear all 1 referral from the list?"' in form
    assert '<button type="submit" class="danger">Clear the list</button>' in form


def test_a_cleared_list_can_be_brought_back_without_javascript(client: FlaskClient) -> None:
    for rid in ("smc-0152", "smc-0001"):
        client.post("/list/add", data={"id": rid})
    cleared = client.post("/list/clear", follow_redirects=True).get_data(as_text=True)
    assert "The list is empty." in cleared
    assert "The list was cleared (2 referrals)." in cleared
    assert 'action="/list/undo-clear"' in cleared and ">Undo<" in cleared
    assert listed(client) == []
    response = client.post("/list/undo-clear")
    assert response.status_code == 303 and response.headers["Location"] == "/list/"
    assert listed(client) == ["smc-0152", "smc-0001"]
    back = client.get("/list/").get_data(as_text=True)
    assert "Community Kitchen" in back and "The list was cleared" not in back
    assert client.post("/list/undo-clear").status_code == 303  # twice does nothing more
    assert listed(client) == ["smc-0152", "smc-0001"]


@pytest.mark.parametrize(
    ("change", "data"),
    [("/list/add", {"id": "smc-0022"}), ("/list/remove", {"id": "smc-0152"})],
)
def test_the_next_change_forgets_the_cleared_list(
    client: FlaskClient, change: str, data: dict[str, str]
) -> None:
    client.post("/list/add", data={"id": "smc-0152"})
    client.post("/list/clear")
    with client.session_transaction() as session:
        assert session["referrals_cleared"] == ["smc-0152"]
    client.post(change, data=data)
    with client.session_transaction() as session:
        assert "referrals_cleared" not in session
    assert "The list was cleared" not in client.get("/list/").get_data(as_text=True)
    client.post("/list/undo-clear")
    assert "smc-0152" not in listed(client)


def test_print_view_has_email_who_hours_what_to_bring_how_to_apply_and_the_date(
    client: FlaskClient,
) -> None:
    client.post("/list/add", data={"id": "smc-0102"})  # Meals on Wheels
    before = dt.date.today()
    html = client.get("/list/print").get_data(as_text=True)
    days = {before, dt.date.today()}  # the test may run over midnight
    assert any(f"Printed {d.day} {d:%B %Y}." in html for d in days)
    for expected in (
        "<dt>Email</dt><dd>hello@marigold-senior.example.org</dd>",
        "<dt>Who</dt><dd>Ages 60 and over; Homebound adults 60+, or younger adults with a"
        " disability</dd>",
        "<dt>Hours</dt><dd>Mon–Fri 8 am–2 pm</dd>",
        "<dt>What to bring</dt><dd>None required, a nutrition assessment is done at home</dd>",
        "<dt>How to apply</dt><dd>Call for a home assessment;",
    ):
        assert expected in html, expected


def test_unknown_hours_say_call_first_on_the_list_and_on_paper(client: FlaskClient) -> None:
    client.post("/list/add", data={"id": "smc-0119"})  # no hours given
    hours = '<dt>Hours</dt><dd><span class="no-hours">Hours not listed: call first</span></dd>'
    assert hours in client.get("/list/").get_data(as_text=True)
    assert hours in client.get("/list/print").get_data(as_text=True)


@pytest.mark.parametrize(
    ("day", "words"),
    [(dt.date(2026, 12, 3), "3 December 2026"), (dt.date(2027, 1, 21), "21 January 2027")],
)
def test_dates_on_paper_are_in_words(day: dt.date, words: str) -> None:
    assert date_words(day) == words
