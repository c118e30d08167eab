"""Shared fixtures: test data paths, a session-wide index of the sample directory, the app."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from werkzeug.security import generate_password_hash

from referral_match import Directory, import_directory

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SAMPLE_CSV = ROOT / "data" / "sample" / "resources.csv"
ADMIN_PASSWORD = "correct horse battery staple"
# A cheap hash: the real default (scrypt) would slow every test that signs in.
ADMIN_PASSWORD_HASH = generate_password_hash(ADMIN_PASSWORD, method="pbkdf2:sha256:1000")


@pytest.fixture(scope="session")
def flat_dir() -> Path:
    """Return the folder of small flat CSV files, good and deliberately broken."""
    return DATA / "flat"


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return an index folder holding the sample directory, built once per session."""
    index = tmp_path_factory.mktemp("sample-index")
    report = import_directory(SAMPLE_CSV, index)
    assert report.index_updated and not report.rejected, report.rejected[:3]
    return index


@pytest.fixture(scope="session")
def sample_directory(sample_index: Path) -> Iterator[Directory]:
    """Return the sample directory, opened once per session."""
    directory = Directory.open(sample_index)
    yield directory
    directory.close()


@pytest.fixture()
def good_index(tmp_path: Path, flat_dir: Path) -> Path:
    """Return a fresh index folder holding tests/data/flat/good.csv."""
    index = tmp_path / "index"
    report = import_directory(flat_dir / "good.csv", index)
    assert report.index_updated
    return index


@pytest.fixture(scope="session")
def datasets() -> Path:
    """Return $REFERRAL_MATCH_DATASETS, or skip when the real datasets are not there."""
    value = os.environ.get("REFERRAL_MATCH_DATASETS")
    if not value or not Path(value).is_dir():
        pytest.skip("REFERRAL_MATCH_DATASETS is not set to the shared datasets folder")
    return Path(value)


@pytest.fixture()
def admin_config(good_index: Path, tmp_path: Path) -> dict[str, Any]:
    """Return the config of a testing app with an admin account (ADMIN_PASSWORD).

    Uploads go to tmp_path; checks and imports finish before the page answers.
    """
    return {
        "TESTING": True,
        "INDEX_DIR": str(good_index),
        "UPLOAD_DIR": str(tmp_path / "uploads"),
        "ADMIN_USERNAME": "admin",
        "ADMIN_PASSWORD_HASH": ADMIN_PASSWORD_HASH,
        "ADMIN_WAIT_SECONDS": 120,
    }


@pytest.fixture()
def admin_password() -> str:
    """Return the admin password of ``admin_config``."""
    return ADMIN_PASSWORD
