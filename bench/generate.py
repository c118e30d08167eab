"""Generate N resources that look like a real directory at scale, as a flat CSV for benchmarks.

    python bench/generate.py 100000 bench/out/resources-100k.csv [--seed 7] [--national]

Every row starts from a *template*, a random row of the sample directory
(data/sample/resources.csv), and keeps its organization, categories, keywords, contacts and
address. Copying the template whole (as this script once did) made a million-row file out of
352 texts repeated, so the index, the vocabulary and the rankings looked nothing like a
directory of that size. Instead, within the template's top-level category (``102`` for
``102-04 Food Pantry``: the taxonomy's codes nest by ``-``):

* the description is 2-4 sentences: one of the template's own, then others drawn from any
  row of the same top-level category;
* the name puts an organization-like prefix (a place of the region, a neighborhood, a saint,
  a family name) before the template's service noun: "Northside Food Pantry";
* the hours come from another row, and the eligibility (text, ages, genders, populations,
  income limit, kept together so that they stay consistent) from yet another;
* about 3% of the words of 5+ letters get a typo (a letter swapped, dropped or doubled:
  about 1.6% of all words), and 1 row in 50 gets one more sentence naming an invented,
  pronounceable word ("Ask for the Velorin program."), so that the vocabulary keeps growing
  with N as real directories' does (their typos and proper names never run out).

Points are spread over the metro area around San Mateo, CA (``CENTER``,
``HALF_EXTENT_DEGREES``); with ``--national`` they are spread over 58 US metros instead
(``METROS``), each row taking the city, state, ZIP code and service area of its metro.
The output is the same bytes for the same count, seed and mode. Every row imports cleanly.

Measured (seed 7, Python 3.11, one core): distinct lower-case words in the descriptions.
The sample has 1,385, where the old generator stopped at any N; here they keep growing:

    =========  ======  ==========  ==================
    rows       metro   --national  time (metro)
    =========  ======  ==========  ==================
    1,000      2,115   2,129       0.1 s
    10,000     6,166   6,220       0.8 s
    100,000    15,715  15,812      6-7 s (97 MB)
    1,000,000  35,168              57 s (970 MB)
    =========  ======  ==========  ==================

Measured with::

    for n in 1000 10000 100000; do
        /usr/bin/time -f "$n rows: %e s" python bench/generate.py $n /tmp/gen-$n.csv
    done
    python -c 'import sys; sys.path.insert(0, "bench"); import generate as g
    for n in (1000, 10000, 100000):
        print(n, len(g.description_vocabulary(f"/tmp/gen-{n}.csv")))'
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import re
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample" / "resources.csv"
TAXONOMY = ROOT / "data" / "taxonomy.csv"
#: The metro area: about 40 x 40 miles centred on San Mateo, CA (half-extents in degrees).
CENTER = (37.54, -122.30)
HALF_EXTENT_DEGREES = (0.29, 0.37)
#: In national mode, how far (in degrees, each way) a point may fall from its metro's centre.
NATIONAL_JITTER_DEGREES = 0.3

#: Share of the words of 5+ letters that get a typo (half the words are that long).
TYPO_RATE = 0.03
#: Share of the rows whose description names an invented word.
RARE_WORD_RATE = 1 / 50
#: Columns drawn together from one row, so that the ages, text and limits agree.
ELIGIBILITY_COLUMNS = (
    "eligibility",
    "min_age",
    "max_age",
    "genders",
    "populations",
    "income_limit_fpl",
)


class Metro(NamedTuple):
    """A US metro: its main city, state, a downtown ZIP code and the city's centre."""

    city: str
    state: str
    zip: str
    latitude: float
    longitude: float


