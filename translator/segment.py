"""Documents → segments with stable ids, and back.

A document is split into a skeleton (every byte that is not translated: markers, prefixes,
code, front matter, blank lines, line endings) and blocks of translatable text; sentences
inside a block are the segments. ``render`` refills the blocks, so rendering each segment's
own text gives the source back byte for byte, and rendering a translation keeps the structure:
a translated line that would start a heading, list, quote, fence or table is escaped, a cell's
``|`` is escaped, and line breaks beyond the source's are folded into spaces.

Markdown block positions come from markdown-it-py (``token.map`` lines, plus the column where
each line's text starts, recorded from its block state), so "what is a paragraph" is decided
by a CommonMark parser, not by regexes.

Segment ids are ``<kind><ordinal>.<sentence>``: ``h3.1`` (third heading), ``p4.2`` (fourth
top-level paragraph, second sentence), ``q2.1`` (block-quote paragraph), ``li7.1`` (list-item
paragraph; the innermost container decides), and ``td<table>.<row>.<column>`` for table cells
(row 1 is the header). Ordinals count per kind, so adding a heading does not renumber the
paragraphs. Plain text uses ``p<paragraph>.<sentence>``.
"""

from __future__ import annotations

import bisect
import functools
import logging
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from os import PathLike
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.common.utils import MD_TRIM_CHARS
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.html_block import HTML_SEQUENCES
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from translator.errors import InputError
from translator.fsutil import read_text
from translator.inline import for_splitting
from translator.sentences import split_sentences

__all__ = ["Document", "Segment", "parse_document", "parse_text", "render"]

logger = logging.getLogger(__name__)

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
_NEWLINE = re.compile(r"\r\n|\r|\n")
_WORD = re.compile(r"\w")
_CONTAINERS = {"blockquote_open": ("q", "quote"), "list_item_open": ("li", "item")}
# A line that would open a block of its own (or end a paragraph) if it were paragraph text.
_BLOCK_START = re.compile(
    r"#{1,6}(?:[ \t]|$)|>|[-+*](?:[ \t]|$)|`{3,}|~{3,}|(?:[-*_][ \t]*){3,}$|=+[ \t]*$"
    r"|\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$"
)
_REFERENCE = re.compile(r"\[(?:[^\]\\]|\\.)+\]:")
_ORDERED = re.compile(r"(\d{1,9})([.)](?:[ \t]|$))")


@dataclass(frozen=True)
class Segment:
    """One unit of translation; ``text`` is the inline Markdown exactly as in the source."""

    id: str
    text: str
    line: int
    kind: str  # heading, paragraph, item, quote, cell, text


@dataclass(frozen=True)
class _Block:
    """Translatable text with its source lines joined by "\\n" and without their prefixes;
    ``joins[k]`` is the source between line k and k+1 (trailing blanks, newline, prefix)."""

    mode: str  # flow (paragraph-like), setext (heading over "---"), line (ATX heading), cell,
    # first-cell, text (plain)
    text: str
    joins: tuple[str, ...]
    segments: tuple[tuple[str, int, int], ...]  # (id, start, end) in ``text``


@dataclass(frozen=True)
class Document:
    """A parsed source: its segments, and the skeleton ``render`` fills them back into."""

    path: str | None
    text: str
    format: str  # markdown | text
    segments: tuple[Segment, ...]
    skeleton: tuple[str | _Block, ...] = field(repr=False)


def parse_document(path: str | PathLike[str], source_lang: str = "en") -> Document:
    """Read and segment a file: Markdown for ``.md``/``.markdown``, plain text otherwise."""
    path = Path(path)
    text = read_text(path)
    if not text.lstrip("\ufeff").strip():
        raise InputError("empty document", file=path)
    fmt = "markdown" if path.suffix.lower() in MARKDOWN_SUFFIXES else "text"
    return parse_text(text, fmt, source_lang, path=str(path))


