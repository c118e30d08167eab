"""The need taxonomy: load it, walk its tree, and find its terms in what people say.

``data/taxonomy.csv`` holds our own terms under Open Eligibility's top-level and second-level
codes (``101`` Emergency ... ``111`` Legal; ``103-03`` Help Pay for Housing; ``103-03-01`` Rent
Assistance). Each term carries the words clients and case managers actually use, so that a
search for "behind on rent" or "can't pay PG&E" lands on the right services::

    taxonomy = default_taxonomy()
    taxonomy.resolve("Food Pantry")             # "102-04"
    [h.code for h in taxonomy.find_in_text("I was evicted and have no food")]
    # ["103-03-03", "102"]

``data/screening_domains.csv`` maps the domains of social-needs screening tools (AHC HRSN,
PRAPARE) to taxonomy codes, so that a positive screen can become a list of needs.

Text is matched on whole words after a light normalisation: case, accents and apostrophes are
ignored ("can't" is "cant"), possessives and plural "s" are dropped ("kids'" is "kid",
"groceries" is "grocery"), and "&" is "and" ("PG&E" is "pge").
"""

from __future__ import annotations

import csv
import dataclasses
import difflib
import functools
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

__all__ = [
    "ScreeningDomain",
    "Taxonomy",
    "Term",
    "TermHit",
    "default_taxonomy",
]

TAXONOMY_COLUMNS = ("code", "name", "parent", "synonyms", "description")
DOMAIN_COLUMNS = ("domain", "instrument", "label", "codes", "phrases")
RELATED_COLUMNS = ("code", "related", "why")
LEXICON_COLUMNS = ("code", "language", "phrase")

_CODE = re.compile(r"\d{3}(?:-\d{2})*")
_DOMAIN = re.compile(r"[a-z][a-z0-9_]*")
# A word is letters and digits, possibly joined by an apostrophe or "&" (can't, PG&E); a lone
# "&" is a word too, so that "Food & Nutrition" reads as "food and nutrition".
_WORD = re.compile(r"[^\W_]+(?:['’&][^\W_]+)*|&")


@dataclass(frozen=True, slots=True)
class Term:
    """One need in the taxonomy, with the words people use for it."""

    code: str
    name: str
    parent: str | None
    synonyms: tuple[str, ...]
    description: str
    #: More ways clients and case managers say it, in English and Spanish (data/lexicon/):
    #: read in text like synonyms, but not added to a search for the term.
    lexicon: tuple[str, ...] = ()

    @property
    def level(self) -> int:
        """Return the depth of the term: 1 for a top-level category."""
        return self.code.count("-") + 1


@dataclass(frozen=True, slots=True)
class TermHit:
    """A place in a text that names a term; ``phrase`` is the text as written there."""

    code: str
    phrase: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ScreeningDomain:
    """A domain of a social-needs screening tool and the taxonomy codes that answer it."""

    domain: str
    instrument: str
    label: str
    codes: tuple[str, ...]
    phrases: tuple[str, ...]


class _Node:
    """A node of the phrase trie: the next words, and the codes of a phrase that ends here."""

    __slots__ = ("codes", "next")

    def __init__(self) -> None:
        self.next: dict[str, _Node] = {}
        self.codes: tuple[str, ...] = ()


