"""Plural forms of a catalogue: how many, and a label for each that a reviewer understands.

The ``Plural-Forms`` header is a C expression; we evaluate it for small numbers to show
which counts each form covers, and use the CLDR names (one / few / many) when the
header is the standard rule for the language.

    >>> forms = PluralForms.parse("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
    ...     "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);", "uk")
    >>> [label.name for label in forms.labels]
    ['one', 'few', 'many']
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_HEADER = re.compile(r"nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+)")
_TOKENS = re.compile(r"\s*(\d+|n|&&|\|\||==|!=|<=|>=|[-+*/%<>!?:()])")

Expr = Callable[[int], int]


@dataclass(frozen=True)
class FormLabel:
    index: int
    name: str
    """CLDR category (``one``) or the index in brackets (``[0]``)."""
    examples: tuple[int, ...]

    def __str__(self) -> str:
        sample = ", ".join(str(n) for n in self.examples[:3])
        more = "…" if len(self.examples) > 3 else ""
        return f"{self.name} ({sample}{more})" if sample else self.name


@dataclass(frozen=True)
class PluralForms:
    count: int
    expression: str
    labels: tuple[FormLabel, ...]

    @classmethod
    def parse(cls, header: str | None, lang: str | None) -> PluralForms:
        """From the ``Plural-Forms`` header value; two forms (n != 1) when absent or broken."""
        match = _HEADER.search(header or "")
        count, source = (int(match.group(1)), match.group(2).strip()) if match else (2, "n != 1")
        try:
            evaluate = compile_expression(source)
        except ValueError:
            evaluate = None
        examples: list[list[int]] = [[] for _ in range(count)]
        if evaluate is not None:
            for n in range(1001):
                try:
                    index = int(evaluate(n))
                except ZeroDivisionError:
                    continue
                if 0 <= index < count and len(examples[index]) < 6:
                    examples[index].append(n)
        names = _cldr_names(source, count, lang)
        labels = tuple(
            FormLabel(i, names[i] if names else f"[{i}]", tuple(examples[i])) for i in range(count)
        )
        return cls(count, source, labels)


def _normalise(expression: str) -> str:
    text = re.sub(r"\s+", "", expression)
    while text.startswith("(") and text.endswith(")") and _balanced(text[1:-1]):
        text = text[1:-1]
    return text


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def _cldr_names(expression: str, count: int, lang: str | None) -> list[str] | None:
    """CLDR category names when the expression is translate-toolkit's rule for ``lang``."""
    if not lang:
        return None
    from translate.lang import data

    code = lang.replace("-", "_")
    info = data.languages.get(code) or data.languages.get(code.split("_")[0])
    tags = data.plural_tags.get(code) or data.plural_tags.get(code.split("_")[0])
    if not info or not tags or info[1] != count or len(tags) != count:
        return None
    if _normalise(info[2]) != _normalise(expression):
        return None
    return list(tags)


def compile_expression(source: str) -> Expr:
    """A function of n for a gettext plural expression (C syntax); ValueError if malformed."""
    tokens = _tokenise(source)
    position = 0

    def peek() -> str | None:
        return tokens[position] if position < len(tokens) else None

    def take(expected: str | None = None) -> str:
        nonlocal position
        token = peek()
        if token is None or (expected is not None and token != expected):
            raise ValueError(f"bad plural expression: {source!r}")
        position += 1
        return token

    binary: dict[str, tuple[int, Callable[[int, int], int]]] = {
        "||": (1, lambda a, b: int(bool(a) or bool(b))),
        "&&": (2, lambda a, b: int(bool(a) and bool(b))),
        "==": (3, lambda a, b: int(a == b)),
        "!=": (3, lambda a, b: int(a != b)),
        "<": (4, lambda a, b: int(a < b)),
        ">": (4, lambda a, b: int(a > b)),
        "<=": (4, lambda a, b: int(a <= b)),
        ">=": (4, lambda a, b: int(a >= b)),
        "+": (5, lambda a, b: a + b),
        "-": (5, lambda a, b: a - b),
        "*": (6, lambda a, b: a * b),
        "/": (6, lambda a, b: a // b),
        "%": (6, lambda a, b: a % b),
    }

    def primary() -> Expr:
        token = take()
        if token == "n":
            return lambda n: n
        if token.isdigit():
            value = int(token)
            return lambda n: value
        if token == "!":
            inner = primary()
            return lambda n: int(not inner(n))
        if token == "(":
            inner = ternary()
            take(")")
            return inner
        raise ValueError(f"bad plural expression: {source!r}")

    def operators(min_level: int) -> Expr:
        left = primary()
        while (token := peek()) in binary and binary[token][0] >= min_level:
            level, apply = binary[take()]
            right = operators(level + 1)
            left = _combine(left, right, apply)
        return left

    def ternary() -> Expr:
        condition = operators(1)
        if peek() != "?":
            return condition
        take("?")
        yes = ternary()
        take(":")
        no = ternary()
        return lambda n: yes(n) if condition(n) else no(n)

    expression = ternary()
    if peek() is not None:
        raise ValueError(f"bad plural expression: {source!r}")
    return expression


def _combine(left: Expr, right: Expr, apply: Callable[[int, int], int]) -> Expr:
    return lambda n: apply(left(n), right(n))


def _tokenise(source: str) -> list[str]:
    tokens: list[str] = []
    position = 0
    source = source.strip()
    while position < len(source):
        match = _TOKENS.match(source, position)
        if not match:
            raise ValueError(f"bad plural expression: {source!r}")
        tokens.append(match.group(1))
        position = match.end()
    return tokens
