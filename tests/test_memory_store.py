"""The translation memory store: a real SQLite file, exact and fuzzy lookup, concurrency."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from translator.errors import MemoryFileError
from translator.memory import Memory, Unit, lookup
from translator.memory.store import SCHEMA_VERSION

RUTTE = "NATO Secretary-General Mark Rutte arrived in Kyiv on Thursday."
RUTTE_UK = "Генеральний секретар НАТО Марк Рютте у четвер прибув до Києва."


@pytest.fixture
def memory(tmp_path: Path) -> Memory:
    with Memory(tmp_path / "tm.sqlite") as opened:
        yield opened


def test_exact_lookup_needs_same_source_and_context(memory: Memory) -> None:
    memory.add("en", "uk", [Unit(RUTTE, RUTTE_UK), Unit("Open", "Відкрити", context="menu")])
    assert [u.target for u in memory.exact("en", "uk", RUTTE)] == [RUTTE_UK]
    assert memory.exact("en", "uk", RUTTE + " ") == []
    assert memory.exact("en", "uk", "Open") == []
    assert [u.target for u in memory.exact("en", "uk", "Open", "menu")] == ["Відкрити"]
    assert memory.exact("en", "pl", RUTTE) == []


def test_language_codes_are_primary_subtags(memory: Memory) -> None:
    memory.add("en-US", "uk_UA", [Unit(RUTTE, RUTTE_UK)])
    assert memory.pairs() == [("en", "uk")]
    assert memory.exact("en", "uk", RUTTE)


def test_reimport_of_a_file_updates_its_units_in_place(memory: Memory) -> None:
    assert memory.add("en", "uk", [Unit(RUTTE, "old", origin_file="a.po")]) == 1
    assert memory.add("en", "uk", [Unit(RUTTE, "old", origin_file="a.po")]) == 0
    assert memory.add("en", "uk", [Unit(RUTTE, RUTTE_UK, origin_file="a.po")]) == 1
    assert [u.target for u in memory.exact("en", "uk", RUTTE)] == [RUTTE_UK]
    memory.add("en", "uk", [Unit(RUTTE, "other", origin_file="b.po")])
    assert len(memory.exact("en", "uk", RUTTE)) == 2
    assert memory.stats()[0].units == 2


def test_remove_origin_removes_its_units_from_both_lookups(memory: Memory) -> None:
    memory.add("en", "uk", [Unit(RUTTE, RUTTE_UK, origin_file="a.po")])
    memory.add("en", "uk", [Unit("The cat sat on the mat.", "Кіт сидів.", origin_file="b.po")])
    assert memory.remove_origin("a.po") == 1
    assert memory.exact("en", "uk", RUTTE) == []
    assert lookup(memory, "en", "uk", RUTTE.replace("Thursday", "Friday")) == []
    assert memory.stats()[0].units == 1


def test_fuzzy_finds_a_one_word_edit_and_ranks_closer_first(memory: Memory) -> None:
    memory.add("en", "uk", [
        Unit(RUTTE, RUTTE_UK),
        Unit("NATO Secretary-General Mark Rutte left Kyiv on Monday evening.", "поїхав"),
        Unit("The weather in Lviv was cold and wet all week.", "погода"),
    ])
    matches = lookup(memory, "en", "uk", RUTTE.replace("Thursday", "Friday"))
    assert matches[0].unit.target == RUTTE_UK
    assert 75 <= matches[0].score < 100
    assert all(m.unit.target != "погода" for m in matches)
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


def test_fuzzy_respects_threshold_and_limit(memory: Memory) -> None:
    memory.add("en", "uk", [Unit(f"Rutte met minister number {n} in Kyiv today.", str(n))
                            for n in range(20)])
    assert len(lookup(memory, "en", "uk", "Rutte met minister number 7 in Kyiv today.")) == 5
    assert lookup(memory, "en", "uk", "Rutte met the press.", threshold=90) == []


def test_fuzzy_finds_the_right_unit_among_many_near_duplicates(memory: Memory) -> None:
    units = [Unit(f"Officials in region {n} reported {n % 7} incidents overnight.", f"t{n}")
             for n in range(3000)]
    units.append(Unit(RUTTE, RUTTE_UK))
    memory.add("en", "uk", units)
    best = lookup(memory, "en", "uk", "NATO Secretary-General Mark Rutte came to Kyiv on Thursday.")
    assert best and best[0].unit.target == RUTTE_UK
    common = lookup(memory, "en", "uk", "Officials in region 1234 reported 2 incidents overnight.")
    assert common[0].unit.source == "Officials in region 1234 reported 2 incidents overnight."


def test_garbage_file_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a database at all\n" * 100)
    with pytest.raises(MemoryFileError, match="not a translation memory") as error:
        Memory(path)
    assert str(error.value).startswith(str(path))
    assert "\n" not in str(error.value)


def test_foreign_sqlite_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE t (x)")
    before = path.read_bytes()
    with pytest.raises(MemoryFileError, match="not a translation memory"):
        Memory(path)
    assert path.read_bytes() == before


def test_memory_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite"
    Memory(path).close()
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(MemoryFileError, match="newer"):
        Memory(path)


def test_opening_without_create_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(MemoryFileError):
        Memory(tmp_path / "sub" / "tm.sqlite", create=False)
    assert not (tmp_path / "sub").exists()


def _writer(path: str, name: str, rounds: int) -> None:
    with Memory(Path(path)) as memory:
        for n in range(rounds):
            memory.add("en", "uk", [Unit(f"{name} sentence {n}.{k}", f"{name} {n}.{k}",
                                         origin_file=f"{name}.po") for k in range(10)])


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite"
    Memory(path).close()
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(str(path), name, 30))
               for name in ("review", "translate")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    with Memory(path) as memory:
        assert memory.stats()[0].units == 600
        assert memory.exact("en", "uk", "review sentence 29.9")
        assert lookup(memory, "en", "uk", "translate sentence 17.3")[0].score == 100


def test_word_counts_follow_adds_updates_and_removals(memory: Memory) -> None:
    """The counts fuzzy lookup ranks words by always equal a recount of the stored units."""
    from collections import Counter

    from translator.memory.tokens import words

    memory.add("en", "uk", [Unit(RUTTE, RUTTE_UK, origin_file="a.po"),
                            Unit("Rutte met Zelenskyy.", "x", origin_file="a.po")])
    memory.add("en", "uk", [Unit(RUTTE, "updated", origin_file="a.po"),  # in place
                            Unit(RUTTE, RUTTE_UK, origin_file="b.po")])
    memory.remove_origin("a.po")
    memory.add("en", "pl", [Unit(RUTTE, "Rutte przybył.", origin_file="a.po")])
    for source_lang, target_lang in memory.pairs():
        pair = memory.pair_id(source_lang, target_lang)
        stored = dict(memory.db.execute("SELECT term, docs FROM terms WHERE pair = ?", (pair,)))
        recount: Counter[str] = Counter()
        for unit in memory.units(source_lang, target_lang):
            recount.update(words(unit.source))
        assert stored == dict(recount)
