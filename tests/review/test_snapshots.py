"""What the reviewer sees: the main screen with a glossary violation, both themes, 80×24
and wide. Update with ``pytest tests/review/test_snapshots.py --snapshot-update`` and look
at the SVGs before committing them."""

from __future__ import annotations

from pathlib import Path

from translator.review.app import create_app
from translator.review.screens import ReviewScreen

RAMSTEIN = "Ramstein Air Base will host the next meeting of the allies."
PLURAL = "%d new air defence system was promised."


def prepared(msgid: str, theme: str):  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        app = pilot.app
        app.theme = theme
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        entry = next(e for e in screen.session.entries if e.msgid == msgid)
        screen.segments.select_entry(entry)
        await pilot.pause()
        await app.workers.wait_for_complete()  # the memory lookup of the entry selected
        await pilot.pause()

    return run_before


def test_violation_dark_80x24(snap_compare, catalogue: Path, glossary: Path) -> None:  # type: ignore[no-untyped-def]
    app = create_app(catalogue, glossary)
    assert snap_compare(app, terminal_size=(80, 24), run_before=prepared(RAMSTEIN, "textual-dark"))


def test_violation_light_80x24(snap_compare, catalogue: Path, glossary: Path) -> None:  # type: ignore[no-untyped-def]
    app = create_app(catalogue, glossary)
    assert snap_compare(app, terminal_size=(80, 24), run_before=prepared(RAMSTEIN, "textual-light"))


def test_violation_wide_dark(snap_compare, catalogue: Path, glossary: Path) -> None:  # type: ignore[no-untyped-def]
    app = create_app(catalogue, glossary)
    assert snap_compare(app, terminal_size=(160, 36), run_before=prepared(RAMSTEIN, "textual-dark"))


def test_plural_forms_light_wide(snap_compare, catalogue: Path, glossary: Path) -> None:  # type: ignore[no-untyped-def]
    app = create_app(catalogue, glossary)
    assert snap_compare(app, terminal_size=(160, 36), run_before=prepared(PLURAL, "textual-light"))


def test_source_diff_and_memory_matches_dark_80x24(snap_compare, catalogue: Path,  # type: ignore[no-untyped-def]
                                                   tmp_path: Path) -> None:
    from .test_memory_review import ARRIVED, SIMILAR, SIMILAR_UK, carried_over, memory_with

    tm = memory_with(tmp_path / "tm.sqlite", tmp_path / "older.uk.po", (SIMILAR, SIMILAR_UK))
    app = create_app(carried_over(catalogue), memory=tm)
    assert snap_compare(app, terminal_size=(80, 24), run_before=prepared(ARRIVED, "textual-dark"))
