"""The review screen's suggestions: machine translation (alternatives ``t``, re-translation
``r``) and translation-memory matches (shown for each entry, picked with ``m``).

A base class of ``ReviewScreen``, as ``SavingScreen`` is for saving: the engine and the
memory are asked in worker threads, which report back only through messages, so neither
a model loading nor a query on a large memory holds up the keys.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.message import Message
from textual.worker import Worker, WorkerState, get_current_worker

from translator.memory import Match
from translator.review.controller import MachineKind, ReviewController
from translator.review.dialogs import AlternativesScreen, MemoryScreen
from translator.review.memory import MemoryOutcome
from translator.review.model import Entry
from translator.review.saving import SavingScreen
from translator.review.widgets import DetailPane, SegmentList


class SuggestingScreen(SavingScreen):
    """Machine translation and memory matches for a screen over a ``ReviewSession``."""

    controller: ReviewController
    _memory_error: str | None = None

    @property
    def segments(self) -> SegmentList:
        return self.query_one("#segments", SegmentList)

    @property
    def detail(self) -> DetailPane:
        return self.query_one("#detail", DetailPane)

    @property
    def current(self) -> Entry | None:
        return self.segments.current

    def _refresh_entry(self, entry: Entry) -> None:
        """Redraw ``entry``'s row, the detail pane and the header (the screen provides it)."""
        raise NotImplementedError

    def _show_current(self) -> None:
        """Show the entry under the cursor in the detail pane (the screen provides it)."""
        raise NotImplementedError

    # -- machine translation (t, r) -----------------------------------------------------

    @dataclass
    class MachineResult(Message):
        """A worker finished: alternatives (or one re-translation) for ``entry``."""

        entry: Entry
        kind: MachineKind
        texts: list[tuple[str, float]] | None
        error: str | None

    def action_alternatives(self) -> None:
        entry = self._settle()
        if entry is None:
            return
        if entry.plural:
            self.notify(
                "Alternatives are for single-form entries; press r to re-translate every form.",
                severity="warning",
            )
            return
        self.notify("Asking the model for alternatives…", timeout=2)
        self._machine(entry, "alternatives")

    def action_retranslate(self) -> None:
        entry = self._settle()
        if entry is None:
            return
        self.notify("Re-translating with the glossary…", timeout=2)
        self._machine(entry, "retranslate")

    @work(thread=True, exclusive=True, group="machine", exit_on_error=False)
    def _machine(self, entry: Entry, kind: MachineKind) -> None:
        """Runs the engine off the event loop; reports back only through a message."""
        outcome = self.controller.machine(entry, kind)
        if outcome.error is not None or not get_current_worker().is_cancelled:
            self.post_message(self.MachineResult(entry, kind, outcome.texts, outcome.error))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """An unexpected failure in the engine is reported; the review (and its edits) go on."""
        if event.state is WorkerState.ERROR and event.worker.group == "machine":
            error = event.worker.error
            self.notify(f"Machine translation failed: {error!r}", severity="error", timeout=10)

    @on(MachineResult)
    def _machine_done(self, result: MachineResult) -> None:
        if result.error is not None or result.texts is None:
            what = "Alternatives" if result.kind == "alternatives" else "Re-translation"
            self.notify(f"{what} unavailable: {result.error}", severity="warning", timeout=8)
            return
        entry = result.entry
        if result.kind == "retranslate":
            self._apply_suggestion(entry, self.controller.retranslated_forms(entry, result.texts))
            return
        if not result.texts:
            self.notify("The model offered no alternatives.", severity="warning")
            return

        def picked(text: str | None) -> None:
            if text is not None:
                self._apply_suggestion(entry, (text,))

        self.app.push_screen(AlternativesScreen(entry.msgid, result.texts), picked)

    def _apply_suggestion(self, entry: Entry, forms: tuple[str, ...]) -> None:
        """Put a machine translation or a memory match into ``entry``, fuzzy."""
        if self.controller.apply_machine(entry, forms):
            self.segments.select_entry(entry)
            self._refresh_entry(entry)
            self._show_current()


    # -- translation memory (m) -----------------------------------------------------------

    @dataclass
    class MemoryFound(Message):
        """A worker looked ``entry`` up in the memory; ``pick``: the reviewer pressed m."""

        entry: Entry
        outcome: MemoryOutcome
        pick: bool

    def _show_memory(self, entry: Entry | None) -> None:
        """Show the memory matches of the entry just shown, looking them up if needed."""
        memory = self.session.memory
        if memory is None or entry is None or self._memory_error is not None:
            return
        found = memory.cached(entry)
        if found is None:
            self._look_up(entry, pick=False)
        else:
            self.detail.memory.show_matches(entry.msgid, found, self.session.catalogue.path)

    def action_memory(self) -> None:
        entry = self._settle()
        if entry is None:
            return
        memory = self.session.memory
        if memory is None:
            self.notify("No translation memory in this review (--no-tm).", severity="warning")
            return
        if self._memory_error is not None:
            self.notify(self._memory_error, title="Translation memory", severity="error")
            return
        if not memory.wanted(entry):
            self.notify("The memory keeps single-form entries only.", severity="warning")
            return
        found = memory.cached(entry)
        if found is None:
            self._look_up(entry, pick=True)
        else:
            self._pick_memory(entry, found)

    @work(thread=True, exclusive=True, group="memory")
    def _look_up(self, entry: Entry, *, pick: bool) -> None:
        """Queries the memory off the event loop; reports back only through a message."""
        memory = self.session.memory
        assert memory is not None
        outcome = memory.matches(entry)
        if pick or not get_current_worker().is_cancelled:
            self.post_message(self.MemoryFound(entry, outcome, pick))

    @on(MemoryFound)
    def _memory_found(self, found: MemoryFound) -> None:
        entry, outcome = found.entry, found.outcome
        if outcome.error is not None:
            if self._memory_error is None:
                self.notify(outcome.error, title="Translation memory unavailable",
                            severity="error", timeout=10)
            self._memory_error = outcome.error
            return
        if entry is self.current:
            self.detail.memory.show_matches(entry.msgid, outcome.matches,
                                            self.session.catalogue.path)
        if found.pick:
            self._pick_memory(entry, outcome.matches)

    def _pick_memory(self, entry: Entry, matches: list[Match]) -> None:
        memory = self.session.memory
        if not matches:
            threshold = memory.threshold if memory is not None else 0
            self.notify(f"No memory match at or above {threshold:.0f}%.", timeout=3)
            return

        def picked(text: str | None) -> None:
            if text is not None:
                self._apply_suggestion(entry, (text,))

        self.app.push_screen(MemoryScreen(entry.msgid, matches, self.session.catalogue.path),
                             picked)
