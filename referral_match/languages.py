"""Languages as ISO 639 codes: read the language a cell or a client names, and name a code.

Resources list the languages they speak and clients say the ones they read; both end up as
ISO 639 codes ("es"), compared as codes and shown by their English names ("Spanish").
"""

from __future__ import annotations

import functools

import langcodes

__all__ = ["language_name", "parse_language"]


# Names that langcodes reads as something else, as they are meant in US social services.
_LANGUAGE_ALIASES = {"asl": "ase", "sign language": "ase", "farsi": "fa", "mandarin": "zh"}
#: Longer than any language's English name ("Church Slavic", "Central Khmer"...).
_LONGEST_NAME = 60


def parse_language(text: str) -> str:
    """Read a language as an ISO 639 code or an English name and return its code."""
    key = text.strip().lower()
    key = _LANGUAGE_ALIASES.get(key, key)
    language = None
    # No language's code or name is long or holds a control character; langcodes fails
    # with a SystemError, not a ValueError, on some of those ("\x00spanish").
    if len(key) <= _LONGEST_NAME and key.isprintable():
        try:
            if len(key) <= 3 or "-" in key:
                language = langcodes.Language.get(key)
            else:
                language = langcodes.find(key)
        except (LookupError, ValueError):
            language = None
    if language is None or not language.is_valid() or language.language in (None, "und"):
        shown = "".join(c if c.isprintable() else "?" for c in text.strip()[:_LONGEST_NAME])
        raise ValueError(
            f'"{shown}" is not a language we know: write an ISO 639 code such as '
            '"es" or an English name such as "Spanish".'
        )
    code = str(language.language)
    # langcodes folds Tagalog into Filipino (fil, no two-letter code); US directories and
    # clients say Tagalog, so both are kept as ISO 639-1 "tl".
    return "tl" if code == "fil" else code


@functools.lru_cache(maxsize=512)
def language_name(code: str) -> str:
    """Return the English name of an ISO 639 code ("es" -> "Spanish"), or the code itself."""
    try:
        return str(langcodes.Language.get(code).display_name())
    except (LookupError, ValueError):
        return code
