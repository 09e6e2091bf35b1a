"""How a run's texts become model calls: dedupe, chunk, batch, and how results recombine.

Pure functions over token lists, with no model and no native import, so the batching
rules that decide what CTranslate2 sees (and so what it answers) are testable on their own.
``ctranslate.Engine`` plans with these, then submits and collects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from translator.engine.hypothesis import Hypothesis, Token

__all__ = [
    "Item",
    "LegPlan",
    "Requests",
    "argmax",
    "chunks",
    "compose",
    "dedupe",
    "decoding_limit",
    "join_chunks",
    "limits",
    "plan_leg",
]

# Models converted from Marian/Transformers store a fixed table of position encodings (512
# for OPUS-MT, 256 for our fixtures) and CTranslate2 raises past it. Longer inputs are
# translated in chunks short enough that their translations fit too, and outputs stop below
# the table's end. Models with computed (sinusoidal) positions get these defaults.
MAX_INPUT_TOKENS = 250
MAX_OUTPUT_TOKENS = 500


@dataclass(frozen=True)
class Requests:
    """The distinct ``(text, prefix)`` pairs of a call and where each input text went.

    ``order[i]`` is the index in ``unique`` of input ``i``, or -1 for an empty text
    (never sent to the model); ``weight[k]`` is how many inputs share ``unique[k]``.

    >>> r = dedupe(["a", "", "a", "b"], [None, None, "", "x"])
    >>> r.unique, r.order, r.weight, r.empties
    ([('a', None), ('b', 'x')], [0, -1, 0, 1], [2, 1], 1)
    """

    unique: list[tuple[str, str | None]]
    order: list[int]
    weight: list[int]

    @property
    def empties(self) -> int:
        return self.order.count(-1)


def dedupe(texts: Sequence[str], prefixes: Sequence[str | None]) -> Requests:
    """One model call per distinct (text, prefix); empty texts never reach the model."""
    keys: dict[tuple[str, str | None], int] = {}
    order: list[int] = []
    for text, prefix in zip(texts, prefixes, strict=True):
        if not text.strip():
            order.append(-1)
            continue
        order.append(keys.setdefault((text, prefix or None), len(keys)))
    weight = [0] * len(keys)
    for slot in order:
        if slot >= 0:
            weight[slot] += 1
    return Requests(list(keys), order, weight)


@dataclass(frozen=True)
class Item:
    """One sequence sent to the model: a whole text, or a chunk of a long one."""

    text: int  # index of the text it belongs to
    first: int  # index of its first token in that text
    tokens: list[Token]
    prefix: list[str]  # target pieces decoding must start with (the package's, + the text's)
    constrained: bool  # a prefix beyond the package's own


@dataclass(frozen=True)
class LegPlan:
    """Every item of one package's run and the batches they are queued in."""

    items: list[Item]
    batches: list[list[int]]  # indices into ``items``, longest first within each group
    use_prefix: bool  # pass target prefixes at all (a package prefix or a text's)

    def pieces_per_text(self, texts: int) -> list[int]:
        """How many items each of ``texts`` texts was cut into."""
        counts = [0] * texts
        for item in self.items:
            counts[item.text] += 1
        return counts


