"""Catalogues: translation units ↔ polib, the merge rules that protect reviewers' work.

A unit is one thing to translate (a document segment or a POT entry). ``merge`` lays units
over the catalogue already on disk and says which entries the engine should fill:
untranslated ones and machine output nobody has touched. An entry a reviewer approved
(not fuzzy) or edited (its text no longer matches the machine fingerprint) is never
overwritten; an entry whose source disappeared becomes obsolete (``#~``), never deleted.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import polib

from translator import __version__
from translator.errors import CatalogueError, LanguageError
from translator.fsutil import atomic_write_text, read_text

GENERATOR = f"translator {__version__}"
WRAP_WIDTH = 78
MT_PREFIX = "mt: "
SEGMENT_PREFIX = "segment: "
_STRING = r'"(?:[^"\\]|\\.)*"'
_LINE = re.compile(rf"(?:(?:msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])\s+)?{_STRING}\s*")
_SYNTAX_ERROR = re.compile(r"\(line (\d+)\)(?::\s*(.*))?")
_PLACEHOLDER = re.compile(
    r"%(?:\d+\$)?(?:\([A-Za-z_][A-Za-z0-9_]*\))?[-+ #0']*(?:\d+|\*)?(?:\.\d+)?"
    r"(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGcrsaAp%]"
    r"|\{[A-Za-z_0-9.\[\]]*(?:![rsa])?(?::[^{}]*)?\}"
)


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


@cache
def language(code: str) -> Language:
    """Look up a language code (``uk``, ``pt_BR``, ``pt-BR``); LanguageError if unknown."""
    from translate.lang import data

    key = code.replace("-", "_")
    info = data.languages.get(key) or data.languages.get(key.split("_")[0])
    if info is None:
        raise LanguageError(f"unknown language code {code!r} (use ISO 639 codes such as uk, pl, de)")
    name, nplurals, plural = info
    return Language(code=key, name=name, nplurals=nplurals, plural=plural)


def plural_rules_of(catalogue: polib.POFile, lang: Language) -> Language:
    """``lang`` with the catalogue's own Plural-Forms, if it has one (e.g. GNOME's 4-form uk):
    a team's choice is kept, never replaced by ours."""
    match = re.search(r"nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?);?\s*$",
                      catalogue.metadata.get("Plural-Forms", ""))
    if not match:
        return lang
    return Language(lang.code, lang.name, int(match.group(1)), match.group(2).strip().rstrip(";"))


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


def placeholder_spans(text: str) -> list[re.Match[str]]:
    """printf / Python / brace placeholders in ``text``, in order (``%%`` excluded)."""
    return [m for m in _PLACEHOLDER.finditer(text) if m.group(0) != "%%"]


def placeholders(text: str) -> list[str]:
    return [m.group(0) for m in placeholder_spans(text)]


SOURCE_HEADER = "X-Source-File"


def text_kind(metadata: dict[str, str]) -> str:
    """How a catalogue's msgids are written: ``markdown`` or ``text`` segments of a
    document (``X-Source-File``), or ``message`` (a POT/PO catalogue's own entries)."""
    source = metadata.get(SOURCE_HEADER, "")
    if not source:
        return "message"
    return "markdown" if Path(source).suffix.lower() in {".md", ".markdown"} else "text"


def catalogue_path(out_dir: Path, lang: str, stem: str) -> Path:
    """``<out>/<lang>/LC_MESSAGES/<stem>.po``, the gettext layout."""
    return Path(out_dir) / lang / "LC_MESSAGES" / f"{stem}.po"


def read_catalogue(path: Path) -> polib.POFile:
    """Parse a PO/POT file; malformed input raises CatalogueError with the line."""
    path = Path(path)
    text = read_text(path)
    _check_syntax(text, path)
    try:
        catalogue = polib.pofile(text, wrapwidth=WRAP_WIDTH)
    except (OSError, ValueError) as error:
        match = _SYNTAX_ERROR.search(str(error))
        if match:
            detail = match.group(2) or "syntax error"
            raise CatalogueError(detail, file=path, line=int(match.group(1))) from None
        raise CatalogueError(str(error), file=path) from None
    seen: set[tuple[str | None, str]] = set()
    for entry in catalogue:
        key = (entry.msgctxt, entry.msgid)
        if not entry.obsolete and key in seen:
            raise CatalogueError("duplicate message definition", file=path, line=entry.linenum)
        seen.add(key)
    catalogue.fpath = str(path)
    return catalogue


def _check_syntax(text: str, path: Path) -> None:
    """What polib forgives and msgfmt does not: unterminated or stray strings."""
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not _LINE.fullmatch(stripped):
            quotes = len(re.findall(r'(?<!\\)"', stripped))
            problem = "unterminated string" if quotes % 2 else f"syntax error: {stripped[:40]!r}"
            raise CatalogueError(problem, file=path, line=number)


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


def new_catalogue(lang: Language, *, source_lang: str, extra: dict[str, str] | None = None) -> polib.POFile:
    """An empty catalogue with the header msgfmt -c expects."""
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M%z")
    catalogue = polib.POFile(wrapwidth=WRAP_WIDTH)
    catalogue.header = f"{lang.name} translation, machine-translated by {GENERATOR}."
    catalogue.metadata = {
        "Project-Id-Version": "translator",
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": now,
        "PO-Revision-Date": now,
        "Last-Translator": "translator (machine translation)",
        "Language-Team": f"{lang.name} <>",
        "Language": lang.code,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": lang.plural_forms,
        "X-Generator": GENERATOR,
        "X-Source-Language": source_lang,
        **(extra or {}),
    }
    return catalogue


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
        lang = plural_rules_of(existing, lang)
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
    if not any(_texts(entry)):
        return True
    return refresh and is_untouched_machine_output(entry)


def is_untouched_machine_output(entry: polib.POEntry) -> bool:
    """Fuzzy, and still exactly what the engine wrote (its fingerprint matches)."""
    mark = machine_mark(entry)
    return entry.fuzzy and mark is not None and mark == fingerprint(_texts(entry))


def is_reviewed(entry: polib.POEntry) -> bool:
    """Translated by a person, or machine output a person approved or edited."""
    return any(_texts(entry)) and not is_untouched_machine_output(entry)


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
        _strip_tool_lines(entry.comment), _segment_ids(entry), machine=fingerprint(_texts(entry))
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


def save_catalogue(catalogue: polib.POFile, path: Path) -> None:
    """Write atomically (temp file + fsync + rename)."""
    atomic_write_text(path, catalogue.__unicode__())


def _texts(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def _segment_ids(entry: polib.POEntry) -> list[str]:
    for line in (entry.comment or "").splitlines():
        if line.startswith(SEGMENT_PREFIX):
            return [s.strip() for s in line[len(SEGMENT_PREFIX):].split(",") if s.strip()]
    return []


def _strip_tool_lines(comment: str) -> str:
    lines = (comment or "").splitlines()
    return "\n".join(l for l in lines if not l.startswith((MT_PREFIX, SEGMENT_PREFIX)))


def _tool_comment(comment: str, segment_ids: Sequence[str], *, machine: str | None) -> str:
    """Source comment plus our tool lines (segment ids, machine fingerprint)."""
    lines = _strip_tool_lines(comment).splitlines()
    if segment_ids:
        lines.append(SEGMENT_PREFIX + ", ".join(segment_ids))
    if machine:
        lines.append(MT_PREFIX + machine)
    return "\n".join(lines)
