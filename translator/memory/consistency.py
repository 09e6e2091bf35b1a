"""Consistency across documents: one source approved two ways, one term rendered two ways.

The editor's questions over today's catalogues: where did two reviewers approve the same
sentence (same source and context) two ways, and where is a glossary term of the approved
sources rendered one way in one article and another way in the next? Each finding names
the origins (``file:line``), so either can be corrected; the memory would otherwise offer
both as equally good. Only approved entries count (not fuzzy, not obsolete), and only
catalogues of one target language are compared with each other.

A term's renderings are compared by lemma: «безпілотники» and «безпілотників» are one
rendering, «безпілотники» and «дрони» two. A rendering is what the glossary check finds
in the target (the term's preferred translation or a variant, in any form): without an
alignment of the words, a target that uses none of them has no rendering to name, and the
glossary check reports it as ``missing``. So the term part needs a glossary.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polib

    from translator.glossary.morphology import Morphology
    from translator.glossary.terms import Glossary


@dataclass(frozen=True)
class Place:
    file: str
    line: int
    translation: str


@dataclass(frozen=True)
class Inconsistency:
    """One source (and context) approved with more than one translation."""

    source: str
    context: str
    places: tuple[Place, ...]  # one per distinct translation, first seen first

    def __str__(self) -> str:
        first, *others = self.places
        where = "; ".join(f"«{p.translation}» in {p.file}:{p.line}" for p in others)
        return (f"{first.file}:{first.line}: \"{self.source}\" approved as "
                f"«{first.translation}» here and as {where}")


@dataclass(frozen=True)
class TermInconsistency:
    """One glossary term rendered more than one way in approved translations."""

    term: str
    lang: str
    places: tuple[Place, ...]  # first use of each rendering, the most used first
    counts: tuple[int, ...]  # how many approved entries use each rendering

    def __str__(self) -> str:
        (first, *others), (most, *rest) = self.places, self.counts
        where = "; ".join(f"«{p.translation}» in {p.file}:{p.line} ({n}×)"
                          for p, n in zip(others, rest, strict=True))
        return (f"{first.file}:{first.line}: \"{self.term}\" rendered «{first.translation}» "
                f"here ({most}×) and {where}")


def _catalogues(paths: Sequence[Path], lang: str | None
              ) -> Iterator[tuple[Path, polib.POFile, str]]:
    """Each catalogue with its target language (``lang``, else its Language header)."""
    from translator.catalogue import read_catalogue
    from translator.glossary.terms import primary_language

    for path in paths:
        po = read_catalogue(path)
        yield path, po, primary_language(lang or po.metadata.get("Language", ""))


def inconsistencies(paths: Sequence[Path], lang: str | None = None) -> list[Inconsistency]:
    """Sources approved with different translations across (or within) the catalogues of
    one target language."""
    seen: dict[tuple[str, str, str], dict[str, Place]] = {}
    for path, po, code in _catalogues(paths, lang):
        for entry in po:
            if (entry.obsolete or entry.fuzzy or entry.msgid_plural or not entry.msgid
                    or not entry.msgstr):
                continue
            key = (code, entry.msgctxt or "", entry.msgid)
            seen.setdefault(key, {}).setdefault(
                entry.msgstr, Place(str(path), entry.linenum, entry.msgstr))
    return [Inconsistency(source, context, tuple(places.values()))
            for (_, context, source), places in seen.items() if len(places) > 1]


def term_inconsistencies(paths: Sequence[Path], glossary: Glossary, lang: str | None = None
                         ) -> list[TermInconsistency]:
    """Glossary terms of approved sources rendered differently (by lemma) across the
    catalogues of one target language, in the order the terms were first met."""
    from translator.glossary.catalogues import catalogue_language, po_items
    from translator.glossary.consistency import analyse
    from translator.glossary.match import Matcher
    from translator.glossary.morphology import morphology
    from translator.glossary.terms import primary_language

    # per (language, term): renderings, each [first place, count]
    usage: dict[tuple[str, str], list[tuple[Place, list[int]]]] = {}
    matchers: dict[str, Matcher] = {}
    for path, po, _ in _catalogues(paths, lang):
        code = primary_language(catalogue_language(po, path, lang))
        if code not in matchers:
            matchers[code] = Matcher(glossary.require(code), code)
        morph = morphology(code)
        for entry, _plural, source, target in po_items(po):
            if entry.fuzzy:
                continue
            used = analyse(source, target, code, matchers[code]).entry.used
            for rendering in used:
                renderings = usage.setdefault((code, rendering.term.source), [])
                same = next((count for place, count in renderings
                             if _same_words(place.translation, rendering.text, morph)), None)
                if same is None:
                    renderings.append((Place(str(path), entry.linenum, rendering.text), [1]))
                else:
                    same[0] += 1
    found = []
    for (code, term), renderings in usage.items():
        if len(renderings) > 1:
            ranked = sorted(renderings, key=lambda r: -r[1][0])  # stable: first seen first
            found.append(TermInconsistency(term, code, tuple(p for p, _ in ranked),
                                           tuple(n[0] for _, n in ranked)))
    return found


def _same_words(a: str, b: str, morph: Morphology) -> bool:
    """Are ``a`` and ``b`` forms of the same words («авіабаза Рамштайн», «авіабазі
    Рамштайн»)?"""
    from translator.glossary.morphology import tokenize

    left, right = tokenize(a), tokenize(b)
    return len(left) == len(right) and all(
        morph.same_word(x.text, y.text) for x, y in zip(left, right, strict=True))
