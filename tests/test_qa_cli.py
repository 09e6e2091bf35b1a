"""``translator check`` with QA checks: exit codes, JSON, selection, flags, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

from translator.cli import main

REPO = Path(__file__).resolve().parents[1]
GLOSSARY = REPO / "glossaries" / "ukraine-news.tsv"
HEADER = {"Project-Id-Version": "demo", "Language": "uk", "MIME-Version": "1.0",
          "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
          "Plural-Forms": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
                          "n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"}
CLEAN = [("_Open", "_Відкрити", []), ("%d files in %s", "%d файлів у %s", ["c-format"]),
         ("Kyiv, 12 October", "Київ, 12 жовтня", []), ("Name:", "Назва:", [])]


def run_cli(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def catalogue(path: Path, entries: list[tuple[str, str, list[str]]]) -> Path:
    po = polib.POFile(wrapwidth=0)
    po.metadata = dict(HEADER)
    for msgid, msgstr, flags in entries:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr, flags=flags))
    po.save(str(path))
    return path


def test_clean_catalogue_exits_0_and_says_so(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "check", catalogue(tmp_path / "a.po", CLEAN))
    assert (code, out) == (0, "")
    assert err.startswith("0 error(s), 0 warning(s) in 4 entries of 1 catalogue(s)")


def test_errors_exit_1_with_json_findings(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    path = catalogue(tmp_path / "a.po", [*CLEAN, ("%d folders in %s", "", []),
                                         ("Save %s", "Зберегти", ["fuzzy", "c-format"])])
    code, out, _ = run_cli(capsys, "check", path, "--format", "json")
    data = json.loads(out)
    assert code == 1
    [finding] = data["findings"]
    assert set(finding) >= {"file", "line", "msgid", "msgctxt", "check", "severity", "message",
                            "span"}
    assert (finding["check"], finding["severity"], finding["msgid"]) == \
        ("placeholders", "error", "Save %s")  # fuzzy entries are checked too
    assert finding["fuzzy"] is True and finding["span"] == [0, len("Зберегти")]
    assert finding["line"] == polib.pofile(str(path)).find("Save %s").linenum
    assert data["qa_summary"]["errors"] == 1


def test_warnings_alone_exit_0_unless_strict(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = catalogue(tmp_path / "a.po", [*CLEAN, ("Delete file", "Вилучити файл файл", [])])
    code, out, _ = run_cli(capsys, "check", path)
    assert code == 0 and ": warning: double-word: «файл» twice in a row" in out
    assert run_cli(capsys, "check", path, "--strict")[0] == 1


def test_checks_ignore_and_entry_flags(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    entries = [*CLEAN, ("Title:", "Заголовок", ["ignore-end-punctuation"]),
               ("Wait 10 seconds.", "Зачекайте 5 секунд", [])]
    path = catalogue(tmp_path / "a.po", entries)

    def checks(*args: str) -> list[str]:
        code, out, _ = run_cli(capsys, "check", path, "--format", "json", *args)
        assert code == 0
        return sorted({f["check"] for f in json.loads(out)["findings"]})

    assert checks() == ["end-punctuation", "numbers"]  # «Заголовок» is not: ignore-…
    assert checks("--checks", "numbers") == ["numbers"]
    assert checks("--ignore", "numbers,end-punctuation") == []


def test_list_checks_names_every_check_once(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "check", "--list-checks")
    ids = [line.split()[0] for line in out.splitlines()]
    assert code == 0 and len(ids) == len(set(ids))
    assert {"placeholders", "markup", "tags", "urls", "options", "accelerator", "newlines",
            "whitespace", "end-punctuation", "brackets", "numbers", "double-word",
            "untranslated", "mixed-script", "apostrophe", "plurals", "length"} <= set(ids)
    assert all(line.split()[1] in ("error", "warning") for line in out.splitlines())


def test_bad_input_exits_2_with_one_line(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    path = catalogue(tmp_path / "a.po", CLEAN)
    before = path.read_bytes()
    code, out, err = run_cli(capsys, "check", path, "--ignore", "spelling")
    assert (code, out) == (2, "") and err.count("\n") == 1 and "unknown check spelling" in err
    broken = tmp_path / "broken.po"
    broken.write_text('msgid "Kyiv"\nmsgstr "Київ\n', encoding="utf-8")
    code, out, err = run_cli(capsys, "check", path, broken)
    assert (code, out) == (2, "") and err == f"translator: {broken}:2: unterminated string\n"
    assert path.read_bytes() == before


def test_glossary_and_qa_together(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = catalogue(tmp_path / "a.po", [("Kyiv is the capital, %s.", "Кієв — столиця.", [])])
    code, out, _ = run_cli(capsys, "check", path, "--glossary", GLOSSARY, "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert [f["check"] for f in data["findings"]] == ["placeholders"]
    assert [v["term"] for v in data["violations"]] == ["Kyiv"]


def test_a_plural_rule_that_cannot_be_evaluated_is_not_a_crash(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    po = polib.POFile(wrapwidth=0)
    po.metadata = dict(HEADER, **{"Plural-Forms": "nplurals=2; plural=n%0;"})
    po.append(polib.POEntry(msgid="%d file", msgid_plural="%d files",
                            msgstr_plural={0: "%d файл", 1: "%d файли"}))
    po.save(str(tmp_path / "a.po"))
    code, out, _ = run_cli(capsys, "check", tmp_path / "a.po")
    assert (code, out) == (0, "")
