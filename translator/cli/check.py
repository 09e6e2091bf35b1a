"""``translator check``: catalogues against a glossary."""

from __future__ import annotations

import json
from dataclasses import asdict
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
@click.option("--consistency", is_flag=True,
              help="Also report a source approved with different translations across "
                   "CATALOGUES, with both origins.")
def check(catalogues: tuple[Path, ...], glossary: Path, lang: str | None, fmt: str,
          fix: bool, consistency: bool) -> None:
    """Check CATALOGUES against a glossary; exit 1 if any term is wrong, 2 on bad input.

    Terms are matched in every grammatical form («на авіабазі Рамштайн» is right for
    "Ramstein Air Base"). Kinds: missing, forbidden, dnt, inconsistent. A name the
    source mentions twice must not be rendered once with another name in the other
    place: "missing", found «that name».

    \b
    Example:
      translator check locales/uk/LC_MESSAGES/*.po --glossary glossaries/ukraine-news.tsv
    """
    from translator.glossary.check import check_catalogues, report_to_json
    from translator.glossary.fix import fix_catalogues
    from translator.glossary.load import load_glossary
    from translator.memory.consistency import inconsistencies

    paths = list(catalogues)
    try:
        terms = load_glossary(glossary, lang=lang)
        fixes = fix_catalogues(paths, terms, lang) if fix else None
        report = check_catalogues(paths, terms, lang)
        approvals = inconsistencies(paths) if consistency else []
    except TranslatorError as error:
        error.exit_code = 2  # for check, 1 means "violations found"
        raise
    if fixes is not None and fmt == "text":
        for finding in fixes.fixed:
            click.echo(f"fixed: {finding}")
        for finding in fixes.unfixed:
            click.echo(f"not fixed: {finding}")
    if fmt == "json":
        out = report_to_json(report)
        if consistency:
            out["inconsistent_approvals"] = [asdict(found) for found in approvals]
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        for finding in report.findings:
            click.echo(str(finding))
        summary = report.summary
        kinds = ", ".join(f"{n} {kind}" for kind, n in summary["by_kind"].items() if n)
        click.echo(f"{summary['violations']} violation(s) in {summary['entries']} entries of "
                   f"{summary['files']} catalogue(s)" + (f": {kinds}" if kinds else ""), err=True)
        for found in approvals:
            click.echo(str(found))
    if not report.ok or approvals:
        raise SystemExit(1)
