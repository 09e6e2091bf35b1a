"""A review in progress: the catalogue, its undo history, its journal and what is shown.

Everything the review screen does to entries goes through :meth:`ReviewSession.apply`,
which records the change for undo, writes it to the recovery journal and re-runs the
glossary check for that entry. No Textual here: the screen only draws a session.

    session = ReviewSession(Catalogue.open(path), checker)
    session.apply(entry, entry.current.with_forms(("Київ",)))
    session.approve(entry)
    session.save()
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from translator.errors import OutputError
from translator.review.checker import Checker
from translator.review.journal import Contents, Journal, Record, journal_path, keep_unplaced
from translator.review.memory import ReviewMemory
from translator.review.model import Catalogue, Entry, MergeReport, Status, Translation

FILTERS: dict[str, str] = {
    "all": "All entries",
    "needs-work": "Needs work (untranslated, fuzzy or problem)",
    "untranslated": "Untranslated",
    "fuzzy": "Fuzzy",
    "problem": "Glossary problems",
    "approved": "Approved",
}


@dataclass
class Change:
    entry: Entry
    before: Translation
    after: Translation
    group: object | None = None


@dataclass(frozen=True)
class RestoreReport:
    restored: int
    missing: int
    """Records whose entry is no longer in the catalogue; kept in ``unplaced``."""
    catalogue_changed: bool
    unplaced: Path | None = None


class ReviewSession:
    def __init__(
        self,
        catalogue: Catalogue,
        checker: Checker | None = None,
        glossary_path: Path | None = None,
        memory: ReviewMemory | None = None,
    ) -> None:
        self.catalogue = catalogue
        self.checker = checker or Checker(None, catalogue.lang)
        self.glossary_path = glossary_path
        """The glossary file, for the engine's glossary enforcement (alternatives, r)."""
        self.memory = memory
        """The translation memory (matches shown, approved entries saved); None: none."""
        self.journal = Journal(journal_path(catalogue.path), catalogue.fingerprint.sha256)
        self.journal_error: str | None = None
        self.history: list[Change] = []
        self.future: list[Change] = []
        self.filter = "all"
        self.search = ""
        self.check_filter = ""
        """A problem kind (QA check id, glossary or msgfmt kind): only entries with it are
        shown and visited by n/p; empty: no such filter."""

    @property
    def entries(self) -> list[Entry]:
        return self.catalogue.entries

    # -- changing entries ----------------------------------------------------------------

    def apply(self, entry: Entry, after: Translation, *, group: object | None = None) -> bool:
        """Change ``entry`` to ``after``: undo record, journal, glossary check. False if no-op."""
        before = entry.current
        if after == before:
            return False
        last = self.history[-1] if self.history else None
        if group is not None and last is not None and last.group == group and last.entry is entry:
            last.after = after
        else:
            self.history.append(Change(entry, before, after, group))
        self.future.clear()
        self._set(entry, after)
        return True

    def _set(self, entry: Entry, translation: Translation) -> None:
        entry.current = translation
        self.check(entry)
        try:
            self.journal.append(entry.key, entry.number, translation)
        except OutputError as error:
            self.journal_error = str(error)

    def edit(self, entry: Entry, forms: tuple[str, ...], *, group: object | None = None) -> bool:
        return self.apply(entry, entry.current.with_forms(forms), group=group)

    def approve(self, entry: Entry) -> bool:
        """Clear fuzzy; refuses (False) while a form is empty."""
        if not entry.current.complete:
            return False
        return self.apply(entry, Translation(entry.current.forms, fuzzy=False))

    def unapprove(self, entry: Entry) -> bool:
        return self.apply(entry, Translation(entry.current.forms, fuzzy=True))

    def undo(self) -> Entry | None:
        if not self.history:
            return None
        change = self.history.pop()
        self.future.append(change)
        self._set(change.entry, change.before)
        return change.entry

    def redo(self) -> Entry | None:
        if not self.future:
            return None
        change = self.future.pop()
        self.history.append(Change(change.entry, change.before, change.after))
        self._set(change.entry, change.after)
        return change.entry

    def check(self, entry: Entry) -> None:
        """Re-run the checks (format, glossary) for ``entry``."""
        entry.problems = self.checker.check(entry, entry.current)
        entry.checked = entry.current

    # -- what is shown -------------------------------------------------------------------

    def matches(self, entry: Entry) -> bool:
        status = entry.status
        if self.filter == "needs-work" and status is Status.APPROVED:
            return False
        if self.filter not in ("all", "needs-work") and status.value != self.filter:
            return False
        if self.check_filter and not self.has_problem(entry):
            return False
        if self.search:
            needle = self.search.casefold()
            haystack = [entry.msgid, entry.msgid_plural, entry.msgctxt or "", *entry.current.forms]
            if not any(needle in text.casefold() for text in haystack):
                return False
        return True

    def visible(self) -> list[int]:
        """Positions (in ``entries``) of the entries the filter and search let through."""
        if self.filter == "all" and not self.search and not self.check_filter:
            return list(range(len(self.entries)))
        return [i for i, entry in enumerate(self.entries) if self.matches(entry)]

    def counts(self) -> Counter[str]:
        """Entries per status, plus ``approved-total`` (not fuzzy and complete) and ``all``."""
        counts: Counter[str] = Counter(entry.status.value for entry in self.entries)
        counts["all"] = len(self.entries)
        counts["needs-work"] = len(self.entries) - counts[Status.APPROVED.value]
        counts["approved-total"] = sum(1 for entry in self.entries if entry.approved)
        return counts

    def has_problem(self, entry: Entry, kind: str | None = None) -> bool:
        """Whether ``entry`` has a problem of ``kind`` (default: the check filter's)."""
        wanted = kind or self.check_filter
        return any(problem.kind == wanted for problem in entry.problems or ())

    def wanted(self, entry: Entry) -> bool:
        """Where n/p stop: entries that need work, with the filtered check if one is set."""
        return entry.needs_work and (not self.check_filter or self.has_problem(entry))

    def problem_counts(self) -> Counter[str]:
        """Entries per problem kind (an entry counts once per kind), as checked so far."""
        counts: Counter[str] = Counter()
        for entry in self.entries:
            counts.update({problem.kind for problem in entry.problems or ()})
        return counts

    @property
    def unsaved(self) -> int:
        return sum(1 for entry in self.entries if entry.dirty)

    # -- saving and recovering -----------------------------------------------------------

    def save(self, path: Path | None = None, *, check_disk: bool = True) -> None:
        """Save (atomically); the journal goes once the file holds every change."""
        approved = [(e.msgctxt, e.msgid, e.current.forms[0]) for e in self.catalogue.entries
                    if e.dirty and e.approved and not e.plural]
        self.catalogue.save(path, check_disk=check_disk)
        if self.memory is not None:  # approved work goes into the translation memory
            self.memory.remember(self.catalogue.path, approved)
        try:
            self.journal.remove()
        except OutputError as error:  # the file is saved; a stale journal only re-offers it
            self.journal_error = str(error)
        self.journal = Journal(journal_path(self.catalogue.path), self.catalogue.fingerprint.sha256)

    def merge_with_disk(self) -> MergeReport:
        """Reload the file from disk and lay the unsaved changes over it (then save)."""
        fresh, report = self.catalogue.merged_with_disk()
        if report.missing:
            try:
                report.unplaced = keep_unplaced(
                    self.journal.path,
                    [Record(e.key, e.number, e.current, "") for e in report.missing],
                )
            except OutputError as error:
                self.journal_error = str(error)
        by_key = {entry.key: entry for entry in self.catalogue.entries}
        self.catalogue = fresh
        for entry in fresh.entries:
            if entry.current != entry.saved or by_key.get(entry.key) is None:
                self.check(entry)
            else:
                old = by_key[entry.key]
                entry.problems = old.problems if old.checked == entry.current else None
                if entry.problems is None:
                    self.check(entry)
                entry.checked = entry.current
        self.history.clear()
        self.future.clear()
        return report

    def pending_journal(self) -> Contents | None:
        """A journal left by a session that did not save (None when there is none)."""
        try:
            contents = Journal.read(self.journal.path)
        except OutputError:
            return None
        if contents is None and self.journal.path.is_file():
            self.discard_journal()  # empty or unreadable: nothing to offer
        return contents

    def restore(self, contents: Contents) -> RestoreReport:
        """Lay the journal's last record per entry over the catalogue; undo-able."""
        restored: list[Record] = []
        missing: list[Record] = []
        for key, record in contents.latest().items():
            entry = self.catalogue.find(key)
            if entry is None:
                missing.append(record)
                continue
            if entry.current != record.translation:
                self.history.append(Change(entry, entry.current, record.translation))
                entry.current = record.translation
                self.check(entry)
            restored.append(record)
        unplaced = None
        try:
            if missing:
                unplaced = keep_unplaced(self.journal.path, missing)
            self.journal.rewrite(restored, self.catalogue.fingerprint.sha256)
        except OutputError as error:
            self.journal_error = str(error)
        return RestoreReport(
            restored=len(restored),
            missing=len(missing),
            catalogue_changed=bool(contents.catalogue_sha256)
            and contents.catalogue_sha256 != self.catalogue.fingerprint.sha256,
            unplaced=unplaced,
        )

    def discard_journal(self) -> None:
        try:
            self.journal.remove()
        except OutputError as error:
            self.journal_error = str(error)
