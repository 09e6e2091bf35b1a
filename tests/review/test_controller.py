"""The review's controller without Textual: machine translation and the background check
as plain calls (the Pilot tests in test_keys/test_machine drive the same code through keys)."""

from __future__ import annotations

from pathlib import Path

from translator.review.app import create_app
from translator.review.controller import (
    CHECK_BATCH,
    ReviewController,
    merge_notes,
    restore_note,
    saved_note,
)
from translator.review.model import MergeReport, Translation
from translator.review.session import RestoreReport

from .test_keys import ARRIVED


def _controller(catalogue: Path, glossary: Path | None = None) -> ReviewController:
    return ReviewController(create_app(catalogue, glossary).session)


def test_without_a_model_machine_work_is_an_error_not_an_exception(catalogue: Path) -> None:
    controller = _controller(catalogue)
    [entry] = [e for e in controller.session.entries if e.msgid == ARRIVED]
    for kind in ("alternatives", "retranslate"):
        outcome = controller.machine(entry, kind)
        assert outcome.texts is None
        assert outcome.error and "en→uk" in outcome.error


def test_machine_output_goes_in_fuzzy_as_one_undo_step(catalogue: Path) -> None:
    controller = _controller(catalogue)
    [entry] = [e for e in controller.session.entries if e.msgid == ARRIVED]
    before = entry.current
    forms = controller.retranslated_forms(entry, [("Рютте прибув.", 0.0)])
    assert forms == ("Рютте прибув.",)
    assert controller.apply_machine(entry, forms)
    assert entry.current == Translation(forms, fuzzy=True)
    assert not controller.apply_machine(entry, forms)  # unchanged
    assert controller.session.undo() is entry and entry.current == before


def test_plural_forms_after_the_first_take_the_plural_source(catalogue: Path) -> None:
    controller = _controller(catalogue)
    plural = [e for e in controller.session.entries if e.plural]
    for entry in plural:
        forms = controller.retranslated_forms(entry, [("один", 0.0), ("багато", 0.0)])
        assert forms == ("один",) + ("багато",) * (len(entry.current.forms) - 1)


def test_the_background_check_reports_batches_and_stops_when_cancelled(
    catalogue: Path, glossary: Path
) -> None:
    controller = _controller(catalogue, glossary)
    checker = controller.session.checker.fork()
    batches = list(controller.check_all(checker, lambda: False))
    total = len(controller.session.entries)
    assert batches[-1].finished and batches[-1].done == total
    assert all(len(b.results) <= CHECK_BATCH for b in batches)
    for batch in batches:
        controller.take_checks(batch)
    assert all(e.checked == e.current for e in controller.session.entries)
    assert any(e.problems for e in controller.session.entries)  # the sample has violations
    # everything checked: a second pass has nothing to do; a cancelled one yields nothing
    assert [b.results for b in controller.check_all(checker, lambda: False)] == [[]]
    assert list(controller.check_all(checker, lambda: True)) == []


def test_an_edit_made_during_the_check_wins(catalogue: Path, glossary: Path) -> None:
    controller = _controller(catalogue, glossary)
    [batch] = list(controller.check_all(controller.session.checker.fork(), lambda: False))
    entry, _, _ = batch.results[0]
    controller.session.edit(entry, tuple(f + " змінено" for f in entry.current.forms))
    edited = entry.checked
    controller.take_checks(batch)
    assert entry.checked == edited == entry.current


def test_notes_count_in_words() -> None:
    assert saved_note("art.po", 1) == "Saved art.po (1 change)."
    assert saved_note("art.po", 2) == "Saved art.po (2 changes)."
    assert restore_note(RestoreReport(1, 0, False)) == "Restored 1 unsaved edit."
    assert restore_note(RestoreReport(3, 1, False, Path("x.unplaced"))) == (
        "Restored 3 unsaved edits. 1 no longer fit the file; kept in x.unplaced.")
    assert merge_notes(MergeReport()) == []
    [(note, _)] = merge_notes(MergeReport(missing=[None, None]))  # type: ignore[list-item]
    assert note.startswith("2 edited entries are no longer in the file")
