"""Where a glossary term goes in a translation that misses it: the constrained prefixes.

A failing text is decoded again with ``target_prefix`` = the plain hypothesis up to where
the term belongs, plus the preferred rendering inflected for that slot («про базу
Рамштайн» → «про авіабазу Рамштайн», by ``fix.replacement_for``); the model writes the
rest. Where the term belongs: the wrong rendering the checker located, or words that are
forms of the term's words but miss it (misspelt, not agreeing); failing that, the words
attention aligns to the source term and the place its position in the source maps to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from translator.glossary.check import Violation
from translator.glossary.fix import replacement_for
from translator.glossary.inflect import decline, slot_of
from translator.glossary.match import Match
from translator.glossary.morphology import (
    UkrainianMorphology,
    case_of,
    fold_word,
    initial_case,
    morphology,
    phrase_shape,
    sentence_initial,
    similarity,
    tokenize,
)

if TYPE_CHECKING:
    from translator.engine.hypothesis import Hypothesis

Edit = tuple[int, int, str]
"""``text[start:end]`` becomes the string."""

# Words that open a phrase without belonging to it: kept out of a replaced span.
_FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL", "INTJ"})
_SIMILAR = 0.6  # a misspelt neighbour of a recognised term word
_TRANSLITERATED = 0.75  # a name or dnt term written in another script or spelling


@dataclass(frozen=True)
class Prefix:
    """A constrained decode's prefix: how its term was placed (``span``, ``aligned``,
    ``position``) and the plain hypothesis's words it replaced (the first of them)."""

    placement: str
    text: str
    replaced: str
    remainder: int = 0  # words of the plain hypothesis after what the prefix replaced


