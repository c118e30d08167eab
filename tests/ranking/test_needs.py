"""Understanding needs: codes, screening domains, names, client words and situation text."""

from __future__ import annotations

import pytest

from referral_match.ranking.crisis import find_crisis
from referral_match.ranking.needs import understand_needs
from referral_match.taxonomy import default_taxonomy


@pytest.mark.parametrize(
    ("said", "via", "code_prefix"),
    [
        ("103-03", "category", "103-03"),
        ("food_insecurity", "screening domain", "102"),
        ("Food Pantry", "words", "102-04"),
        ("behind on rent", "words", "103-03"),
        ("can't pay PG&E", "words", "103-03-02"),
        ("drinking problem", "words", "106-01"),
        ("daycare", "words", "108-03"),
        ("evicted", "words", "103-03"),
    ],
)
def test_each_way_of_saying_a_need(said: str, via: str, code_prefix: str) -> None:
    (need,) = understand_needs((said,), "", default_taxonomy())
    assert need.via == via
    assert any(code.startswith(code_prefix) for code in need.codes), need.codes


def test_evicted_also_reaches_legal_help() -> None:
    (need,) = understand_needs(("evicted",), "", default_taxonomy())
    assert any(code.startswith("111-01") for code in need.related)


def test_situation_text_adds_needs_not_already_listed() -> None:
    needs = understand_needs(
        ("103-03",), "She is behind on rent and has a drinking problem.", default_taxonomy()
    )
    labels = [n.label for n in needs]
    assert labels[0] == "103-03"
    assert "drinking problem" in labels
    assert "behind on rent" not in labels  # already covered by 103-03


def test_unknown_words_stay_a_words_need() -> None:
    (need,) = understand_needs(("zebra grooming",), "", default_taxonomy())
    assert need.codes == () and need.words == "zebra grooming"


def test_a_crisis_adds_what_it_calls_for_unless_a_need_covers_it() -> None:
    taxonomy = default_taxonomy()
    signs = tuple(find_crisis("he said he would hurt me; she overdosed last night"))
    needs = understand_needs((), "", taxonomy, signs)
    assert [(n.via, n.codes) for n in needs] == [
        ("crisis", ("101-06-01",)),
        ("crisis", ("106-01",)),
    ]
    # A listed need that covers it already: nothing added for that crisis.
    listed = understand_needs(("101-06",), "", taxonomy, signs)
    assert [n.codes for n in listed] == [("101-06",), ("106-01",)]


def test_the_same_need_filed_in_two_places_is_both() -> None:
    taxonomy = default_taxonomy()
    assert taxonomy.same_named("101-04") == ("103-01",)  # both "Emergency Shelter"
    (need,) = understand_needs(("somewhere to sleep tonight",), "", taxonomy)
    assert need.codes[:2] == ("101-04", "103-01")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Tengo dos meses atrasada en la renta porque me cortaron las horas.", "103-03-01"),
        ("Se me quebró una muela el fin de semana.", "106-02-01"),
        ("No tengo comida para mis hijos.", "102"),
    ],
)
def test_spanish_situations_state_their_needs(text: str, code: str) -> None:
    needs = understand_needs((), text, default_taxonomy())
    assert code in [c for n in needs for c in n.codes], needs


def test_a_need_said_in_the_words_of_a_crisis_is_that_crisis_need() -> None:
    (need,) = understand_needs(("grandson is being hurt at home",), "", default_taxonomy())
    assert (need.via, need.codes) == ("crisis", ("101-06-04",))
    # A chosen category stays as chosen.
    (chosen,) = understand_needs(("106-06-08",), "", default_taxonomy())
    assert chosen.via == "category"
