"""Plural-Forms labels: CLDR names for the standard rule, indices and examples otherwise."""

from __future__ import annotations

import pytest

from translator.review.plural import PluralForms, compile_expression

UK = ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
      "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);")
UK4 = ("nplurals=4; plural=n==1 ? 3 : n%10==1 && n%100!=11 ? 0 : "
       "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2;")


@pytest.mark.parametrize(
    ("header", "lang", "labels"),
    [
        (UK, "uk", ["one (1, 21, 31…)", "few (2, 3, 4…)", "many (0, 5, 6…)"]),
        (UK, "uk_UA", ["one (1, 21, 31…)", "few (2, 3, 4…)", "many (0, 5, 6…)"]),
        (UK4, "uk", ["[0] (21, 31, 41…)", "[1] (2, 3, 4…)", "[2] (0, 5, 6…)", "[3] (1)"]),
        (UK, None, ["[0] (1, 21, 31…)", "[1] (2, 3, 4…)", "[2] (0, 5, 6…)"]),
        ("nplurals=2; plural=(n != 1);", "de", ["one (1)", "other (0, 2, 3…)"]),
        ("nplurals=1; plural=0;", "ja", ["other (0, 1, 2…)"]),
        (None, None, ["[0] (1)", "[1] (0, 2, 3…)"]),
    ],
)
def test_labels(header: str | None, lang: str | None, labels: list[str]) -> None:
    assert [str(label) for label in PluralForms.parse(header, lang).labels] == labels


@pytest.mark.parametrize(
    ("expression", "values"),
    [
        ("n != 1", {0: 1, 1: 0, 2: 1}),
        ("n>1", {0: 0, 1: 0, 2: 1}),
        ("n==1 ? 0 : n==2 ? 1 : 2", {1: 0, 2: 1, 3: 2}),
        ("!(n%10)", {10: 1, 11: 0}),
    ],
)
def test_expressions(expression: str, values: dict[int, int]) -> None:
    function = compile_expression(expression)
    assert {n: function(n) for n in values} == values


def test_a_broken_expression_still_gives_labels() -> None:
    forms = PluralForms.parse("nplurals=3; plural=n ? ? 1;", "uk")
    assert forms.count == 3
    assert [label.name for label in forms.labels] == ["[0]", "[1]", "[2]"]
