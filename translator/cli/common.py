"""What every subcommand shares: the click group, path types, progress bars, error lines."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

import click

from translator import __version__
from translator.errors import TranslatorError


def existing(path_type: type = Path, **kwargs: object) -> click.Path:
    """A ``click.Path`` that hands commands ``pathlib.Path`` objects."""
    return click.Path(path_type=path_type, **kwargs)  # type: ignore[arg-type]  # click types path_type loosely


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="translator")
def cli() -> None:
    """Offline translation of articles and gettext catalogues with Argos Translate models.

    Run `translator COMMAND --help` for a command's options and examples.
    """


class Update(Protocol):
    """Tells a progress bar how far it is; ``note`` is shown after the count."""

    def __call__(self, done: int, total: int | None, note: str = "") -> None: ...


@contextmanager
def progress_bar(label: str, quiet: bool, unit: str = "segments") -> Iterator[Update | None]:
    """A rich progress bar on a terminal (stderr, where the check looks: standard output
    stays for results); nothing in a pipe or with --quiet."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
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
        columns = [MofNCompleteColumn(), TextColumn("{task.fields[note]}"),
                   TextColumn("{task.fields[rate]}")]
    with Progress(TextColumn(label), BarColumn(), *columns, TimeRemainingColumn(),
                  transient=True, console=Console(stderr=True)) as bar:
        task = bar.add_task(label, total=None, rate="", note="")

        def update(done: int, total: int | None, note: str = "") -> None:
            speed = bar.tasks[task].speed
            bar.update(task, completed=done, total=total, note=note,
                       rate=f"{speed:,.1f} {unit}/s" if speed else "")

        yield update


def print_error(error: TranslatorError) -> None:
    click.echo(f"translator: {error}", err=True)
