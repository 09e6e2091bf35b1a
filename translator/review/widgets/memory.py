"""The memory matches of the current entry, under its problems in the detail pane: score,
translation, where it was approved, and how its source differs from this entry's."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual.content import Content
from textual.widgets import Static

from translator.memory import Match
from translator.review.memory import origin_label
from translator.review.widgets.source_diff import diff_content

SHOWN = 3
"""Matches listed in the pane; the picker (m) lists every match looked up."""
DIM = "$text-muted"
SCORE = "bold $text-accent"


def match_content(number: int, match: Match, source: str, catalogue: Path) -> Content:
    """Two lines: ``1. 92% translation · origin``, then the match's source diffed to ``source``."""
    diff = (Content.styled("same source", DIM) if match.unit.source == source
            else diff_content(match.unit.source, source))
    return Content.assemble(
        f"{number}. ", (f"{match.score:.0f}%", SCORE), " ", match.unit.target,
        (f"  · {origin_label(match.unit, catalogue)}", DIM),
        "\n   ", diff,
    )


class MemoryMatches(Static):
    """The best translation-memory matches of the entry shown (hidden when there are none)."""

    def show_matches(self, source: str, matches: Sequence[Match], catalogue: Path) -> None:
        """List the first ``SHOWN`` matches for the entry whose source is ``source``."""
        if not matches:
            self.clear()
            return
        parts: list[Content | tuple[str, str] | str] = [("memory  (m: pick)", DIM)]
        for number, match in enumerate(matches[:SHOWN], start=1):
            parts += ["\n", match_content(number, match, source, catalogue)]
        if len(matches) > SHOWN:
            parts.append((f"\n   … {len(matches) - SHOWN} more", DIM))
        self.update(Content.assemble(*parts))
        self.display = True

    def clear(self) -> None:
        self.update("")
        self.display = False
