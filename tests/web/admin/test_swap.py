"""A search issued while an admin import swaps the index still answers."""

from __future__ import annotations

import io
import threading
from pathlib import Path
from typing import Any

from webapp import create_app

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = (ROOT / "data" / "sample" / "resources.csv").read_bytes()


def test_searches_answer_while_an_import_swaps_the_index(
    admin_config: dict[str, Any], admin_password: str
) -> None:
    app = create_app(admin_config)
    admin = app.test_client()
    admin.post("/admin/login", data={"username": "admin", "password": admin_password})
    review = admin.post(
        "/admin/upload",
        data={"file": (io.BytesIO(SAMPLE), "resources.csv")},
        content_type="multipart/form-data",
    ).headers["Location"]
    searcher = app.test_client()
    assert "Community Food Pantry" in searcher.get("/?q=food").text

    outcome: dict[str, int] = {}
    importer = threading.Thread(
        target=lambda: outcome.update(status=admin.post(review + "/import").status_code)
    )
    importer.start()
    statuses = []
    while importer.is_alive() or len(statuses) < 3:
        statuses.append(searcher.get("/?q=food&near=94063").status_code)
        statuses.append(searcher.get("/api/v1/search?q=food").status_code)
    importer.join()
    assert outcome["status"] == 303
    assert set(statuses) == {200}, statuses
    after = searcher.get("/api/v1/search?q=food").get_json()
    assert after["total"] > 0
    assert "Community Food Pantry" not in searcher.get("/?q=food").text  # the new directory
