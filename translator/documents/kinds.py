"""What a text is written in, and which file suffix gives which document format.

Import-light on purpose (no parser is imported): the catalogue layer, the service and the
pipeline all ask "what kind of text is this?" without parsing anything.

>>> kind_of_path("notes/Story.MD")
<TextKind.MARKDOWN: 'markdown'>
>>> kind_of_path("app.pot") is None
True
"""

from __future__ import annotations

from enum import StrEnum
from os import PathLike
from pathlib import PurePath

__all__ = ["DOCUMENT_SUFFIXES", "SUFFIXES", "TextKind", "kind_of_path"]


class TextKind(StrEnum):
    """How a text is written, which decides how it is protected around the engine."""

    MARKDOWN = "markdown"  # a document segment with inline Markdown
    TEXT = "text"  # a plain-text document segment
    MESSAGE = "message"  # a catalogue message with placeholders


# The one table of document suffixes (lower case): parsing, folder search and a catalogue's
# text kind (from its X-Source-File) all read it.
SUFFIXES: dict[str, TextKind] = {
    ".md": TextKind.MARKDOWN,
    ".markdown": TextKind.MARKDOWN,
    ".txt": TextKind.TEXT,
    ".text": TextKind.TEXT,
}
DOCUMENT_SUFFIXES = frozenset(SUFFIXES)


def kind_of_path(path: str | PathLike[str]) -> TextKind | None:
    """The document format of a file name, or None when it is not a document suffix."""
    return SUFFIXES.get(PurePath(path).suffix.lower())
