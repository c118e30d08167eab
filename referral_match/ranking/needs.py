"""Understand what a client needs: taxonomy codes, screening domains and plain words.

A case manager may write a need as a taxonomy code ("103-03"), a screening domain
("food_insecurity"), a term's name ("Food Pantry") or the client's own words ("behind on
rent", "can't pay PG&E"). Each becomes a :class:`Need`: the words as said, and the taxonomy
codes they stand for, found through the taxonomy's synonyms. Needs the situation text names
and the listed needs do not are added too.
"""

from __future__ import annotations

from dataclasses import dataclass

from referral_match.ranking.crisis import CrisisSign, find_crisis
from referral_match.ranking.situation import states_a_need
from referral_match.semantic import SIMILAR_MEANING, meaning
from referral_match.taxonomy import Taxonomy

__all__ = ["CRISIS_NEEDS", "Need", "understand_needs"]

#: What a client in each kind of crisis needs, besides the crisis lines shown above all.
CRISIS_NEEDS: dict[str, tuple[str, ...]] = {
    "suicide": ("101-07", "106-07-02"),  # psychiatric emergency services, crisis lines
    "self-harm": ("101-07", "106-07-02"),
    "violence at home": ("101-06-01",),  # domestic violence help
    "child in danger": ("101-06-04",),  # child abuse and neglect
    "overdose": ("106-01",),  # addiction and recovery, harm reduction included
}


@dataclass(frozen=True, slots=True)
class Need:
    """One need of a client, as said, and the taxonomy codes that meet it."""

    #: The need as the case manager or client put it ("behind on rent", "103-03").
    label: str
    #: Taxonomy codes that meet the need, most specific first; empty if none was recognised.
    codes: tuple[str, ...]
    #: Words to look for in resources' text ("" when the need was given as a code).
    words: str
    #: How it was understood: "category", "screening domain", "words", "similar meaning"
    #: (no synonym says it; the closest term in meaning does), "situation" or "crisis"
    #: (the words of a crisis: "he said he would hurt me" is domestic violence help).
    via: str
    #: Codes of needs that often come with it (data/related_needs.csv): an evicted client
    #: may need a tenant lawyer too. They meet the need less well than ``codes``.
    related: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """Return the need as plain data."""
        return {
            "label": self.label,
            "codes": list(self.codes),
            "words": self.words,
            "via": self.via,
            "related": list(self.related),
        }


def understand_needs(
    needs: tuple[str, ...],
    text: str,
    taxonomy: Taxonomy,
    crises: tuple[CrisisSign, ...] = (),
) -> list[Need]:
    """Return the client's needs: those listed, those only the situation text names, then
    what a crisis the needs or text speak of calls for (see :data:`CRISIS_NEEDS`)."""
    found: list[Need] = []
    for said in needs:
        need = _understand(said, taxonomy)
        if need.via not in ("category", "screening domain"):
            # A need said in the words of a crisis is that crisis's need: "grandson is being
            # hurt at home" is child abuse help, not urgent care for the word "hurt".
            kinds = [sign.kind for sign in find_crisis(said)]
            codes = [c for k in kinds for c in CRISIS_NEEDS.get(k, ()) if c in taxonomy]
            if codes:
                need = Need(said, tuple(dict.fromkeys(codes)), "", "crisis")
        found.append(_with_related(need, taxonomy))
    covered = {code for need in found for code in need.codes}
    by_phrase: dict[str, list[str]] = {}
    for hit in taxonomy.find_in_text(text):
        # Only what the text says the client needs: not a purpose, a past need, another
        # person's, or a word in passing (situation.py).
        if states_a_need(text, hit.start, hit.end):
            by_phrase.setdefault(hit.phrase, []).append(hit.code)
    for phrase, codes in by_phrase.items():
        new = [c for c in taxonomy.most_specific(codes) if not _within(c, covered, taxonomy)]
        if new:
            found.append(_with_related(Need(phrase, tuple(new), phrase, "situation"), taxonomy))
            covered.update(new)
    for sign in crises:
        codes = [c for c in CRISIS_NEEDS.get(sign.kind, ()) if c in taxonomy]
        new = [c for c in codes if not _within(c, covered, taxonomy)]
        if new:
            found.append(_with_related(Need(sign.phrase, tuple(new), "", "crisis"), taxonomy))
            covered.update(new)
    return found


def _with_related(need: Need, taxonomy: Taxonomy) -> Need:
    """Return the need with the codes of the same need filed elsewhere, and of the needs
    that often come with it."""
    same = [other for code in need.codes for other in taxonomy.same_named(code)]
    if same:
        codes = tuple(dict.fromkeys([*need.codes, *same]))
        need = Need(need.label, codes, need.words, need.via, need.related)
    related = [
        other
        for code in need.codes
        for source in (code, *(a.code for a in taxonomy.ancestors(code)))
        for other in taxonomy.related(source)
        if other not in need.codes
    ]
    if not related:
        return need
    return Need(need.label, need.codes, need.words, need.via, tuple(dict.fromkeys(related)))


def _understand(said: str, taxonomy: Taxonomy) -> Need:
    if said in taxonomy:
        return Need(said, (said,), "", "category")
    try:
        codes = taxonomy.codes_for_domain(said)
    except ValueError:
        pass
    else:
        return Need(said, tuple(codes), "", "screening domain")
    hits = [hit.code for hit in taxonomy.find_in_text(said)]
    if hits:
        return Need(said, tuple(taxonomy.most_specific(hits)), said, "words")
    try:
        return Need(said, (taxonomy.resolve(said),), said, "words")
    except ValueError:
        pass
    model = meaning()
    close = model.closest_term(said, taxonomy) if model is not None else None
    if close is not None:
        # "place to stay tonight" -> Emergency Shelter: no synonym says it, its meaning does.
        return Need(said, (close.code,), said, SIMILAR_MEANING)
    return Need(said, (), said, "words")  # words only: found by text, if at all


def _within(code: str, covered: set[str], taxonomy: Taxonomy) -> bool:
    """Return True if the code or one of its ancestors is already covered."""
    return code in covered or any(a.code in covered for a in taxonomy.ancestors(code))
