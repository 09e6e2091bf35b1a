"""A Word paragraph ↔ tagged text: runs with direct formatting as inline markup.

``read`` turns a ``w:p`` into the text of its segments, written like inline HTML so that the
same protection (``htmlinline``) carries it through the engine: text in the paragraph's
most common run formatting is plain; other formattings are element pairs named for what
they do (``<b>``, ``<i>``, ``<u>``, ``<sup>``, ``<span2>`` …); hyperlinks are
``<a href="…">``; tracked insertions ``<ins id="1">``; everything that is not text — fields,
footnote references, drawings and text boxes, tabs and breaks, bookmarks, comment ranges,
tracked deletions — is an atomic ``<x1/>``. ``write`` rebuilds the paragraph from such text:
each pair gives back its run properties or its element (with all attributes), each atomic
tag its original XML; one the translation lost is appended, never dropped.

>>> p = etree.fromstring(
...     f'<w:p xmlns:w="{W}"><w:r><w:t>Read the </w:t></w:r><w:r><w:rPr><w:b/></w:rPr>'
...     '<w:t>full</w:t></w:r><w:r><w:t xml:space="preserve"> report &amp; more.</w:t></w:r></w:p>')
>>> tagged = read(p, lambda rel: "")
>>> tagged.text
'Read the <b>full</b> report &amp; more.'
>>> write(tagged, 'Прочитайте <b>повний</b> звіт.')
>>> [t.text for t in p.iter(f"{{{W}}}t")]
['Прочитайте ', 'повний', ' звіт.']
"""

from __future__ import annotations

import copy
import html
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from translator.documents.htmltokens import Token, tokenize

__all__ = ["W", "Tagged", "read", "write"]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Paragraph children that hold runs and are kept around the translated ones.
_CONTAINERS = {"hyperlink": "a", "ins": "ins", "moveTo": "ins", "smartTag": "tag",
               "customXml": "tag", "dir": "dir", "bdo": "dir"}
_DROPPED = frozenset({"proofErr", "lastRenderedPageBreak"})  # spell-check and layout caches
_TEXT = {"t": None, "noBreakHyphen": "\u2011", "softHyphen": "\u00ad"}
# Characters written as run items of their own.
_ELEMENTS = {"\t": "tab", "\n": "br", "\u2011": "noBreakHyphen", "\u00ad": "softHyphen"}
_SPECIAL = re.compile("([\t\n\u2011\u00ad])")
# Run properties that name a formatting's tag, in order of precedence.
_NAMES = (("b", "b"), ("i", "i"), ("u", "u"), ("strike", "s"), ("dstrike", "s"),
          ("highlight", "mark"), ("smallCaps", "small"))


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


@dataclass
class Tagged:
    """A paragraph read as tagged text, and what each tag stands for."""

    paragraph: etree._Element
    text: str = ""
    base: etree._Element | None = None  # run properties of plain text
    formats: dict[str, etree._Element] = field(default_factory=dict)  # tag → rPr
    containers: dict[str, etree._Element] = field(default_factory=dict)  # tag → element
    atomics: dict[str, list[_Atomic]] = field(default_factory=dict)  # x1 → its XML


@dataclass(frozen=True)
class _Atomic:
    """Source XML kept whole: a paragraph child, or a run item with its run's properties."""

    element: etree._Element
    run: bool = False
    rpr: etree._Element | None = None


@dataclass
class _Piece:
    kind: str  # text, open, close, atomic
    value: str = ""  # text, or the atomic's name
    key: str = ""  # run properties (canonical XML) of text
    element: etree._Element | None = None  # container of open/close


