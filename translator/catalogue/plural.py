"""Plural forms: the ``Plural-Forms`` header, target languages, and a label per form.

The header's expression is C; the standard library's :func:`gettext.c2py` (what
``gettext.GNUTranslations`` itself uses) evaluates it, so we never keep a compiler of our
own. Labels name each form the way a reviewer understands it: the CLDR category (one / few /
many) when the header is the standard rule for the language, else the index, with the
counts the form covers.

    >>> forms = PluralForms.parse("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
    ...     "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);", "uk")
    >>> [str(label) for label in forms.labels]
    ['one (1, 21, 31…)', 'few (2, 3, 4…)', 'many (0, 5, 6…)']
    >>> parse_plural_forms("nplurals=2; plural=(n != 1);")
    (2, '(n != 1)')
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from translator.errors import LanguageError

_HEADER = re.compile(r"nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+)")
DEFAULT = (2, "n != 1")
"""Germanic plurals, what gettext assumes when a catalogue has no Plural-Forms."""


def parse_plural_forms(header: str | None) -> tuple[int, str] | None:
    """``(nplurals, expression)`` of a ``Plural-Forms`` value; None when absent or malformed."""
    match = _HEADER.search(header or "")
    if not match:
        return None
    return int(match.group(1)), match.group(2).strip()


def plural_function(expression: str) -> Callable[[int], int]:
    """The form index for a count, from a C plural expression; ValueError if malformed.

    >>> [plural_function("n==1 ? 0 : n==2 ? 1 : 2")(n) for n in (1, 2, 5)]
    [0, 1, 2]
    """
    return gettext.c2py(expression)


@dataclass(frozen=True)
class Language:
    """A target language as gettext sees it."""

    code: str
    name: str
    nplurals: int
    plural: str

    @property
    def plural_forms(self) -> str:
        return f"nplurals={self.nplurals}; plural={self.plural};"

    def with_header(self, header: str | None) -> Language:
        """This language with a catalogue's own ``Plural-Forms`` (e.g. GNOME's 4-form uk),
        when it has one: a team's choice is kept, never replaced by ours."""
        parsed = parse_plural_forms(header)
        if parsed is None:
            return self
        return Language(self.code, self.name, *parsed)


def _language_data(code: str) -> tuple[str, int, str] | None:
    from translate.lang import data

    key = code.replace("-", "_")
    info: tuple[str, int, str] | None = data.languages.get(key) or data.languages.get(
        key.split("_")[0]
    )
    return info


@cache
def language(code: str) -> Language:
    """Look up a language code (``uk``, ``pt_BR``, ``pt-BR``); LanguageError if unknown.

    >>> language("pl").nplurals
    3
    """
    info = _language_data(code)
    if info is None:
        raise LanguageError(
            f"unknown language code {code!r} (use ISO 639 codes such as uk, pl, de)"
        )
    name, nplurals, plural = info
    return Language(code=code.replace("-", "_"), name=name, nplurals=nplurals, plural=plural)


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
        count, source = parse_plural_forms(header) or DEFAULT
        try:
            evaluate: Callable[[int], int] | None = plural_function(source)
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
    info = _language_data(code)
    tags = data.plural_tags.get(code) or data.plural_tags.get(code.split("_")[0])
    if not info or not tags or info[1] != count or len(tags) != count:
        return None
    if _normalise(info[2]) != _normalise(expression):
        return None
    return list(tags)
