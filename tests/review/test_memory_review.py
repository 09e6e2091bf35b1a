"""Issue 13 in the review: the source diff of a translation carried over from a changed
source (``#| msgid``), a fresh machine translation of it one key away, and the translation
memory's matches (score, origin, source diff) picked like the n-best alternatives. Every
memory here is a real SQLite file under tmp_path."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from textual.message import Message

from translator.cli import main
from translator.memory import Memory, Unit
from translator.review.app import create_app
from translator.review.dialogs import MemoryScreen
from translator.review.widgets.source_diff import ADDED, REMOVED

from .test_keys import ARRIVED, RAMSTEIN, goto, notes, screen, settle

pytestmark = pytest.mark.anyio

OLD = "Mark Rutte arrived in Kyiv on Monday morning."
CARRIED = "Марк Рютте прибув до Києва в понеділок вранці."
SIMILAR = "Mark Rutte arrived in Kyiv on Friday evening."
SIMILAR_UK = "Марк Рютте прибув до Києва в пʼятницю ввечері."


def carried_over(catalogue: Path) -> Path:
    """The sample with ARRIVED as ``msgmerge``/``translate`` leave a changed source: the old
    translation, fuzzy, with the old source in ``#| msgid``."""
    text = catalogue.read_text(encoding="utf-8")
    text = text.replace(
        f'#, fuzzy\nmsgid "{ARRIVED}"\nmsgstr "Марк Рютте прибув до Києва у вівторок вранці."',
        f'#, fuzzy\n#| msgid "{OLD}"\nmsgid "{ARRIVED}"\nmsgstr "{CARRIED}"')
    assert f'#| msgid "{OLD}"' in text
    catalogue.write_text(text, encoding="utf-8")
    return catalogue


def styled(content: object, style: str) -> list[str]:
    """The pieces of a Textual ``Content`` drawn in ``style``."""
    plain = str(content)
    return [plain[span.start:span.end] for span in content.spans  # type: ignore[attr-defined]
            if str(span.style) == style]


def memory_with(path: Path, origin: Path, *units: tuple[str, str]) -> Path:
    with Memory(path) as memory:
        memory.add("en", "uk", [Unit(source, target, origin_file=str(origin),
                                     origin_entry="line 12", approved_at="2026-11-30T10:00:00")
                                for source, target in units])
    return path


async def test_carried_over_entry_shows_old_to_new_source_with_changed_words(
    catalogue: Path,
) -> None:
    app = create_app(carried_over(catalogue))
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await goto(app, pilot, ARRIVED)
        changed = app.screen.query_one("#changed")
        assert changed.display
        content = changed.visual  # type: ignore[attr-defined]
        assert styled(content, REMOVED) == ["Monday"]
        assert styled(content, ADDED) == ["Tuesday"]
        await goto(app, pilot, RAMSTEIN)  # no #| msgid: no diff
        assert not app.screen.query_one("#changed").display


async def test_a_fresh_machine_translation_of_a_carried_entry_is_one_key_away(
    catalogue: Path, argos_env: Path
) -> None:
    app = create_app(carried_over(catalogue))
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await goto(app, pilot, ARRIVED)
        await pilot.press("r")
        await settle(app, pilot)
        entry = screen(app).current
        fresh = entry.current.forms[0]
        assert fresh and fresh != CARRIED and entry.current.fuzzy
        await pilot.press("ctrl+z")  # and the carried translation is one key back
        assert entry.current.forms == (CARRIED,)
        await pilot.press("ctrl+y", "ctrl+s")
        await settle(app, pilot)
    saved = polib.pofile(str(catalogue)).find(ARRIVED)
    assert saved is not None and saved.msgstr == fresh and saved.fuzzy
    assert saved.previous_msgid == OLD  # the reviewer still sees what changed