class Placer:
    """Constrained prefixes for texts whose translation misses a term, in one language;
    ``positions``: placements tried for a term the checker cannot locate."""

    def __init__(self, lang: str, positions: int = 3) -> None:
        self.lang = lang
        self.positions = max(1, positions)

    def plan(
        self, first: Hypothesis, source: str, matches: list[Match], violations: list[Violation]
    ) -> tuple[list[Prefix], list[Edit]]:
        """Constrained prefixes for a text whose plain hypothesis ``first`` has
        ``violations``, most trusted first, and the located replacements (edits of
        ``first.text``) the ``span`` prefix was made from.

        ``span``: the plain hypothesis with every wrong rendering located (by the checker: a
        forbidden form, a lower-cased name; or as words that are forms of the term's words
        but miss it: misspelt, not agreeing, transliterated) replaced by the preferred
        rendering inflected for its slot, cut after the last replacement.
        ``aligned`` / ``position``: for a term that cannot be located, the hypothesis up to
        where the term belongs — the words attention aligns to it, and the place its source
        position maps to — plus the term in the slot's case.
        """
        text = first.text
        words = tokenize(text)
        located: list[tuple[int, int, str]] = []
        unplaced: list[tuple[Violation, int | None]] = []
        for violation in violations:
            if violation.start is not None and violation.end is not None:
                start, end, matched = violation.start, violation.end, violation.matched
            else:
                near = self._near_miss(first, matches, violation)
                if near is None:
                    if violation.kind != "inconsistent":
                        unplaced.append((violation, None))
                    continue
                start, end, matched = near
            if any(start < e and s < end for s, e, _ in located):
                continue
            replacement = self._replacement(text, violation, start, end, matched)
            if replacement is not None:
                located.append((start, end, replacement))
            elif violation.kind != "inconsistent":
                unplaced.append((violation, start))  # its place is known, its case is not
        located.sort()
        out: list[Prefix] = []
        if located:
            last = located[-1]
            out.append(Prefix("span", _splice(text, located), text[last[0]:last[1]],
                              len(tokenize(text[last[1]:]))))
        if not isinstance(morphology(self.lang), UkrainianMorphology):
            unplaced = []  # no generator: a term in an unknown case would be a guess
        for violation, known in unplaced[:1]:  # a later one is left to the continuation
            starts: dict[int, str] = {} if known is None else {known: "position"}
            for match in matches if known is None else ():
                if match.term.source != violation.term:
                    continue
                aligned = _aligned_words(first, match, self.lang, violation.expected)
                if aligned is not None:
                    starts.setdefault(aligned[0], "aligned")
                for w in _proportional(source, match, len(words), self.positions):
                    while w < len(words) and words[w].text.isdigit():
                        w += 1  # numbers are copied, not mistranslated terms («понад 71 дрон»)
                    if w < len(words):
                        starts.setdefault(words[w].start, "position")
                    elif words:  # after the last word, before the closing punctuation
                        starts.setdefault(words[-1].end, "position")
                break
            for start, placement in starts.items():
                if any(s < start < e for s, e, _ in located):
                    continue
                earlier = [e for e in located if e[1] <= start]
                head = _splice(text, earlier, start)
                if head[-1:].isalnum():
                    head += " "
                head += self._slot_filler(text, violation, start)
                following = [w.text for w in words if w.start >= start]
                out.append(Prefix(placement, head, following[0] if following else "",
                                  len(following)))
        unique: dict[str, Prefix] = {}
        for prefix in out:
            unique.setdefault(prefix.text, prefix)
        return list(unique.values()), located

    def _near_miss(
        self, plain: Hypothesis, matches: list[Match], violation: Violation
    ) -> tuple[int, int, str] | None:
        """Target words that are forms of the term's words but do not make an accepted
        rendering (words that do not agree: «генеральному секретар»), and the rendering
        they are a near miss of ('' when their words do not correspond one to one)."""
        term = next((m.term for m in matches if m.term.source == violation.term), None)
        if term is None:
            return None
        morph = morphology(self.lang)
        tokens = tokenize(plain.text)
        lenient = term.dnt or term.is_name  # transliterated or respelt: «НАТО», «Кіїв»

        def same(word: str, model: str) -> bool:
            return morph.same_word(word, model) or (
                lenient and similarity(word, model, self.lang) >= _TRANSLITERATED)

        best: tuple[int, int, str] | None = None
        for form in term.renderings:
            wanted = [w.text for w in tokenize(form)]
            hits = [i for i, t in enumerate(tokens) if any(same(t.text, w) for w in wanted)]
            if not hits or len(hits) > len(wanted):
                continue
            if hits[-1] - hits[0] > len(wanted):
                continue
            # A misspelt neighbour («генераним секретарем», «Близ Схід») belongs to the
            # span: replacing only the word that was recognised would keep it twice.
            first, last = hits[0], hits[-1]
            spare = len(wanted) - (last - first + 1)
            while spare > 0 and first > 0 and _looks_like(tokens[first - 1].text, wanted,
                                                          self.lang):
                first, spare = first - 1, spare - 1
            while spare > 0 and last + 1 < len(tokens) and _looks_like(
                    tokens[last + 1].text, wanted, self.lang):
                last, spare = last + 1, spare - 1
            span = (tokens[first].start, tokens[last].end,
                    form if last - first + 1 == len(wanted) else "")
            if best is None or span[1] - span[0] > best[1] - best[0]:
                best = span
        return best

    def _replacement(self, text: str, violation: Violation, start: int, end: int,
                     matched: str) -> str | None:
        """The rendering ``violation`` expects, inflected for the words at ``start:end``
        (``matched``: the glossary form those words are a form of, if any)."""
        found = text[start:end]
        if matched and fold_word(found) == fold_word(matched) and violation.kind != "dnt":
            # A dictionary form for a dictionary form (both nominative, in the glossary's
            # number: «34 дрони» → «34 безпілотники»)
            expected = violation.expected
            if not violation.keeps_case:  # a common noun: the capital is the glossary's style
                expected = initial_case(expected, found[:1].isupper())
            return _capitalised(text, start, expected, like=found)
        located = replace(violation, found=found, start=start, end=end, matched=matched,
                          lang=self.lang)
        return replacement_for(text, located, self.lang)

    def _slot_filler(self, text: str, violation: Violation, start: int) -> str:
        """The expected rendering for an insertion at ``start``: in the case of the slot
        (told by a preposition before it, else by the words the model put there) but in
        the glossary's number — the words there may be anything («Росія» for «дрони»)."""
        expected = violation.expected if violation.keeps_case else initial_case(
            violation.expected, upper=False)  # capitalised below when it starts a sentence
        morph = morphology(self.lang)
        size = len(tokenize(expected))
        after = [w for w in tokenize(text) if w.start >= start][:size]
        declined = None
        if after and isinstance(morph, UkrainianMorphology):
            slot = slot_of(text, start, text[start:after[-1].end], "", morph)
            number = _number(expected, morph)
            if slot is not None and number is not None:
                case = slot[0]
                # «Ракети» may be genitive singular or nominative plural: in the glossary's
                # number only the cases the words there can have in that number count.
                cases = [str(case_of(p)) for w in after for p in morph.parses(w.text)
                         if p.tag.POS == "NOUN" and case_of(p) and
                         str(p.tag.number or "sing") == number]
                if cases and case not in cases:
                    case = "nomn" if "nomn" in cases else cases[0]
                declined = decline(expected, case, number, morph)
        return _capitalised(text, start, declined or expected)


