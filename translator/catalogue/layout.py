r"""The text layout of a PO file, kept byte for byte where nothing changed.

polib reads a catalogue well but writes it back its own way: it rewraps every string,
moves obsolete entries to the end, drops ``#~|`` lines and the comments of obsolete
entries. A reviewer or ``check --fix`` changes a handful of entries in a file of
thousands, so both keep each entry's original lines (a :class:`Block`) and rewrite only the
lines a change touches — translator comments, the ``#,`` flags line and the ``msgstr``
lines — in the file's own wrapping style (:func:`detect_style`) and line ending.

    >>> text = 'msgid "Kyiv"\r\nmsgstr "Киев"\r\n'
    >>> blocks, tail = split_blocks(text)
    >>> rewrite_block(blocks[0].lines, flags=["fuzzy"], forms=["Київ"], plural=False,
    ...               style=GETTEXT, eol=line_ending(text))
    ['#, fuzzy\r\n', 'msgid "Kyiv"\r\n', 'msgstr "Київ"\r\n']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import polib

from translator.catalogue.read import forms_of, parse_catalogue

_TOKEN = re.compile(r"\\.|[^\\]", re.DOTALL)
_QUOTED = re.compile(r'"(.*)"\s*$', re.DOTALL)
_REVISION = re.compile(r'^"PO-Revision-Date: [^"]*\\n"(\r?\n)$')
_KEYWORDS = ("msgctxt", "msgid_plural", "msgid", "msgstr")


@dataclass
class Block:
    """One entry's lines as they are in the file (line ends and trailing blank lines kept)."""

    lines: list[str]
    first_line: int
    """1-based line number of the block's first line in the file it was read from."""

    @property
    def obsolete(self) -> bool:
        return any(_kind(line)[1] for line in self.lines if _kind(line)[0] == "id")

    def field(self, keyword: str) -> str | None:
        """The unescaped value of ``msgid``/``msgctxt``/... in this block, None if absent."""
        parts: list[str] | None = None
        for line in self.lines:
            kind, _obsolete, body = _classify(line)
            if parts is not None:
                if kind == "cont":
                    parts.append(_unquote(body))
                    continue
                break
            if kind in ("ctxt", "id", "plural", "str") and body.split(None, 1)[0] == keyword:
                parts = [_unquote(body[len(keyword):].lstrip())]
        return None if parts is None else polib.unescape("".join(parts))


@dataclass(frozen=True)
class WrapStyle:
    """How a tool wrapped the strings of a file.

    ``gettext`` breaks after spaces so that lines stay within ``width`` columns (0: only
    after ``\\n``, as ``msgcat --no-wrap``); ``polib`` is polib's own textwrap-based layout.
    """

    kind: str = "gettext"
    width: int = 79


GETTEXT = WrapStyle("gettext", 79)


def _classify(line: str) -> tuple[str, bool, str]:
    """(kind, obsolete, body) of one line; kinds: blank, comment, ctxt, id, plural, str, cont."""
    text = line.strip()
    if text.startswith("\ufeff"):
        text = text[1:].lstrip()
    if not text:
        return "blank", False, ""
    obsolete = False
    if text.startswith("#~") and not text.startswith("#~|"):
        rest = text[2:].lstrip()
        if rest.startswith(('"',) + _KEYWORDS):
            text, obsolete = rest, True
    if text.startswith("#"):
        return "comment", obsolete, text
    if text.startswith('"'):
        return "cont", obsolete, text
    keyword = text.split(None, 1)[0].split('"', 1)[0]
    if keyword == "msgctxt":
        return "ctxt", obsolete, text
    if keyword == "msgid":
        return "id", obsolete, text
    if keyword == "msgid_plural":
        return "plural", obsolete, text
    if keyword.startswith("msgstr"):
        return "str", obsolete, text
    return "other", obsolete, text


def _kind(line: str) -> tuple[str, bool]:
    kind, obsolete, _ = _classify(line)
    return kind, obsolete


def _unquote(text: str) -> str:
    match = _QUOTED.match(text)
    return match.group(1) if match else ""


def split_blocks(text: str) -> tuple[list[Block], list[str]]:
    """Cut a PO file into entry blocks and a tail (comment lines after the last entry).

    A block starts at the first comment or keyword after the previous entry's ``msgstr``;
    blank lines stay with the entry before them. Joining every block's lines and the tail
    gives back ``text`` exactly.
    """
    lines = split_lines(text)
    blocks: list[Block] = []
    current: list[str] = []
    start = 1
    seen_msgstr = False
    for number, line in enumerate(lines, start=1):
        kind = _kind(line)[0]
        if seen_msgstr and kind in ("comment", "ctxt", "id", "other"):
            blocks.append(Block(current, start))
            current, start, seen_msgstr = [], number, False
        if kind == "str":
            seen_msgstr = True
        current.append(line)
    tail: list[str] = []
    if current:
        if seen_msgstr:
            blocks.append(Block(current, start))
        elif blocks:
            tail = current
        else:
            blocks.append(Block(current, start))
    return blocks, tail


