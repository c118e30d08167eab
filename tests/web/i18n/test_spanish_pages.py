"""Every page in Spanish holds no English of ours: the catalog covers every visible string.

Two checks, one on what the templates say and one on what the pages show:

* **The templates**: every piece of text between tags, every visible attribute (``aria-label``,
  ``alt``, ``title``, ``placeholder``, ``data-confirm``...) and every string literal that
  reads as words goes through gettext (``_()``, ``ngettext``, ``{% trans %}``). A string
  added to a template without it fails here, on any page, whether a test renders it or not.
* **The pages**: each page of the case manager's and the admin's areas (GET of every route,
  a search with results, an assessment with results, the list and the printed list with
  items, the admin's upload review, history, quality and progress pages, the error pages)
  is rendered in Spanish from a directory written in Spanish (``data/directorio.csv``).
  Its visible text (text nodes and visible attributes), less the directory's own values
  and less what is marked ``lang="en"`` (the library's words: reasons, hours read from a
  schedule, taxonomy names, its messages), must hold no word that only our English has
  (every word of the msgids that no translation uses) and no msgid verbatim. This catches
  what the template check cannot: words made in Python (flash messages, form errors,
  hints) that skipped gettext, and module-level words translated too early.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from flask import Flask
from flask.testing import FlaskClient
from jinja2 import Environment

from referral_match import import_directory
from webapp import create_app
from webapp.i18n import TRANSLATIONS

from .conftest import ADMIN_PASSWORD, SPANISH, SPANISH_CSV

TEMPLATES = Path(__file__).resolve().parents[3] / "webapp" / "templates"
#: Attributes whose values a person sees or hears (a screen reader reads aria-label).
VISIBLE_ATTRIBUTES = {
    "aria-label",
    "alt",
    "title",
    "placeholder",
    "label",
    "data-confirm",
    "data-attribution",
    "data-label",
    "data-label-add",
    "data-label-remove",
    "data-offline",
}
#: Words of the templates that are names, not English: the site's name.
NAMES = {"referral-match"}
#: Calls whose string arguments are the text to translate.
GETTEXT_CALLS = {"_", "gettext", "ngettext", "pgettext", "npgettext"}


def _catalog(code: str = "es") -> Catalog:
    with (TRANSLATIONS / code / "LC_MESSAGES" / "messages.po").open("rb") as file:
        return read_po(file, locale=code)


def _plain(text: str) -> str:
    """Return a msgid or msgstr without its placeholders, tags and entities."""
    text = re.sub(r"%\([a-z_]+\)s|%%", " ", text)
    return re.sub(r"<[^>]+>|&[a-z]+;", " ", text)


def _words(text: str) -> list[str]:
    return [w.casefold() for w in re.findall(r"[^\W\d_]+", text)]


def english_only_words(catalog: Catalog) -> set[str]:
    """Return the words of our English that no translation uses: "the", "list", "print"."""
    english: set[str] = set()
    translated: set[str] = set()
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in ids:
            english.update(w for w in _words(_plain(text)) if len(w) > 1)
        for text in strings:
            translated.update(_words(_plain(text)))
    # The language's own words for dates ("1 may 2023") are not ours to translate.
    locale = Locale.parse(catalog.locale_identifier or "es")
    for names in (locale.months, locale.days):
        for widths in names.values():
            for width in widths.values():
                translated.update(w for name in width.values() for w in _words(name))
    return english - translated


def english_phrases(catalog: Catalog) -> set[str]:
    """Return the msgids' pieces of text (between placeholders) that translations change."""
    phrases = set()
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in ids:
            for piece in re.split(r"%\([a-z_]+\)s|<[^>]+>", text):
                piece = piece.strip(" .,:;()")
                if len(_words(piece)) >= 2 and not any(piece in s for s in strings):
                    phrases.add(piece)
    return phrases


