"""How a Ukrainian glossary phrase inflects: which word declines, which agree, which stay."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from translator.glossary.morphology.analysers import UkrainianMorphology, case_of, morphology
from translator.glossary.morphology.words import fold_word, tokenize
from translator.glossary.terms import primary_language


@dataclass(frozen=True, slots=True)
class Shape:
    """How a Ukrainian glossary phrase inflects: one role per word.

    ``head`` declines to the slot's case and number; ``agree`` (adjectives before it) follow
    the head's case, number and gender; ``name`` (first names, declinable surnames of a
    personal name) take the slot's case; ``keep`` stays as written (genitive complements as
    in «План перемоги», appositions as in «авіабаза Рамштайн», indeclinables like «Рютте»);
    ``prefix`` is the first part of a hyphenated compound («Нью» of «Нью-Йорк»).
    """

    words: tuple[str, ...]
    roles: tuple[str, ...]
    head: int | None


@lru_cache(maxsize=4096)
def phrase_shape(phrase: str, lang: str = "uk") -> Shape:
    """Roles of each word of a glossary phrase given in its dictionary form."""
    tokens = tokenize(phrase)
    words = tuple(t.text for t in tokens)
    if primary_language(lang) != "uk":
        return Shape(words, ("head",) + ("keep",) * (len(words) - 1), 0 if words else None)
    # «Нью-Йорк» → «Нью-Йорку», «Гран-прі» stays: only a compound's last part declines
    prefixes = {i for i, (a, b) in enumerate(pairwise(tokens))
                if phrase[a.end : b.start] == "-"}
    morph = morphology("uk")
    assert isinstance(morph, UkrainianMorphology)
    parses = [morph.parses(w) for w in words]

    def nominal(i: int, pos: str, *marks: str) -> bool:
        folded = fold_word(words[i])
        return any(
            p.tag.POS == pos and case_of(p) == "nomn" and p.word == folded
            and all(m in p.tag for m in marks)
            for p in parses[i]
        )

    # A personal name: capitalised animate nouns (or unknown words), one a first name,
    # surname or patronymic. The dictionary tags «Володимир» as Name only in some forms.
    personal = (
        len(words) > 1 and not prefixes
        and all(
            words[i][:1].isupper() and (nominal(i, "NOUN", "anim") or not morph.known(words[i]))
            for i in range(len(words))
        )
        and any(nominal(i, "NOUN", m) for i in range(len(words)) for m in ("Name", "Surn", "Patr"))
    )
    if personal:
        roles = tuple(
            "keep" if not morph.known(w) or any("Fixd" in p.tag for p in parses[i]
                                                if case_of(p) == "nomn") else "name"
            for i, w in enumerate(words)
        )
        head = next((i for i, r in enumerate(roles) if r == "name"), None)
        return Shape(words, roles, head)
    head = next((i for i in range(len(words)) if i not in prefixes and nominal(i, "NOUN")), None)
    if head is None:
        return Shape(words, tuple("prefix" if i in prefixes else "keep"
                                  for i in range(len(words))), None)
    roles = tuple(
        "prefix" if i in prefixes
        else "head" if i == head
        else "agree" if i < head and (nominal(i, "ADJF") or nominal(i, "PRTF"))
        else "keep"
        for i in range(len(words))
    )
    return Shape(words, roles, head)
