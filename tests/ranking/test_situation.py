"""Situation text: only phrases that state a need of the client become needs."""

from __future__ import annotations

import pytest

from referral_match.ranking.needs import understand_needs
from referral_match.taxonomy import default_taxonomy

TAXONOMY = default_taxonomy()


def situation_needs(text: str) -> list[str]:
    return [need.label for need in understand_needs((), text, TAXONOMY)]


@pytest.mark.parametrize(
    ("text", "needs"),
    [
        # A purpose is not a need: the GED is, the medical assistant program is not.
        (
            "Wants her high school equivalency so she can enroll in a medical assistant program",
            ["high school equivalency"],
        ),
        # Incidental nouns and another's things.
        ("She is sleeping on her niece's couch.", []),
        # A word that names the kind of something, far from what the client lacks.
        (
            "Fell one month behind on rent after six weeks of unpaid medical leave.",
            ["behind on rent"],
        ),
        # An idiom of wanting is not the word's need.
        ("She says she is dying to finish her GED.", []),
        # A need that has passed.
        ("He no longer drinks; he needs a job.", ["needs a job"]),
        ("Does not need housing, she has her own apartment.", []),
        # Another person's life.
        ("Her mother has dementia but is in a facility. She needs food.", ["needs food"]),
        # Needs stated plainly, in several ways.
        ("She has no food and was evicted.", ["no food", "evicted"]),
        ("Lost his job and is behind on rent.", ["Lost his job", "behind on rent"]),
        ("Can't pay PG&E this month.", ["Can't pay PG&E"]),
        ("Her son needs glasses.", ["needs glasses"]),
        # A contraction is not a possessive.
        ("She's behind on rent.", ["behind on rent"]),
        ("She's homeless.", ["homeless"]),
        ("Necesita comida.", ["comida"]),
        (
            "Me van a desalojar y no tengo dónde dormir.",
            ["Me van a desalojar", "no tengo dónde dormir"],
        ),
    ],
)
def test_only_stated_needs_are_taken_from_the_situation(text: str, needs: list[str]) -> None:
    assert situation_needs(text) == needs


def test_listed_needs_are_needs_whatever_the_words() -> None:
    (need,) = understand_needs(("couch",), "", TAXONOMY)
    assert need.codes and need.via == "words"
