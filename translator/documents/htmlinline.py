"""Inline HTML ↔ plain text: the markup of HTML (and DOCX) segments around the engine.

An HTML segment's text is its inline HTML exactly as in the source. ``parse`` gives the
same ``inline.Inline`` that Markdown segments get, so ``placement.restore`` carries the markup
onto the aligned words of the translation (``restore`` here): an element pair
(``<b>…</b>``, ``<a href>…</a>``) is formatting around words; code, ``translate="no"``
spans, void elements (``<br>``, ``<img>``), comments and unpaired tags are atomic and come
back verbatim; character references are read as their characters and keep their spelling
where a character moved one to one; the rest of the translation is written as HTML text.

>>> src = parse('Read <b>the plan</b> at <a href="https://nato.int">NATO</a> &amp; more.')
>>> src.plain
'Read the plan at NATO & more.'
>>> [(s.kind, s.markup, s.close) for s in src.spans]
[('strong', '<b>', '</b>'), ('link', '<a href="https://nato.int">', '</a>')]
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from translator import placement
from translator.documents.htmltokens import ATOMIC, VOID, Token, kept_as_is, tokenize
from translator.inline import Inline, Span
from translator.placement import Alignment, Link, Restored

__all__ = ["for_splitting", "parse", "restore", "transfer"]

# An element with attributes (a link, a class, a tracked change) is a "link" to
# ``placement.restore``, never dropped: unaligned, it goes to the sentence edge with its source
# text. A bare pair (<b>, <em>) is formatting, dropped like Markdown emphasis when the
# alignment finds no words for it (the words stay, and nothing is said twice).


def parse(text: str) -> Inline:
    """Plain text for the engine and the spans of inline HTML it hides."""
    tokens = tokenize(text)
    pairs = _pairs(tokens)
    plain: list[str] = []
    spelling: list[str | None] = []
    offsets: list[int] = []
    spans: list[Span] = []
    opened: list[tuple[int, int, Token, int]] = []  # span index, plain start, tag, its index
    skip_to = -1

    def parent() -> int:
        return opened[-1][0] if opened else -1

    for index, token in enumerate(tokens):
        if index < skip_to:
            continue
        if token.kind == "start" and index in pairs and _atomic(token):
            end = pairs[index]
            inner = "".join(html.unescape(t.raw) for t in tokens[index + 1:end]
                            if t.kind in ("data", "ref"))
            start = len(plain)
            plain.extend(inner)
            spelling.extend([None] * len(inner))
            offsets.extend([token.start] * len(inner))
            source = text[token.start:tokens[end].end]
            spans.append(Span("code", start, len(plain), source, parent=parent()))
            skip_to = end + 1
        elif token.kind == "start" and index in pairs:
            opened.append((len(spans), len(plain), token, index))
            spans.append(Span("", 0, 0, token.raw))  # filled in at the close: source order
        elif token.kind == "end" and opened and pairs[opened[-1][3]] == index:
            at, begin, opener, _ = opened.pop()
            kind = "link" if opener.attrs else "strong"
            spans[at] = Span(kind, begin, len(plain), opener.raw, token.raw,
                             dict(opener.attrs).get("href") or "", parent=parent())
        elif token.kind == "data":
            plain.extend(token.raw)
            spelling.extend(token.raw)
            offsets.extend(range(token.start, token.end))
        elif token.kind == "ref":
            shown = html.unescape(token.raw)
            plain.extend(shown)
            spelling.extend([token.raw] + [""] * (len(shown) - 1))
            offsets.extend([token.start] * len(shown))
        else:  # void elements, comments, unpaired tags: points kept verbatim
            spans.append(Span("html", len(plain), len(plain), token.raw, parent=parent()))
            if token.tag == "br" and plain and not plain[-1].isspace():
                plain.append(" ")  # the engine must not read "a<br>b" as one word
                spelling.append(" ")
                offsets.append(token.start)
    return Inline("".join(plain), tuple(spans), tuple(spelling), tuple(offsets))


def _atomic(token: Token) -> bool:
    return token.tag in ATOMIC or kept_as_is(token)


def _pairs(tokens: Sequence[Token]) -> dict[int, int]:
    """Start-tag index → its end tag's index, for elements closed inside the text (nested
    properly); void and self-closed elements and stray tags have none."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for index, token in enumerate(tokens):
        if token.kind == "start" and token.tag not in VOID and not token.closed:
            stack.append(index)
        elif token.kind == "end":
            if stack and tokens[stack[-1]].tag == token.tag:
                pairs[stack.pop()] = index
            elif any(tokens[i].tag == token.tag for i in stack):
                while tokens[stack[-1]].tag != token.tag:  # misnested: the inner ones go
                    stack.pop()
                pairs[stack.pop()] = index
    return pairs


