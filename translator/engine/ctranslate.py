"""The translation engine: Argos packages run directly with CTranslate2 and SentencePiece.

Why not ``argostranslate.translate``: it costs 2.5–4.5 s to import, splits and translates
one paragraph per call with 32-token batches, and returns neither token offsets nor
attention. Here every text of a run goes through one tokenizer call, is sorted by length,
packed into batches of about ``max_batch_tokens`` padded tokens, and all batches are queued
on CTranslate2 at once (``asynchronous=True``), so the CPU never waits for Python between
batches while finished ones are detokenized. Decoding options match Argos
(``length_penalty=0.2``, ``replace_unknowns=True``, beam 4), so translations are the same.
"""

from __future__ import annotations

import logging
import os
import struct
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import ctranslate2

from translator.engine.packages import PIVOT, Package, route
from translator.engine.tokenize import Token, Tokenizer
from translator.errors import PackageError

__all__ = ["Engine", "Hypothesis", "Token", "check_loadable", "resolve_compute_type"]

log = logging.getLogger(__name__)

# Models converted from Marian/Transformers store a fixed table of position encodings (512
# for OPUS-MT, 256 for our fixtures) and CTranslate2 raises past it. Longer inputs are
# translated in chunks short enough that their translations fit too, and outputs stop below
# the table's end. Models with computed (sinusoidal) positions get these defaults.
_MAX_INPUT_TOKENS = 250
_MAX_OUTPUT_TOKENS = 500


@dataclass(frozen=True)
class Hypothesis:
    """One translation of one text.

    ``score`` is CTranslate2's length-normalised log probability (summed over both legs
    of a pivot). ``source_tokens`` point into the source text, ``target_tokens`` into
    ``text``; ``alignment[i]`` is the index of the source token that target token ``i``
    attends to most (empty unless alignment was asked for).
    """

    text: str
    score: float
    source_tokens: list[Token] = field(default_factory=list)
    target_tokens: list[Token] = field(default_factory=list)
    alignment: list[int] = field(default_factory=list)


Progress = Callable[[int], None]


def resolve_compute_type(requested: str) -> str:
    """``requested`` if this CPU supports it, else the closest type it does (logged)."""
    supported = ctranslate2.get_supported_compute_types("cpu")
    if requested == "auto" or requested in supported:
        return requested
    for fallback in ("int8", "int8_float32", "float32"):
        if fallback in supported:
            log.info("compute type %s not supported on this CPU; using %s", requested, fallback)
            return fallback
    return "auto"


def position_limit(model_dir: str | os.PathLike[str]) -> int | None:
    """Rows of the model's stored position-encoding tables, or None when it computes them.

    Read from model.bin's variable headers (skipping the weights), since CTranslate2 does
    not expose it; an unreadable or unknown layout also gives None.
    """
    limits = []
    try:
        with open(Path(model_dir) / "model.bin", "rb") as handle:
            def take(fmt: str) -> tuple[int, ...]:
                size = struct.calcsize(fmt)
                data = handle.read(size)
                if len(data) != size:
                    raise EOFError
                return struct.unpack(fmt, data)

            def string() -> str:
                (length,) = take("<H")
                return handle.read(length).rstrip(b"\0").decode("utf-8", "replace")

            (version,) = take("<I")
            if version < 5:
                return None
            string()
            take("<I")  # spec revision
            (count,) = take("<I")
            for _ in range(count):
                name = string()
                (rank,) = take("<B")
                shape = take(f"<{rank}I")
                _dtype, nbytes = take("<BI")
                if name.endswith("position_encodings/encodings") and shape:
                    limits.append(shape[0])
                handle.seek(nbytes, os.SEEK_CUR)
    except (OSError, EOFError, struct.error):
        return None
    return min(limits) if limits else None


