"""The sign-in throttle: counts kept in SQLite, shared by every process serving the site."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from flask import Flask

from webapp import create_app
from webapp.admin.throttle import THROTTLE_FILE, LoginThrottle, throttle_for


class Clock:
    """A wall clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_failures_block_an_address_until_the_window_passes(tmp_path: Path) -> None:
    clock = Clock()
    throttle = LoginThrottle(str(tmp_path / "t.sqlite3"), limit=3, window=60, clock=clock)
    for _ in range(3):
        assert not throttle.blocked("10.0.0.1")
        throttle.failed("10.0.0.1")
        clock.now += 10
    assert throttle.blocked("10.0.0.1") and not throttle.blocked("10.0.0.2")
    clock.now += 31  # the first failure is now older than the window
    assert not throttle.blocked("10.0.0.1")
    throttle.failed("10.0.0.1")
    assert throttle.blocked("10.0.0.1")
    throttle.succeeded("10.0.0.1")
    assert not throttle.blocked("10.0.0.1")


def test_throttles_on_one_file_share_their_counts_across_processes(tmp_path: Path) -> None:
    database = str(tmp_path / "shared.sqlite3")
    here = LoginThrottle(database, limit=4)
    here.failed("10.0.0.1")
    here.failed("10.0.0.1")
    # Two more failures recorded by another process, as another worker would.
    script = (
        "import sys; from webapp.admin.throttle import LoginThrottle; "
        "t = LoginThrottle(sys.argv[1], limit=4); t.failed('10.0.0.1'); t.failed('10.0.0.1')"
    )
    root = Path(__file__).resolve().parents[3]
    subprocess.run([sys.executable, "-c", script, database], check=True, cwd=root)
    assert here.blocked("10.0.0.1")
    # And a restarted server still remembers them.
    assert LoginThrottle(database, limit=4).blocked("10.0.0.1")


def test_the_file_is_in_the_instance_folder_unless_configured(tmp_path: Path) -> None:
    app = Flask(__name__, instance_path=str(tmp_path / "instance"))
    (tmp_path / "instance").mkdir()
    throttle_for(app).failed("10.0.0.1")
    assert (tmp_path / "instance" / THROTTLE_FILE).exists()
    app.config["LOGIN_THROTTLE_FILE"] = str(tmp_path / "elsewhere.sqlite3")
    throttle_for(app).failed("10.0.0.1")
    assert (tmp_path / "elsewhere.sqlite3").exists()


def test_apps_in_testing_mode_never_share_failures(good_index: Path) -> None:
    def make() -> Flask:
        return create_app({"TESTING": True, "INDEX_DIR": str(good_index)})

    first, second = make(), make()
    for _ in range(5):
        first.extensions["referral_match_login_throttle"].failed("127.0.0.1")
    assert first.extensions["referral_match_login_throttle"].blocked("127.0.0.1")
    assert not second.extensions["referral_match_login_throttle"].blocked("127.0.0.1")