def _number(phrase: str, morph: UkrainianMorphology) -> str | None:
    """Grammatical number of a glossary phrase's head noun in its dictionary form."""
    shape = phrase_shape(phrase, "uk")
    if shape.head is None:
        return None
    folded = fold_word(shape.words[shape.head])
    for parse in morph.dictionary_parses(shape.words[shape.head]):
        if parse.tag.POS == "NOUN" and parse.word == folded and case_of(parse) == "nomn":
            return str(parse.tag.number or "sing")
    return None


def _splice(text: str, edits: Sequence[tuple[int, int, str]], upto: int | None = None) -> str:
    """``text`` with every edit applied, up to the end of the last edit (or ``upto``)."""
    pieces, position = [], 0
    for start, end, replacement in sorted(edits):
        pieces += [text[position:start], replacement]
        position = end
    if upto is not None:
        pieces.append(text[position:upto])
    return "".join(pieces)


def _looks_like(word: str, wanted: Sequence[str], lang: str) -> bool:
    """Is ``word`` a garbled form of one of the ``wanted`` words (same stem, roughly)?"""
    return len(word) >= 3 and any(similarity(word, w, lang) >= _SIMILAR for w in wanted)


def _capitalised(text: str, start: int, expected: str, like: str = "") -> str:
    """``expected`` with a capital when it starts a sentence (and, given ``like``, the
    words it replaces start with one)."""
    if like and not like[:1].isupper():
        return expected
    if sentence_initial(text, start) and expected[:1].islower():
        return expected[:1].upper() + expected[1:]
    return expected


def _proportional(source: str, match: Match, n_words: int, count: int) -> list[int]:
    """Target word indices around where the source term sits, relatively (monotone
    languages keep most words in order): the nearest first."""
    before = len(tokenize(source[: match.start]))
    total = max(1, len(tokenize(source)))
    centre = round(before / total * n_words)
    found = [centre]
    step = 1
    while len(found) < count and step <= n_words:
        found += [w for w in (centre - step, centre + step) if 0 <= w <= n_words]
        step += 1
    return [w for w in found if 0 <= w <= n_words][:count]


def _aligned_words(
    hyp: Hypothesis, match: Match, lang: str, expected: str
) -> tuple[int, int] | None:
    """The target words attention aligns to the source term ``match``: the largest run of
    adjacent words, without leading prepositions, at most a word longer than the term."""
    if not hyp.alignment or not hyp.source_tokens:
        return None
    sources = {j for j, t in enumerate(hyp.source_tokens)
               if t.start < match.end and match.start < t.end}
    if not sources:
        return None
    words = tokenize(hyp.text)
    hit: dict[int, int] = {}
    for index, target in enumerate(hyp.target_tokens):
        if index < len(hyp.alignment) and hyp.alignment[index] in sources:
            for w, word in enumerate(words):
                if word.start < max(target.end, target.start + 1) and target.start < word.end:
                    hit[w] = hit.get(w, 0) + 1
    if not hit:
        return None
    runs: list[list[int]] = []
    for w in sorted(hit):
        if runs and w == runs[-1][-1] + 1:
            runs[-1].append(w)
        else:
            runs.append([w])
    run = max(runs, key=lambda r: sum(hit[w] for w in r))
    morph = morphology(lang)
    if isinstance(morph, UkrainianMorphology):
        while len(run) > 1 and all(p.tag.POS in _FUNCTION_POS
                                   for p in morph.parses(words[run[0]].text)):
            run = run[1:]
    limit = max(len(tokenize(expected)), len(tokenize(match.term.source))) + 1
    run = run[:limit]
    return words[run[0]].start, words[run[-1]].end