def check_loadable(package: Package) -> None:
    """Load the package's model and tokenizer once, raising ``PackageError`` if they don't."""
    _require_sentencepiece(package)
    try:
        translator = ctranslate2.Translator(str(package.model_dir), device="cpu",
                                            compute_type="auto", intra_threads=1)
    except (RuntimeError, ValueError, OSError) as error:
        raise PackageError(f"the model does not load: {error}", file=package.path) from None
    del translator
    Tokenizer(package.tokenizer)


def _require_sentencepiece(package: Package) -> None:
    if package.tokenizer_kind != "sentencepiece":
        raise PackageError(
            f"{package.pair} uses a BPE tokenizer (bpe.model), which this tool does not "
            "support; use a SentencePiece package (sentencepiece.model)",
            file=package.path,
        )


@dataclass
class _Leg:
    """Raw result of one package over a list of texts (before composing pivots)."""

    text: str
    score: float
    source_tokens: list[Token]
    target_tokens: list[Token]
    alignment: list[int]


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class Engine:
    """Translate many texts at once with installed Argos packages.

    >>> engine = Engine(installed())                       # doctest: +SKIP
    >>> engine.translate(["Hello."], "en", "uk")[0][0].text  # doctest: +SKIP
    'Привіт.'

    Models and tokenizers load on first use and stay loaded; the engine is safe to use
    from one worker thread at a time per call (CTranslate2 releases the GIL).
    """

    def __init__(
        self,
        packages: Sequence[Package],
        *,
        threads: int = 0,
        beam_size: int = 4,
        compute_type: str = "int8",
        max_batch_tokens: int = 1024,
        parallel_batches: int = 0,
    ) -> None:
        """``threads=0`` uses every core. ``parallel_batches`` splits them between batches
        decoded at once (0 = 2 when there are 2+ threads): on 2 cores, two 1-thread
        batches used 5-25% less CPU per token than one 2-thread batch (OpenMP sync), at
        the cost of a slower single-sentence latency."""
        if beam_size < 1:
            raise ValueError("beam_size must be >= 1")
        self.packages = list(packages)
        total = threads if threads > 0 else _cpu_count()
        wanted = parallel_batches if parallel_batches > 0 else 2
        self.parallel_batches = max(1, min(wanted, total))
        self.threads_per_batch = max(1, total // self.parallel_batches)
        self.beam_size = beam_size
        self.compute_type = resolve_compute_type(compute_type)
        self.max_batch_tokens = max(64, max_batch_tokens)
        self._translators: dict[str, ctranslate2.Translator] = {}
        self._tokenizers: dict[str, Tokenizer] = {}
        self._limits: dict[str, tuple[int, int]] = {}
        self._lock = threading.Lock()

    # -- loading

    def route(self, src: str, tgt: str) -> list[Package]:
        """The packages a ``src→tgt`` translation uses (``ModelNotFound`` if none)."""
        return route(self.packages, src, tgt)

    def _load(self, package: Package) -> tuple[ctranslate2.Translator, Tokenizer]:
        key = str(package.path)
        with self._lock:
            if key not in self._translators:
                _require_sentencepiece(package)
                tokenizer = Tokenizer(package.tokenizer, threads=self.threads_per_batch)
                try:
                    translator = ctranslate2.Translator(
                        str(package.model_dir),
                        device="cpu",
                        compute_type=self.compute_type,
                        inter_threads=self.parallel_batches,
                        max_queued_batches=-1,  # queue a whole run: no blocking submits
                        intra_threads=self.threads_per_batch,
                    )
                except (RuntimeError, ValueError, OSError) as error:
                    raise PackageError(f"the model does not load: {error}",
                                       file=package.path) from None
                log.info("loaded %s (%s, %d×%d threads)", package.pair, self.compute_type,
                         self.parallel_batches, self.threads_per_batch)
                self._tokenizers[key] = tokenizer
                self._translators[key] = translator
                self._limits[key] = _limits(position_limit(package.model_dir))
            return self._translators[key], self._tokenizers[key]

    # -- translating

    def translate(
        self,
        texts: Sequence[str],
        src: str,
        tgt: str,
        *,
        n_best: int = 1,
        target_prefixes: Sequence[str | None] | None = None,
        return_alignment: bool = False,
        progress: Progress | None = None,
    ) -> list[list[Hypothesis]]:
        """Translate ``texts`` from ``src`` to ``tgt``: per text, up to ``n_best`` distinct
        hypotheses, best first.

        ``target_prefixes[i]``, when given, is text the translation of ``texts[i]`` must
        start with (constrained decoding for the glossary). ``progress(n)`` gets the
        cumulative number of texts done after each batch. Empty texts translate to an
        empty hypothesis without touching the model. Via a pivot, the first leg keeps its
        best hypothesis and the n-best come from the second.
        """
        if n_best < 1:
            raise ValueError("n_best must be >= 1")
        if target_prefixes is not None and len(target_prefixes) != len(texts):
            raise ValueError("target_prefixes must have one entry per text")
        legs = self.route(src, tgt)
        prefixes = list(target_prefixes) if target_prefixes is not None else [None] * len(texts)

        # One model call per distinct (text, prefix); empty texts never reach the model.
        keys: dict[tuple[str, str | None], int] = {}
        order: list[int] = []
        for text, prefix in zip(texts, prefixes):
            if not text.strip():
                order.append(-1)
                continue
            order.append(keys.setdefault((text, prefix or None), len(keys)))
        unique = list(keys)
        weight = [0] * len(unique)
        for slot in order:
            if slot >= 0:
                weight[slot] += 1
        empties = order.count(-1)

        def reporter(leg_index: int) -> Callable[[list[int]], None] | None:
            if progress is None:
                return None
            done = [0]

            def report(finished: list[int]) -> None:
                done[0] += sum(weight[i] for i in finished)
                # Each leg is an equal share of the work; empties are done from the start.
                share = (leg_index * len(texts) + empties + done[0]) // len(legs)
                progress(min(share, len(texts)))

            return report

        if len(legs) == 1:
            results = self._run_leg(legs[0], [t for t, _ in unique], n_best,
                                    [p for _, p in unique], return_alignment, reporter(0))
        else:
            first = self._run_leg(legs[0], [t for t, _ in unique], 1, [None] * len(unique),
                                  return_alignment, reporter(0))
            middle = [hyps[0] for hyps in first]
            second = self._run_leg(legs[1], [m.text for m in middle], n_best,
                                   [p for _, p in unique], return_alignment, reporter(1))
            results = [
                [_compose(m, h, return_alignment) for h in hyps]
                for m, hyps in zip(middle, second)
            ]
        if progress is not None and empties == len(texts):
            progress(len(texts))
        return [
            [Hypothesis("", 0.0)] if slot < 0 else [_public(leg) for leg in results[slot]]
            for slot in order
        ]

    def _run_leg(
        self,
        package: Package,
        texts: list[str],
        n_best: int,
        prefixes: list[str | None],
        return_alignment: bool,
        report: Callable[[list[int]], None] | None,
    ) -> list[list[_Leg]]:
        """Translate ``texts`` with one package: tokenize all, sort, batch, queue, collect."""
        if not texts:
            return []
        translator, tokenizer = self._load(package)
        max_input, max_output = self._limits[str(package.path)]
        sources = tokenizer.encode_batch(texts)
        lead = [package.target_prefix] if package.target_prefix else []
        wanted = [i for i, p in enumerate(prefixes) if p]
        prefix_pieces: list[list[str]] = [list(lead) for _ in texts]
        for i, encoded in zip(wanted, tokenizer.encode_batch([prefixes[i] or "" for i in wanted])):
            prefix_pieces[i] = lead + [t.piece for t in encoded]
        use_prefix = bool(lead) or bool(wanted)

        # Work items: whole texts, or word-aligned chunks of texts too long for the model's
        # positions (translated separately and joined, rather than silently truncated).
        items: list[tuple[int, int, list[Token]]] = []  # (text index, first token, tokens)
        for i, tokens in enumerate(sources):
            for first, last in _chunks(tokens, max_input):
                items.append((i, first, tokens[first:last]))
        remaining = [0] * len(texts)
        for i, _, _ in items:
            remaining[i] += 1
        if len(items) > len(texts):
            log.info("%d long text(s) translated in pieces of at most %d tokens",
                     sum(r > 1 for r in remaining), max_input)

        def item_prefix(j: int) -> list[str]:
            i, first, _ = items[j]
            return prefix_pieces[i] if first == 0 else list(lead)

        # Longest first: the first batches are the slowest, so the ETA errs on the safe side.
        # Constrained items (a prefix beyond the package's) get batches of their own, so the
        # decoding limit they need never changes an unconstrained text's translation.
        def group(j: int) -> int:
            return int(len(item_prefix(j)) > len(lead))

        ranked = sorted(range(len(items)), key=lambda j: (group(j), -len(items[j][2])))
        batches: list[list[int]] = []
        current: list[int] = []
        widest = 0  # padded width of the current batch (its first, longest item + </s>)
        for j in ranked:
            length = len(items[j][2]) + 1
            if current and (
                max(widest, length) * (len(current) + 1) > self.max_batch_tokens
                or group(j) != group(current[0])
            ):
                batches.append(current)
                current, widest = [], 0
            current.append(j)
            widest = max(widest, length)
        if current:
            batches.append(current)

        # Distinct texts: for n-best, take every beam hypothesis (different piece sequences
        # can detokenize to the same text) and drop duplicates below. The beam itself only
        # grows when n_best exceeds it, so the best hypothesis equals the 1-best run's.
        beam = max(self.beam_size, n_best)
        wanted_hyps = beam if n_best > 1 else 1
        pending = []
        for batch in batches:
            longest = max(len(items[j][2]) for j in batch)
            prefixes_here = [item_prefix(j) for j in batch]
            pending.append(translator.translate_batch(
                [[t.piece for t in items[j][2]] for j in batch],
                target_prefix=prefixes_here if use_prefix else None,
                beam_size=beam,
                num_hypotheses=wanted_hyps,
                length_penalty=0.2,
                replace_unknowns=True,
                return_scores=True,
                return_attention=return_alignment,
                max_input_length=0,
                max_decoding_length=_decoding_limit(longest, max(map(len, prefixes_here)),
                                                    max_output),
                asynchronous=True,
            ))

        pieces_out: list[list[_Leg]] = [[] for _ in items]
        for batch, futures in zip(batches, pending):
            results = [future.result() for future in futures]
            flat: list[list[str]] = []
            for result in results:
                for pieces in result.hypotheses:
                    flat.append(pieces[len(lead):] if lead and pieces[:len(lead)] == lead
                                else pieces)
            decoded = iter(tokenizer.decode_batch(flat))
            finished = []
            for j, result in zip(batch, results):
                i, _, tokens = items[j]
                n_src = len(tokens)
                seen: set[str] = set()
                for k, score in enumerate(result.scores):
                    text, target_tokens = next(decoded)
                    if text in seen or len(seen) == n_best:
                        continue
                    seen.add(text)
                    alignment: list[int] = []
                    if return_alignment and n_src:
                        rows = result.attention[k]
                        skip = len(rows) - len(target_tokens)  # the package's prefix token
                        alignment = [_argmax(row, n_src) for row in rows[max(skip, 0):]]
                        alignment += [n_src - 1] * (len(target_tokens) - len(alignment))
                    pieces_out[j].append(_Leg(text, float(score), tokens, target_tokens,
                                              alignment))
                remaining[i] -= 1
                if remaining[i] == 0:
                    finished.append(i)
            if report is not None and finished:
                report(finished)

        out: list[list[_Leg]] = [[] for _ in texts]
        chunks_of: list[list[int]] = [[] for _ in texts]
        for j, (i, _, _) in enumerate(items):
            chunks_of[i].append(j)
        for i, js in enumerate(chunks_of):
            if len(js) == 1:
                out[i] = pieces_out[js[0]]
            else:
                out[i] = _join_chunks([pieces_out[j] for j in js],
                                      [items[j][1] for j in js], sources[i])
        return out


def _chunks(tokens: Sequence[Token], limit: int) -> list[tuple[int, int]]:
    """Split a token list into runs of at most ``limit``, cutting before a word start."""
    if len(tokens) <= limit:
        return [(0, len(tokens))]
    runs = []
    first = 0
    while first < len(tokens):
        last = min(first + limit, len(tokens))
        if last < len(tokens):
            cut = next((k for k in range(last, first + limit // 2, -1)
                        if tokens[k].piece.startswith("▁")), last)
            last = cut
        runs.append((first, last))
        first = last
    return runs


def _join_chunks(
    chunk_hyps: list[list[_Leg]], firsts: list[int], source_tokens: list[Token]
) -> list[_Leg]:
    """Glue the k-th hypotheses of consecutive chunks into the k-th hypothesis of the text."""
    joined = []
    for k in range(max(len(h) for h in chunk_hyps)):
        text, score, target, alignment = "", 0.0, [], []
        for hyps, first in zip(chunk_hyps, firsts):
            leg = hyps[min(k, len(hyps) - 1)]
            shift = len(text) + 1 if text and leg.text else len(text)
            text = f"{text} {leg.text}" if text and leg.text else text + leg.text
            score += leg.score
            target += [Token(t.piece, t.start + shift, t.end + shift) for t in leg.target_tokens]
            alignment += [first + a for a in leg.alignment]
        joined.append(_Leg(text, score, source_tokens, target, alignment))
    return joined


def _limits(positions: int | None) -> tuple[int, int]:
    """(longest input chunk, longest output) in tokens for a model with ``positions``."""
    if positions is None:
        return _MAX_INPUT_TOKENS, _MAX_OUTPUT_TOKENS
    return min(_MAX_INPUT_TOKENS, positions // 2), min(_MAX_OUTPUT_TOKENS, positions - 2)


def _decoding_limit(longest_source: int, longest_prefix: int, ceiling: int) -> int:
    """Argos's fixed 256 target tokens, raised only for very long inputs. Fixed rather than
    per batch, so a text's translation never depends on which batch it landed in."""
    return min(max(256, 2 * longest_source + 10) + longest_prefix, ceiling)


def _argmax(row: Sequence[float], limit: int) -> int:
    """Index of the largest weight among the first ``limit`` (real) source positions."""
    best, best_value = 0, -1.0
    for index in range(min(limit, len(row))):
        if row[index] > best_value:
            best, best_value = index, row[index]
    return best


def _compose(first: _Leg, second: _Leg, with_alignment: bool) -> _Leg:
    """A pivot hypothesis: source of the first leg, target of the second, alignments chained
    through the English text (the two legs may tokenize it differently, so by characters)."""
    alignment: list[int] = []
    if with_alignment and first.source_tokens and first.alignment:
        middle = first.target_tokens
        # Which first-leg target token covers each character of the English text.
        owner = [0] * (len(first.text) + 1)
        for index, token in enumerate(middle):
            for pos in range(token.start, max(token.end, token.start + 1)):
                if pos < len(owner):
                    owner[pos] = index
        for j in second.alignment:
            english = second.source_tokens[j] if j < len(second.source_tokens) else None
            token_index = owner[min(english.start, len(first.text))] if english else 0
            alignment.append(first.alignment[min(token_index, len(first.alignment) - 1)])
    return _Leg(second.text, first.score + second.score, first.source_tokens,
                second.target_tokens, alignment)


def _public(leg: _Leg) -> Hypothesis:
    return Hypothesis(leg.text, leg.score, leg.source_tokens, leg.target_tokens, leg.alignment)


__all__ += ["PIVOT"]
