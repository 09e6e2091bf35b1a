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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from translator.documents.kinds import TextKind
from translator.documents.model import Document, Segment
from translator.documents.sentences import may_end_before, split_sentences

__all__ = ["Block", "FlowLayout", "Found", "Lines", "build", "known_sentences",
           "sentence_spans"]

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
          splitter: Splitter, fit: Fitter, path: str | None,
          known: Mapping[str, str] | None = None) -> Document:
    """The document of ``text`` given the blocks its format found in it (``known``: see
    ``sentence_spans``)."""
    segments: list[Segment] = []
    skeleton: list[str | Block] = []
    cursor = 0
    for block in sorted(found, key=lambda b: b.pieces[0]):
        block_text = "\n".join(text[a:b] for a, b in block.pieces)
        if block.kind == "cell":
            spans, ids = _whole(block_text), [block.base]
        else:
            spans = (sentence_spans(block_text, lang, splitter,
                                    known_sentences(known, block.base)) if block.split
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


def known_sentences(known: Mapping[str, str] | None, base: str) -> list[str]:
    """The sentences ``<base>.1``, ``<base>.2`` … that ``known`` (segment id → source text,
    as a catalogue recorded them) has for a block, in order."""
    found: list[str] = []
    while known and (sentence := known.get(f"{base}.{len(found) + 1}")) is not None:
        found.append(sentence)
    return found


def sentence_spans(text: str, lang: str, splitter: Splitter,
                   known: Sequence[str] = ()) -> list[tuple[int, int]]:
    """Sentence spans that tile the block (nothing the splitter skips is lost) and never cut
    through a protected range (emphasis, a link, a tag pair): such a cut moves past closing
    markup or goes.

    ``known`` are the block's sentences as an earlier split gave them (a catalogue's
    entries): when they still tile the block, with only spaces and markup between them,
    their spans are the answer and the sentence splitter (the costly part) does not run.
    ``render`` uses this: the segments it fills are then exactly the catalogue's.
    """
    readable, protected = splitter(text)
    if known and (spans := _tiling(text, readable, protected, known)) is not None:
        return spans
    cuts = {0, len(text)}
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


def _tiling(text: str, readable: str, protected: Sequence[tuple[int, int]],
            sentences: Sequence[str]) -> list[tuple[int, int]] | None:
    """Where ``sentences`` lie in ``text`` one after another, if nothing but spaces and
    markup (blank in ``readable``) is around and between them, and each cut is one the
    splitter could make: after a sentence's end, through no protected range."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for sentence in sentences:
        at = text.find(sentence, cursor)
        if not sentence or at < 0 or readable[cursor:at].strip():
            return None
        if spans and (not may_end_before(readable, cursor) or any(
                a < cut < b for a, b in protected for cut in (cursor, at))):
            return None
        spans.append((at, at + len(sentence)))
        cursor = at + len(sentence)
    return spans if not readable[cursor:].strip() else None


def _fold(lines: list[str], block: Block) -> list[str]:
    """No blank lines (they would end the block) and no more lines than the source (extra
    breaks become spaces)."""
    lines = [line.strip() for line in lines if line.strip()]
    room = len(block.joins) + 1
    if len(lines) > room:
        lines[room - 1:] = [" ".join(lines[room - 1:])]
    return lines
