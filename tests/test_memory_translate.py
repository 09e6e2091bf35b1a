"""The memory inside ``translate``: carry-over of changed sources (as msgmerge does it), and
segments filled from the memory before the engine. Real fixture model, real SQLite file."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from translator.cli import main
from translator.pipeline import Options, Report, Tally, run

REPO = Path(__file__).resolve().parent.parent
ARTICLE = REPO / "examples" / "rutte-kyiv.md"
REFERENCE = REPO / "locales" / "uk" / "LC_MESSAGES" / "rutte-kyiv.po"
OLD = "Rutte took office on 1 October."
NEW = "Rutte took office on 2 October."


@pytest.fixture
def reviewed(tmp_path: Path) -> tuple[Path, Path]:
    """The example article and its approved catalogue, copied where translate writes."""
    out = tmp_path / "locales"
    (out / "uk" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(REFERENCE, out / "uk" / "LC_MESSAGES" / "rutte-kyiv.po")
    article = tmp_path / "rutte-kyiv.md"
    shutil.copy(ARTICLE, article)
    return article, out


def _options(out: Path, model_files: dict[str, Path], memory: Path | None) -> Options:
    return Options(targets=["uk"], out_dir=out, models=[model_files["en_uk"]], memory=memory)


def _active(path: Path) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in polib.pofile(str(path)) if not e.obsolete}


def test_one_word_edit_gives_back_the_approved_translation_as_fuzzy(
        reviewed: tuple[Path, Path], model_files: dict[str, Path], tmp_path: Path) -> None:
    article, out = reviewed
    article.write_text(article.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")
    report = run([article], _options(out, model_files, tmp_path / "tm.sqlite"))
    assert report.segments == 0  # nothing sent to the engine
    assert report.carried == 1
    catalogue = out / "uk" / "LC_MESSAGES" / "rutte-kyiv.po"
    entries = _active(catalogue)
    changed = entries[NEW]
    assert changed.fuzzy and changed.previous_msgid == OLD
    assert changed.msgstr == _active(REFERENCE)[OLD].msgstr
    assert f'#| msgid "{OLD}"' in catalogue.read_text(encoding="utf-8")
    [kept] = [e for e in polib.pofile(str(catalogue)) if e.obsolete]  # for a revert
    assert (kept.msgid, kept.msgstr, kept.fuzzy) == (OLD, changed.msgstr, False)
    for msgid, entry in _active(REFERENCE).items():  # every other approved entry untouched
        if msgid != OLD:
            assert entries[msgid].msgstr == entry.msgstr and not entries[msgid].fuzzy
    subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(catalogue)], check=True)
    from translator.memory import Memory

    with Memory(tmp_path / "tm.sqlite") as memory:  # the old approved sentence is not lost
        assert [u.target for u in memory.exact("en", "uk", OLD)] == [changed.msgstr]
        assert not memory.exact("en", "uk", NEW)  # fuzzy carry-over is not an approval


def test_carry_over_writes_what_msgmerge_writes(tmp_path: Path, model_files: dict[str, Path]
                                                ) -> None:
    """Same old catalogue, same new template: our entry and msgmerge's agree, #| lines too."""
    old = polib.POFile()
    old.metadata = {"Language": "uk", "Content-Type": "text/plain; charset=UTF-8",
                    "Plural-Forms": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
                                    "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"}
    old.append(polib.POEntry(msgctxt="toolbar", msgid="Save the file", msgstr="Зберегти файл"))
    old.append(polib.POEntry(msgid="Open the file", msgstr="Відкрити файл"))
    pot = polib.POFile()
    pot.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    pot.append(polib.POEntry(msgctxt="toolbar", msgid="Save the files", msgstr=""))
    pot.append(polib.POEntry(msgid="Open the file", msgstr=""))
    out = tmp_path / "locales"
    (out / "uk" / "LC_MESSAGES").mkdir(parents=True)
    ours = out / "uk" / "LC_MESSAGES" / "app.po"
    old.save(str(ours))
    old.save(str(tmp_path / "old.po"))
    pot.save(str(tmp_path / "app.pot"))
    report = run([tmp_path / "app.pot"], _options(out, model_files, None))
    assert report.segments == 0 and report.carried == 1
    merged = tmp_path / "msgmerge.po"
    subprocess.run(["msgmerge", "--previous", "-q", "-o", str(merged), str(tmp_path / "old.po"),
                    str(tmp_path / "app.pot")], check=True)
    theirs = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(merged)) if not e.obsolete}
    mine = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(ours)) if not e.obsolete}
    assert mine.keys() == theirs.keys()
    for key, entry in theirs.items():
        got = mine[key]
        assert (got.msgstr, got.fuzzy, got.previous_msgid, got.previous_msgctxt) == \
            (entry.msgstr, entry.fuzzy, entry.previous_msgid, entry.previous_msgctxt)
    assert mine["toolbar", "Save the files"].previous_msgctxt == "toolbar"


