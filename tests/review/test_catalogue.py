"""Reading and saving catalogues: nothing the reviewer did not touch changes."""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from translator.errors import CatalogueError
from translator.review.model import Catalogue, ChangedOnDisk, Status, Translation

from .conftest import eval_params

MSGFMT = shutil.which("msgfmt")
needs_msgfmt = pytest.mark.skipif(MSGFMT is None, reason="msgfmt (GNU gettext) is not installed")


def msgfmt_check(path: Path) -> None:
    """``msgfmt -c`` accepts the file (skips when gettext is not installed)."""
    if MSGFMT is None:
        pytest.skip("msgfmt (GNU gettext) is not installed")
    result = subprocess.run(
        [MSGFMT, "-c", "-o", os.devnull, str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def changed_lines(before: str, after: str) -> list[str]:
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_sample_opens_with_statuses_ids_and_plural_labels(catalogue: Path) -> None:
    opened = Catalogue.open(catalogue)
    assert opened.lang == "uk"
    assert [e.label for e in opened.entries] == [
        "h1.1",
        "p1.1",
        "p1.2",
        "p2.1",
        "p2.2",
        "p3.1",
        "p3.2",
        "p4.1",
    ]
    statuses = [e.status for e in opened.entries]
    assert statuses.count(Status.UNTRANSLATED) == 1
    assert statuses.count(Status.FUZZY) == 5
    assert [label.name for label in opened.plural_forms.labels] == ["one", "few", "many"]
    plural = opened.entries[6]
    assert plural.plural and len(plural.current.forms) == 3 and plural.flags == ("c-format",)
    assert opened.find(("quote", "“We stand with Ukraine,” Rutte said.")) is opened.entries[5]
    assert opened.entries[7].previous_msgid == "The visit ended with a press conference."


def test_unchanged_catalogue_renders_byte_for_byte(catalogue: Path) -> None:
    assert Catalogue.open(catalogue).render() == catalogue.read_text(encoding="utf-8")


@needs_msgfmt
def test_save_changes_only_the_edited_entries(catalogue: Path) -> None:
    before = catalogue.read_text(encoding="utf-8")
    opened = Catalogue.open(catalogue)
    ramstein, victory, plural = opened.entries[3], opened.entries[4], opened.entries[6]
    ramstein.current = Translation(("Наступну зустріч союзників прийме авіабаза Рамштайн.",), False)
    victory.current = Translation(("План перемоги також був на порядку денному.",), True)
    plural.current = Translation(plural.current.forms, False)
    opened.save()

    po = polib.pofile(str(catalogue))
    assert po.find("Ramstein Air Base will host the next meeting of the allies.").msgstr.endswith(
        "авіабаза Рамштайн."
    )
    entry = po.find("The Victory Plan was also on the agenda.")
    assert entry.msgstr == "План перемоги також був на порядку денному." and entry.fuzzy
    entry = po.find("%d new air defence system was promised.")
    assert (
        entry.flags == ["c-format"]
        and entry.msgstr_plural[2] == "Було обіцяно %d нових систем ППО."
    )
    assert [e.msgid for e in po.obsolete_entries()] == ["Rutte is expected in Kyiv."]
    assert (
        po.find("Ramstein Air Base will host the next meeting of the allies.").tcomment
        == "Checked against the wire copy."
    )

    diff = changed_lines(before, catalogue.read_text(encoding="utf-8"))
    assert sorted(diff) == sorted(
        [
            '-"PO-Revision-Date: 2025-06-10 08:05+0300\\n"',
            diff[1],  # the new revision date
            '-msgstr "Наступну зустріч союзників прийме база Рамштайн."',
            '+msgstr "Наступну зустріч союзників прийме авіабаза Рамштайн."',
            "+#, fuzzy",
            '-msgstr ""',
            '+msgstr "План перемоги також був на порядку денному."',
            "-#, fuzzy, c-format",
            "+#, c-format",
        ]
    )
    assert diff[1].startswith('+"PO-Revision-Date: ')
    msgfmt_check(catalogue)


def test_saved_state_becomes_the_new_baseline(catalogue: Path) -> None:
    opened = Catalogue.open(catalogue)
    entry = opened.entries[1]
    entry.current = Translation(entry.current.forms, False)
    assert entry.dirty
    opened.save()
    assert not entry.dirty and not opened.dirty_entries
    assert Catalogue.open(catalogue).render() == catalogue.read_text(encoding="utf-8")


def test_changed_on_disk_is_detected_by_content(catalogue: Path) -> None:
    opened = Catalogue.open(catalogue)
    assert not opened.changed_on_disk()
    os.utime(catalogue, ns=(1, 1))  # touched, same bytes: not a change
    assert not opened.changed_on_disk()
    catalogue.write_text(
        catalogue.read_text(encoding="utf-8").replace("вранці", "зранку"), encoding="utf-8"
    )
    assert opened.changed_on_disk()
    opened.entries[0].current = Translation(("Інший заголовок",), False)
    with pytest.raises(ChangedOnDisk):
        opened.save()
    assert "Інший заголовок" not in catalogue.read_text(encoding="utf-8")


def test_merge_keeps_both_the_disk_change_and_ours(catalogue: Path) -> None:
    opened = Catalogue.open(catalogue)
    opened.entries[0].current = Translation(("Рютте у Києві",), False)
    catalogue.write_text(
        catalogue.read_text(encoding="utf-8").replace("вранці", "зранку"), encoding="utf-8"
    )
    fresh, report = opened.merged_with_disk()
    assert report.applied == 1 and not report.conflicts and not report.missing
    fresh.save()
    po = polib.pofile(str(catalogue))
    assert po.find("NATO Secretary General Mark Rutte visits Kyiv").msgstr == "Рютте у Києві"
    assert "зранку" in po.find("Mark Rutte arrived in Kyiv on Tuesday morning.").msgstr


def test_malformed_catalogue_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.po"
    path.write_text('msgid "a"\nmsgstr "b"\n\nthis is not PO\n', encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        Catalogue.open(path)
    assert caught.value.file == str(path) and caught.value.line == 4


@pytest.mark.parametrize("path", eval_params())
def test_eval_catalogue_round_trip_is_exact(path: Path) -> None:
    """Opened and saved without changes: identical bytes (polib itself would rewrap)."""
    assert Catalogue.open(path).render().encode("utf-8") == path.read_bytes()


@needs_msgfmt
@pytest.mark.parametrize("path", eval_params())
def test_eval_catalogue_saves_edits_and_keeps_everything_else(path: Path, tmp_path: Path) -> None:
    copy = tmp_path / path.name
    shutil.copyfile(path, copy)
    before_po = polib.pofile(str(copy))
    before = copy.read_text(encoding="utf-8")
    opened = Catalogue.open(copy)
    edited = {}
    fuzzy = [e for e in opened.entries if e.current.fuzzy and e.current.complete][:2]
    for entry in fuzzy:
        entry.current = Translation(entry.current.forms, False)
        edited[entry.key] = entry.current

    def touched(form: str) -> str:  # a visible edit that keeps placeholders and newlines
        return form.replace(" ", "  ", 1)

    plain = [
        e
        for e in opened.entries
        if not e.plural and not e.current.fuzzy and " " in e.current.forms[0]
    ]
    for entry in plain[5:7]:
        entry.current = Translation((touched(entry.current.forms[0]),), True)
        edited[entry.key] = entry.current
    plurals = [
        e
        for e in opened.entries
        if e.plural and e.current.complete and all(" " in f for f in e.current.forms)
    ]
    if plurals:
        entry = plurals[0]
        entry.current = Translation(
            tuple(touched(f) for f in entry.current.forms), entry.current.fuzzy
        )
        edited[entry.key] = entry.current
    opened.save()
    msgfmt_check(copy)

    after_po = polib.pofile(str(copy))
    assert len(after_po) == len(before_po)
    assert [e.msgid for e in after_po.obsolete_entries()] == [
        e.msgid for e in before_po.obsolete_entries()
    ]
    for old, new in zip(before_po, after_po, strict=True):
        assert (old.msgctxt, old.msgid, old.obsolete) == (new.msgctxt, new.msgid, new.obsolete)
        assert (old.comment, old.tcomment, old.occurrences, old.previous_msgid) == (
            new.comment,
            new.tcomment,
            new.occurrences,
            new.previous_msgid,
        )
        if (new.msgctxt, new.msgid) in edited and not new.obsolete:
            want = edited[(new.msgctxt, new.msgid)]
            forms = (
                tuple(new.msgstr_plural[i] for i in sorted(new.msgstr_plural))
                if new.msgid_plural
                else (new.msgstr,)
            )
            assert forms == want.forms and new.fuzzy == want.fuzzy
            assert [f for f in new.flags if f != "fuzzy"] == [f for f in old.flags if f != "fuzzy"]
        else:
            assert (old.msgstr, old.msgstr_plural, old.flags) == (
                new.msgstr,
                new.msgstr_plural,
                new.flags,
            )
    # the diff touches the edited entries and the revision date only
    after = copy.read_text(encoding="utf-8")
    removed = [line for line in changed_lines(before, after) if line.startswith("-")]
    assert len(removed) <= 1 + 12 * len(edited)


@pytest.mark.parametrize(
    ("content", "glossary_text", "error", "line"),
    [
        ('msgid "a"\nmsgstr "b"\n\nnot po\n', None, "CatalogueError", 4),
        ('msgid ""\nmsgstr "Language: uk\\n"\n', "term\tlang\n", "GlossaryError", 1),
        ('msgid "a"\nmsgstr "b"\n', "term\tlang\ttranslation\n", "UsageError", None),
    ],
)
def test_bad_files_are_reported_before_any_screen(
    tmp_path: Path, content: str, glossary_text: str | None, error: str, line: int | None
) -> None:
    from translator.errors import TranslatorError
    from translator.review.app import create_app

    catalogue = tmp_path / "messages.po"  # no language in the name either
    catalogue.write_text(content, encoding="utf-8")
    glossary = None
    if glossary_text is not None:
        glossary = tmp_path / "terms.tsv"
        glossary.write_text(glossary_text, encoding="utf-8")
    with pytest.raises(TranslatorError) as caught:
        create_app(catalogue, glossary)
    assert type(caught.value).__name__ == error and caught.value.line == line
