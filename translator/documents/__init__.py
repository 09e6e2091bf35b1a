"""Documents → segments with stable ids, and back: one module per format.

``parse_document`` reads a file and picks its format from the one suffix table
(``kinds.SUFFIXES``); ``render`` gives the document with translations in place, exactly the
source when every translation is its source text. Format modules are imported when a
document of theirs is parsed, so asking for a ``TextKind`` imports no parser.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from os import PathLike
from pathlib import Path

from translator.documents.kinds import (
    DOCUMENT_SUFFIXES,
    FORMATS,
    SUFFIXES,
    TextKind,
    format_of,
    kind_of_path,
)
from translator.documents.model import Document, Layout, Segment
from translator.errors import InputError
from translator.fsutil import read_text

__all__ = ["DOCUMENT_SUFFIXES", "SUFFIXES", "Document", "Layout", "Segment", "TextKind",
           "format_of", "kind_of_path", "parse_document", "parse_text", "render"]


def parse_document(path: str | PathLike[str], source_lang: str = "en",
                   known: Mapping[str, str] | None = None) -> Document:
    """Read and segment a file in the format its suffix names (plain text otherwise).

    ``known`` maps segment ids to their source text as a catalogue of this document
    recorded them: blocks whose recorded sentences still tile them are not split again
    (``blocks.sentence_spans``), which is most of the work on a large document."""
    path = Path(path)
    fmt = format_of(path) or FORMATS["text"]
    module = importlib.import_module(f"translator.documents.{fmt.name}")
    if fmt.binary:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise InputError(f"cannot read: {error.strerror or error}", file=path) from None
        document: Document = module.parse_bytes(data, source_lang, str(path), known)
    else:
        text = read_text(path)
        if not text.lstrip("\ufeff").strip():
            raise InputError("empty document", file=path)
        document = module.parse(text, source_lang, str(path), known)
    if not document.segments and fmt.binary:
        raise InputError("no text to translate", file=path)
    return document


def parse_text(text: str, fmt: str, source_lang: str = "en", path: str | None = None) -> Document:
    """Segment ``text`` given in the text format ``fmt`` (markdown, text, html)."""
    if fmt not in FORMATS or fmt == "docx":
        raise ValueError(f"unknown text format {fmt!r}")
    module = importlib.import_module(f"translator.documents.{fmt}")
    document: Document = module.parse(text, source_lang, path)
    return document


def render(document: Document, translations: Mapping[str, str],
           lang: str | None = None) -> str | bytes:
    """The document with each segment replaced by its translation (missing or blank: the
    source text); ``lang`` is the target language, for formats that record it. A document
    read from bytes renders to bytes."""
    return document.layout.render(translations, lang)
