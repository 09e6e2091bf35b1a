"""Enforce the glossary while translating: rerank, force the term, inflect it, verify.

Only texts whose translation breaks the glossary pay for enforcement, and the engine is
called at most three times per run, each time with one batch:

1. **Plain.** Every text goes through one ``engine.translate`` batch with alignment, exactly
   as without a glossary: texts without terms, and texts whose translation already
   complies, come out byte for byte as they would without ``--glossary``.
2. **Check.** Each text with terms is checked (``check.check_entry``): inflection-aware, so
   «на авіабазі Рамштайн» passes for «авіабаза Рамштайн»; forbidden renderings, capitals
   the glossary makes deliberately, and ``dnt`` terms (verbatim) included.
3. **Rerank.** The failing texts get the model's n-best (one batch); the best-scoring
   compliant hypothesis wins.
4. **Force.** Where none complies, one batch of constrained decodes: ``target_prefix`` = the
   plain hypothesis up to where the term belongs, plus the preferred rendering inflected
   for that slot («про базу Рамштайн» → «про авіабазу Рамштайн», by
   ``fix.replacement_for``); the model writes the rest. Where the term belongs: the wrong
   rendering the checker located, or words that are forms of the term's words but miss it
   (misspelt, not agreeing); failing that, the words attention aligns to the source term and
   the place its position in the source maps to — each a separate prefix in the same batch.
5. **Verify.** The continuation may break a term again: decodes are checked again, the most
   trusted compliant one is kept; when none complies, the closest candidate is repaired by
   ``fix.fix_target`` (its tokens and alignment carried over to the new text) and what is
   still wrong is reported as ``unmet``.

>>> enforcer = Enforcer(engine, load_glossary("glossaries/ukraine-news.tsv"), "en", "uk")
...                                                           # doctest: +SKIP
>>> [(e.text, e.enforced) for e in enforcer.translate(["He has never been to Ramstein Air Base."])]
...                                                           # doctest: +SKIP
[('Він ніколи не був на авіабазі Рамштайн.', ('Ramstein Air Base',))]
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from translator.engine.hypothesis import Hypothesis
from translator.engine.hypothesis import Token as Piece
from translator.glossary.check import Violation, analyse_entry

# fix has no public "decline this phrase to that case"; its helpers are reused, not copied.
from translator.glossary.fix import _slot, decline, fix_target, replacement_for
from translator.glossary.match import Match, Matcher
from translator.glossary.morphology import (
    UkrainianMorphology,
    case_of,
    fold_word,
    morphology,
    phrase_shape,
    sentence_initial,
    similarity,
    tokenize,
)
from translator.glossary.terms import Glossary, Term

if TYPE_CHECKING:
    from translator.engine.ctranslate import Engine

__all__ = ["Enforced", "Enforcer"]

log = logging.getLogger(__name__)

# Words that open a phrase without belonging to it: kept out of a replaced span.
_FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL", "INTJ"})
_WORD_RUN = re.compile(r"\S+")
# A constrained decode much shorter than the plain translation has probably dropped content.
_SHORT = 0.75
_SIMILAR = 0.6  # a misspelt neighbour of a recognised term word
_TRANSLITERATED = 0.75  # a name or dnt term written in another script or spelling
# ... and one that goes on for more words than the plain one had left has probably derailed.
_RAMBLE = 1


@dataclass(frozen=True)
class Enforced:
    """One text's translation and what enforcement did to it.

    ``how`` is ``model`` (the plain translation, untouched), ``rerank`` (another of the
    model's n-best), ``forced`` (decoded with the term forced), ``repaired`` (text edited
    after decoding) or ``unmet`` (still breaks the glossary). ``enforced`` names the source
    terms enforcement changed, ``unmet`` those still wrong.
    """

    hypothesis: Hypothesis
    enforced: tuple[str, ...] = ()
    unmet: tuple[str, ...] = ()
    how: str = "model"
    violations: tuple[Violation, ...] = field(default=(), repr=False)

    @property
    def text(self) -> str:
        """The final translation."""
        return self.hypothesis.text


@dataclass(frozen=True)
class _Prefix:
    """A constrained decode's prefix: how its term was placed (``span``, ``aligned``,
    ``position``) and the plain hypothesis's words it replaced (the first of them)."""

    placement: str
    text: str
    replaced: str
    remainder: int = 0  # words of the plain hypothesis after what the prefix replaced


