"""``translator check``: QA checks of catalogues, and their terms against a glossary."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

import click

from translator.cli.common import cli, existing
from translator.errors import TranslatorError, UsageError

if TYPE_CHECKING:
    from translator.glossary.terms import Glossary
    from translator.qa.run import Report as QAReport


def _ids(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


@cli.command()
@click.argument("catalogues", nargs=-1, type=existing(exists=True, dir_okay=False))
@click.option("--glossary", type=existing(exists=True, dir_okay=False),
              help="Also check terms against this glossary (TSV, CSV, TBX or PO).")
@click.option("--lang", help="Target language (default: each catalogue's Language header).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--fix", is_flag=True,
              help="Repair wrong renderings in place (inflected), mark them fuzzy, "
                   "report the rest (needs --glossary).")
@click.option("--checks", "only", metavar="ID,...", help="Run only these QA checks.")
@click.option("--ignore", metavar="ID,...", help="Skip these QA checks.")
@click.option("--apostrophe", type=click.Choice(["ʼ", "’", "'"]),
              help="The apostrophe to expect (default: each catalogue's most used one).")
@click.option("--strict", is_flag=True, help="Exit 1 on QA warnings too, not only on errors.")
@click.option("--list-checks", is_flag=True, help="List the QA checks and exit.")
@click.option("--consistency", is_flag=True,
              help="Also report, across CATALOGUES, a source approved with different "
                   "translations and (needs --glossary) a glossary term rendered differently "
                   "in approved entries, with both origins.")
def check(catalogues: tuple[Path, ...], glossary: Path | None, lang: str | None, fmt: str,
          fix: bool, only: str | None, ignore: str | None, apostrophe: str | None,
          strict: bool, list_checks: bool, consistency: bool) -> None:
    """Check CATALOGUES: QA checks always, glossary terms with --glossary.

    QA checks (`--list-checks`) ask whether placeholders, tags, URLs, options, accelerators,
    line breaks, numbers and Markdown survived, and what looks wrong (end punctuation,
    doubled words, English left in, Latin letters in Cyrillic words, apostrophes, plural
    forms, dropped content). Fuzzy entries are checked too. An entry skips one check with
    the flag `#, ignore-ID` (e.g. `ignore-end-punctuation`).

    Glossary terms are matched in every grammatical form («на авіабазі Рамштайн» is right
    for "Ramstein Air Base"). Kinds: missing, forbidden, dnt, inconsistent. A name the
    source mentions twice must not be rendered once with another name in the other
    place: "missing", found «that name».

    With --consistency, approved entries are compared across all CATALOGUES of one
    language: the same source approved two ways, and with --glossary a term rendered two
    ways («безпілотники» in one article, «дрони» in another; inflected forms of one
    rendering are the same rendering). Terms come only from the glossary: the catalogues
    alone do not say which words of a translation render which words of the source.

    Exit 0 when clean or only QA warnings remain, 1 on a QA error or a glossary violation
    (on warnings too with --strict), 2 on bad input (malformed PO, unknown check id).

    \b
    Examples:
      translator check locales/uk/LC_MESSAGES/*.po
      translator check app.po --ignore end-punctuation,length --format json
      translator check locales/uk/LC_MESSAGES/*.po --glossary glossaries/ukraine-news.tsv
      translator check locales/uk/LC_MESSAGES/*.po --consistency --glossary terms.tsv
    """
    if list_checks:
        click.echo(list_qa_checks())
        return
    if not catalogues:
        raise UsageError("give at least one catalogue (or --list-checks)")
    if fix and glossary is None:
        raise UsageError("--fix repairs glossary terms: give --glossary")
    from translator.glossary.load import load_glossary
    from translator.memory.consistency import inconsistencies, term_inconsistencies

    paths = list(catalogues)
    found: list[object] = []
    try:
        qa = qa_report(paths, only=_ids(only), ignore=_ids(ignore), lang=lang,
                       apostrophe=apostrophe)
        failed = bool(qa.findings) if strict else not qa.ok
        out: dict[str, object] = qa.to_json()
        terms = load_glossary(glossary, lang=lang) if glossary is not None else None
        if terms is not None:
            failed |= glossary_report(paths, terms, lang, fmt, fix, out)
        if consistency:
            approvals = inconsistencies(paths, lang)
            out["inconsistent_approvals"] = [asdict(item) for item in approvals]
            found += approvals
        if consistency and terms is not None:
            renderings = term_inconsistencies(paths, terms, lang)
            out["inconsistent_terms"] = [asdict(item) for item in renderings]
            found += renderings
        failed |= bool(found)
    except TranslatorError as error:
        error.exit_code = 2  # for check, 1 means "problems found"
        raise
    if fmt == "json":
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print_qa(qa)
        for item in found:
            click.echo(str(item))
    if failed:
        raise SystemExit(1)


def list_qa_checks() -> str:
    """One line per QA check: id, severity, what it checks."""
    from translator.qa import REGISTRY

    width = max(map(len, REGISTRY))
    return "\n".join(f"{c.id:<{width}}  {c.severity:<7}  {c.title}"
                     for c in sorted(REGISTRY.values(), key=lambda c: c.id))


def qa_report(paths: list[Path], *, only: list[str], ignore: list[str], lang: str | None,
              apostrophe: str | None) -> QAReport:
    """QA findings for ``paths``; unknown ids and malformed catalogues raise first."""
    import translator.qa  # noqa: F401 - registers the checks
    from translator.qa.run import check_catalogues, select_checks

    return check_catalogues(paths, select_checks(only, ignore), lang=lang, apostrophe=apostrophe)


def print_qa(report: QAReport) -> None:
    for finding in report.findings:
        click.echo(str(finding))
    summary = report.summary
    by_check = summary["by_check"]
    assert isinstance(by_check, dict)
    checks = ", ".join(f"{n} {name}" for name, n in by_check.items())
    click.echo(f"{summary['errors']} error(s), {summary['warnings']} warning(s) in "
               f"{summary['entries']} entries of {summary['files']} catalogue(s)"
               + (f": {checks}" if checks else ""), err=True)


def glossary_report(paths: list[Path], glossary: Glossary, lang: str | None, fmt: str,
                    fix: bool, out: dict[str, object]) -> bool:
    """Check (and with ``fix`` repair, in the same pass) glossary terms; adds to ``out``;
    True if any is wrong."""
    from translator.glossary.catalogues import check_catalogues
    from translator.glossary.report import report_to_json, summary_line, text_lines

    report = check_catalogues(paths, glossary, lang, fix=fix)
    if fmt == "json":
        out.update(report_to_json(report))
    else:
        for line in text_lines(report):
            click.echo(line)
        click.echo(summary_line(report), err=True)
    return not report.ok
