"""What every QA check shares: the registry, the pair a check reads, what it reports.

A check is a small function registered with ``@check(id, severity)``; the first line of
its docstring is its title (``translator check --list-checks``), as in Translate Toolkit's
``checks.py``. Pair checks read one source/target pair (a plural form is a pair of its
own); entry checks read a whole PO entry (plural forms, translator comments).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]
Scope = Literal["pair", "entry"]

# Scripts written in Cyrillic: a Latin-only target there is prose left in English.
CYRILLIC_LANGUAGES = frozenset({"uk", "ru", "be", "bg", "sr", "mk", "kk", "ky", "tg", "mn"})
CYRILLIC = re.compile(r"[\u0400-\u04ff\u0500-\u052f]")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


@dataclass(frozen=True)
class Settings:
    """What a catalogue tells the checks: its language, accelerator, apostrophe, plurals."""

    lang: str = "uk"
    accelerator: str | None = None  # "_" (GTK), "&" (Qt/KDE) or None
    apostrophe: str | None = None  # the catalogue's apostrophe (ʼ ’ '), None: not known
    nplurals: int = 3
    plural: Callable[[int], int] | None = None
    markdown: bool = False  # msgids are Markdown segments of a document
    tagged: bool = False  # msgids are inline HTML: segments of an HTML page or Word document
    length_ratio: float = 1.0  # the catalogue's typical len(target) / len(source)
    word_ratio: float = 1.0  # the same in words

    @property
    def cyrillic(self) -> bool:
        return self.lang.split("_")[0].split("-")[0].lower() in CYRILLIC_LANGUAGES


@dataclass(frozen=True)
class Pair:
    """One source text and its translation, with what the entry says about them."""

    source: str
    target: str
    settings: Settings = field(default_factory=Settings)
    flags: frozenset[str] = frozenset()
    single: bool = False  # a plural form used for exactly one number ("one file")


@dataclass(frozen=True)
class Problem:
    """What is wrong, and where in the target (``[start, end)``, for highlighting)."""

    message: str
    start: int = 0
    end: int = 0
    form: int | None = None  # the plural form, for entry checks
    severity: Severity | None = None  # when this problem is milder or worse than the check's


@dataclass(frozen=True)
class Check:
    """A registered check: stable id, severity, scope and the function."""

    id: str
    severity: Severity
    scope: Scope
    function: Callable[..., Iterator[Problem]]

    @property
    def title(self) -> str:
        """The first line of the function's docstring."""
        return (self.function.__doc__ or self.id).strip().splitlines()[0]


REGISTRY: dict[str, Check] = {}


def check(id: str, severity: Severity, scope: Scope = "pair"
          ) -> Callable[[Callable[..., Iterator[Problem]]], Callable[..., Iterator[Problem]]]:
    """Register the decorated function as the check ``id``."""

    def register(function: Callable[..., Iterator[Problem]]) -> Callable[..., Iterator[Problem]]:
        if id in REGISTRY:
            raise ValueError(f"check id {id!r} registered twice")
        REGISTRY[id] = Check(id, severity, scope, function)
        return function

    return register


def whole(text: str) -> tuple[int, int]:
    """The span of all of ``text``: where a thing that is missing would have been."""
    return 0, len(text)
