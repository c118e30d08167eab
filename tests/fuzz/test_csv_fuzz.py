"""Hostile CSV files, made by Hypothesis: validation ends in a report or a clean error.

Every generated file is written to disk and run through what ``referral-match validate``
runs (``import_directory`` with ``dry_run=True``). Whatever the bytes, the only exceptions
are the library's own, with a message an admin can read; and every row read is either
valid or rejected. Files made from known rows are also counted here, independently of the
reader. The examples are derandomized, so that a failure in CI happens again locally.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from referral_match import ReferralMatchError, import_directory
from referral_match.report import ImportReport

FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

COLUMNS = [
    "id",
    "description",
    "categories",
    "status",
    "address",
    "city",
    "state",
    "postal_code",
    "latitude",
    "longitude",
    "phones",
    "email",
    "website",
    "hours",
    "languages",
    "min_age",
    "max_age",
    "eligibility",
    "cost",
    "service_area",
    "last_verified",
    "Favourite Colour",
]
#: Letters every Western encoding tested here has, none of them a space in any encoding a
#: guess could choose: counting blank rows stays unambiguous.
LEGACY_LETTERS = "éèàçñüöäßÉÑ"
NASTY = [
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    '=HYPERLINK("http://example.invalid","x")',
    '"',
    '""',
    "a,b;c\td|e",
    "line\nbreak",
    "carriage\rreturn",
    "\x00",
    "\ufeff",
    "  ",
    "94063",
    "37.48",
    "999",
    "-122.2",
    "Mon-Fri 9am-5pm",
    "en, es",
    "food pantry",
    "free",
    "active",
    "0",
    "18",
    "2099-01-01",
]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]
DELIMITERS = [",", ";", "\t", "|"]


def cell(encoding: str) -> st.SearchStrategy[str]:
    """Return a strategy for one cell's text, encodable in the encoding."""
    if encoding.startswith("utf"):
        letters = st.characters(exclude_categories=("Cs",))
    else:
        letters = st.characters(min_codepoint=0x20, max_codepoint=0x7E) | st.sampled_from(
            LEGACY_LETTERS
        )
    return st.one_of(
        st.text(letters, max_size=30),
        st.sampled_from(NASTY if encoding.startswith("utf") else NASTY[:-15]),
        st.integers(0, 20_000).map(lambda n: "x" * n),
        st.just(""),
    )


@st.composite
def known_rows(draw: st.DrawFn) -> tuple[bytes, str, int]:
    """Return a file made from known rows, its encoding and how many rows are not blank."""
    encoding = draw(st.sampled_from(ENCODINGS))
    delimiter = draw(st.sampled_from(DELIMITERS))
    header = ["name", "organization", *draw(st.lists(st.sampled_from(COLUMNS), unique=True))]
    header = draw(st.permutations(header))
    rows = draw(
        st.lists(
            st.lists(cell(encoding), max_size=len(header) + 3)
            | st.just([])  # a blank line
            | st.just([" "] * len(header)),  # only delimiters and spaces
            max_size=25,
        )
    )
    text = io.StringIO()
    # As Excel writes (CRLF, quotes where needed), or as scripts do (LF, quotes everywhere):
    # a line break inside a cell is always quoted.
    excel = draw(st.booleans())
    writer = csv.writer(
        text,
        delimiter=delimiter,
        lineterminator="\r\n" if excel else "\n",
        quoting=csv.QUOTE_MINIMAL if excel else csv.QUOTE_ALL,
    )
    writer.writerow(header)
    writer.writerows(rows)
    data = text.getvalue().encode(encoding)
    if encoding == "utf-8" and draw(st.booleans()):
        data = codecs.BOM_UTF8 + data
    nonblank = sum(1 for row in rows if any(c.strip() for c in row))
    return data, encoding, nonblank


