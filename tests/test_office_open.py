"""Rendered documents open in the programs people use: the DOCX in LibreOffice, the HTML in
HTML5 parsers.

LibreOffice (``soffice --headless``) converts the source report, its identity render and its
translation to flat ODT; each is read back with lxml and its structure compared: headings,
list items, table cells (the nested table too), the footnote, header, footer, text box,
hyperlinks, comments and tracked changes. The identity render must read exactly as the
source; the translation must have the same structure and, in each place, the catalogue's
translations of the segments that were there. CI machines have no LibreOffice: those tests
skip, naming the package to install.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import polib
import pytest
from lxml import etree
from lxml import html as lxml_html

from translator.documents import parse_document, render
from translator.documents.htmlinline import parse as parse_inline
from translator.render import render_catalogue

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice not installed (apt-get install libreoffice-writer-nogui)")

NS = {"text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
      "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
      "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
      "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
      "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
      "xlink": "http://www.w3.org/1999/xlink"}
# Inside a paragraph but not its text: the note (read on its own), comments, shapes.
_ASIDE = {f"{{{NS['text']}}}note", f"{{{NS['office']}}}annotation", f"{{{NS['draw']}}}custom-shape",
          f"{{{NS['draw']}}}frame"}
_REGION = f"{{{NS['text']}}}changed-region"
_P, _H = f"{{{NS['text']}}}p", f"{{{NS['text']}}}h"
_SPACE = re.compile(r"\s+")


def _text(element: etree._Element, deleted: frozenset[str] = frozenset()) -> str:
    """What a reader sees of ``element``, whitespace collapsed, asides and tracked deletions
    (text between the ``text:change-start``/``-end`` of a change in ``deleted``) left out."""
    parts: list[str] = []
    hidden: set[str] = set()

    def add(text: str | None) -> None:
        if not hidden:
            parts.append(text or "")

    def walk(node: etree._Element) -> None:
        if node.tag in _ASIDE:
            return
        change = node.get(f"{{{NS['text']}}}change-id")
        if node.tag == f"{{{NS['text']}}}change-start" and change in deleted:
            hidden.add(change)
        elif node.tag == f"{{{NS['text']}}}change-end":
            hidden.discard(change or "")
        elif node.tag == f"{{{NS['text']}}}s":  # <text:s/>: a space
            add(" ")
        add(node.text)
        for child in node:
            walk(child)
            add(child.tail)

    walk(element)
    return _SPACE.sub(" ", "".join(parts)).strip()


def _structure(fodt: Path) -> dict[str, list[str]]:
    """The parts of a converted document a reader would check, each as its texts in order."""
    root = etree.parse(str(fodt)).getroot()
    body = root.find("office:body/office:text", NS)
    assert body is not None

    deleted = frozenset(e.get(f"{{{NS['text']}}}id") or "" for e in
                        body.iterfind("text:tracked-changes/text:changed-region", NS)
                        if e.find("text:deletion", NS) is not None)

    def texts(path: str, within: etree._Element = body) -> list[str]:
        return [_text(e, deleted) for e in within.iterfind(path, NS)]

    cells = [e for e in body.iterfind(".//table:table-cell", NS)
             if e.find(".//table:table", NS) is None]  # innermost cells
    return {
        "paragraphs": [_text(e, deleted) for e in body.iter(_P, _H)
                       if not any(a.tag in _ASIDE or a.tag == _REGION for a in e.iterancestors())
                       and _text(e)],
        "headings": texts(".//text:h"),
        "list items": texts(".//text:list-item"),
        "table cells": [_text(e, deleted) for e in cells],
        "tables": [str(len(e.findall(".//table:table", NS))) for e in
                   body.iterfind("table:table", NS)],
        "footnotes": texts(".//text:note-body"),
        "text boxes": texts(".//draw:custom-shape//text:p") + texts(".//draw:frame//text:p"),
        "header": texts(".//style:header", root),
        "footer": texts(".//style:footer", root),
        "links": [e.get(f"{{{NS['xlink']}}}href") or "" for e in body.iterfind(".//text:a", NS)],
        "comments": [str(len(body.findall(".//office:annotation", NS)))],
        "tracked changes": [str(len(body.findall(".//text:changed-region", NS)))],
    }


def _convert(sources: list[Path], out: Path) -> list[Path]:
    """Flat ODT of each source, converted by LibreOffice in one headless run with a
    profile of its own (a user's running LibreOffice is never touched)."""
    assert SOFFICE is not None
    done = subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation={(out / 'profile').as_uri()}",
         "--convert-to", "fodt", "--outdir", str(out), *map(str, sources)],
        capture_output=True, text=True, timeout=300)
    converted = [out / f"{source.stem}.fodt" for source in sources]
    missing = [str(path) for path in converted if not path.is_file()]
    assert not missing, f"LibreOffice did not convert {missing}: {done.stdout} {done.stderr}"
    return converted