@dataclass
class _Case:
    """A text being enforced: its plain hypothesis, its problems, the constrained prefixes
    and the located replacements they were made from."""

    index: int
    source: str
    matches: list[Match]
    first: Hypothesis
    violations: list[Violation]
    prefixes: list[_Prefix] = field(default_factory=list)
    edits: list[tuple[int, int, str]] = field(default_factory=list)


class Enforcer:
    """Glossary-constrained translation with one engine for one language pair.

    ``n_best``: hypotheses reranked for a failing text (1: no reranking, every failing term
    is forced); ``forced_n_best``: hypotheses kept per constrained decode (the first
    continuation may break a term again);
    ``positions``: placements tried for a term the checker cannot locate.
    """

    def __init__(
        self,
        engine: Engine,
        glossary: Glossary | Sequence[Term],
        src: str,
        tgt: str,
        *,
        n_best: int = 4,
        forced_n_best: int = 2,
        positions: int = 3,
    ) -> None:
        self.engine = engine
        self.src = src
        self.tgt = tgt
        self.n_best = max(1, n_best)
        self.forced_n_best = max(1, forced_n_best)
        self.positions = max(1, positions)
        self.matcher = Matcher(glossary if isinstance(glossary, Glossary) else Glossary(glossary),
                               tgt)

    def translate(
        self, texts: Sequence[str], *, progress: Callable[[int], None] | None = None
    ) -> list[Enforced]:
        """Translate ``texts``, enforcing the glossary; one result per text, in order.

        At most three engine calls whatever the number of texts: the plain batch, the
        n-best of the texts that fail, and one constrained batch for those still failing.
        """
        texts = list(texts)
        if not texts:
            return []
        total = len(texts)
        reporter = None
        if progress is not None:
            reporter = lambda n: progress(min(n, total - 1))  # the last one below
        plain = self.engine.translate(texts, self.src, self.tgt, return_alignment=True,
                                      progress=reporter)
        results: list[Enforced | None] = [None] * total
        cases: list[_Case] = []
        for index, (text, hyps) in enumerate(zip(texts, plain)):
            matches = self.matcher.find(text)
            first = hyps[0]
            violations = self._violations(text, first.text, matches) if matches else []
            if violations:
                cases.append(_Case(index, text, matches, first, violations))
            else:
                results[index] = Enforced(first)
        if cases:
            pending = self._rerank(cases, results) if self.n_best > 1 else cases
            if pending:
                self._force(pending, results)
        if progress is not None:
            progress(total)
        done = [r for r in results if r is not None]
        assert len(done) == total, "every text gets a result"
        log.info("glossary: %d of %d texts enforced, %d still unmet", len(cases), total,
                 sum(bool(r.unmet) for r in done))
        return done

    def _violations(self, source: str, target: str, matches: list[Match]) -> list[Violation]:
        """``check.check_entry`` with the source's matches already known."""
        return analyse_entry(source, target, self.tgt, self.matcher, matches).violations

    # -- 1: rerank the model's n-best

    def _rerank(self, cases: list[_Case], results: list[Enforced | None]) -> list[_Case]:
        """The best-scoring compliant n-best hypothesis of each case; the cases with none."""
        hyps = self.engine.translate([c.source for c in cases], self.src, self.tgt,
                                     n_best=self.n_best, return_alignment=True)
        pending = []
        for case, options in zip(cases, hyps):
            chosen = next((h for h in options if h.text and h.text != case.first.text
                           and not self._violations(case.source, h.text, case.matches)), None)
            if chosen is None:
                pending.append(case)
            else:
                results[case.index] = Enforced(chosen, _terms_of(case.violations), (), "rerank")
        return pending

    # -- 2: force the term

    def _force(self, cases: list[_Case], results: list[Enforced | None]) -> None:
        """One engine call for every constrained decode of every case, then choose/repair."""
        requests: list[tuple[_Case, _Prefix]] = []
        for case in cases:
            case.prefixes = self.prefixes(case)
            requests += [(case, prefix) for prefix in case.prefixes]
        decoded: list[list[Hypothesis]] = []
        if requests:
            decoded = self.engine.translate(
                [case.source for case, _ in requests], self.src, self.tgt,
                n_best=self.forced_n_best, target_prefixes=[p.text for _, p in requests],
                return_alignment=True,
            )
        options: dict[int, list[tuple[_Prefix, Hypothesis]]] = {}
        for (case, prefix), hyps in zip(requests, decoded):
            options.setdefault(case.index, []).extend((prefix, h) for h in hyps if h.text)
        for case in cases:
            results[case.index] = self._choose(case, options.get(case.index, []))

    def prefixes(self, case: _Case) -> list[_Prefix]:
        """Constrained prefixes for a failing case, most trusted first.

        ``span``: the plain hypothesis with every wrong rendering located (by the checker: a
        forbidden form, a lower-cased name; or as words that are forms of the term's words
        but miss it: misspelt, not agreeing, transliterated) replaced by the preferred
        rendering inflected for its slot, cut after the last replacement.
        ``aligned`` / ``position``: for a term that cannot be located, the hypothesis up to
        where the term belongs — the words attention aligns to it, and the place its source
        position maps to — plus the term in the slot's case. Also sets ``case.edits``.
        """
        text = case.first.text
        words = tokenize(text)
        located: list[tuple[int, int, str]] = []
        unplaced: list[tuple[Violation, int | None]] = []
        for violation in case.violations:
            if violation.start is not None and violation.end is not None:
                start, end, matched = violation.start, violation.end, violation.matched
            else:
                near = self._near_miss(case, violation)
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
        case.edits = located
        out: list[_Prefix] = []
        if located:
            last = located[-1]
            out.append(_Prefix("span", _splice(text, located), text[last[0]:last[1]],
                               len(tokenize(text[last[1]:]))))
        if not isinstance(morphology(self.tgt), UkrainianMorphology):
            unplaced = []  # no generator: a term in an unknown case would be a guess
        for violation, known in unplaced[:1]:  # a later one is left to the continuation
            starts: dict[int, str] = {} if known is None else {known: "position"}
            for match in case.matches if known is None else ():
                if match.term.source != violation.term:
                    continue
                aligned = _aligned_words(case.first, match, self.tgt, violation.expected)
                if aligned is not None:
                    starts.setdefault(aligned[0], "aligned")
                for w in _proportional(case.source, match, len(words), self.positions):
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
                prefix = _splice(text, earlier, start)
                if prefix[-1:].isalnum():
                    prefix += " "
                prefix += self._slot_filler(text, violation, start)
                following = [w.text for w in words if w.start >= start]
                out.append(_Prefix(placement, prefix, following[0] if following else "",
                                   len(following)))
        unique: dict[str, _Prefix] = {}
        for prefix in out:
            unique.setdefault(prefix.text, prefix)
        return list(unique.values())

    def _near_miss(self, case: _Case, violation: Violation) -> tuple[int, int, str] | None:
        """Target words that are forms of the term's words but do not make an accepted
        rendering (words that do not agree: «генеральному секретар»), and the rendering
        they are a near miss of ('' when their words do not correspond one to one)."""
        term = next((m.term for m in case.matches if m.term.source == violation.term), None)
        if term is None:
            return None
        morph = morphology(self.tgt)
        tokens = tokenize(case.first.text)
        lenient = term.dnt or term.is_name  # transliterated or respelt: «НАТО», «Кіїв»

        def same(word: str, model: str) -> bool:
            return morph.same_word(word, model) or (
                lenient and similarity(word, model, self.tgt) >= _TRANSLITERATED)

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
                                                          self.tgt):
                first, spare = first - 1, spare - 1
            while spare > 0 and last + 1 < len(tokens) and _looks_like(
                    tokens[last + 1].text, wanted, self.tgt):
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
            return _capitalised(text, start, violation.expected, like=found)
        located = Violation(violation.kind, violation.term, violation.expected, found,
                            start, end, matched, self.tgt)
        replacement = replacement_for(text, located, self.tgt)
        return replacement

    def _slot_filler(self, text: str, violation: Violation, start: int) -> str:
        """The expected rendering for an insertion at ``start``: in the case of the slot
        (told by a preposition before it, else by the words the model put there) but in
        the glossary's number — the words there may be anything («Росія» for «дрони»)."""
        expected = violation.expected
        morph = morphology(self.tgt)
        size = len(tokenize(expected))
        after = [w for w in tokenize(text) if w.start >= start][:size]
        declined = None
        if after and isinstance(morph, UkrainianMorphology):
            found = text[start:after[-1].end]
            probe = Violation(violation.kind, violation.term, expected, found, start,
                              after[-1].end, "", self.tgt)
            slot = _slot(text, probe, morph)
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

    # -- choosing

    def _choose(self, case: _Case, options: list[tuple[_Prefix, Hypothesis]]) -> Enforced:
        """The best compliant constrained decode; else the plain hypothesis with the located
        renderings replaced; else the closest candidate, repaired, with what is left unmet.

        Decodes rank by defects first (the model glued letters onto the forced term, wrote
        again the words the term replaced, stopped early or rambled on), then by how much
        the placement is trusted, then by how natural the model found its continuation.
        """
        failing = _terms_of(case.violations)
        order = {placement: rank for rank, placement in enumerate(("span", "aligned", "position"))}
        size = len(tokenize(case.first.text))
        ranked = []
        for n, (prefix, hyp) in enumerate(options):
            if self._violations(case.source, hyp.text, case.matches):
                continue
            defects = (_glued(hyp.text, prefix.text) + _echoes(hyp.text, prefix)
                       + _rambles(hyp.text, prefix) + (len(tokenize(hyp.text)) < _SHORT * size))
            ranked.append((defects, order.get(prefix.placement, 9),
                           -_continuation(hyp, prefix.text), n, hyp))
        ranked.sort(key=lambda r: r[:4])
        if ranked and ranked[0][0] == 0:
            return Enforced(ranked[0][4], failing, (), "forced")
        if case.edits:
            spliced = edit_hypothesis(case.first, case.edits)
            if not self._violations(case.source, spliced.text, case.matches):
                return Enforced(spliced, failing, (), "repaired")
        if ranked:
            return Enforced(ranked[0][4], failing, (), "forced")
        # Nothing complies: repair the closest candidate (the plain one first).
        best: tuple[int, Hypothesis, list[Violation], bool] | None = None
        for hyp in [case.first, *(h for _, h in options)]:
            violations = self._violations(case.source, hyp.text, case.matches)
            repaired = _repair(hyp, violations, self.tgt)
            left = violations
            if repaired is not hyp:
                left = self._violations(case.source, repaired.text, case.matches)
            if best is None or len(left) < best[0]:
                best = (len(left), repaired, left, repaired is not hyp)
        assert best is not None
        _, hyp, left, edited = best
        unmet = _terms_of(left)
        enforced = tuple(t for t in failing if t not in unmet)
        how = "unmet" if unmet else ("repaired" if edited else "forced")
        return Enforced(hyp, enforced, unmet, how, tuple(left))


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


