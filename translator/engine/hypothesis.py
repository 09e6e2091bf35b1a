"""What the engine returns: translations with token offsets and alignment.

Plain data with no native import, so the service, the glossary enforcer and the review
can name these types at run time without loading CTranslate2 or SentencePiece.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

__all__ = ["Hypothesis", "Token"]


class Token(NamedTuple):
    """One SentencePiece piece and the characters ``text[start:end]`` it stands for.

    The span excludes the leading space a ``▁`` stands for, so a lone ``▁`` has
    ``start == end``; it points into the source text (encoding) or the translation
    (decoding). A NamedTuple: a run makes millions, and a frozen dataclass is 2x slower
    to build.
    """

    piece: str
    start: int
    end: int


@dataclass(frozen=True)
class Hypothesis:
    """One translation of one text.

    ``score`` is CTranslate2's length-normalised log probability (summed over both legs
    of a pivot, and over the chunks of a text too long for the model). ``source_tokens``
    point into the source text, ``target_tokens`` into ``text``; ``alignment[i]`` is the
    index of the source token that target token ``i`` attends to most (empty unless
    alignment was asked for).

    >>> Hypothesis("Привіт.", -0.5).alignment
    []
    """

    text: str
    score: float
    source_tokens: list[Token] = field(default_factory=list)
    target_tokens: list[Token] = field(default_factory=list)
    alignment: list[int] = field(default_factory=list)