def plan_leg(
    sources: Sequence[list[Token]],
    prefix_pieces: Sequence[list[str] | None],
    lead: list[str],
    *,
    max_input: int,
    max_batch_tokens: int,
) -> LegPlan:
    """Cut texts into items and pack them into batches.

    ``prefix_pieces[i]`` is the encoded prefix text ``i`` must start with (None for none),
    ``lead`` the package's own target prefix. Texts longer than ``max_input`` tokens are
    cut into word-aligned chunks translated separately (rather than silently truncated);
    only a text's first chunk carries its prefix. Items are sorted longest first (the
    first batches are the slowest, so an ETA errs on the safe side) and packed while the
    padded batch stays within ``max_batch_tokens``. Constrained items get batches of their
    own, so the decoding limit they need never changes an unconstrained text's translation.

    >>> toks = [Token("▁a", 0, 1)] * 3
    >>> plan = plan_leg([toks, toks[:1]], [None, ["▁x"]], [], max_input=250,
    ...                 max_batch_tokens=64)
    >>> [(i.text, i.prefix, i.constrained) for i in plan.items], plan.batches
    ([(0, [], False), (1, ['▁x'], True)], [[0], [1]])
    """
    items: list[Item] = []
    for i, tokens in enumerate(sources):
        own = prefix_pieces[i]
        for first, last in chunks(tokens, max_input):
            prefix = lead + own if own is not None and first == 0 else list(lead)
            items.append(Item(i, first, tokens[first:last], prefix, len(prefix) > len(lead)))
    ranked = sorted(range(len(items)), key=lambda j: (items[j].constrained, -len(items[j].tokens)))
    batches: list[list[int]] = []
    current: list[int] = []
    widest = 0  # padded width of the current batch (its first, longest item + </s>)
    for j in ranked:
        length = len(items[j].tokens) + 1
        if current and (
            max(widest, length) * (len(current) + 1) > max_batch_tokens
            or items[j].constrained != items[current[0]].constrained
        ):
            batches.append(current)
            current, widest = [], 0
        current.append(j)
        widest = max(widest, length)
    if current:
        batches.append(current)
    use_prefix = bool(lead) or any(p is not None for p in prefix_pieces)
    return LegPlan(items, batches, use_prefix)


def chunks(tokens: Sequence[Token], limit: int) -> list[tuple[int, int]]:
    """Split a token list into runs of at most ``limit``, cutting before a word start.

    >>> chunks([Token(p, 0, 0) for p in ["▁a", "b", "▁c", "d", "e"]], 3)
    [(0, 2), (2, 5)]
    """
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


def join_chunks(
    chunk_hyps: list[list[Hypothesis]], firsts: list[int], source_tokens: list[Token]
) -> list[Hypothesis]:
    """Glue the k-th hypotheses of consecutive chunks into the k-th hypothesis of the text."""
    joined = []
    for k in range(max(len(h) for h in chunk_hyps)):
        text, score = "", 0.0
        target: list[Token] = []
        alignment: list[int] = []
        for hyps, first in zip(chunk_hyps, firsts, strict=True):
            leg = hyps[min(k, len(hyps) - 1)]
            shift = len(text) + 1 if text and leg.text else len(text)
            text = f"{text} {leg.text}" if text and leg.text else text + leg.text
            score += leg.score
            target += [Token(t.piece, t.start + shift, t.end + shift) for t in leg.target_tokens]
            alignment += [first + a for a in leg.alignment]
        joined.append(Hypothesis(text, score, source_tokens, target, alignment))
    return joined


def limits(positions: int | None) -> tuple[int, int]:
    """(longest input chunk, longest output) in tokens for a model with ``positions``.

    >>> limits(None), limits(256)
    ((250, 500), (128, 254))
    """
    if positions is None:
        return MAX_INPUT_TOKENS, MAX_OUTPUT_TOKENS
    return min(MAX_INPUT_TOKENS, positions // 2), min(MAX_OUTPUT_TOKENS, positions - 2)


def decoding_limit(longest_source: int, longest_prefix: int, ceiling: int) -> int:
    """Argos's fixed 256 target tokens, raised only for very long inputs. Fixed rather than
    per batch, so a text's translation never depends on which batch it landed in."""
    return min(max(256, 2 * longest_source + 10) + longest_prefix, ceiling)


def argmax(row: Sequence[float], limit: int) -> int:
    """Index of the largest weight among the first ``limit`` (real) source positions."""
    best, best_value = 0, -1.0
    for index in range(min(limit, len(row))):
        if row[index] > best_value:
            best, best_value = index, row[index]
    return best


def compose(first: Hypothesis, second: Hypothesis, with_alignment: bool) -> Hypothesis:
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
    return Hypothesis(second.text, first.score + second.score, first.source_tokens,
                      second.target_tokens, alignment)
