"""The review's slow work, without Textual: machine translation of one entry and the
glossary check of the whole catalogue.

The screen runs these in worker threads and only draws what they return; tests call them
directly. Machine translation goes through the process-wide ``Service`` of
``translator.service`` (models load once; a model installed while the review is open is
used at the next request).

    controller = ReviewController(session)
    outcome = controller.machine(entry, "retranslate")
    if outcome.texts is not None:
        controller.apply_machine(entry, controller.retranslated_forms(entry, outcome.texts))
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from translator.catalogue.header import text_kind
from translator.errors import TranslatorError
from translator.review.checker import Checker
from translator.review.model import Entry, MergeReport, Problem, Translation
from translator.review.session import RestoreReport, ReviewSession

MachineKind = Literal["alternatives", "retranslate"]
Checked = tuple[Entry, Translation, tuple[Problem, ...]]
CHECK_BATCH = 500
"""Entries per progress report of the background check."""


@dataclass(frozen=True)
class MachineOutcome:
    """Texts with scores (alternatives, or one re-translation per source), or why not."""

    texts: list[tuple[str, float]] | None
    error: str | None = None


@dataclass(frozen=True)
class CheckBatch:
    """Glossary problems for some entries, and how far the check has come."""

    results: list[Checked]
    done: int
    total: int

    @property
    def finished(self) -> bool:
        return self.done >= self.total


class ReviewController:
    """What the review screen asks of the engine and the checker."""

    def __init__(self, session: ReviewSession) -> None:
        self.session = session

    # -- machine translation

    def machine(self, entry: Entry, kind: MachineKind, *, n: int = 5) -> MachineOutcome:
        """Alternatives for ``entry`` (enforced translation first when the glossary changes
        it), or a fresh translation of each of its sources; an engine that cannot run is an
        ``error``, never an exception, so the review and its edits go on."""
        catalogue = self.session.catalogue
        src, tgt = catalogue.source_lang, catalogue.lang or ""
        kind_of_text = text_kind(catalogue.metadata)
        glossary = self.session.glossary_path
        try:
            from translator.service import shared_service

            service = shared_service(glossary)
            if kind == "alternatives":
                found = service.alternatives(entry.msgid, src, tgt, kind=kind_of_text, n=n)
                if glossary is not None:
                    item = (kind_of_text, entry.msgid)
                    enforced = service.translate([item], src, tgt)[item]
                    if enforced.text not in {text for text, _ in found}:
                        found.insert(0, (enforced.text, enforced.score))
                return MachineOutcome(found)
            sources = [entry.msgid, entry.msgid_plural] if entry.plural else [entry.msgid]
            items = [(kind_of_text, source) for source in sources]
            done = service.translate(items, src, tgt)
            return MachineOutcome([(done[item].text, 0.0) for item in items])
        except TranslatorError as error:
            return MachineOutcome(None, str(error))
        except ImportError as error:  # a part of the engine is not installed
            return MachineOutcome(None, f"the engine cannot be loaded: {error}")

    @staticmethod
    def retranslated_forms(entry: Entry, texts: list[tuple[str, float]]) -> tuple[str, ...]:
        """The forms a re-translation fills: msgid's for form 0, msgid_plural's for the rest."""
        first, last = texts[0][0], texts[-1][0]
        if not entry.plural:
            return (first,)
        return (first,) + tuple(last for _ in range(len(entry.current.forms) - 1))

    def apply_machine(self, entry: Entry, forms: tuple[str, ...]) -> bool:
        """Put machine output into ``entry`` as fuzzy (one undo step); False if unchanged."""
        return self.session.apply(entry, Translation(forms, fuzzy=True))

    # -- the glossary check of the whole catalogue

    def check_all(self, checker: Checker, cancelled: Callable[[], bool]) -> Iterator[CheckBatch]:
        """Check every entry not yet checked in its current state, in batches; stops early
        when ``cancelled()``. ``checker`` must be one of the calling thread's own."""
        entries = list(self.session.entries)
        batch: list[Checked] = []
        for number, entry in enumerate(entries, start=1):
            if cancelled():
                return
            translation = entry.current
            if entry.checked == translation:
                continue
            batch.append((entry, translation, checker.check(entry, translation)))
            if len(batch) >= CHECK_BATCH:
                yield CheckBatch(batch, number, len(entries))
                batch = []
        yield CheckBatch(batch, len(entries), len(entries))

    @staticmethod
    def take_checks(batch: CheckBatch) -> None:
        """Record problems on entries still as they were checked (an edit made meanwhile
        was checked on its own and wins)."""
        for entry, translation, problems in batch.results:
            if entry.current == translation and entry.checked != translation:
                entry.problems = problems
                entry.checked = translation


# -- what the screen tells the reviewer after a save, a merge, a restore


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def saved_note(name: str, changes: int) -> str:
    """``Saved art.po (1 change).``"""
    return f"Saved {name} ({_plural(changes, 'change', 'changes')})."


def merge_notes(report: MergeReport) -> list[tuple[str, float]]:
    """Warnings (with how long to show them) about a merge with the file on disk."""
    notes = []
    if report.conflicts:
        notes.append((f"{_plural(len(report.conflicts), 'entry', 'entries')} you edited had "
                      "also changed on disk; your version was kept.", 10.0))
    if report.missing:
        notes.append((f"{_plural(len(report.missing), 'edited entry is', 'edited entries are')} "
                      f"no longer in the file; the edits were kept in {report.unplaced}.", 15.0))
    return notes


def restore_note(report: RestoreReport) -> str:
    """What a journal restore did, and where edits that no longer fit went."""
    note = f"Restored {_plural(report.restored, 'unsaved edit', 'unsaved edits')}."
    if report.missing:
        note += f" {report.missing} no longer fit the file; kept in {report.unplaced}."
    return note