#: 58 metros across the US (continental, and DC), every city and ZIP known to the gazetteer.
METROS: tuple[Metro, ...] = (
    Metro("New York", "NY", "10001", 40.7128, -74.0060),
    Metro("Los Angeles", "CA", "90012", 34.0522, -118.2437),
    Metro("Chicago", "IL", "60602", 41.8781, -87.6298),
    Metro("Houston", "TX", "77002", 29.7604, -95.3698),
    Metro("Phoenix", "AZ", "85004", 33.4484, -112.0740),
    Metro("Philadelphia", "PA", "19107", 39.9526, -75.1652),
    Metro("San Antonio", "TX", "78205", 29.4241, -98.4936),
    Metro("San Diego", "CA", "92101", 32.7157, -117.1611),
    Metro("Dallas", "TX", "75201", 32.7767, -96.7970),
    Metro("Austin", "TX", "78701", 30.2672, -97.7431),
    Metro("Jacksonville", "FL", "32202", 30.3322, -81.6557),
    Metro("Columbus", "OH", "43215", 39.9612, -82.9988),
    Metro("Indianapolis", "IN", "46204", 39.7684, -86.1581),
    Metro("Charlotte", "NC", "28202", 35.2271, -80.8431),
    Metro("Seattle", "WA", "98101", 47.6062, -122.3321),
    Metro("Denver", "CO", "80202", 39.7392, -104.9903),
    Metro("Washington", "DC", "20001", 38.9072, -77.0369),
    Metro("Boston", "MA", "02108", 42.3601, -71.0589),
    Metro("Nashville", "TN", "37203", 36.1627, -86.7816),
    Metro("Detroit", "MI", "48226", 42.3314, -83.0458),
    Metro("Oklahoma City", "OK", "73102", 35.4676, -97.5164),
    Metro("Portland", "OR", "97204", 45.5152, -122.6784),
    Metro("Las Vegas", "NV", "89101", 36.1699, -115.1398),
    Metro("Memphis", "TN", "38103", 35.1495, -90.0490),
    Metro("Louisville", "KY", "40202", 38.2527, -85.7585),
    Metro("Baltimore", "MD", "21202", 39.2904, -76.6122),
    Metro("Milwaukee", "WI", "53202", 43.0389, -87.9065),
    Metro("Albuquerque", "NM", "87102", 35.0844, -106.6504),
    Metro("Tucson", "AZ", "85701", 32.2226, -110.9747),
    Metro("Fresno", "CA", "93721", 36.7378, -119.7871),
    Metro("Sacramento", "CA", "95814", 38.5816, -121.4944),
    Metro("Kansas City", "MO", "64106", 39.0997, -94.5786),
    Metro("Atlanta", "GA", "30303", 33.7490, -84.3880),
    Metro("Omaha", "NE", "68102", 41.2565, -95.9345),
    Metro("Raleigh", "NC", "27601", 35.7796, -78.6382),
    Metro("Miami", "FL", "33130", 25.7617, -80.1918),
    Metro("Minneapolis", "MN", "55401", 44.9778, -93.2650),
    Metro("Tulsa", "OK", "74103", 36.1540, -95.9928),
    Metro("Cleveland", "OH", "44113", 41.4993, -81.6944),
    Metro("New Orleans", "LA", "70112", 29.9511, -90.0715),
    Metro("Tampa", "FL", "33602", 27.9506, -82.4572),
    Metro("Pittsburgh", "PA", "15222", 40.4406, -79.9959),
    Metro("Cincinnati", "OH", "45202", 39.1031, -84.5120),
    Metro("St. Louis", "MO", "63101", 38.6270, -90.1994),
    Metro("Salt Lake City", "UT", "84111", 40.7608, -111.8910),
    Metro("Orlando", "FL", "32801", 28.5383, -81.3792),
    Metro("Buffalo", "NY", "14202", 42.8864, -78.8784),
    Metro("Richmond", "VA", "23219", 37.5407, -77.4360),
    Metro("Birmingham", "AL", "35203", 33.5186, -86.8104),
    Metro("Boise", "ID", "83702", 43.6150, -116.2023),
    Metro("Des Moines", "IA", "50309", 41.5868, -93.6250),
    Metro("Little Rock", "AR", "72201", 34.7465, -92.2896),
    Metro("Spokane", "WA", "99201", 47.6588, -117.4260),
    Metro("Hartford", "CT", "06103", 41.7658, -72.6734),
    Metro("Charleston", "SC", "29401", 32.7765, -79.9311),
    Metro("Jackson", "MS", "39201", 32.2988, -90.1848),
    Metro("Portland", "ME", "04101", 43.6591, -70.2568),
    Metro("Billings", "MT", "59101", 45.7833, -108.5007),
)

