"""The words a labelled case and a directory record share: for the word-mismatch checks of
both evaluation sets (tests/test_evaluation_set.py, tests/test_evaluation_tuning_set.py)."""

from __future__ import annotations

import re

# Words too common to count as shared between a client and a record (Whoosh's stop list,
# plus contractions' leftovers).
STOP = set(
    "a an and are as at be by can for from have if in is it may not of on or that the this to "
    "us we when will with yet you your t s".split()
)


def words(text: str) -> set[str]:
    """Return the content words of a text, crudely stemmed (enough to catch 'rent'/'rents')."""
    out: set[str] = set()
    for word in re.findall(r"[a-z0-9]+", text.lower()):
        if word in STOP or len(word) < 2:
            continue
        for suffix in ("ing", "ers", "es", "ed", "er", "s"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
        out.add(word)
    return out
