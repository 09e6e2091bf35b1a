"""Documents become segments with stable ids, and render back with the same structure."""

from __future__ import annotations

from pathlib import Path

import pytest

from translator.documents import parse_document, parse_text, render
from translator.errors import InputError

EXAMPLE = Path(__file__).parent.parent / "examples" / "rutte-kyiv.md"

ARTICLE = """\
---
title: Rutte in Kyiv
---
# Rutte visits *Kyiv*

NATO Secretary-General Mark Rutte arrived in Kyiv. He met **Volodymyr
Zelenskyy.** It was his first visit.

> "We need long-range weapons," Zelenskyy said. Rutte
> agreed.

- Drones for Ukraine. Air defence.
  1. Glide bombs
- [Ramstein](https://example.org) meeting

| Weapon | Number |
|:-------|-------:|
| Drones | 1,300 |

```python
print("not translated")
```

<div>not translated</div>

[ref]: https://nato.int
Setext heading
--------------
"""


def identity(document):  # type: ignore[no-untyped-def]
    return {segment.id: segment.text for segment in document.segments}


def test_segments_ids_kinds_and_lines() -> None:
    document = parse_text(ARTICLE, "markdown")
    assert [(s.id, s.kind, s.line, s.text) for s in document.segments] == [
        ("h1.1", "heading", 4, "Rutte visits *Kyiv*"),
        ("p1.1", "paragraph", 6, "NATO Secretary-General Mark Rutte arrived in Kyiv."),
        ("p1.2", "paragraph", 6, "He met **Volodymyr\nZelenskyy.**"),
        ("p1.3", "paragraph", 7, "It was his first visit."),
        ("q1.1", "quote", 9, '"We need long-range weapons," Zelenskyy said.'),
        ("q1.2", "quote", 9, "Rutte\nagreed."),
        ("li1.1", "item", 12, "Drones for Ukraine."),
        ("li1.2", "item", 12, "Air defence."),
        ("li2.1", "item", 13, "Glide bombs"),
        ("li3.1", "item", 14, "[Ramstein](https://example.org) meeting"),
        ("td1.1.1", "cell", 16, "Weapon"),
        ("td1.1.2", "cell", 16, "Number"),
        ("td1.2.1", "cell", 18, "Drones"),
        ("td1.2.2", "cell", 18, "1,300"),
        ("h2.1", "heading", 27, "Setext heading"),
    ]
    assert render(document, identity(document)) == ARTICLE


def test_ids_are_stable_when_other_kinds_of_blocks_are_added() -> None:
    before = parse_text("# Title\n\nOne. Two.\n", "markdown")
    after = parse_text("# Title\n\n## New section\n\nOne. Two.\n", "markdown")
    assert [s.id for s in before.segments if s.kind == "paragraph"] == [
        s.id for s in after.segments if s.kind == "paragraph"] == ["p1.1", "p1.2"]


def test_translations_get_the_container_prefixes_back() -> None:
    document = parse_text("> First line\n> second line.\n>\n> Next.\n", "markdown")
    translated = render(document, {"q1.1": "Перший рядок\nдругий рядок.", "q2.1": "Далі."})
    assert translated == "> Перший рядок\n> другий рядок.\n>\n> Далі.\n"


def test_missing_or_blank_translations_keep_the_source() -> None:
    document = parse_text("One. Two.\n", "markdown")
    assert render(document, {"p1.1": "Один.", "p1.2": "  "}) == "Один. Two.\n"


@pytest.mark.parametrize(
    ("source", "translation", "expected"),
    [
        ("Plain text.\n", "# not a heading", "\\# not a heading\n"),
        ("Plain text.\n", "1. not a list", "1\\. not a list\n"),
        ("Plain text.\n", "- not a list", "\\- not a list\n"),
        ("Plain text.\n", "> not a quote", "\\> not a quote\n"),
        ("Two\nlines.\n", "a\n===", "a\n\\===\n"),  # no setext heading either
        ("Plain text.\n", "a\n\nb", "a b\n"),  # no new paragraph
        ("- item\n", "```code", "- \\```code\n"),
        ("| a |\n|---|\n| b |\n", "x | y", "| x \\| y |\n|---|\n| b |\n"),
        ("# Title\n", "Заголовок #", "# Заголовок \\#\n"),
        ("# Title\n", "два\nрядки", "# два рядки\n"),
    ],
)
def test_translations_cannot_change_the_structure(
    source: str, translation: str, expected: str
) -> None:
    document = parse_text(source, "markdown")
    first = document.segments[0].id
    assert render(document, {first: translation}) == expected


