"""The review's glossary check of a Markdown document's catalogue: plain text is checked,
problems point into the marked-up text."""

from __future__ import annotations

from pathlib import Path

import pytest

from translator.review.app import create_app

GLOSSARY = Path(__file__).parents[2] / "glossaries" / "ukraine-news.tsv"

HEADER = """msgid ""
msgstr ""
"Language: uk\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"X-Source-File: {source}\\n"

"""


def problems(tmp_path: Path, source: str, msgid: str, msgstr: str) -> list[tuple[str, str]]:
    path = tmp_path / "article.po"
    entry = f'msgid "{msgid}"\nmsgstr "{msgstr}"\n'
    path.write_text(HEADER.format(source=source) + entry, encoding="utf-8")
    session = create_app(path, GLOSSARY).session
    (entry,) = session.catalogue.entries
    found = session.checker.check(entry, entry.current)
    return [(p.kind, msgstr[p.start : p.end] if p.start is not None else "") for p in found
            if not p.note]  # glossary problems; QA findings are tests/review/test_qa_review.py


def test_a_link_inside_a_term_is_no_problem_in_a_markdown_catalogue(tmp_path: Path) -> None:
    assert problems(tmp_path, "article.md", "They met at Ramstein Air Base.",
                    "Вони зустрілися на [авіабазі](https://x.y) Рамштайн.") == []


def test_problems_point_into_the_marked_up_text(tmp_path: Path) -> None:
    assert problems(tmp_path, "article.md", "They met at **Ramstein Air Base**.",
                    "Вони зустрілися на **базі Рамштайн** у *Киеві*.") == [
        ("forbidden", "базі Рамштайн"), ("forbidden", "Киеві")]


@pytest.mark.parametrize("source", ["notes.txt", ""])
def test_other_catalogues_are_checked_as_written(tmp_path: Path, source: str) -> None:
    # outside Markdown, "[авіабазі](…)" is text: the term is not there as written
    assert problems(tmp_path, source, "They met at Ramstein Air Base.",
                    "Вони зустрілися на [авіабазі](https://x.y) Рамштайн.") == [("missing", "")]


def test_a_wrong_name_is_shown_where_it_stands(tmp_path: Path) -> None:
    path = tmp_path / "article.po"
    entry = 'msgid "He met **Zelenskyy**."\nmsgstr "Він зустрів **Порошенка**."\n'
    path.write_text(HEADER.format(source="article.md") + entry, encoding="utf-8")
    session = create_app(path, GLOSSARY).session
    (entry,) = session.catalogue.entries
    (problem,) = session.checker.check(entry, entry.current)
    assert entry.current.forms[0][problem.start : problem.end] == "Порошенка"
    assert problem.message == "«Zelenskyy» should be translated as «Зеленський», not «Порошенка»"
