"""Reading CSV files as admins make them."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from referral_match.errors import SourceError
from referral_match.sources import csvfile
from referral_match.sources.csvfile import MAX_COLUMNS, MAX_FIELD_CHARS, CsvFile, normalize_header


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("name", "name"),
        (" Postal Code ", "postal_code"),
        ("Postal-Code", "postal_code"),
        ("\ufeffid", "id"),
        ("Min. Age", "min_age"),
        ("E-mail", "e_mail"),
    ],
)
def test_normalize_header(raw: str, expected: str) -> None:
    assert normalize_header(raw) == expected


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_utf8_with_bom_and_semicolons(flat_dir: Path) -> None:
    with CsvFile(flat_dir / "bom_semicolon.csv") as f:
        assert f.columns == ["name", "organization", "postal_code", "languages", "phone"]
        assert f.delimiter == ";"
        assert f.warnings == []
        rows = list(f.rows())
    assert rows[0].line == 2
    assert rows[0].cells["name"] == "Food Bank"


def test_windows_1252_is_read_with_a_warning(flat_dir: Path) -> None:
    with CsvFile(flat_dir / "windows1252.csv") as f:
        rows = list(f.rows())
        assert f.encoding == "cp1252"
        assert "not UTF-8" in f.warnings[0] and "Windows-1252" in f.warnings[0]
    assert rows[0].cells["name"] == "Café Comunitario"
    assert rows[0].cells["description"] == "Comida gratis – todos los días"


def test_rows_are_numbered_as_a_spreadsheet_shows_them(tmp_path: Path) -> None:
    path = write(tmp_path / "x.csv", b'name,organization\nA,B\n\n"multi\nline",C\n , \nD,E\n')
    with CsvFile(path) as f:
        rows = [(r.line, r.cells["name"]) for r in f.rows()]
    # Blank rows count as rows in a spreadsheet; a quoted line break stays in its cell.
    assert rows == [(2, "A"), (4, "multi\nline"), (6, "D")]


def test_short_rows_are_padded_and_long_rows_keep_their_extra_cells(tmp_path: Path) -> None:
    path = write(tmp_path / "x.csv", b"name,organization,city\nA,B\nC,D,E,F\n")
    with CsvFile(path) as f:
        rows = list(f.rows())
    assert rows[0].cells == {"name": "A", "organization": "B", "city": ""}
    assert rows[1].extra == ("F",)


def test_stray_spaces_are_trimmed(tmp_path: Path) -> None:
    path = write(tmp_path / "x.csv", b" name , organization \n  Food  ,  Org \n")
    with CsvFile(path) as f:
        assert next(f.rows()).cells == {"name": "Food", "organization": "Org"}


@pytest.mark.parametrize(
    ("filename", "message"),
    [
        ("empty.csv", "empty.csv is empty: it has no header row and no data."),
        ("workbook.csv", "workbook.csv is an Excel workbook, not a CSV file."),
    ],
)
def test_unreadable_files_are_refused_with_a_clear_message(
    flat_dir: Path, filename: str, message: str
) -> None:
    with pytest.raises(SourceError) as info:
        CsvFile(flat_dir / filename)
    assert info.value.message.startswith(message)
    assert info.value.file == filename


def test_binary_file(tmp_path: Path) -> None:
    path = write(tmp_path / "data.csv", b"\x00\x01\x02name\x00")
    with pytest.raises(SourceError, match="looks like a binary file"):
        CsvFile(path)


def test_duplicate_header(tmp_path: Path) -> None:
    path = write(tmp_path / "dup.csv", b"name,organization,Name\nA,B,C\n")
    with pytest.raises(SourceError) as info:
        CsvFile(path)
    assert info.value.message == (
        'dup.csv: column "Name" appears twice in the header (columns 1 and 3). '
        "Rename or delete one."
    )


def test_unclosed_quote_names_the_row(tmp_path: Path) -> None:
    path = write(tmp_path / "q.csv", b'name,organization\nA,B\n"C,D\n' + b"x" * 20)
    with CsvFile(path) as f:
        rows = list(f.rows())
    # csv reads an unclosed quote to the end of the file: the row is kept whole, not lost.
    assert rows[-1].line == 3


def test_large_file_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("name,organization\n")
        for i in range(200_000):
            out.write(f"Service {i},Org {i}\n")
    with CsvFile(path) as f:
        count = 0
        for _row in f.rows():
            count += 1
            if count == 10:
                # Reading has started without the whole file being read into memory.
                assert f.bytes_read < f.size
        assert count == 200_000


def test_a_header_cell_over_the_field_limit_is_a_clean_error(tmp_path: Path) -> None:
    path = write(tmp_path / "wide.csv", b"name," + b"x" * (MAX_FIELD_CHARS + 1) + b"\nA,B\n")
    with pytest.raises(SourceError) as info:
        CsvFile(path)
    assert info.value.message.startswith(
        "wide.csv row 1 (the header): a value is longer than 10,485,760 characters"
    )
    assert "a quote that is opened but never closed" in info.value.message


def test_a_data_cell_over_the_field_limit_names_its_row(tmp_path: Path) -> None:
    path = write(tmp_path / "q.csv", b'name,organization\nA,B\nC,"' + b"x" * MAX_FIELD_CHARS * 2)
    with CsvFile(path) as f, pytest.raises(SourceError, match=r"^q\.csv row 3: a value is longer"):
        list(f.rows())


@pytest.mark.parametrize("width", [MAX_COLUMNS + 1, 1_000_000])
def test_a_header_of_too_many_columns_is_refused_cheaply(tmp_path: Path, width: int) -> None:
    header = ",".join(f"c{n}" for n in range(width)).encode()
    path = write(tmp_path / "cols.csv", header + b"\n" + b"a,b\n" * 1000)
    started = time.perf_counter()
    with pytest.raises(SourceError) as info:
        CsvFile(path)
    assert time.perf_counter() - started < 10  # it took 71 s and 1.9 GB
    assert info.value.message.startswith(
        f"cols.csv: the header has too many columns: {width:,}, at most {MAX_COLUMNS:,}."
    )


def test_a_row_of_too_many_values_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "r.csv", b"name,organization\nA,B\n" + b"," * 1_000_000 + b"\n")
    with CsvFile(path) as f, pytest.raises(SourceError) as info:
        list(f.rows())
    assert info.value.message.startswith(
        f"r.csv row 3 has too many values: 1,000,001, at most {MAX_COLUMNS:,} (the header has 2)."
    )


def test_a_line_too_long_to_be_a_row_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csvfile, "MAX_LINE_CHARS", 1000)
    path = write(tmp_path / "l.csv", b"name,organization\nA,B\n" + b"x" * 1001 + b"\nC,D\n")
    with CsvFile(path) as f:
        rows = f.rows()
        assert next(rows).line == 2
        with pytest.raises(SourceError, match=r"^l\.csv line 3 is longer than 1,000 characters"):
            next(rows)


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"cannot be opened \(Is a directory\)"):
        CsvFile(tmp_path)
