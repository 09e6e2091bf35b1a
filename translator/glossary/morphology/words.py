"""Words of a target text: the tokens every glossary check works on, and how they compare.

A ``Word`` is a run of letters and digits (inner apostrophes and combining marks kept) with
its character range in the text as written; hyphens and punctuation separate words. This is
not the engine's ``Token`` (a SentencePiece piece, ``engine/tokenize.py``): glossary checks
look at whole words, the engine at subword pieces.

Words are compared in one Unicode form (``normal``): a decomposed «Київ» (і + U+0308) or
a stressed «Ки́їв» (U+0301) is «Київ», while offsets stay those of the text as written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# letters and digits, with combining marks inside a word (NFD text, stress marks)
_PART = r"[^\W_]+(?:[\u0300-\u036f\u0483-\u0489]+[^\W_]*)*"
_WORD = re.compile(rf"{_PART}(?:['\u2019\u02bc]{_PART})*")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "`": "'"})
# acute and grave marks that NFC leaves uncomposed: stress on Cyrillic vowels («Ки́їв»)
_STRESS = dict.fromkeys(map(ord, "\u0301\u0300"))
_OPENERS = " \t\"'«„“‘([*_"
_SENTENCE_END = re.compile(r"[.!?…:\n][\s\"'«„“‘(\[*_]*$")


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a target text and its character range."""

    text: str
    start: int
    end: int


def normal(text: str) -> str:
    """``text`` in NFC without stress marks: the form words are compared in.

    >>> normal("Ки\u0301\u0456\u0308в") == "Київ"
    True
    """
    if text.isascii():
        return text
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text.translate(_STRESS) if "\u0301" in text or "\u0300" in text else text


def normal_spans(text: str) -> tuple[str, list[tuple[int, int]] | None]:
    """``normal(text)`` and, for each of its characters, the range of ``text`` it came from
    (a letter with its combining marks), so that matches map back to the text as written;
    ``None`` when the text is already normal (offsets are the same)."""
    if normal(text) == text:
        return text, None
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    start = 0
    for end in range(1, len(text) + 1):
        if end < len(text) and unicodedata.combining(text[end]):
            continue  # a mark belongs to the letter before it
        piece = normal(text[start:end])
        out.append(piece)
        spans += [(start, end)] * len(piece)
        start = end
    return "".join(out), spans


def fold_word(word: str) -> str:
    """Lower case in ``normal`` form with one apostrophe (pymorphy3's Ukrainian dictionary
    uses ``'``)."""
    return normal(word).translate(_APOSTROPHES).lower()


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
