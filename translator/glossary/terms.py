"""Glossary data: one ``Term`` per source term and target language.

Plain frozen objects, so a glossary loaded from TSV, TBX or PO compares equal term by term
and can be shared between threads (checker, enforcer, review UI) without copying.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from translator.errors import GlossaryError

FLAGS = frozenset({"case", "dnt", "name"})
"""``case``: match the source case-sensitively and keep the target's capitalisation exactly;
``dnt``: do not translate, the term must appear verbatim; ``name``: a proper name."""


def primary_language(code: str) -> str:
    """``uk_UA`` / ``uk-UA`` / ``UK`` → ``uk``: catalogues carry regions, glossaries rarely do."""
    return code.replace("-", "_").split("_", 1)[0].strip().lower()


@dataclass(frozen=True, slots=True)
class Term:
    """A source term and how it must be rendered in one target language.

    ``translation`` is the preferred rendering, ``variants`` other accepted ones and
    ``forbidden`` renderings that must never appear (all in their dictionary form: checks
    and fixes inflect them). ``file``/``line`` point at the row (or TBX element, PO entry)
    the term came from, so every later message can name it.
    """

    source: str
    lang: str
    translation: str
    variants: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    flags: frozenset[str] = frozenset()
    note: str = ""
    file: str | None = field(default=None, compare=False)
    line: int | None = field(default=None, compare=False)
    extra: Mapping[str, str] = field(
        default_factory=lambda: MappingProxyType({}), compare=False, hash=False
    )

    @property
    def case_sensitive(self) -> bool:
        """True when the ``case`` flag is set."""
        return "case" in self.flags

    @property
    def dnt(self) -> bool:
        """True when the term must be kept verbatim (``dnt`` flag)."""
        return "dnt" in self.flags

    @property
    def is_name(self) -> bool:
        """True for proper names (``name`` flag): no English plural forms are generated."""
        return "name" in self.flags

    @property
    def renderings(self) -> tuple[str, ...]:
        """Every accepted rendering, the preferred one first."""
        return (self.translation, *self.variants)

    @property
    def where(self) -> str:
        """``file:line`` of the definition, for messages ('' when unknown)."""
        if self.file and self.line:
            return f"{self.file}:{self.line}"
        return self.file or ""


class Glossary:
    """An ordered collection of terms, possibly for several target languages; ``file`` is
    where it was loaded from (for messages).

    >>> g = Glossary([Term("Kyiv", "uk", "Київ"), Term("Kyiv", "pl", "Kijów")])
    >>> [t.translation for t in g.for_lang("uk_UA")]
    ['Київ']
    """

    def __init__(self, terms: Iterable[Term] = (), file: str | None = None) -> None:
        self.terms: tuple[Term, ...] = tuple(terms)
        self.file = file

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def __repr__(self) -> str:
        return f"Glossary({len(self.terms)} terms, languages={sorted(self.languages)})"

    def __add__(self, other: Glossary) -> Glossary:
        return Glossary((*self.terms, *other.terms), self.file if self.file == other.file else None)

    @property
    def languages(self) -> frozenset[str]:
        """The target languages present (primary subtags)."""
        return frozenset(primary_language(t.lang) for t in self.terms)

    def for_lang(self, lang: str) -> Glossary:
        """The terms for one target language; regions are ignored on both sides."""
        wanted = primary_language(lang)
        return Glossary((t for t in self.terms if primary_language(t.lang) == wanted), self.file)

    def require(self, lang: str) -> Glossary:
        """``for_lang(lang)``, or a GlossaryError naming the file when that is empty: a check
        against no terms would pass everything, an HTML page named ``.tbx`` included."""
        found = self.for_lang(lang)
        if not found:
            has = ", ".join(sorted(self.languages)) or "none"
            raise GlossaryError(f"no terms for language '{primary_language(lang)}' "
                                f"(languages in the glossary: {has})", file=self.file)
        return found
