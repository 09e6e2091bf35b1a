"""Catalogues: translation units ↔ polib, the merge rules that protect reviewers' work.

A unit is one thing to translate (a document segment or a POT entry). ``merge`` lays units
over the catalogue already on disk and says which entries the engine should fill:
untranslated ones and machine output nobody has touched. An entry a reviewer approved
(not fuzzy) or edited (its text no longer matches the machine fingerprint) is never
overwritten; an entry whose source disappeared becomes obsolete (``#~``), never deleted.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import polib

from translator.catalogue.header import GENERATOR, new_catalogue
from translator.catalogue.placeholders import placeholders
from translator.catalogue.plural import Language
from translator.catalogue.read import forms_of

MT_PREFIX = "mt: "
SEGMENT_PREFIX = "segment: "


@dataclass
class Unit:
    """One thing to translate, with what gettext keeps about it."""

    msgid: str
    msgctxt: str | None = None
    msgid_plural: str = ""
    occurrences: list[tuple[str, str]] = field(default_factory=list)
    comment: str = ""
    flags: list[str] = field(default_factory=list)
    segment_ids: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)


@dataclass
class Job:
    """An entry the engine should fill, with the source texts it needs translated."""

    entry: polib.POEntry

    @property
    def sources(self) -> list[str]:
        if self.entry.msgid_plural:
            return [self.entry.msgid, self.entry.msgid_plural]
        return [self.entry.msgid]


@dataclass
class MergeResult:
    catalogue: polib.POFile
    language: Language  # with the plural rules the catalogue really uses
    jobs: list[Job]
    kept: int  # reviewed entries left as they are
    obsoleted: int


def units_from_catalogue(catalogue: polib.POFile) -> list[Unit]:
    """The active (non-obsolete) entries of a POT/PO as units."""
    return [
        Unit(
            msgid=entry.msgid,
            msgctxt=entry.msgctxt,
            msgid_plural=entry.msgid_plural,
            occurrences=list(entry.occurrences),
            comment=entry.comment,
            flags=[flag for flag in entry.flags if flag != "fuzzy"],
        )
        for entry in catalogue
        if not entry.obsolete and entry.msgid
    ]


def merge(
    units: Sequence[Unit],
    existing: polib.POFile | None,
    lang: Language,
    *,
    source_lang: str,
    extra_headers: dict[str, str] | None = None,
    refresh: bool = False,
) -> MergeResult:
    """Lay ``units`` over ``existing`` (or a new catalogue), keeping reviewed work.

    Entry order follows the units; entries of ``existing`` whose source is gone become
    obsolete. The entries to translate are the untranslated ones and, with ``refresh``,
    machine output no reviewer has touched (after a model or glossary update).
    """
    old: dict[tuple[str | None, str], polib.POEntry] = {}
    if existing is not None:
        lang = lang.with_header(existing.metadata.get("Plural-Forms"))
    catalogue = new_catalogue(lang, source_lang=source_lang, extra=extra_headers)
    if existing is not None:
        catalogue.header = existing.header
        catalogue.metadata.update(existing.metadata)
        catalogue.metadata.update({"Language": existing.metadata.get("Language") or lang.code,
                                   "Plural-Forms": lang.plural_forms, "X-Generator": GENERATOR,
                                   **(extra_headers or {})})
        old = {(e.msgctxt, e.msgid): e for e in existing if not e.obsolete}
    already_obsolete = [e for e in existing if e.obsolete] if existing is not None else []
    jobs: list[Job] = []
    kept = 0
    for unit in units:
        previous = old.pop(unit.key, None)
        entry = _entry_for(unit, previous, lang)
        catalogue.append(entry)
        if needs_translation(entry, refresh=refresh):
            jobs.append(Job(entry))
        elif is_reviewed(entry):
            kept += 1
    obsoleted = 0
    for entry in old.values():
        if entry.translated() or entry.fuzzy:
            entry.obsolete = True
            catalogue.append(entry)
            obsoleted += 1
    catalogue.extend(already_obsolete)
    return MergeResult(catalogue, lang, jobs, kept, obsoleted)


def _entry_for(unit: Unit, previous: polib.POEntry | None, lang: Language) -> polib.POEntry:
    """The entry for ``unit``: the previous one (translation, flags, comments kept) or a new one."""
    comment = _tool_comment(unit.comment, unit.segment_ids, machine=None)
    if previous is None:
        entry = polib.POEntry(
            msgid=unit.msgid,
            msgctxt=unit.msgctxt,
            msgid_plural=unit.msgid_plural,
            occurrences=list(unit.occurrences),
            flags=list(unit.flags),
        )
        if unit.msgid_plural:
            entry.msgstr_plural = {i: "" for i in range(lang.nplurals)}
        entry.comment = comment
        return entry
    previous.occurrences = list(unit.occurrences)
    previous.comment = _tool_comment(unit.comment, unit.segment_ids, machine=machine_mark(previous))
    source_flags = [f for f in unit.flags if f not in previous.flags]
    previous.flags.extend(source_flags)
    if unit.msgid_plural:
        previous.msgid_plural = unit.msgid_plural
        forms = previous.msgstr_plural or {}
        previous.msgstr_plural = {i: forms.get(i, "") for i in range(lang.nplurals)}
    return previous


def needs_translation(entry: polib.POEntry, *, refresh: bool = False) -> bool:
    """Untranslated; with ``refresh`` also machine output that no reviewer approved or edited."""
    if not any(forms_of(entry)):
        return True
    return refresh and is_untouched_machine_output(entry)


def is_untouched_machine_output(entry: polib.POEntry) -> bool:
    """Fuzzy, and still exactly what the engine wrote (its fingerprint matches)."""
    mark = machine_mark(entry)
    return entry.fuzzy and mark is not None and mark == fingerprint(forms_of(entry))


def is_reviewed(entry: polib.POEntry) -> bool:
    """Translated by a person, or machine output a person approved or edited."""
    return any(forms_of(entry)) and not is_untouched_machine_output(entry)


def set_machine_translation(entry: polib.POEntry, texts: Sequence[str], lang: Language) -> None:
    """Fill ``entry`` with engine output: fuzzy, fingerprinted so re-runs can tell it from edits.

    ``texts`` is one translation, or (plural entries) singular and plural translations;
    every plural form is filled.
    """
    if entry.msgid_plural:
        singular, plural = texts[0], texts[-1]
        if sorted(placeholders(singular)) != sorted(placeholders(entry.msgid_plural)):
            singular = plural
        entry.msgstr_plural = {i: (singular if i == 0 else plural) for i in range(lang.nplurals)}
    else:
        entry.msgstr = texts[0]
    if "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")
    entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    entry.comment = _tool_comment(
        _strip_tool_lines(entry.comment),
        segment_ids(entry.comment),
        machine=fingerprint(forms_of(entry)),
    )


def add_translator_note(entry: polib.POEntry, note: str) -> None:
    """Append a line to the translator comment (``# ...``) unless it is already there."""
    lines = entry.tcomment.splitlines() if entry.tcomment else []
    if note not in lines:
        lines.append(note)
    entry.tcomment = "\n".join(lines)


def fingerprint(texts: Iterable[str]) -> str:
    digest = hashlib.sha1("\x00".join(texts).encode("utf-8")).hexdigest()
    return digest[:12]


def machine_mark(entry: polib.POEntry) -> str | None:
    for line in (entry.comment or "").splitlines():
        if line.startswith(MT_PREFIX):
            return line[len(MT_PREFIX):].strip()
    return None


def segment_ids(comment: str | None) -> list[str]:
    """The document segment ids our ``#. segment:`` line lists (``p1.1``), in order."""
    for line in (comment or "").splitlines():
        if line.startswith(SEGMENT_PREFIX):
            return [s.strip() for s in line[len(SEGMENT_PREFIX):].split(",") if s.strip()]
    return []


def _strip_tool_lines(comment: str) -> str:
    lines = (comment or "").splitlines()
    return "\n".join(line for line in lines if not line.startswith((MT_PREFIX, SEGMENT_PREFIX)))


def _tool_comment(comment: str, ids: Sequence[str], *, machine: str | None) -> str:
    """Source comment plus our tool lines (segment ids, machine fingerprint)."""
    lines = _strip_tool_lines(comment).splitlines()
    if ids:
        lines.append(SEGMENT_PREFIX + ", ".join(ids))
    if machine:
        lines.append(MT_PREFIX + machine)
    return "\n".join(lines)
