"""Find glossary terms in English source text.

One Aho–Corasick automaton (pyahocorasick, C) holds every surface form of every term, so a
segment is scanned once whatever the glossary size — a loop of regexes per term is what makes
big glossaries slow. Surface forms are generated when the matcher is built: the term, its
English singular/plural (last word), hyphen↔space spellings and, for terms starting with
"the", the form without it. The text is normalised one character for one character (case,
dash and apostrophe variants), so offsets into the normalised text are offsets into the
original; only runs of whitespace and text not in NFC («Mu\u0308ller») need a map of
offsets, and only when present.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import product

import ahocorasick

from translator.glossary.morphology.words import normal_spans
from translator.glossary.terms import Glossary, Term

log = logging.getLogger(__name__)

_HYPHENS = "\u2010\u2011\u2012\u2013\u2014\u2212\u00ad"
_QUOTES = "\u2019\u2018\u02bc\u0060\u00b4\u2032\u201b"
_SPACES = "\t\n\r\x0b\x0c\u00a0\u2007\u2009\u200a\u202f\u3000"
_TABLE = str.maketrans(
    {c: "-" for c in _HYPHENS} | {c: "'" for c in _QUOTES} | {c: " " for c in _SPACES}
)
_MULTISPACE = re.compile(r" {2,}")
# Text that is not prose: URLs, e-mail addresses, Markdown link targets, code spans.
# "ramstein" in www.ramstein.af.mil is no mention of Ramstein.
_NOT_PROSE = re.compile(
    r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"
    r"|<?(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>()]*[^\s<>().,;:!?'\"]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(`+).+?\1",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Match:
    """One occurrence of ``term`` at ``source[start:end]`` (a possessive 's is not included)."""

    term: Term
    start: int
    end: int
    text: str = ""


def normalise(text: str, *, fold: bool = True) -> tuple[str, list[tuple[int, int]] | None]:
    """Text for matching and, when offsets differ, the range of ``text`` each of its
    characters stands for.

    The text is put in one Unicode form (``morphology.words.normal``: NFC, no stress marks);
    dash, apostrophe and space variants become ``-``, ``'`` and `` ``; with ``fold`` the
    text is lower-cased character by character (so "İ" does not grow into two characters);
    runs of spaces collapse to one. The map is ``None`` when offsets are unchanged.
    """
    out, spans = normal_spans(text)
    out = out.translate(_TABLE)
    if fold:
        lowered = out.lower()
        if len(lowered) != len(out):
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in out)
        out = lowered
    if "  " not in out:
        return out, spans
    kept: list[int] = []
    pieces: list[str] = []
    position = 0
    for run in _MULTISPACE.finditer(out):
        pieces.append(out[position : run.start() + 1])
        kept.extend(range(position, run.start() + 1))
        position = run.end()
    pieces.append(out[position:])
    kept.extend(range(position, len(out)))
    return "".join(pieces), [spans[k] if spans else (k, k + 1) for k in kept]


def _number_forms(word: str) -> set[str]:
    """The word plus its English plural or singular (regular -s/-es/-ies only)."""
    forms = {word}
    if not word.isalpha() or len(word) < 3:
        return forms
    lower = word.lower()
    if lower.endswith("ies") and len(word) > 4:
        forms.add(word[:-3] + ("Y" if word.isupper() else "y"))
    elif lower.endswith(("sses", "xes", "zes", "ches", "shes")):
        forms.add(word[:-2])
    elif lower.endswith("s") and not lower.endswith(("ss", "us", "is")) and len(word) > 3:
        forms.add(word[:-1])
    else:
        upper = word.isupper()
        if lower.endswith("y") and lower[-2] not in "aeiou":
            forms.add(word[:-1] + ("IES" if upper else "ies"))
        elif lower.endswith(("s", "x", "z", "ch", "sh")):
            forms.add(word + ("ES" if upper else "es"))
        else:
            forms.add(word + ("S" if upper else "s"))
    return forms


def surface_forms(term: Term) -> set[str]:
    """Every normalised spelling of ``term.source`` the matcher looks for."""
    base, _ = normalise(term.source.strip(), fold=not term.case_sensitive)
    bases = {base}
    if base.lower().startswith("the ") and len(base) > 4:
        bases.add(base[4:])
    forms: set[str] = set()
    for form in bases:
        words = form.split(" ")
        lasts = {words[-1]} if term.dnt or term.is_name else _number_forms(words[-1])
        for last in lasts:
            phrase = " ".join((*words[:-1], last))
            forms.add(phrase)
            separators = [i for i, c in enumerate(phrase) if c in " -"]
            if 0 < len(separators) <= 4:
                for choice in product(" -", repeat=len(separators)):
                    chars = list(phrase)
                    for i, c in zip(separators, choice, strict=True):
                        chars[i] = c
                    forms.add("".join(chars))
    return forms


