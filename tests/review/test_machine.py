"""Alternatives (t) and re-translation (r): with the fixture models installed in a temporary
Argos store (``argos_env`` from tests/conftest.py, skipped until they are built) they offer
and apply real engine output; without a model they say why and the review goes on (that
path is also covered in test_keys)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from textual.message import Message

from translator.review.app import create_app
from translator.review.dialogs import AlternativesScreen

from .test_keys import ARRIVED, VICTORY, goto, notes, screen, settle

pytestmark = pytest.mark.anyio

needs_enforcement = pytest.mark.skipif(
    importlib.util.find_spec("translator.glossary.enforce") is None,
    reason="glossary enforcement (translator.glossary.enforce) is not there yet",
)


async def test_without_a_model_the_keys_name_the_missing_pair(
    catalogue: Path, glossary: Path
) -> None:
    seen: list[Message] = []
    app = create_app(catalogue, glossary)
    async with app.run_test(message_hook=seen.append) as pilot:
        await settle(app, pilot)
        await goto(app, pilot, ARRIVED)
        await pilot.press("t")
        await settle(app, pilot)
        [message] = [n for n in notes(seen) if n.startswith("Alternatives unavailable")]
        assert "en" in message and "uk" in message
        await pilot.press("a")
        assert not screen(app).current.current.fuzzy


async def test_alternatives_pick_list_applies_the_chosen_translation(
    catalogue: Path, argos_env: Path
) -> None:
    app = create_app(catalogue)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await goto(app, pilot, ARRIVED)
        await pilot.press("t")
        await settle(app, pilot)
        picker = app.screen
        assert isinstance(picker, AlternativesScreen) and picker.alternatives
        assert all(text for text, _ in picker.alternatives)
        if len(picker.alternatives) > 1:
            await pilot.press("down", "enter")
        else:
            await pilot.press("enter")
        chosen = picker.alternatives[1 if len(picker.alternatives) > 1 else 0][0]
        entry = screen(app).current
        assert entry.current.forms == (chosen,) and entry.current.fuzzy


@needs_enforcement
async def test_retranslate_fills_an_untranslated_entry_in_the_background(
    catalogue: Path, glossary: Path, argos_env: Path
) -> None:
    app = create_app(catalogue, glossary)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await goto(app, pilot, VICTORY)
        await pilot.press("r")
        await pilot.press("j")  # the screen keeps working while the engine runs
        await settle(app, pilot)
        entry = next(e for e in screen(app).session.entries if e.msgid == VICTORY)
        assert entry.current.forms[0] and entry.current.fuzzy
        assert entry.problems is not None  # checked against the glossary like any edit
