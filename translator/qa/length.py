"""Length: a translation far shorter than its source has probably lost content.

Measured in characters and in words, each against the catalogue's own typical ratio
(Ukrainian needs more letters and fewer words than English: no articles), so a terse
catalogue is not flagged as a whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from translator.qa.base import Pair, Problem, check

MIN_SOURCE = 24  # characters; shorter sources vary too much to judge ("Open" → «Відкрити»)
MIN_WORDS = 4
_MARKUP = re.compile(r"<[^>]+>|&\w+;|%\S|\{[^}]*\}|\s+")
_WORD = re.compile(r"[^\W\d_]+")
# Ukrainian words that cannot end a sentence: prepositions, conjunctions, relative words.
_DANGLING = frozenset(
    "в у на з із зі до для від про по за під над між через без при після перед крізь біля "
    "і й та або чи але а що які який яка яке якого яких якій якщо коли щоб бо ніж".split())
_OPEN_ENDED = frozenset("and or either to of for with the a an in on at by from that which if "
                        "when".split())  # an English source cut off itself (a wrapped line)


def letters(text: str) -> int:
    """Length without tags, placeholders and runs of space: what a reader reads."""
    return len(_MARKUP.sub(" ", text).strip())


def words(text: str) -> int:
    return len(_WORD.findall(_MARKUP.sub(" ", text)))


@check("length", "warning")
def length(pair: Pair) -> Iterator[Problem]:
    """Translation far shorter than the source, or cut off mid-sentence (content dropped)."""
    settings = pair.settings
    source, target = letters(pair.source), letters(pair.target)
    if source < MIN_SOURCE or not target:
        return
    by_chars = target / source / settings.length_ratio
    source_words = words(pair.source)
    by_words = (words(pair.target) / source_words / settings.word_ratio
                if source_words >= MIN_WORDS else 1.0)
    last = _WORD.findall(pair.target.lower())[-1:]
    source_last = _WORD.findall(pair.source.lower())[-1:]
    if last and last[0] in _DANGLING and pair.target.rstrip()[-1:].isalpha() \
            and not (source_last and source_last[0] in _OPEN_ENDED):
        yield Problem(f"ends mid-sentence, at «{last[0]}»", 0, len(pair.target))
    elif by_chars < 0.6 or by_words < 0.55:
        yield Problem(f"{target} characters for {source} in the source ({by_chars:.0%} and "
                      f"{by_words:.0%} by words of the catalogue's usual ratio)",
                      0, len(pair.target))
