"""The review screen: segment list, detail pane, header, footer, and what the keys do.

One Screen with an action per key; its slow work lives in ``controller.py``, its saving
flows in ``saving.py`` and its suggestions (machine translation, memory) in ``suggestions.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Footer, Input, TextArea
from textual.worker import get_current_worker

from translator.review.checker import Checker, problem_title
from translator.review.controller import CheckBatch, ReviewController
from translator.review.dialogs import FilterScreen, HelpScreen, key_table
from translator.review.model import Entry
from translator.review.session import FILTERS, ReviewSession
from translator.review.suggestions import SuggestingScreen
from translator.review.widgets import (
    ColumnHeader,
    DetailPane,
    ReviewHeader,
    SegmentList,
    TargetEditor,
    TargetView,
)

EDIT_DEBOUNCE = 0.4
"""Seconds of quiet typing after which an edit is committed (undo record + journal)."""


class ReviewScreen(SuggestingScreen):
    """Segment list, detail pane with editor, header with progress, footer with keys."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (140, "-wide")]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,e", "edit", "Edit", id="review.edit", tooltip="Edit the translation"),
        Binding("escape", "leave", "Done", id="review.leave",
                tooltip="Leave editor, keep edit"),
        Binding("a", "approve", "Approve", id="review.approve", tooltip="Approve (clear fuzzy)"),
        Binding("u", "unapprove", "Unapprove", id="review.unapprove", show=False,
                tooltip="Back to fuzzy"),
        Binding("n", "next_work", "Next", id="review.next",
                tooltip="Next that needs work"),
        Binding("p", "previous_work", "Previous", id="review.previous", show=False,
                tooltip="Previous that needs work"),
        Binding("slash", "search", "Search", id="review.search", key_display="/",
                tooltip="Search source and target"),
        Binding("f", "filter", "Filter", id="review.filter", show=False,
                tooltip="Filter by status"),
        Binding("c", "filter_check", "Checks", id="review.filter_check", show=False,
                tooltip="Filter by check id"),
        Binding("t", "alternatives", "Alternatives", id="review.alternatives",
                tooltip="Machine alternatives"),
        Binding("m", "memory", "Memory", id="review.memory", show=False,
                tooltip="Memory matches"),
        Binding("r", "retranslate", "Re-translate", id="review.retranslate", show=False,
                tooltip="Re-translate (glossary)"),
        Binding("ctrl+z", "undo", "Undo", id="review.undo", show=False, tooltip="Undo a change"),
        Binding("ctrl+y", "redo", "Redo", id="review.redo", show=False, tooltip="Redo"),
        Binding("ctrl+s", "save", "Save", id="review.save", tooltip="Save"),
        Binding("question_mark", "help", "Help", id="review.help", key_display="?",
                tooltip="These keys"),
        Binding("q", "quit", "Quit", id="review.quit", tooltip="Quit (asks if unsaved)"),
    ]

    editing: reactive[bool] = reactive(False, init=False)
    searching: reactive[bool] = reactive(False, init=False)

    def __init__(self, session: ReviewSession) -> None:
        super().__init__(id="review")
        self.session = session
        self.controller = ReviewController(session)
        self._edit_entry: Entry | None = None
        self._edit_group: object | None = None
        self._commit_timer: Timer | None = None
        self._check_progress: tuple[int, int] | None = None
        self._reported_journal_error: str | None = None
        self._shown: Entry | None = None

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        catalogue = self.session.catalogue
        slots = max(
            [catalogue.plural_forms.count, *(len(e.current.forms) for e in catalogue.entries)]
        )
        yield ReviewHeader(id="header")
        with Horizontal(id="main"):
            with Vertical(id="list-pane"):
                yield ColumnHeader(catalogue.source_lang, catalogue.lang or "?", id="columns")
                yield SegmentList(catalogue.entries, id="segments")
            yield DetailPane(slots, id="detail")
        yield Input(placeholder="search source and target (enter: keep, escape: clear)",
                    id="search")
        yield Footer()

    def on_mount(self) -> None:
        self.segments.focus()
        self._show_current()
        self._update_header()
        self._check_all(self.session.checker.fork())

    def on_resize(self) -> None:
        self.call_after_refresh(self._sync_columns)
        self.call_after_refresh(self._update_header)

    def _sync_columns(self) -> None:
        self.query_one("#columns", ColumnHeader).set_columns(self.segments.columns)

    # -- showing -------------------------------------------------------------------------

    def _update_header(self) -> None:
        header = self.query_one("#header", ReviewHeader)
        header.show(self.session, len(self.segments.rows), self._check_progress)
        session = self.session
        if session.journal_error and session.journal_error != self._reported_journal_error:
            self._reported_journal_error = session.journal_error
            self.notify(session.journal_error, title="No recovery journal", severity="error")

    def _show_current(self) -> None:
        entry = self._shown = self.current
        checker = self.session.checker
        matches: list[list[object]] = []
        if entry is not None:
            matches = [checker.terms(entry.msgid)]
            if entry.plural:
                matches.append(checker.terms(entry.msgid_plural))
        self.detail.show(entry, matches=matches, labels=self.session.catalogue.plural_forms.labels)
        self.detail.scroll_home(animate=False)
        self._show_memory(entry)

    def _refresh_entry(self, entry: Entry) -> None:
        self.segments.refresh_entry(entry)
        if entry is self.current:
            if self.editing:
                self.detail.show_problems(entry)
            else:
                self.detail.show_target(entry)
        self._update_header()

    def _reload_entries(self) -> None:
        self.segments.set_entries(self.session.entries, self.session.visible())

    def _refresh_all(self, keep: Entry | None = None) -> None:
        self.segments.set_rows(self.session.visible(), keep=keep or self.current)
        self._sync_columns()
        self._show_current()
        self._update_header()

    @on(SegmentList.Highlighted, "#segments")
    def _highlighted(self, event: SegmentList.Highlighted) -> None:
        # compare with the cursor now, not the message: keys typed ahead (n n e) can leave
        # older Highlighted messages queued behind the start of an edit
        if self.editing and self._edit_entry is not self.current:
            self._leave_editor()
        if not self.editing:
            self._show_current()

    @on(SegmentList.Selected, "#segments")
    def _selected(self, event: SegmentList.Selected) -> None:
        self.action_edit()

    @on(TargetView.Clicked)
    def _target_clicked(self, event: TargetView.Clicked) -> None:
        self.action_edit(event.form)

    # -- editing -------------------------------------------------------------------------

    def watch_editing(self, editing: bool) -> None:
        self.set_class(editing, "-editing")
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Footer: "Done" only while editing or searching, "Edit" only when not editing."""
        if action == "leave":
            return self.editing or self.searching
        if action in ("edit", "search"):
            return not self.editing
        return True

    def action_edit(self, form: int | None = None) -> None:
        entry = self.current
        if entry is None:
            self.app.bell()
            return
        if self.editing:
            return
        if self._shown is not entry:
            self._show_current()
        self._edit_entry = entry
        self._edit_group = object()
        editor = self.detail.begin_edit(entry)
        if form is not None:
            editor = self.detail.slot(form).editor
        self.editing = True
        editor.focus()

    @on(TextArea.Changed)
    def _typed(self, event: TextArea.Changed) -> None:
        if not self.editing or not isinstance(event.text_area, TargetEditor):
            return
        if self._commit_timer is not None:
            self._commit_timer.stop()
        self._commit_timer = self.set_timer(EDIT_DEBOUNCE, self._commit_edit)

    def _commit_edit(self) -> None:
        """Take the editors' text into the entry (one undo step per editing session)."""
        if self._commit_timer is not None:
            self._commit_timer.stop()
            self._commit_timer = None
        entry = self._edit_entry
        if not self.editing or entry is None:
            return
        forms = self.detail.editor_forms(entry)
        if self.session.edit(entry, forms, group=self._edit_group):
            self._refresh_entry(entry)

    def _leave_editor(self) -> None:
        self._commit_edit()
        self.editing = False
        self._edit_entry = None
        self._edit_group = None
        self.detail.end_edit()
        self.segments.focus()
        self._show_current()

    def action_leave(self) -> None:
        if self.editing:
            self._leave_editor()
        elif self.searching:
            self._end_search(clear=True)

    # -- approving and moving ------------------------------------------------------------

    def _settle(self) -> Entry | None:
        """Commit a pending edit; the entry under the cursor."""
        if self.editing:
            self._leave_editor()
        return self.current

    def action_approve(self) -> None:
        entry = self._settle()
        if entry is None:
            return
        if not entry.current.complete:
            self.notify("Translate every form before approving.", severity="warning")
            return
        if self.session.approve(entry):
            self._refresh_entry(entry)
            if entry.problems:
                count = len(entry.problems)
                self.notify(
                    f"Approved with {count} glossary problem{'s' if count > 1 else ''}.",
                    severity="warning",
                )

    def action_unapprove(self) -> None:
        entry = self._settle()
        if entry is not None and self.session.unapprove(entry):
            self._refresh_entry(entry)

    def _jump_to_work(self, step: int) -> None:
        self._settle()
        rows = self.segments.rows
        if not rows:
            return
        count = len(rows)
        start = self.segments.cursor
        entries = self.session.entries
        for distance in range(1, count + 1):
            row = (start + step * distance) % count
            if self.session.wanted(entries[rows[row]]):
                wrapped = (row < start) if step > 0 else (row > start)
                if wrapped:
                    self.notify("Wrapped around.", timeout=2)
                self.segments.cursor = row
                return
        if self.session.check_filter:
            self.notify(f"No entry here needs work for {self.session.check_filter}.", timeout=3)
        else:
            self.notify("Nothing left to do here: every entry is approved.", timeout=3)

    def action_next_work(self) -> None:
        self._jump_to_work(+1)

    def action_previous_work(self) -> None:
        self._jump_to_work(-1)

    def action_undo(self) -> None:
        self._history(self.session.undo, "undo")

    def action_redo(self) -> None:
        self._history(self.session.redo, "redo")

    def _history(self, step: Callable[[], Entry | None], name: str) -> None:
        """Undo or redo one change and show the entry it touched."""
        if self.editing:
            self._leave_editor()
        entry = step()
        if entry is None:
            self.notify(f"Nothing to {name}.", timeout=2)
            return
        self.segments.select_entry(entry)
        self._refresh_entry(entry)
        self._show_current()

    # -- search and filter ---------------------------------------------------------------

    def watch_searching(self, searching: bool) -> None:
        self.set_class(searching, "-searching")
        self.refresh_bindings()

    def action_search(self) -> None:
        self._settle()
        search = self.query_one("#search", Input)
        self.searching = True
        search.value = self.session.search
        search.focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        if not self.searching:
            return
        self.session.search = event.value
        self._refresh_all()

    @on(Input.Submitted, "#search")
    def _search_done(self, event: Input.Submitted) -> None:
        self._end_search(clear=False)

    def _end_search(self, *, clear: bool) -> None:
        self.searching = False
        if clear and self.session.search:
            self.session.search = ""
            self._refresh_all()
        self.segments.focus()

    def action_filter(self) -> None:
        self._settle()

        def chosen(choice: str | None) -> None:
            if choice is not None and choice != self.session.filter:
                self.session.filter = choice
                self._refresh_all()

        counts = self.session.counts()
        options = [(name, f"{label}  ({counts.get(name, 0)})") for name, label in FILTERS.items()]
        self.app.push_screen(FilterScreen("Show", options, self.session.filter), chosen)

    def action_filter_check(self) -> None:
        """Pick a check id among the problems found so far (with how many entries have
        it): the list and n/p keep to its entries; "All checks" clears the filter."""
        self._settle()
        counts = self.session.problem_counts()
        current = self.session.check_filter
        if not counts and not current:
            self.notify("No problems found (so far).", timeout=3)
            return
        kinds = sorted(counts, key=lambda kind: (-counts[kind], kind))
        if current and current not in counts:
            kinds.append(current)
        options = [("", "All checks (no filter)")] + [
            (kind, f"{kind}  ({counts[kind]})  {problem_title(kind)}") for kind in kinds]

        def chosen(choice: str | None) -> None:
            if choice is not None and choice != self.session.check_filter:
                self.session.check_filter = choice
                self._refresh_all()

        self.app.push_screen(FilterScreen("Only entries with the problem", options, current),
                             chosen)

    # -- the glossary check of the whole catalogue ---------------------------------------

    @dataclass
    class ChecksDone(Message):
        """Glossary problems for a batch of entries, from the background check."""

        batch: CheckBatch

    @work(thread=True, exclusive=True, group="check")
    def _check_all(self, checker: Checker) -> None:
        worker = get_current_worker()
        for batch in self.controller.check_all(checker, lambda: worker.is_cancelled):
            self.post_message(self.ChecksDone(batch))

    @on(ChecksDone)
    def _checks_done(self, message: ChecksDone) -> None:
        batch = message.batch
        self.controller.take_checks(batch)
        self._check_progress = None if batch.finished else (batch.done, batch.total)
        self.segments.refresh_statuses()
        current = self.current
        if current is not None and not self.editing:
            self.detail.show_target(current)
        if batch.finished and (self.session.filter in ("problem", "needs-work")
                               or self.session.check_filter):
            self._refresh_all()
        self._update_header()

    # -- help --------------------------------------------------------------------------

    def action_help(self) -> None:
        self._settle()
        bindings = [*SegmentList.BINDINGS, *self.BINDINGS]
        self.app.push_screen(HelpScreen(key_table(self.app, bindings)))
