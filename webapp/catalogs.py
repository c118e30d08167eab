"""Extract, update and compile the web app's translation catalogs, in ``webapp/translations/``.

Run from the repository's root, after changing words of the templates or of ``webapp/``::

    .venv/bin/python -m webapp.catalogs extract    # messages.pot from templates and code
    .venv/bin/python -m webapp.catalogs update     # merge it into each language's messages.po
    (translate the new or changed entries in each messages.po: none empty, none fuzzy)
    .venv/bin/python -m webapp.catalogs compile    # messages.po -> messages.mo, committed too

``init CODE`` starts a new language's catalog (``init fr``): translate it, compile it, and
the pages offer the language, as its folder holds a ``messages.mo``. Each command is one
``pybabel`` command, printed before it runs. ``tests/web/i18n`` checks that the catalogs
are complete and the compiled ones up to date.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = Path("webapp") / "translations"
TEMPLATE = TRANSLATIONS / "messages.pot"
#: Beyond pybabel's own keywords (_, gettext, ngettext, N_...): lazy_gettext's alias.
KEYWORDS = ("_l",)
#: Lines wrapped as Python source is, so that .po diffs stay readable.
WIDTH = "99"


def extract_args(output: Path | str = TEMPLATE) -> list[str]:
    """Return the pybabel arguments that write the template of the catalogs to ``output``."""
    keywords = [arg for k in KEYWORDS for arg in ("-k", k)]
    return [
        "extract",
        "-F",
        "babel.cfg",
        *keywords,
        "--no-location",
        "--sort-output",
        "--add-comments=Translators:",
        "--project=referral-match",
        f"--width={WIDTH}",
        "-o",
        str(output),
        ".",
    ]


COMMANDS: dict[str, list[str]] = {
    "extract": extract_args(),
    "update": [
        "update",
        "-i",
        str(TEMPLATE),
        "-d",
        str(TRANSLATIONS),
        "--ignore-obsolete",
        f"--width={WIDTH}",
    ],
    "compile": ["compile", "-d", str(TRANSLATIONS), "--statistics"],
}


def run(args: Sequence[str]) -> None:
    """Run one pybabel command from the repository's root."""
    import os

    print("pybabel", " ".join(args), flush=True)
    here = Path.cwd()
    os.chdir(ROOT)
    try:
        CommandLineInterface().run(["pybabel", *args])
    finally:
        os.chdir(here)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command named on the command line."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["init"] and len(args) == 2:
        run(["init", "-i", str(TEMPLATE), "-d", str(TRANSLATIONS), "-l", args[1]])
        return 0
    if len(args) != 1 or args[0] not in COMMANDS:
        print(__doc__, file=sys.stderr)
        return 2
    run(COMMANDS[args[0]])
    return 0


if __name__ == "__main__":
    sys.exit(main())
