"""``translator translate`` and ``render`` end to end on the fixture models, as a user runs them."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import polib
import pytest

from translator.cli import main

REPO = Path(__file__).resolve().parents[1]
ARTICLE = REPO / "examples" / "rutte-kyiv.md"
needs_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None,
                                  reason="GNU gettext not installed")


def run_cli(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def msgfmt_check(path: Path) -> None:
    result = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr


def files_under(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*") if p.is_file()) if path.exists() else []


@pytest.fixture
def models(model_files: dict[str, Path]) -> list[str]:
    """``--model`` arguments for every fixture package (the demo's way: nothing installed)."""
    return [arg for file in model_files.values() for arg in ("--model", file)]


def test_help_is_cheap() -> None:
    """``translator --help`` must not load models, torch, Textual or argostranslate.translate."""
    code = (
        "import sys; from translator.cli import main; main(['--help']); "
        "heavy = [m for m in ('ctranslate2', 'torch', 'textual', 'stanza', 'spacy', "
        "'argostranslate.translate', 'sentencepiece', 'pymorphy3') if m in sys.modules]; "
        "print('HEAVY', heavy)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "HEAVY []" in result.stdout, result.stdout + result.stderr
    assert "translate" in result.stdout and "review" in result.stdout


@needs_msgfmt
@pytest.mark.slow
def test_article_into_two_languages_then_render(
    tmp_path: Path, models: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / ARTICLE.name  # a project: the article beside its locales/
    shutil.copy(ARTICLE, article)
    out = tmp_path / "locales"
    code, stdout, err = run_cli(capsys, "translate", article, "--to", "uk", "--to", "pl",
                                "--out", out, *models)
    assert code == 0, err
    written = [Path(line) for line in stdout.splitlines()]
    assert written == [out / "uk/LC_MESSAGES/rutte-kyiv.po", out / "pl/LC_MESSAGES/rutte-kyiv.po"]
    assert re.search(r"1 document\(s\), \d+ segment\(s\) translated into 2 language\(s\)", err)
    source_links = re.findall(r"\]\((\S+?)\)", ARTICLE.read_text(encoding="utf-8"))
    for path in written:
        msgfmt_check(path)
        catalogue = polib.pofile(str(path))
        assert catalogue.metadata["Language"] == path.parts[-3]
        assert catalogue.untranslated_entries() == []
        assert all(e.fuzzy for e in catalogue if not e.obsolete)
        assert all(e.occurrences[0][0].endswith("rutte-kyiv.md") for e in catalogue)
        code, rendered, err = run_cli(capsys, "render", path)
        assert code == 0, err
        assert "fuzzy" in err
        source_lines = ARTICLE.read_text(encoding="utf-8").splitlines()
        lines = rendered.splitlines()
        assert len(lines) == len(source_lines)
        # same block structure, line by line
        for before, after in zip(source_lines, lines, strict=True):
            assert re.match(r"\s*(#+ |[-*] |> |\||```|$)?", before).group(0) == re.match(
                r"\s*(#+ |[-*] |> |\||```|$)?", after).group(0)
        assert re.findall(r"\]\((\S+?)\)", rendered) == source_links


@needs_msgfmt
@pytest.mark.slow
def test_pot_with_plurals_and_placeholders(
    tmp_path: Path, models: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    pot = tmp_path / "app.pot"
    pot.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#: app.c:10\n#, c-format\nmsgid "%d drone was shot down"\n'
        'msgid_plural "%d drones were shot down"\nmsgstr[0] ""\nmsgstr[1] ""\n\n'
        '#: app.py:3\n#, python-format\nmsgctxt "headline"\n'
        'msgid "%(name)s visited Kyiv"\nmsgstr ""\n\n'
        '#: app.py:9\n#, python-brace-format\nmsgid "{leader} met the Secretary-General"\n'
        'msgstr ""\n',
        encoding="utf-8",
    )
    code, _, err = run_cli(capsys, "translate", pot, "--to", "uk", "--out", tmp_path / "out",
                           *models)
    assert code == 0, err
    path = tmp_path / "out/uk/LC_MESSAGES/app.po"
    msgfmt_check(path)
    catalogue = polib.pofile(str(path))
    plural = catalogue.find("%d drone was shot down")
    assert sorted(plural.msgstr_plural) == [0, 1, 2]
    assert all("%d" in form for form in plural.msgstr_plural.values())
    headline = catalogue.find("%(name)s visited Kyiv", msgctxt="headline")
    assert headline is not None and "%(name)s" in headline.msgstr
    assert "{leader}" in catalogue.find("{leader} met the Secretary-General").msgstr
    assert plural.occurrences == [("app.c", "10")] and "c-format" in plural.flags


@pytest.mark.slow
def test_rerun_keeps_reviewed_entry_exactly(
    tmp_path: Path, models: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "story.md"
    article.write_text("# Rutte visits Kyiv\n\nRutte met Zelenskyy in Kyiv. "
                       "They discussed the victory plan.\n", encoding="utf-8")
    out = tmp_path / "locales"
    assert run_cli(capsys, "translate", article, "--to", "uk", "--out", out, *models)[0] == 0
    path = out / "uk/LC_MESSAGES/story.po"
    catalogue = polib.pofile(str(path))
    entry = catalogue.find("Rutte met Zelenskyy in Kyiv.")
    entry.msgstr = "Рютте зустрівся із Зеленським у Києві."
    entry.flags.remove("fuzzy")
    catalogue.save()
    reviewed = str(entry)
    article.write_text("# Rutte visits Kyiv\n\nRutte met Zelenskyy in Kyiv. "
                       "They discussed long-range weapons.\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "translate", article, "--to", "uk", "--out", out, *models)
    assert code == 0, err
    assert "1 reviewed entry kept" in err
    assert "1 segment(s) translated" in err  # only the changed sentence is new work
    after = polib.pofile(str(path))
    assert str(after.find("Rutte met Zelenskyy in Kyiv.")) == reviewed
    assert after.find("They discussed long-range weapons.").msgstr
    assert [e.msgid for e in after.obsolete_entries()] == ["They discussed the victory plan."]


def test_progress_bar_absent_in_pipe(tmp_path: Path, model_files: dict[str, Path]) -> None:
    article = tmp_path / "a.md"
    article.write_text("Rutte visited Kyiv.\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "translator", "translate", str(article), "--to", "uk", "--out",
         str(tmp_path / "out"), "--model", str(model_files["en_uk"]), "--quiet"],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""
    assert (tmp_path / "out/uk/LC_MESSAGES/a.po").is_file()


# -- errors: one line on stderr, exit 1, nothing half-written ------------------------------


def assert_one_line_error(code: int, err: str, *fragments: str) -> None:
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("translator: "), err
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err, err


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "story.md"
    path.write_text("Rutte visited Kyiv.\n", encoding="utf-8")
    return path


def test_unknown_language(article: Path, tmp_path: Path, models: list[str],
                          capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "translate", article, "--to", "xx", "--out", tmp_path / "o",
                           *models)
    assert_one_line_error(code, err, "unknown language code 'xx'")
    assert files_under(tmp_path / "o") == []


def test_no_model_for_pair(article: Path, tmp_path: Path, model_files: dict[str, Path],
                           capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "translate", article, "--to", "fr", "--out", tmp_path / "o",
                           "--model", model_files["en_uk"])
    assert_one_line_error(code, err, "en→fr", "translator models install")
    assert files_under(tmp_path / "o") == []


def test_invalid_utf8_input_names_byte_offset(tmp_path: Path, models: list[str],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "latin1.md"
    bad.write_bytes(b"Rutte visited Kyiv.\nCaf\xe9 in Kharkiv.\n")
    code, _, err = run_cli(capsys, "translate", bad, "--to", "uk", "--out", tmp_path / "o",
                           *models)
    assert_one_line_error(code, err, "latin1.md", "not valid UTF-8 at byte 23")
    assert files_under(tmp_path / "o") == []


def test_malformed_po_names_line(tmp_path: Path, models: list[str],
                                 capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.pot"
    bad.write_text('msgid ""\nmsgstr ""\n\nmsgid "Kyiv"\nmsgstr "Київ\n', encoding="utf-8")
    code, _, err = run_cli(capsys, "translate", bad, "--to", "uk", "--out", tmp_path / "o",
                           *models)
    assert_one_line_error(code, err, f"{bad}:5: unterminated string")


def test_empty_input(tmp_path: Path, models: list[str],
                     capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("\n  \n", encoding="utf-8")
    code, _, err = run_cli(capsys, "translate", empty, "--to", "uk", "--out", tmp_path / "o",
                           *models)
    assert_one_line_error(code, err, "empty.md", "empty")


def test_output_not_writable(article: Path, tmp_path: Path, models: list[str],
                             capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    code, _, err = run_cli(capsys, "translate", article, "--to", "uk", "--out",
                           blocker / "locales", *models)
    assert_one_line_error(code, err, "not writable")
    assert blocker.read_text(encoding="utf-8") == "not a directory"


def test_corrupt_model_archive(article: Path, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    corrupt = tmp_path / "broken.argosmodel"
    corrupt.write_bytes(b"PK\x03\x04 this is not really a zip")
    code, _, err = run_cli(capsys, "translate", article, "--to", "uk", "--out", tmp_path / "o",
                           "--model", corrupt)
    assert_one_line_error(code, err, "broken.argosmodel")
    assert files_under(tmp_path / "o") == []


def test_bad_file_in_batch_is_reported_and_others_go_on(
    tmp_path: Path, models: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.md").write_text("Rutte visited Kyiv.\n", encoding="utf-8")
    (docs / "bad.md").write_bytes(b"\xff\xfe broken\n")
    code = main(["translate", str(docs), "--to", "uk", "--out", str(tmp_path / "o"),
                 *map(str, models)])
    _, err = capsys.readouterr()
    assert code == 1
    assert "bad.md" in err and "not valid UTF-8 at byte 0" in err
    assert (tmp_path / "o/uk/LC_MESSAGES/good.po").is_file()
    assert not (tmp_path / "o/uk/LC_MESSAGES/bad.po").exists()


def test_usage_error_exit_code_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "translate", "x.md")  # --to is required
    assert code == 2 and "--to" in err


def test_zip_slip_model_is_refused(article: Path, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    evil = tmp_path / "evil.argosmodel"
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("pkg/metadata.json", '{"from_code": "en", "to_code": "uk"}')
        archive.writestr("pkg/../../escaped.txt", "gotcha")
    code, _, err = run_cli(capsys, "models", "install", evil)
    assert_one_line_error(code, err, "evil.argosmodel")
    assert not (tmp_path.parent / "escaped.txt").exists()
