"""Fixtures of the translation tests: a small directory written in Spanish, and its app.

The directory's own words are Spanish (``data/directorio.csv``), so that on a page in
Spanish any English left is ours or the library's, never the directory's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.security import generate_password_hash

from referral_match import import_directory
from webapp import create_app

HERE = Path(__file__).resolve().parent
SPANISH_CSV = HERE / "data" / "directorio.csv"
SPANISH = {"Accept-Language": "es"}
ADMIN_PASSWORD = "contraseña de prueba"
ADMIN_PASSWORD_HASH = generate_password_hash(ADMIN_PASSWORD, method="pbkdf2:sha256:1000")


@pytest.fixture(scope="session")
def spanish_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return an index of the Spanish test directory, built once per session."""
    index = tmp_path_factory.mktemp("spanish-index")
    report = import_directory(SPANISH_CSV, index)
    assert report.index_updated and not report.rejected, report.rejected[:3]
    return index


@pytest.fixture()
def spanish_config(spanish_index: Path, tmp_path: Path) -> dict[str, Any]:
    """Return the config of a testing app on the Spanish directory, with an admin account.

    The directory is shared by the session's tests: a test that imports makes its own.
    """
    return {
        "TESTING": True,
        "INDEX_DIR": str(spanish_index),
        "UPLOAD_DIR": str(tmp_path / "uploads"),
        "ADMIN_USERNAME": "admin",
        "ADMIN_PASSWORD_HASH": ADMIN_PASSWORD_HASH,
        "ADMIN_WAIT_SECONDS": 120,
        "LOGIN_THROTTLE_FILE": str(tmp_path / "login-failures.sqlite3"),
    }


@pytest.fixture()
def app(spanish_config: dict[str, Any]) -> Flask:
    return create_app(spanish_config)


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()
