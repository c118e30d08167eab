"""The ``referral-match serve`` command, plugged into the library's CLI."""

from __future__ import annotations

import os
import secrets

import click


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=5000,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="Port to listen on.",
)
@click.option(
    "--threads",
    default=8,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker threads answering requests.",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 32),
    help="Processes answering requests (one core each); use the number of cores.",
)
@click.pass_obj
def serve(obj: object, host: str, port: int, threads: int, workers: int) -> None:
    """Serve the web front with waitress on HOST:PORT."""
    import logging

    from webapp import create_app
    from webapp.server import create_server
    from webapp.sessions import HOW_TO_SET, MissingSecretKey

    index = getattr(obj, "index", None)
    try:
        app = create_app()
    except MissingSecretKey as exc:
        # Made before any worker is forked, so that all of them sign with the same key;
        # referral lists end when the server stops.
        os.environ["REFERRAL_MATCH_SECRET_KEY"] = secrets.token_hex(32)
        app = create_app()
        click.echo(
            "No secret key is configured, so this server signs sessions with a key of its "
            "own: referral lists are lost when it stops. "
            + HOW_TO_SET.format(instance=exc.instance_path),
            err=True,
        )
    if index is not None:
        app.config["INDEX_DIR"] = str(index)
    click.echo(f"Serving the directory in {app.config['INDEX_DIR']} on http://{host}:{port}/")
    if not app.config.get("TRUSTED_PROXIES"):
        click.echo(
            "This server speaks plain HTTP: the connection is not encrypted. Beyond this "
            "machine, serve it through an HTTPS proxy and set REFERRAL_MATCH_TRUSTED_PROXIES=1.",
            err=True,
        )
    if workers > 1:
        from webapp.workers import serve_forked

        serve_forked(app, host=host, port=port, threads=threads, workers=workers)
        return
    logging.basicConfig()  # as waitress.serve does: its warnings reach the terminal
    create_server(app, host=host, port=port, threads=threads, ident="referral-match").run()


@click.command("hash-password")
@click.option(
    "--min-length",
    default=12,
    show_default=True,
    type=click.IntRange(8, 128),
    help="Refuse passwords shorter than this.",
)
def hash_password(min_length: int) -> None:
    """Ask for the admin password twice (hidden) and print its hash for ADMIN_PASSWORD_HASH."""
    from werkzeug.security import generate_password_hash

    password = click.prompt(
        "Admin password", hide_input=True, confirmation_prompt="Repeat the password"
    )
    if len(password) < min_length:
        raise click.ClickException(
            f"The password has {len(password)} characters; use at least {min_length}."
        )
    click.echo(generate_password_hash(password))
