"""Odd input never gives a broken catalogue (issue 10, items 5, 6, 10, 14, 20): a reverted
source edit revives its entry, CRLF files stay CRLF, duplicate definitions are refused
everywhere, and file names or texts a PO cannot hold are refused with one line."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from translator import catalogue
from translator.catalogue import open_catalogue
from translator.cli import main
from translator.errors import CatalogueError, InputError, OutputError
from translator.review.model import Catalogue, Translation

REPO = Path(__file__).resolve().parents[1]
MODEL = REPO / "tests" / "fixtures" / "models" / "en_uk.argosmodel"
FIXTURES = REPO / "tests" / "fixtures" / "glossaries" / "catalogues"
GLOSSARY = REPO / "glossaries" / "ukraine-news.tsv"
needs_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU msgfmt")


def run_cli(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def translate(capsys: pytest.CaptureFixture[str], source: Path, out: Path) -> tuple[int, str]:
    if not MODEL.is_file():
        pytest.skip("fixture model not built")
    code, _, err = run_cli(capsys, "translate", source, "--to", "uk", "--model", MODEL,
                           "--out", out, "-q")
    return code, err


def msgfmt_errors(path: Path) -> str:
    done = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True,
                          text=True)
    return done.stderr if done.returncode else ""


# -- 5: a reverted source edit revives the obsolete entry ---------------------------------


@needs_msgfmt
def test_reverted_edit_revives_the_approved_translation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "art.md"
    original = "Rutte visited Kyiv.\n\nThe allies will study the plan.\n"
    source.write_text(original, encoding="utf-8")
    assert translate(capsys, source, tmp_path / "out")[0] == 0
    path = tmp_path / "out" / "uk" / "LC_MESSAGES" / "art.po"
    po = polib.pofile(str(path))
    entry = po.find("Rutte visited Kyiv.")
    entry.msgstr, entry.flags = "Рютте відвідав Київ.", []
    po.save(str(path))

    source.write_text(original.replace("Rutte visited", "Rutte toured"), encoding="utf-8")
    assert translate(capsys, source, tmp_path / "out")[0] == 0
    edited = polib.pofile(str(path)).find("Rutte toured Kyiv.")  # carried over, as msgmerge
    assert (edited.msgstr, edited.fuzzy) == ("Рютте відвідав Київ.", True)
    assert edited.previous_msgid == "Rutte visited Kyiv."
    source.write_text(original, encoding="utf-8")
    assert translate(capsys, source, tmp_path / "out")[0] == 0

    after = polib.pofile(str(path))
    revived = after.find("Rutte visited Kyiv.")
    assert (revived.msgstr, revived.fuzzy) == ("Рютте відвідав Київ.", False)
    assert [e.msgid for e in after if e.msgid == "Rutte visited Kyiv."] == [revived.msgid]
    assert [e.msgid for e in after.obsolete_entries()] == ["Rutte toured Kyiv."]
    assert msgfmt_errors(path) == ""


def test_an_obsolete_duplicate_of_an_active_entry_is_not_kept() -> None:
    uk = catalogue.language("uk")
    existing = polib.pofile(
        'msgid "A."\nmsgstr "А."\n\n#, fuzzy\n#~ msgid "A."\n#~ msgstr "А старе."\n\n'
        '#~ msgid "B."\n#~ msgstr "Б."\n'
    )
    result = catalogue.merge([catalogue.Unit("A.")], existing, uk, source_lang="en")
    keys = [(e.msgid, e.obsolete) for e in result.catalogue]
    assert keys == [("A.", False), ("B.", True)]


# -- 10: CRLF catalogues stay CRLF --------------------------------------------------------


def _crlf_copy(tmp_path: Path, name: str) -> Path:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    path = tmp_path / name
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    return path


def test_check_fix_keeps_crlf_and_every_other_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lf = Path(shutil.copy(FIXTURES / "news.uk.po", tmp_path / "lf.uk.po"))
    crlf = _crlf_copy(tmp_path, "news.uk.po")
    run_cli(capsys, "check", lf, "--glossary", GLOSSARY, "--fix")
    run_cli(capsys, "check", crlf, "--glossary", GLOSSARY, "--fix")
    fixed = crlf.read_bytes()
    assert b"\n" not in fixed.replace(b"\r\n", b"")
    assert fixed == lf.read_bytes().replace(b"\n", b"\r\n")
    assert fixed != (FIXTURES / "news.uk.po").read_bytes().replace(b"\n", b"\r\n")


def test_review_save_keeps_crlf(tmp_path: Path) -> None:
    path = _crlf_copy(tmp_path, "news.uk.po")
    before = path.read_bytes()
    opened = Catalogue.open(path)
    entry = opened.entries[3]
    entry.current = Translation(tuple(f + " (так)" for f in entry.current.forms), fuzzy=False)
    opened.save()
    after = path.read_bytes()
    assert b"\n" not in after.replace(b"\r\n", b"")
    changed = set(after.split(b"\r\n")) - set(before.split(b"\r\n"))
    assert changed and all(b"(\xd1\x82\xd0\xb0\xd0\xba)" in line or b"Revision" in line
                           for line in changed)


# -- 14: duplicate definitions refused everywhere ------------------------------------------

DUPLICATES = (
    'msgid ""\nmsgstr "Language: uk\\n"\n\n'
    'msgid "Kyiv"\nmsgstr "Київ"\n\n'
    'msgid "Kharkiv"\nmsgstr "Харків"\n\n'
    'msgid "Kyiv"\nmsgstr "Кийв"\n'
)


def test_duplicate_definitions_are_refused_by_review_check_and_translate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "news.uk.po"
    path.write_text(DUPLICATES, encoding="utf-8")
    with pytest.raises(CatalogueError) as raised:
        Catalogue.open(path)
    assert str(raised.value) == f"{path}:10: duplicate message definition"
    code, _, err = run_cli(capsys, "check", path, "--glossary", GLOSSARY)
    assert code != 0 and err == f"translator: {path}:10: duplicate message definition\n"
    code, err = translate(capsys, path, tmp_path / "out")
    assert code != 0 and err == f"translator: {path}:10: duplicate message definition\n"
    assert not (tmp_path / "out").exists()


def test_duplicates_with_different_contexts_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "ctx.uk.po"
    path.write_text('msgctxt "a"\nmsgid "Open"\nmsgstr "Відкрити"\n\n'
                    'msgctxt "b"\nmsgid "Open"\nmsgstr "Відкритий"\n', encoding="utf-8")
    assert len(Catalogue.open(path).entries) == 2


# -- 6: file names a PO line cannot hold ----------------------------------------------------


def test_a_file_name_with_a_line_break_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "two\nlines.md"
    source.write_text("Rutte visited Kyiv.\n", encoding="utf-8")
    code, err = translate(capsys, source, tmp_path / "out")
    assert code == 1 and err.count("\n") == 1 and "two\\nlines.md" in err, err
    assert "line break" in err
    assert not list(tmp_path.rglob("*.po"))


def test_merge_refuses_control_characters_in_references_and_headers() -> None:
    uk = catalogue.language("uk")
    unit = catalogue.Unit("Kyiv", occurrences=[("a\rb.md", "1")])
    with pytest.raises(InputError, match=r"a\\rb\.md: a file name with a line break"):
        catalogue.merge([unit], None, uk, source_lang="en")
    with pytest.raises(InputError, match="line break"):
        catalogue.merge([catalogue.Unit("Kyiv")], None, uk, source_lang="en",
                        extra_headers={"X-Source-File": "../x\n.md"})


# -- 20: NUL bytes ------------------------------------------------------------------------


def test_a_nul_in_a_source_document_is_refused_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "nul.md"
    source.write_bytes(b"Rutte visited Kyiv.\n\nSirens\x00 in Kharkiv.\n")
    code, err = translate(capsys, source, tmp_path / "out")
    assert code == 1 and err.count("\n") == 1, err
    assert "nul.md:3:" in err and "NUL" in err
    assert not list(tmp_path.rglob("*.po"))


def test_a_nul_byte_in_a_po_file_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "nul.po"
    path.write_bytes(b'msgid "a"\nmsgstr "b"\n\nmsgid "c\x00d"\nmsgstr ""\n')
    with pytest.raises(CatalogueError, match=r"nul\.po:4: a NUL byte"):
        open_catalogue(path)


def test_a_nul_is_never_written_raw(tmp_path: Path) -> None:
    po = polib.POFile()
    po.append(polib.POEntry(msgid="a", msgstr="b\x00c"))
    with pytest.raises(OutputError, match="NUL"):
        catalogue.save_catalogue(po, tmp_path / "x.po")
    assert not (tmp_path / "x.po").exists()


# -- a catalogue that is a symlink --------------------------------------------------------


def test_a_symlinked_catalogue_is_written_at_its_target(tmp_path: Path) -> None:
    real = tmp_path / "shared" / "news.uk.po"
    real.parent.mkdir()
    shutil.copy(FIXTURES / "news.uk.po", real)
    link = tmp_path / "news.uk.po"
    link.symlink_to(real)
    opened = Catalogue.open(link)
    entry = opened.entries[0]
    entry.current = Translation(tuple(f + " (так)" for f in entry.current.forms), fuzzy=False)
    opened.save()
    assert link.is_symlink() and "(так)" in real.read_text(encoding="utf-8")
    po = polib.pofile(str(real))
    catalogue.save_catalogue(po, link, base=open_catalogue(real))
    assert link.is_symlink() and sorted(p.name for p in tmp_path.iterdir()) == [
        "news.uk.po", "shared"
    ]
