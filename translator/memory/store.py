"""The translation memory: one SQLite file of approved units, per language pair.

SQLite because it is one file, needs no server, and gives us what a memory shared by a
review session and a running ``translate`` needs: WAL (readers never block the writer),
transactions (two writers lose nothing; the second waits on ``busy_timeout``), and FTS5,
the full-text index that picks fuzzy candidates among a million units (see ``fuzzy.py``).

Schema (``PRAGMA user_version`` = ``SCHEMA_VERSION``, ``application_id`` marks our files):

- ``pairs(id, source_lang, target_lang)``: one row per language pair;
- ``units(id, pair, key, source, target, context, origin_file, origin_entry, approved_at)``:
  ``key`` is a 64-bit hash of (context, source), indexed, for exact lookup; one unit per
  (pair, key, origin_file), so re-importing a catalogue updates its units in place;
- ``fts_<pair>``: an FTS5 index of the pair's sources, kept in step by triggers;
- ``terms(pair, term, docs)``: how many units contain each word. FTS5 can say it too
  (``fts5vocab``), but only by decoding the word's whole posting list: 300 ms for "the"
  in a million units, where fuzzy lookup needs the counts of twenty words in 1 ms.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from translator.errors import MemoryFileError
from translator.memory.tokens import words

SCHEMA_VERSION = 1
APPLICATION_ID = 0x54524D31  # "TRM1"
BUSY_TIMEOUT_MS = 30_000

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Unit:
    """One approved translation and where it came from."""

    source: str
    target: str
    context: str = ""
    origin_file: str = ""
    origin_entry: str = ""
    approved_at: str = ""  # ISO 8601, UTC


@dataclass(frozen=True)
class PairStats:
    source_lang: str
    target_lang: str
    units: int
    origins: int


def lang_code(code: str) -> str:
    """The primary language subtag, lower case: the codes Argos models and our catalogues use.

    >>> lang_code("en-US"), lang_code("uk_UA"), lang_code("PL")
    ('en', 'uk', 'pl')
    """
    return code.strip().replace("_", "-").split("-")[0].lower()


def unit_key(source: str, context: str = "") -> int:
    """A signed 64-bit hash of (context, source): the exact-lookup index key."""
    digest = hashlib.blake2b(f"{context}\x04{source}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def now() -> str:
    """The current UTC time as stored in ``approved_at``."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


_SCHEMA = """
CREATE TABLE IF NOT EXISTS pairs (
    id INTEGER PRIMARY KEY,
    source_lang TEXT NOT NULL,
    target_lang TEXT NOT NULL,
    UNIQUE (source_lang, target_lang)
);
CREATE TABLE IF NOT EXISTS units (
    id INTEGER PRIMARY KEY,
    pair INTEGER NOT NULL REFERENCES pairs(id),
    key INTEGER NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    context TEXT NOT NULL DEFAULT '',
    origin_file TEXT NOT NULL DEFAULT '',
    origin_entry TEXT NOT NULL DEFAULT '',
    approved_at TEXT NOT NULL DEFAULT '',
    UNIQUE (pair, key, origin_file)
);
CREATE INDEX IF NOT EXISTS units_origin ON units (origin_file);
CREATE TABLE IF NOT EXISTS terms (
    pair INTEGER NOT NULL,
    term TEXT NOT NULL,
    docs INTEGER NOT NULL,
    PRIMARY KEY (pair, term)
) WITHOUT ROWID;
"""

_COLUMNS = "source, target, context, origin_file, origin_entry, approved_at"


