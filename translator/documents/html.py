"""HTML pages and fragments → segments, and back, byte for byte where nothing changed.

Tokens come from the standard library's tokenizer with their source ranges
(``htmltokens``). Text between block boundaries (the start or end of any element that is
not phrasing content) is a *run*; a run with words is split into sentences, each a segment
whose text is the run's inline HTML as in the source (``<b>``, ``<a href>``, ``<br>``,
character references), so it reaches the catalogue and the engine with its markup
(``htmlinline`` strips and restores it). ``script``, ``style``, ``pre``, ``textarea`` and
embedded SVG/MathML, and any element with ``translate="no"`` or ``class="notranslate"``,
are never touched; inside a sentence such an element is carried whole.

Ids: ``h<n>.<s>`` headings, ``p`` paragraphs (and text directly in other containers),
``li`` list items, ``q`` quotes, ``dt``/``dd``, ``cap``/``fig`` captions, ``title`` the page
title, ``td<table>.<row>.<column>.<s>`` table cells (nested tables count on). Translatable
attributes are entries of their own: ``alt@1``, ``title@2``, ``aria-label@1``,
``description@1`` (``<meta name="description">`` and its Open Graph / Twitter twins).

Render splices translations into the source; nothing else changes, except that a
translated page's root ``<html>`` gets ``lang`` set to the target language.
"""

from __future__ import annotations

import bisect
import codecs
import html
import logging
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from translator.documents import htmlinline
from translator.documents.blocks import known_sentences, sentence_spans
from translator.documents.htmltokens import (
    ATOMIC,
    INLINE,
    SKIPPED,
    VOID,
    Token,
    attribute_spans,
    kept_as_is,
    tokenize,
)
from translator.documents.kinds import TextKind
from translator.documents.model import Document, Segment
from translator.errors import InputError

__all__ = ["parse", "parse_bytes"]

logger = logging.getLogger(__name__)

_BLOCKS = {"p": ("p", "paragraph"), "li": ("li", "item"), "blockquote": ("q", "quote"),
           "dt": ("dt", "term"), "dd": ("dd", "definition"), "caption": ("cap", "caption"),
           "figcaption": ("fig", "caption"), "title": ("title", "title"),
           **{f"h{n}": ("h", "heading") for n in range(1, 7)}}
_WHOLE = frozenset({"heading", "title", "cell"})  # not split into sentences, as in Markdown
_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
_META = frozenset({"description", "og:title", "og:description", "twitter:title",
                   "twitter:description"})
# Start tags that end an open element implicitly (HTML's optional end tags).
_CLOSES = {"li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "tr": {"tr", "td", "th"},
           "td": {"td", "th"}, "th": {"td", "th"}, "p": {"p"}}
_SCOPES = {"li": {"ul", "ol", "menu"}, "dt": {"dl"}, "dd": {"dl"}, "tr": {"table"},
           "td": {"tr", "table"}, "th": {"tr", "table"}}
_META_CHARSET = re.compile(
    rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)
_WINDOWS = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252",
            "us-ascii": "cp1252", "ascii": "cp1252", "utf-16": "utf-8", "utf-16le": "utf-8",
            "utf-16be": "utf-8"}  # as browsers read these labels (WHATWG Encoding)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))


@dataclass(frozen=True)
class _Attribute:
    """A translatable attribute value: [start, end) in the source, inside ``tag``."""

    id: str
    start: int
    end: int
    quote: str
    tag: Token


@dataclass(frozen=True)
class _Region:
    """A sentence of a run (``id``) with the attributes inside it, or an attribute of its
    own (``attribute``), or the root's lang (both None)."""

    start: int
    end: int
    id: str | None = None
    inner: tuple[_Attribute, ...] = ()
    attribute: _Attribute | None = None


