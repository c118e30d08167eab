"""Sharing the list: the email and text message links, QR codes, the case manager's note."""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import segno
from flask import Flask, url_for
from flask.testing import FlaskClient

from referral_match import Directory
from webapp import create_app
from webapp.case import share

TWO = ("smc-0152", "smc-0001")  # Community Kitchen, Food Pantry
EMAIL_BODY = """\
1. Community Kitchen
Harvest Table Community Kitchen
Phone: (650) 555-0120
Address: 1421 Bayfront Pkwy, Room 4, Redwood City, CA 94063
Hours: Every day 5 pm–6:30 pm
Website: https://harvest-table.example.org/free-meals

2. Food Pantry
Second Loaf Food Network
Phone: (650) 555-0100
Address: 3165 Lupine Ave, Daly City, CA 94014
Hours: Sat 9 am–noon
Website: https://second-loaf.example.org/food-pantry

Call before you go: hours and rules can change."""
TEXT_MESSAGE = """\
Services for you
1. Community Kitchen: (650) 555-0120; 1421 Bayfront Pkwy, Room 4, Redwood City, CA 94063
2. Food Pantry: (650) 555-0100; 3165 Lupine Ave, Daly City, CA 94014"""
NOTE = "Bring your ID and a letter with your address. <script>alert('x')</script>"


@pytest.fixture(scope="module")
def app(sample_index: Path) -> Flask:
    return create_app({"TESTING": True, "INDEX_DIR": str(sample_index)})


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def add(client: FlaskClient, *ids: str) -> None:
    for rid in ids:
        assert client.post("/list/add", data={"id": rid}).status_code == 303


def hrefs(page: str, scheme: str) -> list[str]:
    """Return the page's links of a scheme (mailto, sms), as the browser reads them."""
    return [html.unescape(h) for h in re.findall(rf'href="({scheme}:[^"]*)"', page)]


def mailto_parts(href: str) -> dict[str, str]:
    """Return a mailto link's fields, decoded, with the body's CRLFs as newlines."""
    assert href.startswith("mailto:?")
    query = href.removeprefix("mailto:?")
    assert "\n" not in query and " " not in query  # all of it percent-encoded
    fields = dict(part.split("=", 1) for part in query.split("&"))
    return {k: unquote(v).replace("\r\n", "\n") for k, v in fields.items()}


def sms_body(href: str) -> str:
    assert href.startswith("sms:?&body=")
    encoded = href.removeprefix("sms:?&body=")
    assert "&" not in encoded and " " not in encoded
    return unquote(encoded)


def case_manager(client: FlaskClient) -> object:
    with client.session_transaction() as session:
        return session.get("case_manager")


# -- Email and text message ----------------------------------------------------------


def test_the_email_link_holds_the_list_as_plain_text(client: FlaskClient) -> None:
    add(client, *TWO)
    page = client.get("/list/").text
    (href,) = hrefs(page, "mailto")
    assert mailto_parts(href) == {"subject": "Services for you", "body": EMAIL_BODY}
    assert "%0D%0A%0D%0A2.%20Food%20Pantry" in href  # RFC 6068 line breaks
    assert ">Email the list</a>" in page
    assert "The email holds the first" not in page


def test_the_text_message_link_holds_names_phones_and_addresses(client: FlaskClient) -> None:
    add(client, *TWO)
    page = client.get("/list/").text
    (href,) = hrefs(page, "sms")
    assert sms_body(href) == TEXT_MESSAGE
    assert ">Send as a text message</a>" in page


def test_unknown_hours_say_call_first_in_the_email(client: FlaskClient) -> None:
    add(client, "smc-0119")  # no hours given
    body = mailto_parts(hrefs(client.get("/list/").text, "mailto")[0])["body"]
    assert "\nHours not listed: call first\n" in body


def test_a_long_list_is_shortened_and_says_how_many_more(
    client: FlaskClient, sample_directory: Directory
) -> None:
    ids = [r.id for r in sample_directory.resources()][:50]
    with client.session_transaction() as session:
        session["referrals"] = ids
    page = client.get("/list/").text
    (email,) = hrefs(page, "mailto")
    (text,) = hrefs(page, "sms")
    for href, body in ((email, mailto_parts(email)["body"]), (text, sms_body(text))):
        assert len(href) <= share.MAX_URL
        more = re.search(r"And (\d+) more — see the printed list\.", body)
        assert more, body[-200:]
        shown = len(re.findall(r"^\d+\. ", body, re.MULTILINE))
        assert shown >= 3 and shown + int(more.group(1)) == 50
        names = [sample_directory.get(rid).name for rid in ids[:shown]]  # type: ignore[union-attr]
        assert re.findall(r"^\d+\. ([^:\n]+)", body, re.MULTILINE) == names  # the first ones
    shown = len(re.findall(r"^\d+\. ", mailto_parts(email)["body"], re.MULTILINE))
    assert f"The email holds the first {shown} services; the printed list has them all." in page


