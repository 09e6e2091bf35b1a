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


GLOSSARY = ("term\tlang\ttranslation\tvariants\tforbidden\tflags\tnote\n"
            "drones\tuk\tбезпілотники\tдрони\t\t\t\n"
            "air base\tuk\tавіабаза\t\t\t\t\n")


def _glossary(tmp_path: Path) -> Path:
    path = tmp_path / "terms.tsv"
    path.write_text(GLOSSARY, encoding="utf-8")
    return path


def test_term_rendered_two_ways_across_documents_names_both_origins(tmp_path: Path) -> None:
    from translator.glossary.load import load_glossary
    from translator.memory.consistency import term_inconsistencies

    a = _po(tmp_path / "a.po", [
        polib.POEntry(msgid="Drones hit the air base.", msgstr="Безпілотники влучили в авіабазу."),
        polib.POEntry(msgid="Two drones were shot down.", msgstr="Збито два безпілотники."),
    ])
    b = _po(tmp_path / "b.po", [
        polib.POEntry(msgid="The air base was quiet.", msgstr="На авіабазі було тихо."),
        polib.POEntry(msgid="Drones again.", msgstr="Знову дрони."),
        polib.POEntry(msgid="No drones today.", msgstr="Сьогодні без безпілотників."),
    ])
    [found] = term_inconsistencies([a, b], load_glossary(_glossary(tmp_path)))
    assert found.term == "drones"  # «авіабазу» and «авіабазі» are one rendering
    first, second = found.places
    assert (first.file, first.translation, second.file, second.translation) == \
        (str(a), "Безпілотники", str(b), "дрони")
    assert found.counts == (3, 1)  # «безпілотників» is a form of the same rendering
    assert first.line == polib.pofile(str(a)).find("Drones hit the air base.").linenum
    assert second.line == polib.pofile(str(b)).find("Drones again.").linenum
    line = str(found)
    assert line.startswith(f"{a}:{first.line}: \"drones\" rendered «Безпілотники» here (3×)")
    assert f"«дрони» in {b}:{second.line} (1×)" in line


def test_inflected_forms_fuzzy_entries_and_other_languages_are_no_difference(
        tmp_path: Path) -> None:
    from translator.glossary.load import load_glossary
    from translator.memory.consistency import inconsistencies, term_inconsistencies

    a = _po(tmp_path / "a.po", [polib.POEntry(msgid="Drones flew.", msgstr="Безпілотники летіли.")])
    b = _po(tmp_path / "b.po", [
        polib.POEntry(msgid="Against drones.", msgstr="Проти безпілотників."),
        polib.POEntry(msgid="Drones flew.", msgstr="Дрони летіли.", flags=["fuzzy"]),
    ])
    pl = tmp_path / "pl.po"
    po = polib.POFile()
    po.metadata = {"Language": "pl", "Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="Drones flew.", msgstr="Drony leciały."))
    po.save(str(pl))
    glossary = load_glossary(_glossary(tmp_path))
    assert term_inconsistencies([a, b], glossary) == []
    assert inconsistencies([a, pl]) == []  # Ukrainian and Polish are not two approvals


def test_check_consistency_with_glossary_reports_terms_in_json(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from translator.cli import main

    a = _po(tmp_path / "a.po", [polib.POEntry(msgid="Drones flew.", msgstr="Безпілотники летіли.")])
    b = _po(tmp_path / "b.po", [polib.POEntry(msgid="Drones again.", msgstr="Знову дрони.")])
    args = ["check", str(a), str(b), "--glossary", str(_glossary(tmp_path))]
    assert main([*args, "--consistency", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["inconsistent_approvals"] == []
    [found] = data["inconsistent_terms"]
    assert found["term"] == "drones" and found["lang"] == "uk"
    assert [(p["file"], p["translation"]) for p in found["places"]] == \
        [(str(a), "Безпілотники"), (str(b), "дрони")]
    assert main([*args, "--consistency"]) == 1
    assert f"in {b}:" in capsys.readouterr().out
    assert main(["check", str(a), str(b), "--consistency"]) == 0  # terms need --glossary
    assert "inconsistent_terms" not in capsys.readouterr().out