def parse_text(text: str, fmt: str, source_lang: str = "en", path: str | None = None) -> Document:
    """Segment ``text`` given as ``fmt`` ("markdown" or "text")."""
    if fmt not in ("markdown", "text"):
        raise ValueError(f"unknown document format {fmt!r}")
    lines = _Lines(text)
    found = _markdown_blocks(lines) if fmt == "markdown" else _text_blocks(lines)
    segments: list[Segment] = []
    skeleton: list[str | _Block] = []
    cursor = 0
    for block in sorted(found, key=lambda b: b.pieces[0]):
        block_text = "\n".join(text[a:b] for a, b in block.pieces)
        if block.kind == "cell":
            spans, ids = _whole(block_text), [block.base]
        else:
            spans = _sentences(block_text, source_lang) if block.split else _whole(block_text)
            ids = [f"{block.base}.{n}" for n in range(1, len(spans) + 1)]
        first_line = lines.line_of(block.pieces[0][0])
        for seg_id, (a, b) in zip(ids, spans, strict=True):
            line = first_line + block_text.count("\n", 0, a) + 1
            segments.append(Segment(seg_id, block_text[a:b], line, block.kind))
        joins = tuple(text[b:a] for (_, b), (a, _) in pairwise(block.pieces))
        skeleton.append(text[cursor:block.pieces[0][0]])
        skeleton.append(_Block(block.mode, block_text, joins,
                               tuple((i, a, b) for i, (a, b) in zip(ids, spans, strict=True))))
        cursor = block.pieces[-1][1]
    skeleton.append(text[cursor:])
    return Document(path, text, fmt, tuple(segments), tuple(p for p in skeleton if p != ""))


def render(document: Document, translations: Mapping[str, str]) -> str:
    """The document with each segment replaced by its translation (missing or blank: the
    source text). All translations equal to their sources give ``document.text`` exactly."""
    return "".join(part if isinstance(part, str) else _render_block(part, translations)
                   for part in document.skeleton)


@dataclass(frozen=True)
class _Found:
    kind: str
    base: str  # id without the sentence ordinal
    mode: str
    split: bool  # sentences are separate segments
    pieces: list[tuple[int, int]]  # per source line, the text's [start, end) in the document


