"""Memory ↔ files: approved PO entries in, TMX 1.4 in and out (checked with translate-toolkit),
and the ``translator tm`` commands on a real memory file."""

from __future__ import annotations

import os
from pathlib import Path

import polib
import pytest
from translate.storage import tmx

from translator.cli import main
from translator.errors import InputError
from translator.memory import Memory, Unit
from translator.memory.files import read_po, read_tmx, write_tmx

REPO = Path(__file__).resolve().parent.parent
REFERENCE = REPO / "locales" / "uk" / "LC_MESSAGES" / "rutte-kyiv.po"


def _catalogue(path: Path) -> Path:
    po = polib.POFile()
    po.metadata = {"Language": "uk", "X-Source-Language": "en",
                   "Content-Type": "text/plain; charset=UTF-8",
                   "Plural-Forms": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : 1);"}
    po.append(polib.POEntry(msgid="Approved.", msgstr="Схвалено."))
    po.append(polib.POEntry(msgid="Open", msgctxt="menu", msgstr="Відкрити"))
    po.append(polib.POEntry(msgid="Machine.", msgstr="Машина.", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="Untranslated.", msgstr=""))
    po.append(polib.POEntry(msgid="Gone.", msgstr="Зникло.", obsolete=True))
    po.append(polib.POEntry(msgid="%d file", msgid_plural="%d files",
                            msgstr_plural={0: "%d файл", 1: "%d файли", 2: "%d файлів"}))
    po.save(str(path))
    return path


def test_po_import_takes_approved_entries_only(tmp_path: Path) -> None:
    batch = read_po(_catalogue(tmp_path / "app.po"))
    assert (batch.source_lang, batch.target_lang) == ("en", "uk")
    assert {(u.source, u.context, u.target) for u in batch.units} == {
        ("Approved.", "", "Схвалено."), ("Open", "menu", "Відкрити")}
    assert all(u.origin_file == str(tmp_path / "app.po") for u in batch.units)
    assert all(u.origin_entry.startswith("line ") for u in batch.units)


def test_po_without_language_needs_to(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    po = polib.POFile()
    po.append(polib.POEntry(msgid="a", msgstr="b"))
    po.save(str(path))
    with pytest.raises(InputError, match="Language"):
        read_po(path)
    assert read_po(path, target_lang="pl").target_lang == "pl"


def test_exported_tmx_reads_back_in_translate_toolkit(tmp_path: Path) -> None:
    units = [Unit("Rutte arrived.", "Рютте прибув.", origin_file="/a.po", origin_entry="line 3",
                  approved_at="2026-11-25T13:54:00+00:00"),
             Unit("Open", "Відкрити", context="menu"),
             Unit("A & B <tag>", "А і Б <tag>")]
    with Memory(tmp_path / "tm.sqlite") as memory:
        memory.add("en", "uk", units)
        assert write_tmx(memory, "en", "uk", tmp_path / "out.tmx") == 3
    store = tmx.tmxfile.parsefile(str(tmp_path / "out.tmx"))
    got = {(u.source, u.gettarget("uk"), u.getcontext()) for u in store.units}
    assert got == {(u.source, u.target, u.context) for u in units}
    assert store.sourcelanguage == "en"
    assert store.units[0].xmlelement.get("changedate") == "20261125T135400Z"


def test_tmx_written_by_translate_toolkit_imports(tmp_path: Path) -> None:
    store = tmx.tmxfile(sourcelanguage="en")
    store.addtranslation("Good morning.", "en", "Доброго ранку.", "uk")
    store.addtranslation("Good morning.", "en", "Dzień dobry.", "pl")
    store.addtranslation("Save", "en", "Зберегти", "uk", context="toolbar")
    path = tmp_path / "tt.tmx"
    store.savefile(str(path))
    batches = {(b.source_lang, b.target_lang): b.units for b in read_tmx(path)}
    assert {(u.source, u.target, u.context) for u in batches["en", "uk"]} == {
        ("Good morning.", "Доброго ранку.", ""), ("Save", "Зберегти", "toolbar")}
    assert [u.target for u in batches["en", "pl"]] == ["Dzień dobry."]


def test_malformed_tmx_is_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.tmx"
    path.write_text('<?xml version="1.0"?>\n<tmx version="1.4"><body><tu>\n', encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_tmx(path)
    assert str(error.value).startswith(f"{path}:")


# -- the commands -------------------------------------------------------------------------


def test_tm_commands_on_a_real_memory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    memory = Path(os.environ["TRANSLATOR_TM"])
    locales = tmp_path / "locales"
    locales.mkdir()
    _catalogue(locales / "app.po")
    (locales / "rutte.po").write_bytes(REFERENCE.read_bytes())
    assert main(["tm", "import", str(locales)]) == 0
    assert "43 units en→uk" in capsys.readouterr().out

    assert main(["tm", "stats"]) == 0
    out = capsys.readouterr().out
    assert str(memory) in out and "45 units" in out and "2 origin files" in out

    assert main(["tm", "search", "Mark Rutte arrived in Kyiv on Friday."]) == 0
    out = capsys.readouterr().out
    assert "**Марк Рютте** у четвер прибув до Києва." in out
    assert str(locales / "rutte.po") in out

    exported = tmp_path / "out.tmx"
    assert main(["tm", "export", "--format", "tmx", "-o", str(exported)]) == 0
    assert len(tmx.tmxfile.parsefile(str(exported)).units) == 45

    assert main(["tm", "remove", "--origin", str(locales / "rutte.po")]) == 0
    assert "43 units removed" in capsys.readouterr().out
    assert main(["tm", "search", "Mark Rutte arrived in Kyiv on Friday."]) == 1

    other = tmp_path / "other.sqlite"
    assert main(["tm", "import", "--tm", str(other), str(exported)]) == 0
    with Memory(other) as copy:
        assert copy.stats()[0].units == 45


def test_bad_file_is_reported_and_the_rest_imported(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.tmx"
    bad.write_text("<tmx", encoding="utf-8")
    assert main(["tm", "import", str(bad), str(REFERENCE)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(bad) in err
    assert main(["tm", "stats"]) == 0
    assert "43 units" in capsys.readouterr().out


def test_reading_commands_create_no_memory(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere" / "tm.sqlite"
    assert main(["tm", "stats", "--tm", str(missing)]) == 1
    assert "no translation memory" in capsys.readouterr().err
    assert not missing.parent.exists()


def test_default_memory_is_in_the_user_data_dir(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRANSLATOR_TM")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert main(["tm", "import", str(REFERENCE)]) == 0
    assert (tmp_path / "data" / "translator" / "memory.sqlite").is_file()


def test_approved_on_save_is_remembered_and_a_bad_memory_never_blocks_it(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from translator.memory.files import remember_reviewed

    approved = [(None, "Rutte took office on 1 October.", "Рютте обійняв посаду 1 жовтня."),
                ("menu", "Open", "Відкрити")]
    assert remember_reviewed(REFERENCE, "en", "uk", approved, tmp_path / "tm.sqlite") == 2
    with Memory(tmp_path / "tm.sqlite") as memory:
        [unit] = memory.exact("en", "uk", "Open", "menu")
        assert unit.origin_file == str(REFERENCE) and unit.approved_at
    broken = tmp_path / "broken.sqlite"
    broken.write_text("garbage" * 1000)
    assert remember_reviewed(REFERENCE, "en", "uk", approved, broken) == 0
    assert "translation memory not updated" in caplog.text
