"""``translator check`` on the reference translation with planted problems, and the reference
itself."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from translator.cli import main

REPO = Path(__file__).resolve().parents[1]
REFERENCE = REPO / "locales" / "uk" / "LC_MESSAGES" / "rutte-kyiv.po"
ARTICLE = REPO / "examples" / "rutte-kyiv.md"
GLOSSARY = REPO / "glossaries" / "ukraine-news.tsv"

# (msgid, correct rendering in the reference, planted wrong rendering)
PLANTED = [
    ("NATO Secretary-General **Mark Rutte** arrived in Kyiv on Thursday.", "до Києва", "до Кієва"),
    ("In the victory plan, Ukraine asks the allies for long-range weapons.", "У Плані перемоги",
     "У плані перемоги"),
    ("The meeting will take place at [Ramstein Air Base](https://www.ramstein.af.mil/) in Germany "
     "on 12 October.", "[авіабазі Рамштайн]", "[базі Рамштайн]"),
]


def run_cli(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    catalogue = polib.pofile(str(REFERENCE))
    for msgid, right, wrong in PLANTED:
        entry = catalogue.find(msgid)
        assert right in entry.msgstr
        entry.msgstr = entry.msgstr.replace(right, wrong)
    path = tmp_path / "rutte-kyiv.po"
    catalogue.save(str(path))
    return path


def test_reference_is_clean_approved_and_renders(capsys: pytest.CaptureFixture[str]) -> None:
    """The hand translation: every entry approved, no glossary problem, a full article."""
    catalogue = polib.pofile(str(REFERENCE))
    assert catalogue.percent_translated() == 100 and not catalogue.fuzzy_entries()
    code, out, err = run_cli(capsys, "check", REFERENCE, "--glossary", GLOSSARY)
    assert code == 0, out + err
    code, rendered, _ = run_cli(capsys, "render", REFERENCE)
    assert code == 0
    assert rendered.count("\n") == ARTICLE.read_text(encoding="utf-8").count("\n")
    assert "Kyiv" not in rendered
    assert "на [авіабазі Рамштайн](https://www.ramstein.af.mil/)" in rendered
    if shutil.which("msgfmt"):
        assert subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(REFERENCE)]).returncode == 0


def test_check_reports_exactly_the_planted_problems(
    planted: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(capsys, "check", planted, "--glossary", GLOSSARY, "--format", "json")
    assert code == 1
    violations = json.loads(out)["violations"]
    expected_terms = {PLANTED[0][0]: "Kyiv", PLANTED[1][0]: "victory plan",
                      PLANTED[2][0]: "Ramstein Air Base"}
    assert sorted((v["msgid"], v["term"]) for v in violations) == sorted(expected_terms.items())
    for v in violations:
        wrong = next(w for m, _, w in PLANTED if m == v["msgid"]).strip("[]")
        assert v["found"] and v["found"] in wrong, (v["found"], wrong)
    for v in violations:
        assert set(v) >= {"file", "msgid", "msgctxt", "term", "expected", "found", "kind"}
        assert v["kind"] in {"missing", "forbidden"}
    code, out, _ = run_cli(capsys, "check", planted, "--glossary", GLOSSARY)
    lines = out.splitlines()
    assert len(lines) == len(PLANTED)
    assert all(line.startswith(f"{planted}:") for line in lines)


def test_fix_restores_the_right_inflected_forms(
    planted: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "check", planted, "--glossary", GLOSSARY, "--fix")
    assert code == 0, out
    fixed = polib.pofile(str(planted))
    for msgid, right, _ in PLANTED:
        entry = fixed.find(msgid)
        assert right in entry.msgstr, entry.msgstr
        assert entry.fuzzy  # a changed entry goes back to review
    reference = polib.pofile(str(REFERENCE))
    untouched = [e for e in fixed if e.msgid not in {m for m, _, _ in PLANTED}]
    assert all(reference.find(e.msgid).msgstr == e.msgstr and not e.fuzzy for e in untouched)


def test_check_input_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad_glossary = tmp_path / "bad.tsv"
    bad_glossary.write_text("term\tlang\ttranslation\nKyiv\tuk\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "check", REFERENCE, "--glossary", bad_glossary)
    assert code == 2 and err.startswith(f"translator: {bad_glossary}:2: ") and err.count("\n") == 1
    code, _, err = run_cli(capsys, "check", REFERENCE, "--checks", "no-such-check")
    assert code == 2 and "unknown check no-such-check" in err and err.count("\n") == 1
    broken = tmp_path / "broken.po"
    broken.write_text('msgid "Kyiv"\nmsgstr "Київ\n', encoding="utf-8")
    code, _, err = run_cli(capsys, "check", broken, "--glossary", GLOSSARY)
    assert code == 2 and err == f"translator: {broken}:2: unterminated string\n"


def test_markdown_catalogue_is_checked_and_fixed_without_markup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """«на [авіабазі](…) Рамштайн» is the term; a wrong one inside a link is repaired and
    the link stays."""
    catalogue = polib.pofile(str(REFERENCE))
    msgid = PLANTED[2][0]
    entry = catalogue.find(msgid)
    entry.msgstr = ("Зустріч відбудеться 12 жовтня на [авіабазі](https://www.ramstein.af.mil/) "
                    "Рамштайн у Німеччині.")
    path = tmp_path / "rutte-kyiv.po"
    catalogue.save(str(path))
    assert run_cli(capsys, "check", path, "--glossary", GLOSSARY)[0] == 0
    entry.msgstr = entry.msgstr.replace("[авіабазі]", "[базі]")
    catalogue.save(str(path))
    code, out, _ = run_cli(capsys, "check", path, "--glossary", GLOSSARY)
    assert code == 1 and "found «базі Рамштайн»" in out
    assert run_cli(capsys, "check", path, "--glossary", GLOSSARY, "--fix")[0] == 0
    fixed = polib.pofile(str(path)).find(msgid).msgstr
    assert fixed == ("Зустріч відбудеться 12 жовтня на [авіабазі](https://www.ramstein.af.mil/) "
                     "Рамштайн у Німеччині.")