def test_a_service_too_long_for_any_link_leaves_only_the_count(
    app: Flask, sample_directory: Directory
) -> None:
    import dataclasses

    resource = sample_directory.get("smc-0152")
    assert resource is not None
    huge = dataclasses.replace(resource, website="https://example.org/" + "x" * 2000)
    with app.test_request_context():
        link = share.email_link([huge, huge])
    assert (link.shown, link.total, link.shortened) == (0, 2, True)
    assert "2 services — see the printed list." in mailto_parts(link.href)["body"]


# -- QR codes --------------------------------------------------------------------------


def dark_modules(svg: str) -> set[tuple[int, int]]:
    """Read back which modules an SVG from segno paints dark (its stroked path)."""
    (path,) = re.findall(r'<path stroke="#000" d="([^"]+)"', svg)
    x = y = 0.0
    dark = set()
    for op, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", path):
        if op == "M":
            x, y = float(a), float(b)
        elif op == "m":
            x, y = x + float(a), y + float(b)
        else:
            dark |= {(int(x) + i, int(y)) for i in range(int(a))}
            x += float(a)
    return dark


def modules_of(url: str, border: int = 4) -> set[tuple[int, int]]:
    """Return the dark modules of the QR code segno makes of this URL."""
    matrix = segno.make_qr(url, error=share.QR_ERROR).matrix
    return {
        (col + border, row + border)
        for row, line in enumerate(matrix)
        for col, bit in enumerate(line)
        if bit
    }


def test_each_service_on_the_printout_has_a_qr_code_of_its_page(
    app: Flask, client: FlaskClient
) -> None:
    add(client, *TWO)
    page = client.get("/list/print").text
    figures = re.findall(r'<figure class="qr">(<svg .*?</svg>)<figcaption>([^<]+)<', page)
    assert len(figures) == 2
    with app.test_request_context():
        urls = [url_for("resources.show", resource_id=rid, _external=True) for rid in TWO]
    assert urls[0] == "http://localhost/resources/smc-0152"
    for (svg, caption), url, name in zip(
        figures, urls, ("Community Kitchen", "Food Pantry"), strict=True
    ):
        assert dark_modules(svg) == modules_of(url)
        assert dark_modules(svg) != modules_of(url + "x")  # the check tells URLs apart
        assert f'role="img" aria-label="QR code of the page of {name} on this site"' in svg
        assert 'class="qr-code"' in svg and 'viewBox="0 0 ' in svg and "width=" not in svg
        assert caption == "Scan for this service's page"
    assert "<img" not in page and "data:image" not in page  # drawn in the page, fetched never


def test_the_qr_code_label_is_escaped(app: Flask) -> None:
    svg = share.qr_code("http://localhost/resources/x", 'A "quoted" <name>')
    assert 'aria-label="A &#34;quoted&#34; &lt;name&gt;"' in svg


# -- The case manager's name, phone and note -----------------------------------------


def save(client: FlaskClient, **fields: str) -> object:
    return client.post("/list/note", data=fields)


def test_the_note_shows_on_the_printout_escaped(client: FlaskClient) -> None:
    add(client, *TWO)
    response = save(client, cm_name="Ana <i>Reyes</i>", cm_phone="(650) 555-0199", cm_note=NOTE)
    assert response.status_code == 303  # type: ignore[attr-defined]
    assert response.headers["Location"] == "/list/?saved=1#case-manager"  # type: ignore[attr-defined]
    page = client.get("/list/print").text
    assert "<p>Your case manager: Ana &lt;i&gt;Reyes&lt;/i&gt;, phone (650) 555-0199</p>" in page
    assert (
        "<strong>Note:</strong> Bring your ID and a letter with your address. "
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>"
    ) in page
    assert "<script>alert" not in page
    listing = client.get("/list/?saved=1").text
    assert "Saved: the printout shows them." in listing
    assert '<details class="case-manager" id="case-manager" open>' in listing
    assert 'value="Ana &lt;i&gt;Reyes&lt;/i&gt;"' in listing and "&lt;script&gt;alert" in listing


@pytest.mark.parametrize(
    ("fields", "line"),
    [
        ({"cm_name": "Ana Reyes"}, "<p>Your case manager: Ana Reyes</p>"),
        ({"cm_phone": "650 555 0199"}, "<p>Your case manager's phone: 650 555 0199</p>"),
    ],
)
def test_name_or_phone_alone(client: FlaskClient, fields: dict[str, str], line: str) -> None:
    add(client, TWO[0])
    save(client, **fields)
    page = client.get("/list/print").text
    assert line in page and "Note:" not in page


