"""The languages the search and assessment forms offer, by name in the page's language."""

from __future__ import annotations

import functools
import unicodedata

from flask_babel import force_locale

from webapp.i18n import page_language
from webapp.localized import capitalized, language_name

#: Languages most often spoken by people with limited English in the US, plus the Pacific
#: languages of the sample directory. Any other ISO 639 code still works in a query string.
COMMON = (
    "en es zh yue vi tl ko ru ar ht fr pt hi fa ja pl ur pa bn hy km hmn so am ti uk sm to "
    "my ne ase"
).split()


def _sort_key(name: str) -> str:
    """Return a name without accents, folded, so that "árabe" sorts among the a's."""
    bare = unicodedata.normalize("NFKD", name)
    return "".join(c for c in bare if not unicodedata.combining(c)).casefold()


@functools.cache
def _choices(language: str) -> list[tuple[str, str]]:
    with force_locale(language):
        named = [(c, capitalized(language_name(c))) for c in COMMON]
    rest = sorted(named[1:], key=lambda pair: _sort_key(pair[1]))
    return [named[0], *rest]


def choices() -> list[tuple[str, str]]:
    """Return (code, name) pairs in the page's language: English first, then by name."""
    return _choices(page_language())
