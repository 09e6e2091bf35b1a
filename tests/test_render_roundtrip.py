"""Property: rendering never loses or moves a byte, and translations never change structure.

Documents are composed from every block the segmenter knows (headings, paragraphs with inline
markup, nested lists, quotes, tables, code, HTML, front matter, reference definitions) with
random line endings, trailing blanks and tabs; raw ``st.text()`` adds what no one thought of.
Translatable words come from ``WORDS`` and untranslatable ones from ``KEPT``, so coverage can
be counted.
"""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from translator.documents import Document, parse_text, render
from translator.documents.markdown import _parser

WORDS = ["alpha", "bravo", "kyiv", "rutte", "nato", "drones", "київ", "харків"]
KEPT = ["zzcode", "zzhtml", "zzmeta", "zzref"]
WORD = re.compile(r"\b(?:" + "|".join(WORDS) + r")\b")
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

word = st.sampled_from(WORDS)
markup = st.sampled_from([
    "*{}*", "**{}**", "_{}_", "`{}`", "[{}](https://zz.org/a_b)", '[{}](u "zz title")',
    "![{}](zz.png)", "{} <https://zz.org>", "{} 1,300", "{}\\*", "{} &amp;", "<b>{}</b>",
    "~~{}~~", "{}.", "{}?", '"{}."', "{} https://zz.org/x.", "[{}][zzref]", "{} \\| a_b",
])
inline_word = st.one_of(word, st.builds(str.format, markup, word))
blank = st.sampled_from(["", " ", "  ", "\t"])


@st.composite
def line(draw: st.DrawFn) -> str:
    """A line of inline Markdown; it starts with a plain word so it never opens a block."""
    rest = draw(st.lists(inline_word, max_size=6))
    return " ".join([draw(word), *rest])


@st.composite
def paragraph(draw: st.DrawFn, indent: str = "") -> list[str]:
    lines = draw(st.lists(line(), min_size=1, max_size=3))
    ends = draw(st.lists(st.sampled_from(["", "  ", "\\", " "]), min_size=len(lines),
                         max_size=len(lines)))
    ends[-1] = draw(blank)
    return [indent * (k > 0) + text + end
            for k, (text, end) in enumerate(zip(lines, ends, strict=True))]


@st.composite
def heading(draw: st.DrawFn) -> list[str]:
    if draw(st.booleans()):
        hashes = "#" * draw(st.integers(1, 6))
        closing = draw(st.sampled_from(["", " #", " " + hashes]))
        return [draw(st.sampled_from(["", " ", "   "])) + f"{hashes} {draw(line())}{closing}"]
    return [*draw(st.lists(line(), min_size=1, max_size=2)), draw(st.sampled_from(["===", "---"]))]


@st.composite
def listing(draw: st.DrawFn, depth: int = 0) -> list[str]:
    bullet = draw(st.sampled_from(["-", "*", "+", "1.", "2)"]))
    out: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        pad = " " * (len(bullet) + 1)
        first, *rest = draw(paragraph(indent=pad if draw(st.booleans()) else ""))
        out += [f"{bullet} {first}", *rest]
        if depth < 2 and draw(st.booleans()):
            out += [pad + text for text in draw(listing(depth + 1))]
    return out


@st.composite
def quote(draw: st.DrawFn, depth: int = 0) -> list[str]:
    body = draw(st.one_of(paragraph(), listing(), heading()) if depth else
                st.one_of(paragraph(), listing(), heading(), quote(depth + 1)))
    marker = draw(st.sampled_from([">", "> "]))
    return [(marker + text).rstrip(" ") if text or k == 0 else ">" for k, text in enumerate(body)]


@st.composite
def table(draw: st.DrawFn) -> list[str]:
    columns = draw(st.integers(1, 3))
    cell = st.one_of(line(), st.builds("{} \\| {}".format, word, word))

    def row() -> str:
        cells = draw(st.lists(cell, min_size=columns, max_size=columns))
        edge = draw(st.sampled_from(["|", ""])) if columns > 1 else "|"
        return edge + " " + " | ".join(cells) + " " + edge

    aligns = draw(st.lists(st.sampled_from(["---", ":--", "--:", ":-:"]), min_size=columns,
                           max_size=columns))
    return [row(), "|" + "|".join(aligns) + "|", *[row() for _ in range(draw(st.integers(0, 3)))]]