def read(paragraph: etree._Element, link: Callable[[str], str]) -> Tagged:
    """The paragraph's tagged text; ``link(rId)`` is a hyperlink relationship's target."""
    tagged = Tagged(paragraph)
    pieces: list[_Piece] = []
    properties: dict[str, etree._Element | None] = {"": None}
    field_items: list[_Atomic] | None = None
    depth = 0

    def atomic(elements: list[_Atomic]) -> None:
        name = f"x{len(tagged.atomics) + 1}"
        tagged.atomics[name] = elements
        pieces.append(_Piece("atomic", name))

    def walk(parent: etree._Element) -> None:
        nonlocal field_items, depth
        for child in parent:
            name = _local(child)
            if name in ("pPr", "rPr") or name in _DROPPED:
                continue
            if name == "r":
                rpr = child.find(_w("rPr"))
                key = etree.tostring(rpr, method="c14n").decode() if rpr is not None else ""
                properties.setdefault(key, rpr)
                for item in child:
                    kind = _local(item)
                    if kind == "rPr" or kind in _DROPPED:
                        continue
                    if field_items is not None or kind == "fldChar":
                        field_items = [] if field_items is None else field_items
                        field_items.append(_Atomic(item, True, rpr))
                        if kind == "fldChar":
                            state = item.get(_w("fldCharType"))
                            depth += {"begin": 1, "end": -1}.get(state or "", 0)
                            if depth == 0:
                                atomic(field_items)
                                field_items = None
                    elif kind in _TEXT:
                        text = item.text or "" if _TEXT[kind] is None else _TEXT[kind] or ""
                        if pieces and pieces[-1].kind == "text" and pieces[-1].key == key:
                            pieces[-1].value += text
                        elif text:
                            pieces.append(_Piece("text", text, key))
                    else:
                        atomic([_Atomic(item, True, rpr)])
            elif name in _CONTAINERS and field_items is None:
                pieces.append(_Piece("open", element=child))
                walk(child)
                pieces.append(_Piece("close", element=child))
            elif field_items is not None:
                field_items.append(_Atomic(child))
            else:
                atomic([_Atomic(child)])

    walk(paragraph)
    if field_items:  # a field that never ends: keep what there is
        atomic(field_items)
    _name(tagged, pieces, properties, link)
    return tagged


def _name(tagged: Tagged, pieces: list[_Piece], properties: dict[str, etree._Element | None],
          link: Callable[[str], str]) -> None:
    """Write the pieces as tagged text, naming each formatting and container."""
    weights: Counter[str] = Counter()
    for piece in pieces:
        if piece.kind == "text":
            weights[piece.key] += len(piece.value.strip())
    base = weights.most_common(1)[0][0] if weights else ""
    tagged.base = properties[base]
    names: dict[str, str] = {}
    used: Counter[str] = Counter()
    out: list[str] = []
    closers: dict[int, str] = {}
    for piece in pieces:
        if piece.kind == "text":
            text = html.escape(piece.value, quote=False)
            if piece.key == base:
                out.append(text)
                continue
            if piece.key not in names:
                tag = _tag_name(properties[piece.key])
                used[tag] += 1
                names[piece.key] = tag if used[tag] == 1 else f"{tag}{used[tag]}"
                own = properties[piece.key]  # none: an empty rPr, so the base does not apply
                tagged.formats[f"<{names[piece.key]}>"] = (own if own is not None
                                                           else etree.Element(_w("rPr")))
            out.append(f"<{names[piece.key]}>{text}</{names[piece.key]}>")
        elif piece.kind == "atomic":
            out.append(f"<{piece.value}/>")
        elif piece.kind == "open" and piece.element is not None:
            tag = _CONTAINERS[_local(piece.element)]
            used[tag] += 1
            markup = f'<{tag} id="{used[tag]}">'  # attributes: never dropped in restore
            if tag == "a":
                target = link(piece.element.get(f"{{{_R}}}id") or "")
                anchor = piece.element.get(_w("anchor"))
                href = target or (f"#{anchor}" if anchor else "")
                markup = f'<a href="{html.escape(href)}"' + \
                    (f' id="{used[tag]}">' if used[tag] > 1 else ">")
            tagged.containers[markup] = piece.element
            closers[id(piece.element)] = f"</{tag}>"
            out.append(markup)
        elif piece.element is not None:
            out.append(closers[id(piece.element)])
    tagged.text = "".join(out)


