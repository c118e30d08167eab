"""Read a closure that a service's own words announce, whatever its status column says.

Directories keep a service "active" while its description says "Temporarily closed: funds
exhausted" or "This program has ended". Sending a client there wastes a trip they may not
be able to make, so a description (or name) that says the service is closed now closes it,
with the words kept in ``Resource.status_read``.
"""

from __future__ import annotations

import dataclasses
import functools
import re

from referral_match.model import Resource, Status

__all__ = ["with_status_from_text"]

_CLOSED = re.compile(
    r"\b(?:temporarily|currently|now) closed\b|"
    r"\b(?:closed|suspended|paused) (?:until further notice|for now|"
    r"indefinitely|temporarily)\b|\b(?:is|are|has been|have been) (?:temporarily )?"
    r"(?:suspended|paused|on hold)\b(?! (?:on|for|during|until|from)\b)|"
    r"\bfunds? (?:are |have been |is |has been )?"
    r"(?:exhausted|depleted|used up|run out)\b|\bno longer (?:offered|available|operating|"
    r"provided|open|running)\b(?! (?:on|in|at|for|to|after|before|during|by)\b)|"
    r"\b(?:program|service|office|site|clinic|pantry) has "
    r"(?:ended|closed)\b|\bpermanently closed\b|\btemporalmente cerrad[oa]\b|"
    r"\b(?:cerrad[oa]|suspendid[oa]) hasta nuevo aviso\b",
    re.IGNORECASE,
)
#: Words that say the closure is past or partial: "reopened after being closed".
_NOT_NOW = re.compile(
    r"\b(?:reopened|re-opened|is open again|was (?:temporarily )?closed|"
    r"closed on (?:holidays|weekends|sundays|mondays)|closed (?:on )?(?:major )?holidays|"
    r"closed (?:daily )?(?:from|between|for lunch))\b",
    re.IGNORECASE,
)
#: One named site of several closed: "The Redwood City dental suite is closed".
_ONE_SITE = re.compile(
    r"\b[Tt]he (?:[A-Z][\w.'-]* )+(?:\w+ )?(?:office|site|suite|location|branch|campus|"
    r"clinic|center|centre) (?:is|are|will be) (?:temporarily )?closed"
)


def with_status_from_text(resource: Resource) -> Resource:
    """Return the resource closed if its name or description says it is closed now."""
    if resource.status is not Status.ACTIVE:
        return resource
    for text in (resource.name, resource.description):
        if said := _closure(text):
            return dataclasses.replace(
                resource, status=Status.TEMPORARILY_CLOSED, status_read=said
            )
    return resource


@functools.lru_cache(maxsize=8192)
def _closure(text: str) -> str:
    """Return the sentence of a text that says the service is closed now, or ""."""
    match = _CLOSED.search(text)
    if match and not _NOT_NOW.search(text) and not _ONE_SITE.search(text):
        return _sentence(text, match)
    return ""


def _sentence(text: str, match: re.Match[str]) -> str:
    """Return the sentence of text that holds the match."""
    start = max(text.rfind(".", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
    ends = [i for i in (text.find(".", match.end()), text.find("\n", match.end())) if i >= 0]
    return text[start : min(ends) if ends else len(text)].strip()
