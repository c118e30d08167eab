"""Sharing the list in Chromium: email and text links, the case manager's note, QR codes."""

from __future__ import annotations

from urllib.parse import unquote

from conftest import Visit
from playwright.sync_api import expect


def test_share_the_list_and_print_it_with_the_note_and_qr_codes(visit: Visit) -> None:
    page = visit.page
    for count, rid in enumerate(("smc-0152", "smc-0001"), start=1):
        visit.goto(f"/resources/{rid}")
        page.locator("button.list-toggle").first.click()
        # The add is posted in the background: wait for it before leaving the page.
        expect(page.locator("[data-list-count]")).to_have_text(str(count))
    visit.external.clear()  # the resource pages' map tiles; the list and printout ask none
    visit.goto("/list/")

    email = page.get_by_role("link", name="Email the list").get_attribute("href") or ""
    assert email.startswith("mailto:?subject=Services%20for%20you&body=")
    body = unquote(email.split("&body=", 1)[1])
    assert body.startswith("1. Community Kitchen\r\nHarvest Table Community Kitchen\r\n")
    assert "\r\n\r\n2. Food Pantry\r\n" in body and "Phone: (650) 555-0100" in body
    text = page.get_by_role("link", name="Send as a text message").get_attribute("href") or ""
    assert text.startswith("sms:?&body=")
    assert unquote(text.removeprefix("sms:?&body=")).splitlines()[1:] == [
        "1. Community Kitchen: (650) 555-0120; 1421 Bayfront Pkwy, Room 4, Redwood City, CA 94063",
        "2. Food Pantry: (650) 555-0100; 3165 Lupine Ave, Daly City, CA 94014",
    ]

    # The case manager's form, with the keyboard alone: it folds out from its summary.
    page.get_by_role("button", name="Clear the list").focus()
    page.keyboard.press("Tab")
    summary = page.locator("details.case-manager > summary")
    expect(summary).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Your name")).to_be_focused()
    page.keyboard.type("Ana Reyes")
    page.keyboard.press("Tab")
    page.keyboard.type("(650) 555-0199")
    page.keyboard.press("Tab")
    expect(page.locator("#cm_note")).to_be_focused()
    page.keyboard.type("Bring your ID. <b>Tuesday</b>")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Save for the printout")).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="Saved")).to_be_visible()
    expect(page.get_by_label("Your name")).to_have_value("Ana Reyes")
    assert visit.axe_violations() == []
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.set_viewport_size({"width": 1280, "height": 900})

    with page.expect_navigation():
        page.get_by_role("link", name="Print for the client").click()
    note = page.locator(".case-manager-note")
    expect(note).to_contain_text("Your case manager: Ana Reyes, phone (650) 555-0199")
    expect(note).to_contain_text("Note: Bring your ID. <b>Tuesday</b>")  # as typed, as text
    codes = page.locator(".printout svg.qr-code")
    expect(codes).to_have_count(2)
    expect(
        page.get_by_role("img", name="QR code of the page of Food Pantry on this site")
    ).to_be_visible()
    assert visit.axe_violations() == []
    page.emulate_media(media="print")
    box = codes.first.bounding_box()
    assert box is not None and box["width"] == box["height"]
    assert 100 <= box["width"] <= 125  # 3 cm is 113 CSS px
    expect(note).to_be_visible()
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert visit.external == [] and visit.errors == []
