"""Plain text: paragraphs are runs of non-blank lines, their sentences the segments
(``p<paragraph>.<sentence>``); a translation's extra line breaks fold into spaces."""

from __future__ import annotations

from collections.abc import Mapping

from translator.documents.blocks import Block, Found, Lines, build
from translator.documents.kinds import TextKind
from translator.documents.model import Document
from translator.inline import for_splitting

__all__ = ["parse"]


def parse(text: str, source_lang: str = "en", path: str | None = None,
          known: Mapping[str, str] | None = None) -> Document:
    """Segment plain ``text`` (``known``: sentences by segment id, see
    ``blocks.sentence_spans``)."""
    lines = Lines(text)
    return build(text, lines, _blocks(lines), TextKind.TEXT, source_lang, for_splitting,
                 _keep, path, known)


def _keep(lines: list[str], block: Block) -> list[str]:
    """Plain text has no syntax a line could start by accident."""
    return lines


def _blocks(lines: Lines) -> list[Found]:
    found: list[Found] = []
    pieces: list[tuple[int, int]] = []
    for n in range(len(lines.starts) + 1):
        content = lines.content(n) if n < len(lines.starts) else ""
        if content.strip():
            start = lines.starts[n]
            pieces.append((start + len(content) - len(content.lstrip()),
                           start + len(content.rstrip())))
        elif pieces:
            found.append(Found("text", f"p{len(found) + 1}", "text", True, pieces))
            pieces = []
    return found
