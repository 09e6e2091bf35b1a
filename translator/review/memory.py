"""The translation memory as the review uses it: the best matches for the entry under review,
and the approved entries of a save (no Textual; the screen calls ``matches`` in a worker).

The memory file is opened on the first lookup and read by one thread at a time (a worker
the screen cancelled may still be finishing its query). A memory that does not exist yet
is not created by looking: only a save (``remember``) creates it.

    memory = ReviewMemory(Path("memory.sqlite"), "en", "uk")
    outcome = memory.matches(entry)
    for match in outcome.matches:
        print(match.score, match.unit.target)
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from translator.errors import MemoryFileError
from translator.memory import Match, Memory, Unit, lookup
from translator.review.model import Entry

MATCHES = 5
"""Memory matches looked up per entry (the picker shows them all, the pane the first few)."""


@dataclass(frozen=True)
class MemoryOutcome:
    """The matches for one entry, best first, or why there are none."""

    matches: list[Match] = field(default_factory=list)
    error: str | None = None


class ReviewMemory:
    """One memory file for one review: looked up per entry, fed on save."""

    def __init__(self, path: Path, source_lang: str, target_lang: str | None, *,
                 threshold: float = 75.0) -> None:
        self.path = Path(path)
        self.source_lang = source_lang
        self.target_lang = target_lang
        self.threshold = threshold
        self._memory: Memory | None = None
        self._lock = threading.Lock()
        self._found: dict[str, list[Match]] = {}  # by source; emptied when a save adds units

    def check(self) -> None:
        """Open an existing memory file now, so that a corrupt or foreign ``--tm`` is one
        ``file: what is wrong`` line before the screen opens (MemoryFileError)."""
        with self._lock:
            self._open()

    @staticmethod
    def wanted(entry: Entry) -> bool:
        """Whether the memory can have matches for ``entry``: it keeps no plural units."""
        return not entry.plural and bool(entry.msgid.strip())

    def cached(self, entry: Entry) -> list[Match] | None:
        """The matches already looked up for ``entry``'s source (None: not yet)."""
        if not self.wanted(entry) or not self.target_lang:
            return []
        return self._found.get(entry.msgid)

    def matches(self, entry: Entry, limit: int = MATCHES) -> MemoryOutcome:
        """The closest approved units to ``entry``'s source; a memory that cannot be read
        is an ``error``."""
        if not self.wanted(entry) or not self.target_lang:
            return MemoryOutcome()
        with self._lock:
            if entry.msgid in self._found:
                return MemoryOutcome(self._found[entry.msgid])
            try:
                memory = self._open()
                if memory is None:
                    return MemoryOutcome()
                found = lookup(memory, self.source_lang, self.target_lang, entry.msgid,
                               limit=limit, threshold=self.threshold)
            except MemoryFileError as error:
                return MemoryOutcome(error=str(error))
            except sqlite3.Error as error:
                return MemoryOutcome(error=f"{self.path}: cannot read the memory: {error}")
            self._found[entry.msgid] = found
        return MemoryOutcome(found)

    def _open(self) -> Memory | None:
        """The open memory; None while there is no file (nothing approved has been saved)."""
        if self._memory is None:
            if not self.path.exists():
                return None
            self._memory = Memory(self.path, create=False)
        return self._memory

    def remember(self, catalogue: Path, approved: Iterable[tuple[str | None, str, str]]) -> int:
        """Put approved ``(msgctxt, msgid, msgstr)`` of a saved catalogue into the memory."""
        from translator.memory.files import remember_reviewed

        written = remember_reviewed(catalogue, self.source_lang, self.target_lang, approved,
                                    self.path)
        if written:
            with self._lock:
                self._found.clear()
        return written

    def close(self) -> None:
        with self._lock:
            if self._memory is not None:
                self._memory.close()
                self._memory = None


def origin_label(unit: Unit, catalogue: Path) -> str:
    """Where a unit was approved, for the reviewer: ``this file``, a path relative to the
    catalogue's folder (with ``:line`` when known), or ``imported``; and the date.

    >>> origin_label(Unit("a", "b", origin_file="/w/uk/b.po", origin_entry="line 7",
    ...                   approved_at="2026-12-01T09:00:00+00:00"), Path("/w/uk/a.po"))
    'b.po:7, 2026-12-01'
    >>> origin_label(Unit("a", "b", origin_file="/w/uk/a.po"), Path("/w/uk/a.po"))
    'this file'
    """
    if not unit.origin_file:
        where = "imported"
    elif unit.origin_file == os.path.abspath(catalogue):
        where = "this file"
    else:
        where = os.path.relpath(unit.origin_file, os.path.abspath(catalogue.parent))
        line = unit.origin_entry.removeprefix("line ")
        if line.isdigit():
            where += f":{line}"
    date = unit.approved_at[:10]
    return f"{where}, {date}" if date else where