# Parts of service names. Places come from the sample's cities (or the national metro).
NEIGHBORHOODS = (
    "Northside", "Southside", "Eastside", "Westside", "Downtown", "Midtown", "Uptown",
    "Old Town", "Harbor", "Hillside", "Lakeside", "Riverside", "Bayside", "Parkside",
    "Mission", "Valley", "Crossroads", "Heritage", "Unity", "Good Neighbor",
)  # fmt: skip
SAINTS = (
    "St. Anne", "St. Anthony", "St. Brigid", "St. Francis", "St. Joseph", "St. Luke",
    "St. Mark", "St. Martin", "St. Mary", "St. Matthew", "St. Patrick", "St. Vincent",
    "St. Elizabeth", "St. Paul", "Holy Trinity", "Good Shepherd",
)  # fmt: skip
SURNAMES = (
    "Alvarez", "Nguyen", "Okafor", "Patel", "Kowalski", "Johnson", "Delgado", "Tran",
    "Washington", "Morales", "Chen", "Haddad", "Reyes", "Sullivan", "Kim", "Mendoza",
    "Brooks", "Fonoti", "Castillo", "Abernathy", "Lindqvist", "Yamada", "Osei", "Ruiz",
    "Bennett", "Ortega", "Farah", "Whitfield", "Nakamura", "Petrov",
)  # fmt: skip
#: How a service is named, from a prefix and its noun (the template's name).
NAME_FORMS = (
    "{place} {noun}",
    "{place} Community {noun}",
    "{hood} {noun}",
    "{hood} Community {noun}",
    "{saint} {noun}",
    "{surname} Family {noun}",
    "{surname} Center {noun}",
    "{noun} at {saint} Church",
    "{noun} at {place} Library",
    "{noun} - {hood}",
    "{noun}",
)
#: Sentences that name an invented word, as real descriptions name programs and partners.
RARE_WORD_FRAMES = (
    "Ask for the {word} program.",
    "Formerly known as {word} House.",
    "Run with volunteers from the {word} Foundation.",
    "Part of the {word} network.",
    "Funded in part by the {word} Fund.",
    "Meets at the {word} building.",
)
ONSETS = (
    "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w",
    "z", "br", "ch", "cl", "dr", "gr", "kr", "pl", "sh", "st", "tr", "th", "",
)  # fmt: skip
VOWELS = ("a", "e", "i", "o", "u", "ai", "ea", "ou", "y")
CODAS = ("", "", "", "n", "r", "l", "s", "th", "nd", "m", "x", "k")

# A sentence ends at . ! or ? followed by a space and something that can start one.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"(])")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)*")
_PUNCTUATION = ".,;:!?()\"'"


class Sentence(NamedTuple):
    """A sentence split once into words, with the positions of the words long enough to typo."""

    text: str
    words: tuple[str, ...]
    long_words: tuple[int, ...]


class Pool(NamedTuple):
    """What the rows of one top-level category share: their sentences, hours, eligibility."""

    sentences: list[Sentence]
    hours: list[str]
    eligibility: list[tuple[str, ...]]


def split_sentences(text: str) -> list[str]:
    """Split a description into sentences, each ending with a full stop (or ! or ?)."""
    parts = [" ".join(p.split()) for p in _SENTENCE_END.split(text.strip())]
    return [p if p.endswith((".", "!", "?")) else f"{p}." for p in parts if p]


def make_sentence(text: str) -> Sentence:
    """Split a sentence into words and note which can take a typo (5+ letters)."""
    words = tuple(text.split(" "))
    long_words = tuple(i for i, word in enumerate(words) if _typo_core(word) is not None)
    return Sentence(text, words, long_words)


def _typo_core(word: str) -> tuple[int, int] | None:
    """Return the (start, end) of a word's letters if there are 5+ of them and nothing else."""
    core = word.strip(_PUNCTUATION)
    if len(core) < 5 or not core.isalpha():
        return None
    start = word.index(core)
    return start, start + len(core)


def add_typo(word: str, rng: random.Random) -> str:
    """Swap, drop or double one letter of a word's letters (never its first or last)."""
    span = _typo_core(word)
    if span is None:
        return word
    start, end = span
    core = word[start:end]
    j = rng.randrange(1, len(core) - 2)
    kind = rng.randrange(3)
    if kind == 0 and core[j] != core[j + 1]:
        core = core[:j] + core[j + 1] + core[j] + core[j + 2 :]
    elif kind == 1:
        core = core[:j] + core[j + 1 :]
    else:
        core = core[: j + 1] + core[j] + core[j + 1 :]
    return word[:start] + core + word[end:]


def invented_word(rng: random.Random) -> str:
    """Return a capitalised, pronounceable made-up word of two or three syllables."""
    syllables = [
        rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)
        for _ in range(rng.randrange(2, 4))
    ]
    return "".join(syllables).capitalize()