def _continuation(hyp: Hypothesis, prefix: str) -> float:
    """Mean log-probability per token of what the model wrote after ``prefix``.

    CTranslate2 scores a constrained decode by its continuation only, normalised by
    length ** 0.2 (the engine's ``length_penalty``): undo that, so continuations of
    different lengths and after different prefixes compare.
    """
    tokens = sum(1 for t in hyp.target_tokens if t.start >= len(prefix.rstrip())) + 1
    return hyp.score * tokens ** 0.2 / tokens


def _glued(text: str, prefix: str) -> bool:
    """Did the model continue the forced term's last word («Дрони» → «Дроний») instead of
    starting a new one? Such a decode ranks after every clean one."""
    cut = len(prefix)
    return not text.startswith(prefix) or (cut < len(text) and text[cut].isalnum()
                                            and prefix[-1:].isalnum())


def _echoes(text: str, prefix: _Prefix) -> bool:
    """Did the model go on to write again, within three words, the first word the forced
    term replaced («… секретарем NATO секретар НАТО»)?"""
    if not prefix.replaced or not text.startswith(prefix.text):
        return False
    after = {fold_word(t.text) for t in tokenize(text[len(prefix.text):])[:3]}
    first = tokenize(prefix.replaced)
    return bool(first) and fold_word(first[0].text) in after