kept_block = st.sampled_from([
    ["```python", "zzcode = 1", "", "zzcode()", "```"], ["~~~", "zzcode", "~~~"],
    [" " * 16 + "zzcode indented"],  # code even when a list item above takes it in
    ["<div>", "zzhtml", "</div>"], ["<!-- zzhtml -->"],
    ["***"], ["- - -"], ["[zzref]: https://zz.org/ref"],
])
block = st.one_of(paragraph(), heading(), listing(), quote(), table(), kept_block)


@st.composite
def document(draw: st.DrawFn) -> str:
    lines: list[str] = ["---", "zzmeta: 1", "---", ""] if draw(st.booleans()) else []
    for part in draw(st.lists(block, min_size=1, max_size=6)):
        lines += [*part, *[draw(blank) for _ in range(draw(st.integers(1, 2)))]]
    newline = draw(st.sampled_from(["\n", "\r\n", "mixed"]))
    if newline == "mixed":
        pieces: list[str] = []
        for text in lines:
            # "\r" then an empty line's "\n" would read as one CRLF: the blank line is gone
            after_cr = not text and pieces and pieces[-1].endswith("\r")
            pieces.append(text + draw(st.sampled_from(["\r\n", "\r"] if after_cr else
                                                      ["\n", "\r\n", "\r"])))
        text = "".join(pieces)
    else:
        text = newline.join(lines) + newline
    return text if draw(st.booleans()) else text.rstrip("\r\n")


def structure(text: str) -> list[tuple[str, str]]:
    """The block skeleton a CommonMark renderer sees: token types and markers, no text."""
    return [(t.type, t.markup) for t in _parser().parse(text) if t.type != "inline"]


def same_texts(document: Document) -> dict[str, str]:
    return {segment.id: segment.text for segment in document.segments}


@SETTINGS
@given(document())
def test_rendering_the_sources_gives_the_document_back(text: str) -> None:
    document = parse_text(text, "markdown")
    assert render(document, same_texts(document)) == text
    assert all(s.text and s.text == s.text.strip() for s in document.segments)
    # Every translatable word is in exactly one segment; code, HTML, front matter in none.
    in_segments = Counter(w for s in document.segments for w in WORD.findall(s.text))
    assert in_segments == Counter(WORD.findall(text))
    assert not any(kept in s.text for s in document.segments for kept in KEPT[:3])


def swap(text: str) -> str:
    return "".join(c.swapcase() if c.isascii() and c.isalpha() else c for c in text)


@SETTINGS
@given(document())
def test_a_changed_translation_changes_exactly_its_segment(text: str) -> None:
    document = parse_text(text, "markdown")
    out = render(document, {s.id: swap(s.text) for s in document.segments})
    assert len(out) == len(text)
    changed = "".join(a for a, b in zip(text, out, strict=True) if a != b)
    expected = "".join(c for s in document.segments for c in s.text if swap(c) != c)
    assert changed == expected
    assert structure(out) == structure(text)


ATTACKS = ["# ", "1. ", "- ", "* ", "> ", "```", "~~~ ", "---", "===", "***", "|---|", "<div>",
           "<!-- ", "[zzref]: /u ", "    ", "\n\n", "| ", "\\", "#", "\n- ", "\n1) ", "\n===\n"]


@SETTINGS
@given(document(), st.lists(st.sampled_from(ATTACKS), min_size=1, max_size=3), st.randoms())
def test_hostile_translations_keep_the_structure(text: str, attacks: list[str], rnd) -> None:  # type: ignore[no-untyped-def]
    document = parse_text(text, "markdown")
    translations = {
        s.id: rnd.choice(attacks) + s.text + rnd.choice(["", *attacks]) + rnd.choice(["", "\\"])
        for s in document.segments
    }
    assert structure(render(document, translations)) == structure(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=80), st.sampled_from(["markdown", "text"]))
def test_any_text_round_trips(text: str, fmt: str) -> None:
    document = parse_text(text, fmt)
    assert render(document, same_texts(document)) == text
    assert all(s.text and s.text == s.text.strip() for s in document.segments)
    assert all(1 <= s.line <= text.count("\n") + text.count("\r") + 1 for s in document.segments)
