"""Similar meaning: how close a phrase is to each need of the taxonomy, offline.

The synonym lists and the lexicon know many ways of saying a need, never all. This module
compares a phrase with each taxonomy term (its name, synonyms and description) by meaning,
with WordLlama's static embeddings (the ``wordllama`` package ships its 256-dimension weights
in its wheel and loads them from its own folder, so nothing is downloaded). It is the only
module that imports wordllama; without the package (``pip install referral-match[semantic]``)
:func:`meaning` returns None and matching works from the words alone.
"""

from __future__ import annotations

import functools
import os
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from referral_match.taxonomy import Taxonomy

__all__ = ["SIMILAR_MEANING", "Meaning", "SimilarTerm", "meaning"]

#: How a category or need found by its meaning rather than its words says so.
SIMILAR_MEANING = "similar meaning"

#: A resource that shares only one word with a need still meets it when its name and
#: description are at least this close in meaning to the need (cosine of whole texts,
#: which run low: a safe parking program reads 0.23 from "staying in my car", a homebuyer
#: workshop 0.08 from "feeling really down").
MIN_TEXT_SIMILARITY = 0.15

#: A term is taken for a phrase when it is at least this similar, and clearly the closest.
MIN_SIMILARITY = 0.55
MIN_MARGIN = 0.08


@dataclass(frozen=True, slots=True)
class SimilarTerm:
    """A taxonomy term close in meaning to a phrase, and how close (cosine, -1 to 1)."""

    code: str
    similarity: float


class Meaning:
    """A loaded embedding model and the taxonomy's terms embedded once."""

    def __init__(self, model: Any) -> None:
        self._model = model
        self._terms: dict[int, tuple[list[str], Any]] = {}
        self._lock = threading.Lock()

    def embed(self, texts: list[str]) -> Any:
        """Return one unit vector per text (a numpy array of shape (len(texts), 256))."""
        return self._model.embed(texts, norm=True)

    def text_similarity(self, phrase: str, text: str) -> float:
        """Return how close in meaning a phrase is to a text (cosine, -1 to 1)."""
        return float(self._vector(phrase) @ self._vector(text))

    @functools.lru_cache(maxsize=8192)  # noqa: B019 - one Meaning lives for the process
    def _vector(self, text: str) -> Any:
        return self.embed([text])[0]

    def _term_vectors(self, taxonomy: Taxonomy) -> tuple[list[str], Any]:
        key = id(taxonomy)
        with self._lock:
            if key not in self._terms:
                terms = list(taxonomy)
                texts = [f"{t.name}. {', '.join(t.synonyms)}. {t.description}" for t in terms]
                self._terms[key] = ([t.code for t in terms], self.embed(texts))
            return self._terms[key]

    def similar_terms(self, text: str, taxonomy: Taxonomy, top: int = 3) -> list[SimilarTerm]:
        """Return the terms closest in meaning to a text, closest first."""
        codes, vectors = self._term_vectors(taxonomy)
        similarities = vectors @ self.embed([text])[0]
        order = similarities.argsort()[::-1][:top]
        return [SimilarTerm(codes[i], float(similarities[i])) for i in order]

    def closest_term(
        self,
        text: str,
        taxonomy: Taxonomy,
        *,
        at_least: float = MIN_SIMILARITY,
        margin: float = MIN_MARGIN,
    ) -> SimilarTerm | None:
        """Return the term a text means, when one is similar enough and clearly closest.

        The runner-up does not count against the best when it is its parent or child:
        "Emergency Shelter" and "Housing" both being close says the same thing.
        """
        found = self.similar_terms(text, taxonomy, top=4)
        if not found or found[0].similarity < at_least:
            return None
        best = found[0]
        family = {best.code, *(a.code for a in taxonomy.ancestors(best.code))}
        for other in found[1:]:
            related = other.code in family or best.code in {
                a.code for a in taxonomy.ancestors(other.code)
            }
            if not related and best.similarity - other.similarity < margin:
                return None
        return best


@functools.cache
def meaning() -> Meaning | None:
    """Return the embedding model, loaded once, or None when it is not installed or disabled.

    ``REFERRAL_MATCH_SEMANTIC=0`` turns it off (to compare, or to save its 30 MB of memory).
    """
    if os.environ.get("REFERRAL_MATCH_SEMANTIC", "1") in ("0", "false", "no", "off"):
        return None
    try:
        import wordllama
    except ImportError:
        return None
    folder = os.path.dirname(wordllama.__file__)
    # The weights ship inside the package: load them from there, never from the network.
    model = wordllama.WordLlama.load(cache_dir=folder, disable_download=True)
    return Meaning(model)
