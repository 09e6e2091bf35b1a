"""Markup is never dropped in silence: what the alignment cannot place is kept and noted.

Runs the real demo model; asserts what a reader of the rendered document would notice
(bold, italics, links and their targets, footnote markers, times), not model wording.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import polib
import pytest
from markdown_it import MarkdownIt

from translator.cli import main
from translator.inline import markup_of
from translator.service import MARKDOWN, Service, Settings

REPO = Path(__file__).resolve().parents[1]
ARTICLE = REPO / "examples" / "rutte-kyiv.md"


def inline_markup(document: str) -> tuple[Counter[str], Counter[str]]:
    """Emphasis/strong/link/code counts and link targets of a whole Markdown document."""
    kinds: Counter[str] = Counter()
    targets: Counter[str] = Counter()
    for block in MarkdownIt("commonmark").enable("table").parse(document):
        for token in block.children or []:
            if token.type.endswith("_open") or token.type == "code_inline":
                kinds[token.type] += 1
            if token.type == "link_open":
                targets[str(token.attrGet("href"))] += 1
    return kinds, targets


@pytest.fixture(scope="module")
def service(model_files: dict[str, Path]) -> Service:
    return Service(Settings(models=[model_files["en_uk"]]))


def test_readme_demo_keeps_every_bold_and_link(tmp_path: Path, model_files: dict[str, Path],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "locales"
    assert main(["translate", str(ARTICLE), "--to", "uk", "--model", str(model_files["en_uk"]),
                 "--out", str(out), "-q"]) == 0
    catalogue = out / "uk" / "LC_MESSAGES" / "rutte-kyiv.po"
    rendered = tmp_path / "uk.md"
    assert main(["render", str(catalogue), "--source", str(ARTICLE), "-o", str(rendered)]) == 0
    capsys.readouterr()
    source_kinds, source_targets = inline_markup(ARTICLE.read_text(encoding="utf-8"))
    kinds, targets = inline_markup(rendered.read_text(encoding="utf-8"))
    assert kinds == source_kinds
    assert targets == source_targets
    for entry in polib.pofile(str(catalogue)):  # and entry by entry, for review
        assert Counter(m.kind for m in markup_of(entry.msgstr)) == Counter(
            m.kind for m in markup_of(entry.msgid)), entry.msgid


def test_markup_the_alignment_cannot_place_is_kept_and_noted(tmp_path: Path,
                                                             model_files: dict[str, Path],
                                                             capsys: pytest.CaptureFixture[str]
                                                             ) -> None:
    article = tmp_path / "hard.md"
    article.write_text(
        "Rutte did *not* say it.\n\nThe plan is **very** important **now**.\n\n"
        "It was _the_ day, *or* it was `not`.\n", encoding="utf-8")
    out = tmp_path / "locales"
    assert main(["translate", str(article), "--to", "uk", "--model", str(model_files["en_uk"]),
                 "--out", str(out), "-q"]) == 0
    capsys.readouterr()
    entries = [e for e in polib.pofile(str(out / "uk" / "LC_MESSAGES" / "hard.po")) if e.msgid]
    noted = 0
    for entry in entries:
        assert Counter(m.kind for m in markup_of(entry.msgstr)) == Counter(
            m.kind for m in markup_of(entry.msgid)), entry.msgid
        notes = [line for line in entry.tcomment.splitlines() if line.startswith("markup:")]
        for note in notes:
            shown = note.removeprefix("markup: placed at edge: ")
            assert shown in entry.msgid  # names the source's markup exactly
        noted += bool(notes)
    assert noted  # function words the model drops cannot all be aligned


@pytest.mark.parametrize(("source", "kept"), [
    ("[^1]: The meeting was announced on Monday.", "[^1]: "),
    ("Rutte arrived at 14:05 on Thursday.", "14:05"),
    ("Rutte met Zelenskyy[^2] in Kyiv.", "[^2]"),
    ("Visit the ${prodname} website or run `ls -l` now.", "${prodname}"),
    ("Rutte meets {president} in Kyiv.", "{president}"),
])
def test_markdown_structural_pieces_keep_their_markers(service: Service, source: str,
                                                       kept: str) -> None:
    text = service.translate([(MARKDOWN, source)], "en", "uk")[MARKDOWN, source].text
    assert kept in text
    if kept == "[^1]: ":
        assert text.startswith(kept)
    assert "\\[" not in text  # never escaped into plain brackets
