"""Repair what can be repaired safely: a wrong rendering becomes the preferred term, inflected.

``fix_target`` replaces each located wrong rendering by the expected term in the same slot
(``inflect``): «на базі Рамштайн» → «на авіабазі Рамштайн». When the case cannot be told,
nothing is changed and the violation is returned as unfixed: a wrong inflection is worse
than a flagged term. For languages without a generator (Polish) only capitalisation and
dictionary-form renderings are fixed. Pure: texts in, texts out; ``catalogues`` applies the
result to PO entries and writes the files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from translator.glossary.check import Violation
from translator.glossary.inflect import inflect_like
from translator.glossary.morphology import (
    UkrainianMorphology,
    find_phrase,
    fold_word,
    initial_case,
    morphology,
    sentence_initial,
    tokenize,
)


@dataclass(frozen=True, slots=True)
class FixResult:
    """The repaired text, the violations repaired, and those left for a person."""

    text: str
    fixed: list[Violation] = field(default_factory=list)
    unfixed: list[Violation] = field(default_factory=list)


def fix_target(target: str, violations: Sequence[Violation], lang: str) -> FixResult:
    """Replace each wrong rendering in ``target`` by the expected term in the same slot.

    >>> v = Violation("forbidden", "Ramstein Air Base", "авіабаза Рамштайн", "базі Рамштайн",
    ...               11, 24, "база Рамштайн")
    >>> fix_target("Зустріч на базі Рамштайн.", [v], "uk").text
    'Зустріч на авіабазі Рамштайн.'
    """
    text = target
    fixed: list[Violation] = []
    unfixed: list[Violation] = []
    last_start = len(target) + 1
    spanned = [v for v in violations if v.start is not None and v.end is not None]
    for v in sorted(spanned, key=lambda v: v.start or 0, reverse=True):
        assert v.start is not None and v.end is not None
        replacement = None
        if v.end <= last_start and target[v.start : v.end] == v.found:
            replacement = replacement_for(target, v, lang)
        if replacement is None:
            unfixed.append(v)
            continue
        text = text[: v.start] + replacement + text[v.end :]
        last_start = v.start
        fixed.append(v)
    unfixed += [v for v in violations if v.start is None or v.end is None]
    fixed.reverse()
    return FixResult(text, fixed, unfixed)


def replacement_for(target: str, violation: Violation, lang: str) -> str | None:
    """What ``violation.found`` should become, or ``None`` when that cannot be told safely."""
    v = violation
    if v.kind == "inconsistent" and not v.matched:
        return None  # a name learnt from usage: its inflection is unknown
    if v.kind == "dnt":
        return v.expected
    if not v.matched and not _replaceable_stand_in(target, v, lang):
        return None
    # a common noun's capital is the glossary's style: «знак табуляції» → «символ табуляції»
    wanted = v.expected if v.keeps_case else initial_case(v.expected, v.found[:1].isupper())
    found, expected = tokenize(v.found), tokenize(wanted)
    morph = morphology(lang)
    result: str | None
    if len(found) == len(expected) and all(
        morph.same_word(f.text, e.text) for f, e in zip(found, expected, strict=True)
    ):
        result = _recapitalise(v.found, wanted)
    elif isinstance(morph, UkrainianMorphology):
        result = inflect_like(wanted, target, v.start or 0, v.found, v.matched, morph)
    elif v.matched and fold_word(v.found) == fold_word(v.matched):
        result = wanted
    else:
        result = None
    if result and v.found[:1].isupper() and sentence_initial(target, v.start or 0):
        result = result[:1].upper() + result[1:]
    return result


def _replaceable_stand_in(target: str, v: Violation, lang: str) -> bool:
    """May the name standing where a term is missing (``v.found``) be replaced by it?

    Only like for like and only when the term is nowhere else in the target: «Даніель
    Угорщини» for «Гран-прі» — which words are the wrong name? «Генсек НАТО» for a second
    "Rutte", or «до Києва» for "the capital" beside a rendered «Зеленський», is more likely
    the translator's own wording than a wrong name: reported, left to a person.
    """
    if len(v.found.split()) != len(v.expected.split()) or _acronym(v.found) != _acronym(v.expected):
        return False
    return not find_phrase(target, tokenize(target), v.expected, lang)


def _acronym(text: str) -> bool:
    return len(text) > 1 and text.isupper()


def _recapitalise(found: str, expected: str) -> str:
    """``found`` with the capitalisation of the glossary words (inflection kept)."""
    out = list(found)
    for f, e in zip(tokenize(found), tokenize(expected), strict=True):
        if e.text[:1].isupper():
            out[f.start] = out[f.start].upper()
            if len(e.text) > 1 and e.text.isupper():
                out[f.start : f.end] = f.text.upper()
        elif not e.text[:1].isupper() and f.text[:1].isupper() and f.start > 0:
            out[f.start] = out[f.start].lower()
    return "".join(out)
