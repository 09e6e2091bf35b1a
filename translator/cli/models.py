"""``translator models``: the Argos package store (shared with argospm)."""

from __future__ import annotations

from pathlib import Path

import click

from translator.cli.common import cli, progress_bar
from translator.errors import UsageError


@cli.group()
def models() -> None:
    """List, install and remove Argos Translate packages (shared with argospm)."""


@models.command("list")
def models_list() -> None:
    """Show installed packages: pair, version, size, path."""
    from translator.engine.store import installed
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
    if len(source) == 1:
        from translator.engine.store import install

        package = install(Path(source[0]))
    elif len(source) == 2:
        with progress_bar("Downloading", quiet=False, unit="bytes") as progress:
            from translator.engine.index import install_from_index

            package = install_from_index(source[0], source[1], progress=progress)
    else:
        raise UsageError("give one .argosmodel file, or two language codes (FROM TO)")
    click.echo(f"installed {package.from_code}→{package.to_code} {package.version} "
               f"in {package.path}")


@models.command("remove")
@click.argument("from_code")
@click.argument("to_code")
def models_remove(from_code: str, to_code: str) -> None:
    """Remove the installed FROM→TO package."""
    from translator.engine.store import remove

    path = remove(from_code, to_code)
    click.echo(f"removed {path}")