def test_sentences_are_not_cut_inside_markup() -> None:
    document = parse_text("*Reuters.* Kyiv burns. `a. B` and [x. Y](u) stay.\n", "markdown")
    assert [s.text for s in document.segments] == [
        "*Reuters.*", "Kyiv burns.", "`a. B` and [x. Y](u) stay."]


@pytest.mark.parametrize(
    "text",
    [
        "# T\r\n\r\nLine one\r\nline two.\r\n",
        "No final newline. Really",
        "\ufeff# With a BOM\n\nText.\n",
        "Tabs\tinside.  \nTrailing spaces and a hard break.   \n\n\n",
        "- a\n\n  b\n\n      code\n- c\n",
        ">>> deep\n> > quote\nlazy\n",
        "mixed\r\nline\rendings\n",
    ],
)
def test_render_of_the_source_is_byte_for_byte(text: str) -> None:
    document = parse_text(text, "markdown")
    assert document.segments
    assert render(document, identity(document)) == text


def test_escaped_pipes_outside_tables_are_ordinary_text() -> None:
    document = parse_text("Either a \\| b. Or c.\n", "markdown")
    assert " ".join(s.text for s in document.segments) == "Either a \\| b. Or c."


def test_crlf_documents_give_lf_segments_and_stay_crlf() -> None:
    document = parse_text("> one\r\n> two\r\n", "markdown")
    assert document.segments[0].text == "one\ntwo"
    assert render(document, {"q1.1": "один\nдва"}) == "> один\r\n> два\r\n"


def test_plain_text_paragraphs_and_sentences() -> None:
    text = "  First paragraph. Second\n  sentence.\n\n\nNext one.\n"
    document = parse_text(text, "text")
    assert [(s.id, s.kind, s.line, s.text) for s in document.segments] == [
        ("p1.1", "text", 1, "First paragraph."),
        ("p1.2", "text", 1, "Second\nsentence."),
        ("p2.1", "text", 5, "Next one."),
    ]
    assert render(document, identity(document)) == text
    assert render(document, {"p1.2": "Друге\nречення"}) == (
        "  First paragraph. Друге\n  речення\n\n\nNext one.\n")


def test_the_example_article_round_trips() -> None:
    document = parse_document(EXAMPLE)
    assert document.format == "markdown"
    assert len(document.segments) > 30
    assert render(document, identity(document)) == EXAMPLE.read_text(encoding="utf-8")


def test_format_follows_the_file_suffix(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("# Not a heading.\n", encoding="utf-8")
    (tmp_path / "b.MD").write_text("# A heading\n", encoding="utf-8")
    assert parse_document(tmp_path / "a.txt").segments[0].kind == "text"
    assert parse_document(tmp_path / "b.MD").segments[0].kind == "heading"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Kyiv \xd0\x9a\xff more", ":1: not valid UTF-8 at byte 7"),
        (b"Kyiv\nKharkiv \xff", ":2: not valid UTF-8 at byte 13"),
        (b"", ": empty document"),
        (b" \n\t\r\n", ": empty document"),
    ],
)
def test_unusable_files_are_input_errors(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "news.md"
    path.write_bytes(content)
    with pytest.raises(InputError) as raised:
        parse_document(path)
    assert str(raised.value) == f"{path}{message}"


def test_unreadable_files_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="missing.md: cannot read: No such file"):
        parse_document(tmp_path / "missing.md")
    with pytest.raises(InputError, match="cannot read"):
        parse_document(tmp_path)