class VisibleText(HTMLParser):
    """Collect a page's visible text and visible attributes, less what is marked English."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.html_lang = ""
        self._skipping: list[str] = []  # the tags open since an element marked lang="en"
        self._quiet = 0  # inside <script> or <style>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.html_lang = values.get("lang") or ""
            return
        void = tag in {"input", "br", "img", "meta", "link", "hr", "source", "wbr"}
        if self._skipping:
            if not void:
                self._skipping.append(tag)
            return
        if values.get("lang") == "en":
            if not void:
                self._skipping.append(tag)
            return
        if tag in ("script", "style"):
            self._quiet += 1
        for name, value in attrs:
            if value and name in VISIBLE_ATTRIBUTES:
                self.parts.append(value)
        if tag == "input" and values.get("type") in ("submit", "button", "reset"):
            self.parts.append(values.get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if self._skipping:
            # Close up to the matching open tag (HTML lets some end tags be left out).
            while self._skipping:
                if self._skipping.pop() == tag:
                    break
            return
        if tag in ("script", "style"):
            self._quiet -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping and not self._quiet:
            self.parts.append(data)


def visible(html: str) -> VisibleText:
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return parser


#: The directory's columns of words, shown as written (the others hold codes: "es", "free").
TEXT_COLUMNS = (
    "name organization description keywords address city state postal_code phones email "
    "website hours eligibility fees service_area application_process required_documents "
    "accessibility"
).split()


def directory_values() -> list[str]:
    """Return the directory's own words (every text cell, and every item of a list)."""
    with SPANISH_CSV.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    values = {row[c].strip() for row in rows for c in TEXT_COLUMNS if row[c].strip()}
    values |= {item.strip() for v in list(values) for item in v.split(";") if item.strip()}
    return sorted(values, key=len, reverse=True)  # longest first: "A; B" before "A"


class EnglishFinder:
    """Find English of ours in a page: words only our English has, msgids verbatim."""

    def __init__(self, catalog: Catalog, data: list[str]) -> None:
        self.words = english_only_words(catalog)
        self.phrases = english_phrases(catalog)
        self.data = data

    def __call__(self, html: str) -> list[str]:
        """Return what is English in the page, as "word" or "phrase" findings."""
        page = visible(html)
        found = [] if page.html_lang == "es" else [f'<html lang="{page.html_lang}">']
        text = " \n ".join(page.parts)
        for value in self.data:
            text = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", " ", text)
        for name in NAMES:
            text = text.replace(name, " ")
        found += sorted({w for w in _words(text) if w in self.words})
        found += sorted(p for p in self.phrases if p in text)
        return found


@pytest.fixture(scope="module")
def find_english() -> EnglishFinder:
    return EnglishFinder(_catalog(), directory_values())


@pytest.fixture(scope="module")
def find_english_in_reports() -> EnglishFinder:
    """The same, where a validation report names the file's columns (its own words)."""
    with SPANISH_CSV.open(encoding="utf-8") as file:
        header = next(csv.reader(file))
    return EnglishFinder(_catalog(), directory_values() + header)


# -- The templates -------------------------------------------------------------------


def _reads_as_words(literal: str) -> bool:
    """Return True for "Add to list" or "Eligible", not for "referrals.add" or "in-list"."""
    return bool(
        re.search(r"[A-Za-z]\s+[A-Za-z]", literal) or re.fullmatch(r"[A-Z][a-z]+[.:!?]?", literal)
    )


def untranslated_in_template(source: str) -> list[str]:
    """Return the words of a template that do not go through gettext.

    The template is lexed as Jinja reads it: text outside ``{% trans %}`` blocks is parsed
    as HTML (each Jinja tag standing for a value), and string literals inside tags that
    read as words must be arguments of a gettext call.
    """
    env = Environment(extensions=["jinja2.ext.i18n"])
    html: list[str] = []
    found: list[str] = []
    in_trans = False
    calls: list[str] = []  # the names of the calls the lexer is inside, innermost last
    previous: tuple[str, str] = ("", "")
    expect_block_name = False
    for _, kind, value in env.lex(source):
        if kind == "block_begin":
            expect_block_name = True
        elif kind == "name" and expect_block_name:
            expect_block_name = False
            if value == "trans":
                in_trans = True
            elif value == "endtrans":
                in_trans = False
        elif kind != "whitespace":
            expect_block_name = False
        if kind == "data":
            html.append(" " if in_trans else value)
        elif kind in ("variable_begin", "block_begin"):
            html.append("0")  # a value: no words of its own
        if (kind, value) == ("operator", "("):
            calls.append(previous[1] if previous[0] == "name" else "")
        elif (kind, value) == ("operator", ")") and calls:
            calls.pop()
        elif kind == "string" and not (calls and calls[-1] in GETTEXT_CALLS):
            if _reads_as_words(value[1:-1]):
                found.append(value)
        if kind != "whitespace":
            previous = (kind, value)
    page = VisibleText()
    page.feed("".join(html))
    page.close()
    # Attributes a macro writes outside a tag (` aria-invalid="true"`) are markup too.
    text = re.sub(r'[\w-]+="[^"<>]*"', " ", " ".join(page.parts))
    for name in NAMES:
        text = text.replace(name, " ")
    # Words, not names joined by hyphens (a class name in a block: "print-view").
    found += re.findall(r"(?<![\w-])[A-Za-z]{2,}(?![\w-])", text)
    return found


