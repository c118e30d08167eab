"""A zipped package opens through the safe unpacker: a hostile zip ends in a message."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from sources.zip_corpus import CORPUS, CSV, Case

from referral_match.cli import main
from referral_match.errors import SourceError
from referral_match.hsds.package_files import is_package_zip, open_package
from referral_match.sources.archive import ZipLimits, ZipRefused

HSDS = Path(__file__).resolve().parents[1] / "data" / "hsds"


def package_zip(tmp_path: Path) -> Path:
    archive = tmp_path / "package.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted((HSDS / "v3").iterdir()):
            zf.write(path, f"export/{path.name}")
        zf.writestr("__MACOSX/export/._services.csv", b"\x00\x05\x16\x07")
    return archive


def test_a_zip_opens_as_the_folder_inside_it_and_is_gone_after(tmp_path: Path) -> None:
    with open_package(package_zip(tmp_path)) as folder:
        assert folder.name == "export" and (folder / "services.csv").is_file()
        assert not (folder.parent / "__MACOSX").exists()
    assert not folder.exists()


def test_open_package_takes_its_limits(tmp_path: Path) -> None:
    with pytest.raises(ZipRefused, match="at most 3 are accepted") as refused:
        with open_package(package_zip(tmp_path), ZipLimits(max_entries=3)):
            pass
    assert refused.value.limit == "max_entries"


@pytest.mark.parametrize("case", CORPUS, ids=lambda case: case.id)
def test_every_hostile_zip_is_a_source_error(tmp_path: Path, case: Case) -> None:
    archive = tmp_path / f"{case.id}.zip"
    archive.write_bytes(case.data)
    with pytest.raises(SourceError) as refused:
        with open_package(archive):
            pass
    assert case.message in refused.value.message
    assert list(tmp_path.iterdir()) == [archive]


@pytest.mark.parametrize("case", CORPUS, ids=lambda case: case.id)
def test_validate_refuses_every_hostile_zip_in_one_line(tmp_path: Path, case: Case) -> None:
    archive = tmp_path / f"{case.id}.zip"
    archive.write_bytes(case.data)
    result = CliRunner().invoke(
        main, ["--index", str(tmp_path / "index"), "validate", str(archive)]
    )
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)  # a ClickException, not a crash
    assert result.output.startswith(f"Error: {case.id}.zip ")
    assert case.message in result.output


CRASHED = ["deep-path", "long-name", "symlink", "file-and-folder", "lying-sizes", "ratio-bomb"]


def test_the_command_line_never_shows_a_traceback(tmp_path: Path) -> None:
    """Run the zips that used to crash it through the real command, side by side."""
    runs = []
    for number, case in enumerate(c for c in CORPUS if c.id in CRASHED):
        archive = tmp_path / f"{case.id}.zip"
        archive.write_bytes(case.data)
        command = "import" if number % 2 else "validate"
        index = tmp_path / f"index-{case.id}"  # one each: an import locks its index
        process = subprocess.Popen(
            [sys.executable, "-m", "referral_match", "--index", str(index), command, str(archive)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        runs.append((case, process))
    # Every process is waited for before any assert, so that none is left running.
    ended = [(case, process, *process.communicate(timeout=60)) for case, process in runs]
    for case, process, out, err in ended:
        assert process.returncode == 1, (case.id, err)
        assert "Traceback" not in err and "Traceback" not in out, (case.id, err)
        assert err.startswith(f"Error: {case.id}.zip ") and case.message in err, err


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("package.zip", b"not a zip at all", True),  # so the unpacker says what it is
        ("package.csv", None, True),  # a zip of tables, whatever its name
        ("empty.csv", b"PK\x05\x06" + bytes(18), True),  # an empty zip is no spreadsheet
        ("book.xlsx", "[Content_Types].xml", False),  # Excel: the CSV reader explains
        ("sheet.ods", "mimetype", False),  # LibreOffice
        ("workbook.csv", b"PK\x03\x04binary-xlsx-content", False),  # not a zip: CSV reader
    ],
)
def test_what_is_read_as_a_zipped_package(
    tmp_path: Path, name: str, content: bytes | str | None, expected: bool
) -> None:
    path = tmp_path / name
    if content is None or isinstance(content, str):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as zf:
            zf.writestr(content or "services.csv", CSV)
        content = out.getvalue()
    path.write_bytes(content)
    assert is_package_zip(path) is expected
