"""The language of the pages: English, or any language with a catalog in ``translations/``.

A page is in the language chosen with the switch on every page (kept in the session), else
the best match of the browser's Accept-Language among the languages we have, else English.
The languages are the folders of ``webapp/translations/`` that hold a compiled catalog
(``<code>/LC_MESSAGES/messages.mo``), plus English, the language the templates are written
in: a third language is one more catalog (see ``webapp.catalogs``). The JSON APIs under
``/api/`` and ``/hsds/`` answer in English whatever the browser asks, as other programs
read them.

The printed referral list is in the client's language when the assessment named one we
have a catalog for (:func:`remember_client_language`); only the language's code is kept,
in the session, beside the list.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from babel import Locale
from flask import Blueprint, Flask, current_app, has_app_context, redirect, request, session
from flask_babel import Babel, get_locale, refresh
from markupsafe import Markup
from werkzeug.wrappers import Response

from webapp.params import local_target

#: The folder of the catalogs: messages.pot and <language>/LC_MESSAGES/messages.po and .mo.
TRANSLATIONS = Path(__file__).resolve().parent / "translations"
#: The language the templates and messages are written in.
SOURCE_LANGUAGE = "en"
#: Where the session keeps the page language chosen with the switch, and the client's.
_CHOSEN_KEY = "language"
_CLIENT_KEY = "client_language"
_EXTENSION = "referral_match_languages"

bp = Blueprint("language", __name__)


def catalog_languages(folder: Path = TRANSLATIONS) -> list[str]:
    """Return the languages pages can be shown in: English, then those with a catalog."""
    found = sorted(
        p.name
        for p in folder.iterdir()
        if p.is_dir() and (p / "LC_MESSAGES" / "messages.mo").is_file()
    )
    return [SOURCE_LANGUAGE, *(code for code in found if code != SOURCE_LANGUAGE)]


def languages() -> list[str]:
    """Return the app's page languages, English first."""
    found: list[str] = current_app.extensions[_EXTENSION]
    return found


def catalog_for(code: object) -> str | None:
    """Return the page language a language code names ("es-MX" -> "es"), or None."""
    if not isinstance(code, str) or not code.strip():
        return None
    have = languages()
    code = code.strip().replace("_", "-")
    if code in have:
        return code
    base = code.split("-", 1)[0].lower()
    return base if base in have else None


def _is_api() -> bool:
    return any(request.path == p or request.path.startswith(p + "/") for p in ("/api", "/hsds"))


def select_language() -> str:
    """Return the language of this request's page (Flask-Babel's locale selector)."""
    if _is_api():
        return SOURCE_LANGUAGE
    chosen = catalog_for(session.get(_CHOSEN_KEY))
    if chosen:
        return chosen
    return request.accept_languages.best_match(languages()) or SOURCE_LANGUAGE


def page_language() -> str:
    """Return the code of the language the page is being written in ("en", "es").

    English outside a request, or in an app without Flask-Babel.
    """
    if not has_app_context() or "babel" not in current_app.extensions:
        return SOURCE_LANGUAGE
    locale = get_locale()
    return locale.language if locale is not None else SOURCE_LANGUAGE


def own_name(code: str) -> str:
    """Return a language's name in that language, as the switch offers it: "Español"."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def english_attr() -> Markup:
    """Return `` lang="en"`` for an element of English text on a page in another language.

    For text the library gives in English (match reasons, eligibility checks, hours read
    from a schedule, taxonomy names): a screen reader then reads it as English.
    """
    return Markup("") if page_language() == SOURCE_LANGUAGE else Markup(' lang="en"')


def in_english(text: object) -> Markup:
    """Return text the library gave in English, marked so on a page in another language."""
    if page_language() == SOURCE_LANGUAGE:
        return Markup.escape(text)
    return Markup('<span lang="en">%s</span>') % (text,)


class AsGiven(str):
    """A message from the library, shown as it gave it (in English): see :func:`message`."""


def message(text: object) -> Markup:
    """Return a message for the page: ours come translated, the library's are marked."""
    return in_english(text) if isinstance(text, AsGiven) else Markup.escape(text)


def switch_target() -> str:
    """Return where the switch comes back to: this page, or the page a form was sent from."""
    if request.method == "GET":
        return request.full_path.rstrip("?")
    parts = urlsplit(request.referrer or "")
    if parts.netloc == request.host and parts.path:
        return parts.path + ("?" + parts.query if parts.query else "")
    return "/"


def choose_language(code: object) -> None:
    """Show the pages in this language from now on in the session (if we have it)."""
    found = catalog_for(code)
    if found:
        session[_CHOSEN_KEY] = found
        refresh()


def remember_client_language(codes: list[str]) -> None:
    """Keep the first of the client's languages that has a catalog, for the printed list.

    An assessment that names none we have forgets the one kept for an earlier client.
    """
    found = next((c for c in map(catalog_for, codes) if c), None)
    if found:
        session[_CLIENT_KEY] = found
    else:
        session.pop(_CLIENT_KEY, None)


def client_language() -> str | None:
    """Return the client's language kept from the last assessment, if we have its catalog."""
    return catalog_for(session.get(_CLIENT_KEY))


@bp.post("/language")
def choose() -> Response:
    """Show the pages in the language chosen, then go back to the page it was chosen on."""
    choose_language(request.form.get("language"))
    return redirect(local_target(request.form.get("next"), "/"), code=303)


def init_app(app: Flask) -> None:
    """Set up Flask-Babel, the switch's route and what the templates use."""
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS))
    app.config.setdefault("BABEL_DEFAULT_LOCALE", SOURCE_LANGUAGE)
    folder = Path(app.config["BABEL_TRANSLATION_DIRECTORIES"])
    app.extensions[_EXTENSION] = catalog_languages(folder)
    Babel(app, locale_selector=select_language)
    app.jinja_env.policies["ext.i18n.trimmed"] = True  # babel.cfg extracts them so too
    app.register_blueprint(bp)
    app.add_template_global(page_language)
    app.add_template_global(languages, "page_languages")
    app.add_template_global(own_name)
    app.add_template_global(english_attr)
    app.add_template_global(switch_target)
    app.add_template_filter(in_english)
    app.add_template_filter(message)
