"""The languages the search and assessment forms offer, by name."""

from __future__ import annotations

import functools

from referral_match.languages import language_name

#: Languages most often spoken by people with limited English in the US, plus the Pacific
#: languages of the sample directory. Any other ISO 639 code still works in a query string.
COMMON = (
    "en es zh yue vi tl ko ru ar ht fr pt hi fa ja pl ur pa bn hy km hmn so am ti uk sm to "
    "my ne ase"
).split()


@functools.cache
def choices() -> list[tuple[str, str]]:
    """Return (code, name) pairs: English first, then by name."""
    named = sorted(((c, language_name(c)) for c in COMMON[1:]), key=lambda pair: pair[1])
    return [(COMMON[0], language_name(COMMON[0])), *named]