def service_name(noun: str, place: str, rng: random.Random) -> str:
    """Return a service name: an organization-like prefix and the service noun."""
    form = rng.choice(NAME_FORMS)
    # Only the parts the form uses are drawn: this runs for every row.
    parts = {"noun": noun, "place": place}
    if "{hood}" in form:
        parts["hood"] = rng.choice(NEIGHBORHOODS)
    if "{saint}" in form:
        parts["saint"] = rng.choice(SAINTS)
    if "{surname}" in form:
        # An invented family name now and then, as real directories have endless surnames.
        parts["surname"] = rng.choice(SURNAMES) if rng.random() < 0.8 else invented_word(rng)
    return form.format_map(parts)


def category_codes(path: Path = TAXONOMY) -> dict[str, str]:
    """Return the taxonomy's codes by code and by lower-case name (some rows give names)."""
    with path.open(encoding="utf-8", newline="") as f:
        terms = list(csv.DictReader(f))
    codes = {t["name"].casefold(): t["code"] for t in terms}
    codes.update({t["code"]: t["code"] for t in terms})
    return codes


def top_level(categories: str, codes: dict[str, str]) -> str:
    """Return the top-level code of a row's first category ("102-04; 107" -> "102")."""
    first = categories.split(";")[0].strip()
    code = codes.get(first, codes.get(first.casefold(), first))
    return code.split("-")[0]


def load_sample(path: Path = SAMPLE) -> tuple[list[str], list[list[str]]]:
    """Return the sample's columns and rows."""
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        columns = next(reader)
        return columns, [row for row in reader if len(row) == len(columns)]


def build_pools(
    columns: Sequence[str], rows: Sequence[Sequence[str]], codes: dict[str, str]
) -> tuple[list[str], dict[str, Pool], list[list[Sentence]]]:
    """Group the sample by top-level category, splitting descriptions once, up front.

    Returns each row's top level, the pools by top level, and each row's own sentences.
    """
    col = {name: i for i, name in enumerate(columns)}
    eligibility = [col[c] for c in ELIGIBILITY_COLUMNS if c in col]
    tops: list[str] = []
    pools: dict[str, Pool] = {}
    own: list[list[Sentence]] = []
    seen: dict[str, set[str]] = {}
    for row in rows:
        top = top_level(row[col["categories"]], codes) if "categories" in col else ""
        tops.append(top)
        pool = pools.setdefault(top, Pool([], [], []))
        texts = split_sentences(row[col["description"]]) if "description" in col else []
        own.append([make_sentence(t) for t in texts])
        for text in texts:
            # A pool of distinct sentences: the sample repeats a network's text at each site.
            if text not in seen.setdefault(top, set()):
                seen[top].add(text)
                pool.sentences.append(make_sentence(text))
        if "hours" in col:
            pool.hours.append(row[col["hours"]])
        pool.eligibility.append(tuple(row[i] for i in eligibility))
    return tops, pools, own


