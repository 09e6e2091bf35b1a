"""``translator tm``: the translation memory (import, export, stats, search, remove)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from translator.cli.common import cli, existing, print_error
from translator.errors import TranslatorError, UsageError

if TYPE_CHECKING:
    from translator.memory import Memory

F = TypeVar("F", bound=Callable[..., Any])


def tm_option(command: F) -> F:
    """``--tm PATH``, shared by every command that uses the memory."""
    return click.option(
        "--tm", "tm_path", type=existing(dir_okay=False), metavar="PATH",
        help="Translation memory file [default: $TRANSLATOR_TM, else memory.sqlite in the "
             "user data directory].")(command)


def memory_options(command: F) -> F:
    """``--tm``, ``--no-tm`` and ``--tm-threshold`` for ``translate``."""
    command = click.option(
        "--tm-threshold", default=75.0, show_default=True, type=click.FloatRange(0, 100),
        help="Lowest similarity (%) of a memory match offered as a fuzzy translation.")(command)
    command = click.option(
        "--no-tm", is_flag=True,
        help="Use no translation memory: none is read, filled or created.")(command)
    return tm_option(command)


def memory_path(tm_path: Path | None, no_tm: bool) -> Path | None:
    """The memory file a command should use; None with ``--no-tm``."""
    from translator.paths import memory_file

    if no_tm:
        if tm_path is not None:
            raise UsageError("--tm and --no-tm contradict each other")
        return None
    return tm_path or memory_file()


def open_memory(tm_path: Path | None, *, create: bool) -> Memory:
    """The memory at ``tm_path`` or the default one; with ``create=False`` it must exist."""
    from translator.memory import Memory
    from translator.paths import memory_file

    return Memory(tm_path or memory_file(), create=create)


@cli.group()
def tm() -> None:
    """The translation memory: approved translations, found again by `translate`.

    One SQLite file (default: memory.sqlite in the user data directory; --tm PATH or
    TRANSLATOR_TM for another), filled from approved catalogue entries and TMX files.

    \b
    Examples:
      translator tm import locales/             # every approved entry of every .po below
      translator tm import team-memory.tmx
      translator tm search "Mark Rutte arrived in Kyiv"
      translator tm export --format tmx -o memory.tmx --to uk
      translator tm stats
      translator tm remove --origin locales/uk/LC_MESSAGES/old-article.po
    """


def _pair(memory: Memory, source_lang: str | None, target_lang: str | None) -> tuple[str, str]:
    """The language pair asked for, or the memory's only one."""
    from translator.memory import lang_code

    pairs = [(s, t) for s, t in memory.pairs()
             if (source_lang is None or s == lang_code(source_lang))
             and (target_lang is None or t == lang_code(target_lang))]
    if len(pairs) == 1:
        return pairs[0]
    if not pairs:
        asked = f"{source_lang or '*'}→{target_lang or '*'}"
        raise UsageError(f"the memory has no units for {asked}")
    listed = ", ".join(f"{s}→{t}" for s, t in pairs)
    raise UsageError(f"the memory has several language pairs ({listed}): choose with --from/--to")


@tm.command("import")
@click.argument("paths", nargs=-1, required=True, type=existing())
@click.option("--from", "source_lang", metavar="LANG",
              help="Source language when a file does not say [default: X-Source-Language, "
                   "else en].")
@click.option("--to", "target_lang", metavar="LANG",
              help="Target language of PO files without a Language header.")
@tm_option
def tm_import(paths: tuple[Path, ...], source_lang: str | None, target_lang: str | None,
              tm_path: Path | None) -> None:
    """Add approved PO entries and TMX units to the memory.

    PO: translated, non-fuzzy, non-obsolete entries only (machine output waiting for review
    is not memory). TMX 1.4: every language of every unit. Directories are searched for
    .po and .tmx files. Re-importing a file updates its units in place. A bad file is
    reported and skipped; the exit code says so.

    \b
    Examples:
      translator tm import locales/
      translator tm import omegat/project_save.tmx --from en
    """
    from translator.memory.files import files_under, read_batches

    failed = 0
    with open_memory(tm_path, create=True) as memory:
        for path in files_under(paths):
            try:
                batches = read_batches(path, source_lang=source_lang, target_lang=target_lang)
                for batch in batches:
                    added = memory.add(batch.source_lang, batch.target_lang, batch.units)
                    click.echo(f"{path}: {len(batch.units)} units {batch.source_lang}→"
                               f"{batch.target_lang} ({added} new or changed)")
            except TranslatorError as error:
                print_error(error)
                failed += 1
    if failed:
        raise SystemExit(1)


