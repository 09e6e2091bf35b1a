"""The common model of every document format: segments to translate, and a layout that
puts translations back where their sources were.

A format module parses a source into a ``Document``: its ``segments`` (what goes into the
catalogue, in document order, with stable ids) and a ``layout`` (everything else, kept as
the source has it). ``Layout.render`` with no translations gives the source back exactly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from translator.documents.kinds import TextKind

__all__ = ["Document", "Layout", "Segment"]


@dataclass(frozen=True)
class Segment:
    """One unit of translation; ``text`` is the segment's inline markup exactly as in the
    source (Markdown, HTML, or the tags standing for a DOCX run's formatting)."""

    id: str
    text: str
    line: int
    kind: str  # heading, paragraph, item, quote, cell, text, attribute, ...


class Layout(Protocol):
    """What a format keeps of a source besides its segments, and how it rebuilds it."""

    def render(self, translations: Mapping[str, str], lang: str | None) -> str | bytes:
        """The document with each segment id's translation in place (missing or blank:
        the source); ``lang`` is the target language, for formats that record one."""
        ...


@dataclass(frozen=True)
class Document:
    """A parsed source: its segments, and the layout ``render`` fills them back into."""

    path: str | None
    format: str  # a name in ``kinds.FORMATS``: markdown, text, html, docx
    kind: TextKind  # how its segments are written
    segments: tuple[Segment, ...]
    layout: Layout = field(repr=False)
    text: str = field(default="", repr=False)  # the source, for text formats ("" for DOCX)
