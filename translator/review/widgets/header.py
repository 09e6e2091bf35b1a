"""The review's header line: document, languages, progress, counts, unsaved, filter."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from translator.review.session import ReviewSession


class ReviewHeader(Static):
    """Document, language, progress, unsaved changes, filter."""

    def show(self, session: ReviewSession, shown: int,
             check_progress: tuple[int, int] | None) -> None:
        """Redraw for ``session`` with ``shown`` rows listed; compact when it does not fit."""
        room = self.size.width - 2 if self.size.width else 78
        content = header_content(session, shown, check_progress, compact=False)
        if content.cell_length > room:
            content = header_content(session, shown, check_progress, compact=True)
        self.update(content)


def header_content(session: ReviewSession, shown: int, check_progress: tuple[int, int] | None,
                   *, compact: bool) -> Content:
    """Document, languages, progress, counts (words, or glyphs when narrow), filter."""
    catalogue = session.catalogue
    counts = session.counts()
    total = counts["all"]
    approved = counts["approved-total"]
    percent = f" ({100 * approved // total}%)" if total else ""
    parts: list[Content | tuple[str, str] | str] = [
        (catalogue.path.name, "bold"),
        f"  {catalogue.source_lang}→{catalogue.lang or '?'}",
        "  ✓ " if compact else "  approved ",
        (f"{approved}/{total}{percent}", "bold"),
    ]
    # the same glyphs and colours as the status column
    for status, glyph, style in (
        ("untranslated", "○", "$text-error"),
        ("fuzzy", "◐", "$text-warning"),
        ("problem", "✗", "bold $text-error"),
    ):
        if counts[status]:
            label = (f" {glyph}{counts[status]}" if compact
                     else f"  {glyph} {counts[status]} {status}")
            parts.append((label, style))
    if check_progress is not None:
        done, of = check_progress
        parts.append((f"  checking {100 * done // max(of, 1)}%", "$text-muted"))
    unsaved = session.unsaved
    if unsaved:
        parts.append((f"  ●{unsaved}" if compact else f"  ● {unsaved} unsaved",
                      "bold $text-warning"))
    if session.filter != "all" or session.search or session.check_filter:
        what = [session.filter] if session.filter != "all" else []
        if session.check_filter:
            what.append(session.check_filter)
        if session.search:
            what.append(f"“{session.search}”")
        parts.append((f"  [{' '.join(what)}: {shown}]", "$text-accent"))
    return Content.assemble(*parts)
