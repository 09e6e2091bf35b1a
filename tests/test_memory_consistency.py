"""Cross-document consistency: the same source approved two ways is reported with both
origins; fuzzy, obsolete and agreeing entries are not."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

from translator.memory.consistency import inconsistencies


def _po(path: Path, entries: list[polib.POEntry]) -> Path:
    po = polib.POFile()
    po.metadata = {"Language": "uk", "Content-Type": "text/plain; charset=UTF-8"}
    for entry in entries:
        po.append(entry)
    po.save(str(path))
    return path


def test_same_source_approved_two_ways_is_reported_with_both_origins(tmp_path: Path) -> None:
    a = _po(tmp_path / "a.po", [
        polib.POEntry(msgid="Mark Rutte arrived in Kyiv.", msgstr="Марк Рютте прибув до Києва."),
        polib.POEntry(msgid="Air raid alert.", msgstr="Повітряна тривога."),
        polib.POEntry(msgid="Open", msgctxt="menu", msgstr="Відкрити"),
    ])
    b = _po(tmp_path / "b.po", [
        polib.POEntry(msgid="Mark Rutte arrived in Kyiv.", msgstr="Марк Рютте приїхав до Києва."),
        polib.POEntry(msgid="Air raid alert.", msgstr="Повітряна тривога."),
        polib.POEntry(msgid="Open", msgctxt="file", msgstr="Відкрийте"),
        polib.POEntry(msgid="Air raid alert.", msgctxt="x", msgstr="Тривога!", flags=["fuzzy"]),
    ])
    found = inconsistencies([a, b])
    assert [f.source for f in found] == ["Mark Rutte arrived in Kyiv."]
    line = str(found[0])
    assert line.startswith(f"{a}:")
    assert "«Марк Рютте прибув до Києва.»" in line
    assert f"«Марк Рютте приїхав до Києва.» in {b}:" in line


def test_fuzzy_and_obsolete_entries_are_not_approvals(tmp_path: Path) -> None:
    a = _po(tmp_path / "a.po", [polib.POEntry(msgid="Kyiv", msgstr="Київ")])
    b = _po(tmp_path / "b.po", [polib.POEntry(msgid="Kyiv", msgstr="Киев", flags=["fuzzy"]),
                                polib.POEntry(msgid="Kyiv", msgstr="Кийв", obsolete=True)])
    assert inconsistencies([a, b]) == []


def test_check_consistency_reports_both_origins(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    from translator.cli import main

    glossary = Path(__file__).resolve().parent.parent / "glossaries" / "ukraine-news.tsv"
    a = _po(tmp_path / "a.po", [polib.POEntry(msgid="Rutte arrived in Kyiv.",
                                              msgstr="Рютте прибув до Києва.")])
    b = _po(tmp_path / "b.po", [polib.POEntry(msgid="Rutte arrived in Kyiv.",
                                              msgstr="Рютте приїхав до Києва.")])
    args = ["check", str(a), str(b), "--glossary", str(glossary), "--consistency"]
    assert main(args) == 1
    out = capsys.readouterr().out
    assert f"{a}:" in out and f"in {b}:" in out
    assert main([*args, "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    [found] = data["inconsistent_approvals"]
    assert [place["file"] for place in found["places"]] == [str(a), str(b)]
    assert main(args[:-1]) == 0  # without --consistency: the glossary alone is satisfied
