"""Sentence spans inside a paragraph, offline and deterministic.

Built on pysbd's rules (abbreviations such as "Mr.", "Ms.", "U.S.", "e.g.", decimals, quotes)
rather than sentencex: sentencex is ~150x faster but, measured on FLORES/NTREX/WMT24 news,
splits after "Ms." and never splits before an opening quote that follows "me."/"said.",
both common in news copy. pysbd's cost (~1 ms per paragraph) is hidden here by a fast path
for one-sentence segments (headings, list items, most catalogue entries) and by calling its
processor directly, skipping its quadratic char-span search.

Four repairs on top of pysbd keep spans faithful to the source:
- a single newline (a soft line break in Markdown) never ends a sentence;
- closing quotes/brackets glued to a full stop stay with the sentence they close;
- a "boundary" with no whitespace after ``.?!`` (inside a URL, ``...``) is not one;
- nor is one after no terminator at all (pysbd cuts at ``|``).
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pysbd import Segmenter

__all__ = ["may_end_before", "split_sentences"]

# Languages pysbd lacks, mapped to the closest rule set it has (Cyrillic abbreviations such
# as "р.", "м.", "т.д." are handled by its Russian rules, not by its English ones).
_RULE_ALIASES = {"uk": "ru", "be": "ru", "nb": "da", "no": "da", "cs": "sk"}

_TERMINATORS = ".!?…。！？‼⁇⁈⁉"
_CLOSERS = "\"'”’»)]}›"
# Where pysbd could end a sentence before more text: a terminator then whitespace (none needed
# after CJK full stops), or a blank line. Without one, the text is a single sentence.
_INNER_BOUNDARY = re.compile(
    f"(?:[.!?…‼⁇⁈⁉]+[{re.escape(_CLOSERS)}]*\\s+|[。！？]+[{re.escape(_CLOSERS)}]*\\s*|\\n\\s*\\n)(?=\\S)"
)
_SOFT_BREAK = re.compile(r"(?<!\n)\r?\n(?!\r?\n)")


@functools.lru_cache(maxsize=32)
def _segmenter(lang: str) -> Segmenter:
    """One pysbd segmenter per rule set: building one compiles dozens of regexes."""
    import pysbd
    from pysbd.languages import LANGUAGE_CODES

    base = lang.lower().replace("_", "-").split("-")[0]
    base = _RULE_ALIASES.get(base, base)
    return pysbd.Segmenter(language=base if base in LANGUAGE_CODES else "en", clean=False)


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``text``, in order.

    Spans exclude the whitespace between sentences, so ``text[start:end]`` is what the
    engine translates and everything between spans is kept verbatim by the renderer.
    Unknown languages use English rules.

    >>> text = "Mr. Rutte met U.S. officials. It cost 3.5 bn, e.g. for drones."
    >>> [text[a:b] for a, b in split_sentences(text, "en")]
    ['Mr. Rutte met U.S. officials.', 'It cost 3.5 bn, e.g. for drones.']
    """
    first = len(text) - len(text.lstrip())
    last = len(text.rstrip())
    if first >= last:
        return []
    if not _INNER_BOUNDARY.search(text, first, last):
        return [(first, last)]
    return list(_split(text, lang, first, last))


@functools.lru_cache(maxsize=4096)
def _split(text: str, lang: str, first: int, last: int) -> tuple[tuple[int, int], ...]:
    """pysbd's spans, repaired; cached, since pages and folders repeat paragraphs (bylines,
    boilerplate, table cells) and each costs pysbd about a millisecond."""
    # Same length as ``text``, so offsets found in it are offsets into ``text``.
    flat = _SOFT_BREAK.sub(lambda m: " " * len(m.group()), text)
    pieces = _segmenter(lang).processor(flat).process()
    return tuple(_repair(text, _locate(flat, pieces, first, last)))


def may_end_before(text: str, at: int) -> bool:
    """Whether a sentence of ``text`` may end at ``at``: after a terminator (and closing
    quotes or brackets), or before a blank line — where ``split_sentences`` can cut.

    >>> may_end_before("He said: “Yes.” Then", 15), may_end_before("Mr. Rutte", 3)
    (True, True)
    >>> may_end_before("Rutte came to Kyiv", 10)
    False
    """
    before = text[:at].rstrip()
    return (before.rstrip(_CLOSERS)[-1:] in tuple(_TERMINATORS)
            or "\n\n" in text[len(before):].replace("\r", ""))


def _locate(text: str, pieces: list[str], first: int, last: int) -> list[tuple[int, int]]:
    """Find pysbd's sentence strings in order; anything it altered stays in one span."""
    spans: list[tuple[int, int]] = []
    cursor = first
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        start = text.find(piece, cursor)
        if start < 0:
            # pysbd rewrote this sentence: give up on finer splits after ``cursor``.
            spans.append((cursor, last))
            return _merge_tail(spans)
        spans.append((start, start + len(piece)))
        cursor = start + len(piece)
    if not spans:
        return [(first, last)]
    if spans[-1][1] < last:  # trailing text pysbd dropped (e.g. lone punctuation)
        spans[-1] = (spans[-1][0], last)
    return spans


def _merge_tail(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Make the last span swallow any earlier spans it overlaps."""
    start, end = spans.pop()
    while spans and spans[-1][1] > start:
        start = min(start, spans.pop()[0])
    spans.append((start, end))
    return spans


def _repair(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Move glued closing quotes back, and undo splits with no whitespace after them."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out:
            prev_start, prev_end = out[-1]
            glued = prev_end == start
            if glued and text[prev_end - 1] in _TERMINATORS:
                closers = start
                while closers < end and text[closers] in _CLOSERS:
                    closers += 1
                if closers > start and (closers == end or text[closers].isspace()):
                    # '... real." Amy said' → 'real."' | 'Amy said'
                    out[-1] = (prev_start, closers)
                    rest = closers
                    while rest < end and text[rest].isspace():
                        rest += 1
                    if rest < end:
                        out.append((rest, end))
                    continue
                if text[prev_end - 1] in ".?!…" and not text[start].isspace():
                    # 'watch?v=...', 'arc..' + '.': not a boundary
                    out[-1] = (prev_start, end)
                    continue
            if (text[prev_start:prev_end].rstrip(_CLOSERS)[-1:] not in _TERMINATORS
                    and "\n\n" not in text[prev_end:start].replace("\r", "")):
                # pysbd also cuts at "|" and the like, shifting later spans: no terminator,
                # no blank line, no boundary
                out[-1] = (prev_start, end)
                continue
        out.append((start, end))
    return out
