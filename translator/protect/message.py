"""A message or text segment around the engine: what it translates, and what goes back.

The engine gets each line of a message on its own (so ``\\n`` survive, their count and a
final one included), without the line's outer whitespace, its trailing colon or the
accelerator marker; protected pieces stay in the text for context and are repaired after
(``place.repair``). ``finish`` rebuilds the message around the engine's lines.

>>> p = protect("_Name of %s:\\n", ("c-format",), "_")
>>> p.plains
('Name of %s',)
>>> p.finish([("Назва %s.", None)])
'_Назва %s:\\n'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from translator.protect import accelerator
from translator.protect.patterns import Piece, find
from translator.protect.place import Alignment, repair

__all__ = ["Line", "Protected", "protect"]

_OUTER = re.compile(r"^(\s*)(.*?)(\s*)$", re.S)
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Line:
    """One line of the message: ``lead + core + tail``; the engine translates ``core``."""

    lead: str
    core: str
    tail: str
    pieces: tuple[Piece, ...]
    marked: int = -1  # where the accelerator's letter is in ``core``, -1 if not here

    @property
    def prose(self) -> bool:
        """Whether there is anything to translate: a letter outside every piece."""
        rest = list(self.core)
        for piece in self.pieces:
            rest[piece.start:piece.end] = [" "] * (piece.end - piece.start)
        return bool(_LETTER.search("".join(rest)))


@dataclass(frozen=True)
class Protected:
    """A message cut into lines for the engine, with what ``finish`` needs to rebuild it."""

    lines: tuple[Line, ...]
    marker: str = ""
    flags: tuple[str, ...] = ()

    @property
    def plains(self) -> tuple[str, ...]:
        """The texts the engine must translate, in order."""
        return tuple(line.core for line in self.lines if line.prose)

    def finish(self, outputs: Sequence[tuple[str, Alignment | None]]) -> str:
        """The message from the engine's ``(text, map_span)`` for each of ``plains``."""
        done = iter(outputs)
        out = []
        for line in self.lines:
            if not line.prose:
                text = accelerator.put(line.core, line.marked, self.marker) \
                    if line.marked >= 0 else line.core
                out.append(line.lead + text + line.tail)
                continue
            target, map_span = next(done)
            out.append(line.lead + self._line(line, target, map_span) + line.tail)
        return "\n".join(out)

    def _line(self, line: Line, target: str, map_span: Alignment | None) -> str:
        fixed = repair(line.core, line.pieces, target, map_span, self.flags)
        text = fixed.text
        if line.marked >= 0:
            word = _word_at(line.core, line.marked)
            found = map_span(*word) if map_span is not None else None
            at = fixed.moved(found[0]) if found is not None else -1
            text = accelerator.put(text, at, self.marker)
        text = text.strip(" ")  # only what the engine added: a placed tab stays
        if line.tail.lstrip().startswith(":"):  # the source's colon ends the line
            text = text.rstrip(".:;").rstrip()
        return text


def _word_at(text: str, at: int) -> tuple[int, int]:
    start = end = at
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, max(end, start + 1)


def protect(text: str, flags: Iterable[str] = (), marker: str = "", *,
            lines: bool = True) -> Protected:
    """Cut ``text`` into lines for the engine; ``flags`` are the entry's gettext flags,
    ``marker`` the catalogue's accelerator character ("" for none). With ``lines`` false
    (a sentence of a text document wrapped over lines) the text stays one piece of prose.
    """
    flags = tuple(flags)
    plain, marked = accelerator.split(text, marker, find(text, flags))
    cut: list[Line] = []
    offset = 0
    for raw in plain.split("\n") if lines else [plain]:
        match = _OUTER.match(raw)
        assert match is not None  # every string matches
        lead, body, trail = match.groups()
        pieces = find(body, flags)
        if body.endswith(":") and not any(p.end == len(body) for p in pieces):
            body, trail = body[:-1].rstrip(), body[len(body[:-1].rstrip()):] + trail
        at = marked - offset - len(lead)
        inside = marked >= 0 and 0 <= at < len(body)
        cut.append(Line(lead, body, trail, tuple(find(body, flags)), at if inside else -1))
        offset += len(raw) + 1
    return Protected(tuple(cut), marker if marked >= 0 else "", flags)