class Matcher:
    """All terms of one target language, compiled for source matching.

    >>> from translator.glossary.terms import Term
    >>> m = Matcher(Glossary([Term("victory plan", "uk", "План перемоги")]), "uk")
    >>> [(x.start, x.end) for x in m.find("Zelenskyy's victory plans")]
    [(12, 25)]
    """

    def __init__(self, glossary: Glossary | Iterable[Term], lang: str | None = None) -> None:
        if not isinstance(glossary, Glossary):
            glossary = Glossary(glossary)
        self.lang = lang
        self.glossary = glossary.for_lang(lang) if lang else glossary
        self.terms: tuple[Term, ...] = self.glossary.terms
        self._folded = ahocorasick.Automaton()
        self._exact = ahocorasick.Automaton()
        for index, term in enumerate(self.terms):
            automaton = self._exact if term.case_sensitive else self._folded
            for form in surface_forms(term):
                if not form.strip():
                    continue
                known = automaton.get(form, None)
                if known is not None and known[0] != index:
                    log.info("%r spelled like %r: the first wins", term.source,
                             self.terms[known[0]].source)
                    continue
                automaton.add_word(form, (index, len(form)))
        self._has_folded = len(self._folded) > 0
        self._has_exact = len(self._exact) > 0
        if self._has_folded:
            self._folded.make_automaton()
        if self._has_exact:
            self._exact.make_automaton()

    def __len__(self) -> int:
        return len(self.terms)

    def find(self, source: str) -> list[Match]:
        """Occurrences in ``source``, longest first on overlap, returned in text order."""
        candidates: list[tuple[int, int, int]] = []
        if self._has_folded:
            self._scan(self._folded, source, True, candidates)
        if self._has_exact:
            self._scan(self._exact, source, False, candidates)
        if not candidates:
            return []
        masked = [m.span() for m in _NOT_PROSE.finditer(source)]
        if masked:
            candidates = [c for c in candidates
                          if not any(a < c[1] and c[0] < b for a, b in masked)]
        candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
        taken: list[tuple[int, int, int]] = []
        for start, end, index in candidates:
            if all(end <= s or start >= e for s, e, _ in taken):
                taken.append((start, end, index))
        taken.sort()
        return [Match(self.terms[i], s, e, source[s:e]) for s, e, i in taken]

    def find_all(self, sources: Sequence[str]) -> list[list[Match]]:
        """``find`` for each text (convenience for batches)."""
        return [self.find(text) for text in sources]

    @staticmethod
    def _scan(
        automaton: ahocorasick.Automaton,
        source: str,
        fold: bool,
        out: list[tuple[int, int, int]],
    ) -> None:
        text, index = normalise(source, fold=fold)
        size = len(text)
        for last, (term_index, length) in automaton.iter(text):
            start, end = last - length + 1, last + 1
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
                continue
            if end < size and (text[end].isalnum() or text[end] == "_"):
                continue
            if index is not None:
                start, end = index[start][0], index[end - 1][1]
            out.append((start, end, term_index))


_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*")
# Capitalised English words that open sentences, not names.
NOT_NAMES = frozenset({
    "The", "A", "An", "In", "On", "At", "But", "And", "Or", "For", "As", "If", "It", "Its",
    "This", "That", "These", "Those", "He", "She", "They", "We", "I", "You", "His", "Her",
    "Their", "Our", "My", "Your", "After", "Before", "When", "While", "With", "Without", "From",
    "By", "Of", "To", "Mr", "Mrs", "Ms", "Dr", "Sir", "Some", "Many", "Most", "All", "No", "Not",
    "Yes", "There", "Here", "What", "Who", "Why", "How", "Where", "Then", "So", "Also", "However",
    "Meanwhile", "Earlier", "Later", "According", "Since", "During", "Despite", "Under", "Over",
})


@dataclass(frozen=True, slots=True)
class NameSpan:
    """A capitalised English phrase outside the glossary, and whether it opens a sentence
    (a capital there proves nothing)."""

    text: str
    start: int
    end: int
    initial: bool


def source_names(source: str, matches: Sequence[Match] = ()) -> list[NameSpan]:
    """Proper-name candidates in English source text: runs of capitalised words, without
    leading function words or a possessive 's, not overlapping glossary matches.

    Title Case text ("Date and Time Format", headlines) is skipped: there a capital says
    nothing about names.
    """
    words = [w for w in source.split() if w[:1].isalpha() and len(w) > 3]
    if len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words):
        return []
    out = []
    for found in _CAPITALISED.finditer(source):
        start, end = found.start(), found.end()
        words = found.group().split(" ")
        while words and words[0].strip("'’") in NOT_NAMES:
            start += len(words.pop(0)) + 1
        if not words:
            continue
        text = " ".join(words)
        for suffix in ("'s", "’s", "'", "’"):
            if text.endswith(suffix):
                text, end = text[: -len(suffix)], end - len(suffix)
        text = text.rstrip("-")
        if len(text) < 2 or any(m.start < end and start < m.end for m in matches):
            continue
        before = source[:start].rstrip(" \"'“‘(«")
        out.append(NameSpan(text, start, start + len(text), not before or before[-1] in ".!?:\n"))
    return out
