"""The needs assessment: a short screening and the client's facts -> referrals per need.

The form posts (so the answers stay out of URLs, history and server logs) and the answers
live only in the page: the profile is built in memory, matched, and forgotten. The list
buttons under the results post the same form again with ``list_add`` or ``list_remove``,
so that without JavaScript the results come back unchanged with the list updated. The
language switch posts it too (``ui_language``), so that the answers stay; the client's
preferred language is kept in the session (its code only) for the printed list.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from referral_match import Directory, InputError, InvalidProfile, MatchResults, SearchResult
from referral_match.ranking.crisis import crisis_lines
from referral_match.ranking.match import DEFAULT_MATCH_RADIUS
from referral_match.taxonomy import ScreeningDomain
from webapp import i18n
from webapp.case import languages, screening
from webapp.case.referrals import add_to_list, remove_from_list
from webapp.case.search import ResultsMap, client_place, results_map
from webapp.directory import get_directory

bp = Blueprint("assess", __name__, url_prefix="/assess")

#: Referrals shown per need, and places shown that meet several needs at once.
PER_NEED = 5
SEVERAL = 3
#: Referrals shown at once per need; the rest of PER_NEED wait behind "Show N more".
FIRST_SHOWN = 3


def _referrals(
    directory: Directory, profile: dict[str, Any], domains: list[ScreeningDomain]
) -> tuple[MatchResults, list[dict[str, Any]], list[SearchResult]]:
    """Match the client once: the referrals per need, and places meeting several needs.

    Each need's group is ranked by how well its places meet that need (``groups``), so a
    soup kitchen that meets food and shelter does not head the housing group.
    """
    combined = directory.match(profile, limit=max(PER_NEED, SEVERAL))
    groups = []
    taxonomy = directory.taxonomy
    for need in combined.needs:
        title = screening.domain_title(need.label, domains)
        if need.via == "situation":
            title = gettext("“%(need)s” (from the situation)", need=need.label)
        results = combined.groups.get(need.label, [])[:PER_NEED]
        # One name once: the same need may be filed in two places ("Emergency Shelter").
        understood = list(
            dict.fromkeys(t.name for c in need.codes if (t := taxonomy.get(c)) is not None)
        )
        groups.append(
            {
                "label": need.label,
                "title": title,
                "results": results,
                "understood": understood,
                "via": str(UNDERSTOOD_VIA.get(need.via, need.via)),
                "correctable": need.via != "situation",
            }
        )
    several = [r for r in combined.results if len(r.needs_met) > 1][:SEVERAL]
    return combined, groups, several


#: How a need was understood, in words a case manager reads on the results page.
UNDERSTOOD_VIA = {
    "category": _l("as chosen"),
    "screening domain": _l("from the screening answer"),
    "words": _l("from its words"),
    "similar meaning": _l("by similar meaning: check it"),
    "situation": _l("from the situation"),
    "crisis": _l("from words of a crisis in the situation"),
}


def _need_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Return the taxonomy's needs grouped by top level, for correcting a need."""
    taxonomy = get_directory().taxonomy
    choices = []
    for top in taxonomy.top_level():
        below = [(top.code, gettext("%(need)s (any)", need=top.name))]
        for child in taxonomy.children(top.code):
            below.append((child.code, child.name))
            below += [(g.code, f"  {g.name}") for g in taxonomy.children(child.code)]
        choices.append((top.name, below))
    return choices


def _render(form: MultiDict[str, str], status: int = 200, **context: Any) -> tuple[str, int]:
    domains = get_directory().taxonomy.screening_domains()
    return render_template(
        "case/assess.html",
        form=form,
        need_choices=_need_choices(),
        correction_prefix=screening.CORRECTION_PREFIX,
        not_a_need=screening.NOT_A_NEED,
        questions=screening.CORE_QUESTIONS,
        supplemental=screening.supplemental(domains),
        titles=screening.DOMAIN_TITLES,
        genders=screening.GENDERS,
        insurance=screening.INSURANCE,
        populations=screening.POPULATIONS,
        languages=languages.choices(),
        default_radius=DEFAULT_MATCH_RADIUS,
        first_shown=FIRST_SHOWN,
        **context,
    ), status


def show_again(form: MultiDict[str, str], message: str) -> tuple[str, int]:
    """Show the form filled in with what was sent, and a message above it (status 400)."""
    return _render(form, 400, errors={"assess-form": message})


@bp.get("/")
def start() -> tuple[str, int]:
    """Show the empty assessment form."""
    return _render(MultiDict())


@bp.post("/")
def results() -> tuple[str, int]:
    """Match the assessed client and show referrals grouped by need."""
    directory = get_directory()
    domains = directory.taxonomy.screening_domains()
    form = request.form
    notice = None
    if form.get("ui_language"):
        # The language switch, with the answers: the same page again, in that language.
        i18n.choose_language(form["ui_language"])
        if not form.get("shown"):
            return _render(form)
    if form.get("list_add"):
        notice, _ = add_to_list(form["list_add"])
    elif form.get("list_remove"):
        notice = remove_from_list(form["list_remove"])
    assessment = screening.read_form(form, domains)
    i18n.remember_client_language(assessment.profile.get("languages", []))
    errors = dict(assessment.errors)
    matches: MatchResults | None = None
    groups: list[dict[str, Any]] = []
    several: list[SearchResult] = []
    if not errors:
        try:
            matches, groups, several = _referrals(directory, assessment.profile, domains)
        except InvalidProfile as exc:
            errors.update(screening.errors_by_field(exc.messages))
        except InputError as exc:
            field = screening.FORM_FIELD.get(exc.field or "", exc.field or "form")
            errors[field] = i18n.AsGiven(exc.message)
    titles = {g["label"]: g["title"] for g in groups}
    shown = ResultsMap()
    if matches is not None:
        # Numbered in page order, as the cards show them: several needs first, then per need.
        cards = [("ns-", r) for r in several]
        cards += [(f"n{g}-", r) for g, group in enumerate(groups, 1) for r in group["results"]]
        place = None
        if matches.location:
            place = client_place(directory, str(assessment.profile.get("location", "")))
        shown = results_map(cards, place)
    return _render(
        form,
        400 if errors else 200,
        errors=errors,
        notice=notice,
        matches=matches,
        groups=groups,
        several=several,
        urgent=bool(screening.URGENT_DOMAINS & set(assessment.needs))
        or bool(matches and matches.crisis),
        crisis_lines=crisis_lines(list(matches.crisis_signs) if matches else []),
        labels={n: screening.domain_title(n, domains) for n in assessment.needs} | titles,
        # The resource a list button just changed: its group's "show more" stays open.
        changed=form.get("list_add") or form.get("list_remove") or "",
        results_map=shown,
    )