class RowMaker:
    """Makes the generated rows, one template at a time, from a seeded random generator."""

    def __init__(
        self,
        columns: list[str],
        templates: list[list[str]],
        rng: random.Random,
        *,
        national: bool = False,
    ) -> None:
        self.columns = columns
        self.templates = templates
        self.rng = rng
        self.national = national
        self.col = {name: i for i, name in enumerate(columns)}
        self.eligibility = [self.col[c] for c in ELIGIBILITY_COLUMNS if c in self.col]
        self.tops, self.pools, self.own = build_pools(columns, templates, category_codes())
        city = self.col.get("city")
        cities = {row[city] for row in templates if city is not None and row[city]}
        self.places = sorted(cities) or ["Bay Area"]
        # Long words left before the next typo: one geometric stream over every row, so the
        # cost is per typo, not per word.
        self.until_typo = self._typo_gap()

    def _typo_gap(self) -> int:
        """Return how many long words pass before the next typo (geometric)."""
        return int(math.log(1.0 - self.rng.random()) / math.log(1.0 - TYPO_RATE))

    def row(self, i: int) -> list[str]:
        """Return the ``i``-th generated row."""
        rng, col = self.rng, self.col
        t = rng.randrange(len(self.templates))
        row = list(self.templates[t])
        pool = self.pools[self.tops[t]]
        row[col["id"]] = f"bench-{i:07d}"
        row[col["location_id"]] = f"loc-{i:07d}"
        metro = rng.choice(METROS) if self.national else None
        place = metro.city if metro is not None else rng.choice(self.places)
        row[col["name"]] = service_name(row[col["name"]] or "Services", place, rng)
        if "description" in col:
            row[col["description"]] = self._description(self.own[t], pool)
        if "hours" in col and pool.hours:
            row[col["hours"]] = rng.choice(pool.hours)
        if self.eligibility and pool.eligibility:
            for index, value in zip(self.eligibility, rng.choice(pool.eligibility), strict=True):
                row[index] = value
        if metro is not None:
            self._move_to(row, metro)
        elif row[col["latitude"]] or rng.random() < 0.9:
            # As in the sample, about 1 row in 10 without coordinates keeps none (and is
            # geocoded from its ZIP code on import).
            lat = CENTER[0] + rng.uniform(-1, 1) * HALF_EXTENT_DEGREES[0]
            lon = CENTER[1] + rng.uniform(-1, 1) * HALF_EXTENT_DEGREES[1]
            row[col["latitude"]] = f"{lat:.5f}"
            row[col["longitude"]] = f"{lon:.5f}"
        return row

    def _description(self, own: list[Sentence], pool: Pool) -> str:
        """Return 2-4 sentences: one of the template's own, then others of its category.

        One row in 50 gets a last sentence naming an invented word.
        """
        rng = self.rng
        others = pool.sentences
        picked = [rng.choice(own)] if own else []
        wanted = rng.randrange(2, 5) - len(picked)
        # One more than wanted, in case the template's own sentence is among them.
        extra = rng.sample(others, min(wanted + 1, len(others)))
        picked += [s for s in extra if s.text != picked[0].text][:wanted] if picked else extra
        texts = self._with_typos(picked)
        if rng.random() < RARE_WORD_RATE:
            texts.append(rng.choice(RARE_WORD_FRAMES).format(word=invented_word(rng)))
        return " ".join(texts)

    def _with_typos(self, sentences: list[Sentence]) -> list[str]:
        """Return the sentences' texts, with a typo wherever the typo stream falls."""
        texts: list[str] = []
        for sentence in sentences:
            count = len(sentence.long_words)
            if self.until_typo >= count:
                # The common case: no typo in this sentence.
                self.until_typo -= count
                texts.append(sentence.text)
                continue
            words = list(sentence.words)
            while self.until_typo < count:
                k = sentence.long_words[self.until_typo]
                words[k] = add_typo(words[k], self.rng)
                self.until_typo += 1 + self._typo_gap()
            self.until_typo -= count
            texts.append(" ".join(words))
        return texts

    def _move_to(self, row: list[str], metro: Metro) -> None:
        """Place a row in a national metro: a point near its centre, its city, state, ZIP."""
        rng, col = self.rng, self.col
        if row[col["latitude"]] or rng.random() < 0.9:
            lat = metro.latitude + rng.uniform(-1, 1) * NATIONAL_JITTER_DEGREES
            lon = metro.longitude + rng.uniform(-1, 1) * NATIONAL_JITTER_DEGREES
            row[col["latitude"]] = f"{lat:.5f}"
            row[col["longitude"]] = f"{lon:.5f}"
        for name, value in (("city", metro.city), ("state", metro.state)):
            if name in col:
                row[col[name]] = value
        if "postal_code" in col:
            row[col["postal_code"]] = metro.zip
        area = col.get("service_area")
        # A San Mateo service area would not fit a Denver address; "national" fits anywhere.
        if area is not None and row[area] and row[area].strip().lower() != "national":
            row[area] = f"{metro.city}, {metro.state}"


def generate(count: int, out: Path, seed: int = 7, *, national: bool = False) -> None:
    """Write ``count`` generated resources to ``out``, the same bytes for the same arguments.

    With ``national``, the points are spread over US metros (``METROS``) rather than the
    San Mateo metro area, with each metro's city, state, ZIP code and service area.
    """
    columns, templates = load_sample()
    maker = RowMaker(columns, templates, random.Random(seed), national=national)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(columns)
        writer.writerows(maker.row(i) for i in range(count))


def description_vocabulary(path: Path | str) -> set[str]:
    """Return the distinct lower-case words of a CSV file's description column."""
    words: set[str] = set()
    with Path(path).open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            words.update(_WORD.findall(row["description"].lower()))
    return words


def main() -> None:
    """Parse the arguments and generate."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--national", action="store_true", help="spread the points over US metros")
    args = parser.parse_args()
    generate(args.count, args.out, args.seed, national=args.national)


if __name__ == "__main__":
    main()