def test_a_note_keeps_its_lines_and_loses_control_characters(client: FlaskClient) -> None:
    save(client, cm_name="  Ana\tReyes\x00 ", cm_note="  Monday 9 am.\r\nBring ID.\x07  ")
    assert case_manager(client) == {
        "name": "Ana Reyes",
        "phone": "",
        "note": "Monday 9 am.\nBring ID.",
    }


def test_too_long_is_refused_with_what_was_typed(client: FlaskClient) -> None:
    add(client, TWO[0])
    listing = client.get("/list/").text
    for name, most in (("cm_name", 60), ("cm_phone", 30), ("cm_note", 300)):
        assert f'name="{name}"' in listing and f'maxlength="{most}"' in listing
    response = save(client, cm_name="Ana", cm_note="x" * 301)
    assert response.status_code == 400  # type: ignore[attr-defined]
    page = response.text  # type: ignore[attr-defined]
    assert "Note for the client can be 300 characters at most; it has 301." in page
    assert 'aria-invalid="true" aria-describedby="cm_note-error"' in page
    assert "x" * 301 + "</textarea>" in page and 'value="Ana"' in page  # nothing lost
    assert case_manager(client) is None  # nothing kept
    assert "Your case manager" not in client.get("/list/print").text


def test_blank_forgets(client: FlaskClient) -> None:
    save(client, cm_name="Ana")
    assert case_manager(client) == {"name": "Ana", "phone": "", "note": ""}
    save(client, cm_name=" ", cm_phone="", cm_note="")
    assert case_manager(client) is None


def test_the_note_is_gone_when_the_list_is_cleared(client: FlaskClient) -> None:
    add(client, *TWO)
    save(client, cm_name="Ana Reyes", cm_note=NOTE)
    client.post("/list/clear")
    assert case_manager(client) is None
    client.post("/list/undo-clear")  # the list comes back, the note for that client does not
    assert "Your case manager" not in client.get("/list/print").text
    assert "Bring your ID" not in client.get("/list/").text


def test_the_note_is_kept_nowhere_but_the_session(
    app: Flask, client: FlaskClient, sample_index: Path, caplog: pytest.LogCaptureFixture
) -> None:
    marker = "Note-4f1c9e-for-the-client"
    caplog.set_level(logging.DEBUG)
    add(client, *TWO)
    save(client, cm_name=f"{marker} name", cm_phone="650", cm_note=marker)
    assert marker in client.get("/list/print").text
    assert marker not in caplog.text
    for folder in (Path(app.instance_path), sample_index):
        for file in folder.rglob("*"):
            if file.is_file():
                assert marker.encode() not in file.read_bytes(), file


def test_the_longest_note_with_a_full_list_still_fits_the_cookie(client: FlaskClient) -> None:
    with client.session_transaction() as session:
        # Open Referral ids are often UUIDs; the cookie must stay under the browsers' 4 KB.
        session["referrals"] = [f"{n:08x}-1b2c-4d5e-8f90-a1b2c3d4e5f6" for n in range(50)]
    cjk = "".join(chr(0x4E00 + n * 37) for n in range(300))
    response = save(client, cm_name=cjk[:60], cm_phone=cjk[:30], cm_note=cjk)
    cookie = response.headers["Set-Cookie"]  # type: ignore[attr-defined]
    assert len(cookie.split(";")[0]) < 4000  # werkzeug warns (an error here) past 4093


def test_a_stale_token_shows_the_form_again_filled_in(sample_index: Path) -> None:
    guarded = create_app(
        {"TESTING": True, "WTF_CSRF_ENABLED": True, "INDEX_DIR": str(sample_index)}
    )
    client = guarded.test_client()
    page = client.get("/resources/smc-0152").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    client.post("/list/add", data={"id": "smc-0152", "csrf_token": token.group(1)})
    stale = client.post(
        "/list/note", data={"cm_name": "Ana", "cm_note": "Call me", "csrf_token": "x"}
    )
    assert stale.status_code == 400
    assert "security token had expired" in stale.text
    assert 'value="Ana"' in stale.text and ">Call me</textarea>" in stale.text
    assert case_manager(client) is None
    fresh = client.post(
        "/list/note", data={"cm_name": "Ana", "cm_note": "Call me", "csrf_token": token.group(1)}
    )
    assert fresh.status_code == 303
    assert case_manager(client) == {"name": "Ana", "phone": "", "note": "Call me"}


def test_the_share_links_stay_on_the_list_page_only(client: FlaskClient) -> None:
    add(client, *TWO)
    printout = client.get("/list/print").text
    assert not hrefs(printout, "mailto") and not hrefs(printout, "sms")
    assert urlsplit(hrefs(client.get("/list/").text, "mailto")[0]).scheme == "mailto"
