"""Word-level diff of two source texts: what changed between a previous msgid (``#| msgid``)
or a memory match's source and the source under review.

rapidfuzz's Levenshtein opcodes over word tokens, not ``difflib``: rapidfuzz is already
what the memory scores with, its edit script is minimal (difflib's matcher is a heuristic
whose "autojunk" ignores frequent tokens such as "the" in texts over 200 tokens and can
then mis-align a long paragraph), and it groups a changed word as one ``replace`` rather
than an insert before a delete, so the old word is shown before the new one.

    >>> word_diff("in Kyiv on Tuesday.", "in Kyiv on Wednesday.")
    [('equal', 'in Kyiv on '), ('delete', 'Tuesday'), ('insert', 'Wednesday'), ('equal', '.')]
    >>> word_diff("Rutte arrived in Kyiv.", "Rutte came to Kyiv.")
    [('equal', 'Rutte '), ('delete', 'arrived in'), ('insert', 'came to'), ('equal', ' Kyiv.')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from rapidfuzz.distance import Levenshtein

Tag = Literal["equal", "delete", "insert"]
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def tokens(text: str) -> list[str]:
    """Words, runs of whitespace and single other characters; joined they give ``text``."""
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[tuple[Tag, str]]:
    """``old`` → ``new`` as pieces to show in order: kept text, removed words, added words.

    A space between two changed words belongs to the change, so "arrived in" → "came to"
    reads as one replacement rather than two.
    """
    a, b = tokens(old), tokens(new)
    runs = [_Run(op.tag != "equal", "".join(a[op.src_start:op.src_end]),
                 "".join(b[op.dest_start:op.dest_end])) for op in Levenshtein.opcodes(a, b)]
    for before, run, after in zip(runs, runs[1:], runs[2:], strict=False):
        if not run.changed and run.old.isspace() and before.changed and after.changed:
            run.changed = True
    merged: list[_Run] = []
    for run in runs:
        if merged and run.changed and merged[-1].changed:
            merged[-1].old += run.old
            merged[-1].new += run.new
        else:
            merged.append(run)
    pieces: list[tuple[Tag, str]] = []
    for run in merged:
        if not run.changed:
            pieces.append(("equal", run.old))
            continue
        if run.old:
            pieces.append(("delete", run.old))
        if run.new:
            pieces.append(("insert", run.new))
    return pieces


@dataclass
class _Run:
    """A stretch of the edit script: unchanged text, or ``old`` replaced by ``new``."""

    changed: bool
    old: str
    new: str
