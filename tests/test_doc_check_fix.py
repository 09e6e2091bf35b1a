"""``translator check --fix`` on catalogues of HTML pages and Word documents (issue 14).

A repaired term must come back inside the same tags, written as inline HTML: the Markdown
restore escaped ``*``, ``[`` and ``_`` with backslashes and left the tag on half a word
(«авіа<a …>базі</a>»). Catalogues are those a real ``translate`` of the fixtures wrote.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest

from translator.cli import main
from translator.qa.run import check_catalogues, select_checks

GLOSSARY = Path(__file__).parents[1] / "glossaries" / "ukraine-news.tsv"
# What a hurried translator leaves: the forbidden «базі Рамштайн», with text that Markdown
# would read as markup (it is plain text in HTML and Word).
WRONG = "Зустріч відбудеться на {open}базі{close} Рамштайн у Німеччині &amp; *Польщі* [1]_."
RIGHT = "Зустріч відбудеться на {open}авіабазі{close} Рамштайн у Німеччині &amp; *Польщі* [1]_."


def _entry(po: polib.POFile, segment: str) -> polib.POEntry:
    found = [e for e in po if f"segment: {segment}" in (e.comment or "").splitlines()]
    assert len(found) == 1, segment
    return found[0]


@pytest.mark.parametrize(("name", "segment", "tags"), [
    ("article.po", "p3.2", r"(<a [^>]*>)Ramstein Air Base(</a>)"),
    ("report.po", "p3.1", r"(<a [^>]*><u>)Ramstein Air Base(</u></a>)"),
])
def test_fix_keeps_the_tags_of_a_document_entry(
        translated_documents: dict[str, Path], tmp_path: Path,
        capsys: pytest.CaptureFixture[str], name: str, segment: str, tags: str) -> None:
    path = tmp_path / name
    shutil.copy(translated_documents[name], path)
    po = polib.pofile(str(path))
    entry = _entry(po, segment)
    found = re.search(tags, entry.msgid)
    assert found, entry.msgid
    opening, closing = found.groups()
    entry.msgstr = WRONG.format(open=opening, close=closing)
    entry.flags = [f for f in entry.flags if f != "fuzzy"]  # as if a reviewer approved it
    po.save()
    main(["check", str(path), "--glossary", str(GLOSSARY), "--fix"])
    out, _ = capsys.readouterr()
    assert "fixed:" in out and "Ramstein Air Base" in out
    fixed = _entry(polib.pofile(str(path)), segment)
    assert fixed.msgstr == RIGHT.format(open=opening, close=closing)
    assert "fuzzy" in fixed.flags and "glossary: Ramstein Air Base" in fixed.tcomment
    markup = check_catalogues([path], select_checks(["markup"])).findings
    assert [f for f in markup if f.line == fixed.linenum] == []


def test_fix_moves_markdown_onto_the_whole_repaired_word(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    po = polib.POFile()
    po.metadata = {"Language": "uk", "X-Source-File": "../../../story.md",
                   "Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="They met at **Ramstein Air Base**.",
                            msgstr="Вони зустрілися на **базі** Рамштайн."))
    path = tmp_path / "story.po"
    po.save(str(path))
    main(["check", str(path), "--glossary", str(GLOSSARY), "--fix"])
    capsys.readouterr()
    assert polib.pofile(str(path))[0].msgstr == "Вони зустрілися на **авіабазі** Рамштайн."
