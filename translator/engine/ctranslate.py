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
from pathlib import Path
from typing import Any

import ctranslate2

from translator.engine.hypothesis import Hypothesis
from translator.engine.package import Package
from translator.engine.planning import (
    LegPlan,
    argmax,
    compose,
    decoding_limit,
    dedupe,
    join_chunks,
    limits,
    plan_leg,
)
from translator.engine.routing import route
from translator.engine.tokenize import Tokenizer
from translator.errors import PackageError

__all__ = ["Engine", "check_loadable", "position_limit", "resolve_compute_type"]

log = logging.getLogger(__name__)

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
    _open_model(package, compute_type="auto", intra_threads=1)
    Tokenizer(package.tokenizer)


# What CTranslate2 raises for a model file it cannot read: a truncated or zeroed model.bin
# gives "IndexError: variable encoder/embeddings_0/weight not found", a wrong spec revision
# a RuntimeError, a missing file an OSError.
_LOAD_ERRORS = (RuntimeError, ValueError, OSError, IndexError, KeyError, MemoryError)


def _open_model(package: Package, **options: Any) -> ctranslate2.Translator:
    """``ctranslate2.Translator`` for the package; a model that does not load is one
    ``PackageError`` naming the package and its model.bin, never a traceback."""
    try:
        return ctranslate2.Translator(str(package.model_dir), device="cpu", **options)
    except _LOAD_ERRORS as error:
        raise PackageError(
            f"the model does not load: {package.model_dir.name}/model.bin or its config or "
            f"vocabulary is damaged ({type(error).__name__}: {error})", file=package.path,
        ) from None


