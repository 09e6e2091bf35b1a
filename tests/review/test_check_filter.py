"""Issue 12 §4: problems filterable by check id. ``c`` lists the check ids found (with how
many entries have each); picking one keeps the list and n/p to its entries; "All checks"
clears it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.message import Message

from translator.review.app import create_app
from translator.review.dialogs import FilterScreen
from translator.review.widgets import ReviewHeader

from .test_keys import notes, screen, settle
from .test_qa_review import write

pytestmark = pytest.mark.anyio

ENTRIES = (
    'msgid "_Open"\nmsgstr "Відкрити"\n',  # accelerator
    'msgid "Kyiv is the capital."\nmsgstr "Kиїв — столиця."\n',  # mixed-script
    'msgid "_Save"\nmsgstr "_Зберегти"\n',
    'msgid "_Quit"\nmsgstr "Вийти"\n',  # accelerator
    'msgid "_Edit"\nmsgstr "_Зміни"\n',
)


async def test_c_filters_list_and_next_to_one_check_and_clears_again(tmp_path: Path) -> None:
    seen: list[Message] = []
    app = create_app(write(tmp_path, *ENTRIES))
    async with app.run_test(message_hook=seen.append) as pilot:
        await settle(app, pilot)
        review = screen(app)
        await pilot.press("c")
        picker = app.screen
        assert isinstance(picker, FilterScreen)
        labels = dict(picker.options)
        assert labels[""].startswith("All checks")
        assert labels["accelerator"].startswith("accelerator  (2)")
        assert labels["mixed-script"].startswith("mixed-script  (1)")
        assert list(labels)[1] == "accelerator"  # most entries first
        await pilot.press("down", "enter")
        await pilot.pause()
        assert review.session.check_filter == "accelerator"
        shown = [review.session.entries[row].msgid for row in review.segments.rows]
        assert shown == ["_Open", "_Quit"]
        header = str(review.query_one("#header", ReviewHeader).visual)  # type: ignore[attr-defined]
        assert "accelerator: 2" in header
        await pilot.press("n")
        assert review.current.msgid == "_Quit"
        await pilot.press("n")
        assert review.current.msgid == "_Open"  # wrapped, never the mixed-script entry
        await pilot.press("e", "home", "_", "escape")
        assert review.current.current.forms == ("_Відкрити",)
        assert not review.session.has_problem(review.current)  # fixed: still listed, but
        await pilot.press("n", "n")  # n/p no longer stop there
        assert review.current.msgid == "_Quit"
        await pilot.press("c")
        assert isinstance(app.screen, FilterScreen)
        await pilot.press("home", "enter")  # "All checks"
        await pilot.pause()
        assert review.session.check_filter == ""
        assert len(review.segments.rows) == len(ENTRIES)
    assert not any("every entry is approved" in note for note in notes(seen))


async def test_n_under_a_check_filter_says_when_none_is_left(tmp_path: Path) -> None:
    seen: list[Message] = []
    app = create_app(write(tmp_path, *ENTRIES[1:3]))
    async with app.run_test(message_hook=seen.append) as pilot:
        await settle(app, pilot)
        review = screen(app)
        await pilot.press("c", "down", "enter")
        assert review.session.check_filter == "mixed-script"
        await pilot.press("e", "home", "delete", "К", "escape")  # Cyrillic К now
        await pilot.press("n")
        assert any("No entry here needs work for mixed-script" in n for n in notes(seen))