class Taxonomy:
    """The tree of need terms, with lookups by code, by name and in free text.

    When a name is used by more than one term (Emergency Food is both ``101-03`` and
    ``102-02``), :meth:`resolve` picks the term nearest the top of the tree, and the first in
    the file among those at the same level. :meth:`find_in_text` reports every term that
    shares a phrase, in that same order.
    """

    def __init__(
        self,
        terms: Iterable[Term],
        domains: Iterable[ScreeningDomain] = (),
        *,
        source: str = "taxonomy",
    ) -> None:
        """Index the given terms and screening domains; ``source`` names them in messages."""
        self.source = source
        self._related: dict[str, tuple[str, ...]] = {}
        self._terms: dict[str, Term] = {}
        for term in terms:
            if term.code in self._terms:
                raise ValueError(f"{source}: the code {term.code} is used twice.")
            self._terms[term.code] = term
        # Built once: every match asks it of each need's codes.
        by_name: dict[str, list[str]] = {}
        for term in self._terms.values():
            by_name.setdefault(term.name.casefold(), []).append(term.code)
        self._same_named = {
            code: tuple(c for c in codes if c != code)
            for codes in by_name.values()
            if len(codes) > 1
            for code in codes
        }
        self._children: dict[str, list[Term]] = {}
        for term in self._terms.values():
            if term.parent is not None:
                if term.parent not in self._terms:
                    raise ValueError(
                        f"{source}: the parent {term.parent} of {term.code} is not a code."
                    )
                self._children.setdefault(term.parent, []).append(term)
        order = {code: i for i, code in enumerate(self._terms)}
        by_rank = sorted(self._terms.values(), key=lambda t: (t.level, order[t.code]))
        self._by_name: dict[str, str] = {}
        self._by_synonym: dict[str, str] = {}
        # Two phrase tries: the curated names and synonyms, and those with the lexicon.
        self._curated = _Node()
        self._root = _Node()
        for term in by_rank:
            self._by_name.setdefault(_key(term.name), term.code)
            for phrase in (term.name, *term.synonyms):
                self._add_phrase(self._curated, phrase, term.code)
            for phrase in (term.name, *term.synonyms, *term.lexicon):
                self._by_synonym.setdefault(_key(phrase), term.code)
                self._add_phrase(self._root, phrase, term.code)
        self._domains: dict[str, ScreeningDomain] = {}
        for domain in domains:
            unknown = [code for code in domain.codes if code not in self._terms]
            if unknown:
                raise ValueError(
                    f"{source}: screening domain {domain.domain} names {unknown[0]}, "
                    "which is not a code."
                )
            self._domains[domain.domain] = domain

    @staticmethod
    def _add_phrase(root: _Node, phrase: str, code: str) -> None:
        words = _key(phrase).split()
        if not words:
            return
        node = root
        for word in words:
            node = node.next.setdefault(word, _Node())
        if code not in node.codes:
            node.codes = (*node.codes, code)

    @classmethod
    def load(
        cls, path: str | Path | None = None, *, screening: str | Path | None = None
    ) -> Taxonomy:
        """Read and check a taxonomy CSV and its screening-domain map.

        Without ``path``, read the files packaged with referral-match. The screening map is
        ``screening`` if given, else ``screening_domains.csv`` next to the taxonomy file when
        there is one.
        """
        taxonomy_file: Traversable | Path
        screening_file: Traversable | Path | None
        if path is None:
            data = resources.files("referral_match") / "data"
            taxonomy_file, source = data / "taxonomy.csv", "data/taxonomy.csv"
            screening_file = data / "screening_domains.csv"
            screening_source = "data/screening_domains.csv"
        else:
            taxonomy_file, source = Path(path), str(path)
            screening_file = Path(path).with_name("screening_domains.csv")
            screening_source = str(screening_file)
        if screening is not None:
            screening_file, screening_source = Path(screening), str(screening)
        elif not screening_file.is_file():
            screening_file = None
        terms = _read_terms(_read_text(taxonomy_file, source), source)
        known = {term.code for term in terms}
        domains: list[ScreeningDomain] = []
        if screening_file is not None:
            text = _read_text(screening_file, screening_source)
            domains = _read_domains(text, screening_source, known, source)
        related_file = (
            resources.files("referral_match") / "data" / "related_needs.csv"
            if path is None
            else Path(path).with_name("related_needs.csv")
        )
        related: dict[str, tuple[str, ...]] = {}
        if related_file.is_file():
            related_source = "data/related_needs.csv" if path is None else str(related_file)
            related = _read_related(
                _read_text(related_file, related_source), related_source, known
            )
        lexicon_folder = (
            resources.files("referral_match") / "data" / "lexicon"
            if path is None
            else Path(path).with_name("lexicon")
        )
        if lexicon_folder.is_dir():
            phrases = _read_lexicon(
                lexicon_folder, "data/lexicon" if path is None else None, known
            )
            terms = [dataclasses.replace(t, lexicon=tuple(phrases.get(t.code, ()))) for t in terms]
        taxonomy = cls(terms, domains, source=source)
        taxonomy._related = related
        return taxonomy

    def related(self, code: str) -> tuple[str, ...]:
        """Return the codes of needs that often come with this one (data/related_needs.csv)."""
        return self._related.get(code, ())

    def same_named(self, code: str) -> tuple[str, ...]:
        """Return the other codes whose term has the same name: the same need filed in two
        places ("Emergency Shelter" under Emergency and under Housing)."""
        return self._same_named.get(code, ())

    def get(self, code: str) -> Term | None:
        """Return the term with this code, or None."""
        return self._terms.get(code)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._terms

    def __iter__(self) -> Iterator[Term]:
        return iter(self._terms.values())

    def __len__(self) -> int:
        return len(self._terms)

    def __repr__(self) -> str:
        return f"<Taxonomy {self.source}: {len(self)} terms>"

    def children(self, code: str) -> list[Term]:
        """Return the terms directly under this code, in file order."""
        return list(self._children.get(code, ()))

    def most_specific(self, codes: Iterable[str]) -> list[str]:
        """Return the codes without those that are ancestors of others among them, in order."""
        unique = list(dict.fromkeys(codes))
        ancestors = {a.code for code in unique for a in self.ancestors(code)}
        return [code for code in unique if code not in ancestors]

    def ancestors(self, code: str) -> list[Term]:
        """Return the parent, grandparent and so on of a code, nearest first.

        A code missing from the taxonomy (say, from an older index) still gets the ancestors
        its code names: ``103-03-99`` gives Help Pay for Housing and Housing.
        """
        found: list[Term] = []
        term = self._terms.get(code)
        parent = term.parent if term is not None else _parent_code(code)
        while parent is not None:
            term = self._terms.get(parent)
            if term is None:
                parent = _parent_code(parent)
                continue
            found.append(term)
            parent = term.parent
        return found

    def descendants(self, code: str) -> list[Term]:
        """Return every term below this code, depth first in file order."""
        found: list[Term] = []
        stack = list(reversed(self._children.get(code, ())))
        while stack:
            term = stack.pop()
            found.append(term)
            stack.extend(reversed(self._children.get(term.code, ())))
        return found

    def top_level(self) -> list[Term]:
        """Return the top-level categories (101 Emergency ... 111 Legal)."""
        return [term for term in self._terms.values() if term.parent is None]

    def resolve(self, value: str) -> str:
        """Return the code for a code or a term name, or raise ValueError saying what to use.

        Names are compared without regard to case, spacing, punctuation, plural "s" or
        "&" versus "and". A name used by several terms gives the one nearest the top of the
        tree (then the first in the file): "Emergency Shelter" is ``101-04``, not ``103-01``.
        """
        text = value.strip()
        if text in self._terms:
            return text
        if not text:
            raise ValueError(
                f"A category is empty: give a code from {self.source} {self._example()}"
            )
        code = self._by_name.get(_key(text))
        if code is not None:
            return code
        raise ValueError(f'"{text}" is not a category in {self.source}: {self._suggest(text)}')

    def _suggest(self, text: str) -> str:
        """Return the end of a not-a-category message: a likely term, or what to give."""
        code = self._by_synonym.get(_key(text))
        if code is None:
            if _CODE.fullmatch(text) or text[:1].isdigit():
                choices = {c: c for c in self._terms}
            else:
                choices = {term.name.casefold(): term.code for term in self._terms.values()}
            close = difflib.get_close_matches(text.casefold(), list(choices), n=1, cutoff=0.6)
            if not close:
                close = difflib.get_close_matches(
                    _key(text), list(self._by_synonym), n=1, cutoff=0.75
                )
                choices = self._by_synonym
            code = choices[close[0]] if close else None
        if code is None:
            return f"give a code {self._example()}"
        term = self._terms[code]
        return f'did you mean "{term.name}" ({term.code})?'

    def _example(self) -> str:
        """Return 'such as "102-04" or a name such as "Food Pantry".' for this taxonomy."""
        term = self._terms.get("102-04") or next(iter(self._terms.values()))
        return f'such as "{term.code}" or a name such as "{term.name}".'

    def find_in_text(self, text: str, *, lexicon: bool = True) -> list[TermHit]:
        """Return the terms whose name or synonyms occur in a text, in the order they occur.

        With ``lexicon=False`` only the curated names and synonyms count, not the lexicon's
        many ways of saying a need (for reading what a service says it offers, where a
        client's phrase in passing is not an offer).

        Longer phrases win over shorter ones, and phrases do not overlap: in "behind on rent"
        only the whole phrase counts, not "rent" as well. A phrase shared by several terms
        gives one hit per term, all with the same span.
        """
        spans: list[tuple[int, int]] = []
        words: list[str] = []
        for match in _WORD.finditer(text):
            word = _normalize(match.group())
            if word:
                words.append(word)
                spans.append(match.span())
        found: list[tuple[int, int, int, int, tuple[str, ...]]] = []
        root = (self._root if lexicon else self._curated).next
        for i, word in enumerate(words):
            node = root.get(word)
            j = i
            while node is not None:
                j += 1
                if node.codes:
                    start, end = spans[i][0], spans[j - 1][1]
                    found.append((i - j, start - end, i, j, node.codes))
                if j == len(words):
                    break
                node = node.next.get(words[j])
        if not found:
            return []
        found.sort()
        taken = [False] * len(words)
        chosen: list[tuple[int, int, tuple[str, ...]]] = []
        for _, _, i, j, codes in found:
            if not any(taken[i:j]):
                taken[i:j] = [True] * (j - i)
                chosen.append((i, j, codes))
        chosen.sort()
        hits: list[TermHit] = []
        for i, j, codes in chosen:
            start, end = spans[i][0], spans[j - 1][1]
            hits.extend(TermHit(code, text[start:end], start, end) for code in codes)
        return hits

    def query_terms(self, code: str) -> list[str]:
        """Return the name and synonyms of a term (code or name), to expand a search for it.

        Repeats that differ only in case are dropped; other variants ("utility",
        "utilities") are kept, as a search engine may not treat them alike.
        """
        term = self._terms[self.resolve(code)]
        seen: dict[str, str] = {}
        for phrase in (term.name, *term.synonyms):
            seen.setdefault(phrase.casefold(), phrase)
        return list(seen.values())

    def screening_domains(self) -> list[ScreeningDomain]:
        """Return the screening domains, in file order."""
        return list(self._domains.values())

    def codes_for_domain(self, domain: str) -> tuple[str, ...]:
        """Return the taxonomy codes for a screening domain, or raise ValueError."""
        found = self._domains.get(domain.strip().casefold())
        if found is not None:
            return found.codes
        close = difflib.get_close_matches(domain.strip().casefold(), list(self._domains), n=1)
        hint = f'did you mean "{close[0]}"?' if close else "see data/screening_domains.csv."
        raise ValueError(f'"{domain}" is not a screening domain: {hint}')


