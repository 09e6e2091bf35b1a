"""Word documents (DOCX) → segments, and back to a DOCX with the same styles and parts.

The package is opened with python-docx's OPC layer, which checks the content types and
resolves relationships: which parts are the document, its headers, footers, footnotes and
endnotes, and where each hyperlink points. Its document API is not used: it does not reach
footnotes, endnotes or text boxes, sees no runs inside hyperlinks, fields or tracked
insertions, and its ``save`` re-serialises every part. The paragraphs are read and rebuilt
on the OOXML with lxml (``docxruns``), and ``render`` writes a new ZIP in which every part
it did not change (styles, numbering, images, comments, settings …) is copied byte for
byte, and a changed part differs only in the paragraphs that were translated.

Every ``w:p`` with words is a paragraph: body text, table cells (nested tables too), text
boxes, headers, footers, footnotes and endnotes. Ids: ``h<n>`` headings (Heading/Title
styles), ``li<n>`` list paragraphs, ``p<n>`` others, ``td<table>.<row>.<col>`` cells (a
cell's later paragraphs ``-2``, ``-3``), ``tb<n>`` text boxes, ``hdr<n>``/``ftr<n>``,
``fn<n>``/``en<n>`` notes; then ``.<sentence>``. A segment's line is its paragraph's number.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from translator.documents import htmlinline
from translator.documents.blocks import known_sentences, sentence_spans
from translator.documents.docxruns import Tagged, W, read, write
from translator.documents.kinds import TextKind
from translator.documents.model import Document, Segment
from translator.errors import InputError

if TYPE_CHECKING:
    from docx.opc.package import OpcPackage

__all__ = ["parse_bytes"]

_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_MACRO = "application/vnd.ms-word.document.macroEnabled.main+xml"
_VBA = "application/vnd.ms-office.vbaProject"
_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: encrypted DOCX, or .doc
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_PARTS = {"header": "hdr", "footer": "ftr", "footnotes": "fn", "endnotes": "en"}
_HEADING_STYLES = ("heading", "title", "subtitle")


@dataclass(frozen=True)
class _Paragraph:
    """A paragraph with words: its tagged text, id base, kind and sentence spans."""

    tagged: Tagged
    base: str
    kind: str
    spans: tuple[tuple[int, int], ...]
    number: int


@dataclass(frozen=True)
class _Part:
    member: str  # its name in the ZIP
    root: etree._Element
    paragraphs: tuple[_Paragraph, ...]


def parse_bytes(data: bytes, source_lang: str = "en", path: str | None = None,
                known: Mapping[str, str] | None = None) -> Document:
    """Segment a DOCX file; the document renders back to DOCX bytes. ``known``: sentences
    by segment id, as a catalogue recorded them (see ``blocks.sentence_spans``)."""
    paragraphs = [paragraph for part in _read(data, source_lang, path, known=known)
                  for paragraph in part.paragraphs]
    segments = [Segment(seg_id, text, paragraph.number, paragraph.kind)
                for paragraph in paragraphs for seg_id, text in _sentences(paragraph)]
    return Document(path, "docx", TextKind.HTML, tuple(segments),
                    DocxLayout(data, source_lang, path, tuple(p.spans for p in paragraphs)))


@dataclass(frozen=True)
class DocxLayout:
    """The source package; render reads it afresh and rewrites the translated paragraphs."""

    data: bytes
    source_lang: str
    path: str | None
    spans: tuple[tuple[tuple[int, int], ...], ...]  # per paragraph, as parsed: not split again

    def render(self, translations: Mapping[str, str], lang: str | None = None) -> bytes:
        changed: dict[str, bytes] = {}
        for part in _read(self.data, self.source_lang, self.path, spans=self.spans):
            touched = False
            for paragraph in part.paragraphs:
                pieces, cursor = [], 0
                for (seg_id, source), (a, b) in zip(_sentences(paragraph), paragraph.spans,
                                                    strict=True):
                    new = translations.get(seg_id)
                    pieces.append(paragraph.tagged.text[cursor:a])
                    fresh = new is not None and new.strip() and new != source
                    pieces.append(new.strip() if fresh and new is not None else source)
                    touched |= bool(fresh)
                    cursor = b
                pieces.append(paragraph.tagged.text[cursor:])
                text = "".join(pieces)
                if text != paragraph.tagged.text:
                    write(paragraph.tagged, text)
            if touched:
                changed[part.member] = etree.tostring(part.root, xml_declaration=True,
                                                      encoding="UTF-8", standalone=True)
        return _rezip(self.data, changed)


def _sentences(paragraph: _Paragraph) -> Iterator[tuple[str, str]]:
    text = paragraph.tagged.text
    for n, (a, b) in enumerate(paragraph.spans, 1):
        yield (paragraph.base if paragraph.kind == "cell" and len(paragraph.spans) == 1
               else f"{paragraph.base}.{n}"), text[a:b]


def _rezip(data: bytes, changed: Mapping[str, bytes]) -> bytes:
    """The package with ``changed`` members replaced; others copied as they are, in order,
    with their compression and dates."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, changed.get(info.filename) or source.read(info))
    return out.getvalue()


