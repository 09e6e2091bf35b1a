"""``translator translate`` and ``translator render``: documents to catalogues and back."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from translator.cli.common import cli, existing, print_error, progress_bar
from translator.errors import UsageError

if TYPE_CHECKING:
    from translator.cli.common import Update
    from translator.pipeline import Progress, Tally
    from translator.render import Rendered
from translator.cli.tm import memory_options, memory_path

EXAMPLES_TRANSLATE = """
\b
Examples:
  translator translate examples/rutte-kyiv.md --to uk
  translator translate articles/ --to uk --to pl --glossary glossaries/ukraine-news.tsv
  translator translate po/app.pot --to uk --out locales
  translator translate story.md --to uk --model tests/fixtures/models/en_uk.argosmodel
"""


@cli.command(epilog=EXAMPLES_TRANSLATE)
@click.argument("inputs", nargs=-1, required=True, type=existing(exists=False))
@click.option("--to", "targets", multiple=True, required=True, metavar="LANG",
              help="Target language code; repeat for several (uk, pl, de, ...).")
@click.option("--from", "source_lang", default="en", show_default=True, metavar="LANG",
              help="Source language of documents (POT/PO inputs are always translated from it).")
@click.option("--out", "out_dir", default="locales", show_default=True, type=existing(),
              help="Catalogue root: writes OUT/LANG/LC_MESSAGES/DOCUMENT.po.")
@click.option("--glossary", type=existing(exists=True, dir_okay=False),
              help="Enforce the terms of this glossary (TSV, CSV, TBX or PO).")
@click.option("--model", "models", multiple=True, type=existing(exists=True),
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
@click.option("--executor", type=click.Choice(["local", "ray"]), default="local",
              show_default=True,
              help="Where the engine runs: this process, or a Ray cluster "
                   "(pip install 'translator[ray]').")
@click.option("--ray-address", metavar="ADDRESS",
              help="Ray cluster to join (default: $RAY_ADDRESS, else start a local instance).")
@click.option("--workers", type=click.IntRange(1), metavar="N",
              help="Model-holding Ray workers (default: one per node, each using its cores).")
@click.option("--shard-size", default=2000, show_default=True, type=click.IntRange(1),
              metavar="N",
              help="Segments per shard of whole documents: the unit of engine batching and "
                   "of a cluster's scheduling and retries.")
@memory_options
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def translate(inputs: tuple[Path, ...], targets: tuple[str, ...], source_lang: str, out_dir: Path,
              glossary: Path | None, models: tuple[Path, ...], beam_size: int, threads: int,
              compute_type: str, refresh: bool, executor: str, ray_address: str | None,
              workers: int | None, shard_size: int, tm_path: Path | None,
              no_tm: bool, tm_threshold: float, quiet: bool) -> None:
    """Translate documents and catalogues into PO catalogues.

    INPUTS are files or directories (searched for .md, .markdown, .txt, .text, .html,
    .htm, .xhtml, .docx, .pot, .po). A macro-enabled Word file (.docm, or macros in a .docx)
    is named and refused, not translated: its macros would be copied into the translation.
    Machine output is marked fuzzy; entries a reviewer approved or edited are never
    overwritten, so re-running after a source change only translates what changed; a
    changed sentence keeps its reviewed translation, fuzzy, with the old source in
    `#| msgid`. The translation memory (`translator tm --help`) fills segments before the
    engine.
    A bad file is reported and skipped; the exit code is then 1.
    """
    from translator.pipeline import Options, run

    options = Options(targets=list(targets), source_lang=source_lang, out_dir=out_dir,
                      glossary=glossary, models=list(models), beam_size=beam_size,
                      threads=threads, compute_type=compute_type, refresh=refresh,
                      memory=memory_path(tm_path, no_tm), tm_threshold=tm_threshold,
                      executor=executor, ray_address=ray_address, workers=workers,
                      shard_size=shard_size)
    with progress_bar("Translating", quiet) as bar:
        report = run(list(inputs), options, progress=_progress_line(bar))
    for failure in report.failures:
        print_error(failure)
    if not quiet and report.documents:
        for path in report.catalogues:
            click.echo(str(path))
        click.echo(report.summary(), err=True)
    if report.failures:
        raise SystemExit(1)


def _progress_line(bar: Update | None) -> Progress | None:
    """The bar counts the engine's texts; the note beside it, memory and carry-over."""
    if bar is None:
        return None

    def show(tally: Tally) -> None:
        bar(tally.engine_done, tally.engine_total, tally.note())

    return show


