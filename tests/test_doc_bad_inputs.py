"""Bad documents among good ones (issue 14 §4): one line each, exit 1, the rest translated,
nothing half-written, given by name or found in a folder.

A macro-enabled Word file found in a folder is picked up and refused by name rather than
skipped in silence: the user asked for the folder, and a report missing from ``locales``
with no word would look translated. Translating it would carry its macros (every part we do
not change is copied byte for byte) into the translated document.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from tools.make_doc_fixtures import article_html, report_docx
from translator.cli import main
from translator.documents import DOCUMENT_SUFFIXES, parse_document, render
from translator.errors import InputError

MODEL = Path(__file__).parent / "fixtures" / "models" / "en_uk.argosmodel"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return report_docx(tmp_path_factory.mktemp("bad") / "report.docx").read_bytes()


def _edited(package: bytes, edit: dict[str, bytes]) -> bytes:
    """``package`` with members replaced or added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, edit.pop(info.filename, None) or source.read(info))
        for name, data in edit.items():
            target.writestr(name, data)
    return out.getvalue()


def _macros(package: bytes, *, main_type: bool) -> bytes:
    """A Word package with a VBA project: as Word saves it (.docm main part), or hidden in
    a package that calls itself a plain document."""
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        types = source.read("[Content_Types].xml")
        rels = source.read("word/_rels/document.xml.rels")
    types = types.replace(b"<Override", b'<Default Extension="bin" ContentType='
                          b'"application/vnd.ms-office.vbaProject"/><Override', 1)
    if main_type:
        types = re.sub(rb"application/vnd\.openxmlformats-officedocument\.wordprocessingml\."
                       rb"document\.main\+xml",
                       b"application/vnd.ms-word.document.macroEnabled.main+xml", types)
    rels = rels.replace(b"</Relationships>", b'<Relationship Id="rIdVba" Type="http://schemas'
                        b'.microsoft.com/office/2006/relationships/vbaProject" '
                        b'Target="vbaProject.bin"/></Relationships>')
    return _edited(package, {"[Content_Types].xml": types, "word/_rels/document.xml.rels": rels,
                             "word/vbaProject.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" * 8})


@pytest.mark.parametrize(("name", "make", "message"), [
    ("report.docm", lambda r: _macros(r, main_type=True), "macro-enabled Word document"),
    ("hidden.docx", lambda r: _macros(r, main_type=False), "macro-enabled Word document"),
    ("empty.docx", lambda r: b"", "not a DOCX file (not a ZIP package)"),
    ("page.docx", lambda r: b"<html><body><p>Saved as a web page.</p></body></html>",
     "not a DOCX file (not a ZIP package)"),
])
def test_a_bad_word_file_is_one_line(tmp_path: Path, report: bytes, name: str,
                                     make: object, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(make(report))  # type: ignore[operator]
    with pytest.raises(InputError) as caught:
        parse_document(path)
    assert str(caught.value).startswith(f"{path}: {message}")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("given", ["files", "folder"])
def test_bad_documents_are_refused_by_name_and_the_rest_translated(
        tmp_path: Path, report: bytes, capsys: pytest.CaptureFixture[str], given: str) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "article.html").write_text(article_html(), encoding="utf-8")
    (docs / "story.md").write_text("Rutte visited Kyiv.\n", encoding="utf-8")
    bad = {"report.docm": _macros(report, main_type=True),
           "locked.docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
           "latin.html": b'<meta charset="x-klingon"><p>Qapla\'</p>'}
    for name, data in bad.items():
        (docs / name).write_bytes(data)
    inputs = [str(docs)] if given == "folder" else [str(p) for p in sorted(docs.iterdir())]
    out = tmp_path / "locales"
    code = main(["translate", *inputs, "--to", "uk", "--model", str(MODEL), "--out", str(out),
                 "-q", "--no-tm"])
    _, err = capsys.readouterr()
    assert code == 1
    lines = err.strip().splitlines()
    named = [re.match(r"translator: (.+?)(:\d+)?: ", line) for line in lines]
    assert sorted(m.group(1) for m in named if m) == sorted(str(docs / name) for name in bad)
    assert len(lines) == len(bad)
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert written == ["uk/LC_MESSAGES/article.po", "uk/LC_MESSAGES/story.po"]


def test_translate_help_names_every_document_suffix(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translate", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    missing = [suffix for suffix in sorted(DOCUMENT_SUFFIXES) if suffix not in text]
    assert missing == []


@pytest.mark.parametrize(("data", "encoding"), [
    # the BOM wins over a <meta charset> that contradicts it (as in browsers)
    ("\ufeff<meta charset='windows-1251'><p>Привіт, світ.</p>".encode(), "utf-8"),
    ("<meta http-equiv='Content-Type' content='text/html; charset=koi8-u'>"
     "<p>Привіт, світ.</p>".encode("koi8-u"), "koi8-u"),
])
def test_declared_encodings_are_honoured(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(data)
    document = parse_document(path)
    assert [s.text for s in document.segments] == ["Привіт, світ."]
    assert render(document, {}) == data
    translated = render(document, {document.segments[0].id: "Hello — ї."})
    assert isinstance(translated, bytes)
    assert "Hello — ї.".encode(encoding, "xmlcharrefreplace") in translated