@tm.command("export")
@click.option("--format", "fmt", type=click.Choice(["tmx"]), default="tmx", show_default=True)
@click.option("-o", "--output", type=existing(dir_okay=False), required=True,
              help="File to write.")
@click.option("--from", "source_lang", metavar="LANG", help="Source language of the pair.")
@click.option("--to", "target_lang", metavar="LANG", help="Target language of the pair.")
@tm_option
def tm_export(fmt: str, output: Path, source_lang: str | None, target_lang: str | None,
              tm_path: Path | None) -> None:
    """Write one language pair as TMX 1.4 (read by OmegaT, Weblate, Translate Toolkit).

    \b
    Examples:
      translator tm export -o memory.tmx
      translator tm export --format tmx -o en-uk.tmx --from en --to uk
    """
    from translator.memory.files import write_tmx

    with open_memory(tm_path, create=False) as memory:
        source, target = _pair(memory, source_lang, target_lang)
        count = write_tmx(memory, source, target, output)
    click.echo(f"{output}: {count} units {source}→{target}")


@tm.command("stats")
@tm_option
def tm_stats(tm_path: Path | None) -> None:
    """Where the memory is, its size, and units per language pair.

    \b
    Example:
      translator tm stats
    """
    with open_memory(tm_path, create=False) as memory:
        size = memory.path.stat().st_size
        click.echo(f"{memory.path} ({size / 2**20:.1f} MiB)")
        for row in memory.stats():
            click.echo(f"{row.source_lang}→{row.target_lang}\t{row.units} units\t"
                       f"{row.origins} origin files")


@tm.command("search")
@click.argument("text")
@click.option("--from", "source_lang", metavar="LANG", help="Source language of the pair.")
@click.option("--to", "target_lang", metavar="LANG", help="Target language of the pair.")
@click.option("-n", "--limit", default=5, show_default=True, type=click.IntRange(1, 100))
@click.option("--threshold", default=50.0, show_default=True, type=click.FloatRange(0, 100),
              help="Lowest similarity shown (0-100).")
@tm_option
def tm_search(text: str, source_lang: str | None, target_lang: str | None, limit: int,
              threshold: float, tm_path: Path | None) -> None:
    """The closest units to TEXT: similarity, source, target, origin.

    \b
    Example:
      translator tm search "NATO Secretary-General Mark Rutte arrived in Kyiv" --to uk
    """
    from translator.memory import lookup

    with open_memory(tm_path, create=False) as memory:
        source, target = _pair(memory, source_lang, target_lang)
        matches = lookup(memory, source, target, text, limit=limit, threshold=threshold)
    if not matches:
        click.echo(f"no match at or above {threshold:g} %", err=True)
        raise SystemExit(1)
    for match in matches:
        unit = match.unit
        click.echo(f"{match.score:5.1f} %  {unit.source}\n        {unit.target}\n"
                   f"        {unit.origin_file} {unit.origin_entry} {unit.approved_at}")


@tm.command("remove")
@click.option("--origin", "origins", multiple=True, required=True, type=existing(),
              metavar="FILE", help="Remove the units imported from FILE (repeatable).")
@tm_option
def tm_remove(origins: tuple[Path, ...], tm_path: Path | None) -> None:
    """Remove every unit that came from a file (a catalogue withdrawn, a bad TMX).

    \b
    Example:
      translator tm remove --origin locales/uk/LC_MESSAGES/withdrawn.po
    """
    from translator.memory.files import origin_name

    with open_memory(tm_path, create=False) as memory:
        for origin in origins:
            removed = memory.remove_origin(origin_name(origin))
            click.echo(f"{origin}: {removed} units removed")