@functools.cache
def default_taxonomy() -> Taxonomy:
    """Return the packaged taxonomy, loaded once per process."""
    return Taxonomy.load()


# Synonyms are written as clients say them ("I want to kill myself"); case managers write
# about the client ("he wants to kill himself"). Pronouns fold to the first person.
_FIRST_PERSON = {
    "he": "i", "she": "i", "they": "i", "we": "i",
    "him": "me", "her": "my", "them": "me", "us": "me",
    "his": "my", "their": "my", "our": "my", "hers": "mine", "theirs": "mine",
    "himself": "myself", "herself": "myself", "themselves": "myself", "themself": "myself",
    "ourselves": "myself",
}  # fmt: skip


#: Articles, left out of phrases and text alike: "sleeping on friends' couches" is "sleeping
#: on a friend's couch".
_ARTICLES = frozenset({"a", "an", "the", "el", "la", "los", "las", "un", "una"})


@functools.lru_cache(maxsize=65536)
def _normalize(word: str) -> str:
    """Return a word folded for matching: lower case, no accents, apostrophes or plural
    ("" for an article)."""
    if word == "&":
        return "and"
    word = word.casefold().replace("’", "'")
    if not word.isascii():
        decomposed = unicodedata.normalize("NFKD", word)
        word = "".join(c for c in decomposed if not unicodedata.combining(c))
    if word.endswith("'s"):
        word = word[:-2]
    word = word.replace("'", "").replace("&", "")
    if word in _FIRST_PERSON:
        return _FIRST_PERSON[word]
    if word in _ARTICLES:  # "a place to stay" is "place to stay"
        return ""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")) and not word.endswith("aches"):
        return word[:-2]
    return word[:-1]


