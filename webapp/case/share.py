"""Share the referral list: by email, by text message, and QR codes on the printout.

The email is a ``mailto:`` link whose body is the list as plain text (each service's name,
organization, phones, address, hours or "call first", website); the text message is an
``sms:`` link with names, phones and addresses only. Both open the case manager's own mail
or messages app with the words filled in, and are written in the printout's language (the
services' own words as the directory wrote them). Mail and messaging apps refuse long links
(Outlook on Windows stops near 2,000 characters), so each link is kept under
:data:`MAX_URL`: a list too long keeps its first services and says how many more are on
the printed list.

Each service on the printout carries a QR code of its page on this site, drawn here by
segno as inline SVG: no image file, no script, nothing fetched.

The case manager's name, phone and a note for the client (:class:`CaseManager`) go on the
printout. They live in the session (the signed cookie that holds the list), never on the
server's disk or in its logs, and are forgotten when the list is cleared.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from urllib.parse import quote

import segno
from flask import session
from flask_babel import gettext, ngettext
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from referral_match import Resource

#: The longest link the email or the text message may be, in characters.
MAX_URL = 1800
#: The QR codes' error correction: "m" survives a crease or a smudge on paper.
QR_ERROR = "m"
_KEY = "case_manager"


@dataclass(frozen=True)
class Link:
    """A ``mailto:`` or ``sms:`` link, and how many of the list's services it holds."""

    href: str
    shown: int
    total: int

    @property
    def shortened(self) -> bool:
        """Tell whether some services were left out to keep the link short enough."""
        return self.shown < self.total


def _hours(resource: Resource) -> str:
    if resource.hours is not None:
        return resource.hours.describe()
    return resource.hours_text


def email_text(resource: Resource, number: int) -> str:
    """Return one service as the email writes it: a numbered name, then a line per detail."""
    lines = [f"{number}. {resource.name}"]
    if resource.organization and resource.organization != resource.name:
        lines.append(resource.organization)
    if resource.phones:
        lines.append(gettext("Phone: %(phones)s", phones=", ".join(resource.phones)))
    address = resource.address.one_line() if resource.address else gettext("By phone or online")
    lines.append(gettext("Address: %(address)s", address=address))
    hours = _hours(resource)
    lines.append(
        gettext("Hours: %(hours)s", hours=hours)
        if hours
        else gettext("Hours not listed: call first")
    )
    if resource.website:
        lines.append(gettext("Website: %(website)s", website=resource.website))
    return "\n".join(lines)


def text_message_line(resource: Resource, number: int) -> str:
    """Return one service as the text message writes it: name, phones and address."""
    details = []
    if resource.phones:
        details.append(", ".join(resource.phones))
    if resource.address:
        details.append(resource.address.one_line())
    return f"{number}. {resource.name}" + (": " + "; ".join(details) if details else "")


def _more(left: int, shown: int) -> str:
    """Say how many services the message leaves out, pointing to the printed list."""
    if shown == 0:
        return ngettext(
            "%(num)s service — see the printed list.",
            "%(num)s services — see the printed list.",
            left,
        )
    return ngettext(
        "And %(num)s more — see the printed list.",
        "And %(num)s more — see the printed list.",
        left,
    )


def _fit(make: Callable[[int], str], total: int) -> Link:
    """Return the link holding as many services (first ones first) as fit in MAX_URL."""
    for shown in range(total, 0, -1):
        href = make(shown)
        if len(href) <= MAX_URL:
            return Link(href, shown, total)
    return Link(make(0), 0, total)


