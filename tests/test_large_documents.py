"""A large document reaches the engine in slices, so the engine's working memory does not
grow with the document; slicing changes no translation."""

from __future__ import annotations

from pathlib import Path

import pytest

from translator.documents import parse_text
from translator.executors import Task, local
from translator.service import Service, Settings


def test_slices_give_the_translations_of_one_call(model_files: dict[str, Path],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    page = ("<p>Rutte met Zelenskyy in Kyiv. <b>NATO</b> will support Ukraine.</p>"
            "<ul><li>Drones hit Kharkiv.</li><li>Air defence helps.</li></ul>"
            "<p>The victory plan has <a href='/p'>several points</a>.</p>")
    items = tuple(dict.fromkeys(("html", s.text) for s in parse_text(page, "html").segments))
    service = Service(Settings(models=[model_files["en_uk"]]))
    task = Task(0, "uk", items)
    whole = dict(local.translate_shard(service, [task], "en"))[task]
    monkeypatch.setattr(local, "ENGINE_CALL", 2)
    calls: list[int] = []
    translate = service.translate

    def counted(part: list[tuple[str, str]], *args: object, **kwargs: object) -> object:
        calls.append(len(part))
        return translate(part, *args, **kwargs)  # type: ignore[arg-type]  # as called

    monkeypatch.setattr(service, "translate", counted)
    sliced = dict(local.translate_shard(service, [task], "en"))[task]
    assert calls == [2] * (len(items) // 2) + [1] * (len(items) % 2)
    # texts and notes: a score may differ in the last bits with the batch's padding
    assert {k: (v.text, v.notes) for k, v in sliced.items()} == \
        {k: (v.text, v.notes) for k, v in whole.items()}
