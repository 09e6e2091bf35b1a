"""Markup back onto the translation: the source's inline spans placed on the target words.

``restore`` wraps the aligned words of the engine's plain translation in the source's
markup (emphasis, strike-through, links) and puts atomic spans (code, URLs, images, inline
HTML, numbers) back verbatim; ``transfer`` also names the markup that no aligned words
could carry and that went to a sentence edge, for review. Nothing is dropped.

Alignment form: a function ``map_span(src_start, src_end) -> (tgt_start, tgt_end) | None``
over plain-text offsets (``translator.align.combined`` builds one without attention), or a
sequence of links ``((src_start, src_end), (tgt_start, tgt_end))``, one per aligned token
pair, from which ``aligner`` builds that function.

>>> src = strip("Read **the plan** at [NATO](https://nato.int).")
>>> restore(src, "Прочитайте план на НАТО.", [((0, 4), (0, 10)), ((5, 8), (11, 15)),
...     ((9, 13), (11, 15)), ((14, 16), (16, 18)), ((17, 21), (19, 23)), ((21, 22), (23, 24))])
'Прочитайте **план** на [НАТО](https://nato.int).'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from translator.inline import FORMATTING, Inline, Span, strip

__all__ = ["Alignment", "Link", "Restored", "aligner", "restore", "transfer"]

Alignment = Callable[[int, int], "tuple[int, int] | None"]
Link = tuple[tuple[int, int], tuple[int, int]]

# A number in the translation may use spaces as thousands separators ("1 300").
_TARGET_NUMBER = re.compile(r"(?<!\w)\d+(?:[.,]\d+|[ \u00a0\u202f]\d{3}(?!\d))*(?!\w)")
_END_PUNCT = ".!?…:;"


def aligner(links: Iterable[Link]) -> Alignment:
    """``map_span`` from token links (a point query hits a link that strictly contains it).

    The answer is the largest run of adjacent target tokens aligned into the query, not the
    hull of all of them: attention sends a stray token or two far away ("читайте" to
    "website"), and a hull would stretch a link over half the sentence.
    """
    by_source: dict[int, list[tuple[int, int]]] = {}
    pairs = list(links)
    for (a, b), target in pairs:
        for k in range(max(a, 0), b):
            by_source.setdefault(k, []).append(target)

    def map_span(start: int, end: int) -> tuple[int, int] | None:
        if start == end:
            hits = [target for (a, b), target in pairs if a < start < b]
        else:
            hits = [t for k in range(max(start, 0), end) for t in by_source.get(k, ())]
        if not hits:
            return None
        return _largest_run(sorted(set(hits)))

    return map_span


_MAX_GAP = 6  # characters: a space, or one short unaligned word («та», «на», «про»)


def _largest_run(ranges: list[tuple[int, int]]) -> tuple[int, int]:
    """Hull of the run of ranges (sorted) that covers the most characters; neighbours join
    a run when at most one short word (unaligned, a piece the model attended elsewhere)
    lies between them."""
    runs: list[list[tuple[int, int]]] = [[ranges[0]]]
    for low, high in ranges[1:]:
        if low - max(h for _, h in runs[-1]) <= _MAX_GAP:
            runs[-1].append((low, high))
        else:
            runs.append([(low, high)])
    best = max(runs, key=lambda run: sum(high - low for low, high in run))
    return best[0][0], max(h for _, h in best)


@dataclass
class _Node:
    """A span placed in the target: formatting wraps ``target[start:end]``; anything with
    ``text`` (atomic spans, spans placed without alignment) replaces it."""

    span: Span
    order: int
    start: int
    end: int
    text: str | None = None
    edge: bool = False  # placed at the start or end of the sentence, for want of alignment
    kids: list[_Node] = field(default_factory=list)


@dataclass(frozen=True)
class Restored:
    """Target Markdown, and the source markup (``**Mark Rutte**``) that no aligned words
    could carry: kept at a sentence edge or around the sentence, for a reviewer to see."""

    text: str
    edge: tuple[str, ...] = ()


def restore(inline: Inline, target: str, alignment: Alignment | Sequence[Link]) -> str:
    """Target Markdown: ``target`` (the engine's plain translation) with the source markup
    moved onto the aligned words, atomic spans put back verbatim, and the rest escaped."""
    return transfer(inline, target, alignment).text


def transfer(inline: Inline, target: str, alignment: Alignment | Sequence[Link]) -> Restored:
    """``restore``, also naming the markup placed at an edge for want of alignment.

    Nothing is dropped: emphasis whose words the alignment lost goes around the words that
    spell the same name (``Mark Rutte`` → «Марк Рютте»), else around the whole sentence.
    """
    map_span = alignment if callable(alignment) else aligner(alignment)
    restored = _transfer(inline, target, map_span)
    if _kinds(strip(restored.text)) != _kinds(inline):  # a delimiter that no longer parses
        fallback = _transfer(inline, target, lambda start, end: None)
        if _kinds(strip(fallback.text)) == _kinds(inline):
            return fallback
    return restored


def _kinds(inline: Inline) -> Counter[str]:
    return Counter(span.kind for span in inline.spans if span.kind not in ("number", "break"))


def _transfer(inline: Inline, target: str, map_span: Alignment) -> Restored:
    root = _Node(Span("", 0, len(target), ""), -1, 0, len(target))
    nodes: dict[int, _Node] = {-1: root}
    claimed: list[tuple[int, int]] = []
    unplaced: list[tuple[int, Span]] = []
    for order, span in enumerate(inline.spans):
        parent = span.parent
        while parent not in nodes:  # emphasis placed later: its content joins the grandparent
            parent = inline.spans[parent].parent
        node = _place(inline, span, order, target, map_span, nodes[parent], claimed)
        if node is None and span.kind in FORMATTING - {"link"}:
            unplaced.append((order, span))
        elif node is not None and node.edge:  # its content is placed on its own
            root.kids.append(node)
        elif node is not None:
            nodes[order] = node
            nodes[parent].kids.append(node)
    edge = [_shown(inline, node.span) for node in root.kids if node.edge]
    unplaced += [(node.order, node.span) for node in _squeezed(root)]
    for left, (order, span) in enumerate(sorted(unplaced)):
        shown = inline.plain[span.start:span.end]
        if not _wrap(root, order, span, shown, target, len(unplaced) - left):
            edge.append(_shown(inline, span))
    out: list[str] = []
    _emit(root.kids, 0, len(target), target, _spellings(inline, target, map_span), out)
    return Restored("".join(out), tuple(edge))


def _squeezed(parent: _Node) -> list[_Node]:
    """Emphasis whose words an earlier sibling took entirely (both aligned to the same
    words): taken out of the tree, to be placed anew rather than written as nothing."""
    gone: list[_Node] = []
    cursor = parent.start
    for node in sorted(parent.kids, key=lambda n: (n.start, n.end > n.start, n.order)):
        if (node.text is None and node.span.kind in FORMATTING - {"link"}
                and node.span.start < node.span.end and max(node.start, cursor) >= node.end):
            gone.append(node)
            parent.kids.remove(node)
            parent.kids.extend(node.kids)  # what it held stays where it was
            continue
        gone += _squeezed(node)
        cursor = max(cursor, node.end)
    return gone


def _shown(inline: Inline, span: Span) -> str:
    """How a span reads in the source, for a note: ``**Mark Rutte**``, ``[NATO](…)``."""
    if span.kind not in FORMATTING:
        return span.markup  # atomic: its verbatim source
    return span.markup + inline.plain[span.start:span.end] + span.close


def _wrap(root: _Node, order: int, span: Span, shown: str, target: str, left: int = 1) -> bool:
    """Put emphasis the alignment lost around the target words spelling the same name
    (True); failing that around the longest run of words no placed markup holds — the
    sentence, before its final punctuation, when nothing else was placed — or its first
    share when ``left`` spans still need one (False)."""
    found = _by_spelling(shown, target)
    if found is not None and not any(k.start < found[1] and found[0] < k.end for k in root.kids):
        root.kids.append(_Node(span, order, *found))
        return True
    lo = len(target) - len(target.lstrip())
    hi = len(target.rstrip().rstrip(_END_PUNCT))
    runs, cursor = [], lo
    for start, end in sorted((k.start, k.end) for k in root.kids):
        runs.append((cursor, start))
        cursor = max(cursor, end)
    runs.append((cursor, hi))
    spans = []
    for a, b in runs:  # each run trimmed to its words
        words = re.search(r"\w(?:.*\w)?", target[a:b], re.S) if a < b else None
        if words is not None:
            spans.append((a + words.start(), a + words.end()))
    if spans:
        a, b = max(spans, key=lambda r: r[1] - r[0])
        run = list(re.finditer(r"\w+", target[a:b]))
        if left > 1 and len(run) > 1:
            b = a + run[max(1, len(run) // left) - 1].end()
        root.kids.append(_Node(span, order, a, b))
    else:  # every word already holds markup: around all of it
        root.kids[:] = [_Node(span, order, 0, len(target), kids=list(root.kids))]
    return False


def _by_spelling(shown: str, target: str) -> tuple[int, int] | None:
    """Target words that spell the span's words in another script (names), if as many."""
    wanted = [w.lower() for w in re.findall(r"\w+", shown)]
    if not wanted:
        return None
    from difflib import SequenceMatcher

    from translator.glossary.morphology.transliterate import romanise

    words = [(m.start(), m.end(), romanise(m.group())) for m in re.finditer(r"\w+", target)]
    best, score = None, 0.0
    for i in range(len(words) - len(wanted) + 1):
        run = words[i:i + len(wanted)]
        ratio = min(SequenceMatcher(None, w, r[2]).ratio()
                    for w, r in zip(wanted, run, strict=True))
        if ratio > score:
            best, score = (run[0][0], run[-1][1]), ratio
    return best if score >= 0.6 else None


def _place(inline: Inline, span: Span, order: int, target: str, map_span: Alignment,
           parent: _Node, claimed: list[tuple[int, int]]) -> _Node | None:
    """Where ``span`` goes in the target, or None when the target needs nothing from it."""
    shown = inline.plain[span.start:span.end]
    found = _lookup(map_span, span, inline.plain, target)
    if span.kind in FORMATTING:
        if found is not None:
            a, b = _trim(target, found, shown, _whole(inline.plain, span))
            a, b = max(a, parent.start), min(b, parent.end)
            if a < b or span.start == span.end:
                return _Node(span, order, a, max(a, b))
        if span.kind != "link":
            return None  # emphasis the alignment lost: the words stay, plain
        return _edge(span, order, target, span.markup + _escaped(shown) + span.close)
    if span.kind == "number":
        digits = re.sub(r"\D", "", shown)
        kept = [m.span() for m in _TARGET_NUMBER.finditer(target)
                if re.sub(r"\D", "", m.group()) == digits and m.span() not in claimed]
        if kept:  # the engine kept the number, perhaps localised ("2 000"): leave it be
            claimed.append(_nearest(kept, found))
            return None
    elif span.kind == "break":
        if found is None or not target[found[0]:found[1]].isspace():
            return None  # a line break only survives where the translation has a space
    elif len(shown.strip()) > 1:  # a URL or code the engine copied verbatim stays where it is
        copies = [m.span() for m in re.finditer(re.escape(shown), target)
                  if m.span() not in claimed]
        if copies:
            found = _nearest(copies, found)
        elif found is not None:  # it replaces what the engine made of it: whole words
            found = _grown(target, found, _whole(inline.plain, span))
    if found is None:
        return None if span.kind == "number" else _edge(span, order, target, span.markup)
    claimed.append(found)
    a = min(max(found[0], parent.start), parent.end)
    b = min(max(found[1], a), parent.end)
    return _Node(span, order, a, b, _spaced(inline.plain, span, target, a, b))


def _spaced(plain: str, span: Span, target: str, a: int, b: int) -> str:
    """A point tag (a field, a note reference) keeps the space the source had beside it
    when the engine dropped it there: ``<x1/> Rutte`` must not become ``<x1/>Рютте``."""
    if span.kind != "html" or span.start != span.end:
        return span.markup
    before = span.start > 0 and plain[span.start - 1].isspace()
    after = span.end < len(plain) and plain[span.end].isspace()
    return ("" if not before or a == 0 or target[a - 1].isspace() else " ") + span.markup + (
        "" if not after or b >= len(target) or target[b].isspace() else " ")


def _lookup(map_span: Alignment, span: Span, plain: str, target: str) -> tuple[int, int] | None:
    found = map_span(span.start, span.end)
    if found is not None or span.start < span.end:
        return found
    # A point (inline HTML, an empty image or link): after the previous character, or before
    # the next one for an opening tag; the ends of the text stay the ends.
    before = map_span(span.start - 1, span.start) if span.start > 0 else None
    after = map_span(span.start, span.start + 1) if span.start < len(plain) else None
    opening = span.kind == "html" and not span.markup.startswith("</")
    if after is not None and (opening or before is None):
        return after[0], after[0]
    if before is not None:
        return before[1], before[1]
    if span.start in (0, len(plain)):
        return (0, 0) if span.start == 0 else (len(target), len(target))
    return None


def _whole(plain: str, span: Span) -> tuple[bool, bool]:
    """Does the span begin (end) at a word edge of the source?"""
    return (span.start == 0 or not plain[span.start - 1].isalnum(),
            span.end >= len(plain) or not plain[span.end].isalnum())


def _grown(target: str, found: tuple[int, int], whole: tuple[bool, bool]) -> tuple[int, int]:
    """Where the source span began (ended) at a word edge, ``found`` grown to the target
    word's edge: alignment is per piece («авіабаз|і»), and markup or a code span inside a
    word would split it."""
    a, b = found
    while whole[0] and 0 < a < len(target) and target[a - 1].isalnum() and target[a].isalnum():
        a -= 1
    while whole[1] and 0 < b < len(target) and target[b - 1].isalnum() and target[b].isalnum():
        b += 1
    return a, b


def _trim(target: str, found: tuple[int, int], shown: str,
          whole: tuple[bool, bool] = (True, True)) -> tuple[int, int]:
    """Emphasis must hug words: grown to whole words (``_grown``), then without whitespace
    the source span did not have at its edges."""
    a, b = _grown(target, found, whole)
    if shown and not shown[0].isspace():
        while a < b and target[a].isspace():
            a += 1
    if shown and not shown[-1].isspace():
        while b > a and target[b - 1].isspace():
            b -= 1
    if shown and shown[-1] not in _END_PUNCT:  # «важлива.» of "**important**."
        while b > a and target[b - 1] in _END_PUNCT:
            b -= 1
    # Words at the source span's edges: the target's too, or "*, word*" is no emphasis.
    if shown[:1].isalnum():
        while a < b and not target[a].isalnum():
            a += 1
    if shown[-1:].isalnum():
        while b > a and not target[b - 1].isalnum():
            b -= 1
    return a, b


def _nearest(candidates: list[tuple[int, int]], near: tuple[int, int] | None) -> tuple[int, int]:
    return min(candidates, key=lambda c: abs(c[0] - near[0])) if near else candidates[0]


def _edge(span: Span, order: int, target: str, text: str) -> _Node:
    """Never lose a link, code span, URL or image: put it at the sentence edge it was
    nearest to (before the final full stop when appended). A tag that shows nothing (a
    bookmark, a field's mark) takes no space with it."""
    space = " " if target.strip() and not (span.kind == "html" and span.start == span.end) else ""
    if span.start == 0:
        at = len(target) - len(target.lstrip())
        return _Node(span, order, at, at, text + space, edge=True)
    at = len(target.rstrip())
    while at > 0 and target[at - 1] in _END_PUNCT:
        at -= 1
    return _Node(span, order, at, at, space + text, edge=True)


def _spellings(inline: Inline, target: str, map_span: Alignment) -> list[str | None]:
    """Target characters that are source characters moved one-to-one keep their source
    spelling (an escape, an entity, a literal ``*``); all others get escaped."""
    spelled: list[str | None] = [None] * len(target)
    for i, spelling in enumerate(inline.spelling):
        if spelling is None or (spelling == inline.plain[i] and spelling not in _ESCAPABLE):
            continue  # escaping would not change it either
        found = map_span(i, i + 1)
        if found is None or found[1] != found[0] + 1:
            continue  # not moved one-to-one
        if target[found[0]] == inline.plain[i] and spelled[found[0]] is None:
            spelled[found[0]] = spelling
    return spelled


def _emit(kids: list[_Node], lo: int, hi: int, target: str, spelled: list[str | None],
          out: list[str], opening: str = "", closing: str = "") -> None:
    """Write target[lo:hi] with ``kids`` placed in it, in target order, never overlapping
    (``opening``/``closing``: the enclosing markup, written right before ``lo``/after ``hi``)."""
    cursor, mark = lo, opening  # mark: the markup written right before the cursor
    ordered = sorted(kids, key=lambda n: (n.start, n.end > n.start, n.order))
    for index, node in enumerate(ordered):
        a = min(max(node.start, cursor), hi)
        b = min(max(node.end, a), hi)
        while node.text is None and node.start < a < b and target[a].isspace():
            a += 1  # cut short by a sibling: still hug the words
        out.append(_escaped(target, spelled, cursor, a))
        mark = mark if a == cursor else ""
        if node.text is not None:
            out.append(node.text)
            mark = node.text
        elif a == b and node.span.start < node.span.end:  # squeezed out: keep what is atomic
            _emit(node.kids, a, a, target, spelled, out)
        else:
            opener, closer = node.span.markup, node.span.close
            following = next((n.text if n.text is not None else n.span.markup
                              for n in ordered[index + 1:]
                              if n.start == b and (n.text or n.span.markup)), None)
            after = following if following is not None else target[b:b + 1]
            glued = "".join(out)[-1:].isalnum() or after[:1].isalnum()
            beside = (mark[-1:], (following or (closing if b == hi else ""))[:1])
            if opener in ("_", "__") and glued:  # "_" inside a word is no emphasis; "*" is
                opener = closer = "*" * len(opener)
            elif opener in ("*", "_") and mark == opener and beside == (opener, opener):
                # Between the same delimiters ("_" of an enclosing "_…_") the two would
                # read as one: "__x__" is strong, not emphasis within emphasis (runs of
                # two, "****x****", and of different lengths, "***x***", nest as written).
                opener = closer = ("_" if opener[0] == "*" else "*") * len(opener)
            out.append(opener)
            _emit(node.kids, a, b, target, spelled, out, opener, closer)
            out.append(closer)
            mark = closer
        cursor = b
    out.append(_escaped(target, spelled, cursor, hi))


_ALWAYS = frozenset("\\`*[]")
_ESCAPABLE = _ALWAYS | {"_", "~", "<", "&"}
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _escaped(text: str, spelled: Sequence[str | None] = (), lo: int = 0,
             hi: int | None = None) -> str:
    """``text[lo:hi]`` as Markdown that shows exactly those characters."""
    out: list[str] = []
    for k in range(lo, len(text) if hi is None else hi):
        ch = text[k]
        spelling = spelled[k] if k < len(spelled) else None
        if spelling is not None:
            out.append(spelling)
            continue
        before, after = text[k - 1:k], text[k + 1:k + 2]
        if (ch in _ALWAYS
                or (ch == "_" and not (before.isalnum() and after.isalnum()))
                or (ch == "~" and "~" in (before, after))
                or (ch == "<" and (after.isalpha() or after in ("/", "!", "?")))
                or (ch == "&" and _ENTITY.match(text, k))):
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)
