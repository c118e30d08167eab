"""A case manager works in Spanish: switch, assess, add to the list, print (issue 14)."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect


def test_an_assessment_in_spanish_ends_in_a_spanish_printout(visit: Any) -> None:
    page = visit.page
    visit.goto("/assess/")
    assert page.locator("html").get_attribute("lang") == "en"
    # The switch is a button of its own, reached with the keyboard like any other.
    switch = page.get_by_role("button", name="Español")
    switch.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("html").get_attribute("lang") == "es"
    expect(page.get_by_role("heading", level=1)).to_have_text("Evaluación de necesidades")
    page.get_by_label("Código postal o Ciudad, ST").fill("94063")
    page.get_by_label("Ningún lugar estable").check()
    page.get_by_label("Idioma preferido").select_option("es")
    with page.expect_navigation():
        page.get_by_role("button", name="Buscar referidos", exact=True).click()
    expect(page.locator("#referrals")).to_contain_text("Referidos cerca de")
    first = page.locator("button[data-list-id]").first
    first.click()  # app.js adds it in the background, and says so in Spanish
    expect(first.locator(".list-label")).to_have_text("Quitar de la lista")
    expect(page.locator("#list-status")).to_contain_text("a la lista de referidos")
    expect(page.locator("[data-list-count]")).to_have_text("1")
    visit.goto("/list/")
    expect(page.locator("main")).to_contain_text("La impresión sale en español")
    with page.expect_navigation():
        page.get_by_role("link", name="Imprimir para el cliente").click()
    assert page.locator("html").get_attribute("lang") == "es"
    main = page.locator("main")
    expect(main.get_by_role("heading", level=1)).to_have_text("Servicios para usted")
    expect(main).to_contain_text("Impreso el")
    expect(main).to_contain_text("tal como los escribió el directorio")
    expect(main.locator(".printout dt").first).to_have_text("Dirección")
    assert page.locator(".printout > li").count() == 1
    assert visit.external == [] and visit.errors == []
    assert visit.axe_violations() == []
