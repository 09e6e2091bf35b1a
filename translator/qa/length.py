"""Length: a translation far shorter than its source has probably lost content.

Measured in characters and in words, each against the catalogue's own typical ratio, so a
terse catalogue is not flagged as a whole. English function words (articles, auxiliaries,
"there was", "do you want to") have no Ukrainian counterpart, so the source side counts
only the rest: «Помилка читання теки» is not short for "There was an error reading the
folder".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from translator.qa.base import Pair, Problem, check

MIN_SOURCE = 24  # characters; shorter sources vary too much to judge ("Open" → «Відкрити»)
MIN_WORDS = 4
_MARKUP = re.compile(r"<[^>]+>|&\w+;|%\S|\{[^}]*\}|\s+")
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")  # doesn't, пам'ять: one word
_FUNCTION_WORDS = frozenset(
    "the a an of by to is are was were be been being has have had do does did it its there this "
    "these those that you your will would can could should shall may might must please "
    "want wish sure".split())
# Ukrainian words that cannot end a sentence: prepositions, conjunctions, relative words.
_DANGLING = frozenset(
    "в у на з із зі до для від про по за під над між через без при після перед крізь біля "
    "і й та або чи але а що які який яка яке якого яких якій якщо коли щоб бо ніж".split())
_OPEN_ENDED = frozenset("and or either to of for with the a an in on at by from that which if "
                        "when".split())  # an English source cut off itself (a wrapped line)


def letters(text: str, *, english: bool = False) -> int:
    """Length without tags, placeholders and runs of space (and English function words)."""
    text = _MARKUP.sub(" ", text)
    if english:
        text = " ".join(w for w in text.split() if w.lower().strip(".,:;!?\"'()") not in
                        _FUNCTION_WORDS)
    return len(text.strip())


def words(text: str, *, english: bool = False) -> int:
    """Words, without tags and placeholders (and English function words)."""
    found = _WORD.findall(_MARKUP.sub(" ", text))
    return sum(1 for w in found if not english or w.lower() not in _FUNCTION_WORDS)


@check("length", "warning")
def length(pair: Pair) -> Iterator[Problem]:
    """Translation far shorter than the source, or cut off mid-sentence (content dropped)."""
    settings = pair.settings
    if letters(pair.source) < MIN_SOURCE:
        return
    source, target = letters(pair.source, english=True), letters(pair.target)
    if not target or not source:
        return
    by_chars = target / source / settings.length_ratio
    source_words = words(pair.source, english=True)
    by_words = (words(pair.target) / source_words / settings.word_ratio
                if source_words >= MIN_WORDS else 1.0)
    last = _WORD.findall(pair.target.lower())[-1:]
    source_last = _WORD.findall(pair.source.lower())[-1:]
    if last and last[0] in _DANGLING and pair.target.rstrip()[-1:].isalpha() \
            and not (source_last and source_last[0] in _OPEN_ENDED):
        yield Problem(f"ends mid-sentence, at «{last[0]}»", 0, len(pair.target))
    elif by_chars < 0.6 or by_words < 0.6:
        yield Problem(f"{target} characters for {source} in the source ({by_chars:.0%} and "
                      f"{by_words:.0%} by words of the catalogue's usual ratio)",
                      0, len(pair.target))
