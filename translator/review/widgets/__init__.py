"""Widgets of the review screen: the segment list, the detail pane, the header line, the
memory matches and source diffs."""

from translator.review.widgets.detail import (
    DetailPane,
    FormSlot,
    TargetEditor,
    TargetView,
    highlight_problems,
    highlight_terms,
)
from translator.review.widgets.header import ReviewHeader
from translator.review.widgets.memory import MemoryMatches
from translator.review.widgets.segment_list import ColumnHeader, Columns, SegmentList, wrap_cells
from translator.review.widgets.source_diff import diff_content

__all__ = [
    "ColumnHeader",
    "Columns",
    "DetailPane",
    "FormSlot",
    "MemoryMatches",
    "ReviewHeader",
    "SegmentList",
    "TargetEditor",
    "TargetView",
    "diff_content",
    "highlight_problems",
    "highlight_terms",
    "wrap_cells",
]
