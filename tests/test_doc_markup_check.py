"""The ``markup`` check on catalogues of HTML pages and Word documents (issue 14).

Catalogues come from a real ``translate`` of the fixtures; faults are planted in them the way
an engine or a hurried reviewer makes them, and ``translator check`` must find each one, on
its entry, with its span, and nothing on the identity catalogue.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from translator.cli import main
from translator.qa.run import check_catalogues, forms_problems, select_checks, settings_of


def _entry(po: polib.POFile, segment: str) -> polib.POEntry:
    found = [e for e in po if f"segment: {segment}" in (e.comment or "").splitlines()]
    assert len(found) == 1, segment
    return found[0]


def _check_json(capsys: pytest.CaptureFixture[str], path: Path) -> list[dict[str, object]]:
    code = main(["check", str(path), "--format", "json"])
    out, _ = capsys.readouterr()
    findings: list[dict[str, object]] = json.loads(out)["findings"]
    assert code == (1 if any(f["severity"] == "error" for f in findings) else 0)
    return findings


def _markup(findings: list[dict[str, object]]) -> set[tuple[object, ...]]:
    return {(f["line"], f["message"], tuple(f["span"])) for f in findings  # type: ignore[arg-type]
            if f["check"] in ("markup", "tags")}


def _without(*tags: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        for tag in tags:
            assert tag in text
            text = text.replace(tag, "", 1)
        return text
    return edit


def _replace(old: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert old in text
        return text.replace(old, new, 1)
    return edit


# (catalogue, segment, what must be in the translation, the fault, message, highlighted text)
FAULTS = [
    ("article.po", "p2.1", "<strong>", _without("<strong>", "</strong>"),
     "bold <strong> lost", None),
    ("article.po", "p6.1", '<a href="https://www.nato.int/">',
     _without('<a href="https://www.nato.int/">', "</a>"),
     "link to https://www.nato.int/ lost", None),
    ("article.po", "p3.2", "https://www.ramstein.af.mil/",
     _replace("https://www.ramstein.af.mil/", "https://ramstein.example/"),
     "link target changed: https://www.ramstein.af.mil/ → https://ramstein.example/",
     '<a href="https://ramstein.example/"\n    target="_blank">'),
    ("article.po", "p6.2", "<code>nato --help</code>",
     _replace("<code>nato --help</code>", "<code>нато --допомога</code>"),
     "code changed: <code>nato --help</code> → <code>нато --допомога</code>",
     "<code>нато --допомога</code>"),
    ("report.po", "p1.1", "<b>", _without("<b>", "</b>"), "bold <b> lost", None),
    ("report.po", "p1.1", "<i>", _replace("</i>", "</i> <u>!</u>"),
     "underline <u> is not in the source", "<u>"),
    ("report.po", "p3.1", "https://www.ramstein.af.mil/",
     _replace("https://www.ramstein.af.mil/", "https://ramstein.example/"),
     "link target changed: https://www.ramstein.af.mil/ → https://ramstein.example/",
     '<a href="https://ramstein.example/">'),
    ("report.po", "fn1.1", "<x1/>", _without("<x1/>"),
     "Word field, note reference or object <x1/> lost", None),
    ("report.po", "p4.1", '<ins id="1">', _without('<ins id="1">', "</ins>"),
     'inserted text <ins id="1"> lost', None),
]


@pytest.mark.parametrize(("name", "segment", "needed", "fault", "message", "highlighted"),
                         FAULTS, ids=[f"{f[0]}:{f[1]}:{f[4][:30]}" for f in FAULTS])
def test_a_planted_fault_is_found_on_its_entry(
        translated_documents: dict[str, Path], tmp_path: Path,
        capsys: pytest.CaptureFixture[str], name: str, segment: str, needed: str,
        fault: Callable[[str], str], message: str, highlighted: str | None) -> None:
    path = tmp_path / name
    shutil.copy(translated_documents[name], path)
    before = _markup(_check_json(capsys, path))
    po = polib.pofile(str(path))
    entry = _entry(po, segment)
    # the machine's translation, or the source where the machine lost this markup already
    base = entry.msgstr if needed in entry.msgstr else entry.msgid
    entry.msgstr = fault(base)
    po.save()
    findings = _check_json(capsys, path)
    line = _entry(polib.pofile(str(path)), segment).linenum
    new = [f for f in findings if f["check"] in ("markup", "tags")
           and (f["line"], f["message"], tuple(f["span"])) not in before]  # type: ignore[arg-type]
    assert [(f["line"], f["check"], f["message"]) for f in new] == [(line, "markup", message)]
    assert new[0]["severity"] == "error"
    start, end = new[0]["span"]  # type: ignore[misc]
    if highlighted is None:  # something missing: the whole translation
        assert (start, end) == (0, len(entry.msgstr))
    else:
        assert entry.msgstr[start:end] == highlighted


@pytest.mark.parametrize("name", ["article.po", "report.po"])
def test_identity_catalogue_has_no_markup_finding(translated_documents: dict[str, Path],
                                                   tmp_path: Path, name: str) -> None:
    po = polib.pofile(str(translated_documents[name]))
    for entry in po:
        entry.msgstr = entry.msgid
    path = tmp_path / name
    po.save(str(path))
    report = check_catalogues([path], select_checks(["markup", "tags"]))
    assert report.entries > 15 and report.findings == []


def test_document_tags_are_found_once_and_entities_are_characters(tmp_path: Path) -> None:
    po = polib.POFile()
    po.metadata = {"Language": "uk", "X-Source-File": "../../../page.html",
                   "Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="Kyiv &mdash; <b>Kharkiv</b>", msgstr="Київ — Харків"))
    po.append(polib.POEntry(msgid="A &amp; <i>B</i>", msgstr="А &amp; <i>Б</i>"))
    path = tmp_path / "page.po"
    po.save(str(path))
    report = check_catalogues([path], select_checks())
    assert [(f.check, f.message) for f in report.findings] == [("markup", "bold <b> lost")]


def test_review_screen_model_gets_the_same_findings(translated_documents: dict[str, Path]) -> None:
    po = polib.pofile(str(translated_documents["report.po"]))
    entries = [(e.msgid, e.msgid_plural, [e.msgstr]) for e in po]
    settings = settings_of(po.metadata, entries)
    entry = _entry(po, "p3.1")
    found = forms_problems(entry.msgid, "", [entry.msgstr.replace("ramstein.af.mil", "x.org")],
                           entry.flags, "", settings, select_checks(["markup"]))
    assert [(c.id, p.message) for c, p in found] == [
        ("markup", "link target changed: https://www.ramstein.af.mil/ → https://www.x.org/")]
