"""Encodings decided on the whole file: no byte a legacy program writes stops a reading."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from referral_match.errors import SourceError
from referral_match.sources.csvfile import CsvFile

HEADER = "name,organization,description\n"


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def read(path: Path) -> tuple[CsvFile, list[dict[str, str]]]:
    with CsvFile(path) as f:
        return f, [row.cells for row in f.rows()]


def test_utf8_whose_first_64_kb_are_clean_and_later_holds_a_windows_1252_byte(
    tmp_path: Path,
) -> None:
    row = "Café Comunitario,Org (fictional),Comida para todos\n".encode()
    rows = 70_000 // len(row) + 1  # past the first 64 KB
    path = write(tmp_path / "late.csv", HEADER.encode() + row * rows + b"Late,Org,caf\xe9\n")
    f, cells = read(path)
    assert f.encoding == "utf-8-sig"
    assert cells[0]["name"] == "Café Comunitario"  # the UTF-8 accents stay right
    assert cells[-1]["description"] == "café"  # the stray byte is read as Windows-1252
    line = rows + 2
    assert f.warnings == [
        f"late.csv is UTF-8, but 1 byte(s) in it are not (the first on line {line}); they "
        "were read as Windows-1252. Check the accented letters on that line, and save the "
        'file as "CSV UTF-8" again.'
    ]


def test_bytes_windows_1252_leaves_undefined_are_read_as_latin_1(tmp_path: Path) -> None:
    path = write(
        tmp_path / "undefined.csv",
        HEADER.encode() + b"Food\x81\x8d Bank,Org\x8f\x90\x9d,caf\xe9 \x96 rent\n",
    )
    f, cells = read(path)
    assert f.encoding == "cp1252" and "not UTF-8" in f.warnings[0]
    assert cells == [
        {
            "name": "Food\x81\x8d Bank",
            "organization": "Org\x8f\x90\x9d",
            "description": "café – rent",
        }
    ]


def test_windows_1252_whose_first_accent_comes_after_64_kb(tmp_path: Path) -> None:
    plain = b"Pantry,Org (fictional),Food\n" * 3000
    path = write(tmp_path / "late.csv", HEADER.encode() + plain + b"Caf\xe9,Org,x\n")
    f, cells = read(path)
    assert f.encoding == "cp1252" and cells[-1]["name"] == "Café"


def test_a_guessed_encoding_the_whole_file_does_not_fit_falls_back(tmp_path: Path) -> None:
    # Past the 64 KB the guess is made from.
    russian = "Продовольственный банк,Организация,Помощь с едой и жильём\n" * 2000
    data = (HEADER + russian).encode("cp1251")
    assert read(write(tmp_path / "ru.csv", data))[0].encoding == "cp1251"
    # 0x98 means nothing in cp1251: the guess made from the start does not hold.
    f, cells = read(write(tmp_path / "ru-bad.csv", data + b"Late\x98,Org,x\n"))
    assert f.encoding == "cp1252" and cells[-1]["name"] == "Late\u02dc"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path: Path, encoding: str) -> None:
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    text = HEADER + "Café,Org (fictional),Aide 🍞\n"
    f, cells = read(write(tmp_path / "u16.csv", bom + text.encode(encoding)))
    assert f.encoding == "utf-16" and f.warnings == []
    assert cells == [{"name": "Café", "organization": "Org (fictional)", "description": "Aide 🍞"}]


@pytest.mark.parametrize(
    ("tail", "line", "what"),
    [
        (b"A", 3, "it ends in the middle of a character"),  # an odd number of bytes
        ("\ud800".encode("utf-16-le", "surrogatepass") + "x,y\n".encode("utf-16-le"), 3, ""),
    ],
    ids=["odd-byte-count", "lone-surrogate"],
)
def test_damaged_utf16_names_the_line(tmp_path: Path, tail: bytes, line: int, what: str) -> None:
    text = HEADER + "Food,Org,x\n"
    path = write(tmp_path / "u16.csv", codecs.BOM_UTF16_LE + text.encode("utf-16-le") + tail)
    with pytest.raises(SourceError) as info:
        CsvFile(path)
    message = info.value.message
    assert message.startswith(f"u16.csv line {line}: the file is UTF-16 text, but it is damaged")
    assert what in message and 'save it again as "CSV UTF-8"' in message
    assert info.value.file == "u16.csv"
