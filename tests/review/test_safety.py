"""Nothing is lost: the recovery journal, restoring after a crash, changes made on disk."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest
from textual.message import Message
from textual.notifications import Notify
from textual.widgets import Input

from translator.review.app import create_app
from translator.review.dialogs import ExternalChangeScreen, RestoreScreen, SaveAsScreen
from translator.review.journal import Journal, journal_path
from translator.review.model import Translation
from translator.review.screens import EDIT_DEBOUNCE

from .test_keys import ARRIVED, VICTORY, goto, notes, po_entry, screen, settle

pytestmark = pytest.mark.anyio


def journal_records(path: Path) -> list[dict]:
    lines = journal_path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines[1:]]


async def edit_without_saving(catalogue: Path, glossary: Path) -> None:
    """A session that approves one entry and types into another, then dies unsaved."""
    app = create_app(catalogue, glossary)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await goto(app, pilot, ARRIVED)
        await pilot.press("a")
        await goto(app, pilot, VICTORY)
        await pilot.press("e", *"План перемоги")
        await pilot.pause(EDIT_DEBOUNCE + 0.3)  # typing committed by the debounce, no escape
        assert journal_path(catalogue).exists()
    # leaving the context is the crash: no save, no clean-up of the journal


async def test_every_change_is_journalled_while_typing(catalogue: Path, glossary: Path) -> None:
    await edit_without_saving(catalogue, glossary)
    header = json.loads(journal_path(catalogue).read_text(encoding="utf-8").splitlines()[0])
    assert header["journal"] == 1 and header["catalogue"] == "rutte.uk.po"
    assert len(header["sha256"]) == 64
    records = journal_records(catalogue)
    assert records[0]["id"] == ARRIVED and records[0]["fuzzy"] is False
    assert records[-1]["id"] == VICTORY and records[-1]["forms"] == ["План перемоги"]
    assert po_entry(catalogue, ARRIVED).fuzzy  # the catalogue itself is untouched


async def test_reopening_after_a_crash_restores_the_edits(catalogue: Path, glossary: Path) -> None:
    await edit_without_saving(catalogue, glossary)
    app = create_app(catalogue, glossary)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, RestoreScreen)
        await pilot.press("r")
        review = screen(app)
        entries = {e.msgid: e for e in review.session.entries}
        assert entries[VICTORY].current.forms == ("План перемоги",)
        assert not entries[ARRIVED].current.fuzzy
        assert review.session.unsaved == 2
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert po_entry(catalogue, VICTORY).msgstr == "План перемоги"
    assert not po_entry(catalogue, ARRIVED).fuzzy
    assert not journal_path(catalogue).exists()


async def test_a_restored_session_can_crash_again_without_loss(
    catalogue: Path, glossary: Path
) -> None:
    await edit_without_saving(catalogue, glossary)
    app = create_app(catalogue, glossary)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("r")
    # second crash straight after restoring: the journal still holds both edits
    latest = Journal.read(journal_path(catalogue)).latest()  # type: ignore[union-attr]
    assert {key[1] for key in latest} == {ARRIVED, VICTORY}


async def test_discarding_the_journal_keeps_the_file_as_it_was(
    catalogue: Path, glossary: Path
) -> None:
    before = catalogue.read_bytes()
    await edit_without_saving(catalogue, glossary)
    app = create_app(catalogue, glossary)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("d")
        assert screen(app).session.unsaved == 0
    assert catalogue.read_bytes() == before and not journal_path(catalogue).exists()


async def test_a_torn_last_line_is_skipped(catalogue: Path, glossary: Path) -> None:
    await edit_without_saving(catalogue, glossary)
    torn = '{"ctx": null, "id": "Mark Rutte arr'  # the write the crash cut short
    path = journal_path(catalogue)
    path.write_text(path.read_text(encoding="utf-8") + torn, encoding="utf-8")
    app = create_app(catalogue, glossary)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, RestoreScreen) and app.screen.contents.damaged == 1
        await pilot.press("r")
        assert screen(app).session.unsaved == 2


async def test_edits_are_matched_by_message_when_the_file_changed(
    catalogue: Path, glossary: Path
) -> None:
    await edit_without_saving(catalogue, glossary)
    po = polib.pofile(str(catalogue))
    po.find(ARRIVED).tcomment = "moved around by msgmerge"
    po.append(polib.POEntry(msgid="A new paragraph.", msgstr=""))
    po.save(str(catalogue))
    app = create_app(catalogue, glossary)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, RestoreScreen) and app.screen.catalogue_changed
        await pilot.press("r")
        entries = {e.msgid: e for e in screen(app).session.entries}
        assert entries[VICTORY].current.forms == ("План перемоги",)


async def test_saving_over_an_external_change_offers_merge(catalogue: Path, glossary: Path) -> None:
    app = create_app(catalogue, glossary)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await goto(app, pilot, VICTORY)
        await pilot.press("e", *"План перемоги", "escape")
        # meanwhile a colleague fixes another entry in the same file
        text = catalogue.read_text(encoding="utf-8").replace(
            "у вівторок вранці", "у вівторок зранку")
        catalogue.write_text(text, encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ExternalChangeScreen)
        await pilot.press("m")
        await pilot.pause()
        assert screen(app).session.unsaved == 0
    assert po_entry(catalogue, VICTORY).msgstr == "План перемоги"
    assert po_entry(catalogue, ARRIVED).msgstr == "Марк Рютте прибув до Києва у вівторок зранку."


async def test_save_as_leaves_the_changed_file_alone(catalogue: Path, glossary: Path) -> None:
    app = create_app(catalogue, glossary)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await goto(app, pilot, VICTORY)
        await pilot.press("e", *"План перемоги", "escape")
        changed = catalogue.read_text(encoding="utf-8").replace("вранці", "зранку")
        catalogue.write_text(changed, encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("s")
        assert isinstance(app.screen, SaveAsScreen)
        app.screen.query_one(Input).value = "mine.po"
        await pilot.press("enter")
        await pilot.pause()
        assert screen(app).session.catalogue.path == catalogue.parent / "mine.po"
    assert catalogue.read_text(encoding="utf-8") == changed
    assert po_entry(catalogue.parent / "mine.po", VICTORY).msgstr == "План перемоги"


async def test_cancelling_the_external_change_dialog_writes_nothing(
    catalogue: Path, glossary: Path
) -> None:
    seen: list[Message] = []
    app = create_app(catalogue, glossary)
    async with app.run_test(message_hook=seen.append) as pilot:
        await settle(app, pilot)
        await goto(app, pilot, ARRIVED)
        await pilot.press("a")
        changed = catalogue.read_text(encoding="utf-8") + "\n"
        catalogue.write_text(changed, encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        assert screen(app).session.unsaved == 1
        assert not any(n.startswith("Saved") for n in notes(seen))
    assert catalogue.read_text(encoding="utf-8") == changed


def test_journal_round_trip(tmp_path: Path) -> None:
    path = tmp_path / ".x.po.journal"
    journal = Journal(path, "abc")
    journal.append((None, "a"), 1, Translation(("а",), True))
    journal.append(("ctx", "b"), 2, Translation(("б", "би"), False))
    journal.append((None, "a"), 1, Translation(("аа",), False))
    contents = Journal.read(path)
    assert contents is not None and contents.catalogue_sha256 == "abc" and contents.damaged == 0
    latest = contents.latest()
    assert list(latest) == [("ctx", "b"), (None, "a")]
    assert latest[(None, "a")].translation == Translation(("аа",), False)
    journal.remove()
    assert Journal.read(path) is None


def test_journal_name_sits_beside_the_catalogue(tmp_path: Path) -> None:
    assert journal_path(tmp_path / "news.uk.po") == tmp_path / ".news.uk.po.journal"


async def test_unsaved_edits_of_vanished_entries_are_kept_aside(
    catalogue: Path, glossary: Path
) -> None:
    await edit_without_saving(catalogue, glossary)
    po = polib.pofile(str(catalogue))
    po.remove(po.find(VICTORY))
    po.save(str(catalogue))
    seen: list[Message] = []
    app = create_app(catalogue, glossary)
    async with app.run_test(message_hook=seen.append) as pilot:
        await settle(app, pilot)
        await pilot.press("r")
        await pilot.pause()
    unplaced = journal_path(catalogue).with_name(journal_path(catalogue).name + ".unplaced")
    assert json.loads(unplaced.read_text(encoding="utf-8").splitlines()[0])["id"] == VICTORY
    assert any("no longer fit the file" in n for n in notes(seen))


async def test_without_a_journal_the_review_warns_and_still_saves(
    catalogue: Path, glossary: Path
) -> None:
    journal_path(catalogue).mkdir()  # something in the way: the journal cannot be written
    seen: list[Message] = []
    app = create_app(catalogue, glossary)
    async with app.run_test(message_hook=seen.append) as pilot:
        await settle(app, pilot)
        await goto(app, pilot, ARRIVED)
        await pilot.press("a")
        await pilot.pause()
        errors = [m.notification for m in seen
                  if isinstance(m, Notify) and m.notification.severity == "error"]
        assert errors and errors[0].title == "No recovery journal"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert not po_entry(catalogue, ARRIVED).fuzzy
