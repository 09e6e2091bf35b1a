"""Keyboard accelerators (``_File`` in GNOME/GTK, ``&File`` in Qt/KDE): found, taken out
before the engine (a marker splits the word into pieces the model does not know) and put
back on the translated word that took the marked word's place.

>>> marker_of({}, ["_File", "Save _As…", "_Quit", "_Open", "_Help", "Close"])
'_'
>>> marker_of({"X-Accelerator-Marker": "&"}, [])
'&'
>>> split("Save _As…", "_")
('Save As…', 5)
>>> put("Зберегти як…", 9, "_")
'Зберегти _як…'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from translator.protect.patterns import Piece, find

__all__ = ["HEADER", "marker_of", "put", "split"]

HEADER = "X-Accelerator-Marker"
MARKERS = ("_", "&")
# A catalogue uses a marker when at least this share of its msgids (and _MIN_COUNT of them)
# has exactly one, at the start of a word: 10–15 % of GNOME menus and dialogs, 2 % of a
# cleaner's mostly-prose messages, ~0 in a command-line tool full of snake_case names.
_MIN_SHARE = 0.01
_MIN_COUNT = 5


def marker_of(metadata: Mapping[str, str], msgids: Iterable[str]) -> str:
    """The catalogue's accelerator marker: the ``X-Accelerator-Marker`` header, else the
    one a good share of msgids put before a letter at the start of a word; "" for none."""
    declared = metadata.get(HEADER, "").strip()
    if declared:
        return declared[0]
    texts = list(msgids)
    best, count = "", 0
    for marker in MARKERS:
        start = re.compile(rf"(?<![^\W_]){re.escape(marker)}(?=[^\W_])")
        found = sum(1 for text in texts if text.count(marker) == 1 and start.search(text))
        if found > count:
            best, count = marker, found
    return best if count >= _MIN_COUNT and count >= _MIN_SHARE * len(texts) else ""


def split(text: str, marker: str, pieces: Sequence[Piece] | None = None) -> tuple[str, int]:
    """``text`` without its accelerator and where the marked character now is (-1: none).

    A marker counts when it is the only one outside protected pieces, stands before a
    letter or digit, and is not inside an identifier (``MAP_USERS``, ``a_b_c``); a doubled
    marker (``__``, ``&&``) is a literal one and stays.
    """
    if not marker:
        return text, -1
    pieces = find(text) if pieces is None else pieces
    spots = [m.start() for m in re.finditer(re.escape(marker) + r"(?=[^\W_])", text)
             if not any(p.start <= m.start() < p.end for p in pieces)
             and not text[max(0, m.start() - 1):m.start()] == marker]
    if len(spots) != 1 or text.count(marker * 2):
        return text, -1
    at = spots[0]
    word = re.search(r"[\w" + re.escape(marker) + r"]*$", text[:at])
    before = word.group() if word else ""
    after = re.match(r"\w*", text[at + 1:])
    rest = after.group() if after else ""
    if marker in before or (before[-1:].isupper() and rest[:1].isupper()):
        return text, -1
    return text[:at] + text[at + 1:], at


def put(target: str, at: int, marker: str) -> str:
    """``target`` with ``marker`` before the first letter of the word at or after ``at``
    (the word aligned to the marked one), else before the first letter of the text."""
    if not marker or marker in target.replace(marker * 2, ""):
        return target
    letter = re.compile(r"[^\W_]")
    word_start = at
    while 0 < word_start <= len(target) and target[word_start - 1].isalnum():
        word_start -= 1
    found = letter.search(target, max(word_start, 0)) if at >= 0 else None
    found = found or letter.search(target)
    if found is None:  # nothing to put it on: no letter or digit at all
        return target
    return target[:found.start()] + marker + target[found.start():]