@st.composite
def mangled(draw: st.DrawFn) -> bytes:
    """Return a file from known rows, cut, spliced with raw bytes, or raw bytes alone."""
    data = draw(known_rows())[0]
    junk = st.binary(max_size=300) | st.sampled_from(
        [
            b'"',
            b'"unclosed,',
            b"\x00",
            b"\x81\x8d\x8f\x90\x9d",
            b"\xe9",
            b"\xc3",
            b"\xff\xfe",
            b"\xef\xbb\xbf",
            b"\r",
            b"\n\n\n",
            b",,,,,,,,,,",
            b"PK\x03\x04",
            "\ud800".encode("utf-16-le", "surrogatepass"),
        ]
    )
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "cut", "replace"]))
        if action == "insert":
            data = data[:at] + draw(junk) + data[at:]
        elif action == "cut":
            data = data[:at]
        else:
            data = data[:at] + draw(junk) + data[at + draw(st.integers(0, 50)) :]
    return draw(st.just(data) | st.binary(max_size=2000))


_names = itertools.count()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a folder for the generated files (Hypothesis runs many examples per test)."""
    return tmp_path_factory.mktemp("fuzz")


def validate(folder: Path, data: bytes) -> ImportReport | None:
    """Validate the bytes as a file; return the report, or None after a clean error."""
    path = folder / f"fuzz-{next(_names)}.csv"
    path.write_bytes(data)
    try:
        report = import_directory(path, folder / "index", dry_run=True)
    except ReferralMatchError as exc:
        assert_a_sentence(exc.message)
        return None
    finally:
        path.unlink()
    row_problems = {(p.file, p.line) for p in report.rejected if p.line not in (None, 1)}
    assert report.imported + len(row_problems) == report.total_rows
    for problem in [*report.rejected, *report.warnings]:
        assert_a_sentence(problem.message)
    return report


def assert_a_sentence(message: str) -> None:
    assert isinstance(message, str) and len(message) > 10, message
    assert message.rstrip().endswith((".", "?", '."', ".)")), message
    assert "Traceback" not in message


@FUZZ
@given(known_rows())
def test_files_of_known_rows_count_every_row(folder: Path, made: tuple[bytes, str, int]) -> None:
    data, encoding, nonblank = made
    report = validate(folder, data)
    binary = b"\x00" in data[: 64 * 1024] and encoding != "utf-16"
    assert report is not None or binary, "only a NUL byte makes such a file unreadable"
    if report is not None:
        assert report.total_rows == nonblank


@FUZZ
@given(mangled())
def test_mangled_files_end_in_a_report_or_a_clean_error(folder: Path, data: bytes) -> None:
    validate(folder, data)


def nasty_files(folder: Path) -> dict[str, bytes]:
    """Return files each of which made `validate` crash or hang once."""
    header = b"name,organization,description\n"
    utf8_row = "Café,Org (fictional),Comida\n".encode()
    return {
        "late-1252.csv": header + utf8_row * 3000 + b"Late,Org,caf\xe9\n",
        "undefined-1252.csv": header + b"Food\x81\x8d,Org\x8f\x90\x9d,caf\xe9\n",
        "odd-utf16.csv": codecs.BOM_UTF16_LE + header.decode().encode("utf-16-le") + b"A",
        "huge-header-cell.csv": b"name," + b"x" * (11 * 1024 * 1024) + b"\nA,B\n",
        "million-columns.csv": b",".join(b"c%d" % n for n in range(1_000_000)) + b"\n",
        "unclosed-quote.csv": header + b'A,"B,C\n' + b"x" * 100,
        "formula.csv": header + b"=cmd|' /C calc'!A0,@SUM(1),+1\n",
    }


def test_the_command_never_shows_a_traceback(tmp_path: Path) -> None:
    command = Path(sys.executable).with_name("referral-match")
    runs = {}
    for name, data in nasty_files(tmp_path).items():
        (tmp_path / name).write_bytes(data)
        runs[name] = subprocess.Popen(
            [str(command), "--index", str(tmp_path / "index"), "validate", str(tmp_path / name)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    for name, run in runs.items():
        _out, err = run.communicate(timeout=120)
        assert run.returncode in (0, 1), (name, err[-2000:])
        assert "Traceback" not in err, (name, err[-2000:])
