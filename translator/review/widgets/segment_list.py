"""The segment list: every visible entry as a row of id, status, source and target.

A Line API widget: it draws only the rows on screen, so a catalogue of thousands of
entries costs the same to show as one of ten, and there is no widget per entry. Rows wrap
source and target side by side, up to a few lines each (one in narrow terminals).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from translator.review.model import Entry, Status

GLYPHS = {
    Status.UNTRANSLATED: ("○", "untransl."),
    Status.FUZZY: ("◐", "fuzzy"),
    Status.PROBLEM: ("✗", "problem"),
    Status.APPROVED: ("✓", "approved"),
}
STATUS_WIDTH = 11
SEPARATOR = " │ "


def display_text(text: str) -> str:
    """One-line form of a msgid/msgstr for the list: newlines and tabs made visible."""
    return text.replace("\n", "⏎").replace("\t", "→")


def wrap_cells(text: str, width: int, max_lines: int) -> list[str]:
    """Greedy word wrap to ``width`` cells, at most ``max_lines`` (the last ends in …)."""
    if width <= 0:
        return [""]
    if len(text) <= width and cell_len(text) <= width:
        return [text]
    lines: list[str] = []
    line = ""
    line_cells = 0
    for word in text.split(" "):
        word_cells = cell_len(word)
        needed = word_cells + (1 if line else 0)
        if line and line_cells + needed > width:
            lines.append(line)
            line, line_cells, needed = "", 0, word_cells
            if len(lines) > max_lines:
                break
        while word_cells > width:
            head = set_cell_size(word, width - line_cells) if line_cells < width else ""
            if line:
                line += " "
            lines.append(line + head if head else line)
            word = word[len(head):]
            word_cells = cell_len(word)
            line, line_cells, needed = "", 0, word_cells
            if len(lines) > max_lines:
                break
        if len(lines) > max_lines:
            break
        line = f"{line} {word}" if line else word
        line_cells += needed
    if line and len(lines) <= max_lines:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = set_cell_size(lines[-1], width - 1).rstrip()
        lines[-1] = last + "…"
    return lines or [""]


@dataclass(frozen=True)
class Columns:
    id: int
    source: int
    target: int

    @classmethod
    def fit(cls, width: int, id_width: int) -> Columns:
        """Split ``width`` cells: id, status, then source and target halves."""
        rest = width - id_width - STATUS_WIDTH - 3 * len(SEPARATOR)
        source = max(rest // 2, 4)
        return cls(id_width, source, max(rest - source, 4))


class SegmentList(ScrollView, can_focus=True):
    """Every visible entry as a row: id, status, source and target, wrapped."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "segment-list--cursor",
        "segment-list--id",
        "segment-list--separator",
        "segment-list--untranslated",
        "segment-list--fuzzy",
        "segment-list--problem",
        "segment-list--approved",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Previous entry", id="list.up", show=False),
        Binding("down,j", "cursor_down", "Next entry", id="list.down", show=False),
        Binding("pageup", "page_up", "Page up", id="list.page_up", show=False),
        Binding("pagedown", "page_down", "Page down", id="list.page_down", show=False),
        Binding("home,g", "first", "First entry", id="list.first", show=False),
        Binding("end,G", "last", "Last entry", id="list.last", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    @dataclass
    class Highlighted(Message):
        """The cursor moved to another entry (``entry`` is None when no row is visible)."""

        segment_list: SegmentList
        entry: Entry | None

        @property
        def control(self) -> SegmentList:
            return self.segment_list

    @dataclass
    class Selected(Message):
        """An entry was clicked while it already had the cursor (open it in the editor)."""

        segment_list: SegmentList
        entry: Entry

        @property
        def control(self) -> SegmentList:
            return self.segment_list

    def __init__(self, entries: Sequence[Entry], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries = entries
        self._positions: dict[Entry, int] = {entry: i for i, entry in enumerate(entries)}
        self.rows: list[int] = list(range(len(entries)))
        self.id_width = max((len(e.label) for e in entries), default=1)
        self._offsets: list[int] = [0]
        self._wrapped: dict[int, tuple[list[str], list[str]]] = {}
        self._layout_width = -1
        self._columns = Columns.fit(80, self.id_width)
        self._max_lines = 2
        self._cache: LRUCache[tuple[int, int, bool], Strip] = LRUCache(1024)
        self._style_key: tuple[bool, str] | None = None
        self._style_cache: dict[str, Style] = {}

    # -- data ----------------------------------------------------------------------------

    @property
    def current(self) -> Entry | None:
        if not self.rows:
            return None
        return self.entries[self.rows[min(self.cursor, len(self.rows) - 1)]]

    @property
    def columns(self) -> Columns:
        return self._columns

    def set_rows(self, rows: list[int], keep: Entry | None = None) -> None:
        """Show only ``rows`` (positions in ``entries``), keeping ``keep`` under the cursor."""
        self.rows = rows
        self._relayout(force=True)
        target = 0
        if keep is not None:
            position = self._positions.get(keep, -1)
            where = bisect_right(rows, position) - 1
            if where >= 0:
                target = where
        self.cursor = min(target, max(len(rows) - 1, 0))

    def set_entries(self, entries: Sequence[Entry], rows: list[int]) -> None:
        self.entries = entries
        self._positions = {entry: i for i, entry in enumerate(entries)}
        self.id_width = max((len(e.label) for e in entries), default=1)
        self.set_rows(rows)

    def refresh_entry(self, entry: Entry) -> None:
        """Redraw after ``entry`` changed; only its row is wrapped again."""
        position = self._positions.get(entry)
        if position is None:
            return
        self._wrapped.pop(position, None)
        row = bisect_right(self.rows, position) - 1
        if row >= 0 and self.rows[row] == position and len(self._offsets) > row + 1:
            height = len(self._wrap(position)[0])
            delta = height - (self._offsets[row + 1] - self._offsets[row])
            if delta:
                for index in range(row + 1, len(self._offsets)):
                    self._offsets[index] += delta
                self.virtual_size = Size(self._layout_width, self._offsets[-1])
        self.refresh_statuses()

    def refresh_statuses(self) -> None:
        """Redraw the visible rows (statuses changed, rows did not)."""
        self._cache.clear()
        self.refresh()

    def select_entry(self, entry: Entry) -> bool:
        """Move the cursor to ``entry`` if it is visible."""
        position = self._positions.get(entry, -1)
        where = bisect_right(self.rows, position) - 1
        if where >= 0 and self.rows[where] == position:
            self.cursor = where
            return True
        return False

    # -- layout --------------------------------------------------------------------------

    def _relayout(self, force: bool = False) -> None:
        width = self.scrollable_content_region.width or self.size.width
        if width <= 0:
            return
        if not force and width == self._layout_width:
            return
        self._layout_width = width
        self._columns = Columns.fit(width, self.id_width)
        self._max_lines = 1 if width < 60 else 2 if width < 120 else 3
        self._wrapped.clear()
        self._cache.clear()
        offsets = [0]
        total = 0
        for position in self.rows:
            total += len(self._wrap(position)[0])
            offsets.append(total)
        self._offsets = offsets
        self.virtual_size = Size(width, total)
        self.refresh()

    def _wrap(self, position: int) -> tuple[list[str], list[str]]:
        """Wrapped source and target of an entry, padded to the row's height."""
        cached = self._wrapped.get(position)
        if cached is not None:
            return cached
        entry = self.entries[position]
        source = entry.msgid if not entry.msgctxt else f"[{entry.msgctxt}] {entry.msgid}"
        target = " ‖ ".join(entry.current.forms) if entry.plural else entry.current.forms[0]
        columns, lines = self._columns, self._max_lines
        left = wrap_cells(display_text(source), columns.source, lines)
        right = wrap_cells(display_text(target), columns.target, lines)
        height = max(len(left), len(right))
        left += [""] * (height - len(left))
        right += [""] * (height - len(right))
        self._wrapped[position] = (left, right)
        return left, right

    def _refresh_row(self, row: int) -> None:
        if 0 <= row < len(self._offsets) - 1:
            region = self.row_region(row).translate(-self.scroll_offset)
            self.refresh(region)

    def row_region(self, row: int) -> Region:
        top = self._offsets[row]
        return Region(0, top, self._layout_width, self._offsets[row + 1] - top)

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()
        self._scroll_to_cursor(animate=False)

    def on_mount(self) -> None:
        self._relayout(force=True)

    # -- drawing -------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        line_y = scroll_y + y
        width = self.scrollable_content_region.width
        if not self.rows or line_y >= self._offsets[-1]:
            return Strip.blank(width, self.rich_style)
        row = bisect_right(self._offsets, line_y) - 1
        line = line_y - self._offsets[row]
        is_cursor = row == self.cursor
        key = (self.rows[row], line, is_cursor and self.has_focus)
        strip = self._cache.get(key)
        if strip is None or strip.cell_length != width:
            strip = self._render_row_line(row, line, is_cursor)
            self._cache[key] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, self.rich_style)

    def _styles(self) -> dict[str, Style]:
        """Resolved styles of the component classes (theme- and focus-dependent, cached)."""
        key = (self.has_focus, self.app.theme)
        if self._style_key != key:
            names = ["cursor", "id", "separator", *(status.value for status in Status)]
            self._style_cache = {
                name: self.get_component_rich_style(f"segment-list--{name}", partial=False)
                for name in names
            }
            self._style_cache["text"] = self.rich_style
            self._style_key = key
        return self._style_cache

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style_key = None
        self._cache.clear()

    def _render_row_line(self, row: int, line: int, is_cursor: bool) -> Strip:
        position = self.rows[row]
        entry = self.entries[position]
        left, right = self._wrap(position)
        columns = self._columns
        styles = self._styles()
        status = entry.status
        if is_cursor:
            text = id_style = sep = status_style = styles["cursor"]
        else:
            text, id_style, sep = styles["text"], styles["id"], styles["separator"]
            status_style = styles[status.value]
        if line == 0:
            glyph, word = GLYPHS[status]
            label = set_cell_size(entry.label, columns.id)
            status_text = set_cell_size(f"{glyph} {word}", STATUS_WIDTH)
        else:
            label = " " * columns.id
            status_text = " " * STATUS_WIDTH
        segments = [
            Segment(label, id_style),
            Segment(SEPARATOR, sep),
            Segment(status_text, status_style),
            Segment(SEPARATOR, sep),
            Segment(set_cell_size(left[line], columns.source), text),
            Segment(SEPARATOR, sep),
            Segment(set_cell_size(right[line], columns.target), text),
        ]
        strip = Strip(segments)
        width = self._layout_width
        return strip.extend_cell_length(width, text).crop(0, width)

    def watch_cursor(self, old: int, new: int) -> None:
        if self.rows and not 0 <= new < len(self.rows):
            self.cursor = max(0, min(new, len(self.rows) - 1))
            return
        self._refresh_row(old)
        self._refresh_row(new)
        self._scroll_to_cursor()
        self.post_message(self.Highlighted(self, self.current))

    def _scroll_to_cursor(self, animate: bool = False) -> None:
        if self.rows and len(self._offsets) > self.cursor + 1:
            self.scroll_to_region(self.row_region(self.cursor), animate=animate, force=True,
                                  x_axis=False)

    def on_focus(self) -> None:
        self._cache.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._cache.clear()
        self.refresh()

    # -- keys and mouse ------------------------------------------------------------------

    def action_cursor_up(self) -> None:
        if self.cursor > 0:
            self.cursor -= 1

    def action_cursor_down(self) -> None:
        if self.cursor < len(self.rows) - 1:
            self.cursor += 1

    def _rows_per_page(self) -> int:
        top = self._offsets[self.cursor] if self.rows else 0
        target = top + max(self.scrollable_content_region.height - 1, 1)
        return max(bisect_right(self._offsets, target) - 1 - self.cursor, 1)

    def action_page_down(self) -> None:
        if self.rows:
            self.cursor = min(self.cursor + self._rows_per_page(), len(self.rows) - 1)

    def action_page_up(self) -> None:
        if self.rows:
            top = self._offsets[self.cursor]
            target = max(top - max(self.scrollable_content_region.height - 1, 1), 0)
            self.cursor = min(bisect_right(self._offsets, target) - 1, max(self.cursor - 1, 0))

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = max(len(self.rows) - 1, 0)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self.rows:
            return
        line_y = self.scroll_offset.y + offset.y
        if line_y >= self._offsets[-1]:
            return
        row = bisect_right(self._offsets, line_y) - 1
        if row == self.cursor and event.chain >= 2:
            entry = self.current
            if entry is not None:
                self.post_message(self.Selected(self, entry))
        self.cursor = row


class ColumnHeader(Widget):
    """The titles over the segment list, in its column widths."""

    DEFAULT_CLASSES = "column-header"

    def __init__(self, source_lang: str, target_lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.source_lang = source_lang
        self.target_lang = target_lang
        self.columns = Columns.fit(80, 2)

    def set_columns(self, columns: Columns) -> None:
        self.columns = columns
        self.refresh()

    def render(self) -> Content:
        c = self.columns
        parts = [
            set_cell_size("id", c.id),
            set_cell_size("status", STATUS_WIDTH),
            set_cell_size(f"source ({self.source_lang})", c.source),
            set_cell_size(f"target ({self.target_lang})", c.target),
        ]
        return Content(SEPARATOR.join(parts))