@dataclass(frozen=True)
class HtmlLayout:
    """The source and the regions translations go into; bytes out when read from bytes."""

    source: str
    regions: tuple[_Region, ...]
    root: tuple[int, int, str] | None  # the root's lang value [start, end) and quote
    encoding: str | None = None
    bom: bytes = b""

    def render(self, translations: Mapping[str, str], lang: str | None = None) -> str | bytes:
        regions = list(self.regions)
        if lang and self.root is not None:
            start, end, quote = self.root
            regions.append(_Region(start, end))
        out, cursor = [], 0
        for region in sorted(regions, key=lambda r: (r.start, r.end)):
            out.append(self.source[cursor:region.start])
            original = self.source[region.start:region.end]
            if region.attribute is not None:
                value = self.source[region.attribute.start:region.attribute.end]
                out.append(_attribute(region.attribute, value, translations))
            elif region.id is not None:
                out.append(self._sentence(region, original, translations))
            else:  # the root's lang
                quote = self.root[2] if self.root else '"'
                code = (lang or "").replace("_", "-")
                out.append(f' lang="{code}"' if region.start == region.end and not quote
                           else code)
            cursor = region.end
        out.append(self.source[cursor:])
        text = "".join(out)
        if self.encoding is None:
            return text
        return self.bom + text.encode(self.encoding, errors="xmlcharrefreplace")

    def _sentence(self, region: _Region, original: str,
                  translations: Mapping[str, str]) -> str:
        new = _translation(region.id or "", original, translations)
        text = original if new is None else new
        cursor = 0
        for inner in region.inner:  # tags travel verbatim, so each is found again
            raw = inner.tag.raw
            at = text.find(raw, cursor)
            if at < 0:
                continue
            value = self.source[inner.start:inner.end]
            offset = inner.start - inner.tag.start - len(inner.quote)
            tag = raw[:offset] + _attribute(inner, value, translations) \
                + raw[offset + len(inner.quote) * 2 + len(value):]
            text = text[:at] + tag + text[at + len(raw):]
            cursor = at + len(tag)
        return text


def _translation(seg_id: str, source: str, translations: Mapping[str, str]) -> str | None:
    new = translations.get(seg_id)
    return None if new is None or not new.strip() or new == source else new.strip()


def _attribute(attribute: _Attribute, value: str, translations: Mapping[str, str]) -> str:
    """The attribute value as written back: its source quotes, or double quotes where the
    source had none (a translation may have spaces)."""
    new = _translation(attribute.id, value, translations)
    quote = attribute.quote
    if new is None:
        return f"{quote}{value}{quote}"
    new = " ".join(new.split())
    if not quote:
        quote = '"'
    return quote + new.replace(quote, "&quot;" if quote == '"' else "&#39;") + quote


def parse_bytes(data: bytes, source_lang: str = "en", path: str | None = None,
                known: Mapping[str, str] | None = None) -> Document:
    """Decode an HTML file (BOM, else ``<meta charset>``, else UTF-8) and segment it;
    the document renders back to bytes in the same encoding."""
    text, encoding, bom = _decode(data, path)
    document = parse(text, source_lang, path, known)
    layout = document.layout
    assert isinstance(layout, HtmlLayout)
    return Document(path, "html", TextKind.HTML, document.segments,
                    HtmlLayout(layout.source, layout.regions, layout.root, encoding, bom), text)


def _decode(data: bytes, path: str | None) -> tuple[str, str, bytes]:
    found = [(bom, encoding) for bom, encoding in _BOMS if data.startswith(bom)]
    if found:
        bom, encoding = found[0]
    else:
        bom = b""
        declared = _META_CHARSET.search(data[:4096])
        label = declared.group(1).decode("ascii", "replace").lower() if declared else "utf-8"
        try:
            encoding = codecs.lookup(_WINDOWS.get(label, label)).name
        except LookupError:
            raise InputError(f"unknown encoding {label!r} in <meta charset>",
                             file=path, line=data.count(b"\n", 0, declared.start()) + 1
                             if declared else None) from None
    try:
        return data[len(bom):].decode(encoding), encoding, bom
    except UnicodeDecodeError as error:
        at = len(bom) + error.start
        raise InputError(f"not valid {encoding} at byte {at}", file=path,
                         line=data.count(b"\n", 0, at) + 1) from None


def parse(text: str, source_lang: str = "en", path: str | None = None,
          known: Mapping[str, str] | None = None) -> Document:
    """Segment HTML ``text``; renders back to text. ``known``: sentences by segment id, as
    a catalogue recorded them (see ``blocks.sentence_spans``)."""
    walk = _Walk(text, source_lang, known)
    walk.run_through(tokenize(text))
    layout = HtmlLayout(text, tuple(walk.regions), walk.root)
    return Document(path, "html", TextKind.HTML, tuple(walk.segments), layout, text)


