"""A source diff as styled text: what changed from an old source (``#| msgid``, a memory
match's source) to the source under review, word by word."""

from __future__ import annotations

from textual.content import Content

from translator.review.diff import word_diff
from translator.review.widgets.segment_list import display_text

REMOVED = "strike $text-error"
ADDED = "bold underline $text-success"
ARROW = "$text-muted"


def diff_content(old: str, new: str) -> Content:
    """``old`` → ``new`` inline: removed words struck through, then ``→`` and the words
    that replaced them underlined (the styles differ without colour too, for monochrome
    terminals and colour-blind readers)."""
    styles = {"equal": "", "delete": REMOVED, "insert": ADDED}
    parts: list[tuple[str, str]] = []
    previous = ""
    for tag, text in word_diff(old, new):
        if tag == "insert" and previous == "delete":
            parts.append(("→", ARROW))
        parts.append((display_text(text), styles[tag]))
        previous = tag
    return Content.assemble(*parts)