def _require_sentencepiece(package: Package) -> None:
    if package.tokenizer_kind != "sentencepiece":
        raise PackageError(
            f"{package.pair} uses a BPE tokenizer (bpe.model), which this tool does not "
            "support; use a SentencePiece package (sentencepiece.model)",
            file=package.path,
        )


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
                translator = _open_model(
                    package,
                    compute_type=self.compute_type,
                    inter_threads=self.parallel_batches,
                    max_queued_batches=-1,  # queue a whole run: no blocking submits
                    intra_threads=self.threads_per_batch,
                )
                log.info("loaded %s (%s, %d×%d threads)", package.pair, self.compute_type,
                         self.parallel_batches, self.threads_per_batch)
                self._tokenizers[key] = tokenizer
                self._translators[key] = translator
                self._limits[key] = limits(position_limit(package.model_dir))
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
        requests = dedupe(texts, prefixes)
        unique_texts = [t for t, _ in requests.unique]
        unique_prefixes = [p for _, p in requests.unique]

        def reporter(leg_index: int) -> Callable[[list[int]], None] | None:
            if progress is None:
                return None
            done = [0]

            def report(finished: list[int]) -> None:
                done[0] += sum(requests.weight[i] for i in finished)
                # Each leg is an equal share of the work; empties are done from the start.
                share = (leg_index * len(texts) + requests.empties + done[0]) // len(legs)
                progress(min(share, len(texts)))

            return report

        if len(legs) == 1:
            results = self._run_leg(legs[0], unique_texts, n_best, unique_prefixes,
                                    return_alignment, reporter(0))
        else:
            first = self._run_leg(legs[0], unique_texts, 1, [None] * len(unique_texts),
                                  return_alignment, reporter(0))
            middle = [hyps[0] for hyps in first]
            second = self._run_leg(legs[1], [m.text for m in middle], n_best,
                                   unique_prefixes, return_alignment, reporter(1))
            results = [
                [compose(m, h, return_alignment) for h in hyps]
                for m, hyps in zip(middle, second, strict=True)
            ]
        if progress is not None and requests.empties == len(texts):
            progress(len(texts))
        return [[Hypothesis("", 0.0)] if slot < 0 else list(results[slot])
                for slot in requests.order]

    def _run_leg(
        self,
        package: Package,
        texts: list[str],
        n_best: int,
        prefixes: list[str | None],
        return_alignment: bool,
        report: Callable[[list[int]], None] | None,
    ) -> list[list[Hypothesis]]:
        """Translate ``texts`` with one package: tokenize all, plan, queue, collect, join."""
        if not texts:
            return []
        translator, tokenizer = self._load(package)
        max_input, max_output = self._limits[str(package.path)]
        sources = tokenizer.encode_batch(texts)
        lead = [package.target_prefix] if package.target_prefix else []
        wanted = [i for i, p in enumerate(prefixes) if p]
        prefix_pieces: list[list[str] | None] = [None] * len(texts)
        encoded = tokenizer.encode_batch([prefixes[i] or "" for i in wanted])
        for i, tokens in zip(wanted, encoded, strict=True):
            prefix_pieces[i] = [t.piece for t in tokens]
        plan = plan_leg(sources, prefix_pieces, lead, max_input=max_input,
                        max_batch_tokens=self.max_batch_tokens)
        if len(plan.items) > len(texts):
            log.info("%d long text(s) translated in pieces of at most %d tokens",
                     sum(n > 1 for n in plan.pieces_per_text(len(texts))), max_input)
        pending = self._submit(translator, plan, n_best, return_alignment, max_output)
        per_item = _collect(plan, pending, tokenizer, lead, n_best, return_alignment,
                            len(texts), report)
        out: list[list[Hypothesis]] = []
        items_of: list[list[int]] = [[] for _ in texts]
        for j, item in enumerate(plan.items):
            items_of[item.text].append(j)
        for i, js in enumerate(items_of):
            if len(js) == 1:
                out.append(per_item[js[0]])
            else:
                out.append(join_chunks([per_item[j] for j in js],
                                       [plan.items[j].first for j in js], sources[i]))
        return out

    def _submit(self, translator: ctranslate2.Translator, plan: LegPlan, n_best: int,
                return_alignment: bool, max_output: int) -> list[list[Any]]:
        """Queue every batch at once (``asynchronous``): the CPU never waits for Python.

        For n-best, every beam hypothesis is returned (different piece sequences can
        detokenize to the same text; ``_collect`` drops duplicates). The beam itself only
        grows when n_best exceeds it, so the best hypothesis equals the 1-best run's.
        """
        beam = max(self.beam_size, n_best)
        pending = []
        for batch in plan.batches:
            items = [plan.items[j] for j in batch]
            longest = max(len(item.tokens) for item in items)
            pending.append(translator.translate_batch(
                [[t.piece for t in item.tokens] for item in items],
                target_prefix=[item.prefix for item in items] if plan.use_prefix else None,
                beam_size=beam,
                num_hypotheses=beam if n_best > 1 else 1,
                length_penalty=0.2,
                replace_unknowns=True,
                return_scores=True,
                return_attention=return_alignment,
                max_input_length=0,
                max_decoding_length=decoding_limit(
                    longest, max(len(item.prefix) for item in items), max_output),
                asynchronous=True,
            ))
        return pending


def _collect(
    plan: LegPlan,
    pending: list[list[Any]],
    tokenizer: Tokenizer,
    lead: list[str],
    n_best: int,
    return_alignment: bool,
    texts: int,
    report: Callable[[list[int]], None] | None,
) -> list[list[Hypothesis]]:
    """Wait for each batch in turn, detokenize it, keep up to ``n_best`` distinct texts per
    item, and report the texts whose every item is done."""
    remaining = plan.pieces_per_text(texts)
    per_item: list[list[Hypothesis]] = [[] for _ in plan.items]
    for batch, futures in zip(plan.batches, pending, strict=True):
        results = [future.result() for future in futures]
        flat = [pieces[len(lead):] if lead and pieces[:len(lead)] == lead else pieces
                for result in results for pieces in result.hypotheses]
        decoded = iter(tokenizer.decode_batch(flat))
        finished = []
        for j, result in zip(batch, results, strict=True):
            item = plan.items[j]
            n_src = len(item.tokens)
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
                    alignment = [argmax(row, n_src) for row in rows[max(skip, 0):]]
                    alignment += [n_src - 1] * (len(target_tokens) - len(alignment))
                per_item[j].append(Hypothesis(text, float(score), item.tokens, target_tokens,
                                              alignment))
            remaining[item.text] -= 1
            if remaining[item.text] == 0:
                finished.append(item.text)
        if report is not None and finished:
            report(finished)
    return per_item
