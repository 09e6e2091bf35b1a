"""Checking and fixing PO catalogues, the JSON report, and line-preserving saves."""

from __future__ import annotations

import difflib
import json
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from translator.catalogue.write import save_changes
from translator.errors import CatalogueError, InputError
from translator.glossary.catalogues import check_catalogues
from translator.glossary.load import load_glossary
from translator.glossary.report import report_to_json

HERE = Path(__file__).parent
NEWS = HERE.parent / "glossaries" / "ukraine-news.tsv"
CATALOGUES = HERE / "fixtures" / "glossaries" / "catalogues"
EVAL = Path(__file__).parents[1].parent / "shared" / "eval"
needs_eval = pytest.mark.skipif(
    not (EVAL / "po").is_dir(), reason=f"evaluation kit not found at {EVAL}"
)

# (file, line, msgid, plural, kind, term, found): exactly the planted problems
PLANTED = [
    ("news.pl.po", 21, "Attack on Kyiv", None, "forbidden", "Kyiv", "Kijew"),
    ("news.pl.po", 24, "Air raid sirens sounded in Kyiv.", None, "forbidden", "Kyiv", "Kijewie"),
    ("news.uk.po", 26, "Rutte said that the allies will study the victory plan.", None,
     "forbidden", "victory plan", "план перемоги"),
    ("news.uk.po", 30, "The meeting will take place at Ramstein Air Base in Germany.", None,
     "forbidden", "Ramstein Air Base", "базі Рамштайн"),
    ("news.uk.po", 42, "Air raid sirens sounded in Kharkiv and in Kyiv.", None, "forbidden",
     "Kyiv", "Киеві"),
    ("news.uk.po", 46, "Zelenskyy said that Ukraine needs long-range weapons now.", None,
     "missing", "long-range weapons", ""),
    ("news.uk.po", 62, "%d drone was shot down", 2, "inconsistent", "drones", "безпілотників"),
    ("news.uk.po", 83, "Later, Syniehubov said that two more people were injured.", None,
     "inconsistent", "Syniehubov", "Синегубов"),
]


def copies(tmp_path: Path) -> list[Path]:
    paths = []
    for source in sorted(CATALOGUES.glob("*.po")):
        paths.append(Path(shutil.copy(source, tmp_path / source.name)))
    return paths


def test_check_reports_exactly_the_planted_problems() -> None:
    report = check_catalogues(sorted(CATALOGUES.glob("*.po")), load_glossary(NEWS))
    got = [(Path(f.file).name, f.line, f.msgid, f.plural, f.violation.kind, f.violation.term,
            f.violation.found) for f in report.findings]
    assert got == PLANTED
    assert report.entries == 24 and not report.ok


def test_lines_are_polib_entry_lines() -> None:
    report = check_catalogues([CATALOGUES / "news.uk.po"], load_glossary(NEWS))
    po = polib.pofile(str(CATALOGUES / "news.uk.po"))
    lines = {e.msgid: e.linenum for e in po}
    assert all(f.line == lines[f.msgid] for f in report.findings)


def test_text_lines_read_like_compiler_messages() -> None:
    report = check_catalogues([CATALOGUES / "news.uk.po"], load_glossary(NEWS))
    assert str(report.findings[1]) == (
        f"{CATALOGUES / 'news.uk.po'}:30: forbidden: Ramstein Air Base → «авіабаза Рамштайн», "
        "found «базі Рамштайн»")


def test_json_report_has_violations_and_summary() -> None:
    report = check_catalogues(sorted(CATALOGUES.glob("*.po")), load_glossary(NEWS))
    data = json.loads(json.dumps(report_to_json(report), ensure_ascii=False))
    assert set(data) == {"violations", "summary"}
    first = data["violations"][0]
    assert {"file", "line", "msgid", "msgctxt", "term", "expected", "found", "kind"} <= set(first)
    assert data["summary"]["violations"] == len(PLANTED)
    assert data["summary"]["by_kind"] == {"missing": 1, "forbidden": 5, "dnt": 0,
                                          "inconsistent": 2}


def test_clean_catalogue_is_ok(tmp_path: Path) -> None:
    po = polib.POFile()
    po.metadata = {"Language": "uk", "Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="Rutte arrived in Kyiv.", msgstr="Рютте прибув до Києва."))
    po.append(polib.POEntry(msgid="Sirens in Kharkiv.", msgstr=""))
    po.save(str(tmp_path / "clean.po"))
    report = check_catalogues([tmp_path / "clean.po"], load_glossary(NEWS))
    assert report.ok and report.entries == 1


def test_catalogue_problems_are_catalogue_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="missing.po: cannot read"):
        check_catalogues([tmp_path / "missing.po"], load_glossary(NEWS))
    no_language = tmp_path / "x.po"
    no_language.write_text('msgid "Kyiv"\nmsgstr "Київ"\n', encoding="utf-8")
    with pytest.raises(CatalogueError, match="no Language header"):
        check_catalogues([no_language], load_glossary(NEWS))
    assert check_catalogues([no_language], load_glossary(NEWS), "uk").ok


