"""What in a text is not prose: the pieces a translation must carry over byte for byte.

One alternation, longest syntax first, scanned left to right: at any position the first
alternative that matches wins, so ``${var}`` is one shell variable (never ``$`` and a brace
field), ``%(name)s`` one conversion (never ``%(``), ``{{ var }}`` one template field and a
URL is never cut at the ``/`` that would start a path.

printf conversions are trusted only where the entry declares a format (``c-format``,
``python-format`` …) or the conversion cannot be prose: ``%(name)s`` and ``%1$d`` always,
``%s`` and ``%d`` when no letter follows; ``50% of`` (``% o``) and ``100% in`` are prose.

>>> [p.text for p in find("Visit ${site} or {0}: %(n)d%% at <b>https://x.org/a</b>.")]
['${site}', '{0}', '%(n)d', '<b>', 'https://x.org/a', '</b>']
>>> [p.text for p in find("About 50% of users, 100% in %s", ())]
['%s']
>>> [p.text for p in find("About 50% of users", ("c-format",))]
['% o']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["KINDS", "PRINTF_FLAGS", "Piece", "find", "touches"]

# Entry flags that declare printf-style conversions (gettext's list).
PRINTF_FLAGS = frozenset({
    "c-format", "python-format", "objc-format", "sh-format", "awk-format", "perl-format",
    "php-format", "gcc-internal-format", "gfc-internal-format", "qt-format", "kde-format",
    "boost-format", "lua-format", "tcl-format", "object-pascal-format", "smalltalk-format",
    "librep-format", "scheme-format", "lisp-format", "elisp-format", "java-printf-format",
})

# After the ``%`` (and a ``%(name)`` key or ``%1$`` position): flags, width, precision,
# length, conversion.
_CONVERSION = (r"[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t|I64|I32)?"
               r"[diouxXeEfFgGcrsaApn%]")
_PATTERNS: tuple[tuple[str, str], ...] = (
    ("url", r"\b(?:https?|ftp|file|sftp|ssh)://[^\s<>\"'`]*[^\s<>\"'`.,;:!?)\]}»]"
            r"|\bwww\.[\w-]+(?:\.[\w-]+)+(?:/[^\s<>\"'`]*[^\s<>\"'`.,;:!?)\]}»])?"),
    ("email", r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b"),
    ("template", r"\{\{.*?\}\}|\{%.*?%\}"),
    ("variable", r"\$\{[^{}\s]+\}|\$[A-Za-z_]\w*(?!\()"),
    ("printf", r"%\([A-Za-z_]\w*\)" + _CONVERSION + r"|%\d+\$" + _CONVERSION
               + r"|%[-+ #0']*\d*(?:\.\d+)?<PRI\w+>"),  # C99 <inttypes.h> macros
    ("brace", r"\{[A-Za-z_0-9]*(?:[.\[][\w.\[\]]*)?(?:![rsa])?(?::[^{}\s]*)?\}"),
    ("tag", r"</?[A-Za-z][\w:.-]*(?:\s+[\w:.-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*"
            r"\s*/?>|</?\d+>|<\d+/>"),
    ("entity", r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"),
    ("footnote", r"\[\^[^\]\s]+\]:?"),
    ("time", r"(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])"),
    ("date", r"(?<![\d.-])\d{4}-\d{2}-\d{2}(?![\d-])|(?<![\d./])\d{1,2}[./]\d{1,2}[./]\d{2,4}"
             r"(?![\d./])"),
    # A path may hold placeholders: /proc/%d/status, %s/register, ${HOME}/.x
    ("path", r"(?<![\w/.~\\-])(?:~|\.{1,2}|%[sd]|\{\w*\}|\$\{\w+\}|\$\w+)?"
             r"(?:/[\w.+@%{}$-]*[\w+@%{}$-])+/?"),
    ("option", r"(?<![\w/-])--?[A-Za-z][\w-]*(?:=[^\s,;]+)?(?![\w/])"),
    ("control", r"[\t\r\v\f\x1b]"),
    # A backslash escape written out for a program to read: "\n", "\t", "\x1b", "\\"
    ("escape", r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[0-7]{1,3}|[\\nrtabfve'\"])"),
)
KINDS = tuple(kind for kind, _ in _PATTERNS) + ("printf",)
_ALWAYS = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _PATTERNS))
# With a declared format every conversion counts; without one only those no prose makes.
_DECLARED = re.compile(r"(?P<printf>%(?:\d+\$)?(?:\([A-Za-z_]\w*\))?" + _CONVERSION + ")")
_PLAIN = re.compile(r"(?P<printf>(?<![\w%])%[-+#0]?\d*(?:\.\d+)?(?:l|ll|z)?[sdiufxXgec]"
                    r"(?![A-Za-z]))")


@dataclass(frozen=True)
class Piece:
    """A protected piece: its kind, where it is, and its exact text."""

    kind: str
    start: int
    end: int
    text: str


def find(text: str, flags: Iterable[str] = ()) -> list[Piece]:
    """Every protected piece of ``text`` in order, none overlapping another.

    ``flags`` are the entry's gettext flags: a ``*-format`` one makes every printf
    conversion (``%s``, ``% d``, ``%%``) a piece.
    """
    printf = _DECLARED if PRINTF_FLAGS.intersection(flags) else _PLAIN
    pieces: list[Piece] = []
    pos = 0
    while pos < len(text):
        best = None
        for regex in (_ALWAYS, printf):
            match = regex.search(text, pos)
            if match is not None and (best is None or match.start() < best.start()):
                best = match
        if best is None:
            break
        if best.end() == best.start():
            pos = best.start() + 1
            continue
        kind = best.lastgroup or "printf"
        pieces.append(Piece(kind, best.start(), best.end(), best.group()))
        pos = best.end()
    return pieces


def touches(text: str, start: int, end: int) -> tuple[bool, bool]:
    """Whether ``text[start:end]`` is glued to a letter or digit on its left and right."""
    return (start > 0 and text[start - 1].isalnum(),
            end < len(text) and text[end].isalnum())
