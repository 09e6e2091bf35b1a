"""The PO layout layer: blocks, string wrapping, surgical rewrites."""

from __future__ import annotations

from pathlib import Path

import pytest

from translator.catalogue import layout
from translator.catalogue.layout import WrapStyle

from .conftest import SAMPLE, eval_params

NO_WRAP = WrapStyle("gettext", 0)
GETTEXT = WrapStyle("gettext", 79)


@pytest.mark.parametrize("path", [pytest.param(SAMPLE, id="sample"), *eval_params()])
def test_blocks_join_back_to_the_file(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    blocks, tail = layout.split_blocks(text)
    assert "".join(line for block in blocks for line in block.lines) + "".join(tail) == text


def test_blocks_keep_obsolete_previous_lines_with_their_entry() -> None:
    text = 'msgid "a"\nmsgstr "b"\n\n#~| msgid "old"\n#~ msgid "c"\n#~ msgstr "d"\n# trailing\n'
    blocks, tail = layout.split_blocks(text)
    assert [b.field("msgid") for b in blocks] == ["a", "c"]
    assert blocks[1].lines[0] == '#~| msgid "old"\n'
    assert blocks[1].obsolete and not blocks[0].obsolete
    assert tail == ["# trailing\n"]


@pytest.mark.parametrize(
    ("value", "style", "expected"),
    [
        ("Київ", GETTEXT, ['msgstr "Київ"']),
        ("", GETTEXT, ['msgstr ""']),
        ("line\n", GETTEXT, ['msgstr "line\\n"']),
        ("one\ntwo\n", GETTEXT, ['msgstr ""', '"one\\n"', '"two\\n"']),
        ('say "hi"\t', GETTEXT, ['msgstr "say \\"hi\\"\\t"']),
        (
            "Генеральний секретар НАТО Марк Рютте прибув до Києва з неоголошеним візитом"
            " у вівторок",
            GETTEXT,
            [
                'msgstr ""',
                '"Генеральний секретар НАТО Марк Рютте прибув до Києва з неоголошеним візитом "',
                '"у вівторок"',
            ],
        ),
        ("word " * 20, NO_WRAP, ['msgstr "' + "word " * 20 + '"']),
        ("a\nb", NO_WRAP, ['msgstr ""', '"a\\n"', '"b"']),
        ("x" * 100, GETTEXT, ['msgstr ""', '"' + "x" * 100 + '"']),
    ],
)
def test_format_field(value: str, style: WrapStyle, expected: list[str]) -> None:
    assert layout.format_field("msgstr", value, style) == expected


def test_gettext_style_reproduces_gettext_wrapping() -> None:
    # from geany.uk.po, wrapped by msgmerge at 79 columns
    original = [
        'msgstr ""',
        '"Не вдалося завантажити файл конфігурації для розширення «%s». Цей файл буде "',
        '"створено заново."',
    ]
    value = (
        "Не вдалося завантажити файл конфігурації для розширення «%s». "
        "Цей файл буде створено заново."
    )
    assert layout.format_field("msgstr", value, GETTEXT) == original


BLOCK = [
    "# translator's note\n",
    "#. segment: p1.1\n",
    "#: rutte.md:3\n",
    "#, fuzzy, c-format\n",
    '#| msgid "old"\n',
    'msgid "%d new"\n',
    'msgstr "%d старий"\n',
    "\n",
]


@pytest.mark.parametrize(
    ("flags", "flag_line"),
    [
        (None, "#, fuzzy, c-format\n"),
        (["c-format"], "#, c-format\n"),
        (["fuzzy", "c-format"], "#, fuzzy, c-format\n"),
        ([], None),
    ],
)
def test_rewrite_block_touches_only_flags_and_msgstr(
    flags: list[str] | None, flag_line: str | None
) -> None:
    lines = layout.rewrite_block(
        BLOCK, flags=flags, forms=["%d новий"], plural=False, style=GETTEXT, eol="\n"
    )
    expected = [line for line in BLOCK if not line.startswith("#,")]
    if flag_line is not None:
        expected.insert(3, flag_line)
    expected[expected.index('msgstr "%d старий"\n')] = 'msgstr "%d новий"\n'
    assert lines == expected


def test_rewrite_block_inserts_a_flags_line_before_previous_msgid() -> None:
    block = ["#: a.c:1\n", '#| msgid "x"\n', 'msgid "y"\n', 'msgstr ""\n']
    lines = layout.rewrite_block(
        block, flags=["fuzzy"], forms=["ігрек"], plural=False, style=GETTEXT, eol="\n"
    )
    assert lines == [
        "#: a.c:1\n",
        "#, fuzzy\n",
        '#| msgid "x"\n',
        'msgid "y"\n',
        'msgstr "ігрек"\n',
    ]


def test_rewrite_block_plural_and_crlf() -> None:
    block = [
        'msgid "%d day"\r\n',
        'msgid_plural "%d days"\r\n',
        'msgstr[0] ""\r\n',
        'msgstr[1] ""\r\n',
        "\r\n",
    ]
    lines = layout.rewrite_block(
        block,
        flags=None,
        forms=["%d день", "%d дні", "%d днів"],
        plural=True,
        style=GETTEXT,
        eol="\r\n",
    )
    assert lines[2:] == [
        'msgstr[0] "%d день"\r\n',
        'msgstr[1] "%d дні"\r\n',
        'msgstr[2] "%d днів"\r\n',
        "\r\n",
    ]


def test_detect_style_prefers_the_layout_that_reproduces_the_file() -> None:
    long = "слово " * 20
    no_wrap_sample = ([f'msgstr "{long}"'], (long,), False)
    assert layout.detect_style([no_wrap_sample]) == NO_WRAP
    assert layout.detect_style([]) == GETTEXT


def test_touch_revision_date() -> None:
    from datetime import datetime, timedelta, timezone

    when = datetime(2025, 6, 10, 9, 30, tzinfo=timezone(timedelta(hours=3)))
    lines = ['"PO-Revision-Date: 2020-01-01 00:00+0000\\n"\n', '"Language: uk\\n"\n']
    assert layout.touch_revision_date(lines, when) == [
        '"PO-Revision-Date: 2025-06-10 09:30+0300\\n"\n',
        lines[1],
    ]