def _rambles(text: str, prefix: _Prefix) -> bool:
    """Did the model write much more after the forced term than the plain hypothesis had
    left to say (an unknown word derails a small model: «34 bezzałogowce podejmie …»)?"""
    return len(tokenize(text[len(prefix.text):])) > prefix.remainder + _RAMBLE


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


def _terms_of(violations: Sequence[Violation]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.term for v in violations))


def _aligned_words(hyp: Hypothesis, match: Match, lang: str, expected: str) -> tuple[int, int] | None:
    """The target words attention aligns to the source term ``match``: the largest run of
    adjacent words, without leading prepositions, at most a word longer than the term."""
    if not hyp.alignment or not hyp.source_tokens:
        return None
    sources = {j for j, t in enumerate(hyp.source_tokens) if t.start < match.end and match.start < t.end}
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
        while len(run) > 1 and all(p.tag.POS in _FUNCTION_POS for p in morph.parses(words[run[0]].text)):
            run = run[1:]
    limit = max(len(tokenize(expected)), len(tokenize(match.term.source))) + 1
    run = run[:limit]
    return words[run[0]].start, words[run[-1]].end


def _repair(hyp: Hypothesis, violations: list[Violation], lang: str) -> Hypothesis:
    """``hyp`` with ``fix.fix_target``'s repairs, tokens and alignment carried over
    (``hyp`` itself when nothing could be repaired)."""
    if not violations:
        return hyp
    result = fix_target(hyp.text, violations, lang)
    if result.text == hyp.text or not result.fixed:
        return hyp
    edits = []
    for v in result.fixed:
        replacement = replacement_for(hyp.text, v, lang)
        assert v.start is not None and v.end is not None and replacement is not None
        edits.append((v.start, v.end, replacement))
    edited = edit_hypothesis(hyp, edits)
    if edited.text != result.text:  # cannot happen unless fix_target changes its rules
        log.warning("repair mismatch: %r vs %r", edited.text, result.text)
        return hyp
    return edited


