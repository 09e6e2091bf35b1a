"""The recovery journal: every change, on disk before the reviewer sees it applied.

A hidden file beside the catalogue (``.news.uk.po.journal``), JSON lines, each write
flushed and fsync'd. The first line says which file (and which version of it, by
SHA-256) the records belong to; every further line is the full state of one entry after
a change, so replaying keeps the last record per entry. A successful save removes the
journal; a journal found when a catalogue is opened means the last session ended
without saving, and its records can be laid back over the file.

    journal = Journal(journal_path(path), catalogue_sha256)
    journal.append(entry.key, entry.number, translation)
    contents = Journal.read(journal_path(path))
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from translator.errors import OutputError
from translator.fsutil import atomic_write_text
from translator.review.model import Translation

VERSION = 1

Key = tuple[str | None, str]


def journal_path(catalogue: Path) -> Path:
    """``.<name>.journal`` in the catalogue's folder."""
    return catalogue.with_name(f".{catalogue.name}.journal")


@dataclass(frozen=True)
class Record:
    key: Key
    number: int
    translation: Translation
    time: str

    def to_json(self) -> str:
        return json.dumps(
            {
                "ctx": self.key[0],
                "id": self.key[1],
                "n": self.number,
                "forms": list(self.translation.forms),
                "fuzzy": self.translation.fuzzy,
                "time": self.time,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Record:
        forms = data["forms"]
        if not isinstance(forms, list) or not all(isinstance(f, str) for f in forms):
            raise ValueError("forms")
        return cls(
            key=(data["ctx"], str(data["id"])),
            number=int(data.get("n", 0)),
            translation=Translation(tuple(forms), bool(data["fuzzy"])),
            time=str(data.get("time", "")),
        )


@dataclass(frozen=True)
class Contents:
    """A journal as read back."""

    path: Path
    catalogue_sha256: str
    records: list[Record]
    damaged: int
    """Lines that could not be read (a write cut short by the crash)."""

    def latest(self) -> dict[Key, Record]:
        """The last record for each entry, in the order entries were first changed."""
        latest: dict[Key, Record] = {}
        for record in self.records:
            latest.pop(record.key, None)
            latest[record.key] = record
        return latest

    @property
    def last_time(self) -> str:
        return self.records[-1].time if self.records else ""


class Journal:
    """Append-only, fsync'd record of changes to one catalogue."""

    def __init__(self, path: Path, catalogue_sha256: str) -> None:
        self.path = path
        self.catalogue_sha256 = catalogue_sha256
        self._handle: IO[str] | None = None

    def _header(self) -> str:
        return json.dumps(
            {
                "journal": VERSION,
                "catalogue": self.path.name[1:].removesuffix(".journal"),
                "sha256": self.catalogue_sha256,
                "created": _now(),
            }
        )

    def append(self, key: Key, number: int, translation: Translation) -> None:
        """Write one record and make it durable; OutputError when the folder is not writable."""
        line = Record(key, number, translation, _now()).to_json()
        try:
            if self._handle is None:
                fresh = not self.path.exists()
                self._handle = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 (kept open)
                if fresh:
                    self._handle.write(self._header() + "\n")
            self._handle.write(line + "\n")
            self._handle.flush()
            os.fsync(self._handle.fileno())
        except OSError as error:
            self.close()
            raise OutputError(
                f"cannot write the recovery journal: {error.strerror}", file=self.path
            ) from None

    def rewrite(self, records: list[Record], catalogue_sha256: str) -> None:
        """Replace the journal with ``records`` (after a restore), atomically."""
        self.close()
        self.catalogue_sha256 = catalogue_sha256
        text = "".join(line + "\n" for line in [self._header(), *(r.to_json() for r in records)])
        atomic_write_text(self.path, text)

    def close(self) -> None:
        if self._handle is not None:
            try:
                self._handle.close()
            except OSError:
                pass
            self._handle = None

    def remove(self) -> None:
        """Delete the journal (after a successful save, or when the reviewer discards it)."""
        self.close()
        try:
            self.path.unlink(missing_ok=True)
        except OSError as error:
            raise OutputError(
                f"cannot remove the recovery journal: {error.strerror}", file=self.path
            ) from None

    @staticmethod
    def read(path: Path) -> Contents | None:
        """The journal at ``path``, or None when there is none (or it holds no record)."""
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return None
        except OSError as error:
            raise OutputError(
                f"cannot read the recovery journal: {error.strerror}", file=path
            ) from None
        sha = ""
        records: list[Record] = []
        damaged = 0
        for number, line in enumerate(text.splitlines()):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                if number == 0 and "journal" in data:
                    sha = str(data.get("sha256", ""))
                    continue
                records.append(Record.from_json(data))
            except (ValueError, KeyError, TypeError):
                damaged += 1
        if not records:
            return None
        return Contents(path, sha, records, damaged)


def keep_unplaced(journal: Path, records: list[Record]) -> Path:
    """Append records that fit no entry to ``<journal>.unplaced`` (never removed by a save)."""
    path = journal.with_name(journal.name + ".unplaced")
    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.writelines(record.to_json() + "\n" for record in records)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        raise OutputError(f"cannot keep unplaced edits: {error.strerror}", file=path) from None
    return path


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")
