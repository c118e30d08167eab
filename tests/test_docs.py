"""The README tells the truth: every CSV column and every CLI command and option."""

from __future__ import annotations

from pathlib import Path

import click

from referral_match.cli import main
from referral_match.sources.schemas import FLAT_COLUMNS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
TEMPLATE = Path(__file__).resolve().parent.parent / "data" / "template.csv"


def test_every_flat_column_is_documented_and_in_the_template() -> None:
    for column in FLAT_COLUMNS:
        assert f"`{column}`" in README, f"README does not document the {column} column"
    assert TEMPLATE.read_text("utf-8").strip().split(",") == list(FLAT_COLUMNS)


def test_every_cli_command_and_option_is_in_the_readme() -> None:
    ctx = click.Context(main)
    for name in main.list_commands(ctx):
        command = main.get_command(ctx, name)
        assert command is not None
        assert f"`{name}" in README, f"README does not mention the {name} command"
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt != "--help":
                    assert opt in README, f"README does not mention {name} {opt}"
