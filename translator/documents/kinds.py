"""What a text is written in, and which file suffix gives which document format.

Import-light on purpose (no parser is imported): the catalogue layer, the service and the
pipeline all ask "what kind of text is this?" without parsing anything.

>>> kind_of_path("notes/Story.MD")
<TextKind.MARKDOWN: 'markdown'>
>>> kind_of_path("app.pot") is None
True
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from os import PathLike
from pathlib import PurePath

__all__ = ["DOCUMENT_SUFFIXES", "FORMATS", "SUFFIXES", "Format", "TextKind", "format_of",
           "kind_of_path"]


class TextKind(StrEnum):
    """How a text is written, which decides how it is protected around the engine."""

    MARKDOWN = "markdown"  # a document segment with inline Markdown
    TEXT = "text"  # a plain-text document segment
    HTML = "html"  # a document segment with inline HTML (HTML pages; DOCX runs as tags)
    MESSAGE = "message"  # a catalogue message with placeholders


@dataclass(frozen=True)
class Format:
    """A document format: its module in ``translator.documents``, how its segments are
    written, and whether it is read as bytes (an encoding of its own, or a package)."""

    name: str
    kind: TextKind
    binary: bool = False


FORMATS = {f.name: f for f in (Format("markdown", TextKind.MARKDOWN),
                                Format("text", TextKind.TEXT),
                                Format("html", TextKind.HTML, binary=True),
                                Format("docx", TextKind.HTML, binary=True))}

# The one table of document suffixes (lower case): parsing, folder search and a catalogue's
# text kind (from its X-Source-File) all read it.
SUFFIXES: dict[str, Format] = {
    ".md": FORMATS["markdown"],
    ".markdown": FORMATS["markdown"],
    ".txt": FORMATS["text"],
    ".text": FORMATS["text"],
    ".html": FORMATS["html"],
    ".htm": FORMATS["html"],
    ".xhtml": FORMATS["html"],
    ".docx": FORMATS["docx"],
    ".docm": FORMATS["docx"],  # read only to say why it is refused (macros)
}
DOCUMENT_SUFFIXES = frozenset(SUFFIXES)


def format_of(path: str | PathLike[str]) -> Format | None:
    """The document format a file name says, or None when it is not a document suffix."""
    return SUFFIXES.get(PurePath(path).suffix.lower())


def kind_of_path(path: str | PathLike[str]) -> TextKind | None:
    """How the segments of a document with this file name are written."""
    found = format_of(path)
    return found.kind if found else None
