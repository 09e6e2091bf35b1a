"""``translator review``: the Textual review screen over one catalogue."""

from __future__ import annotations

from pathlib import Path

import click

from translator.cli.common import cli, existing


@cli.command()
@click.argument("catalogue", type=existing(exists=True, dir_okay=False))
@click.option("--glossary", type=existing(exists=True, dir_okay=False),
              help="Highlight and check the terms of this glossary.")
@click.option("--lang", help="Target language (default: the catalogue's Language header).")
def review(catalogue: Path, glossary: Path | None, lang: str | None) -> None:
    """Review CATALOGUE side by side: edit, approve, pick alternatives, save safely.

    Press ? inside for the keys. Every edit is journalled beside the catalogue, so a
    crash loses nothing.
    """
    from translator.review.app import run_review

    raise SystemExit(run_review(catalogue, glossary, lang))
