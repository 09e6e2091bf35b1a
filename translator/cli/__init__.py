"""The ``translator`` command: parses, calls the library, prints, owns progress and exit codes.

One module per subcommand. Heavy modules (ctranslate2, the glossary's morphology, Textual)
are imported inside the commands that need them, so ``translator --help`` starts at once.
"""

from __future__ import annotations

import click

from translator.cli import check, models, review, tm, translate  # noqa: F401  (registers the subcommands)
from translator.cli.common import cli, print_error
from translator.errors import TranslatorError

__all__ = ["cli", "main"]


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
        print_error(error)
        return error.exit_code
    except KeyboardInterrupt:
        click.echo("translator: interrupted", err=True)
        return 130
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else 1
    return 0
