"""Words of a target text: the tokens every glossary check works on, and how they compare.

A ``Word`` is a run of letters and digits (inner apostrophes kept) with its character range
in the text as written; hyphens and punctuation separate words. This is not the engine's
``Token`` (a SentencePiece piece, ``engine/tokenize.py``): glossary checks look at whole
words, the engine at subword pieces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[^\W_]+(?:['\u2019\u02bc][^\W_]+)*")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "`": "'"})
_OPENERS = " \t\"'«„“‘([*_"
_SENTENCE_END = re.compile(r"[.!?…:\n][\s\"'«„“‘(\[*_]*$")


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a target text and its character range."""

    text: str
    start: int
    end: int


def fold_word(word: str) -> str:
    """Lower case with one apostrophe (pymorphy3's Ukrainian dictionary uses ``'``)."""
    return word.translate(_APOSTROPHES).lower()


def tokenize(text: str) -> list[Word]:
    """Words (letters and digits, inner apostrophes); hyphens and punctuation separate."""
    return [Word(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def sentence_initial(text: str, start: int) -> bool:
    """True when ``text[start]`` begins a sentence (or the text, a line, a quotation)."""
    before = text[:start]
    return not before.strip(_OPENERS) or bool(_SENTENCE_END.search(before[-12:]))


def initial_case(text: str, upper: bool) -> str:
    """``text`` with its first letter upper or lower case (a common noun's rendering takes
    the case of the sentence). An acronym («НАТО», «USB») is left alone.

    >>> initial_case("Символ табуляції", upper=False)
    'символ табуляції'
    """
    first = tokenize(text)[:1]
    if not first or (len(first[0].text) > 1 and first[0].text.isupper()):
        return text
    at = first[0].start
    return text[:at] + (text[at].upper() if upper else text[at].lower()) + text[at + 1 :]