def _read(data: bytes, lang: str, path: str | None, *,
          spans: tuple[tuple[tuple[int, int], ...], ...] = (),
          known: Mapping[str, str] | None = None) -> list[_Part]:
    """The text-bearing parts of the package, main document first, paragraphs numbered;
    ``spans`` are the paragraphs' sentence spans from an earlier read of the same data,
    ``known`` sentences by segment id (see ``blocks.sentence_spans``)."""
    package = _open(data, path)
    main = package.main_document_part
    parts = [("body", main)] + sorted(
        ((_PARTS[rel.reltype.rsplit("/", 1)[1]], rel.target_part)
         for rel in main.rels.values()
         if not rel.is_external and rel.reltype.startswith(_RT)
         and rel.reltype.rsplit("/", 1)[1] in _PARTS),
        key=lambda item: str(item[1].partname))
    counters: Counter[str] = Counter()
    numbered = 0
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for prefix, part in parts:
            member = str(part.partname).lstrip("/")
            try:
                root = etree.fromstring(archive.read(member))
            except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error) as error:
                raise InputError(f"corrupt DOCX: {member}: {error}", file=path) from None
            link = _links(part)
            paragraphs = []
            for element, name, kind in _paragraphs(root, prefix, counters):
                tagged = read(element, link)
                if not htmlinline.parse(tagged.text).plain.strip():
                    continue
                numbered += 1
                counters[name] += 1
                base = (f"{name}{counters[name]}" if kind != "cell"
                        else name if counters[name] == 1 else f"{name}-{counters[name]}")
                found = (spans[numbered - 1] if spans
                         else [(0, len(tagged.text))] if kind in ("heading", "cell")
                         else sentence_spans(tagged.text, lang, htmlinline.for_splitting,
                                             known_sentences(known, base)))
                paragraphs.append(_Paragraph(tagged, base, kind, tuple(found), numbered))
            out.append(_Part(member, root, tuple(paragraphs)))
    return out


def _links(part: object) -> Callable[[str], str]:
    rels = getattr(part, "rels", {})

    def link(rel_id: str) -> str:
        rel = rels.get(rel_id)
        return str(rel.target_ref) if rel is not None and rel.is_external else ""

    return link


def _paragraphs(root: etree._Element, prefix: str,
                counters: Counter[str]) -> Iterator[tuple[etree._Element, str, str]]:
    """Each paragraph with its id's name (a cell's whole base) and kind; cells and text
    boxes decided by the nearest enclosing one, tables numbered across parts."""
    tables: dict[etree._Element, int] = {}
    for element in root.iter(f"{{{W}}}p", f"{{{W}}}tbl"):
        if element.tag == f"{{{W}}}tbl":
            counters["td"] += 1
            tables[element] = counters["td"]
            continue
        container = next((a for a in element.iterancestors(f"{{{W}}}tc", f"{{{W}}}txbxContent")),
                         None)
        if container is not None and container.tag == f"{{{W}}}tc":
            row = container.getparent()
            table = row.getparent() if row is not None else None
            if row is None or table is None or table not in tables:
                continue
            rows = table.findall(f"{{{W}}}tr")
            cells = row.findall(f"{{{W}}}tc")
            column = cells.index(container) + 1
            yield element, f"td{tables[table]}.{rows.index(row) + 1}.{column}", "cell"
            continue
        if container is not None:
            name, kind = "tb", "text box"
        elif prefix != "body":
            name, kind = prefix, {"hdr": "header", "ftr": "footer"}.get(prefix, "note")
        else:
            name, kind = _body_kind(element)
        yield element, name, kind


def _body_kind(paragraph: etree._Element) -> tuple[str, str]:
    style = paragraph.find(f"{{{W}}}pPr/{{{W}}}pStyle")
    value = (style.get(f"{{{W}}}val") or "").lower() if style is not None else ""
    if value.startswith(_HEADING_STYLES):
        return "h", "heading"
    if paragraph.find(f"{{{W}}}pPr/{{{W}}}numPr") is not None or "list" in value:
        return "li", "item"
    return "p", "paragraph"


def _open(data: bytes, path: str | None) -> OpcPackage:
    """The OPC package, or a one-line error saying what the file is instead."""
    from docx.opc.exceptions import PackageNotFoundError
    from docx.opc.package import OpcPackage

    if data.startswith(_CFB):
        raise InputError("password-protected or legacy Word file (an OLE container, not a "
                         "DOCX package); save it unprotected as .docx", file=path)
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError("not a DOCX file (not a ZIP package)", file=path)
    try:
        package = OpcPackage.open(io.BytesIO(data))
        main_type = package.main_document_part.content_type
        types = {part.content_type for part in package.iter_parts()}
    except (PackageNotFoundError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError,
            ValueError, OSError, EOFError, zlib.error) as error:
        raise InputError(f"corrupt DOCX: {error}", file=path) from None
    if main_type == _MACRO or _VBA in types:
        raise InputError("macro-enabled Word document (.docm): not translated; save it as a "
                         ".docx without macros", file=path)
    if main_type != _MAIN:
        raise InputError(f"not a Word document (its main part is {main_type})", file=path)
    return package
