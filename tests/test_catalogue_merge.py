"""Catalogue rules: plural forms, placeholders, reviewer-safe merging, malformed input."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from translator import catalogue as po
from translator.errors import CatalogueError, InputError, LanguageError


@pytest.mark.parametrize(
    ("code", "nplurals"),
    [("uk", 3), ("pl", 3), ("de", 2), ("en", 2), ("ja", 1), ("pt-BR", 2), ("pt_BR", 2)],
)
def test_language_plural_forms(code: str, nplurals: int) -> None:
    assert po.language(code).nplurals == nplurals
    assert po.language(code).plural_forms.startswith(f"nplurals={nplurals}; plural=")


@pytest.mark.parametrize("code", ["xx", "ukrainian", "", "u"])
def test_unknown_language(code: str) -> None:
    with pytest.raises(LanguageError, match="unknown language code"):
        po.language(code)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Deleted %d files in %s", ["%d", "%s"]),
        ("%(count)d items for %(name)s", ["%(count)d", "%(name)s"]),
        ("Hello {name}, {0} and {}", ["{name}", "{0}", "{}"]),
        ("100%% done, %1$s then %2$d", ["%1$s", "%2$d"]),
        ("%.2f MB of %5lu", ["%.2f", "%5lu"]),
        ("no placeholders here", []),
    ],
)
def test_placeholders(text: str, expected: list[str]) -> None:
    assert po.placeholders(text) == expected


def _units(*msgids: str) -> list[po.Unit]:
    return [
        po.Unit(msgid=m, occurrences=[("story.md", str(i + 1))], segment_ids=[f"p{i + 1}.1"])
        for i, m in enumerate(msgids)
    ]


def test_merge_new_catalogue_has_header_and_jobs() -> None:
    uk = po.language("uk")
    result = po.merge(_units("One.", "Two."), None, uk, source_lang="en")
    assert [j.entry.msgid for j in result.jobs] == ["One.", "Two."]
    meta = result.catalogue.metadata
    assert meta["Language"] == "uk"
    assert meta["Plural-Forms"].startswith("nplurals=3;")
    assert meta["Content-Type"] == "text/plain; charset=UTF-8"
    assert meta["X-Generator"].startswith("translator ")
    assert result.catalogue[0].occurrences == [("story.md", "1")]
    assert "segment: p1.1" in result.catalogue[0].comment


def _translated(units: list[po.Unit], texts: list[str]) -> polib.POFile:
    uk = po.language("uk")
    result = po.merge(units, None, uk, source_lang="en")
    for job, text in zip(result.jobs, texts, strict=True):
        po.set_machine_translation(job.entry, [text], uk)
    return result.catalogue


@pytest.mark.parametrize("refresh", [False, True])
def test_rerun_keeps_approved_and_edited_entries(refresh: bool) -> None:
    """Approved and edited entries are never touched; untouched machine output is redone
    only when asked (``--refresh``), so a plain re-run translates nothing twice."""
    uk = po.language("uk")
    units = _units("One.", "Two.", "Three.")
    catalogue = _translated(units, ["Один.", "Два.", "Три."])
    approved, edited = catalogue[0], catalogue[1]
    approved.flags.remove("fuzzy")
    approved.msgstr = "Один (схвалено)."
    edited.msgstr = "Два (виправлено)."  # still fuzzy, but a person changed it
    reread = polib.pofile(str(catalogue))
    result = po.merge(units, reread, uk, source_lang="en", refresh=refresh)
    assert [j.entry.msgid for j in result.jobs] == (["Three."] if refresh else [])
    assert result.kept == 2
    by_id = {e.msgid: e for e in result.catalogue}
    assert by_id["One."].msgstr == "Один (схвалено)." and not by_id["One."].fuzzy
    assert by_id["Two."].msgstr == "Два (виправлено)." and by_id["Two."].fuzzy
    assert by_id["Three."].msgstr == "Три."


def test_untranslated_entries_of_existing_catalogue_are_jobs() -> None:
    uk = po.language("uk")
    existing = po.merge(_units("One.", "Two."), None, uk, source_lang="en").catalogue
    existing[0].msgstr = "Один."
    result = po.merge(_units("One.", "Two."), existing, uk, source_lang="en")
    assert [j.entry.msgid for j in result.jobs] == ["Two."]
    assert result.kept == 1


def test_changed_source_makes_old_entry_obsolete_not_lost() -> None:
    uk = po.language("uk")
    catalogue = _translated(_units("Old sentence.", "Same."), ["Старе речення.", "Те саме."])
    catalogue[0].flags.remove("fuzzy")
    result = po.merge(
        _units("New sentence.", "Same."), polib.pofile(str(catalogue)), uk, source_lang="en"
    )
    assert [j.entry.msgid for j in result.jobs] == ["New sentence."]
    obsolete = [e for e in result.catalogue if e.obsolete]
    assert [(e.msgid, e.msgstr) for e in obsolete] == [("Old sentence.", "Старе речення.")]


def test_plural_entry_fills_every_form_and_keeps_placeholders() -> None:
    uk = po.language("uk")
    unit = po.Unit(msgid="%d file", msgid_plural="%d files", flags=["c-format"])
    result = po.merge([unit], None, uk, source_lang="en")
    entry = result.jobs[0].entry
    assert result.jobs[0].sources == ["%d file", "%d files"]
    po.set_machine_translation(entry, ["%d файл", "%d файлів"], uk)
    assert entry.msgstr_plural == {0: "%d файл", 1: "%d файлів", 2: "%d файлів"}
    assert entry.fuzzy and "c-format" in entry.flags


def test_plural_singular_without_number_uses_plural_form_for_form_zero() -> None:
    """uk form 0 covers 1, 21, 31…: it must keep %d, so a singular without it is not used."""
    uk = po.language("uk")
    entry = (
        po.merge([po.Unit(msgid="One file", msgid_plural="%d files")], None, uk, source_lang="en")
        .jobs[0]
        .entry
    )
    po.set_machine_translation(entry, ["Один файл", "%d файлів"], uk)
    assert entry.msgstr_plural[0] == "%d файлів"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext msgfmt not installed")
def test_saved_catalogue_passes_msgfmt(tmp_path: Path) -> None:
    uk = po.language("uk")
    units = _units("One.", "Two.") + [
        po.Unit(msgid="%d file", msgid_plural="%d files", flags=["c-format"], msgctxt="files")
    ]
    result = po.merge(units, None, uk, source_lang="en")
    for job, texts in zip(
        result.jobs, [["Один."], ["Два."], ["%d файл", "%d файлів"]], strict=True
    ):
        po.set_machine_translation(job.entry, texts, uk)
    path = po.catalogue_path(tmp_path, "uk", "story")
    po.save_catalogue(result.catalogue, path)
    assert path == tmp_path / "uk" / "LC_MESSAGES" / "story.po"
    check = subprocess.run(
        ["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
    assert [p.name for p in path.parent.iterdir()] == ["story.po"]  # no temp files left


def test_malformed_catalogue_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.po"
    path.write_text('msgid "one"\nmsgstr "один"\n\nmsgid "two"\nmsgstr "два\n', encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        po.read_catalogue(path)
    assert str(caught.value).startswith(f"{path}:5: ")


def test_invalid_utf8_catalogue_names_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "latin1.po"
    path.write_bytes(b'msgid ""\nmsgstr ""\n\nmsgid "caf\xe9"\nmsgstr ""\n')
    with pytest.raises(InputError, match=r"latin1\.po:4: not valid UTF-8 at byte 30"):
        po.read_catalogue(path)
