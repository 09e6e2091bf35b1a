"""Enforce the glossary while translating: rerank, force the term, inflect it, verify.

Only texts whose translation breaks the glossary pay for enforcement, and the engine is
called at most three times per run, each time with one batch:

1. **Plain.** Every text goes through one ``engine.translate`` batch with alignment, exactly
   as without a glossary: texts without terms, and texts whose translation already
   complies, come out byte for byte as they would without ``--glossary``.
2. **Check.** Each text with terms is checked (``check.analyse_entry``): inflection-aware, so
   «на авіабазі Рамштайн» passes for «авіабаза Рамштайн»; forbidden renderings, capitals
   the glossary makes deliberately, and ``dnt`` terms (verbatim) included.
3. **Rerank.** The failing texts get the model's n-best (one batch); the best-scoring
   compliant hypothesis wins.
4. **Force.** Where none complies, one batch of constrained decodes: ``target_prefix`` = the
   plain hypothesis up to where the term belongs, plus the preferred rendering inflected
   for that slot (``placement``: each place the term may belong is a separate prefix in
   the same batch); the model writes the rest.
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
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from translator.engine.hypothesis import Hypothesis
from translator.engine.hypothesis import Token as Piece
from translator.glossary.check import Violation, analyse_entry
from translator.glossary.fix import fix_target, replacement_for
from translator.glossary.match import Match, Matcher
from translator.glossary.morphology import fold_word, tokenize
from translator.glossary.placement import Edit, Placer, Prefix
from translator.glossary.terms import Glossary, Term

if TYPE_CHECKING:
    from translator.engine.ctranslate import Engine

__all__ = ["Enforced", "Enforcer"]

log = logging.getLogger(__name__)

# Words that open a phrase without belonging to it: kept out of a replaced span.
_WORD_RUN = re.compile(r"\S+")
# A constrained decode much shorter than the plain translation has probably dropped content.
_SHORT = 0.75
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



@dataclass
class _Case:
    """A text being enforced: its plain hypothesis, its problems, the constrained prefixes
    and the located replacements they were made from."""

    index: int
    source: str
    matches: list[Match]
    first: Hypothesis
    violations: list[Violation]
    prefixes: list[Prefix] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)



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
        self.placer = Placer(tgt, self.positions)
        terms = glossary if isinstance(glossary, Glossary) else Glossary(glossary)
        self.matcher = Matcher(terms.require(tgt), tgt)

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
        reporter: Callable[[int], None] | None = None
        if progress is not None:
            callback = progress

            def reporter(n: int) -> None:
                callback(min(n, total - 1))  # the last one below
        plain = self.engine.translate(texts, self.src, self.tgt, return_alignment=True,
                                      progress=reporter)
        results: list[Enforced | None] = [None] * total
        cases: list[_Case] = []
        for index, (text, hyps) in enumerate(zip(texts, plain, strict=True)):
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
        for case, options in zip(cases, hyps, strict=True):
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
        requests: list[tuple[_Case, Prefix]] = []
        for case in cases:
            case.prefixes, case.edits = self.placer.plan(case.first, case.source, case.matches,
                                                         case.violations)
            requests += [(case, prefix) for prefix in case.prefixes]
        decoded: list[list[Hypothesis]] = []
        if requests:
            decoded = self.engine.translate(
                [case.source for case, _ in requests], self.src, self.tgt,
                n_best=self.forced_n_best, target_prefixes=[p.text for _, p in requests],
                return_alignment=True,
            )
        options: dict[int, list[tuple[Prefix, Hypothesis]]] = {}
        for (case, prefix), hyps in zip(requests, decoded, strict=True):
            options.setdefault(case.index, []).extend((prefix, h) for h in hyps if h.text)
        for case in cases:
            results[case.index] = self._choose(case, options.get(case.index, []))

    # -- choosing

    def _choose(self, case: _Case, options: list[tuple[Prefix, Hypothesis]]) -> Enforced:
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



def _continuation(hyp: Hypothesis, prefix: str) -> float:
    """Mean log-probability per token of what the model wrote after ``prefix``.

    CTranslate2 scores a constrained decode by its continuation only, normalised by
    length ** 0.2 (the engine's ``length_penalty``): undo that, so continuations of
    different lengths and after different prefixes compare.
    """
    tokens = sum(1 for t in hyp.target_tokens if t.start >= len(prefix.rstrip())) + 1
    return hyp.score * math.pow(tokens, 0.2) / tokens


def _glued(text: str, prefix: str) -> bool:
    """Did the model continue the forced term's last word («Дрони» → «Дроний») instead of
    starting a new one? Such a decode ranks after every clean one."""
    cut = len(prefix)
    return not text.startswith(prefix) or (cut < len(text) and text[cut].isalnum()
                                            and prefix[-1:].isalnum())


def _echoes(text: str, prefix: Prefix) -> bool:
    """Did the model go on to write again, within three words, the first word the forced
    term replaced («… секретарем NATO секретар НАТО»)?"""
    if not prefix.replaced or not text.startswith(prefix.text):
        return False
    after = {fold_word(t.text) for t in tokenize(text[len(prefix.text):])[:3]}
    first = tokenize(prefix.replaced)
    return bool(first) and fold_word(first[0].text) in after


def _rambles(text: str, prefix: Prefix) -> bool:
    """Did the model write much more after the forced term than the plain hypothesis had
    left to say (an unknown word derails a small model: «34 bezzałogowce podejmie …»)?"""
    return len(tokenize(text[len(prefix.text):])) > prefix.remainder + _RAMBLE



def _terms_of(violations: Sequence[Violation]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.term for v in violations))



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
            out_tokens.append(_shifted(tokens[t], shift))
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
            out_tokens.append(Piece("▁" + word.group(), new_start + word.start(),
                                    new_start + word.end()))
            if has_alignment:
                share = k * len(links) // max(len(words), 1)
                out_alignment.append(links[min(len(links) - 1, share)])
        out_text.append(replacement)
        shift += len(replacement) - (end - start)
        position = end
    out_text.append(text[position:])
    while t < len(tokens):
        out_tokens.append(_shifted(tokens[t], shift))
        if has_alignment:
            out_alignment.append(alignment[t])
        t += 1
    return Hypothesis("".join(out_text), hyp.score, list(hyp.source_tokens), out_tokens,
                      out_alignment if has_alignment else list(hyp.alignment))


def _shifted(token: Piece, shift: int) -> Piece:
    return Piece(token.piece, token.start + shift, token.end + shift)
