"""One error hierarchy, caught once in ``cli.main`` and shown as a single line.

Library code raises these with the file (and line, where there is one) so that the
person sees ``file:line: what is wrong`` and never a traceback.
"""

from __future__ import annotations

from os import PathLike


class TranslatorError(Exception):
    """Base class: a problem the user can act on. Exit code 1."""

    exit_code = 1

    def __init__(
        self, message: str, *, file: str | PathLike[str] | None = None, line: int | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line

    def __str__(self) -> str:
        where = self.file or ""
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class UsageError(TranslatorError):
    """Wrong command-line usage. Exit code 2."""

    exit_code = 2


class LanguageError(TranslatorError):
    """A language code we do not know."""


class InputError(TranslatorError):
    """An input document that cannot be read: missing, not UTF-8, empty."""


class CatalogueError(TranslatorError):
    """A malformed PO/POT catalogue."""


class GlossaryError(TranslatorError):
    """A malformed glossary file."""


class ModelNotFound(TranslatorError):
    """No installed package (direct or via English) for a language pair."""


class PackageError(TranslatorError):
    """A corrupt, unsafe or unreadable model package."""


class OutputError(TranslatorError):
    """An output file or directory that cannot be written."""


class MemoryFileError(TranslatorError):
    """A translation memory file that cannot be opened: foreign, corrupt, too new."""
