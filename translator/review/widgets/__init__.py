"""Widgets of the review screen: the segment list, the detail pane, the header line."""

from translator.review.widgets.detail import (
    DetailPane,
    FormSlot,
    TargetEditor,
    TargetView,
    highlight_problems,
    highlight_terms,
)
from translator.review.widgets.header import ReviewHeader
from translator.review.widgets.segment_list import ColumnHeader, Columns, SegmentList, wrap_cells

__all__ = [
    "ColumnHeader",
    "Columns",
    "DetailPane",
    "FormSlot",
    "ReviewHeader",
    "SegmentList",
    "TargetEditor",
    "TargetView",
    "highlight_problems",
    "highlight_terms",
    "wrap_cells",
]