def _plain_pairs(catalogue: Path) -> list[tuple[str, str]]:
    """(source, translation) of every translated entry, as a reader sees them (tags off)."""
    pairs = []
    for entry in polib.pofile(str(catalogue)):
        if entry.msgstr and not entry.obsolete:
            source = _SPACE.sub(" ", parse_inline(entry.msgid).plain).strip()
            target = _SPACE.sub(" ", parse_inline(entry.msgstr).plain).strip()
            if source:
                pairs.append((source, target))
    return pairs


def _translated(text: str, pairs: list[tuple[str, str]]) -> str:
    """``text`` with every segment in it replaced by its translation, in one pass (longest
    first, so a translation is never translated again), whitespace left out."""
    table = {"".join(s.split()): "".join(t.split()) for s, t in pairs}
    pattern = re.compile("|".join(re.escape(s) for s in sorted(table, key=len, reverse=True)))
    return pattern.sub(lambda m: table[m.group()], "".join(text.split()))


@pytest.fixture(scope="module")
def report_versions(translated_documents: dict[str, Path],
                    tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, list[str]]]:
    out = tmp_path_factory.mktemp("office")
    source = translated_documents["report.docx"]
    identity = out / "identity.docx"
    rendered = render(parse_document(source), {})
    assert isinstance(rendered, bytes)
    identity.write_bytes(rendered)
    translated = out / "translated.docx"
    result = render_catalogue(translated_documents["report.po"])
    assert isinstance(result.text, bytes) and not result.untranslated
    translated.write_bytes(result.text)
    converted = _convert([source, identity, translated], out)
    return {name: _structure(path) for name, path in
            zip(("source", "identity", "translated"), converted, strict=True)}


@needs_soffice
def test_identity_render_reads_as_the_source_in_libreoffice(
        report_versions: dict[str, dict[str, list[str]]]) -> None:
    source = report_versions["source"]
    assert source["footnotes"] and source["header"] and source["footer"]
    assert source["text boxes"] and source["links"] and source["tables"] == ["1"]
    assert report_versions["identity"] == source


@needs_soffice
def test_translation_opens_with_the_same_structure_and_the_translations_in_place(
        translated_documents: dict[str, Path],
        report_versions: dict[str, dict[str, list[str]]]) -> None:
    source, translated = report_versions["source"], report_versions["translated"]
    pairs = _plain_pairs(translated_documents["report.po"])
    for part, texts in source.items():
        assert len(translated[part]) == len(texts), part
        if part in ("links", "tables", "comments", "tracked changes"):
            assert translated[part] == texts, part
            continue
        expected = [_translated(text, pairs) for text in texts]
        assert ["".join(t.split()) for t in translated[part]] == expected, part
    changed = [t for s, t in zip(source["paragraphs"], translated["paragraphs"], strict=True)
               if s != t]
    assert len(changed) >= len(source["paragraphs"]) - 2  # "1,300" may stay as it is
    assert re.search("[а-щьюяєіїґ]", " ".join(translated["footnotes"] + translated["header"]))


# --- HTML --------------------------------------------------------------------------------

_TRANSLATABLE = {"alt", "title", "aria-label", "content", "lang"}


def _elements(page: bytes) -> Iterator[tuple[str, dict[str, str]]]:
    root = lxml_html.document_fromstring(page)
    for element in root.iter():
        if isinstance(element.tag, str):
            yield element.tag, {k: v for k, v in element.attrib.items()
                                if k not in _TRANSLATABLE}


def test_rendered_html_parses_with_the_source_structure(
        translated_documents: dict[str, Path]) -> None:
    source = translated_documents["article.html"].read_bytes()
    result = render_catalogue(translated_documents["article.po"])
    assert isinstance(result.text, bytes)
    assert list(_elements(result.text)) == list(_elements(source))
    root = lxml_html.document_fromstring(result.text)
    assert root.get("lang") == "uk"
    seen = " ".join([root.text_content(), *(value for element in root.iter() for name, value
                                            in element.attrib.items() if name in _TRANSLATABLE)])
    seen = " ".join(seen.split())
    for _, target in _plain_pairs(translated_documents["article.po"]):
        assert " ".join(target.split()) in seen


def test_rendered_html_has_no_html5_parse_error_the_source_lacks(
        translated_documents: dict[str, Path]) -> None:
    html5lib = pytest.importorskip("html5lib", reason="html5lib not installed")
    result = render_catalogue(translated_documents["article.po"])
    errors = []
    for page in (translated_documents["article.html"].read_bytes(), result.text):
        parser = html5lib.HTMLParser(strict=False)
        parser.parse(page)
        errors.append([error for _, error, _ in parser.errors])
    assert errors[1] == errors[0]
