"""Page layout and word search of the HSDS API's library side, without the web app."""

from __future__ import annotations

import json

import pytest

from referral_match.hsds.api_pages import json_page, ndjson_lines, page_fields
from referral_match.hsds.api_search import WordIndex, fold_words


@pytest.mark.parametrize(
    ("total", "page", "per_page", "expected"),
    [
        (0, 1, 50, (0, 0, 0, True, True, True)),
        (1, 1, 50, (1, 1, 1, True, True, False)),
        (100, 2, 50, (100, 2, 50, False, True, False)),
        (101, 2, 50, (101, 3, 50, False, False, False)),
        (101, 3, 50, (101, 3, 1, False, True, False)),
        (101, 9, 50, (101, 3, 0, False, True, True)),
    ],
)
def test_page_fields(total: int, page: int, per_page: int, expected: tuple[object]) -> None:
    fields = page_fields(total, page, per_page)
    names = ("total_items", "total_pages", "size", "first_page", "last_page", "empty")
    assert tuple(fields[n] for n in names) == expected
    assert fields["page_number"] == page


def render(p: int) -> bytes:
    return json.dumps({"id": f"r{p}"}).encode()


@pytest.mark.parametrize("count", [0, 1, 199, 200, 201, 450])
def test_a_page_is_json_with_its_contents(count: int) -> None:
    items = range(1000, 1000 + count)
    for page in (1, 2, 3):
        body = json.loads(b"".join(json_page(items, page, 200, render)))
        wanted = [f"r{p}" for p in items[(page - 1) * 200 : page * 200]]
        assert [c["id"] for c in body["contents"]] == wanted
        assert body["size"] == len(wanted)


@pytest.mark.parametrize("count", [0, 1, 200, 201, 999])
def test_ndjson_is_every_record_one_a_line(count: int) -> None:
    body = b"".join(ndjson_lines(range(count), render))
    assert [json.loads(line)["id"] for line in body.splitlines()] == [
        f"r{p}" for p in range(count)
    ]
    assert body.endswith(b"\n") or count == 0


def test_ndjson_is_made_as_it_is_read() -> None:
    made: list[int] = []

    def noting(p: int) -> bytes:
        made.append(p)
        return render(p)

    chunks = ndjson_lines(range(10_000), noting)
    next(chunks)
    assert 0 < len(made) < 10_000


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Food Pantry", ["food", "pantry"]),
        ("Café  São-Paulo", ["cafe", "sao", "paulo"]),
        ("ÉCOLE", ["ecole"]),
        ("rent/utility help!", ["rent", "utility", "help"]),
        ("", []),
    ],
)
def test_fold_words(text: str, words: list[str]) -> None:
    assert fold_words(text) == words


def test_a_word_finds_the_records_holding_a_word_it_starts() -> None:
    index = WordIndex()
    index.add(0, ["Food Pantry", "Peninsula Helping Hands"])
    index.add(1, ["Seafood bank"])
    index.add(2, ["Pantries of the Peninsula"])
    index.freeze()
    assert index.find("pant") == {0, 2}
    assert index.find("food") == {0}  # "seafood" does not start with it
    assert index.find("peninsula") == {0, 2}
    assert index.find("zebra") == set()
    assert index.find("pantryx") == set()
