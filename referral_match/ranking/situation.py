"""Tell, in a situation text, the phrases that state a need of the client from those that do not.

A case manager's note mentions many things that are not needs: a purpose ("wants her GED so
she can enroll in a medical assistant program": the need is the GED, not medical care), a
need that has passed ("no longer drinks"), another person's life ("her mother has dementia but
is in a facility") and incidental nouns ("sleeping on her niece's couch" is not a furniture
need). A wrong need costs more than a missed one: it fills the client's list with services
they did not ask for. So a phrase the taxonomy knows becomes a need only when nothing around
it says otherwise, and a single word only when the clause says the client needs it.
"""

from __future__ import annotations

import re

__all__ = ["states_a_need"]

# Where a clause starts: a sentence end, a comma or semicolon, or a word that turns to
# another statement.
_CLAUSE_START = re.compile(
    r"[.;!?\n,:()]|\b(?:but|because|although|though|since|while|whereas|pero|aunque|porque)\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[.;!?\n,:()]|\b(?:but|because|although|pero|porque)\b", re.IGNORECASE)

#: A purpose: what follows is why the client wants something, not a need of its own.
_PURPOSE = re.compile(
    r"\bso (?:that )?(?:\w+ ){0,2}(?:can|could|will|would|may|might|is able to)\b|"
    r"\bin order to\b|\bto (?:become|work as|train as|be able to|qualify for)\b|"
    r"\bpara (?:que|poder)\b|\bwith the goal of\b|\bhopes to\b|\bplans to\b",
    re.IGNORECASE,
)
#: A negation just before the phrase ("no longer drinks", "doesn't need housing").
_NEGATION = re.compile(
    r"\b(?:no longer|not|never|denies|denied|stopped|quit|used to|ya no|nunca|"
    r"doesn't|does not|isn't|is not|don't|do not|didn't|did not|hasn't|has not|wasn't|"
    r"won't|no need for|no problems? with|has (?:a|her|his|their) own|already (?:has|have|"
    r"receives|gets|got|in)|is already (?:enrolled|receiving|getting|in)|ya recibe|"
    r"ya tiene)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
#: Another person is the subject (not the client's household: a partner's or child's need
#: is the client's too).
_OTHER_PERSON = re.compile(
    r"^\s*(?:and\s+)?(?:her|his|their|my|the client's|client's|su|sus)\s+(?:\w+\s+)?"
    r"(?:mother|mom|father|dad|sister|brother|aunt|uncle|cousin|friend|friends|neighbor|"
    r"neighbour|roommate|landlord|landlady|boss|employer|coworker|grandmother|grandma|"
    r"grandfather|grandpa|niece|nephew|ex|in-laws?|mother-in-law|father-in-law|"
    r"madre|padre|mama|papa|hermana|hermano|tia|tio|prima|primo|amiga|amigo|vecina|"
    r"vecino|abuela|abuelo|sobrina|sobrino)\b",
    re.IGNORECASE,
)
#: Someone else's thing named just before the phrase ("her niece's couch").
_POSSESSED = re.compile(
    r"\b(?!(?:she|he|it|that|there|what|who|where|here|client|patient|pt)['’]s\b)\w+['’]s\s+"
    r"(?:\w+\s+)?$|\b(?:de su|de la|del)\s+\w+\s+$",
    re.IGNORECASE,
)
#: Words that say the client needs what follows, for phrases of one word.
_NEED_FRAME = re.compile(
    r"\b(?:needs?|needed|needing|wants?|wanted|looking for|looks for|asks?|asked|asking|"
    r"requests?|requested|seeking|seeks|help(?:s)? (?:with|paying|getting|finding|for)|"
    r"can'?t (?:afford|pay|get|find|buy|keep|make)|cannot|unable to|lost|losing|lacks?|"
    r"lacking|without|out of|ran out of|behind on|behind with|trouble (?:with|paying|getting)|"
    r"struggl\w+ (?:with|to)|afraid of|worried about|facing|at risk of|no|has no|have no|"
    r"had no|doesn't have|does not have|need of|in need of|referral (?:to|for)|"
    r"necesita|necesitan|necesito|necesitamos|ocupo|ocupa|busca|buscando|busco|quiere|quiero|"
    r"no tiene|no tengo|no tenemos|sin|perdio|perdi|ayuda con|ayuda para|"
    r"no (?:puedo|puede|podemos) pagar|atrasad[oa]s? (?:en|con)|debo|debe|debemos|"
    r"me falta|le falta|nos falta|dolor de|se me quebr\w+|se le quebr\w+)\b",
    re.IGNORECASE,
)
#: The frame close before the word ("has no car", "can't afford her rent"), not anywhere in
#: the clause: "behind on rent after six weeks of unpaid medical leave" needs no medical care.
_FRAME_JUST_BEFORE = re.compile(
    rf"(?:{_NEED_FRAME.pattern})\s+(?:[\w'’]+\s+){{0,2}}$", re.IGNORECASE
)
#: A state the client is in, said just before the word ("is homeless", "was evicted").
_STATE = re.compile(
    r"(?:\b(?:is|was|were|are|got|gets|been|being|became|getting|currently|recently|just|"
    r"esta|estan|fue)|['’]s)\s+$",
    re.IGNORECASE,
)


def states_a_need(text: str, start: int, end: int) -> bool:
    """Return True if the phrase at text[start:end] states a need of the client.

    False when the clause around it is a purpose, negates it, is about another person or
    another's thing, or when a one-word phrase is not said to be needed.
    """
    before_all = text[:start]
    clause_start = max((m.end() for m in _CLAUSE_START.finditer(before_all)), default=0)
    before = before_all[clause_start:]
    sentence_start = max((m.end() for m in re.finditer(r"[.;!?\n]", before_all)), default=0)
    if _PURPOSE.search(text[sentence_start:start]):
        return False
    if _NEGATION.search(before) or _POSSESSED.search(before):
        return False
    if _OTHER_PERSON.search(before):
        return False
    phrase = text[start:end]
    if len(phrase.split()) > 1:
        return True
    after = text[end:]
    if _IDIOM_AFTER.match(after):
        return False  # "dying to finish her GED", "hungry to learn": a wish, not the word
    clause_end = next((m.start() for m in _CLAUSE_END.finditer(after)), len(after))
    return bool(
        _FRAME_JUST_BEFORE.search(before)
        or _STATE.search(before)
        or _is_needed(after[:clause_end])
    )


#: A word followed by "to" and a verb is an idiom of wanting ("dying to", "itching to").
_IDIOM_AFTER = re.compile(
    r"\s+to\s+(?!(?:the|a|an|my|her|his|their|this|that|these|those|its)\b)[a-z]+\b"
)


def _is_needed(after: str) -> bool:
    # "food is needed", "rent help would help": the frame may follow the word.
    return bool(re.match(r"\s+(?:is|are)\s+(?:needed|urgent|a problem|an issue)\b", after))