def test_untouched_machine_output_of_a_changed_source_goes_back_to_the_engine(
        tmp_path: Path, model_files: dict[str, Path]) -> None:
    article = tmp_path / "story.md"
    out = tmp_path / "locales"
    article.write_text("Rutte took office on 1 October.\n", encoding="utf-8")
    run([article], _options(out, model_files, None))
    article.write_text(NEW + "\n", encoding="utf-8")
    report = run([article], _options(out, model_files, None))
    assert report.carried == 0 and report.segments == 1
    entry = _active(out / "uk" / "LC_MESSAGES" / "story.po")[NEW]
    assert entry.previous_msgid is None


def test_second_article_is_filled_from_the_memory(
        reviewed: tuple[Path, Path], model_files: dict[str, Path], tmp_path: Path) -> None:
    article, out = reviewed
    memory = tmp_path / "tm.sqlite"
    run([article], _options(out, model_files, memory))  # learns the approved catalogue
    shared = ["NATO Secretary-General **Mark Rutte** arrived in Kyiv on Thursday.",
              "He met President Volodymyr Zelenskyy in Kyiv."]
    second = tmp_path / "second.md"
    second.write_text(f"{shared[0]} {shared[1]} The two leaders spoke for an hour.\n",
                      encoding="utf-8")
    report = run([second], _options(out, model_files, memory))
    assert report.from_memory == 2 and report.segments == 1
    entries = _active(out / "uk" / "LC_MESSAGES" / "second.po")
    approved = _active(REFERENCE)
    for text in shared:
        assert entries[text].msgstr == approved[text].msgstr
        assert entries[text].fuzzy  # approved elsewhere: offered, not trusted blindly
        assert "memory: exact match from" in entries[text].tcomment
        assert "from rutte-kyiv.po:" in entries[text].tcomment
    assert "memory:" not in (entries["The two leaders spoke for an hour."].tcomment or "")
    assert "from the translation memory" in report.summary()


def test_close_memory_match_is_offered_fuzzy_with_its_source(
        reviewed: tuple[Path, Path], model_files: dict[str, Path], tmp_path: Path) -> None:
    article, out = reviewed
    memory = tmp_path / "tm.sqlite"
    run([article], _options(out, model_files, memory))
    near = "NATO Secretary-General **Mark Rutte** arrived in Kyiv on Friday."
    far = "Mark Rutte visited Lviv."
    story = tmp_path / "story.md"
    story.write_text(f"{near}\n\n{far}\n", encoding="utf-8")
    report = run([story], _options(out, model_files, memory))
    assert report.from_memory == 1 and report.segments == 1
    entry = _active(out / "uk" / "LC_MESSAGES" / "story.po")[near]
    assert entry.fuzzy
    assert entry.previous_msgid.endswith("arrived in Kyiv on Thursday.")
    assert entry.msgstr == "Генеральний секретар НАТО **Марк Рютте** у четвер прибув до Києва."
    assert "% match from" in entry.tcomment


def test_no_tm_creates_no_memory(reviewed: tuple[Path, Path], model_files: dict[str, Path],
                                 tmp_path: Path, _isolate_memory: Path) -> None:
    article, out = reviewed
    assert main(["translate", str(article), "--to", "uk", "--out", str(out), "-q", "--no-tm",
                 "--model", str(model_files["en_uk"])]) == 0
    assert not _isolate_memory.exists()
    assert main(["translate", str(article), "--to", "uk", "--out", str(out), "-q", "--refresh",
                 "--model", str(model_files["en_uk"])]) == 0  # --refresh: not skipped as fresh
    assert _isolate_memory.exists()  # TRANSLATOR_TM, the default otherwise