@cli.command()
@click.argument("catalogue", type=existing(exists=True, dir_okay=False))
@click.option("-o", "--output", type=existing(dir_okay=False),
              help="Write here instead of standard output (never onto the catalogue or the "
                   "source).")
@click.option("--source", type=existing(exists=True, dir_okay=False),
              help="The source document (default: the catalogue's X-Source-File header, "
                   "which must lead to a file inside the project).")
@click.option("--approved-only", is_flag=True,
              help="Use only approved (non-fuzzy) translations; "
                   "others stay in the source language.")
@click.option("--allow-untranslated", is_flag=True,
              help="Render even when source segments are missing from the catalogue "
                   "(they stay in the source language).")
def render(catalogue: Path, output: Path | None, source: Path | None, approved_only: bool,
           allow_untranslated: bool) -> None:
    """Rebuild the translated document from CATALOGUE and its source document.

    The structure (headings, lists, quotes, tables, code, links) is the source's, byte for
    byte; only the translated text changes. A catalogue may come from someone else, so
    without --source the X-Source-File header must name a file inside the project root:
    the parent of the locales directory (ROOT/locales/LANG/LC_MESSAGES/NAME.po), or the
    catalogue's own directory outside that layout. Link targets that differ from the
    source's are reported; new javascript:, data: and other non-web links are refused, and
    so are segments missing from the catalogue unless --allow-untranslated.
    """
    from translator.render import refuse_overwriting, render_catalogue

    result = render_catalogue(catalogue, source=source, approved_only=approved_only)
    if output:
        refuse_overwriting(output, [("catalogue", catalogue), ("source", result.source)])
    refused = _report_render(catalogue, result, allow_untranslated)
    if refused:
        raise SystemExit(1)
    if output:
        from translator.fsutil import atomic_write_bytes

        data = result.text if isinstance(result.text, bytes) else result.text.encode()
        atomic_write_bytes(output, data)
        click.echo(str(output))
    elif isinstance(result.text, bytes):
        raise UsageError("this document is binary: give an output file with -o")
    else:
        click.echo(result.text, nl=False)
    if result.fuzzy and not approved_only:
        click.echo(f"note: {result.fuzzy} translation(s) still fuzzy (not reviewed)", err=True)


_LISTED = 20  # untranslated segments named one by one; the rest are counted


def _excerpt(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _report_render(catalogue: Path, result: Rendered, allow_untranslated: bool) -> bool:
    """Print what the render changed or left out; True when it must not be written."""
    from translator.errors import CatalogueError, InputError

    for change in result.link_changes:
        what = "; ".join(filter(None, (
            "adds " + ", ".join(change.added) if change.added else "",
            "drops " + ", ".join(change.removed) if change.removed else "")))
        if change.unsafe:
            print_error(CatalogueError(
                f"segment {change.segment}: refusing a link the source does not have: "
                f"{', '.join(change.unsafe)}", file=catalogue, line=change.line))
        else:
            click.echo(f"translator: {catalogue}:{change.line}: warning: segment "
                       f"{change.segment}: link targets differ from the source's ({what})",
                       err=True)
    if result.untranslated:
        for segment, why in result.untranslated[:_LISTED]:
            click.echo(f"translator: {result.source}:{segment.line}: segment {segment.id} "
                       f"{why}: «{_excerpt(segment.text)}»", err=True)
        if len(result.untranslated) > _LISTED:
            click.echo(f"translator: … and {len(result.untranslated) - _LISTED} more", err=True)
        if not allow_untranslated:
            print_error(InputError(
                f"{len(result.untranslated)} segment(s) would stay untranslated; translate "
                "the source again or pass --allow-untranslated", file=catalogue))
    return bool(result.unsafe_links) or bool(result.untranslated and not allow_untranslated)
