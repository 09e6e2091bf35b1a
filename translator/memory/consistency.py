"""Consistency across documents: one source approved with different translations.

The editor's question over today's catalogues: where did two reviewers approve the same
sentence (same source and context) two ways? Each finding names both origins, so either
can be corrected; the memory would otherwise offer both as equally good.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Place:
    file: str
    line: int
    translation: str


@dataclass(frozen=True)
class Inconsistency:
    """One source (and context) approved with more than one translation."""

    source: str
    context: str
    places: tuple[Place, ...]  # one per distinct translation, first seen first

    def __str__(self) -> str:
        first, *others = self.places
        where = "; ".join(f"«{p.translation}» in {p.file}:{p.line}" for p in others)
        return (f"{first.file}:{first.line}: \"{self.source}\" approved as "
                f"«{first.translation}» here and as {where}")


def inconsistencies(paths: Sequence[Path]) -> list[Inconsistency]:
    """Sources approved with different translations across (or within) the catalogues."""
    from translator.catalogue import read_catalogue

    seen: dict[tuple[str, str], dict[str, Place]] = {}
    for path in paths:
        for entry in read_catalogue(path):
            if (entry.obsolete or entry.fuzzy or entry.msgid_plural or not entry.msgid
                    or not entry.msgstr):
                continue
            key = (entry.msgctxt or "", entry.msgid)
            seen.setdefault(key, {}).setdefault(
                entry.msgstr, Place(str(path), entry.linenum, entry.msgstr))
    return [Inconsistency(source, context, tuple(places.values()))
            for (context, source), places in seen.items() if len(places) > 1]
