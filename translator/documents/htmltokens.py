"""HTML as a flat list of tokens with source offsets, and what each element means to us.

The tokenizer is the standard library's ``html.parser.HTMLParser`` (maintained with CPython,
tolerant of real-world markup, no dependency): it reports each token at its source position
(``getpos``) and gives a start tag's raw text, and its tokens tile the source, so a token's
end is where the next one starts. Character references are reported, not decoded
(``convert_charrefs=False``), so each keeps its own range.

>>> [(t.kind, t.tag, t.start, t.end) for t in tokenize('<p class="x">A &amp; B</p>')]
... # doctest: +NORMALIZE_WHITESPACE
[('start', 'p', 0, 13), ('data', '', 13, 15), ('ref', '', 15, 20), ('data', '', 20, 22),
 ('end', 'p', 22, 26)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

__all__ = ["ATOMIC", "INLINE", "SKIPPED", "VOID", "Token", "attribute_spans", "kept_as_is",
           "tokenize"]

# Phrasing elements: they sit inside a sentence, so they are inline markup of a segment.
INLINE = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "font",
    "i", "img", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strike", "strong",
    "sub", "sup", "time", "tt", "u", "var", "wbr",
})
# Inline elements whose content is code, not prose: carried whole and verbatim.
ATOMIC = frozenset({"code", "kbd", "samp", "var", "tt"})
# Elements with no end tag.
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "param", "source", "track", "wbr"})
# Blocks whose content is never translated (code, scripts, embedded vector graphics).
SKIPPED = frozenset({"script", "style", "pre", "textarea", "svg", "math", "template",
                     "noscript", "code", "iframe", "object"})

# An attribute inside a start tag's raw text, as html.parser reads it.
_ATTRIBUTE = re.compile(
    r"""((?<=['"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?(?:\s|/(?!>))*"""
)


@dataclass(frozen=True, slots=True)
class Token:
    """One token: ``start`` / ``end`` tags, ``data``, a character ``ref``, or ``other``
    (comment, doctype, processing instruction); ``raw`` is its source text."""

    kind: str
    tag: str
    start: int
    end: int
    raw: str = field(repr=False)
    attrs: tuple[tuple[str, str | None], ...] = field(default=(), repr=False)
    closed: bool = False  # a self-closing start tag, ``<br/>``


class _Tokenizer(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.found: list[tuple[str, str, int, tuple[tuple[str, str | None], ...], bool]] = []

    def _add(self, kind: str, tag: str = "",
             attrs: tuple[tuple[str, str | None], ...] = (), closed: bool = False) -> None:
        line, column = self.getpos()
        self.found.append((kind, tag, self.line_starts[line - 1] + column, attrs, closed))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._add("start", tag, tuple(attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._add("start", tag, tuple(attrs), closed=True)

    def handle_endtag(self, tag: str) -> None:
        self._add("end", tag)

    def handle_data(self, data: str) -> None:
        self._add("data")

    def handle_entityref(self, name: str) -> None:
        self._add("ref")

    def handle_charref(self, name: str) -> None:
        self._add("ref")

    def handle_comment(self, data: str) -> None:
        self._add("other", "!--")

    def handle_decl(self, decl: str) -> None:
        self._add("other", "!")

    def unknown_decl(self, data: str) -> None:
        self._add("other", "!")

    def handle_pi(self, data: str) -> None:
        self._add("other", "?")


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text``, in order, tiling it."""
    parser = _Tokenizer(text)
    parser.feed(text)
    parser.close()
    found = parser.found
    ends = [start for _, _, start, _, _ in found[1:]] + [len(text)] * bool(found)
    return [Token(kind, tag, start, end, text[start:end], attrs, closed)
            for (kind, tag, start, attrs, closed), end in zip(found, ends, strict=True)
            if end > start]


def attribute_spans(token: Token) -> dict[str, tuple[int, int, str]] | None:
    """Where each attribute's value is in the source: name → (start, end, quote), ``end``
    excluding the closing quote. None when our reading of the raw tag does not give the
    attributes the parser gave (then nothing in it is touched)."""
    name_end = len(token.tag) + 1
    spans: dict[str, tuple[int, int, str]] = {}
    seen: list[str] = []
    for match in _ATTRIBUTE.finditer(token.raw, name_end):
        name = match.group(1).lower()
        seen.append(name)
        value = match.group(3)
        if value is None:
            continue
        quote = value[:1] if value[:1] in ("'", '"') else ""
        start = token.start + match.start(3) + len(quote)
        spans.setdefault(name, (start, start + len(value) - 2 * len(quote), quote))
    if seen != [name for name, _ in token.attrs]:
        return None
    return spans


def kept_as_is(token: Token) -> bool:
    """An element the author marked as not to be translated (``translate="no"``,
    ``class="notranslate"``)."""
    attrs = dict(token.attrs)
    return ((attrs.get("translate") or "").strip().lower() == "no"
            or "notranslate" in (attrs.get("class") or "").split())