def split_lines(text: str) -> list[str]:
    """Lines with their ends, cut at ``\\n`` only: a U+2028 or form feed inside a string is
    text, not a line break (``str.splitlines`` would cut there)."""
    lines = text.split("\n")
    last = lines.pop()
    return [line + "\n" for line in lines] + ([last] if last else [])


def line_ending(text: str) -> str:
    """The file's line ending: ``\\r\\n`` when its first line ends that way, else ``\\n``."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


# -- formatting strings -----------------------------------------------------------------


def format_field(keyword: str, value: str, style: WrapStyle = GETTEXT) -> list[str]:
    """``keyword "value"`` as PO lines (no line ends), wrapped in ``style``."""
    if style.kind == "polib":
        entry = polib.POEntry()
        name, _, index = keyword.partition("[")
        # polib's private renderer: the only way to get its layout exactly
        suffix = f"[{index}" if index else ""
        field: list[str] = entry._str_field(name, "", suffix, value, style.width)
        return field
    escaped = polib.escape(value)
    portions: list[str] = []
    current: list[str] = []
    for token in _TOKEN.findall(escaped):
        current.append(token)
        if token == "\\n":
            portions.append("".join(current))
            current = []
    if current or not portions:
        portions.append("".join(current))
    single = f'{keyword} "{portions[0]}"'
    if len(portions) == 1 and (style.width <= 0 or len(single) <= style.width):
        return [single]
    lines = [f'{keyword} ""']
    for portion in portions:
        lines.extend(f'"{piece}"' for piece in _wrap(portion, style.width - 2))
    return lines


def _wrap(portion: str, limit: int) -> list[str]:
    """Break an escaped string after spaces so pieces stay within ``limit`` characters."""
    if limit <= 0 or len(portion) <= limit:
        return [portion]
    pieces: list[str] = []
    line = ""
    cut = -1
    for token in _TOKEN.findall(portion):
        if len(line) + len(token) > limit and cut > 0:
            pieces.append(line[:cut])
            line = line[cut:]
            cut = -1
        line += token
        if token == " ":
            cut = len(line)
    pieces.append(line)
    return pieces


def msgstr_lines(forms: Sequence[str], plural: bool, style: WrapStyle) -> list[str]:
    """The ``msgstr`` (or ``msgstr[i]``) lines for the given forms."""
    if not plural:
        return format_field("msgstr", forms[0] if forms else "", style)
    lines: list[str] = []
    for index, form in enumerate(forms):
        lines.extend(format_field(f"msgstr[{index}]", form, style))
    return lines


def rewrite_block(
    lines: Sequence[str],
    *,
    flags: Sequence[str] | None,
    forms: Sequence[str] | None,
    plural: bool,
    style: WrapStyle,
    eol: str,
    tcomment: str | None = None,
) -> list[str]:
    """``lines`` with new msgstr lines (unless ``forms`` is None), a new ``#,`` line (unless
    ``flags`` is None) and new translator comments (unless ``tcomment`` is None).

    Everything else — extracted comments, references, ``#|`` previous strings, msgctxt,
    msgid, trailing blank lines — stays exactly as it was.
    """
    lines = list(lines)
    if forms is not None:
        kinds = [_kind(line)[0] for line in lines]
        first_str = kinds.index("str")
        last = max(i for i, kind in enumerate(kinds) if kind != "blank")
        lines[first_str : last + 1] = [line + eol for line in msgstr_lines(forms, plural, style)]
    if flags is not None:
        rows = [i for i, line in enumerate(lines) if line.lstrip().startswith("#,")]
        at = rows[0] if rows else _first_of(lines, ("ctxt", "id"), "#|")
        new = ["#, " + ", ".join(flags) + eol] if flags else []
        lines = _replace_rows(lines, rows, at, new)
    if tcomment is not None:
        rows = [i for i, line in enumerate(lines) if _is_translator_comment(line)]
        new = [("# " + text if text else "#") + eol for text in tcomment.split("\n")]
        lines = _replace_rows(lines, rows, rows[0] if rows else 0, new if tcomment else [])
    return lines


def _first_of(lines: Sequence[str], kinds: tuple[str, ...], prefix: str) -> int:
    return next(
        i
        for i, line in enumerate(lines)
        if _kind(line)[0] in kinds or line.lstrip().startswith(prefix)
    )


def _replace_rows(lines: list[str], rows: list[int], at: int, new: list[str]) -> list[str]:
    """``lines`` without ``rows``, with ``new`` where ``at`` was."""
    kept = [line for i, line in enumerate(lines) if i not in rows and i < at]
    kept += new
    kept += [line for i, line in enumerate(lines) if i not in rows and i >= at]
    return kept


def _is_translator_comment(line: str) -> bool:
    """``# text`` or a bare ``#``: what polib reads as ``tcomment``."""
    text = line.strip()
    return text == "#" or text.startswith("# ")


