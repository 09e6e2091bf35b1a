"""Catalogues: translation units ↔ polib, the merge rules that protect reviewers' work.

A unit is one thing to translate (a document segment or a POT entry). ``merge`` lays units
over the catalogue already on disk and says which entries the engine should fill:
untranslated ones and machine output nobody has touched. An entry a reviewer approved
(not fuzzy) or edited (its text no longer matches the machine fingerprint) is never
overwritten; an entry whose source disappeared becomes obsolete (``#~``), never deleted.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import polib

from translator.catalogue.guard import ChangedOnDisk
from translator.catalogue.header import GENERATOR, new_catalogue
from translator.catalogue.placeholders import placeholders
from translator.catalogue.plural import Language
from translator.catalogue.read import CatalogueFile, forms_of
from translator.errors import InputError

MT_PREFIX = "mt: "
SEGMENT_PREFIX = "segment: "
# A wrapped continuation of the segment line: ids and commas only (``h3.1, alt@2,``).
_ID = r"[^\s,:]*[.@][^\s,:]*"
_ID_LIST = re.compile(f"{_ID}(?:,\\s*{_ID})*,?")


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
    base: CatalogueFile | None = None
    """The file merged over, as read: what saving compares the file on disk with."""


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
    base: CatalogueFile | None = None,
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
    for value in (extra_headers or {}).values():
        check_file_name(value)
    history: dict[tuple[str | None, str], polib.POEntry] = {}
    for entry in existing or []:
        if entry.obsolete:
            history.setdefault((entry.msgctxt, entry.msgid), entry)
    jobs: list[Job] = []
    kept = 0
    for unit in units:
        _check_text(unit)
        previous = old.pop(unit.key, None)
        if previous is None and unit.key in history:  # a source edit reverted: revive it
            previous = history.pop(unit.key)
            previous.obsolete = False
        entry = _entry_for(unit, previous, lang)
        catalogue.append(entry)
        if needs_translation(entry, refresh=refresh):
            jobs.append(Job(entry))
        elif is_reviewed(entry):
            kept += 1
    obsoleted = 0
    for key, entry in old.items():
        if entry.translated() or entry.fuzzy:
            entry.obsolete = True
            catalogue.append(entry)
            history.pop(key, None)  # one obsolete definition per msgid, the newer
            obsoleted += 1
    active = {(e.msgctxt, e.msgid) for e in catalogue if not e.obsolete}
    catalogue.extend(e for key, e in history.items() if key not in active)
    return MergeResult(catalogue, lang, jobs, kept, obsoleted, base)


def _check_text(unit: Unit) -> None:
    """Refuse, where it comes from, what a catalogue cannot hold: a NUL (written raw, it
    cuts the string in the .mo) or a file name with a line break (it would split ``#:``)."""
    for name, _line in unit.occurrences:
        check_file_name(name)
    for text in (unit.msgid, unit.msgid_plural, unit.msgctxt or ""):
        if "\x00" in text:
            file, line = unit.occurrences[0] if unit.occurrences else (None, "")
            raise InputError("a NUL character in the source text", file=file,
                             line=int(line) if line.isdigit() else None)


def check_file_name(name: str) -> None:
    """InputError when ``name`` has a control character (a line break would split the
    ``#:`` line or a header and leave a PO that neither msgfmt nor we can read)."""
    if any(ord(char) < 0x20 or char == "\x7f" for char in name):
        shown = name.encode("unicode_escape").decode("ascii")
        raise InputError("a file name with a line break or another control character cannot "
                         "be written into a catalogue; rename it", file=shown)


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


def mark_fuzzy(entry: polib.POEntry) -> None:
    """Fuzzy, first among the flags, where msgmerge puts it: ``#, fuzzy, c-format``."""
    if "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")


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
    mark_fuzzy(entry)
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
    """The document segment ids our ``#. segment:`` line lists (``p1.1``), in order; a
    long list is wrapped over the comment lines after it.

    >>> segment_ids("segment: p4.1, p9.2,\\nh3.1, td1.2.1\\nmt: 0a1b")
    ['p4.1', 'p9.2', 'h3.1', 'td1.2.1']
    """
    lines = (comment or "").splitlines()
    for at, line in enumerate(lines):
        if line.startswith(SEGMENT_PREFIX):
            listed = [line[len(SEGMENT_PREFIX):]]
            listed += itertools.takewhile(_ID_LIST.fullmatch, lines[at + 1:])
            return [s.strip() for s in ",".join(listed).split(",") if s.strip()]
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


def reconcile(
    ours: polib.POFile, base: polib.POFile | None, theirs: polib.POFile, path: str
) -> int:
    """Lay over ``ours`` what another writer changed in ``theirs`` since ``base`` (the file
    as we read it; None: there was none). Returns how many entries were taken from theirs.

    An entry only they changed is taken; one both sides changed goes to the side a person
    changed (an approval or an edit wins over machine output; two machine outputs: ours,
    the newer); an entry two people changed differently raises ChangedOnDisk. An entry they
    translated whose source is gone from ``ours`` is kept as obsolete, as ``merge`` would.
    """
    before = {(e.msgctxt, e.msgid): e for e in base or [] if not e.obsolete}
    mine = {(e.msgctxt, e.msgid): e for e in ours if not e.obsolete}
    taken = 0
    for entry in theirs:
        if entry.obsolete or not entry.msgid:
            continue
        old, own = before.get((entry.msgctxt, entry.msgid)), mine.get((entry.msgctxt, entry.msgid))
        if entry_state(entry) == (entry_state(old) if old is not None else _EMPTY):
            continue  # they did not change it
        if own is None:
            if is_reviewed(entry):
                _keep_as_obsolete(ours, entry)
                taken += 1
            continue
        if entry_state(own) == entry_state(entry):
            continue
        ours_changed = old is None or entry_state(own) != entry_state(old)
        if ours_changed and is_reviewed(own) and is_reviewed(entry):
            raise ChangedOnDisk(
                f"{entry.msgid[:40]!r} was changed here and on disk since it was read; "
                "nothing written",
                file=path,
                line=entry.linenum or None,
            )
        if not ours_changed or (is_reviewed(entry) and not is_reviewed(own)):
            _take(own, entry)
            taken += 1
    return taken


_EMPTY: tuple[object, ...] = ((), False, "")


def _keep_as_obsolete(ours: polib.POFile, theirs: polib.POEntry) -> None:
    """``theirs`` as ``ours``' obsolete entry for its msgid (one definition, never two)."""
    for entry in ours:
        if entry.obsolete and (entry.msgctxt, entry.msgid) == (theirs.msgctxt, theirs.msgid):
            _take(entry, theirs)
            return
    theirs.obsolete = True
    ours.append(theirs)


def entry_state(entry: polib.POEntry) -> tuple[object, ...]:
    """What a writer changes in an entry: its translation, flags and translator comment
    (an untranslated entry's flags and nothing are the same state)."""
    if not any(forms_of(entry)) and not entry.tcomment:
        return _EMPTY
    return (forms_of(entry), tuple(entry.flags), entry.tcomment or "")


def _take(own: polib.POEntry, theirs: polib.POEntry) -> None:
    """``theirs``' translation, flags, translator comment and machine mark, into ``own``."""
    own.msgstr = theirs.msgstr
    if own.msgid_plural:
        own.msgstr_plural = dict(theirs.msgstr_plural)
    own.flags = list(theirs.flags)
    own.tcomment = theirs.tcomment
    own.comment = _tool_comment(
        _strip_tool_lines(own.comment), segment_ids(own.comment), machine=machine_mark(theirs)
    )