class _Lines:
    """The document's lines (any of CRLF, CR, LF), as markdown-it numbers them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        self.ends: list[int] = []
        for match in _NEWLINE.finditer(text):
            self.ends.append(match.start())
            self.starts.append(match.end())
        self.ends.append(len(text))

    def content(self, line: int) -> str:
        return self.text[self.starts[line]:self.ends[line]]

    def parsed(self, line: int) -> str:
        """A line as markdown-it sees it: same length, NUL as U+FFFD, a leading BOM as " "."""
        content = self.content(line).replace("\0", "\ufffd")
        return " " + content[1:] if line == 0 and content.startswith("\ufeff") else content

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def normalized(self) -> tuple[str, list[int]]:
        """The text markdown-it sees (LF only; a leading BOM as a space, keeping columns),
        and where each line starts in it."""
        contents = [self.parsed(n) for n in range(len(self.starts))]
        starts, offset = [], 0
        for content in contents:
            starts.append(offset)
            offset += len(content) + 1
        return "\n".join(contents), starts


def _text_blocks(lines: _Lines) -> list[_Found]:
    """Plain text: paragraphs are runs of non-blank lines."""
    found: list[_Found] = []
    pieces: list[tuple[int, int]] = []
    for n in range(len(lines.starts) + 1):
        content = lines.content(n) if n < len(lines.starts) else ""
        if content.strip():
            start = lines.starts[n]
            pieces.append((start + len(content) - len(content.lstrip()),
                           start + len(content.rstrip())))
        elif pieces:
            found.append(_Found("text", f"p{len(found) + 1}", "text", True, pieces))
            pieces = []
    return found


def _recording(rule: Callable[..., bool]) -> Callable[..., bool]:
    """Wrap a block rule so its inline tokens remember where each of their lines' text
    starts (after quote markers, list indentation): ``token.map`` only gives lines."""

    def recorded(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        count = len(state.tokens)
        if not rule(state, start, end, silent):
            return False
        if not silent:
            firsts = {n: state.bMarks[n] + state.tShift[n] for n in range(start, state.line)}
            for token in state.tokens[count:]:
                if token.type == "inline":
                    token.meta["firsts"] = firsts
        return True

    return recorded


@functools.cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
    md.core.ruler.disable(["inline", "text_join"])  # segments are parsed inline later, one by one
    for rule in list(md.block.ruler.__rules__):
        if rule.name in ("paragraph", "heading", "lheading", "table"):
            md.block.ruler.at(rule.name, _recording(rule.fn), {"alt": rule.alt})
        elif rule.name == "front_matter":
            md.block.ruler.at(rule.name, _at_top(rule.fn), {"alt": rule.alt})
    return md


def _at_top(rule: Callable[..., bool]) -> Callable[..., bool]:
    """Front matter only where it really is, at the very start: the plugin also takes
    ``- a--b`` for a front-matter fence when the document starts with a "-" bullet."""

    def guarded(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        return state.bMarks[start] + state.tShift[start] == 0 and rule(state, start, end, silent)

    return guarded


def _markdown_blocks(lines: _Lines) -> list[_Found]:
    normalized, norm_starts = lines.normalized()
    tokens = _parser().parse(normalized)
    found: list[_Found] = []
    counters: Counter[str] = Counter()
    containers: list[tuple[str, str]] = []
    row = column = 0

    def column_of(token: Token, line: int) -> int:
        return int(token.meta["firsts"][line]) - norm_starts[line]

    for index, token in enumerate(tokens):
        if token.type in _CONTAINERS:
            containers.append(_CONTAINERS[token.type])
        elif token.type in ("blockquote_close", "list_item_close"):
            containers.pop()
        elif token.type == "table_open":
            counters["td"] += 1
            row = 0
        elif token.type == "tr_open":
            row, column = row + 1, 0
        elif token.type in ("th_open", "td_open"):
            column += 1
        elif token.type == "inline" and token.map and token.content.strip():
            opener = tokens[index - 1]
            first, last = token.map
            if opener.type in ("th_open", "td_open"):
                block = _cell(lines, first, column_of(token, first), column, token.content,
                              f"td{counters['td']}.{row}.{column}")
            elif opener.type == "heading_open":
                counters["h"] += 1
                if opener.markup.startswith("#"):
                    block = _atx(lines, first, column_of(token, first) + len(opener.markup),
                                 token.content, f"h{counters['h']}")
                else:  # setext (the inline token's lines leave the underline out)
                    block = _flow(lines, range(first, last), token, column_of, "heading",
                                  f"h{counters['h']}", split=False,
                                  mode="setext" if opener.markup.startswith("-") else "flow")
            else:
                prefix, kind = containers[-1] if containers else ("p", "paragraph")
                counters[prefix] += 1
                block = _flow(lines, range(first, last), token, column_of, kind,
                              f"{prefix}{counters[prefix]}", split=True)
            if block is None:
                logger.warning("line %d: text not found where the parser saw it; kept as is",
                               first + 1)
            else:
                found.append(block)
    return found


def _flow(lines: _Lines, span: range, token: Token, column_of: Callable[[Token, int], int],
          kind: str, base: str, split: bool, mode: str = "flow") -> _Found | None:
    pieces = []
    for n in span:
        content = lines.content(n)
        end = len(content.rstrip(" \t"))
        start = min(column_of(token, n), end)
        pieces.append((lines.starts[n] + start, lines.starts[n] + end))
    text = "".join(lines.parsed(n)[a - lines.starts[n]:b - lines.starts[n]]
                   for n, (a, b) in zip(span, pieces, strict=True))
    return _Found(kind, base, mode, split, pieces) if _same(text, token.content) else None


def _atx(lines: _Lines, line: int, after_hashes: int, content: str, base: str) -> _Found | None:
    start = lines.parsed(line).find(content, after_hashes)
    if start < 0:
        return None
    offset = lines.starts[line] + start
    return _Found("heading", base, "line", False, [(offset, offset + len(content))])


def _cell(lines: _Lines, line: int, row_start: int, column: int, parsed_cell: str,
          base: str) -> _Found | None:
    """The ``column``-th cell of a table row, split exactly as markdown-it splits it."""
    content = lines.parsed(line)
    row_end = len(content.rstrip(MD_TRIM_CHARS))
    row_start += len(content[row_start:row_end]) - len(content[row_start:row_end].lstrip(MD_TRIM_CHARS))
    cells, last, escaped = [], row_start, False
    for pos in range(row_start, row_end):
        if content[pos] == "|" and not escaped:
            cells.append((last, pos))
            last = pos + 1
        escaped = content[pos] == "\\"
    cells.append((last, row_end))
    if cells[0][0] == cells[0][1]:
        cells.pop(0)
    if cells and cells[-1][0] == cells[-1][1]:
        cells.pop()
    if column > len(cells):
        return None
    a, b = cells[column - 1]
    text = content[a:b]
    a += len(text) - len(text.lstrip(MD_TRIM_CHARS))
    b = a + len(text.strip(MD_TRIM_CHARS))
    if a >= b or not _same(text.replace("\\|", "|"), parsed_cell):  # how markdown-it splits
        return None
    mode = "first-cell" if a == row_start else "cell"  # a row that starts with "# " is a heading
    return _Found("cell", base, mode, False, [(lines.starts[line] + a, lines.starts[line] + b)])


def _same(found: str, parsed: str) -> bool:
    """Whether our slice of the source is the text markdown-it parsed, modulo whitespace
    (and expanded tabs): if not, the block stays untranslated rather than garbled."""
    return "".join(found.split()) == "".join(parsed.split())


def _whole(text: str) -> list[tuple[int, int]]:
    start, end = len(text) - len(text.lstrip()), len(text.rstrip())
    return [(start, end)] if start < end else []


def _sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Sentence spans that tile the block (nothing the splitter skips is lost) and never cut
    through emphasis, a link or a code span: such a cut moves past closing markup or goes."""
    cuts = {0, len(text)}
    readable, protected = for_splitting(text)
    for start, _ in split_sentences(readable, lang)[1:]:
        cut: int | None = start
        for a, b in protected:
            if a < start < b:
                if not _WORD.search(text, start, b):
                    cut = b
                elif not _WORD.search(text, a, start):
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