def touch_revision_date(lines: Sequence[str], when: datetime | None = None) -> list[str]:
    """Header lines with ``PO-Revision-Date`` set to now (when it sits on a line of its own)."""
    stamp = (when or datetime.now().astimezone()).strftime("%Y-%m-%d %H:%M%z")
    out = []
    for line in lines:
        match = _REVISION.match(line)
        out.append(f'"PO-Revision-Date: {stamp}\\n"{match.group(1)}' if match else line)
    return out


# -- detecting the wrapping style -------------------------------------------------------

CANDIDATES = (
    WrapStyle("gettext", 79),
    WrapStyle("gettext", 0),
    WrapStyle("gettext", 76),
    WrapStyle("gettext", 78),
    WrapStyle("gettext", 80),
    WrapStyle("polib", 78),
    WrapStyle("polib", 79),
)


def detect_style(samples: Iterable[tuple[Sequence[str], Sequence[str], bool]]) -> WrapStyle:
    """The candidate style that reproduces most of the sampled msgstr lines exactly.

    ``samples`` are (original msgstr lines without line ends, forms, plural). Only samples
    whose layout tells styles apart (long or multi-line strings) decide; ties and an empty
    sample give gettext's default width, 79.
    """
    scores = {style: 0 for style in CANDIDATES}
    for lines, forms, plural in samples:
        for style in CANDIDATES:
            if msgstr_lines(forms, plural, style) == list(lines):
                scores[style] += 1
    best = max(scores.values())
    if best == 0 or scores[GETTEXT] == best:
        return GETTEXT
    return next(style for style in CANDIDATES if scores[style] == best)


def msgstr_section(lines: Sequence[str]) -> list[str]:
    """The msgstr lines of a block, stripped of line ends."""
    kinds = [_kind(line)[0] for line in lines]
    first = kinds.index("str")
    last = max(i for i, kind in enumerate(kinds) if kind != "blank")
    return [line.rstrip("\r\n") for line in lines[first : last + 1]]


def sample_style(entries: Iterable[tuple[Block, Sequence[str], bool]]) -> WrapStyle:
    """The wrapping style of a file, worked out from up to 300 of its entries whose layout
    tells styles apart (long or multi-line msgstrs): (block, msgstr forms, plural)."""
    samples = []
    for block, forms, plural in entries:
        lines = msgstr_section(block.lines)
        if len(lines) > 1 + (len(forms) if plural else 0) or any(len(line) > 70 for line in lines):
            samples.append((lines, forms, plural))
        if len(samples) >= 300:
            break
    return detect_style(samples)


def with_changes(text: str, changed: Iterable[polib.POEntry], path: str = "<catalogue>") -> str:
    """``text`` with the active entries of ``changed`` (matched by msgctxt and msgid)
    rewritten: msgstr, flags and translator comments where they differ from the file;
    every other line kept byte for byte, in the file's own wrapping and line ending.

    >>> text = '#, c-format\\nmsgid "%d file"\\nmsgstr "%d файлів"\\n'
    >>> entry = polib.POEntry(msgid="%d file", msgstr="%d файл", flags=["fuzzy", "c-format"],
    ...                       tcomment="fixed")
    >>> print(with_changes(text, [entry]), end="")
    # fixed
    #, fuzzy, c-format
    msgid "%d file"
    msgstr "%d файл"
    """
    blocks, tail = split_blocks(text)
    index: dict[tuple[str | None, str | None], Block] = {}
    for block in blocks:
        if not block.obsolete:
            index[(block.field("msgctxt"), block.field("msgid"))] = block
    eol = line_ending(text)
    parsed = {(e.msgctxt, e.msgid): e for e in parse_catalogue(text, path) if not e.obsolete}
    style = sample_style(
        (index[key], forms_of(e), bool(e.msgid_plural)) for key, e in parsed.items() if key in index
    )
    for entry in changed:
        key = (entry.msgctxt, entry.msgid)
        if key not in index or key not in parsed:
            raise KeyError(f"no entry {entry.msgid!r} in the file")
        block, before = index[key], parsed[key]
        forms = forms_of(entry)
        block.lines = rewrite_block(
            block.lines,
            flags=None if list(entry.flags) == list(before.flags) else entry.flags,
            forms=None if forms == forms_of(before) else forms,
            plural=bool(entry.msgid_plural),
            style=style,
            eol=eol,
            tcomment=None if entry.tcomment == before.tcomment else entry.tcomment,
        )
    return "".join(line for block in blocks for line in block.lines) + "".join(tail)
