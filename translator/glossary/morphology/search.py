"""Find a glossary phrase in a target, in any inflected form, or verbatim (``dnt``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from translator.glossary.morphology.analysers import UkrainianMorphology, morphology
from translator.glossary.morphology.shape import phrase_shape
from translator.glossary.morphology.words import (
    Word,
    normal,
    normal_spans,
    sentence_initial,
    tokenize,
)


def capitalisation_ok(word: str, model: str, *, strict: bool, initial: bool) -> bool:
    """Does ``word`` keep the capitalisation the glossary form ``model`` requires?

    A capitalised glossary word (a name, «План перемоги») must stay capitalised in every
    form. With the ``case`` flag the match is exact: acronyms stay upper case and lower-case
    words stay lower case except at the start of a sentence.
    """
    if not word or not model:
        return True
    if model[0].isupper() and not word[0].isupper():
        return False
    if not strict:
        return True
    if len(model) > 1 and model.isupper() and not word.isupper():
        return False
    return not (model[0].islower() and word[0].isupper() and not initial)


@dataclass(frozen=True, slots=True)
class Found:
    """A phrase found in a target: its character range, the token matched to each phrase
    word, and whether the capitalisation is what the glossary form requires."""

    start: int
    end: int
    tokens: tuple[int, ...]
    caps_ok: bool
    contiguous: bool


def find_phrase(
    text: str,
    tokens: list[Word],
    phrase: str,
    lang: str,
    *,
    max_gap: int = 1,
    strict_case: bool = False,
    starts: list[int] | None = None,
    capitals: Sequence[bool] | None = None,
) -> list[Found]:
    """Every occurrence of ``phrase`` (any inflected form) in ``text``, left to right.

    Words must come in the phrase's order; up to ``max_gap`` other words may sit between two
    of them (not across ``.!?;:``). Modifiers must agree with the head (Ukrainian), so
    «далекобійної зброї» is the term but «далекобійний … зброї» is not. Near misses in
    capitalisation are returned with ``caps_ok=False`` so callers can repair them;
    ``capitals`` says which capitalised phrase words must stay capitalised (default: all).
    """
    morph = morphology(lang)
    words = [t.text for t in tokenize(phrase)]
    if not words:
        return []
    shape = phrase_shape(phrase, lang) if isinstance(morph, UkrainianMorphology) else None
    found: list[Found] = []
    next_free = 0
    candidates = range(len(tokens)) if starts is None else starts
    for first in candidates:
        if first < next_free or not morph.same_word(tokens[first].text, words[0]):
            continue
        chosen = [first]
        for word in words[1:]:
            last = chosen[-1]
            for nxt in range(last + 1, min(len(tokens), last + 2 + max_gap)):
                between = text[tokens[last].end : tokens[nxt].start]
                if re.search(r"[.!?;:\n]", between):
                    break
                if morph.same_word(tokens[nxt].text, word):
                    chosen.append(nxt)
                    break
            else:
                break
            if chosen[-1] == last:
                break
        if len(chosen) != len(words):
            continue
        if shape is not None and shape.head is not None:
            head = tokens[chosen[shape.head]].text
            if not all(
                morph.agree(tokens[chosen[i]].text, head)
                for i, role in enumerate(shape.roles)
                if role == "agree"
            ):
                continue
        caps = all(
            capitalisation_ok(
                tokens[t].text,
                w if capitals is None or capitals[i] or strict_case else w.lower(),
                strict=strict_case,
                initial=sentence_initial(text, tokens[t].start),
            )
            for i, (t, w) in enumerate(zip(chosen, words, strict=True))
        )
        contiguous = chosen[-1] - chosen[0] == len(chosen) - 1
        found.append(Found(tokens[first].start, tokens[chosen[-1]].end, tuple(chosen), caps,
                           contiguous))
        next_free = chosen[-1] + 1
    return found


def find_verbatim(text: str, form: str, *, fold: bool = False) -> list[tuple[int, int]]:
    """Spans of ``form`` in ``text`` at word boundaries (``dnt`` terms: no inflection), in
    ``normal`` form on both sides; the spans are those of ``text`` as written.

    With ``fold`` the search ignores case (when lower-casing keeps the text's length).
    """
    plain, spans = normal_spans(text)
    haystack, needle = plain, normal(form)
    if fold and len(plain.lower()) == len(plain):
        haystack, needle = plain.lower(), needle.lower()
    found: list[tuple[int, int]] = []
    position = haystack.find(needle) if needle else -1
    while position >= 0:
        end = position + len(needle)
        before = plain[position - 1] if position else " "
        after = plain[end] if end < len(plain) else " "
        if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
            found.append((spans[position][0], spans[end - 1][1]) if spans else (position, end))
        position = haystack.find(needle, position + 1)
    return found
