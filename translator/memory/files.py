"""Units in and out of files: approved PO entries, TMX 1.4 (read and written by Translate
Toolkit's ``translate.storage.tmx``, the TMX that OmegaT and Weblate exchange)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polib

from translator.catalogue.header import CATALOGUE_SUFFIXES
from translator.errors import InputError, UsageError
from translator.memory.store import Memory, Unit, lang_code

SUFFIXES = (".po", ".tmx")
_TMX_TIME = "%Y%m%dT%H%M%SZ"
_ORIGIN_PROP = "x-translator-origin"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Batch:
    """Units of one file for one language pair."""

    path: Path
    source_lang: str
    target_lang: str
    units: list[Unit]


def origin_name(path: Path) -> str:
    """How a file is named as a unit's origin: its absolute path, so that ``tm remove
    --origin`` finds it from any working directory."""
    return os.path.abspath(path)


def files_under(paths: Iterable[Path]) -> Iterator[Path]:
    """The given files, and every ``.po``/``.tmx`` below the given directories (sorted)."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file())
        elif path.exists():
            yield path
        else:
            raise InputError("no such file or directory", file=path)


def read_batches(path: Path, *, source_lang: str | None = None,
                 target_lang: str | None = None) -> list[Batch]:
    """The approved units of a PO catalogue or every pair's units of a TMX file."""
    if path.suffix == ".tmx":
        return read_tmx(path, source_lang=source_lang)
    if path.suffix in CATALOGUE_SUFFIXES:
        return [read_po(path, source_lang=source_lang, target_lang=target_lang)]
    raise UsageError(f"{path}: not a PO catalogue or a TMX file (by its name)")


def read_po(path: Path, *, source_lang: str | None = None,
            target_lang: str | None = None) -> Batch:
    """Approved entries only: translated, not fuzzy, not obsolete, not plural.

    The target language is the header's ``Language`` (or ``target_lang``); the source
    language ``X-Source-Language`` (ours), else ``source_lang``, else English.
    """
    from translator.catalogue import read_catalogue

    catalogue = read_catalogue(path)
    target = target_lang or catalogue.metadata.get("Language", "")
    if not target:
        raise InputError("no Language header: say which language it is with --to", file=path)
    source = source_lang or catalogue.metadata.get("X-Source-Language") or "en"
    units = approved_units(catalogue, origin_name(path), file_time(path))
    return Batch(path, lang_code(source), lang_code(target), units)


def approved_units(entries: Iterable[polib.POEntry], origin: str, approved_at: str, *,
                   obsolete: bool = False) -> list[Unit]:
    """Approved entries as units: translated, not fuzzy, not plural, and not obsolete unless
    ``obsolete`` (entries a merge has just made obsolete were approved until now)."""
    return [Unit(e.msgid, e.msgstr, e.msgctxt or "", origin, f"line {e.linenum}", approved_at)
            for e in entries
            if e.msgid and e.msgstr and not e.msgid_plural and not e.fuzzy
            and (obsolete or not e.obsolete)]


def read_tmx(path: Path, *, source_lang: str | None = None) -> list[Batch]:
    """Every (source, other language) pair of every ``<tu>``, grouped by language pair."""
    from translate.storage import tmx

    try:
        store: Any = tmx.tmxfile(path.read_bytes())
    except (OSError, SyntaxError) as error:  # lxml's XMLSyntaxError is a SyntaxError
        line = getattr(error, "lineno", None)
        raise InputError(f"not a readable TMX file: {error}", file=path, line=line) from error
    default_source = source_lang or store.sourcelanguage
    origin = origin_name(path)
    stamp = file_time(path)
    grouped: dict[tuple[str, str], list[Unit]] = {}
    for n, tu in enumerate(store.units, 1):
        texts = {lang_code(node.get(_XML_LANG) or ""): tu.getNodeText(node)
                 for node in tu.getlanguageNodes()}
        source_code = lang_code(tu.xmlelement.get("srclang") or default_source or "")
        if source_code in ("", "*all*") or source_code not in texts:
            source_code = next(iter(texts), "")
        source = texts.get(source_code)
        if not source:
            continue
        approved = _tmx_time(tu.xmlelement.get("changedate")) or stamp
        entry = tu.xmlelement.get("tuid") or f"tu {n}"
        for lang, target in texts.items():
            if lang != source_code and target:
                grouped.setdefault((source_code, lang), []).append(
                    Unit(source, target, tu.getcontext(), origin, entry, approved))
    return [Batch(path, s, t, units) for (s, t), units in grouped.items()]


