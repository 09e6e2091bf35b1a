"""The review screen's saving: save, save as, merge with the file on disk, quit, restore.

A base class of ``ReviewScreen`` so that the screen module holds the list, the editor
and the machine translation, and this one the flows that protect a reviewer's work.
"""

from __future__ import annotations

from pathlib import Path

from textual.screen import Screen

from translator.errors import OutputError, TranslatorError
from translator.review.controller import merge_notes, restore_note, saved_note
from translator.review.dialogs import ConfirmQuit, ExternalChangeScreen, RestoreScreen, SaveAsScreen
from translator.review.journal import Contents
from translator.review.model import ChangedOnDisk, Entry
from translator.review.session import ReviewSession


class SavingScreen(Screen[None]):
    """Save, merge, save-as, quit and restore for a screen over a ``ReviewSession``."""

    session: ReviewSession

    def _settle(self) -> Entry | None:
        """Commit a pending edit; the entry under the cursor (the screen provides it)."""
        raise NotImplementedError

    def _refresh_all(self, keep: Entry | None = None) -> None:
        """Redraw the list, the detail pane and the header (the screen provides it)."""
        raise NotImplementedError

    def _reload_entries(self) -> None:
        """Show the session's entries after a merge replaced them (the screen provides it)."""
        raise NotImplementedError

    # -- saving and quitting -------------------------------------------------------------

    def action_save(self) -> None:
        self._settle()
        self._save()

    def _save(self, path: Path | None = None, *, check_disk: bool = True) -> bool:
        count = self.session.unsaved
        try:
            self.session.save(path, check_disk=check_disk)
        except ChangedOnDisk:
            self.app.push_screen(ExternalChangeScreen(self.session.catalogue.path),
                                 self._on_external_choice)
            return False
        except OutputError as error:
            self.notify(str(error), title="Not saved", severity="error", timeout=10)
            return False
        self._refresh_all()
        self.notify(saved_note(self.session.catalogue.path.name, count), timeout=3)
        return True

    def _on_external_choice(self, choice: str | None) -> None:
        if choice == "merge":
            try:
                report = self.session.merge_with_disk()
            except TranslatorError as error:
                self.notify(str(error), title="Could not reload", severity="error", timeout=10)
                return
            self._reload_entries()
            for note, timeout in merge_notes(report):
                self.notify(note, severity="warning", timeout=timeout)
            self._save()
        elif choice == "save-as":
            self._ask_save_as()

    def _ask_save_as(self) -> None:
        path = self.session.catalogue.path

        def chosen(target: Path | None) -> None:
            if target is not None:
                self._save(target, check_disk=False)

        suggestion = path.with_name(f"{path.stem}.review{path.suffix}")
        self.app.push_screen(SaveAsScreen(suggestion), chosen)

    def action_quit(self) -> None:
        self._settle()
        unsaved = self.session.unsaved
        if not unsaved:
            self.app.exit()
            return

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.session.journal.close()
                self.app.exit()

        self.app.push_screen(ConfirmQuit(unsaved, self.session.journal.path.name), answered)

    # -- startup: a journal from a session that did not save -----------------------------

    def offer_restore(self, contents: Contents) -> None:
        def answered(restore: bool | None) -> None:
            if restore:
                report = self.session.restore(contents)
                self._refresh_all()
                self.notify(restore_note(report),
                            severity="warning" if report.missing else "information")
            else:
                self.session.discard_journal()
                self.notify("Discarded the unsaved edits.", timeout=3)

        catalogue_changed = bool(contents.catalogue_sha256) and (
            contents.catalogue_sha256 != self.session.catalogue.fingerprint.sha256
        )
        self.app.push_screen(RestoreScreen(contents, catalogue_changed), answered)