async def test_memory_matches_are_shown_with_score_origin_and_diff_and_picked_by_number(
    catalogue: Path, tmp_path: Path
) -> None:
    other = tmp_path / "older.uk.po"
    tm = memory_with(tmp_path / "tm.sqlite", other, (SIMILAR, SIMILAR_UK),
                     ("Something else entirely was said.", "Щось зовсім інше."))
    seen: list[Message] = []
    app = create_app(catalogue, memory=tm)
    async with app.run_test(message_hook=seen.append) as pilot:
        await settle(app, pilot)
        await goto(app, pilot, ARRIVED)
        await settle(app, pilot)
        review = screen(app)
        assert any(isinstance(m, review.MemoryFound) for m in seen)  # from a worker
        panel = review.detail.memory
        assert panel.display
        text = str(panel.visual)  # type: ignore[attr-defined]
        assert SIMILAR_UK in text and "older.uk.po:12, 2026-11-30" in text
        assert "%" in text and "Щось" not in text  # under the threshold
        assert styled(panel.visual, REMOVED) == ["Friday evening"]  # type: ignore[attr-defined]
        assert styled(panel.visual, ADDED) == ["Tuesday morning"]  # type: ignore[attr-defined]
        await pilot.press("m")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, MemoryScreen) and len(picker.matches) == 1
        await pilot.press("1")
        await pilot.pause()
        entry = review.current
        assert entry.current.forms == (SIMILAR_UK,) and entry.current.fuzzy


async def test_saving_an_approval_feeds_the_memory_and_shows_up_as_a_match(
    catalogue: Path, tmp_path: Path
) -> None:
    tm = tmp_path / "tm.sqlite"
    app = create_app(catalogue, memory=tm)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await goto(app, pilot, ARRIVED)
        assert not tm.exists()  # looking creates no memory
        await pilot.press("a", "ctrl+s")
        await settle(app, pilot)
        with Memory(tm) as memory:
            [unit] = memory.exact("en", "uk", ARRIVED)
        await pilot.press("m")  # the save emptied the cache: looked up again
        await settle(app, pilot)
        assert isinstance(app.screen, MemoryScreen)
        assert app.screen.matches[0].unit.target == unit.target
        assert app.screen.matches[0].score == 100


async def test_without_a_memory_nothing_is_created_and_m_says_why(
    catalogue: Path, tmp_path: Path, _isolate_memory: Path
) -> None:
    seen: list[Message] = []
    app = create_app(catalogue, memory=None)
    async with app.run_test(message_hook=seen.append) as pilot:
        await settle(app, pilot)
        await goto(app, pilot, ARRIVED)
        await pilot.press("m", "a", "ctrl+s")
        await settle(app, pilot)
        assert any("--no-tm" in note for note in notes(seen))
    assert not _isolate_memory.exists() and not list(tmp_path.glob("*.sqlite"))


def test_cli_review_memory_options_fail_in_one_line(
    catalogue: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["review", str(catalogue), "--tm", str(tmp_path / "a"), "--no-tm"]) == 2
    assert "contradict" in capsys.readouterr().err
    foreign = tmp_path / "foreign.sqlite"
    foreign.write_bytes(b"this is no database at all" * 100)
    assert main(["review", str(catalogue), "--tm", str(foreign)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(foreign) in err and "memory" in err


async def test_markdown_links_in_sources_are_text_not_markup_in_the_picker(
    tmp_path: Path,
) -> None:
    from .test_qa_review import write

    source = "See [Ramstein Air Base](https://example.org/) on Tuesday."
    path = write(tmp_path, f'msgid "{source}"\nmsgstr ""\n')
    target = "Див. [авіабазу Рамштайн](https://example.org/) у понеділок."
    tm = memory_with(tmp_path / "tm.sqlite", tmp_path / "older.po",
                     (source.replace("Tuesday", "Monday"), target))
    app = create_app(path, memory=tm)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("m")
        await settle(app, pilot)
        picker = app.screen
        assert isinstance(picker, MemoryScreen)
        assert str(picker.query_one(".source").visual) == source  # type: ignore[attr-defined]
        assert target in str(picker.choices[0])
