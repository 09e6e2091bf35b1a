"""Word documents: segments from every part, identity render, rebuilt runs, bad packages."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from tools.make_doc_fixtures import article_html, report_docx
from translator.documents import docx as docx_format
from translator.documents import parse_document, render
from translator.documents.docxruns import W, read, write
from translator.errors import InputError

MODEL = Path(__file__).parent / "fixtures" / "models" / "en_uk.argosmodel"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return report_docx(tmp_path_factory.mktemp("docx") / "report.docx")


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_segments_come_from_every_part(report: Path) -> None:
    document = parse_document(report)
    by_id = {s.id: s for s in document.segments}
    assert by_id["h1.1"].kind == "heading"
    assert by_id["p1.1"].text == ("NATO Secretary-General <x1/><b>Mark Rutte</b><x2/><x3/> "
                                  "arrived in Kyiv on <i>Thursday</i>.")
    assert by_id["p1.2"].text == "It was his first visit to Ukraine as Secretary-General.<x4/>"
    assert [by_id[f"li{n}.1"].kind for n in (1, 2, 3)] == ["item"] * 3
    assert by_id["p3.1"].text == (
        'The meeting will take place at <a href="https://www.ramstein.af.mil/">'
        "<u>Ramstein Air Base</u></a> in Germany on 12 October.")
    assert by_id["p4.1"].text == 'Rutte said that <x1/><ins id="1">NATO </ins>will support Ukraine.'
    assert by_id["td1.2.1"].text == "Attack drones"
    assert by_id["td2.1.1"].text == "Missiles"  # a nested table
    assert by_id["tb1.1"].text == "Air raid sirens sounded in Kharkiv."
    assert by_id["hdr1.1"].text == "World News — internal report"
    assert by_id["ftr1.1"].text == "Page <x1/>"  # the PAGE field is atomic
    assert by_id["fn1.1"].text == "<x1/> Rutte took office on 1 October."
    texts = " ".join(by_id)
    assert "the allies" not in " ".join(s.text for s in document.segments)  # tracked deletion
    assert "Check the spelling" not in texts  # comments are kept, not translated


def test_identity_render_copies_every_part(report: Path) -> None:
    source = report.read_bytes()
    document = parse_document(report)
    for translations in ({}, {s.id: s.text for s in document.segments}):
        out = render(document, translations)
        assert isinstance(out, bytes)
        assert list(_members(out)) == list(_members(source))
        assert _members(out) == _members(source)


def _normalised(root: etree._Element) -> list[list[tuple[str, str]]]:
    """Per paragraph: text with its run properties and enclosing hyperlink/insertion, and
    every non-text run item, with adjacent runs of the same formatting merged."""
    out = []
    for paragraph in root.iter(f"{{{W}}}p"):
        items: list[tuple[str, str]] = []
        for run in paragraph.iter(f"{{{W}}}r"):
            if next(run.iterancestors(f"{{{W}}}p")) is not paragraph:
                continue
            rpr = run.find(f"{{{W}}}rPr")
            where = "/".join(etree.QName(a).localname for a in run.iterancestors()
                             if a is not paragraph and a.tag != f"{{{W}}}p")
            where = where.split("/p/")[0] if "/p/" in where else where
            style = (etree.tostring(rpr, method="c14n").decode() if rpr is not None else "")
            for item in run:
                if item.tag == f"{{{W}}}rPr":
                    continue
                if item.tag == f"{{{W}}}t":
                    if items and items[-1][0] == f"t|{style}|{where}":
                        items[-1] = (items[-1][0], items[-1][1] + (item.text or ""))
                    else:
                        items.append((f"t|{style}|{where}", item.text or ""))
                else:
                    items.append((f"item|{style}|{where}", etree.QName(item).localname))
        out.append(items)
    return out


def test_rebuilt_paragraphs_have_the_same_text_and_formatting(report: Path) -> None:
    for part in docx_format._read(report.read_bytes(), "en", str(report)):
        before = _normalised(etree.fromstring(etree.tostring(part.root)))
        for paragraph in part.paragraphs:
            write(paragraph.tagged, paragraph.tagged.text)
        assert _normalised(part.root) == before, part.member


def test_translation_keeps_styles_numbering_links_notes_and_changes(report: Path) -> None:
    document = parse_document(report)
    translations = {s.id: "".join(piece if piece.startswith("<") else re.sub(
        r"[A-Za-z]+", lambda m: m.group().upper()[::-1], piece)
        for piece in re.split(r"(<[^>]*>)", s.text)) for s in document.segments}
    out = render(document, translations, "uk")
    assert isinstance(out, bytes)
    source, target = _members(report.read_bytes()), _members(out)
    assert list(target) == list(source)
    for name in ("word/styles.xml", "word/numbering.xml", "word/comments.xml",
                 "word/_rels/document.xml.rels", "[Content_Types].xml", "word/settings.xml"):
        assert target[name] == source[name], name
    body = target["word/document.xml"].decode()
    for marker in ("<w:commentRangeStart", "<w:commentReference", "<w:footnoteReference",
                   "<w:del ", "<w:ins ", "<w:hyperlink", "<w:txbxContent", "<w:delText",
                   'w:val="ListNumber"', 'w:val="Title"'):
        assert body.count(marker) == source["word/document.xml"].decode().count(marker), marker
    reopened = docx.Document(io.BytesIO(out))
    assert "OTAN" in reopened.paragraphs[0].text  # "NATO" reversed: the text did change
    assert reopened.paragraphs[1].runs[1].bold  # the bold run is still bold
    assert "ETTUR" in target["word/footnotes.xml"].decode()
    assert "DLROW" in target["word/header1.xml"].decode()
    assert 'w:instr=" PAGE "' in target["word/footer1.xml"].decode()


def _package(source: Path, edit: dict[str, bytes | None]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(out, "w") as target:
        for info in archive.infolist():
            data = edit.get(info.filename, archive.read(info))
            if data is not None:
                target.writestr(info, data)
    return out.getvalue()


def _bad_inputs(report: Path) -> dict[str, tuple[bytes, str]]:
    types = _members(report.read_bytes())["[Content_Types].xml"]
    macro = types.replace(b"document.main+xml", b"document.macroEnabled.main+xml").replace(
        b"officedocument.wordprocessingml.document.macroEnabled",
        b"officedocument.wordprocessingml.document.macroEnabled")
    macro = re.sub(rb"application/vnd\.openxmlformats-officedocument\.wordprocessingml\."
                   rb"document\.macroEnabled\.main\+xml",
                   b"application/vnd.ms-word.document.macroEnabled.main+xml", macro)
    plain_zip = io.BytesIO()
    with zipfile.ZipFile(plain_zip, "w") as archive:
        archive.writestr("notes.txt", "not a document")
    return {
        "protected.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
                           "password-protected or legacy Word file"),
        "truncated.docx": (report.read_bytes()[:700], "not a DOCX file (not a ZIP package)"),
        "archive.docx": (plain_zip.getvalue(), "corrupt DOCX"),
        "macros.docm": (_package(report, {"[Content_Types].xml": macro}),
                        "macro-enabled Word document (.docm)"),
        "broken.docx": (_package(report, {"word/document.xml": b"<w:document><w:body>"}),
                        "corrupt DOCX"),
    }


def test_bad_packages_are_one_line_errors(report: Path, tmp_path: Path) -> None:
    for name, (data, message) in _bad_inputs(report).items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(InputError) as caught:
            parse_document(path)
        assert str(caught.value).startswith(f"{path}: {message}"), name
        assert "\n" not in str(caught.value)


@pytest.mark.slow
def test_translate_and_render_with_the_demo_model(report: Path, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "report.docx").write_bytes(report.read_bytes())
    (inputs / "article.html").write_text(article_html(), encoding="utf-8")
    bad = _bad_inputs(report)
    for name in ("macros.docm", "protected.docx"):
        (inputs / name.replace(".docx", "-x.docx")).write_bytes(bad[name][0])
    run = [sys.executable, "-m", "translator"]
    locales = tmp_path / "locales"
    done = subprocess.run([*run, "translate", str(inputs), "--to", "uk", "--model", str(MODEL),
                           "--out", str(locales), "-q"], capture_output=True, text=True)
    assert done.returncode == 1
    errors = done.stderr.strip().splitlines()
    assert len(errors) == 2 and all(": " in line for line in errors)
    written = sorted(p.name for p in (locales / "uk" / "LC_MESSAGES").iterdir())
    assert written == ["article.po", "report.po"]  # the others still translated, no stubs
    output = tmp_path / "report.uk.docx"
    subprocess.run([*run, "render", str(locales / "uk" / "LC_MESSAGES" / "report.po"),
                    "-o", str(output)], check=True, capture_output=True)
    reopened = docx.Document(str(output))
    text = "\n".join(p.text for p in reopened.paragraphs)
    assert re.search("[а-яіїєґ]", text.lower())
    body = _members(output.read_bytes())["word/document.xml"].decode()
    assert "https://www.ramstein.af.mil/" in _members(output.read_bytes())[
        "word/_rels/document.xml.rels"].decode()
    for marker in ("<w:footnoteReference", "<w:hyperlink", "<w:ins ", "<w:del ",
                   "<w:commentReference", "<w:txbxContent"):
        assert marker in body, marker
    assert [t.style.name for t in reopened.tables] == ["Table Grid"]


# --- round trip of generated paragraphs ---------------------------------------------------

_RUN_PROPERTIES = ["", "<w:b/>", "<w:i/>", "<w:b/><w:i/>", '<w:u w:val="single"/>',
                   '<w:vertAlign w:val="superscript"/>', '<w:color w:val="FF0000"/>']
_ITEMS = ["<w:t xml:space=\"preserve\">{} </w:t>", "<w:t>{}</w:t>", "<w:tab/>", "<w:br/>",
          '<w:footnoteReference w:id="1"/>', "<w:noBreakHyphen/>"]


@st.composite
def _paragraph(draw: st.DrawFn) -> str:
    words = st.sampled_from(["Kyiv", "Rutte", "a & b", "x<y", "drones.", "Київ", "  "])

    def run() -> str:
        rpr = draw(st.sampled_from(_RUN_PROPERTIES))
        items = "".join(draw(st.sampled_from(_ITEMS)).format(draw(words).replace(
            "&", "&amp;").replace("<", "&lt;")) for _ in range(draw(st.integers(1, 3))))
        return f"<w:r>{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}{items}</w:r>"

    body = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["run", "run", "link", "ins", "del", "bookmark", "field",
                                     "proof"]))
        if kind == "link":
            body.append(f'<w:hyperlink w:anchor="top">{run()}{run()}</w:hyperlink>')
        elif kind == "ins":
            body.append(f'<w:ins w:id="7" w:author="A">{run()}</w:ins>')
        elif kind == "del":
            body.append('<w:del w:id="8" w:author="A"><w:r><w:delText>gone</w:delText></w:r>'
                        "</w:del>")
        elif kind == "bookmark":
            body.append('<w:bookmarkStart w:id="1" w:name="b"/><w:bookmarkEnd w:id="1"/>')
        elif kind == "field":
            body.append('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>'
                        ' PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/>'
                        '</w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/>'
                        "</w:r>")
        elif kind == "proof":
            body.append('<w:proofErr w:type="spellStart"/>')
        else:
            body.append(run())
    return (f'<w:p xmlns:w="{W}"><w:pPr><w:pStyle w:val="Normal"/></w:pPr>'
            + "".join(body) + "</w:p>")


@settings(max_examples=150, deadline=None)
@given(_paragraph())
def test_generated_paragraphs_rebuild_to_the_same_text_and_formatting(source: str) -> None:
    paragraph = etree.fromstring(source)
    tagged = read(paragraph, lambda rel: "")
    before = _normalised(etree.fromstring(source))
    write(tagged, tagged.text)
    assert _normalised(paragraph) == before
    assert paragraph[0].tag == f"{{{W}}}pPr"


def test_a_translation_cannot_lose_fields_or_links_nor_change_a_target() -> None:
    source = (f'<w:p xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
              '2006/relationships"><w:r><w:t xml:space="preserve">See </w:t></w:r>'
              '<w:hyperlink r:id="rId5"><w:r><w:t>the site</w:t></w:r></w:hyperlink>'
              '<w:r><w:footnoteReference w:id="2"/></w:r></w:p>')
    paragraph = etree.fromstring(source)
    tagged = read(paragraph, lambda rel: "https://nato.int" if rel == "rId5" else "")
    assert tagged.text == 'See <a href="https://nato.int">the site</a><x1/>'
    write(tagged, 'Див. <a href="javascript:alert(1)">сайт</a> &lt;b&gt; <q>')
    out = etree.tostring(paragraph, encoding="unicode")
    assert '<w:hyperlink r:id="rId5">' in out  # the relationship, not the edited href
    assert "<w:footnoteReference" in out  # lost by the translation: appended
    assert [t.text for t in paragraph.iter(f"{{{W}}}t")] == ["Див. ", "сайт", " <b> <q>"]
