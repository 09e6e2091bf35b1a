"""QA findings in the review: beside glossary problems, highlighted, counted, reachable."""

from __future__ import annotations

from pathlib import Path

from translator.review.app import create_app

GLOSSARY = Path(__file__).parents[2] / "glossaries" / "ukraine-news.tsv"
HEADER = """msgid ""
msgstr ""
"Language: uk\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
"n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"

"""


def write(tmp_path: Path, *entries: str) -> Path:
    path = tmp_path / "app.po"
    path.write_text(HEADER + "\n".join(entries), encoding="utf-8")
    return path


def test_qa_findings_are_problems_with_spans(tmp_path: Path) -> None:
    path = write(tmp_path, 'msgid "Kyiv is the capital, %s."\nmsgstr "Kиїв — столиця."\n')
    session = create_app(path, GLOSSARY).session
    (entry,) = session.catalogue.entries
    found = session.checker.check(entry, entry.current)
    target = entry.current.forms[0]
    by_kind = {p.kind: p for p in found}
    assert {"placeholders", "mixed-script"} <= set(by_kind)
    assert target[by_kind["mixed-script"].start:by_kind["mixed-script"].end] == "Kиїв"
    assert by_kind["placeholders"].message == "placeholders: missing placeholder %s"
    assert by_kind["mixed-script"].severity == "warning"


def test_qa_runs_without_a_glossary_and_counts_as_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path, 'msgid "_Open"\nmsgstr "Відкрити"\n',
                 'msgid "_Save"\nmsgstr "_Зберегти"\n', 'msgid "_Quit"\nmsgstr "_Вийти"\n',
                 'msgid "_Edit"\nmsgstr "_Зміни"\n')
    session = create_app(path).session
    for entry in session.catalogue.entries:
        session.check(entry)
    assert session.counts()["problem"] == 1
    (problem,) = session.catalogue.entries[0].problems or ()
    assert (problem.kind, problem.message) == ("accelerator", "accelerator: missing accelerator _")


def test_entry_flag_and_msgfmt_duplicates(tmp_path: Path) -> None:
    path = write(tmp_path, '#, c-format, ignore-end-punctuation\nmsgid "Name: %s"\n'
                 'msgstr "Назва %s."\n', '#, c-format\nmsgid "%d of %s"\nmsgstr "%d"\n')
    session = create_app(path).session
    first, second = session.catalogue.entries
    assert session.checker.check(first, first.current) == ()
    kinds = [p.kind for p in session.checker.check(second, second.current)]
    assert kinds == ["placeholder"]  # what msgfmt -c rejects, once, not twice
