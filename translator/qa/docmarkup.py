"""Inline markup of HTML and Word (DOCX) document segments: kept, not added, links unchanged.

An HTML page's segments carry their inline HTML, and a Word paragraph's segments carry its
runs written the same way (``documents.docxruns``): ``<b>``, ``<i2>``, ``<a href="…">``,
``<ins id="1">``, atomic ``<x1/>`` for fields, note references and objects. Both are read
with the parser the translation itself uses (``documents.htmlinline.parse``), so the check
sees exactly the pairs, links, code and atomic pieces that ``render`` will rebuild, and
character references are characters (``&mdash;`` and ``—`` are the same text, not markup).

>>> [p.message for p in problems('Say <b>no</b> to <a href="https://a.org/">A</a>.',
...                              'Скажіть ні <a href="https://b.org/">А</a>.')]
['bold <b> lost', 'link target changed: https://a.org/ → https://b.org/']
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from translator.documents.htmlinline import parse
from translator.documents.htmltokens import ATOMIC, tokenize
from translator.qa.base import Problem, whole

__all__ = ["problems"]

# Attribute values a translator translates (the page's own entries hold them), not markup.
_TRANSLATABLE = frozenset({"title", "alt", "aria-label", "label", "placeholder"})
# What a formatting element does, by tag (a Word formatting's tag may carry a number: b2).
_FORMATTING = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline",
               "s": "strikethrough", "strike": "strikethrough", "del": "deletion",
               "mark": "highlight", "small": "small print", "sup": "superscript",
               "sub": "subscript", "span": "formatting", "q": "quotation", "cite": "citation",
               "abbr": "abbreviation", "dfn": "definition", "ins": "inserted text",
               "font": "font", "big": "large print"}
_NUMBERED = re.compile(r"([a-z]+)\d*")
_WORD_ITEM = re.compile(r"x\d+")


@dataclass(frozen=True)
class _Element:
    """One piece of inline markup: ``key`` must match between source and target, ``name``
    is what the reader is told."""

    key: str
    name: str
    start: int
    end: int
    family: str = ""  # links, code: found changed rather than lost and added (its group)
    detail: str = ""  # what changed: the link's target, the code
    empty: bool = False


def problems(source: str, target: str) -> Iterator[Problem]:
    """Markup of ``source`` lost in ``target``, markup of ``target`` not in the source, and
    links whose target changed; spans point at the target's extra tags."""
    wanted = _elements(source)
    have = _elements(target)
    lost = Counter(e.key for e in wanted) - Counter(e.key for e in have)
    extra = Counter(e.key for e in have) - Counter(e.key for e in wanted)
    names = {e.key: e for e in wanted}
    changed = []
    for element in have:  # a link with another target, edited code: one finding, not two
        if extra[element.key] <= 0 or not element.family:
            continue
        was = next((names[key] for key in lost if lost[key] > 0
                    and names[key].family == element.family), None)
        if was is not None:
            lost[was.key] -= 1
            extra[element.key] -= 1
            what = "link target" if element.family.startswith("<a") else element.family
            changed.append(Problem(f"{what} changed: {was.detail} → {element.detail}",
                                   element.start, element.end))
    for key, count in lost.items():
        if count > 0:
            yield Problem(f"{names[key].name} lost" + (f" ({count}×)" if count > 1 else ""),
                          *whole(target))
    yield from changed
    for element in have:
        if extra[element.key] > 0:
            extra[element.key] -= 1
            yield Problem(f"{element.name} is not in the source", element.start, element.end)
    full = Counter(e.key for e in wanted if not e.empty)
    for element in have:
        if element.empty and full[element.key] > 0:
            full[element.key] -= 1
            yield Problem(f"{element.name} encloses no text", element.start, element.end,
                          severity="warning")


def _elements(text: str) -> list[_Element]:
    """The inline markup of ``text`` in source order, located in it."""
    tagged = parse(text)
    found = []
    searched: dict[str, int] = {}
    for span in tagged.spans:
        start = text.find(span.markup, searched.get(span.markup, 0))
        if start < 0:  # cannot happen for text the parser read; never report a bad span
            start = 0
        end = start + len(span.markup)
        searched[span.markup] = end
        token = next(iter(tokenize(span.markup)), None)
        empty = span.start == span.end
        if span.kind == "code":
            what = "code" if token is not None and token.tag in ATOMIC else \
                "text not to translate"
            found.append(_Element(span.markup, f"{what} {_short(span.markup)}", start, end,
                                  family=what, detail=_short(span.markup)))
        elif token is None or token.kind == "other":
            found.append(_Element(span.markup, "comment" if span.markup.startswith("<!--")
                                  else f"markup {_short(span.markup)}", start, end))
        elif span.kind in ("strong", "link"):
            found.append(_pair(token.tag, token.attrs, span.url, start, end, empty))
        else:
            found.append(_atomic(token.tag, token.kind, token.attrs, span.markup, start, end))
    return found


def _pair(tag: str, attrs: tuple[tuple[str, str | None], ...], href: str, start: int, end: int,
          empty: bool) -> _Element:
    """An element around words: formatting, a link, a tracked insertion, a styled span."""
    kept = _attributes(attrs)
    if tag == "a" and href:
        family = f"<a {_attributes(attrs, skip='href')}>"
        return _Element(f"<a {kept}>", f"link to {href}", start, end, family, href, empty)
    base = _NUMBERED.fullmatch(tag)
    what = _FORMATTING.get(base.group(1) if base else tag, "element")
    key = f"<{tag}{' ' if kept else ''}{kept}>"
    return _Element(key, f"{what} {key}", start, end, empty=empty)


def _atomic(tag: str, kind: str, attrs: tuple[tuple[str, str | None], ...], raw: str,
            start: int, end: int) -> _Element:
    """A piece kept whole: a Word field or object, a line break, an image, a stray tag."""
    kept = _attributes(attrs)
    key = f"<{'/' if kind == 'end' else ''}{tag}{' ' if kept else ''}{kept}>"
    if _WORD_ITEM.fullmatch(tag):
        name = f"Word field, note reference or object {raw}"
    elif tag == "br":
        name = "line break <br>"
    elif tag == "img":
        name = f"image {dict(attrs).get('src') or raw}"
    elif kind == "end":
        name = f"closing tag {raw} without its opening"
    else:
        name = f"tag {_short(raw)}"
    return _Element(key, name, start, end)


def _attributes(attrs: tuple[tuple[str, str | None], ...], skip: str = "") -> str:
    """The attributes that are markup (not translatable text), in a fixed order."""
    return " ".join(sorted(f'{name}="{value or ""}"' for name, value in attrs
                           if name not in _TRANSLATABLE and name != skip))


def _short(markup: str, width: int = 60) -> str:
    flat = " ".join(markup.split())
    return flat if len(flat) <= width else flat[:width - 1] + "…"