def test_memory_match_that_breaks_the_glossary_is_flagged(
        tmp_path: Path, model_files: dict[str, Path]) -> None:
    from translator.memory import Memory, Unit

    memory = tmp_path / "tm.sqlite"
    with Memory(memory) as tm:
        tm.add("en", "uk", [Unit("Rutte arrived in Kyiv.", "Рютте прибув до Киева."),
                            Unit("Rutte left Kyiv.", "Рютте поїхав з Києва.")])
    story = tmp_path / "story.md"
    story.write_text("Rutte arrived in Kyiv. Rutte left Kyiv.\n", encoding="utf-8")
    options = _options(tmp_path / "locales", model_files, memory)
    options.glossary = REPO / "glossaries" / "ukraine-news.tsv"
    report = run([story], options)
    assert report.from_memory == 2
    entries = _active(tmp_path / "locales" / "uk" / "LC_MESSAGES" / "story.po")
    assert "match breaks the glossary: Kyiv" in entries["Rutte arrived in Kyiv."].tcomment
    assert "breaks" not in entries["Rutte left Kyiv."].tcomment


def test_foreign_memory_is_a_one_line_error_and_nothing_is_written(
        reviewed: tuple[Path, Path], model_files: dict[str, Path], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    article, out = reviewed
    foreign = tmp_path / "notes.sqlite"
    foreign.write_text("not a memory\n" * 500, encoding="utf-8")
    catalogue = out / "uk" / "LC_MESSAGES" / "rutte-kyiv.po"
    before = catalogue.read_bytes()
    article.write_text(article.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")
    assert main(["translate", str(article), "--to", "uk", "--out", str(out), "-q",
                 "--tm", str(foreign), "--model", str(model_files["en_uk"])]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{foreign}: not a translation memory" in err
    assert catalogue.read_bytes() == before


ADDED = "The visit had not been announced."


def _tallies(out: Path, article: Path, model_files: dict[str, Path], memory: Path | None
             ) -> tuple[Report, list[Tally]]:
    """One run, with every progress report it gave: the engine's count is the executor's."""
    seen: list[Tally] = []
    report = run([article], _options(out, model_files, memory), progress=seen.append)
    return report, seen


@pytest.mark.parametrize("memory", ["tm.sqlite", None])
def test_one_word_edit_sends_only_new_text_to_the_engine_and_a_fresh_one_is_a_key_away(
        reviewed: tuple[Path, Path], model_files: dict[str, Path], tmp_path: Path,
        argos_env: Path, memory: str | None) -> None:
    """Done-when of issue 13, end to end with the fixture model: the edited sentence gets its
    approved translation back (fuzzy, ``#| msgid``), the one new sentence is all the engine
    sees, and review's re-translate gives a fresh machine translation of the edited one."""
    from translator.review.app import create_app
    from translator.review.controller import ReviewController

    article, out = reviewed
    text = article.read_text(encoding="utf-8").replace(OLD, NEW)
    article.write_text(f"{text.rstrip()}\n\n{ADDED}\n", encoding="utf-8")
    report, seen = _tallies(out, article, model_files, memory and tmp_path / memory)
    assert seen[-1] == Tally(engine_done=1, engine_total=1, memory=0, carried=1)
    assert seen[0] == Tally(engine_done=0, engine_total=1, memory=0, carried=1)
    assert report.segments == 1 and report.carried == 1
    catalogue = out / "uk" / "LC_MESSAGES" / "rutte-kyiv.po"
    entries = _active(catalogue)
    approved = _active(REFERENCE)[OLD].msgstr
    assert entries[NEW].fuzzy and entries[NEW].previous_msgid == OLD
    assert entries[NEW].msgstr == approved
    assert entries[ADDED].fuzzy and entries[ADDED].msgstr  # the engine's
    assert sum(1 for e in entries.values() if e.fuzzy) == 2  # nothing else was touched
    subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(catalogue)], check=True)

    controller = ReviewController(create_app(catalogue).session)
    [entry] = [e for e in controller.session.entries if e.msgid == NEW]
    outcome = controller.machine(entry, "retranslate")
    assert outcome.error is None and outcome.texts
    fresh = controller.retranslated_forms(entry, outcome.texts)
    assert fresh != (approved,)
    assert controller.apply_machine(entry, fresh)
    assert controller.session.undo() is entry and entry.current.forms == (approved,)


@pytest.mark.parametrize("memory", ["tm.sqlite", None])
def test_reverted_edit_gets_its_approval_back_from_the_catalogue(
        reviewed: tuple[Path, Path], model_files: dict[str, Path], tmp_path: Path,
        memory: str | None) -> None:
    """A correction reverted (the source back to the approved version) revives the approved
    entry, approved, from the ``#~`` entry carry-over kept — with ``--no-tm`` too: the
    catalogue itself holds the approval. (msgmerge uses the old entry up and gives the
    reverted source its translation back only as fuzzy.)"""
    article, out = reviewed
    original = article.read_text(encoding="utf-8")
    article.write_text(original.replace(OLD, NEW), encoding="utf-8")
    tm = memory and tmp_path / memory
    run([article], _options(out, model_files, tm))
    article.write_text(original, encoding="utf-8")
    report, seen = _tallies(out, article, model_files, tm)
    assert seen == [Tally(engine_done=0, engine_total=0, memory=0, carried=0)]
    assert report.segments == 0 and report.carried == 0 and report.from_memory == 0
    catalogue = out / "uk" / "LC_MESSAGES" / "rutte-kyiv.po"
    reference = _active(REFERENCE)
    entries = _active(catalogue)
    assert entries.keys() == reference.keys()
    for msgid, entry in reference.items():
        assert (entries[msgid].msgstr, entries[msgid].fuzzy) == (entry.msgstr, False), msgid
    assert entries[OLD].previous_msgid is None
    [gone] = [e for e in polib.pofile(str(catalogue)) if e.obsolete]
    assert gone.msgid == NEW and gone.fuzzy  # the unreviewed carry-over, kept as msgmerge would
    subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(catalogue)], check=True)