def test_fix_repairs_marks_fuzzy_and_comments(tmp_path: Path) -> None:
    paths = copies(tmp_path)
    result = check_catalogues(paths, load_glossary(NEWS), fix=True)
    assert sorted((Path(f.file).name, f.violation.found) for f in result.unfixed) == [
        ("news.pl.po", "Kijewie"), ("news.uk.po", ""), ("news.uk.po", "Синегубов")]
    assert len(result.fixed) == 5 and sorted(result.written) == sorted(map(str, paths))
    po = {e.msgid: e for e in polib.pofile(str(tmp_path / "news.uk.po"))}
    ramstein = po["The meeting will take place at Ramstein Air Base in Germany."]
    assert ramstein.msgstr == "Зустріч відбудеться на авіабазі Рамштайн у Німеччині."
    assert ramstein.fuzzy and "Ramstein Air Base" in ramstein.tcomment
    assert po["%d drone was shot down"].msgstr_plural[2] == "%d дронів збито"
    assert po["%d drone was shot down"].flags == ["fuzzy", "c-format"]
    assert not po["Planes took off from Ramstein Air Base."].fuzzy
    after = check_catalogues(paths, load_glossary(NEWS))
    assert [f.violation.found for f in after.findings] == ["Kijewie", "", "Синегубов"]
    # one pass: what --fix reports as left is what a fresh check of the files finds
    assert result.findings == after.findings and result.entries == after.entries


def test_fix_changes_only_the_fixed_entries(tmp_path: Path) -> None:
    (path,) = [p for p in copies(tmp_path) if p.name == "news.uk.po"]
    check_catalogues([path], load_glossary(NEWS), fix=True)
    before = (CATALOGUES / "news.uk.po").read_text(encoding="utf-8").splitlines()
    after = path.read_text(encoding="utf-8").splitlines()
    removed = [line for line in difflib.ndiff(before, after) if line.startswith("- ")]
    assert len(removed) == 5  # four msgstr lines and one flags line gaining "fuzzy"
    assert all(line.startswith(("- msgstr", "- #, c-format")) for line in removed)


def test_fix_keeps_crlf_line_endings(tmp_path: Path) -> None:
    """Issue 10 §10 through check --fix: the catalogue layer's writer keeps every byte."""
    original = (CATALOGUES / "news.uk.po").read_bytes().replace(b"\n", b"\r\n")
    path = tmp_path / "news.uk.po"
    path.write_bytes(original)
    assert check_catalogues([path], load_glossary(NEWS), fix=True).fixed
    data = path.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n")
    before, after = original.splitlines(keepends=True), data.splitlines(keepends=True)
    removed = [line for line in difflib.diff_bytes(difflib.unified_diff, before, after, n=0)
               if line.startswith(b"-") and not line.startswith(b"---")]
    assert len(removed) == 5 and all(line.endswith(b"\r\n") for line in removed)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext msgfmt not installed")
def test_fixed_catalogue_passes_msgfmt(tmp_path: Path) -> None:
    paths = copies(tmp_path)
    check_catalogues(paths, load_glossary(NEWS), fix=True)
    for path in paths:
        subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], check=True)


@pytest.mark.eval
@needs_eval
@pytest.mark.parametrize("name", ["geany.uk.po", "util-linux.uk.po", "meld.uk.po"])
def test_rewriting_entries_of_a_real_catalogue_keeps_every_other_line(
    tmp_path: Path, name: str
) -> None:
    path = Path(shutil.copy(EVAL / "po" / name, tmp_path / name))
    po = polib.pofile(str(path))
    changed = [e for e in po if e.msgstr and not e.obsolete][10:13]
    for entry in changed:
        entry.msgstr += " (змінено)"
        entry.flags.insert(0, "fuzzy")
    save_changes(path, changed)
    before = (EVAL / "po" / name).read_text(encoding="utf-8").splitlines()
    after = path.read_text(encoding="utf-8").splitlines()
    removed = [line for line in difflib.ndiff(before, after) if line.startswith("- ")]
    assert len(removed) <= 3 * 4  # at most the changed entries' flag and msgstr lines
    reread = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(path))}
    assert all(reread[(e.msgctxt, e.msgid)].msgstr.endswith(" (змінено)") for e in changed)
    assert len(reread) == len({(e.msgctxt, e.msgid) for e in po})


@pytest.mark.eval
@needs_eval
def test_real_catalogues_check_cleanly_against_the_weblate_glossary() -> None:
    """A smoke test on thousands of real entries: it runs and the report serialises."""
    glossary = load_glossary(EVAL / "glossaries" / "weblate-glossary.uk.tbx")
    report = check_catalogues([EVAL / "po" / "bleachbit.uk.po", EVAL / "po" / "meld.uk.po"],
                              glossary, "uk")
    assert report.entries > 1000
    json.dumps(report_to_json(report))
