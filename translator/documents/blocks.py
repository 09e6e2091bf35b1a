"""Line-based documents (Markdown, plain text): a skeleton of kept bytes around blocks of
translatable lines, whose sentences are the segments.

A format finds its blocks (``Found``: where each of a block's lines has its text) and the
skeleton does the rest: segments with ids ``<base>.<sentence>``, and a render that refills
the blocks, so rendering each segment's own text gives the source back byte for byte. A
translation's lines are fitted into the block: blank lines go (they would end it), line
breaks beyond the source's fold into spaces, and the format escapes what its syntax would
read as the start of another block.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import pairwise

from translator.documents.kinds import TextKind
from translator.documents.model import Document, Segment
from translator.documents.sentences import split_sentences

__all__ = ["Block", "FlowLayout", "Found", "Lines", "build", "sentence_spans"]

NEWLINE = re.compile(r"\r\n|\r|\n")
_WORD = re.compile(r"\w")

# How a format reads a segment for splitting: the text with its markup blanked (same length)
# and the source ranges a cut must not go through.
Splitter = Callable[[str], tuple[str, list[tuple[int, int]]]]
# How a format keeps a translated block's lines from changing its structure.
Fitter = Callable[[list[str], "Block"], list[str]]


@dataclass(frozen=True)
class Found:
    """A block a format found: its segments' kind, id base, render mode, whether its
    sentences are separate segments, and per source line the text's [start, end)."""

    kind: str
    base: str  # id without the sentence ordinal
    mode: str
    split: bool
    pieces: list[tuple[int, int]]


@dataclass(frozen=True)
class Block:
    """Translatable text with its source lines joined by "\\n" and without their prefixes;
    ``joins[k]`` is the source between line k and k+1 (trailing blanks, newline, prefix)."""

    mode: str  # a format's name for how to fit lines: flow, setext, line, cell, text, ...
    text: str
    joins: tuple[str, ...]
    segments: tuple[tuple[str, int, int], ...]  # (id, start, end) in ``text``


class Lines:
    """The document's lines (any of CRLF, CR, LF)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        self.ends: list[int] = []
        for match in NEWLINE.finditer(text):
            self.ends.append(match.start())
            self.starts.append(match.end())
        self.ends.append(len(text))

    def content(self, line: int) -> str:
        return self.text[self.starts[line]:self.ends[line]]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1


@dataclass(frozen=True)
class FlowLayout:
    """The skeleton of a line-based document: kept strings and blocks, in order."""

    skeleton: tuple[str | Block, ...]
    fit: Fitter

    def render(self, translations: Mapping[str, str], lang: str | None = None) -> str:
        """The document with each segment replaced by its translation (missing or blank:
        the source text). All translations equal to their sources give the source."""
        return "".join(part if isinstance(part, str) else self._block(part, translations)
                       for part in self.skeleton)

    def _block(self, block: Block, translations: Mapping[str, str]) -> str:
        pieces, cursor, changed = [], 0, False
        for seg_id, start, end in block.segments:
            source = block.text[start:end]
            new = translations.get(seg_id)
            pieces.append(block.text[cursor:start])
            if new is None or not new.strip() or new == source:
                pieces.append(source)
            else:
                pieces.append(NEWLINE.sub("\n", new.strip()))
                changed = True
            cursor = end
        pieces.append(block.text[cursor:])
        lines = "".join(pieces).split("\n")
        if changed:
            lines = self.fit(_fold(lines, block), block)
        out = [lines[0]]
        for join, line in zip(block.joins, lines[1:], strict=False):
            out += [join, line]
        return "".join(out)


def build(text: str, lines: Lines, found: list[Found], fmt: TextKind, lang: str,
          splitter: Splitter, fit: Fitter, path: str | None) -> Document:
    """The document of ``text`` given the blocks its format found in it."""
    segments: list[Segment] = []
    skeleton: list[str | Block] = []
    cursor = 0
    for block in sorted(found, key=lambda b: b.pieces[0]):
        block_text = "\n".join(text[a:b] for a, b in block.pieces)
        if block.kind == "cell":
            spans, ids = _whole(block_text), [block.base]
        else:
            spans = (sentence_spans(block_text, lang, splitter) if block.split
                     else _whole(block_text))
            ids = [f"{block.base}.{n}" for n in range(1, len(spans) + 1)]
        first_line = lines.line_of(block.pieces[0][0])
        for seg_id, (a, b) in zip(ids, spans, strict=True):
            line = first_line + block_text.count("\n", 0, a) + 1
            segments.append(Segment(seg_id, block_text[a:b], line, block.kind))
        joins = tuple(text[b:a] for (_, b), (a, _) in pairwise(block.pieces))
        skeleton.append(text[cursor:block.pieces[0][0]])
        skeleton.append(Block(block.mode, block_text, joins,
                              tuple((i, a, b) for i, (a, b) in zip(ids, spans, strict=True))))
        cursor = block.pieces[-1][1]
    skeleton.append(text[cursor:])
    layout = FlowLayout(tuple(p for p in skeleton if p != ""), fit)
    return Document(path, fmt.value, fmt, tuple(segments), layout, text)


def _whole(text: str) -> list[tuple[int, int]]:
    start, end = len(text) - len(text.lstrip()), len(text.rstrip())
    return [(start, end)] if start < end else []


def sentence_spans(text: str, lang: str, splitter: Splitter) -> list[tuple[int, int]]:
    """Sentence spans that tile the block (nothing the splitter skips is lost) and never cut
    through a protected range (emphasis, a link, a tag pair): such a cut moves past closing
    markup or goes."""
    cuts = {0, len(text)}
    readable, protected = splitter(text)
    for start, _ in split_sentences(readable, lang)[1:]:
        cut: int | None = start
        for a, b in protected:
            if a < start < b:
                if not _WORD.search(readable, start, b):
                    cut = b
                elif not _WORD.search(readable, a, start):
                    cut = a
                else:
                    cut = None
                break
        if cut is not None:
            cuts.add(cut)
    spans = []
    for a, b in pairwise(sorted(cuts)):
        piece = text[a:b]
        lead, trail = len(piece) - len(piece.lstrip()), len(piece.rstrip())
        if lead < trail:
            spans.append((a + lead, a + trail))
    return spans


def _fold(lines: list[str], block: Block) -> list[str]:
    """No blank lines (they would end the block) and no more lines than the source (extra
    breaks become spaces)."""
    lines = [line.strip() for line in lines if line.strip()]
    room = len(block.joins) + 1
    if len(lines) > room:
        lines[room - 1:] = [" ".join(lines[room - 1:])]
    return lines