def _render_block(block: _Block, translations: Mapping[str, str]) -> str:
    pieces, cursor, changed = [], 0, False
    for seg_id, start, end in block.segments:
        source = block.text[start:end]
        new = translations.get(seg_id)
        pieces.append(block.text[cursor:start])
        if new is None or not new.strip() or new == source:
            pieces.append(source)
        else:
            pieces.append(_NEWLINE.sub("\n", new.strip()))
            changed = True
        cursor = end
    pieces.append(block.text[cursor:])
    lines = "".join(pieces).split("\n")
    if changed:
        lines = _fit(lines, block)
    out = [lines[0]]
    for join, line in zip(block.joins, lines[1:], strict=False):
        out += [join, line]
    return "".join(out)


def _fit(lines: list[str], block: _Block) -> list[str]:
    """Make translated lines keep the block's structure: no blank lines (they would end
    it), no more lines than the source (extra breaks become spaces), and no line that
    Markdown would read as the start of another block."""
    lines = [line.strip() for line in lines if line.strip()]
    room = len(block.joins) + 1
    if len(lines) > room:
        lines[room - 1:] = [" ".join(lines[room - 1:])]
    if block.mode in ("cell", "first-cell"):  # a trailing backslash would escape the pipe
        lines = [re.sub(r"(?<!\\)\|", r"\\|", line) + " " * line.endswith("\\")
                 for line in lines]
    if block.mode == "cell":
        return lines
    if block.mode == "line":  # a trailing " #" would be read as the closing sequence
        return [re.sub(r"(^|[ \t])(#+[ \t]*)$", r"\1\\\2", line) for line in lines]
    if block.mode == "setext":  # any "|" right above a "---", escaped or not, makes a table
        lines[-1] = lines[-1].replace("\\|", "&#124;").replace("|", "&#124;")
    if block.mode in ("flow", "setext", "first-cell"):
        # a line the source had at the same place, in the same container, parses the same
        source = block.text.split("\n")
        return [line if k < len(source) and line == source[k] else _escape_block_start(line, k == 0)
                for k, line in enumerate(lines)]
    return lines


def _escape_block_start(line: str, first: bool) -> str:
    """Escape what would open a block here. Later lines are paragraph continuations, which
    only an ordered list starting at 1, never a reference definition or a lone tag, ends."""
    ordered = _ORDERED.match(line)
    if ordered and (first or int(ordered.group(1)) == 1):
        return f"{ordered.group(1)}\\{line[ordered.end(1):]}"
    html = (opener.search(line) for opener, _, interrupts in HTML_SEQUENCES if first or interrupts)
    front_matter = first and line.startswith("---")  # mdit's plugin, even inside "- ---x"
    if _BLOCK_START.match(line) or (first and _REFERENCE.match(line)) or front_matter or any(html):
        return "\\" + line
    return line