def _tag_name(rpr: etree._Element | None) -> str:
    present = {_local(child): child for child in (rpr if rpr is not None else ())
               if child.get(_w("val")) not in ("0", "false", "none")}
    for prop, name in _NAMES:
        if prop in present:
            return name
    if "vertAlign" in present:
        return {"superscript": "sup", "subscript": "sub"}.get(
            present["vertAlign"].get(_w("val")) or "", "span")
    return "span"


def write(tagged: Tagged, text: str) -> None:
    """Replace the paragraph's runs by ``text`` (tagged as ``read`` wrote it)."""
    paragraph = tagged.paragraph
    for child in list(paragraph):
        if _local(child) != "pPr":
            paragraph.remove(child)
    stack: list[tuple[str, etree._Element | None, etree._Element]] = []  # name, rPr, parent
    used: set[str] = set()

    def parent() -> etree._Element:
        return stack[-1][2] if stack else paragraph

    def rpr() -> etree._Element | None:
        for _, properties, _ in reversed(stack):
            if properties is not None:
                return properties
        return tagged.base

    def add_text(value: str) -> None:
        run = etree.SubElement(parent(), _w("r"))
        properties = rpr()
        if properties is not None and len(properties):
            run.append(copy.deepcopy(properties))
        for part in _SPECIAL.split(value):
            if part in _ELEMENTS:
                etree.SubElement(run, _w(_ELEMENTS[part]))
            elif part:
                node = etree.SubElement(run, _w("t"))
                node.text = part
                node.set(_XML_SPACE, "preserve")

    pending: list[str] = []  # text tokens in a row: one run
    for token in tokenize(text):
        container = _container(tagged, token) if token.kind == "start" else None
        known = (container is not None or token.raw in tagged.formats
                 or token.tag in tagged.atomics
                 or (token.kind == "end" and any(entry[0] == token.tag for entry in stack)))
        if pending and (known or token.kind == "other"):
            add_text("".join(pending))
            pending = []
        if token.kind == "start" and token.raw in tagged.formats and not token.closed:
            stack.append((token.tag, tagged.formats[token.raw], parent()))
        elif container is not None:
            element = etree.SubElement(parent(), container.tag, dict(container.attrib))
            stack.append((token.tag, None, element))
        elif token.kind == "start" and token.tag in tagged.atomics:
            _place_atomic(tagged, token.tag, parent(), used)
        elif token.kind == "end" and any(entry[0] == token.tag for entry in stack):
            while stack.pop()[0] != token.tag:
                pass
        elif token.kind in ("data", "ref", "start", "end"):
            pending.append(html.unescape(token.raw) if token.kind == "ref" else token.raw)
    if pending:
        add_text("".join(pending))
    for name in tagged.atomics:
        if name not in used:  # lost by the translation: kept at the end
            _place_atomic(tagged, name, paragraph, used)


def _container(tagged: Tagged, token: Token) -> etree._Element | None:
    """The element a start tag stands for: by its exact markup, else (a reviewer edited an
    href) the first element written with the same tag name."""
    if token.closed:
        return None
    if token.raw in tagged.containers:
        return tagged.containers[token.raw]
    same = [element for markup, element in tagged.containers.items()
            if markup[1:].split()[0].rstrip(">") == token.tag]
    return same[0] if same else None


def _place_atomic(tagged: Tagged, name: str, parent: etree._Element, used: set[str]) -> None:
    """The atomic's XML (a copy if it was placed already), run items in runs of their own."""
    for atomic in tagged.atomics[name]:
        element = copy.deepcopy(atomic.element) if name in used else atomic.element
        if atomic.run:
            run = etree.SubElement(parent, _w("r"))
            if atomic.rpr is not None:
                run.append(copy.deepcopy(atomic.rpr))
            run.append(element)
        else:
            parent.append(element)
    used.add(name)
