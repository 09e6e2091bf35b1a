"""Finding glossary terms in English source text."""

from __future__ import annotations

import random
import string
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translator.glossary.match import Matcher, normalise, source_names
from translator.glossary.terms import Glossary, Term


def term(source: str, *flags: str, lang: str = "uk") -> Term:
    return Term(source, lang, f"<{source}>", flags=frozenset(flags))


NEWS = [
    term("victory plan"), term("Volodymyr Zelenskyy", "name"), term("Zelenskyy", "name"),
    term("Secretary-General"), term("air raid sirens"), term("Iran", "name"),
    term("the Middle East", "name"), term("glide bomb"), term("drones"), term("NATO"),
    term("US", "case"), term("body"), term("Ramstein Air Base", "name"),
]


def found(text: str, terms: list[Term] = NEWS) -> list[str]:
    return [m.text for m in Matcher(Glossary(terms), "uk").find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zelenskyy's victory plans", ["Zelenskyy", "victory plans"]),
        ("Zelenskyy’s plan", ["Zelenskyy"]),
        ("THE VICTORY PLAN", ["VICTORY PLAN"]),
        ("the Secretary–General said", ["Secretary–General"]),
        ("the Secretary‑General said", ["Secretary‑General"]),
        ("the Secretary General said", ["Secretary General"]),
        ("an air-raid siren", ["air-raid siren"]),
        ("Glide bombs hit", ["Glide bombs"]),
        ("a drone", ["drone"]),
        ("bodies", ["bodies"]),
        ("President Volodymyr Zelenskyy said", ["Volodymyr Zelenskyy"]),
        ("in the Middle East", ["the Middle East"]),
        ("Middle East peace", ["Middle East"]),
        ("at Ramstein Air Base.", ["Ramstein Air Base"]),
        ("Iranian oil", []),
        ("a planet", []),
        ("androids", []),
        ("the US and us", ["US"]),
        ("victory\n   plan", ["victory\n   plan"]),
        ("anti-NATO protest", ["NATO"]),
    ],
)
def test_finds_terms_in_their_english_forms(text: str, expected: list[str]) -> None:
    assert found(text) == expected


def test_offsets_point_into_the_original_text() -> None:
    text = "İstanbul  talks: Zelenskyy’s  victory   plan."
    for match in Matcher(Glossary(NEWS), "uk").find(text):
        assert text[match.start : match.end] == match.text
    assert found(text) == ["Zelenskyy", "victory   plan"]


def test_only_terms_of_the_language() -> None:
    glossary = Glossary([term("Kyiv", lang="uk"), term("Kharkiv", lang="pl")])
    assert [m.term.lang for m in Matcher(glossary, "uk").find("Kyiv and Kharkiv")] == ["uk"]


def test_longest_match_wins_across_overlaps() -> None:
    terms = [term("air raid"), term("raid sirens"), term("air raid sirens")]
    assert found("air raid sirens sounded", terms) == ["air raid sirens"]
    assert found("air raid warnings", terms) == ["air raid"]


def test_source_names_skip_function_words_and_glossary_terms() -> None:
    text = "The governor Oleh Syniehubov said. Zelenskyy's aide met Syniehubov."
    matches = Matcher(Glossary(NEWS), "uk").find(text)
    names = [(n.text, n.initial) for n in source_names(text, matches)]
    assert names == [("Oleh Syniehubov", False), ("Syniehubov", False)]


@given(st.text(alphabet=string.ascii_letters + " -'’.,\n", max_size=60))
@settings(max_examples=200, deadline=None)
def test_matches_are_whole_words_of_the_original(text: str) -> None:
    for match in Matcher(Glossary(NEWS), "uk").find(text):
        assert text[match.start : match.end] == match.text
        assert match.start == 0 or not text[match.start - 1].isalnum()
        assert match.end == len(text) or not text[match.end].isalnum()


@given(st.text(alphabet="—–‑’‘ \u00a0abcAİ\u0301\u0308", max_size=40))
def test_normalise_keeps_a_map_to_original_offsets(text: str) -> None:
    normal, index = normalise(text)
    if index is None:
        assert len(normal) == len(text)
    else:
        assert len(index) == len(normal) and index == sorted(index)
        assert all(0 <= start < end <= len(text) for start, end in index)


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_a_source_in_another_unicode_form_matches(form: str) -> None:
    """Issue 10 §16 on the source side: a German source may come decomposed."""
    text = unicodedata.normalize(form, "Gespräch mit Herrn Müller in Kyiv.")
    m = Matcher(Glossary([Term("Müller", "uk", "Мюллер", flags=frozenset({"name"})),
                          Term("Kyiv", "uk", "Київ")]), "uk")
    assert [text[x.start : x.end] for x in m.find(text)] == [
        unicodedata.normalize(form, "Müller"), "Kyiv"]


def test_big_glossary_finds_exactly_the_planted_terms() -> None:
    """10,000 segments against 2,000 terms (speed is measured by hand, not asserted)."""
    rng = random.Random(4)
    letters = "bcdfghjklmnpqrstvwxz"

    def word() -> str:
        return "".join(rng.choice(letters) for _ in range(rng.randint(5, 9))) + "a"

    vocabulary = list(dict.fromkeys(word() for _ in range(6000)))
    term_words, filler = vocabulary[:3000], vocabulary[3000:]
    terms: list[Term] = []
    for i in range(2000):
        size = 1 + i % 3
        terms.append(Term(" ".join(term_words[(i * 3 + k) % 3000] for k in range(size)),
                          "uk", f"t{i}", flags=frozenset({"name"})))
    terms = list({t.source: t for t in terms}.values())
    matcher = Matcher(Glossary(terms), "uk")
    assert len(matcher) == len(terms) >= 1900
    for _ in range(10_000):
        pieces, expected, position = [], [], 0
        for _ in range(12):
            if rng.random() < 0.15:
                chosen = rng.choice(terms)
                surface = chosen.source.title() + rng.choice(["", "'s", "’s"])
                expected.append((position, position + len(chosen.source), chosen.source))
            else:
                surface = rng.choice(filler)
            pieces.append(surface)
            position += len(surface) + 1
        text = " ".join(pieces)
        got = [(m.start, m.end, m.term.source) for m in matcher.find(text)]
        assert got == expected, text
