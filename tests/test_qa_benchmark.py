"""The QA benchmark's planted omissions are the ones an engine makes (issue 12 §5 b).

An engine that drops part of a sentence stops at a sentence or clause boundary and still
ends with the source's final mark; a fault planted any other way would be easier to find
than the real one and flatter the detection rate.
"""

from __future__ import annotations

import random

import pytest

from benchmarks.qa import _drop_clause, _drop_half


@pytest.mark.parametrize(("target", "expected"), [
    # two sentences: the second goes, the first keeps its full stop
    ("Цей параметр потребує експертного режиму. Увімкніть його в налаштуваннях.",
     "Цей параметр потребує експертного режиму."),
    # a clause after the comma nearest the middle goes; the final mark comes back
    ("Вставляти пробіли, якщо загальний відступ менше ширини символу табуляції, інакше "
     "використовувати пробіли та символи табуляції.",
     "Вставляти пробіли, якщо загальний відступ менше ширини символу табуляції."),
    # no comma: the cut falls before the conjunction, the trailing newline is kept
    ("Будь ласка, перейменуйте символічне посилання або натисніть кнопку «Пропустити».\n",
     "Будь ласка, перейменуйте символічне посилання.\n"),
    # no boundary at all: the middle word
    ("Показувати діалог підтвердження при завершенні сеансу",
     "Показувати діалог підтвердження"),
])
def test_engine_omission_cuts_at_a_boundary(target: str, expected: str) -> None:
    source = "one two three four five six seven"
    assert _drop_clause(source, target, random.Random(0)) == expected


def test_short_entries_are_not_planted() -> None:
    assert _drop_clause("Open the file now please", "Відкрити файл зараз", random.Random(0)) \
        is None
    assert _drop_half("Open the file now please", "Відкрити файл зараз", random.Random(0)) is None


def test_translator_truncation_stops_mid_sentence() -> None:
    cut = _drop_half("one two three four five six", "Вставляти пробіли, якщо загальний відступ "
                     "менше ширини.", random.Random(0))
    assert cut == "Вставляти пробіли, якщо"
