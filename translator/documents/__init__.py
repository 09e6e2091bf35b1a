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

from translator.documents.kinds import DOCUMENT_SUFFIXES, SUFFIXES, TextKind, kind_of_path
from translator.documents.model import Document, Layout, Segment
from translator.errors import InputError
from translator.fsutil import read_text

__all__ = ["DOCUMENT_SUFFIXES", "SUFFIXES", "Document", "Layout", "Segment", "TextKind",
           "kind_of_path", "parse_document", "parse_text", "render"]

_MODULES: dict[str, str] = {TextKind.MARKDOWN: "markdown", TextKind.TEXT: "text"}


def parse_document(path: str | PathLike[str], source_lang: str = "en") -> Document:
    """Read and segment a file in the format its suffix names (plain text otherwise)."""
    path = Path(path)
    text = read_text(path)
    if not text.lstrip("\ufeff").strip():
        raise InputError("empty document", file=path)
    return parse_text(text, kind_of_path(path) or TextKind.TEXT, source_lang, path=str(path))


def parse_text(text: str, fmt: str, source_lang: str = "en", path: str | None = None) -> Document:
    """Segment ``text`` given as ``fmt`` (a ``TextKind`` of a document format)."""
    module = _MODULES.get(fmt)
    if module is None:
        raise ValueError(f"unknown document format {fmt!r}")
    parse = importlib.import_module(f"translator.documents.{module}").parse
    document: Document = parse(text, source_lang, path)
    return document


def render(document: Document, translations: Mapping[str, str],
           lang: str | None = None) -> str | bytes:
    """The document with each segment replaced by its translation (missing or blank: the
    source text); ``lang`` is the target language, for formats that record it."""
    return document.layout.render(translations, lang)
