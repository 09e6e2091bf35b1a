"""``translator check``: catalogues against a glossary."""

from __future__ import annotations

import json
from pathlib import Path

import click

from translator.cli.common import cli, existing
from translator.errors import TranslatorError


@cli.command()
@click.argument("catalogues", nargs=-1, required=True, type=existing(exists=True, dir_okay=False))
@click.option("--glossary", required=True, type=existing(exists=True, dir_okay=False),
              help="Glossary (TSV, CSV, TBX or PO).")
@click.option("--lang", help="Target language (default: each catalogue's Language header).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--fix", is_flag=True,
              help="Repair wrong renderings in place (inflected), mark them fuzzy, "
                   "report the rest.")
def check(catalogues: tuple[Path, ...], glossary: Path, lang: str | None, fmt: str,
          fix: bool) -> None:
    """Check CATALOGUES against a glossary; exit 1 if any term is wrong, 2 on bad input.

    Terms are matched in every grammatical form («на авіабазі Рамштайн» is right for
    "Ramstein Air Base"). Kinds: missing, forbidden, dnt, inconsistent. A name the
    source mentions twice must not be rendered once with another name in the other
    place: "missing", found «that name».

    \b
    Example:
      translator check locales/uk/LC_MESSAGES/*.po --glossary glossaries/ukraine-news.tsv
    """
    from translator.glossary.catalogues import check_catalogues
    from translator.glossary.load import load_glossary
    from translator.glossary.report import report_to_json, summary_line, text_lines

    paths = list(catalogues)
    try:
        report = check_catalogues(paths, load_glossary(glossary, lang=lang), lang, fix=fix)
    except TranslatorError as error:
        error.exit_code = 2  # for check, 1 means "violations found"
        raise
    if fmt == "json":
        click.echo(json.dumps(report_to_json(report), ensure_ascii=False, indent=2))
    else:
        for line in text_lines(report):
            click.echo(line)
        click.echo(summary_line(report), err=True)
    if not report.ok:
        raise SystemExit(1)