def _key(text: str) -> str:
    """Return the normalised words of a phrase, joined by spaces."""
    return " ".join(w for m in _WORD.finditer(text) if (w := _normalize(m.group())))


def _parent_code(code: str) -> str | None:
    """Return the code a code's own digits name as its parent, or None at the top."""
    if not _CODE.fullmatch(code) or "-" not in code:
        return None
    return code.rsplit("-", 1)[0]


def _split(value: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p.strip() for p in value.split(";") if p.strip()))


def _read_text(file: Traversable | Path, source: str) -> str:
    try:
        return file.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise ValueError(f"{source}: no such file.") from exc
    except UnicodeDecodeError as exc:
        raise ValueError(f"{source}: not UTF-8 text; save it as CSV UTF-8.") from exc


def _rows(text: str, source: str, columns: tuple[str, ...]) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, fields) of each row, after checking the header."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(reader, [])]
    if tuple(header) != columns:
        raise ValueError(
            f"{source} line 1: the columns must be {','.join(columns)}, "
            f"not {','.join(header) or 'nothing'}."
        )
    line = reader.line_num + 1
    for row in reader:
        if any(field.strip() for field in row):
            if len(row) != len(columns):
                raise ValueError(
                    f"{source} line {line}: {len(row)} fields instead of {len(columns)}; "
                    "put a value that contains a comma inside double quotes."
                )
            yield line, [field.strip() for field in row]
        line = reader.line_num + 1