def email_link(resources: Sequence[Resource]) -> Link:
    """Return a ``mailto:`` link whose subject and body are the list, in the page's language."""
    blocks = [email_text(r, n) for n, r in enumerate(resources, 1)]
    subject = quote(gettext("Services for you"), safe="")
    closing = gettext("Call before you go: hours and rules can change.")

    def make(shown: int) -> str:
        parts = blocks[:shown]
        if shown < len(blocks):
            parts.append(_more(len(blocks) - shown, shown))
        # RFC 6068: a line break in a mailto body is %0D%0A.
        body = "\r\n\r\n".join(p.replace("\n", "\r\n") for p in [*parts, closing])
        return f"mailto:?subject={subject}&body={quote(body, safe='')}"

    return _fit(make, len(blocks))


def text_message_link(resources: Sequence[Resource]) -> Link:
    """Return an ``sms:`` link with the list's names, phones and addresses.

    ``sms:?&body=`` (no number: the case manager picks the client in the app) is the form
    that both iOS and Android read.
    """
    lines = [text_message_line(r, n) for n, r in enumerate(resources, 1)]
    heading = gettext("Services for you")

    def make(shown: int) -> str:
        parts = [heading, *lines[:shown]]
        if shown < len(lines):
            parts.append(_more(len(lines) - shown, shown))
        return "sms:?&body=" + quote("\n".join(parts), safe="")

    return _fit(make, len(lines))


def qr_code(url: str, label: str) -> Markup:
    """Return a QR code of ``url`` as inline SVG, named ``label`` for screen readers.

    The SVG has no size of its own (the stylesheet gives it one for paper) and a white
    quiet zone, so that a phone's camera reads it on any background.
    """
    svg = segno.make_qr(url, error=QR_ERROR).svg_inline(
        omitsize=True, svgclass="qr-code", lineclass=None, light="#fff"
    )
    # segno's SVG holds only numbers and colours; the label is escaped by format().
    named = Markup('<svg role="img" aria-label="{}" focusable="false"').format(label)
    return Markup(svg.replace("<svg", str(named), 1))


# -- The case manager's words on the printout ----------------------------------------

#: The case manager's form: each field's name, its most characters and its label in words.
FIELDS = {
    "cm_name": (60, _l("Your name")),
    "cm_phone": (30, _l("Your phone")),
    "cm_note": (300, _l("Note for the client")),
}


@dataclass(frozen=True)
class CaseManager:
    """The case manager's name and phone and a note for the client, for the printout."""

    name: str = ""
    phone: str = ""
    note: str = ""

    def __bool__(self) -> bool:
        return bool(self.name or self.phone or self.note)


def _clean(text: str, *, lines: bool) -> str:
    """Return text without control characters (a note keeps its line breaks), trimmed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    if not lines:
        text = text.replace("\n", " ")
    kept = "".join(c for c in text if c == "\n" or unicodedata.category(c) != "Cc")
    return kept.strip() if lines else " ".join(kept.split())


def read_form(form: Mapping[str, str]) -> tuple[CaseManager, dict[str, str]]:
    """Return what the case manager's form says, and a message per field that is too long."""
    values = {name: _clean(str(form.get(name, "")), lines=name == "cm_note") for name in FIELDS}
    errors = {}
    for name, (most, label) in FIELDS.items():
        if len(values[name]) > most:
            errors[name] = gettext(
                "%(field)s can be %(most)s characters at most; it has %(num)s.",
                field=label,
                most=most,
                num=len(values[name]),
            )
    return CaseManager(values["cm_name"], values["cm_phone"], values["cm_note"]), errors


def case_manager() -> CaseManager:
    """Return the case manager's words kept in the session (empty if none)."""
    kept = session.get(_KEY)
    if not isinstance(kept, dict):
        return CaseManager()
    return CaseManager(
        **{k: v for k in ("name", "phone", "note") if isinstance(v := kept.get(k), str)}
    )


def keep_case_manager(words: CaseManager) -> None:
    """Keep the case manager's words in the session (all blank: forget them)."""
    if words:
        session[_KEY] = asdict(words)
    else:
        forget_case_manager()


def forget_case_manager() -> None:
    """Forget the case manager's words, as when the list is cleared."""
    session.pop(_KEY, None)
