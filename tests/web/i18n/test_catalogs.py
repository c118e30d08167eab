"""The catalogs in webapp/translations/: complete, compiled, up to date, shipped.

Every msgid of messages.pot has a translation in every language (each plural form, none
fuzzy, the same placeholders); each committed .mo is what its .po compiles to; the .pot
holds what the templates and code mark today; and the package data ships them.
"""

from __future__ import annotations

import configparser
import fnmatch
import io
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from webapp import catalogs, create_app
from webapp.i18n import SOURCE_LANGUAGE, TRANSLATIONS, catalog_languages

ROOT = Path(__file__).resolve().parents[3]
TEMPLATE = TRANSLATIONS / "messages.pot"
LANGUAGES = [code for code in catalog_languages() if code != SOURCE_LANGUAGE]


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=locale)


def _ids(catalog: Catalog) -> set[object]:
    return {m.id for m in catalog if m.id}


def test_there_is_a_catalog_besides_english() -> None:
    assert "es" in LANGUAGES
    for code in LANGUAGES:
        assert (TRANSLATIONS / code / "LC_MESSAGES" / "messages.po").is_file()


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_msgid_is_translated(code: str) -> None:
    template = _read(TEMPLATE)
    catalog = _read(TRANSLATIONS / code / "LC_MESSAGES" / "messages.po", code)
    assert _ids(template) == _ids(catalog), "run: python -m webapp.catalogs update"
    untranslated = []
    for message in catalog:
        if not message.id:
            continue
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(form.strip() for form in forms):
            untranslated.append(message.id)
        if isinstance(message.id, tuple):
            assert len(forms) == catalog.num_plurals, message.id
    assert untranslated == []
    # Placeholders the same as the msgid's, % signs doubled where they must be.
    problems = [(m.id, errors) for m, errors in catalog.check()]
    assert problems == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_compiled_catalog_is_up_to_date(code: str) -> None:
    folder = TRANSLATIONS / code / "LC_MESSAGES"
    compiled = io.BytesIO()
    write_mo(compiled, _read(folder / "messages.po", code))
    committed = (folder / "messages.mo").read_bytes()
    assert compiled.getvalue() == committed, "run: python -m webapp.catalogs compile"


def test_the_template_holds_what_the_code_marks_today(tmp_path: Path) -> None:
    fresh = tmp_path / "messages.pot"
    import os

    here = Path.cwd()
    os.chdir(ROOT)
    try:
        CommandLineInterface().run(["pybabel", "-q", *catalogs.extract_args(fresh)])
    finally:
        os.chdir(here)
    assert _ids(_read(fresh)) == _ids(_read(TEMPLATE)), "run: python -m webapp.catalogs extract"


def test_a_third_language_is_only_a_catalog(tmp_path: Path) -> None:
    """A folder with a compiled catalog adds a language: the switch offers it."""
    folder = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS, folder)
    shutil.copytree(folder / "es", folder / "fr")  # stands for a French translation
    assert catalog_languages(folder) == ["en", "es", "fr"]
    app = create_app({"TESTING": True, "BABEL_TRANSLATION_DIRECTORIES": str(folder)})
    page = app.test_client().get("/admin/login", headers={"Accept-Language": "fr"}).text
    assert '<html lang="fr">' in page
    assert 'value="en" lang="en">English</button>' in page
    assert 'value="es" lang="es">Español</button>' in page


def test_the_package_ships_the_catalogs() -> None:
    """setup.cfg's package data takes the .pot, the .po and the compiled .mo files."""
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    patterns = [p.strip() for p in config["options.package_data"]["webapp"].split(",")]
    webapp = ROOT / "webapp"
    files = [p.relative_to(webapp).as_posix() for p in TRANSLATIONS.rglob("*") if p.is_file()]
    assert any(f.endswith(".mo") for f in files)
    for name in files:
        assert any(fnmatch.fnmatch(name, pattern) for pattern in patterns), name