def write_tmx(memory: Memory, source_lang: str, target_lang: str, path: Path) -> int:
    """Write one pair's units as TMX 1.4: context as ``x-context`` (Translate Toolkit's
    convention), the approval time as ``changedate``, the origin as a ``prop``."""
    from translate.storage import tmx

    from translator.fsutil import atomic_write_bytes

    store: Any = tmx.tmxfile(sourcelanguage=source_lang, targetlanguage=target_lang)
    prop_tag = store.namespaced("prop")
    count = 0
    for unit in memory.units(source_lang, target_lang):
        tu = store.addsourceunit(unit.source)
        tu.settarget(unit.target, target_lang)
        if unit.context:
            tu.setcontext(unit.context)
        if unit.origin_file:
            prop = tu.xmlelement.makeelement(prop_tag, {"type": _ORIGIN_PROP})
            prop.text = f"{unit.origin_file}#{unit.origin_entry}"
            tu.xmlelement.find(store.namespaced("tuv")).addprevious(prop)
        when = _tmx_stamp(unit.approved_at)
        if when:
            tu.xmlelement.set("changedate", when)
        count += 1
    atomic_write_bytes(path, bytes(store))
    return count


def file_time(path: Path) -> str:
    """A file's modification time: when its approved entries were last approved at most."""
    stamp = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
    return stamp.isoformat(timespec="seconds")


def _tmx_time(value: str | None) -> str:
    """TMX ``YYYYMMDDThhmmssZ`` → ISO 8601 ('' when absent or malformed)."""
    if not value:
        return ""
    try:
        stamp = dt.datetime.strptime(value, _TMX_TIME).replace(tzinfo=dt.UTC)
    except ValueError:
        return ""
    return stamp.isoformat(timespec="seconds")


def _tmx_stamp(value: str) -> str:
    """ISO 8601 → TMX ``YYYYMMDDThhmmssZ`` ('' when absent or malformed)."""
    try:
        return dt.datetime.fromisoformat(value).astimezone(dt.UTC).strftime(_TMX_TIME)
    except ValueError:
        return ""


def remember_reviewed(path: Path, source_lang: str, target_lang: str | None,
                     approved: Iterable[tuple[str | None, str, str]],
                     memory_path: Path | None = None) -> int:
    """Put entries a reviewer just approved and saved, ``(msgctxt, msgid, msgstr)``, into
    the memory (the review's save hook).

    The memory must never cost a reviewer a save: a memory that cannot be opened or written
    is logged and skipped. Returns how many units were written.
    """
    import logging
    import sqlite3

    from translator.errors import MemoryFileError
    from translator.memory.store import now
    from translator.paths import memory_file

    origin, stamp = origin_name(path), now()
    units = [Unit(msgid, msgstr, msgctxt or "", origin, "", stamp)
             for msgctxt, msgid, msgstr in approved if msgid and msgstr]
    if not units or not target_lang:
        return 0
    try:
        with Memory(memory_path or memory_file()) as memory:
            return memory.add(lang_code(source_lang), lang_code(target_lang), units)
    except (MemoryFileError, sqlite3.Error) as error:
        logging.getLogger(__name__).warning("translation memory not updated: %s", error)
        return 0
