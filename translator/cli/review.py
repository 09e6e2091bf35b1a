"""``translator review``: the Textual review screen over one catalogue."""

from __future__ import annotations

from pathlib import Path

import click

from translator.cli.common import cli, existing
from translator.cli.tm import memory_options, memory_path


@cli.command()
@click.argument("catalogue", type=existing(exists=True, dir_okay=False))
@click.option("--glossary", type=existing(exists=True, dir_okay=False),
              help="Highlight and check the terms of this glossary.")
@click.option("--lang", help="Target language (default: the catalogue's Language header).")
@memory_options
def review(catalogue: Path, glossary: Path | None, lang: str | None, tm_path: Path | None,
           no_tm: bool, tm_threshold: float) -> None:
    """Review CATALOGUE side by side: edit, approve, pick alternatives, save safely.

    Press ? inside for the keys. Every edit is journalled beside the catalogue, so a
    crash loses nothing. The translation memory's best matches for each entry are shown
    (m picks one), and saved approvals go into it.
    """
    from translator.review.app import run_review

    memory = memory_path(tm_path, no_tm)
    raise SystemExit(run_review(catalogue, glossary, lang, memory=memory,
                                tm_threshold=tm_threshold))
