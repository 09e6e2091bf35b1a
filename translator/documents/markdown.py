"""Markdown documents → segments with stable ids, and back.

Block positions come from markdown-it-py (``token.map`` lines, plus the column where each
line's text starts, recorded from its block state), so "what is a paragraph" is decided by
a CommonMark parser, not by regexes. The skeleton keeps markers, prefixes, code, front
matter, blank lines and line endings; a translated line that would start a heading, list,
quote, fence or table is escaped, and a cell's ``|`` is escaped.

Segment ids are ``<kind><ordinal>.<sentence>``: ``h3.1`` (third heading), ``p4.2`` (fourth
top-level paragraph, second sentence), ``q2.1`` (block-quote paragraph), ``li7.1`` (list-item
paragraph; the innermost container decides), and ``td<table>.<row>.<column>`` for table cells
(row 1 is the header). Ordinals count per kind, so adding a heading does not renumber the
paragraphs.
"""

from __future__ import annotations

import functools
import logging
import re
from collections import Counter
from collections.abc import Callable, Mapping

from markdown_it import MarkdownIt
from markdown_it.common.utils import MD_TRIM_CHARS
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.html_block import HTML_SEQUENCES
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from translator.documents.blocks import Block, Found, Lines, build
from translator.documents.kinds import TextKind
from translator.documents.model import Document
from translator.inline import for_splitting

__all__ = ["parse"]

logger = logging.getLogger(__name__)

_CONTAINERS = {"blockquote_open": ("q", "quote"), "list_item_open": ("li", "item")}
# A line that would open a block of its own (or end a paragraph) if it were paragraph text.
_BLOCK_START = re.compile(
    r"#{1,6}(?:[ \t]|$)|>|[-+*](?:[ \t]|$)|`{3,}|~{3,}|(?:[-*_][ \t]*){3,}$|=+[ \t]*$"
    r"|\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$"
)
_REFERENCE = re.compile(r"\[(?:[^\]\\]|\\.)+\]:")
_ORDERED = re.compile(r"(\d{1,9})([.)](?:[ \t]|$))")


def parse(text: str, source_lang: str = "en", path: str | None = None,
          known: Mapping[str, str] | None = None) -> Document:
    """Segment Markdown ``text`` (``known``: sentences by segment id, see
    ``blocks.sentence_spans``)."""
    lines = _MdLines(text)
    return build(text, lines, _markdown_blocks(lines), TextKind.MARKDOWN, source_lang,
                 for_splitting, _fit, path, known)


class _MdLines(Lines):
    """The lines as markdown-it numbers and sees them."""

    def parsed(self, line: int) -> str:
        """A line as markdown-it sees it: same length, NUL as U+FFFD, a leading BOM as " "."""
        content = self.content(line).replace("\0", "\ufffd")
        return " " + content[1:] if line == 0 and content.startswith("\ufeff") else content

    def normalized(self) -> tuple[str, list[int]]:
        """The text markdown-it sees (LF only; a leading BOM as a space, keeping columns),
        and where each line starts in it."""
        contents = [self.parsed(n) for n in range(len(self.starts))]
        starts, offset = [], 0
        for content in contents:
            starts.append(offset)
            offset += len(content) + 1
        return "\n".join(contents), starts


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


def _markdown_blocks(lines: _MdLines) -> list[Found]:
    normalized, norm_starts = lines.normalized()
    tokens = _parser().parse(normalized)
    found: list[Found] = []
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


def _flow(lines: _MdLines, span: range, token: Token, column_of: Callable[[Token, int], int],
          kind: str, base: str, split: bool, mode: str = "flow") -> Found | None:
    pieces = []
    for n in span:
        content = lines.content(n)
        end = len(content.rstrip(" \t"))
        start = min(column_of(token, n), end)
        pieces.append((lines.starts[n] + start, lines.starts[n] + end))
    text = "".join(lines.parsed(n)[a - lines.starts[n]:b - lines.starts[n]]
                   for n, (a, b) in zip(span, pieces, strict=True))
    return Found(kind, base, mode, split, pieces) if _same(text, token.content) else None


def _atx(lines: _MdLines, line: int, after_hashes: int, content: str, base: str) -> Found | None:
    start = lines.parsed(line).find(content, after_hashes)
    if start < 0:
        return None
    offset = lines.starts[line] + start
    return Found("heading", base, "line", False, [(offset, offset + len(content))])


def _cell(lines: _MdLines, line: int, row_start: int, column: int, parsed_cell: str,
          base: str) -> Found | None:
    """The ``column``-th cell of a table row, split exactly as markdown-it splits it."""
    content = lines.parsed(line)
    row_end = len(content.rstrip(MD_TRIM_CHARS))
    row = content[row_start:row_end]
    row_start += len(row) - len(row.lstrip(MD_TRIM_CHARS))
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
    return Found("cell", base, mode, False, [(lines.starts[line] + a, lines.starts[line] + b)])


def _same(found: str, parsed: str) -> bool:
    """Whether our slice of the source is the text markdown-it parsed, modulo whitespace
    (and expanded tabs): if not, the block stays untranslated rather than garbled."""
    return "".join(found.split()) == "".join(parsed.split())


def _fit(lines: list[str], block: Block) -> list[str]:
    """Make translated (already folded) lines keep the block's structure: no line that
    Markdown would read as the start of another block, no cell-ending pipe."""
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