@pytest.mark.parametrize(
    "name", sorted(p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.html"))
)
def test_every_word_of_the_templates_goes_through_gettext(name: str) -> None:
    source = (TEMPLATES / name).read_text("utf-8")
    # Jinja comments say how the templates work, for developers: not shown.
    source = re.sub(r"\{#.*?#\}", "", source, flags=re.S)
    assert untranslated_in_template(source) == []


def test_the_template_check_finds_a_string_left_out() -> None:
    """The check above fails on text, attributes and literals that skip gettext."""
    assert untranslated_in_template("<p>{{ _('Call first') }}</p>") == []
    assert untranslated_in_template("{% trans n=1 %}Call {{ n }} times{% endtrans %}") == []
    assert untranslated_in_template("<p>Call us today</p>") == ["Call", "us", "today"]
    assert untranslated_in_template('<nav aria-label="Pages"></nav>') == ["Pages"]
    assert untranslated_in_template("{{ 'Remove' if x else _('Add') }}") == ["'Remove'"]
    assert untranslated_in_template("<p class=\"{{ 'in-list' }}\"></p>") == []


def test_the_page_check_finds_english_left_out(find_english: EnglishFinder) -> None:
    """The check below fails on an English word of ours, and passes the marked ones."""
    page = '<html lang="es"><p>Servicios para usted</p><p lang="en">Meets the need</p>'
    assert find_english(page) == []
    found = find_english(page + "<p>Print for the client</p>")
    assert {"print", "client", "Print for the client"} <= set(found)
    assert find_english(page + '<button aria-label="Remove">x</button>') == ["remove"]
    assert find_english('<html lang="en"><p>Hola</p>') == ['<html lang="en">']


# -- The pages ------------------------------------------------------------------------


def _get(client: FlaskClient, url: str, status: int = 200) -> str:
    response = client.get(url, headers=SPANISH)
    assert response.status_code == status, (url, response.status_code)
    return response.text


CASE_PAGES = [
    "/",
    "/?q=comida",
    "/?category=102&near=94063",
    "/?near=94063&radius=25",
    "/?q=despensa&near=94063&free=1&open_now=1&language=vi&age=90",  # nothing: hints
    "/assess/",
    "/resources/es-1",
    "/resources/es-2",  # ages, gender, groups, income, stale
    "/resources/es-3",  # no address, groups without eligibility text, never verified
    "/resources/es-4",  # temporarily closed
    "/list/",
    "/list/print",
]


@pytest.mark.parametrize("url", CASE_PAGES)
def test_the_case_managers_pages_are_all_in_spanish(
    client: FlaskClient, find_english: EnglishFinder, url: str
) -> None:
    assert find_english(_get(client, url)) == []


def test_searches_with_results_and_errors_are_in_spanish(
    client: FlaskClient, find_english: EnglishFinder
) -> None:
    page = _get(client, "/?category=102&near=94063")
    assert "resultados cerca de" in page and "Despensa Comunitaria" in page
    for url in (
        "/?radius=lejos&near=94063",
        "/?near=Nowhere%20Town%20ZZ",
        "/?age=-3&q=x",
        "/?q=despensa&language=zz",
        "/?page=x",
    ):
        html = client.get(url, headers=SPANISH, follow_redirects=True).text
        assert find_english(html) == [], url
    assert "El radio debe ser un número" in client.get("/?radius=x", headers=SPANISH).text


def test_an_assessment_with_results_the_list_and_the_printout_are_in_spanish(
    client: FlaskClient, find_english: EnglishFinder
) -> None:
    answers = {
        "near": "94063",
        "living": "none",
        "food_worry": "often",
        "safety": "frequently",  # crisis lines
        "domain": "employment",  # a need the small directory does not meet
        "other_needs": "pañales",
        "situation": "Me van a desalojar y no tengo comida",
        "language": "es",
        "age": "40",
    }
    page = client.post("/assess/", data=answers, headers=SPANISH).text
    assert 'id="referrals"' in page and "Refugio Nocturno" in page
    assert find_english(page) == []
    rid = page.split('name="list_add" value="')[1].split('"')[0]
    again = client.post("/assess/", data=answers | {"list_add": rid}, headers=SPANISH).text
    assert "a la lista de referidos" in again and find_english(again) == []
    client.post("/list/add", data={"id": "es-3"}, headers=SPANISH)
    for url in ("/list/", "/list/print"):
        html = _get(client, url)
        assert "Línea de Ayuda Alimentaria" in html
        assert find_english(html) == [], url
    # The form's own errors, and the answers kept when a field is wrong.
    wrong = client.post("/assess/", data={"age": "x", "children": "a"}, headers=SPANISH)
    assert wrong.status_code == 400 and find_english(wrong.text) == []
    assert find_english(client.post("/assess/", data={}, headers=SPANISH).text) == []


def test_list_changes_and_their_messages_are_in_spanish(
    client: FlaskClient, find_english: EnglishFinder
) -> None:
    json_headers = SPANISH | {"Accept": "application/json"}
    said = client.post("/list/add", data={"id": "es-1"}, headers=json_headers).get_json()
    assert (
        said["message"] == "Se agregó Despensa Comunitaria La Esperanza a la lista de referidos."
    )
    missing = client.post("/list/add", data={"id": "nada"}, headers=SPANISH)
    assert missing.status_code == 404 and find_english(missing.text) == []
    for path in ("/list/remove", "/list/clear", "/list/undo-clear", "/list/undo-clear"):
        message = client.post(path, data={"id": "es-1"}, headers=json_headers).get_json()
        assert find_english(f'<html lang="es"><p>{message["message"]}</p>') == [], path
    client.post("/list/add", data={"id": "es-1"})
    client.post("/list/clear")
    assert find_english(_get(client, "/list/")) == []  # "The list was cleared", Undo


def test_error_pages_are_in_spanish(
    spanish_config: dict[str, Any], tmp_path: Path, find_english: EnglishFinder
) -> None:
    app = create_app(spanish_config | {"PROPAGATE_EXCEPTIONS": False, "MAX_CONTENT_LENGTH": 10})

    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("a bug")

    client = app.test_client()
    pages = [
        client.get("/no/such/page", headers=SPANISH),
        client.get("/resources/nada", headers=SPANISH),
        client.get("/list/add", headers=SPANISH),  # 405
        client.get("/boom", headers=SPANISH),  # 500
        client.post("/list/add", data={"id": "x" * 100}, headers=SPANISH),  # 413
    ]
    assert [p.status_code for p in pages] == [404, 404, 405, 500, 413]
    guarded = create_app(spanish_config | {"WTF_CSRF_ENABLED": True}).test_client()
    pages.append(guarded.post("/list/add", data={"id": "es-1"}, headers=SPANISH))  # 400
    empty = create_app(spanish_config | {"INDEX_DIR": str(tmp_path / "none")}).test_client()
    pages.append(empty.get("/", headers=SPANISH))  # 503, the library's message marked
    assert [p.status_code for p in pages[-2:]] == [400, 503]
    for page in pages:
        assert find_english(page.text) == [], page.request.path


# -- The admin's pages ------------------------------------------------------------------


@pytest.fixture()
def admin_app(spanish_config: dict[str, Any], tmp_path: Path) -> Flask:
    """Return an app on a copy of the Spanish directory, which its tests may replace."""
    index = tmp_path / "index"
    import_directory(SPANISH_CSV, index)
    return create_app(spanish_config | {"INDEX_DIR": str(index)})


@pytest.fixture()
def admin(admin_app: Flask) -> FlaskClient:
    client = admin_app.test_client()
    response = client.post(
        "/admin/login", data={"username": "admin", "password": ADMIN_PASSWORD}, headers=SPANISH
    )
    assert response.status_code == 302
    return client


def _upload(admin: FlaskClient, data: bytes, name: str = "directorio.csv") -> str:
    response = admin.post(
        "/admin/upload",
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
        headers=SPANISH,
    )
    assert response.status_code == 303, response.text
    return str(response.headers["Location"])


def _with_bad_rows() -> bytes:
    text = SPANISH_CSV.read_text("utf-8")
    bad = "es-9,Ropero Solidario,,Ropa de invierno.,999,,active,,,,,95.5,,,,,,xx,,,,,,,,,,,,,\n"
    return (text + bad).encode()


def test_the_admins_pages_are_in_spanish(
    admin_app: Flask, admin: FlaskClient, find_english_in_reports: EnglishFinder
) -> None:
    find_english = find_english_in_reports
    anonymous = admin_app.test_client()
    assert find_english(_get(anonymous, "/admin/login")) == []
    refused = anonymous.post("/admin/login", data={"username": "x", "password": "y"})
    assert refused.status_code == 401
    pages = {"login refused": anonymous.post("/admin/login", data={}, headers=SPANISH).text}
    review = _upload(admin, _with_bad_rows())
    pages["review"] = _get(admin, review)
    assert "Rechazados" in pages["review"]
    pages["discard?"] = admin.post(review + "/discard", headers=SPANISH).text
    assert admin.post(review + "/import", headers=SPANISH).status_code == 303
    pages["index"] = _get(admin, "/admin/")
    entry = pages["index"].split('href="/admin/history/')[1].split('"')[0]
    pages["import"] = _get(admin, f"/admin/history/{entry}")
    pages["quality"] = _get(admin, "/admin/quality/")
    pages["quality by name"] = _get(admin, "/admin/quality/?sort=name")
    assert "Posibles duplicados (1)" in pages["quality"]
    for problem in (b"", b"PK\x03\x04 not a zip"):
        name = "vacio.csv" if not problem else "roto.zip"
        response = admin.post(
            "/admin/upload",
            data={"file": (io.BytesIO(problem), name)},
            content_type="multipart/form-data",
            headers=SPANISH,
        )
        pages[name] = response.text
    pages["no file"] = admin.post("/admin/upload", data={}, headers=SPANISH).text
    pages["bad format"] = admin.post(
        "/admin/upload",
        data={"file": (io.BytesIO(b"a,b\n"), "x.csv"), "format": "word"},
        content_type="multipart/form-data",
        headers=SPANISH,
    ).text
    pages["no export"] = admin.post("/admin/suggest-mapping", data={}, headers=SPANISH).text
    for what, page in pages.items():
        assert find_english(page) == [], what


@pytest.mark.parametrize(
    ("kind", "state", "fields"),
    [
        ("check", "running", {"done": 0, "total": 0}),
        ("check", "running", {"done": 10, "total": 100, "stage": "unpack"}),
        ("import", "running", {"done": 450, "total": 1000}),
        ("import", "running", {"done": 1000, "total": 1000}),
        ("check", "interrupted", {}),
        ("import", "interrupted", {}),
        ("import", "failed", {"message": "", "given": False}),
    ],
)
def test_the_progress_pages_are_in_spanish(
    admin_app: Flask,
    admin: FlaskClient,
    find_english: EnglishFinder,
    kind: str,
    state: str,
    fields: dict[str, Any],
) -> None:
    review = _upload(admin, SPANISH_CSV.read_bytes())
    folder = Path(admin_app.config["UPLOAD_DIR"]) / review.rsplit("/", 1)[1]
    job = {"kind": kind, "state": "running", "pid": os.getpid(), "started": time.time() - 7}
    job |= {"done": 0, "total": 0, "message": "", "result": "", "stage": ""} | fields
    if state == "interrupted":
        job["pid"] = 2**22 + 12345  # no such process: the server that ran it stopped
    if state == "failed":
        with admin_app.test_request_context(headers=SPANISH):
            from webapp.admin.jobs import _stopped

            job |= {"state": "failed", "message": _stopped("import")}
    (folder / "job.json").write_text(json.dumps(job), "utf-8")
    page = _get(admin, review)
    assert 'id="job"' in page
    assert find_english(page) == []
    status = admin.get(review + "/job", headers=SPANISH).get_json()
    assert find_english(f'<html lang="es"><p>{status["words"]}</p>') == []


def test_a_job_started_in_spanish_fails_in_spanish(
    admin_app: Flask, admin: FlaskClient, find_english: EnglishFinder
) -> None:
    """The background check runs in the language of the admin who started it."""
    response = admin.post(
        "/admin/upload",
        data={"file": (io.BytesIO(b"PK\x03\x04" + b"\0" * 64), "roto.zip")},
        content_type="multipart/form-data",
        headers=SPANISH,
    )
    assert response.status_code == 400  # refused by the background check, within the wait
    assert find_english(response.text) == []


def test_too_many_sign_ins_are_refused_in_spanish(
    admin_app: Flask, find_english: EnglishFinder
) -> None:
    client = admin_app.test_client()
    for _ in range(6):
        last = client.post(
            "/admin/login", data={"username": "x", "password": "y"}, headers=SPANISH
        )
    assert last.status_code == 429
    assert "minutos" in last.text and find_english(last.text) == []


def _pages_of_every_route(app: Flask) -> Iterator[str]:
    for rule in app.url_map.iter_rules():
        if "GET" in (rule.methods or ()) and not rule.arguments:
            yield rule.rule


def test_every_page_without_arguments_is_covered(admin_app: Flask) -> None:
    """Every GET route of the pages (not the APIs, the files) is among those checked here."""
    routes = {
        r
        for r in _pages_of_every_route(admin_app)
        if not r.startswith(("/api", "/hsds", "/static")) and not r.endswith(".csv")
    }
    covered = {u.split("?")[0] for u in CASE_PAGES} | {"/admin/", "/admin/login"}
    covered |= {"/admin/quality/"}
    assert routes <= covered, routes - covered
