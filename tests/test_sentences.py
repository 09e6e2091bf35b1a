"""Sentence spans inside paragraphs: what the translator sees as one sentence."""

from __future__ import annotations

import pytest

from translator.documents.sentences import _segmenter, split_sentences

CASES = [
    ("Mr. Rutte arrived in Kyiv on Thursday. He met Volodymyr Zelenskyy.",
     ["Mr. Rutte arrived in Kyiv on Thursday.", "He met Volodymyr Zelenskyy."]),
    ("The U.S. sent more aid. Kyiv thanked Washington.",
     ["The U.S. sent more aid.", "Kyiv thanked Washington."]),
    ("NATO spent 3.5 billion dollars. The figure rose by 2.4 percent.",
     ["NATO spent 3.5 billion dollars.", "The figure rose by 2.4 percent."]),
    ("Allies sent drones, e.g. the Bayraktar, to the front. They helped.",
     ["Allies sent drones, e.g. the Bayraktar, to the front.", "They helped."]),
    ("I met Ms. Jones and Dr. Smith at 5 p.m. on Jan. 13. It rained.",
     ["I met Ms. Jones and Dr. Smith at 5 p.m. on Jan. 13.", "It rained."]),
    ('"It takes years," he told me. "The instability is bad."',
     ['"It takes years," he told me.', '"The instability is bad."']),
    ("“We will win,” he said. “The plan is ready.”",
     ["“We will win,” he said.", "“The plan is ready.”"]),
    ('Rutte called it "historic." Zelenskyy agreed.',
     ['Rutte called it "historic."', "Zelenskyy agreed."]),
    ("Is it ready? Yes! It is ready.", ["Is it ready?", "Yes!", "It is ready."]),
    ("Watch https://www.youtube.com/watch?v=WxsYTK8l_Gk now. Then read.",
     ["Watch https://www.youtube.com/watch?v=WxsYTK8l_Gk now.", "Then read."]),
    ("A soft\nline break inside. Then a second\nsentence.",
     ["A soft\nline break inside.", "Then a second\nsentence."]),
    ("Glide bombs hit Kharkiv", ["Glide bombs hit Kharkiv"]),
    ("  Leading and trailing space.  Two.  ", ["Leading and trailing space.", "Two."]),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:30] for c in CASES])
def test_english(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in split_sentences(text, "en")] == expected


UKRAINIAN = [
    ("Зустріч відбулася у м. Київ 5 жовтня. Далі говорили про «План перемоги» і т.д.",
     ["Зустріч відбулася у м. Київ 5 жовтня.", "Далі говорили про «План перемоги» і т.д."]),
    ("Рютте прибув до Києва. Він зустрівся із Зеленським!",
     ["Рютте прибув до Києва.", "Він зустрівся із Зеленським!"]),
]


@pytest.mark.parametrize("text,expected", UKRAINIAN, ids=["abbreviations", "plain"])
def test_ukrainian(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in split_sentences(text, "uk")] == expected


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_blank_has_no_sentences(text: str) -> None:
    assert split_sentences(text, "en") == []


def test_spans_cover_all_but_whitespace() -> None:
    """Between and around spans there is only whitespace: the renderer keeps it verbatim."""
    text = ' He said "no." \n She left...  Then? Yes. 3.5 km (approx.) away.  '
    spans = split_sentences(text, "en")
    cursor = 0
    for start, end in spans:
        assert start < end
        assert text[cursor:start].strip() == ""
        assert text[start:end] == text[start:end].strip()
        cursor = end
    assert text[cursor:].strip() == ""


def test_unknown_language_uses_english_rules() -> None:
    text = "Mr. Rutte came. He left."
    assert split_sentences(text, "xx") == split_sentences(text, "en") == [(0, 15), (16, 24)]


def test_segmenters_are_cached_per_rule_set() -> None:
    assert _segmenter("en") is _segmenter("en")
    assert _segmenter("de") is not _segmenter("en")


def test_cjk_full_stops_without_spaces() -> None:
    text = "我们赢了。计划准备好了。"
    assert [text[a:b] for a, b in split_sentences(text, "zh")] == ["我们赢了。", "计划准备好了。"]


def test_no_boundary_without_a_terminator() -> None:
    """pysbd cuts at "|" and shifts the spans after it; such a cut is undone."""
    text = "Either a \\| b. Or c."
    spans = split_sentences(text, "en")
    assert all(text[end - 1] in ".!?" for _, end in spans)
    assert "".join(text[a:b] for a, b in spans).replace(" ", "") == text.replace(" ", "")