class Memory:
    """An open translation memory file.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d, Memory(pathlib.Path(d) / "tm.sqlite") as tm:
    ...     tm.add("en", "uk", [Unit("Good morning.", "Доброго ранку.")])
    ...     [u.target for u in tm.exact("en", "uk", "Good morning.")]
    1
    ['Доброго ранку.']
    """

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.path = Path(path)
        if not create and not self.path.exists():
            raise MemoryFileError("no translation memory here", file=self.path)
        if create:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000,
                                       isolation_level=None, check_same_thread=False)
        except sqlite3.Error as error:
            raise MemoryFileError(f"cannot open the translation memory: {error}",
                                  file=self.path) from error
        try:
            self._prepare()
        except sqlite3.DatabaseError as error:
            self._db.close()
            raise MemoryFileError(f"not a translation memory ({error})", file=self.path) from error
        except MemoryFileError:
            self._db.close()
            raise
        self._pairs: dict[tuple[str, str], int] = {}

    def _prepare(self) -> None:
        db = self._db
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = db.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
        if tables and app_id != APPLICATION_ID:
            raise MemoryFileError("an SQLite file, but not a translation memory", file=self.path)
        if version > SCHEMA_VERSION:
            raise MemoryFileError(
                f"written by a newer translator (schema {version}, this one reads "
                f"{SCHEMA_VERSION}); upgrade translator", file=self.path)
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        if not tables:
            with self.transaction():
                for statement in filter(str.strip, _SCHEMA.split(";")):
                    db.execute(statement)
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    # -- plumbing ----------------------------------------------------------------------

    def __enter__(self) -> Memory:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def transaction(self) -> _Transaction:
        """``BEGIN IMMEDIATE`` … ``COMMIT`` (rollback on error): a writer waits, never fails."""
        return _Transaction(self._db)

    @property
    def db(self) -> sqlite3.Connection:
        return self._db

    def pair_id(self, source_lang: str, target_lang: str, *, create: bool = False) -> int | None:
        """The pair's row id (created, with its FTS index, when ``create``)."""
        wanted = (lang_code(source_lang), lang_code(target_lang))
        if wanted in self._pairs:
            return self._pairs[wanted]
        row = self._db.execute("SELECT id FROM pairs WHERE source_lang = ? AND target_lang = ?",
                               wanted).fetchone()
        if row is None:
            if not create:
                return None
            row = (self._create_pair(*wanted),)
        self._pairs[wanted] = int(row[0])
        return int(row[0])

    def _create_pair(self, source_lang: str, target_lang: str) -> int:
        """A new pair row, its FTS5 index and the triggers that keep the index in step."""
        db = self._db
        pair = db.execute("INSERT INTO pairs (source_lang, target_lang) VALUES (?, ?)",
                          (source_lang, target_lang)).lastrowid
        assert pair is not None
        fts = f"fts_{pair}"
        db.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5(source, content='units', "
                   "content_rowid='id', tokenize='unicode61 remove_diacritics 2', detail=none)")
        db.execute(f"CREATE TRIGGER {fts}_ai AFTER INSERT ON units WHEN new.pair = {pair} "
                   f"BEGIN INSERT INTO {fts} (rowid, source) VALUES (new.id, new.source); END")
        db.execute(f"CREATE TRIGGER {fts}_ad AFTER DELETE ON units WHEN old.pair = {pair} "
                   f"BEGIN INSERT INTO {fts} ({fts}, rowid, source) "
                   f"VALUES ('delete', old.id, old.source); END")
        return pair

    # -- writing -----------------------------------------------------------------------

    def add(self, source_lang: str, target_lang: str, units: Iterable[Unit]) -> int:
        """Add or update units in one transaction; returns how many were written.

        A unit with the same source, context and origin file as a stored one replaces its
        target, origin entry and approval time (a re-imported catalogue updates in place).
        """
        written = 0
        with self.transaction():
            pair = self.pair_id(source_lang, target_lang, create=True)
            rows = ((pair, unit_key(u.source, u.context), u.source, u.target, u.context,
                     u.origin_file, u.origin_entry, u.approved_at or now())
                    for u in units if u.source.strip() and u.target.strip())
            top = self._db.execute("SELECT coalesce(max(id), 0) FROM units").fetchone()[0]
            cursor = self._db.executemany(
                "INSERT INTO units (pair, key, source, target, context, origin_file, "
                "origin_entry, approved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (pair, key, origin_file) DO UPDATE SET target = excluded.target, "
                "origin_entry = excluded.origin_entry, approved_at = excluded.approved_at "
                "WHERE target != excluded.target OR origin_entry != excluded.origin_entry",
                rows)
            written = max(cursor.rowcount, 0)
            added = self._db.execute("SELECT source FROM units WHERE id > ? AND pair = ?",
                                     (top, pair))
            self._count_words(pair, (source for (source,) in added), +1)
        return written

    def _count_words(self, pair: int | None, sources: Iterable[str], sign: int) -> None:
        """Add (``sign`` +1) or take away (-1) the sources' words in the ``terms`` counts.

        New units are those with an id above the old maximum (rowids grow), so an update
        in place is not counted twice.
        """
        counts: Counter[str] = Counter()
        for source in sources:
            counts.update(words(source))
        self._db.executemany(
            "INSERT INTO terms (pair, term, docs) VALUES (?, ?, ?) ON CONFLICT (pair, term) "
            "DO UPDATE SET docs = docs + excluded.docs",
            ((pair, term, sign * n) for term, n in counts.items()))
        if sign < 0:
            self._db.execute("DELETE FROM terms WHERE pair = ? AND docs <= 0", (pair,))

    def remove_origin(self, origin_file: str) -> int:
        """Delete every unit that came from ``origin_file``; returns how many."""
        with self.transaction():
            for (pair,) in self._db.execute("SELECT id FROM pairs").fetchall():
                gone = self._db.execute("SELECT source FROM units WHERE origin_file = ? AND "
                                        "pair = ?", (origin_file, pair))
                self._count_words(pair, (source for (source,) in gone), -1)
            return self._db.execute("DELETE FROM units WHERE origin_file = ?",
                                    (origin_file,)).rowcount

    def optimize(self) -> None:
        """Merge the FTS5 indexes' segments and checkpoint the WAL: run after a bulk import,
        so that lookups read one b-tree per index instead of one per import batch."""
        for (pair,) in self._db.execute("SELECT id FROM pairs").fetchall():
            with self.transaction():
                self._db.execute(f"INSERT INTO fts_{pair} (fts_{pair}) VALUES ('optimize')")
        self._db.execute("PRAGMA optimize")
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    # -- reading -----------------------------------------------------------------------

    def exact(self, source_lang: str, target_lang: str, source: str,
              context: str = "") -> list[Unit]:
        """Units with exactly this source and context, most recently approved first."""
        pair = self.pair_id(source_lang, target_lang)
        if pair is None:
            return []
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM units WHERE pair = ? AND key = ? "
            "ORDER BY approved_at DESC", (pair, unit_key(source, context))).fetchall()
        return [Unit(*row) for row in rows if row[0] == source and row[2] == context]

    def units(self, source_lang: str, target_lang: str) -> Iterator[Unit]:
        """Every unit of a pair, in insertion order."""
        pair = self.pair_id(source_lang, target_lang)
        if pair is None:
            return
        for row in self._db.execute(f"SELECT {_COLUMNS} FROM units WHERE pair = ? ORDER BY id",
                                    (pair,)):
            yield Unit(*row)

    def by_ids(self, ids: Iterable[int]) -> dict[int, Unit]:
        wanted = list(ids)
        if not wanted:
            return {}
        marks = ",".join("?" * len(wanted))
        rows = self._db.execute(f"SELECT id, {_COLUMNS} FROM units WHERE id IN ({marks})",
                                wanted)
        return {row[0]: Unit(*row[1:]) for row in rows}

    def pairs(self) -> list[tuple[str, str]]:
        return [(s, t) for s, t in self._db.execute(
            "SELECT source_lang, target_lang FROM pairs ORDER BY source_lang, target_lang")]

    def stats(self) -> list[PairStats]:
        """Units and distinct origin files per language pair."""
        rows = self._db.execute(
            "SELECT p.source_lang, p.target_lang, count(u.id), count(DISTINCT u.origin_file) "
            "FROM pairs p LEFT JOIN units u ON u.pair = p.id GROUP BY p.id "
            "ORDER BY p.source_lang, p.target_lang")
        return [PairStats(*row) for row in rows]


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._outer = False

    def __enter__(self) -> None:
        self._outer = not self._db.in_transaction
        if self._outer:
            self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if not self._outer:
            return
        if kind is None:
            self._db.execute("COMMIT")
        else:
            self._db.execute("ROLLBACK")
