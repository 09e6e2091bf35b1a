"""Length: a translation far shorter than its source has probably lost content."""

from __future__ import annotations

import re
from collections.abc import Iterator

from translator.qa.base import Pair, Problem, check

MIN_SOURCE = 24  # shorter sources vary too much to judge ("Open" → «Відкрити»)
_MARKUP = re.compile(r"<[^>]+>|&\w+;|%\S|\{[^}]*\}|\s+")


def _letters(text: str) -> int:
    """Length without tags, placeholders and runs of space: what a reader reads."""
    return len(_MARKUP.sub(" ", text).strip())


@check("length", "warning")
def length(pair: Pair) -> Iterator[Problem]:
    """Translation far shorter than the source (probably something dropped)."""
    source, target = _letters(pair.source), _letters(pair.target)
    if source < MIN_SOURCE or not target:
        return
    ratio = target / source / pair.settings.length_ratio
    if ratio < 0.6:
        yield Problem(f"{target} characters for {source} in the source "
                      f"({ratio:.0%} of the catalogue's usual ratio)", 0, len(pair.target))
