"""Keyboard accelerators: ``_File`` (GTK) or ``&File`` (Qt/KDE) must keep exactly one marker.

The marker comes from the header ``X-Accelerator-Marker`` or, failing that, from the msgids
themselves: the character that most often stands before a letter at the start of a word.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from translator.qa.base import Pair, Problem, check, whole
from translator.qa.elements import placeholder_spans, tag_spans, url_spans

MARKERS = ("_", "&", "~")
HEADER = "X-Accelerator-Marker"


def _pattern(marker: str, *, word_start: bool) -> re.Pattern[str]:
    """A marker before a letter or digit, not doubled (``__init__``, ``&&``), not an entity.

    Checking takes a marker anywhere in a word (``Sh_red``); inferring the marker takes
    only the ones at a word's start (``Save _As``), which identifiers (``file_name``) lack.
    """
    m = re.escape(marker)
    before = rf"(?<![\w{m}])" if word_start else rf"(?<!{m})"
    entity = "" if marker != "&" else r"(?![A-Za-z][A-Za-z0-9]*;|#\d+;)"
    return re.compile(rf"{before}{m}(?=[^\W_]){entity}")


_PATTERNS = {marker: _pattern(marker, word_start=False) for marker in MARKERS}
_STARTS = {marker: _pattern(marker, word_start=True) for marker in MARKERS}


def accelerator_spans(text: str, marker: str, *, word_start: bool = False) -> list[int]:
    """Offsets of accelerator markers in ``text`` (placeholders, tags and URLs aside).

    >>> accelerator_spans("Sh_red (__init__)", "_"), accelerator_spans("&Open &amp; &#38;", "&")
    ([2], [0])
    """
    pattern = (_STARTS if word_start else _PATTERNS)[marker]
    found = [m.start() for m in pattern.finditer(text)]
    if not found:
        return found
    skip = placeholder_spans(text) + tag_spans(text) + url_spans(text)
    return [at for at in found if not any(start <= at < end for start, end, _ in skip)]


def infer_marker(header: str | None, msgids: Iterable[str]) -> str | None:
    """The catalogue's accelerator marker: the header's, else the msgids' most used one.

    A marker must mark at least 3 msgids and 1% of them to count (``file_name`` does not).

    >>> infer_marker(None, ["_File", "_Edit", "Save _As", "a & b", "file_name"])
    '_'
    >>> infer_marker("&", []) , infer_marker(None, ["Plain text"]) is None
    ('&', True)
    """
    if header and header.strip():
        return header.strip()[0]
    counts: Counter[str] = Counter()
    total = 0
    for msgid in msgids:
        total += 1
        for marker in MARKERS:
            if marker in msgid and len(accelerator_spans(msgid, marker, word_start=True)) == 1:
                counts[marker] += 1
    if not counts:
        return None
    marker, used = counts.most_common(1)[0]
    return marker if used >= 3 and used >= total / 100 else None


@check("accelerator", "error")
def accelerator(pair: Pair) -> Iterator[Problem]:
    """Accelerator marker (_File, &File) kept once, on a letter, when the source has one."""
    marker = pair.settings.accelerator
    if not marker or (marker not in pair.source and marker not in pair.target):
        return
    source = accelerator_spans(pair.source, marker)
    target = accelerator_spans(pair.target, marker)
    if len(source) == len(target):
        return
    if not target:
        bad = pair.target.find(marker)
        if bad >= 0 and len(source) == 1:
            yield Problem(f"accelerator {marker} is not before a letter", bad, bad + 1)
        else:
            yield Problem(f"missing accelerator {marker}", *whole(pair.target))
    elif not source:
        yield Problem(f"accelerator {marker} added", target[0], target[0] + 2)
    else:
        yield Problem(f"{len(target)} accelerators {marker} where the source has "
                      f"{len(source)}", target[-1], target[-1] + 2)
