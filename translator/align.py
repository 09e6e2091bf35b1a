"""Where marked words went, without attention: translate them alone, find that in the whole.

Argos models (OpenNMT-py transformers) were trained without guided alignment, so the argmax
of their attention often points a word at its neighbour or at the full stop. Markup is
placed better by asking the model what the marked words *are* in the target: each
formatting span's text is translated on its own (in the same batch as the sentences,
once per distinct text), and that translation is found in the sentence's translation by
word likeness that knows Ukrainian inflection («план» ~ «плану», «Зеленський» ~
«Зеленського») and names in the other script («Rutte» ~ «Рютте»). Attention only breaks
ties between equally good places and answers for spans this finds nowhere.

>>> found = locate(["план перемоги"], "Rutte backed the plan.", "Рютте підтримав план перемоги.")
>>> "Рютте підтримав план перемоги."[slice(*found)]
'план перемоги'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from translator.inline import FORMATTING, Inline
from translator.placement import Alignment

__all__ = ["METHODS", "combined", "locate", "span_texts"]

METHODS = ("spans", "attention")  # the default first
_LIKE = 0.75  # spelling likeness (Indel ratio) for words neither lemma nor name matches
_MIN_SCORE = 0.5  # word F-score below which a place is no place


def span_texts(inline: Inline) -> list[str]:
    """The texts of the segment's formatting spans worth translating alone: with a
    letter, and not the whole segment (its own translation is the sentence's)."""
    whole = inline.plain.strip()
    texts = []
    for span in inline.spans:
        text = inline.plain[span.start:span.end].strip()
        if span.kind in FORMATTING and text != whole and any(c.isalpha() for c in text):
            texts.append(text)
    return list(dict.fromkeys(texts))


def locate(translations: Sequence[str], source: str, target: str, lang: str = "uk",
           near: tuple[int, int] | None = None) -> tuple[int, int] | None:
    """The run of ``target`` words most like the first of the ``translations`` (best
    first) of the marked ``source`` words that is found at all — the first together with
    the source words themselves, for names —, as a character range; ``near`` (attention's
    answer) decides between equally good runs."""
    from translator.glossary.morphology import tokenize

    words = tokenize(target)
    tiers = [[(t, False) for t in translations[:1]] + [(source, True)]]
    tiers += [[(t, False)] for t in translations[1:]]
    for tier in tiers if words else []:
        best: tuple[float, int, int, int] | None = None  # score, -distance, start, end word
        for candidate, latin in tier:
            wanted = [w.text for w in tokenize(candidate)]
            if not wanted or len(wanted) > len(words) + 1:
                continue
            likeness = [[_like(word.text, other, lang, latin) for other in wanted]
                        for word in words]
            for i in range(len(words)):
                for j in range(i + 1, min(len(words), i + len(wanted) + 1) + 1):
                    score = _f_score(likeness[i:j])
                    distance = abs(words[i].start - near[0]) if near is not None else 0
                    key = (round(score, 3), -distance, i, j)
                    if score >= _MIN_SCORE and (best is None or key[:2] > best[:2]):
                        best = key
        if best is not None:
            return words[best[2]].start, words[best[3] - 1].end
    return None


@lru_cache(maxsize=65536)
def _like(word: str, other: str, lang: str, latin: bool) -> float:
    """1 for the same word in any form, a name in either script, or a near spelling
    (the spelling's likeness); else 0. Remembered: a text repeats its words and names."""
    from rapidfuzz.distance import Indel

    from translator.glossary.morphology import fold_word, morphology, transliterates

    if latin:  # a source word: only a name written in the target script, or copied
        if fold_word(word) == fold_word(other):
            return 1.0
        name = other[:1].isupper() and word[:1].isupper()  # names keep their capital
        return 1.0 if name and transliterates(word, other, lang) else 0.0
    if fold_word(word) == fold_word(other) or morphology(lang).same_word(word, other):
        return 1.0
    ratio = Indel.normalized_similarity(fold_word(word), fold_word(other))
    return ratio if ratio >= _LIKE else 0.0


def _f_score(likeness: list[list[float]]) -> float:
    """How well a run of target words (rows) and the wanted words (columns) cover each
    other: the harmonic mean of both directions' best likeness, averaged."""
    precision = sum(max(row) for row in likeness) / len(likeness)
    recall = sum(max(col) for col in zip(*likeness, strict=True)) / len(likeness[0])
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def combined(inline: Inline, target: str, translated: Callable[[str], Sequence[str] | None],
             attention: Alignment, lang: str = "uk") -> Alignment:
    """``map_span`` for ``placement.transfer``: a formatting span goes where one of its
    own translations (``translated(text)``, best first) is found in ``target``; anything
    else, and a span found nowhere, where attention points."""
    placed: dict[tuple[int, int], tuple[int, int]] = {}
    for span in inline.spans:
        text = inline.plain[span.start:span.end]
        own = translated(text.strip()) if span.kind in FORMATTING else None
        if own is None:
            continue
        found = locate(own, text, target, lang, attention(span.start, span.end))
        if found is not None:
            placed[span.start, span.end] = found

    def map_span(start: int, end: int) -> tuple[int, int] | None:
        return placed.get((start, end)) or attention(start, end)

    return map_span