def _read_terms(text: str, source: str) -> list[Term]:
    """Parse and check taxonomy rows, naming the file, line and column of any error."""
    terms: list[Term] = []
    lines: dict[str, int] = {}
    for line, (code, name, parent, synonyms, description) in _rows(text, source, TAXONOMY_COLUMNS):
        where = f"{source} line {line}"
        if not _CODE.fullmatch(code):
            raise ValueError(
                f'{where}, column code: "{code}" is not a code like "103", "103-03" '
                'or "103-03-01".'
            )
        if code in lines:
            raise ValueError(
                f"{where}, column code: {code} is already used on line {lines[code]}."
            )
        if not name:
            raise ValueError(f"{where}, column name: {code} has no name.")
        expected = _parent_code(code)
        if expected is None and parent:
            raise ValueError(
                f"{where}, column parent: {code} is a top-level code, so its parent must be "
                f'empty, not "{parent}".'
            )
        if expected is not None and parent != expected:
            raise ValueError(
                f'{where}, column parent: "{parent}" is not the parent of {code}: a code '
                f"starts with its parent's code, so the parent must be {expected}."
            )
        lines[code] = line
        terms.append(Term(code, name, parent or None, _split(synonyms), description))
    if not terms:
        raise ValueError(f"{source}: no terms below the header.")
    for term in terms:
        if term.parent is not None and term.parent not in lines:
            raise ValueError(
                f"{source} line {lines[term.code]}, column parent: {term.parent} is not a code "
                "in this file; add it above its children or fix the parent."
            )
    return terms


def _read_lexicon(
    folder: Traversable | Path, shown: str | None, known: set[str]
) -> dict[str, list[str]]:
    """Read every CSV of the lexicon folder: code, language (en, es...), phrase."""
    phrases: dict[str, list[str]] = {}
    for file in sorted(folder.iterdir(), key=lambda f: f.name):
        if not file.name.endswith(".csv"):
            continue
        source = f"{shown}/{file.name}" if shown else str(file)
        for line, (code, language, phrase) in _rows(
            _read_text(file, source), source, LEXICON_COLUMNS
        ):
            if code not in known:
                raise ValueError(
                    f"{source} line {line}, column code: {code} is not a code in the taxonomy."
                )
            if not re.fullmatch(r"[a-z]{2,3}", language):
                raise ValueError(
                    f'{source} line {line}, column language: "{language}" is not a language '
                    'code such as "en" or "es".'
                )
            if phrase:
                phrases.setdefault(code, []).append(phrase)
    return phrases


def _read_related(text: str, source: str, known: set[str]) -> dict[str, tuple[str, ...]]:
    """Parse the related-needs map, checking that every code is in the taxonomy."""
    related: dict[str, list[str]] = {}
    for line, (code, other, _why) in _rows(text, source, RELATED_COLUMNS):
        for column, value in (("code", code), ("related", other)):
            if value not in known:
                raise ValueError(
                    f"{source} line {line}, column {column}: {value} is not a code in the "
                    "taxonomy."
                )
        related.setdefault(code, []).append(other)
    return {code: tuple(others) for code, others in related.items()}


def _read_domains(
    text: str, source: str, known: set[str], taxonomy_source: str
) -> list[ScreeningDomain]:
    """Parse and check screening-domain rows against the taxonomy's codes."""
    domains: list[ScreeningDomain] = []
    lines: dict[str, int] = {}
    for line, (domain, instrument, label, codes, phrases) in _rows(text, source, DOMAIN_COLUMNS):
        where = f"{source} line {line}"
        if not _DOMAIN.fullmatch(domain):
            raise ValueError(
                f'{where}, column domain: "{domain}" is not a name like "food_insecurity" '
                "(lower case letters, digits and _)."
            )
        if domain in lines:
            raise ValueError(
                f"{where}, column domain: {domain} is already used on line {lines[domain]}."
            )
        code_list = _split(codes)
        if not code_list:
            raise ValueError(f"{where}, column codes: {domain} has no taxonomy codes.")
        for code in code_list:
            if code not in known:
                raise ValueError(
                    f"{where}, column codes: {code} is not a code in {taxonomy_source}."
                )
        lines[domain] = line
        domains.append(ScreeningDomain(domain, instrument, label, code_list, _split(phrases)))
    return domains
