"""The helpers every page's templates share: the cache of rendered pieces, reason text."""

from __future__ import annotations

import dataclasses

from flask import Flask, render_template_string

from referral_match import Directory
from webapp.templating import FragmentCache, retitle, shown_apart


class _Macro:
    """Stands for a Jinja macro: a name, and how often it was rendered."""

    name = "details"

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, *args: object) -> str:
        self.calls += 1
        return "<p>" + " ".join(map(str, args)) + "</p>"


def test_a_piece_is_rendered_once_per_arguments_and_the_oldest_dropped() -> None:
    cache, macro = FragmentCache(size=2), _Macro()
    assert cache(macro, "a") == "<p>a</p>"
    assert cache(macro, "a") == "<p>a</p>" and macro.calls == 1
    cache(macro, "b")
    cache(macro, "a")  # "a" is now the most recently used
    cache(macro, "c")  # so "b" goes
    assert macro.calls == 3
    cache(macro, "a")
    assert macro.calls == 3
    cache(macro, "b")
    assert macro.calls == 4


def test_an_edited_resource_is_rendered_anew(sample_directory: Directory) -> None:
    app = Flask(__name__)
    app.jinja_env.globals["cached"] = FragmentCache(size=8)
    source = (
        "{% macro details(r) %}{{ r.name }}: {{ r.phones|join(', ') }}{% endmacro %}"
        "{{ cached(details, r) }}"
    )
    resource = next(sample_directory.resources())
    edited = dataclasses.replace(resource, phones=("650-555-0199",))
    with app.app_context():
        before = render_template_string(source, r=resource)
        after = render_template_string(source, r=edited)
    assert "650-555-0199" not in before and after == f"{resource.name}: 650-555-0199"


def test_the_page_escapes_what_it_caches(sample_directory: Directory) -> None:
    app = Flask(__name__)
    app.jinja_env.globals["cached"] = FragmentCache(size=8)
    source = "{% macro details(r) %}<b>{{ r.name }}</b>{% endmacro %}{{ cached(details, r) }}"
    resource = dataclasses.replace(next(sample_directory.resources()), name="<script>x</script>")
    with app.app_context():
        page = render_template_string(source, r=resource)
    assert page == "<b>&lt;script&gt;x&lt;/script&gt;</b>"


def test_reasons_shown_elsewhere_and_needs_by_title() -> None:
    assert shown_apart("Eligible: ages 18 and over.") and not shown_apart("Free.")
    assert retitle('Meets "food_insecurity": free meals.', {"food_insecurity": "Food"}) == (
        'Meets "Food": free meals.'
    )
