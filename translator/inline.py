"""Inline Markdown → plain text, so the engine translates words and never markup.

``strip`` turns a segment's inline Markdown into the plain text the engine sees, plus the
spans that markup covered; ``translator.placement`` puts them back on the translation
(``restore``/``transfer``). ``markup_of`` lists a segment's markup for the ``markup`` check,
and ``for_splitting`` tells a sentence splitter what not to cut.

Positions come from markdown-it-py's own inline rules, each wrapped to record the source range
of the tokens it pushes: what counts as emphasis, a link or a code span is exactly what the
final renderer will see, and nothing is re-parsed with regexes except numbers.

>>> src = strip("Read **the plan** at [NATO](https://nato.int).")
>>> src.plain
'Read the plan at NATO.'
>>> [(span.kind, src.plain[span.start:span.end]) for span in src.spans]
[('strong', 'the plan'), ('link', 'NATO')]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

__all__ = ["ATOMIC", "FORMATTING", "Inline", "Markup", "Span", "for_splitting", "markup_of",
           "strip"]


# Wrapped around aligned words of the translation.
FORMATTING = frozenset({"em", "strong", "strike", "link"})
# Put back verbatim: the engine must not alter them (it may, so restore repairs them).
ATOMIC = frozenset({"code", "url", "image", "html", "break", "number", "footnote"})
_OPENERS = {"em_open": "em", "strong_open": "strong", "s_open": "strike", "link_open": "link"}
_NUMBER = re.compile(r"(?<!\w)\d+(?:[.,]\d+)*(?!\w)")
_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")


@dataclass(frozen=True)
class Span:
    """A piece of markup and the plain-text range ``[start, end)`` it covers."""

    kind: str
    start: int
    end: int
    markup: str  # formatting: opening markup ("**", "["); atomic: the verbatim source
    close: str = ""  # formatting: closing markup ("**", "](https://nato.int)")
    url: str = ""
    title: str = ""
    parent: int = -1  # index in Inline.spans of the enclosing formatting span, or -1


@dataclass(frozen=True)
class Inline:
    """What the engine translates (``plain``) and what ``restore`` needs to rebuild Markdown.

    ``spelling[i]`` is how plain character ``i`` is written in the source (``\\*`` for an
    escaped star, ``&amp;`` for an entity); ``None`` inside atomic placeholders.
    ``offsets[i]`` is where plain character ``i`` is in the Markdown (for highlighting what
    a check of the plain text found).
    """

    plain: str
    spans: tuple[Span, ...]
    spelling: tuple[str | None, ...] = field(repr=False)
    offsets: tuple[int, ...] = field(default=(), repr=False)

    def markup_span(self, start: int, end: int) -> tuple[int, int]:
        """The Markdown range holding plain ``[start, end)``."""
        if start >= end or end > len(self.offsets):
            return start, end
        return self.offsets[start], self.offsets[end - 1] + 1


class _State(StateInline):
    """Inline state that stamps each pending-text token with its source range."""

    def __init__(self, src: str, md: MarkdownIt, env: dict[str, object]) -> None:
        super().__init__(src, md, env, [])
        self.text_start = 0

    @property
    def pending(self) -> str:
        return StateInline.pending.fget(self)  # type: ignore[attr-defined,no-any-return]

    @pending.setter
    def pending(self, value: str) -> None:
        if value and not StateInline.pending.fget(self):  # type: ignore[attr-defined]
            self.text_start = self.pos
        StateInline.pending.fset(self, value)  # type: ignore[attr-defined]

    def append_pending(self, text: str) -> None:
        if not self.pending:
            self.text_start = self.pos
        super().append_pending(text)

    def pushPending(self) -> Token:
        token = super().pushPending()
        token.meta["src"] = (self.text_start, self.text_start + len(token.content))
        return token


class _AnyLabel(dict[str, dict[str, str]]):
    """Reference table in which every label exists: a segment is parsed without its
    document, and ``[text][ref]`` must stay a link (its brackets kept) either way."""

    def get(self, key: str, default: object = None) -> dict[str, str]:
        return {"href": "", "title": ""}


def _tracked(name: str, rule: Callable[[StateInline, bool], bool]) -> Callable[..., bool]:
    def tracked(state: StateInline, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        if not silent:
            new = [token for token in state.tokens[count:] if "src" not in token.meta]
            if name in ("emphasis", "strikethrough"):  # one text token per delimiter piece
                for token in new:
                    token.meta["src"] = (start, start + len(token.content))
                    start += len(token.content)
            elif name == "link":  # "[" … "](dest)"; the label's tokens placed themselves
                new[0].meta["src"] = (start, start + 1)
                new[-1].meta["src"] = (-1, state.pos)  # starts where the label ends
            else:
                for token in new:
                    token.meta["src"] = (start, state.pos)
        return True

    return tracked


@functools.cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"linkify": True}).enable(["linkify", "strikethrough"])
    md.inline.ruler2.disable("fragments_join")  # keep delimiter tokens and their ranges apart
    for rule in list(md.inline.ruler.__rules__):
        md.inline.ruler.at(rule.name, _tracked(rule.name, rule.fn))
    return md


def _tokens(markdown: str) -> list[Token]:
    md = _parser()
    state = _State(markdown, md, {"references": _AnyLabel()})
    md.inline.tokenize(state)
    for rule in md.inline.ruler2.getRules(""):
        rule(state)
    # Back to source order: strikethrough moves a lone "~" of "~~~" after the closer.
    # (A link closer's start is unknown, but it ends after everything in its label.)
    return sorted(state.tokens, key=lambda t: t.meta["src"][0] if t.meta["src"][0] >= 0
                  else t.meta["src"][1] - 0.5)


def _pieces(markdown: str) -> Iterable[tuple[str, Token, int, int]]:
    """Tokens in source order, each with the exact source range it owns: together the
    ranges tile ``markdown``. Two-token strong delimiters and atomic links come out as one."""
    tokens = _tokens(markdown)
    cursor = i = 0
    while i < len(tokens):
        token = tokens[i]
        start, end = token.meta["src"]
        start = cursor if start < 0 or start > cursor else start  # a gap belongs to what follows
        kind = token.type
        if kind == "text" and not token.content and tokens[i + 1].type == "strong_open":
            i += 1  # "**" is two tokens and the first was emptied
            token, end = tokens[i], tokens[i].meta["src"][1]
            kind = token.type
        elif kind == "strong_close":  # and the emptied second delimiter after it
            i += 1
            end = tokens[i].meta["src"][1]
        elif kind == "link_open" and token.markup in ("autolink", "linkify"):
            kind = "url"
            i += 2  # the link text and link_close share this range
        elif kind == "link_open" and i + 2 < len(tokens) and tokens[i + 2].type == "link_close":
            close = tokens[i + 2].meta["src"][1]
            if _FOOTNOTE.fullmatch(markdown, start, close):  # "[^1]": a reference, not a link
                kind, end = "footnote", close
                i += 2
        yield kind, token, start, end
        cursor = end
        i += 1


def strip(markdown: str) -> Inline:
    """Plain text for the engine and the spans of markup it hides.

    >>> strip("See `ls -l` and *2,000* <b>tanks</b>.").plain
    'See ls -l and 2,000 tanks.'
    """
    plain: list[str] = []
    spelling: list[str | None] = []
    offsets: list[int] = []
    spans: list[Span] = []
    opened: list[tuple[int, str, int, Token]] = []  # (index, kind, plain start, token)

    def place(shown: str, source: str, at: int) -> None:
        base = max(0, source.find(shown)) if shown else 0
        offsets.extend(at + min(base + k, len(source) - 1) for k in range(len(shown)))

    def atomic(kind: str, shown: str, source: str, **extra: str) -> None:
        start = len(plain)
        plain.extend(shown)
        spelling.extend([None] * len(shown))
        place(shown, source, at)
        parent = opened[-1][0] if opened else -1
        spans.append(Span(kind, start, len(plain), source, parent=parent, **extra))

    for kind, token, start, end in _pieces(markdown):
        source, at = markdown[start:end], start
        if kind == "url":
            shown = source[1:-1] if token.markup == "autolink" else source
            atomic("url", shown, source, url=_attr(token, "href"))
        elif kind in _OPENERS:
            opened.append((len(spans), kind, len(plain), token))
            spans.append(Span("", 0, 0, source))  # filled in at the close: keeps source order
        elif kind.endswith("_close"):
            index, opener, begin, token = opened.pop()
            spans[index] = Span(_OPENERS[opener], begin, len(plain), spans[index].markup,
                                source, _attr(token, "href"), _attr(token, "title"),
                                opened[-1][0] if opened else -1)
        elif kind in ("softbreak", "hardbreak"):
            atomic("break", " ", source)
        elif kind == "footnote":
            atomic("footnote", "", source)
        elif kind == "code_inline":
            atomic("code", token.content, source)
        elif kind == "image":
            atomic("image", token.content, source, url=_attr(token, "src"),
                   title=_attr(token, "title"))
        elif kind in ("text", "text_special") and token.content == source:
            for match in _NUMBER.finditer(source):
                spans.append(Span("number", len(plain) + match.start(),
                                  len(plain) + match.end(), match.group(),
                                  parent=opened[-1][0] if opened else -1))
            plain.extend(source)
            spelling.extend(source)
            offsets.extend(range(start, end))
        elif kind in ("text", "text_special") and token.content:  # escapes and entities
            plain.extend(token.content)
            spelling.extend([source] + [""] * (len(token.content) - 1))
            place(token.content, source, at)
        else:  # inline HTML, and any markup a plugin may add: shown to nobody, kept verbatim
            atomic("html", "", source)
    return Inline("".join(plain), tuple(spans), tuple(spelling), tuple(offsets))


@dataclass(frozen=True)
class Markup:
    """One piece of inline markup as a check compares it: what it is, the words it covers
    (verbatim for code and URLs), its link or image target, and its range in the Markdown."""

    kind: str  # em, strong, strike, link, code, url, image, html
    text: str
    target: str
    start: int
    end: int


def markup_of(markdown: str) -> list[Markup]:
    """The inline markup of a Markdown segment, in source order (for the ``markup`` check:
    a target should have the source's kinds, and its very link targets).

    >>> [(m.kind, m.text, m.target) for m in markup_of("**Rutte** at [NATO](https://nato.int)")]
    [('strong', 'Rutte', ''), ('link', 'NATO', 'https://nato.int')]
    """
    stripped = strip(markdown)
    return [Markup(span.kind, stripped.plain[span.start:span.end] if span.kind in FORMATTING
                   else span.markup, span.url, *stripped.markup_span(span.start, span.end))
            for span in stripped.spans if span.kind not in ("number", "break")]


def _attr(token: Token, name: str) -> str:
    return str(token.attrGet(name) or "")


def for_splitting(markdown: str) -> tuple[str, list[tuple[int, int]]]:
    """What a sentence splitter should read, and the source ranges it must not cut.

    The text is ``markdown`` with emphasis delimiters, link brackets and destinations and
    inline HTML blanked out (same length, line breaks kept), so ``**Kyiv.** Next`` ends a
    sentence and ``[a](x.y)`` does not. The ranges are the outermost constructs (emphasis,
    links, code, URLs, images, HTML): a cut inside one would unbalance both halves.
    """
    out: list[str] = []
    ranges: list[tuple[int, int]] = []
    depth = 0
    for kind, _token, start, end in _pieces(markdown):
        source = markdown[start:end]
        keep = kind in ("text", "text_special", "url", "code_inline", "image", "footnote")
        out.append(source if keep else re.sub(r"[^\n]", " ", source))
        if kind in _OPENERS:
            if depth == 0:
                ranges.append((start, end))
            depth += 1
        elif kind.endswith("_close"):
            depth -= 1
            if depth == 0:
                ranges[-1] = (ranges[-1][0], end)
        elif depth == 0 and kind in ("url", "code_inline", "html_inline", "image", "footnote"):
            ranges.append((start, end))
    return "".join(out), ranges
