"""The ``translator`` command: parses, calls the library, prints, owns progress and exit codes.

Heavy modules (ctranslate2, the glossary's morphology, Textual) are imported inside the
commands that need them, so ``translator --help`` starts at once.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from translator import __version__
from translator.errors import TranslatorError, UsageError

EXAMPLES_TRANSLATE = """
\b
Examples:
  translator translate examples/rutte-kyiv.md --to uk
  translator translate articles/ --to uk --to pl --glossary glossaries/ukraine-news.tsv
  translator translate po/app.pot --to uk --out locales
  translator translate story.md --to uk --model tests/fixtures/models/en_uk.argosmodel
"""


def _existing(path_type: type = Path, **kwargs: object) -> click.Path:
    return click.Path(path_type=path_type, **kwargs)  # type: ignore[arg-type]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="translator")
def cli() -> None:
    """Offline translation of articles and gettext catalogues with Argos Translate models.

    Run `translator COMMAND --help` for a command's options and examples.
    """


@cli.command(epilog=EXAMPLES_TRANSLATE)
@click.argument("inputs", nargs=-1, required=True, type=_existing(exists=False))
@click.option("--to", "targets", multiple=True, required=True, metavar="LANG",
              help="Target language code; repeat for several (uk, pl, de, ...).")
@click.option("--from", "source_lang", default="en", show_default=True, metavar="LANG",
              help="Source language of documents (POT/PO inputs are always translated from it).")
@click.option("--out", "out_dir", default="locales", show_default=True, type=_existing(),
              help="Catalogue root: writes OUT/LANG/LC_MESSAGES/DOCUMENT.po.")
@click.option("--glossary", type=_existing(exists=True, dir_okay=False),
              help="Enforce the terms of this glossary (TSV, CSV, TBX or PO).")
@click.option("--model", "models", multiple=True, type=_existing(exists=True),
              help="Use this .argosmodel file or package folder (not installed); repeatable.")
@click.option("--beam-size", default=4, show_default=True, type=click.IntRange(1, 16))
@click.option("--threads", default=0, show_default=True, type=click.IntRange(0),
              help="CPU threads for decoding; 0 = all cores.")
@click.option("--compute-type", default="int8", show_default=True,
              type=click.Choice(["int8", "int8_float32", "float32", "default"]),
              help="CTranslate2 compute type (int8 is fastest on CPUs).")
@click.option("--refresh", is_flag=True,
              help="Also re-translate machine output nobody has edited or approved "
                   "(after installing a better model or changing the glossary).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def translate(inputs: tuple[Path, ...], targets: tuple[str, ...], source_lang: str, out_dir: Path,
              glossary: Path | None, models: tuple[Path, ...], beam_size: int, threads: int,
              compute_type: str, refresh: bool, quiet: bool) -> None:
    """Translate documents and catalogues into PO catalogues.

    INPUTS are files or directories (searched for .md, .markdown, .txt, .pot, .po).
    Machine output is marked fuzzy; entries a reviewer approved or edited are never
    overwritten, so re-running after a source change only translates what changed.
    A bad file is reported and skipped; the exit code is then 1.
    """
    from translator.pipeline import Options, run

    options = Options(targets=list(targets), source_lang=source_lang, out_dir=out_dir,
                      glossary=glossary, models=list(models), beam_size=beam_size,
                      threads=threads, compute_type=compute_type, refresh=refresh)
    with _progress("Translating", quiet) as progress:
        report = run(list(inputs), options, progress=progress)
    for failure in report.failures:
        _error(failure)
    if not quiet and report.documents:
        for path in report.catalogues:
            click.echo(str(path))
        click.echo(report.summary(), err=True)
    if report.failures:
        raise SystemExit(1)


@cli.command()
@click.argument("catalogue", type=_existing(exists=True, dir_okay=False))
@click.option("-o", "--output", type=_existing(dir_okay=False),
              help="Write here instead of standard output.")
@click.option("--source", type=_existing(exists=True, dir_okay=False),
              help="The source document (default: the catalogue's X-Source-File header).")
@click.option("--approved-only", is_flag=True,
              help="Use only approved (non-fuzzy) translations; others stay in the source language.")
def render(catalogue: Path, output: Path | None, source: Path | None, approved_only: bool) -> None:
    """Rebuild the translated document from CATALOGUE and its source document.

    The structure (headings, lists, quotes, tables, code, links) is the source's, byte for
    byte; only the translated text changes.
    """
    from translator.pipeline import render_catalogue

    text, fuzzy = render_catalogue(catalogue, source=source, approved_only=approved_only)
    if output:
        from translator.fsutil import atomic_write_text

        atomic_write_text(output, text)
        click.echo(str(output))
    else:
        click.echo(text, nl=False)
    if fuzzy and not approved_only:
        click.echo(f"note: {fuzzy} translation(s) still fuzzy (not reviewed)", err=True)


@cli.command()
@click.argument("catalogues", nargs=-1, required=True, type=_existing(exists=True, dir_okay=False))
@click.option("--glossary", required=True, type=_existing(exists=True, dir_okay=False),
              help="Glossary (TSV, CSV, TBX or PO).")
@click.option("--lang", help="Target language (default: each catalogue's Language header).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--fix", is_flag=True,
              help="Repair wrong renderings in place (inflected), mark them fuzzy, report the rest.")
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
    from translator.glossary.check import check_catalogues, report_to_json
    from translator.glossary.fix import fix_catalogues
    from translator.glossary.load import load_glossary

    paths = list(catalogues)
    try:
        terms = load_glossary(glossary, lang=lang)
        fixes = fix_catalogues(paths, terms, lang) if fix else None
        report = check_catalogues(paths, terms, lang)
    except TranslatorError as error:
        error.exit_code = 2  # for check, 1 means "violations found"
        raise
    if fixes is not None and fmt == "text":
        for finding in fixes.fixed:
            click.echo(f"fixed: {finding}")
        for finding in fixes.unfixed:
            click.echo(f"not fixed: {finding}")
    if fmt == "json":
        click.echo(json.dumps(report_to_json(report), ensure_ascii=False, indent=2))
    else:
        for finding in report.findings:
            click.echo(str(finding))
        summary = report.summary
        kinds = ", ".join(f"{n} {kind}" for kind, n in summary["by_kind"].items() if n)
        click.echo(f"{summary['violations']} violation(s) in {summary['entries']} entries of "
                   f"{summary['files']} catalogue(s)" + (f": {kinds}" if kinds else ""), err=True)
    if not report.ok:
        raise SystemExit(1)


@cli.command()
@click.argument("catalogue", type=_existing(exists=True, dir_okay=False))
@click.option("--glossary", type=_existing(exists=True, dir_okay=False),
              help="Highlight and check the terms of this glossary.")
@click.option("--lang", help="Target language (default: the catalogue's Language header).")
def review(catalogue: Path, glossary: Path | None, lang: str | None) -> None:
    """Review CATALOGUE side by side: edit, approve, pick alternatives, save safely.

    Press ? inside for the keys. Every edit is journalled beside the catalogue, so a
    crash loses nothing.
    """
    from translator.review.app import run_review

    raise SystemExit(run_review(catalogue, glossary, lang))


@cli.group()
def models() -> None:
    """List, install and remove Argos Translate packages (shared with argospm)."""


@models.command("list")
def models_list() -> None:
    """Show installed packages: pair, version, size, path."""
    from translator.engine.packages import installed
    from translator.paths import argos_package_dir

    packages = installed()
    if not packages:
        click.echo(f"no packages in {argos_package_dir()}", err=True)
        return
    for package in sorted(packages, key=lambda p: (p.from_code, p.to_code)):
        size = f"{package.size_bytes / 1_000_000:.1f} MB"
        click.echo(f"{package.from_code}→{package.to_code}\t{package.version}\t{size}\t{package.path}")


@models.command("install")
@click.argument("source", nargs=-1, required=True)
def models_install(source: tuple[str, ...]) -> None:
    """Install from FILE.argosmodel, or FROM TO from the Argos package index.

    \b
    Examples:
      translator models install ~/Downloads/translate-en_uk-1_9.argosmodel
      translator models install en uk
    """
    from translator.engine import packages

    if len(source) == 1:
        package = packages.install(Path(source[0]))
    elif len(source) == 2:
        with _progress("Downloading", quiet=False, unit="bytes") as progress:
            package = packages.install_from_index(source[0], source[1], progress=progress)
    else:
        raise UsageError("give one .argosmodel file, or two language codes (FROM TO)")
    click.echo(f"installed {package.from_code}→{package.to_code} {package.version} in {package.path}")


@models.command("remove")
@click.argument("from_code")
@click.argument("to_code")
def models_remove(from_code: str, to_code: str) -> None:
    """Remove the installed FROM→TO package."""
    from translator.engine.packages import remove

    path = remove(from_code, to_code)
    click.echo(f"removed {path}")


@contextmanager
def _progress(label: str, quiet: bool, unit: str = "segments") -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on a terminal; nothing in a pipe or with --quiet."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    if unit == "bytes":
        columns = [DownloadColumn(), TransferSpeedColumn()]
    else:
        columns = [MofNCompleteColumn(), TextColumn("{task.fields[rate]}")]
    with Progress(TextColumn(label), BarColumn(), *columns, TimeRemainingColumn(),
                  transient=True) as bar:
        task = bar.add_task(label, total=None, rate="")

        def update(done: int, total: int) -> None:
            speed = bar.tasks[task].speed
            bar.update(task, completed=done, total=total,
                       rate=f"{speed:,.1f} {unit}/s" if speed else "")

        yield update


def _error(error: TranslatorError) -> None:
    click.echo(f"translator: {error}", err=True)


def main(argv: list[str] | None = None) -> int:
    """Entry point: one line on stderr for every expected failure, never a traceback."""
    try:
        cli.main(args=argv, prog_name="translator", standalone_mode=False)
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except click.exceptions.Abort:
        click.echo("translator: aborted", err=True)
        return 130
    except TranslatorError as error:
        _error(error)
        return error.exit_code
    except KeyboardInterrupt:
        click.echo("translator: interrupted", err=True)
        return 130
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else 1
    return 0
