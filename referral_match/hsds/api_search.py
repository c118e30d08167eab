"""Find HSDS API records by words: every word searched for must start a word of the record.

``WordIndex`` keeps, for each word of the records' text, the positions of the records that
hold it, in compact arrays; a search is an intersection of sets, one per word searched for,
each the union of the words that start with it ("pant" finds "pantry" and "pantries").
Words are compared folded: lower case, without accents ("Café" is "cafe").
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from array import array
from collections.abc import Iterable

__all__ = ["WordIndex", "fold_words"]

_WORD = re.compile(r"\w+")


def fold_words(text: str) -> list[str]:
    """Return the words of a text, folded: lower case, accents taken off."""
    if text.isascii():
        return _WORD.findall(text.lower())
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _WORD.findall(plain.casefold())


class WordIndex:
    """The positions of records, by the words of their text."""

    def __init__(self) -> None:
        self._postings: dict[str, array[int]] = {}
        self._vocabulary: list[str] = []

    def add(self, position: int, texts: Iterable[str]) -> None:
        """Index the words of these texts under a record's position."""
        for word in {w for text in texts if text for w in fold_words(text)}:
            posting = self._postings.get(word)
            if posting is None:
                posting = self._postings[word] = array("I")
            posting.append(position)

    def freeze(self) -> None:
        """Sort the vocabulary, for prefix look-ups; call once every record is added."""
        self._vocabulary = sorted(self._postings)

    def find(self, word: str) -> set[int]:
        """Return the positions of the records holding a word that starts with ``word``."""
        vocabulary = self._vocabulary
        found: set[int] = set()
        at = bisect.bisect_left(vocabulary, word)
        while at < len(vocabulary) and vocabulary[at].startswith(word):
            found.update(self._postings[vocabulary[at]])
            at += 1
        return found
