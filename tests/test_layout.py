"""The folders keep their rules: what each one may import, checked so the layout cannot decay.

Each subpackage is imported alone in a fresh interpreter, with its parent package's
``__init__`` left out (it imports everything, for the public API), and every module of ours
that this loads must be one the folder's docstring allows. Third-party engines are checked
in the source: one module imports Whoosh, one imports geopy's geocoders.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: The library's root modules that every folder may use: the records and their report, and
#: the one that compares meanings.
RECORDS = {
    "errors",
    "model",
    "report",
    "schedule",
    "schedule_dates",
    "taxonomy",
    "languages",
    "semantic",
}

#: Folder (or root module) -> the other parts of the library it may load.
LIBRARY_RULES = {
    # Sets of document numbers (bitmaps), for the grid, the index and ranking.
    "docnums": set(),
    "geo": {"errors", "docnums"},
    "sources": RECORDS | {"geo"},
    "hsds": RECORDS | {"geo", "sources"},
    "index": RECORDS | {"geo", "docnums"},
    "ranking": RECORDS | {"geo", "index", "docnums"},
    **{name: RECORDS for name in sorted(RECORDS | {"quality", "history"})},
}

#: The web app's root modules: shared by the three audiences, importing none of them.
WEB_ROOT = {
    "directory",
    "errors",
    "headers",
    "i18n",
    "json_errors",
    "localized",
    "params",
    "security",
    "sessions",
    "templating",
}
WEB_RULES = {
    "case": WEB_ROOT,
    "admin": WEB_ROOT,
    "api": WEB_ROOT,
    "hsds_api": WEB_ROOT,
    **{name: WEB_ROOT for name in sorted(WEB_ROOT | {"workers"})},
}

# Import one part with its parent's __init__ skipped; print the modules of ours it loaded.
LOADER = """
import importlib, json, pkgutil, sys, types
top, part = sys.argv[1], sys.argv[2]
stub = types.ModuleType(top)
stub.__path__ = [sys.argv[3]]
sys.modules[top] = stub
module = importlib.import_module(f"{top}.{part}")
for info in pkgutil.iter_modules(getattr(module, "__path__", [])):
    importlib.import_module(f"{top}.{part}.{info.name}")
print(json.dumps(sorted(sys.modules)))
"""


def loaded_by(top: str, part: str) -> set[str]:
    """Return every module loaded by importing ``top.part`` (and its modules) alone."""
    completed = subprocess.run(
        [sys.executable, "-c", LOADER, top, part, str(ROOT / top)],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(completed.stdout))


def parts_of_ours(modules: set[str], top: str, part: str) -> set[str]:
    """Return the first-level parts of ``top`` among ``modules``, other than ``part``."""
    names = {m.split(".")[1] for m in modules if m.startswith(f"{top}.")}
    return names - {part}


@pytest.mark.parametrize("part", sorted(LIBRARY_RULES))
def test_each_library_part_imports_only_what_its_folder_allows(part: str) -> None:
    modules = loaded_by("referral_match", part)
    assert parts_of_ours(modules, "referral_match", part) <= LIBRARY_RULES[part]
    assert "flask" not in modules


@pytest.mark.parametrize("part", ["geo", "sources", "hsds"])
def test_readers_and_geography_never_load_the_index_engine(part: str) -> None:
    assert "whoosh" not in loaded_by("referral_match", part)


@pytest.mark.parametrize("part", sorted(WEB_RULES))
def test_each_web_part_imports_only_the_shared_root(part: str) -> None:
    modules = loaded_by("webapp", part)
    assert parts_of_ours(modules, "webapp", part) <= WEB_RULES[part]


def test_the_rules_cover_every_folder() -> None:
    for top, rules in (("referral_match", LIBRARY_RULES), ("webapp", WEB_RULES)):
        folders = {p.parent.name for p in (ROOT / top).glob("*/__init__.py")}
        assert folders <= set(rules), f"{top}: a folder has no rule here: {folders - set(rules)}"


@pytest.mark.parametrize(
    "init",
    sorted((ROOT / "referral_match").glob("*/__init__.py"))
    + sorted((ROOT / "webapp").glob("*/__init__.py")),
    ids=lambda p: f"{p.parent.parent.name}.{p.parent.name}",
)
def test_each_folder_says_what_it_is_for_and_may_import(init: Path) -> None:
    docstring = ast.get_docstring(ast.parse(init.read_text("utf-8")))
    assert docstring, f"{init} has no docstring"
    assert "May import:" in docstring
    # A folder's __init__ only documents it: importing the folder costs nothing.
    assert not [n for n in ast.parse(init.read_text("utf-8")).body if not isinstance(n, ast.Expr)]


def importers_of(prefix: str) -> list[str]:
    """Return the library modules (paths from the package) that import ``prefix``."""
    found = []
    for path in sorted((ROOT / "referral_match").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom) and not node.level
                else []
            )
            if any(n == prefix or n.startswith(prefix + ".") for n in names):
                found.append(path.relative_to(ROOT / "referral_match").as_posix())
                break
    return found


def test_only_the_two_whoosh_modules_of_index_import_whoosh() -> None:
    assert sorted(importers_of("whoosh")) == ["index/whoosh_index.py", "index/whoosh_writer.py"]


def test_only_the_semantic_module_imports_the_embedding_model() -> None:
    assert importers_of("wordllama") == ["semantic.py"]


def test_only_the_geocoding_module_imports_geopys_geocoders() -> None:
    assert importers_of("geopy.geocoders") == ["geo/geocoding.py"]
