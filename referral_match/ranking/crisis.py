"""Notice crisis language in what a case manager wrote, and the lines to call about it.

Text that speaks of suicide, self-harm, violence at home, a child in danger or an overdose,
in English or Spanish, is a crisis whatever needs were ticked: every front shows the crisis
lines above the referrals. The patterns are phrases, not single words, so that "killing
time at the library" or "this rent is killing me" are not crises, and a case note that
denies them ("denies suicidal thoughts") is not either. A missed crisis costs more than a
false alarm, so where a phrase is ambiguous it counts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["CRISIS_LINES", "CrisisLine", "CrisisSign", "crisis_lines", "find_crisis"]


@dataclass(frozen=True, slots=True)
class CrisisSign:
    """A crisis the text speaks of: its kind and the words that said it."""

    #: "suicide", "self-harm", "violence at home", "child in danger" or "overdose".
    kind: str
    #: The words of the text that were read as the crisis.
    phrase: str

    def to_dict(self) -> dict[str, str]:
        """Return the sign as plain data."""
        return {"kind": self.kind, "phrase": self.phrase}


@dataclass(frozen=True, slots=True)
class CrisisLine:
    """A national line to call in a crisis, day or night."""

    name: str
    phone: str
    #: How to reach it besides calling ("text 988", "text START to 88788").
    other: str
    #: The kinds of crisis it is for.
    kinds: tuple[str, ...]

    def to_dict(self) -> dict[str, str]:
        """Return the line as plain data."""
        return {"name": self.name, "phone": self.phone, "other": self.other}


_ME = r"(?:my|him|her|them|your|one|it)sel(?:f|ves)"
_OWN = r"(?:my|his|her|their|your)(?: own)?"
_PERSON = (
    r"(?:husband|wife|boyfriend|girlfriend|partner|spouse|ex|ex-husband|ex-wife|"
    r"ex-boyfriend|ex-girlfriend|baby'?s? (?:father|mother|daddy|mama)|father|mother|dad|"
    r"stepfather|stepdad|son|daughter|brother|uncle|he|she)"
)
_VICTIM = r"(?:me|her|him|them|us|the kids|the children|my mom|her mom|his mom)"
_CHILD = (
    r"(?:child|children|kid|kids|son|daughter|baby|babies|toddler|infant|grandchild|"
    r"grandson|granddaughter|niece|nephew|stepson|stepdaughter|little one)"
)

#: (kind, pattern) in English and Spanish, matched on lowercased text without accents.
_PATTERNS: tuple[tuple[str, str], ...] = (
    # Suicide
    ("suicide", r"\bsuicid\w*"),
    ("suicide", rf"\b(?:kill|killing|killed|hang|hanging|hanged|shoot|shooting) {_ME}\b"),
    ("suicide", rf"\b(?:end|ending|take|taking|took) {_OWN} life\b"),
    ("suicide", r"\bend (?:it all|everything)\b"),
    ("suicide", r"\b(?:want|wants|wanted|wanting|wish|wishes|wished) to (?:die|be dead)\b"),
    ("suicide", r"\b(?:wishes|wish|wished) (?:she|he|i|they) (?:was|were) dead\b"),
    (
        "suicide",
        r"\b(?:doesn'?t|does not|don'?t|do not|didn'?t|no longer) (?:want|wants|wish) to "
        r"(?:live|be alive|be here)\b",
    ),
    ("suicide", r"\b(?:no reason to live|better off dead|not worth living)\b"),
    ("suicide", r"\bthoughts of (?:death|dying|ending)\b"),
    ("suicide", r"\b(?:quitarse|quitarme|quitarte) la vida\b"),
    ("suicide", r"\b(?:matarse|matarme|suicidarse|suicidarme|ahorcarse|ahorcarme)\b"),
    ("suicide", r"\b(?:me|se|te) (?:quiero|quiere|quieres|queria) (?:matar|morir)\b"),
    ("suicide", r"\b(?:quiere|quiero|queria) (?:morirse|morirme|morir)\b"),
    ("suicide", r"\bya no (?:quiere|quiero|queria) vivir\b"),
    ("suicide", r"\bacabar con (?:su|mi) vida\b"),
    # Self-harm
    ("self-harm", r"\bself[- ]?harm\w*|\bself[- ]?injur\w*|\bautolesi\w*"),
    (
        "self-harm",
        rf"\b(?:cuts|cut|cutting|burns|burning|hurts|hurting|harms|harming) {_ME}\b",
    ),
    ("self-harm", r"\b(?:se corta|me corto|se lastima|me lastimo|hacerse dano)\b"),
    # Violence at home
    ("violence at home", r"\bdomestic (?:violence|abuse)\b|\bintimate partner violence\b"),
    ("violence at home", r"\bviolencia (?:domestica|familiar|intrafamiliar|de genero)\b"),
    (
        "violence at home",
        rf"\b{_PERSON} (?:hits|hit|beats|beat|punches|punched|kicks|kicked|chokes|choked|"
        rf"strangles|strangled|slaps|slapped|abuses|abused|rapes|raped|"
        rf"attacks|attacked) {_VICTIM}\b(?! (?:back|head|knee|leg|arm|shoulder|neck)\b)",
    ),
    (
        "violence at home",
        rf"\b(?:threatens|threatened|threatening) to (?:kill|hurt|shoot|stab) {_VICTIM}\b",
    ),
    (
        "violence at home",
        rf"\b(?:abused|beaten|battered|hit|choked|strangled) by (?:her|his|my|their) {_PERSON}\b",
    ),
    ("violence at home", r"\bafraid (?:he|she)(?:'ll| will| is going to) (?:kill|hurt)\b"),
    (
        "violence at home",
        rf"\b(?:said|says|told \w+|swore|swears|threatened|threatens|warned) (?:that )?"
        rf"(?:he|she)(?:'d|'ll| would| will| is going to| was going to) (?:kill|hurt|shoot|"
        rf"stab|beat) {_VICTIM}\b(?! (?:back|head|knee|leg|arm|shoulder|neck|feelings)\b)",
    ),
    (
        "violence at home",
        r"\b(?:me|la|lo|le|nos) (?:pega|golpea|golpeo|pego|maltrata|amenaza|amenazo)\b",
    ),
    ("violence at home", r"\bamenaz\w* con matar\w*"),
    # A child in danger
    ("child in danger", rf"\b{_CHILD} (?:abuse|neglect)\b|\bmaltrato infantil\b"),
    (
        "child in danger",
        rf"\b(?:hits|hit|beats|beat|burns|burned|abuses|abused|molests|molested|touches|"
        rf"touched) (?:the|her|his|my|their|a) {_CHILD}\b",
    ),
    (
        "child in danger",
        rf"\b{_CHILD} (?:is|are|was|were) (?:being )?(?:abused|beaten|molested|hit|"
        rf"in danger|not safe|unsafe|being hurt)\b"
        rf"(?! by (?:a|the) (?:car|truck|vehicle|bus|ball|bike)\b)",
    ),
    ("child in danger", rf"\bleft (?:the|her|his|their|my) {_CHILD} alone\b"),
    ("child in danger", r"\babuso (?:de menores|infantil|sexual infantil)\b"),
    ("child in danger", r"\b(?:le|les) pega a (?:su|sus|los|las) (?:hij|nin)\w*"),
    # Overdose
    ("overdose", r"\boverdos\w*|\bo\.d\.|\bod'?ed\b|\bod'd\b|\bsobredosis\b"),
    ("overdose", r"\btook (?:too many|a bottle of|all (?:her|his|my|the)) (?:pills|meds)\b"),
    ("overdose", r"\bnarcan\b|\bnaloxone\b"),
)

_COMPILED = tuple((kind, re.compile(pattern)) for kind, pattern in _PATTERNS)

#: Phrases that deny a crisis in a case note: the sign right after them does not count.
_DENIAL = re.compile(
    r"\b(?:denies|denied|denying|no|not|never|without|niega)\s+(?:any\s+|current\s+|history "
    r"of\s+|recent\s+)*$"
)

CRISIS_LINES: tuple[CrisisLine, ...] = (
    CrisisLine(
        "988 Suicide and Crisis Lifeline (Spanish: press 2)",
        "988",
        "text 988, or chat at 988lifeline.org",
        ("suicide", "self-harm", "overdose"),
    ),
    CrisisLine(
        "National Domestic Violence Hotline (Spanish spoken)",
        "1-800-799-7233",
        "text START to 88788",
        ("violence at home",),
    ),
    CrisisLine(
        "Childhelp National Child Abuse Hotline (Spanish spoken)",
        "1-800-422-4453",
        "call or text",
        ("child in danger",),
    ),
    CrisisLine(
        "Poison Help (overdoses and poisonings)",
        "1-800-222-1222",
        "or 911 if the person will not wake up",
        ("overdose",),
    ),
)


def _plain(text: str) -> str:
    """Return text lowercased, without accents, with curly apostrophes made straight."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def find_crisis(*texts: str) -> list[CrisisSign]:
    """Return the crises the texts speak of, once per kind, in the order found."""
    signs: dict[str, CrisisSign] = {}
    for text in texts:
        plain = _plain(text)
        for kind, pattern in _COMPILED:
            if kind in signs:
                continue
            for match in pattern.finditer(plain):
                before = plain[max(0, match.start() - 40) : match.start()]
                if _DENIAL.search(before):
                    continue
                signs[kind] = CrisisSign(kind, text[match.start() : match.end()])
                break
    return list(signs.values())


def crisis_lines(signs: list[CrisisSign]) -> list[CrisisLine]:
    """Return the lines for these crises (all of them when there is none), 988 first."""
    kinds = {s.kind for s in signs}
    chosen = [line for line in CRISIS_LINES if kinds & set(line.kinds)] if kinds else []
    return chosen or list(CRISIS_LINES)
