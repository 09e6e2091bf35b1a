"""The memory's part in ``translate``: learn from the catalogues read, fill before the engine.

For each catalogue about to be translated, its approved entries go into the memory, then
every entry still waiting for the engine is looked up: an exact match (same source and
context) is used as is, approved only if it was approved in this same catalogue, fuzzy
otherwise; the best fuzzy match at or above the threshold is offered as fuzzy with its
source in ``#| msgid``, as ``msgmerge --compendium`` does. Either way a translator comment
names where the translation came from. A match that breaks the glossary is flagged (fuzzy,
and a note naming the terms), not trusted. Filled entries leave the engine's job list.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from translator.memory.files import approved_units, file_time, origin_name
from translator.memory.fuzzy import lookup
from translator.memory.store import Memory, Unit

if TYPE_CHECKING:
    from translator.catalogue import MergeResult
    from translator.glossary.match import Matcher
    from translator.glossary.terms import Glossary

NOTE_PREFIX = "memory: "


class Pretranslator:
    """One memory, opened once for a ``translate`` run."""

    def __init__(self, path: Path, source_lang: str, *, threshold: float = 75.0,
                 glossary: Glossary | None = None) -> None:
        self.memory = Memory(path)
        self.source_lang = source_lang
        self.threshold = threshold
        self.glossary = glossary
        self._matchers: dict[str, Matcher] = {}

    @classmethod
    def open(cls, path: Path | None, source_lang: str, threshold: float = 75.0,
             glossary: Glossary | None = None) -> Pretranslator | None:
        """The memory at ``path``, or None (no memory used, no file created) without one."""
        if path is None:
            return None
        return cls(path, source_lang, threshold=threshold, glossary=glossary)

    def close(self) -> None:
        self.memory.close()

    def learn(self, result: MergeResult, path: Path, target_lang: str) -> int:
        """Put the approved entries of the catalogue at ``path`` into the memory: its active
        ones and those this merge has just made obsolete (approved until now)."""
        stamp = file_time(path) if path.exists() else ""
        origin = origin_name(path)
        retired = [e for e in result.catalogue if e.obsolete][:result.obsoleted]
        units = (approved_units(result.catalogue, origin, stamp)
                 + approved_units(retired, origin, stamp, obsolete=True))
        return self.memory.add(self.source_lang, target_lang, units) if units else 0

    def fill(self, result: MergeResult, path: Path, target_lang: str, *,
             fuzzy: bool = True) -> int:
        """Fill ``result``'s jobs from the memory (exact matches only unless ``fuzzy``);
        the filled ones leave ``result.jobs``."""
        from translator.catalogue import add_translator_note, mark_fuzzy

        origin = origin_name(path)
        filled = 0
        waiting = []
        for job in result.jobs:
            entry = job.entry
            if entry.msgid_plural or entry.msgstr:
                waiting.append(job)
                continue
            exact = self.memory.exact(self.source_lang, target_lang, entry.msgid,
                                      entry.msgctxt or "")
            if exact:
                own = [u for u in exact if u.origin_file == origin]
                unit = (own or exact)[0]
                entry.msgstr = unit.target
                if not own:
                    mark_fuzzy(entry)
                add_translator_note(entry, f"{NOTE_PREFIX}exact match from {_where(unit, path)}")
                self._check_terms(entry, target_lang)
                filled += 1
                continue
            matches = lookup(self.memory, self.source_lang, target_lang, entry.msgid, limit=1,
                             threshold=self.threshold) if fuzzy else []
            if not matches:
                waiting.append(job)
                continue
            unit = matches[0].unit
            entry.msgstr = unit.target
            mark_fuzzy(entry)
            entry.previous_msgid = unit.source
            entry.previous_msgctxt = unit.context or None
            add_translator_note(entry, f"{NOTE_PREFIX}{matches[0].score:.0f} % match from "
                                       f"{_where(unit, path)}")
            self._check_terms(entry, target_lang)
            filled += 1
        result.jobs[:] = waiting
        return filled


    def _check_terms(self, entry: polib.POEntry, target_lang: str) -> None:
        """A memory match that breaks the glossary is flagged (fuzzy, a note), not trusted."""
        from translator.catalogue import add_translator_note, mark_fuzzy
        from translator.glossary.check import check_entry
        from translator.glossary.match import Matcher

        if self.glossary is None or not self.glossary.for_lang(target_lang):
            return
        matcher = self._matchers.get(target_lang)
        if matcher is None:
            matcher = self._matchers[target_lang] = Matcher(self.glossary, target_lang)
        broken = sorted({v.term for v in check_entry(entry.msgid, entry.msgstr, target_lang,
                                                     matcher)})
        if broken:
            mark_fuzzy(entry)
            add_translator_note(entry, f"{NOTE_PREFIX}match breaks the glossary: "
                                       + ", ".join(broken))


def _where(unit: Unit, catalogue: Path) -> str:
    """``file:line``, the file relative to the catalogue being written (as X-Source-File):
    short, so that the comment is not wrapped in the middle of a path."""
    if not unit.origin_file:
        return "imported units"
    where = os.path.relpath(unit.origin_file, os.path.abspath(catalogue.parent))
    line = unit.origin_entry.removeprefix("line ")
    return f"{where}:{line}" if line.isdigit() else where


def reuse(result: MergeResult, path: Path, target_lang: str,
          memory: Pretranslator | None) -> tuple[int, int]:
    """Reviewed work before the engine: the memory learns the catalogue (before carry-over
    uses up the entries this merge made obsolete) and fills exact matches — a source
    edit reverted gets its approved translation back, approved — then changed sources keep
    their old reviewed translation, then fuzzy memory matches fill what they can. Returns
    (carried over, from memory)."""
    from translator.memory.carryover import carry_over

    filled = 0
    if memory is not None:
        memory.learn(result, path, target_lang)
        filled += memory.fill(result, path, target_lang, fuzzy=False)
    carried = carry_over(result)
    if memory is not None:
        filled += memory.fill(result, path, target_lang)
    return carried, filled