class _Walk:
    """One pass over the tokens: the open blocks, the current run, the ids."""

    def __init__(self, text: str, lang: str, known: Mapping[str, str] | None) -> None:
        self.text = text
        self.lang = lang
        self.known = known
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.segments: list[Segment] = []
        self.regions: list[_Region] = []
        self.root: tuple[int, int, str] | None = None
        self.stack: list[str] = []  # open non-phrasing elements
        self.tables: list[list[int]] = []  # per open table: its number, row, column
        self.counters: Counter[str] = Counter()
        self.bases: Counter[str] = Counter()
        self.run: list[Token] = []
        self.run_attributes: list[_Attribute] = []
        self.skipping: tuple[str, int] | None = None  # element left alone, and its depth
        self.atomic: tuple[str, int] | None = None  # inline element carried whole

    def run_through(self, tokens: Sequence[Token]) -> None:
        for token in tokens:
            if self.skipping is not None:
                self._skip(token)
            elif token.kind in ("data", "ref") or self.atomic is not None:
                self._inline(token)
            elif token.kind == "other":
                if token.tag == "!--":
                    self.run.append(token)
                else:
                    self._end_run()
            elif token.tag in INLINE:
                self._inline(token)
            else:
                self._block(token)
        self._end_run()

    def _skip(self, token: Token) -> None:
        assert self.skipping is not None
        self.skipping = _nesting(self.skipping, token)

    def _inline(self, token: Token) -> None:
        """Phrasing content joins the run; a carried-whole element's tokens all do."""
        self.run.append(token)
        if self.atomic is not None:
            self.atomic = _nesting(self.atomic, token)
        elif token.kind == "start":
            if _carried_whole(token):
                self.atomic = (token.tag, 1)
            else:
                self.run_attributes += self._attributes(token)

    def _block(self, token: Token) -> None:
        self._end_run()
        tag = token.tag
        if token.kind == "end":
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
                if tag == "table" and self.tables:
                    self.tables.pop()
            return
        if tag in SKIPPED or kept_as_is(token):
            if tag not in VOID and not token.closed:
                self.skipping = (tag, 1)
            return
        self._close_implied(tag)
        self._add_attributes(self._attributes(token))
        if tag == "html" and self.root is None:
            spans = attribute_spans(token)
            if spans is not None and "lang" in spans:
                self.root = spans["lang"]
            elif spans is not None:
                at = token.start + 5
                self.root = (at, at, "")
        if tag == "table":
            self.counters["td"] += 1
            self.tables.append([self.counters["td"], 0, 0])
        elif tag == "tr" and self.tables:
            self.tables[-1][1:] = [self.tables[-1][1] + 1, 0]
        elif tag in ("td", "th") and self.tables:
            self.tables[-1][2] += 1
        if tag not in VOID and not token.closed:
            self.stack.append(tag)

    def _close_implied(self, tag: str) -> None:
        closes = _CLOSES.get(tag, set())
        if tag not in INLINE and self.stack and self.stack[-1] == "p":
            self.stack.pop()
        scope = _SCOPES.get(tag, set())
        for k in range(len(self.stack) - 1, -1, -1):
            if self.stack[k] in scope:
                break
            if self.stack[k] in closes:
                del self.stack[k:]
                break

    def _attributes(self, token: Token) -> list[_Attribute]:
        spans = attribute_spans(token)
        if spans is None:
            logger.warning("line %d: <%s> attributes not understood; kept as they are",
                           self._line(token.start), token.tag)
            return []
        found = []
        names = [name for name in _ATTRIBUTES if name in spans]
        attrs = dict(token.attrs)
        if token.tag == "meta" and "content" in spans and \
                (attrs.get("name") or attrs.get("property") or "").lower() in _META:
            names.append("content")
        for name in names:
            start, end, quote = spans[name]
            if re.search(r"[^\W\d_]", self.text[start:end]):
                label = "description" if name == "content" else name
                self.counters["@" + label] += 1
                found.append(_Attribute(f"{label}@{self.counters['@' + label]}", start, end,
                                        quote, token))
        return found

    def _add_attributes(self, attributes: list[_Attribute]) -> None:
        for attribute in attributes:
            value = self.text[attribute.start:attribute.end]
            self.segments.append(Segment(attribute.id, value, self._line(attribute.start),
                                         "attribute"))
            self.regions.append(_Region(attribute.start - len(attribute.quote),
                                        attribute.end + len(attribute.quote),
                                        attribute=attribute))

    def _end_run(self) -> None:
        run, attributes = self.run, self.run_attributes
        self.run, self.run_attributes, self.atomic = [], [], None
        words = [t for t in run if t.kind in ("data", "ref") and t.raw.strip()]
        if not words or not re.search(r"[^\W_]", self._plain(run)):
            self._add_attributes(attributes)
            return
        while run and (run[0].kind == "other" or not run[0].raw.strip()):
            run.pop(0)
        while run and (run[-1].kind == "other" or not run[-1].raw.strip()):
            run.pop()
        start = run[0].start + len(run[0].raw) - len(run[0].raw.lstrip())
        end = run[-1].end - len(run[-1].raw) + len(run[-1].raw.rstrip())
        prefix, kind = self._context()
        self.counters[prefix] += 1
        base = prefix if prefix.startswith("td") else f"{prefix}{self.counters[prefix]}"
        self.bases[base] += 1
        if self.bases[base] > 1:  # a second run in the same cell
            base = f"{base}-{self.bases[base]}"
        block = self.text[start:end]
        spans = ([(0, len(block))] if kind in _WHOLE
                 else sentence_spans(block, self.lang, htmlinline.for_splitting,
                                     known_sentences(self.known, base)))
        spans = [span for span in (_trimmed(block, a, b) for a, b in spans) if span[0] < span[1]]
        for n, (a, b) in enumerate(spans, 1):
            seg_id = base if kind == "cell" else f"{base}.{n}"
            inner = tuple(t for t in attributes if start + a <= t.tag.start < start + b)
            self.segments.append(Segment(seg_id, block[a:b], self._line(start + a), kind))
            for attribute in inner:
                value = self.text[attribute.start:attribute.end]
                self.segments.append(Segment(attribute.id, value,
                                             self._line(attribute.start), "attribute"))
            self.regions.append(_Region(start + a, start + b, seg_id, inner))
        outside = [t for t in attributes if not any(
            start + a <= t.tag.start < start + b for a, b in spans)]
        self._add_attributes(outside)

    def _plain(self, run: Sequence[Token]) -> str:
        """The run's words outside carried-whole elements."""
        out: list[str] = []
        inside: tuple[str, int] | None = None
        for token in run:
            if inside is not None:
                inside = _nesting(inside, token)
            elif token.kind == "start" and _carried_whole(token):
                inside = (token.tag, 1)
            elif token.kind in ("data", "ref"):
                out.append(html.unescape(token.raw))
        return "".join(out)

    def _context(self) -> tuple[str, str]:
        for tag in reversed(self.stack):
            if tag in _BLOCKS:
                return _BLOCKS[tag]
            if tag in ("td", "th") and self.tables:
                table, row, column = self.tables[-1]
                return f"td{table}.{row}.{column}", "cell"
        return "p", "paragraph"

    def _line(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A sentence without line breaks (``<br>``, ``<wbr>``), comments and spaces at its
    edges: they stay where they are instead of moving with the words."""
    sentence = text[start:end]
    if "<" not in sentence:  # only text and character references: just its spaces
        kept = sentence.strip()
        lead = len(sentence) - len(sentence.lstrip())
        return (start + lead, start + lead + len(kept)) if kept else (start, start)
    tokens = tokenize(sentence)

    def edge(token: Token) -> bool:
        return ((token.kind == "data" and not token.raw.strip()) or token.tag == "!--"
                or (token.kind == "start" and token.tag in ("br", "wbr")))

    while tokens and edge(tokens[0]):
        tokens.pop(0)
    while tokens and edge(tokens[-1]):
        tokens.pop()
    if not tokens:
        return start, start
    first, last = tokens[0], tokens[-1]
    lead = len(first.raw) - len(first.raw.lstrip()) if first.kind == "data" else 0
    trail = len(last.raw) - len(last.raw.rstrip()) if last.kind == "data" else 0
    return start + first.start + lead, start + last.end - trail


def _carried_whole(token: Token) -> bool:
    """An inline element kept verbatim inside its sentence: code, or marked untranslatable."""
    return (token.tag in ATOMIC or kept_as_is(token)) and token.tag not in VOID \
        and not token.closed


def _nesting(open_: tuple[str, int], token: Token) -> tuple[str, int] | None:
    """The element being passed over, after ``token``: None once it has closed."""
    tag, depth = open_
    if token.tag == tag and token.kind == "start" and not token.closed:
        return tag, depth + 1
    if token.tag == tag and token.kind == "end":
        return (tag, depth - 1) if depth > 1 else None
    return open_