def restore(tagged: Inline, target: str, links: Alignment | Sequence[Link]) -> str:
    """The translation as inline HTML: ``placement.restore`` moves the source's tags onto the
    aligned words; if a bad alignment cost a link or an atomic piece, all tags go to the
    sentence edges instead, where nothing is lost.

    ``placement.restore`` writes Markdown, escaping ``*``, ``_``, ``[`` … with backslashes, so
    the characters Markdown or HTML treat specially reach it as Unicode noncharacters (one
    for one, offsets unchanged) and come back as themselves, or as ``&amp;``, ``&lt;``,
    ``&gt;``; a character moved one to one keeps the source's spelling (``&nbsp;``).

    >>> src = parse("<b>Mark</b> &amp; *co*")
    >>> restore(src, "Марк & *ко*", [((0, 4), (0, 4)), ((5, 6), (5, 6)), ((7, 11), (7, 11))])
    '<b>Марк</b> &amp; *ко*'
    """
    return transfer(tagged, target, links).text


def transfer(tagged: Inline, target: str, links: Alignment | Sequence[Link]) -> Restored:
    """``restore``, also naming the tags placed at a sentence edge for want of alignment
    (the pipeline notes them for review, as for Markdown)."""
    guarded = Inline(tagged.plain.translate(_GUARD), tagged.spans, tagged.spelling,
                     tagged.offsets)
    plain = target.translate(_GUARD)
    out = placement.transfer(guarded, plain, links)
    kept = [s.markup for s in tagged.spans if s.kind in ("code", "html")] + [
        s.close for s in tagged.spans if s.kind == "link"]
    if not all(piece in out.text for piece in kept):
        out = placement.transfer(guarded, plain, lambda start, end: None)
    return Restored(out.text.translate(_UNGUARD),
                    tuple(markup.translate(_UNGUARD) for markup in out.edge))


# Noncharacters U+FDD0… stand for what must not reach the Markdown escaper as itself.
_SPECIAL = "\\`*[]_~<>&!#|"
_GUARD = {ord(c): 0xFDD0 + i for i, c in enumerate(_SPECIAL)}
_UNGUARD = {0xFDD0 + i: html.escape(c, quote=False) for i, c in enumerate(_SPECIAL)}
_NOT_NEWLINE = re.compile(r"[^\n]")


def for_splitting(text: str) -> tuple[str, list[tuple[int, int]]]:
    """What a sentence splitter should read (tags blanked, same length) and the ranges it
    must not cut: each outermost element pair, and each tag."""
    if "<" not in text:  # no tag, comment or declaration: nothing to blank or keep whole
        return text, []
    readable = list(text)
    ranges: list[tuple[int, int]] = []
    tokens = tokenize(text)
    pairs = _pairs(tokens)
    covered = -1
    for index, token in enumerate(tokens):
        if token.kind in ("start", "end", "other"):
            readable[token.start:token.end] = _NOT_NEWLINE.sub(" ", token.raw)
        if token.start < covered:
            continue
        if index in pairs:
            covered = tokens[pairs[index]].end
            ranges.append((token.start, covered))
        elif token.kind in ("start", "end", "other"):
            ranges.append((token.start, token.end))
    return "".join(readable), ranges