def test_summary_names_engine_memory_and_carry_over(
        reviewed: tuple[Path, Path], model_files: dict[str, Path], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    article, out = reviewed
    memory = tmp_path / "tm.sqlite"
    run([article], _options(out, model_files, memory))  # the memory learns the article
    text = article.read_text(encoding="utf-8").replace(OLD, NEW)
    article.write_text(f"{text.rstrip()}\n\n{ADDED}\n", encoding="utf-8")
    second = tmp_path / "second.md"
    second.write_text("He met President Volodymyr Zelenskyy in Kyiv.\n", encoding="utf-8")
    assert main(["translate", str(article), str(second), "--to", "uk", "--out", str(out),
                 "--tm", str(memory), "--model", str(model_files["en_uk"])]) == 0
    summary = capsys.readouterr().err.strip().splitlines()[-1]
    assert summary.startswith("2 document(s), 3 segment(s) translated into 1 language(s) in ")
    assert " s: 1 by the engine (" in summary
    assert "segments/s), 1 from the translation memory, 1 carried over from a changed " \
           "source; " in summary
    assert main(["translate", str(second), "--to", "uk", "--out", str(out), "--no-tm",
                 "--refresh", "--model", str(model_files["en_uk"])]) == 0
    assert "no translation memory (--no-tm)" in capsys.readouterr().err


def test_progress_line_on_a_terminal_counts_memory_and_carry_over(
        reviewed: tuple[Path, Path], model_files: dict[str, Path], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """With standard error a terminal, rich draws the bar there with the three counts."""

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    article, out = reviewed
    article.write_text(article.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setenv("COLUMNS", "160")
    assert main(["translate", str(article), "--to", "uk", "--out", str(out), "--no-tm",
                 "--model", str(model_files["en_uk"])]) == 0
    drawn = terminal.getvalue()
    assert "\x1b[?25l" in drawn  # a live line: rich hid the cursor to redraw it
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", drawn)
    assert "Translating" in plain
    assert "0/0 by the engine · 0 from the memory · 1 carried over" in plain