def edit_hypothesis(hyp: Hypothesis, edits: Sequence[tuple[int, int, str]]) -> Hypothesis:
    """``hyp`` with ``text[start:end]`` replaced for each edit, its target tokens and
    alignment mapped onto the new text: untouched tokens keep their alignment (shifted),
    each word of a replacement takes the alignment of the tokens it replaced."""
    text = hyp.text
    tokens = list(hyp.target_tokens)
    alignment = list(hyp.alignment)
    has_alignment = len(alignment) == len(tokens) and bool(tokens)
    out_text: list[str] = []
    out_tokens: list[Piece] = []
    out_alignment: list[int] = []
    position = 0  # in the old text
    shift = 0  # new offset - old offset
    t = 0
    for start, end, replacement in sorted(edits):
        out_text.append(text[position:start])
        while t < len(tokens) and tokens[t].end <= start and tokens[t].start < start:
            out_tokens.append(Piece(tokens[t].piece, tokens[t].start + shift, tokens[t].end + shift))
            if has_alignment:
                out_alignment.append(alignment[t])
            t += 1
        replaced = []
        while t < len(tokens) and tokens[t].start < end:
            replaced.append(t)
            t += 1
        links = [alignment[i] for i in replaced] if has_alignment else []
        if not links and has_alignment:
            links = [alignment[min(t, len(alignment) - 1)]]
        new_start = start + shift
        words = list(_WORD_RUN.finditer(replacement))
        for k, word in enumerate(words):
            out_tokens.append(Piece("▁" + word.group(), new_start + word.start(), new_start + word.end()))
            if has_alignment:
                out_alignment.append(links[min(len(links) - 1, k * len(links) // max(len(words), 1))])
        out_text.append(replacement)
        shift += len(replacement) - (end - start)
        position = end
    out_text.append(text[position:])
    while t < len(tokens):
        out_tokens.append(Piece(tokens[t].piece, tokens[t].start + shift, tokens[t].end + shift))
        if has_alignment:
            out_alignment.append(alignment[t])
        t += 1
    return Hypothesis("".join(out_text), hyp.score, list(hyp.source_tokens), out_tokens,
                      out_alignment if has_alignment else list(hyp.alignment))
