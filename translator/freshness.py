"""Which catalogues are already up to date with their source, so a re-run skips them;
and the units of an unchanged document, so a re-run does not segment it again.

After ``translate`` writes a catalogue in which nothing is left to translate, it records
the SHA-256 of the source and of the catalogue it wrote. A later run over the same source,
language and output whose two files still hash the same has nothing to do: merging the
same units over that catalogue gives it back unchanged. So it skips reading and segmenting
the source (most of a re-run: pysbd on a 1 MB document takes ~25 s), merging, writing,
and the engine. A reviewer's save, a source edit, another tool version (or an edited
module of this package) or ``--refresh`` changes a hash or the key, and the catalogue goes
through the whole pipeline again.

When only the catalogue changed (a reviewer saved), the source still has to be merged
over it, but its units are the ones segmenting gave last time: they are kept, keyed by the
document's SHA-256, so pysbd does not run again.

Records live in the cache directory; losing them only costs one full re-run.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from translator import __version__, paths
from translator.catalogue import Unit

__all__ = ["fresh_kept", "load_units", "record", "save_units", "source_digest"]

log = logging.getLogger(__name__)


def fresh_kept(source: Path, catalogue: Path, source_lang: str, lang: str) -> int | None:
    """The reviewed-entry count recorded for ``catalogue`` if it and ``source`` are exactly
    as the last run left them, else None (translate it)."""
    try:
        stamp = json.loads(_record_path(source, catalogue, source_lang, lang).read_text())
        if stamp["source"] == _sha256(source) and stamp["catalogue"] == _sha256(catalogue):
            return int(stamp["kept"])
    except (OSError, ValueError, KeyError, TypeError):  # no record, or an unreadable one
        return None
    return None


def record(source: Path, catalogue: Path, source_lang: str, lang: str, kept: int) -> None:
    """Remember that ``catalogue``, just written, is complete for ``source``."""
    try:
        data = {"source": _sha256(source), "catalogue": _sha256(catalogue), "kept": kept}
    except OSError as error:
        log.info("cannot record %s as up to date: %s", catalogue, error)
        return
    _write_json(_record_path(source, catalogue, source_lang, lang), data)


def load_units(source: Path, source_lang: str, reference: str) -> tuple[str, list[Unit]] | None:
    """The text kind and units segmenting gave for ``source`` as it is now, if recorded."""
    try:
        saved = json.loads(_units_path(source, source_lang, reference).read_text())
        if saved["source"] != _sha256(source):
            return None
        units = [Unit(msgid=msgid, occurrences=[(where, line) for where, line in places],
                      segment_ids=list(ids)) for msgid, places, ids in saved["units"]]
        return str(saved["kind"]), units
    except (OSError, ValueError, KeyError, TypeError):  # none, or an unreadable one
        return None


def save_units(source: Path, source_lang: str, reference: str, kind: str, units: list[Unit],
               digest: str | None) -> None:
    """Keep the units of ``source`` whose SHA-256 was ``digest`` before it was read."""
    if digest is None or source_digest(source) != digest:  # changed while being segmented
        return
    rows = [[u.msgid, u.occurrences, u.segment_ids] for u in units]
    _write_json(_units_path(source, source_lang, reference),
                {"source": digest, "kind": kind, "units": rows})


def source_digest(source: Path) -> str | None:
    """SHA-256 of ``source``'s bytes (taken before segmenting, for ``save_units``); None
    when it cannot be read (segmenting then reports why)."""
    try:
        return _sha256(source)
    except OSError:
        return None


def _write_json(target: Path, data: object) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(prefix=".stamp-", dir=target.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False)
        os.replace(tmp, target)
    except OSError as error:  # a cache we cannot write only costs speed next time
        log.info("cannot write %s: %s", target, error)


def _record_path(source: Path, catalogue: Path, source_lang: str, lang: str) -> Path:
    return _cache_file("fresh", source.resolve(), catalogue.resolve(), source_lang, lang)


def _units_path(source: Path, source_lang: str, reference: str) -> Path:
    return _cache_file("units", source.resolve(), source_lang, reference)


def _cache_file(kind: str, *key: object) -> Path:
    """One file per key (not per content), so records replace each other as sources change."""
    parts = [__version__, _code_stamp(), *map(str, key)]
    digest = hashlib.sha256("\0".join(parts).encode()).hexdigest()
    return paths.cache_dir() / kind / f"{digest[:40]}.json"


@lru_cache(maxsize=1)
def _code_stamp() -> str:
    """Size and mtime of every module of the package: an edited parser or merge rule (in a
    checkout, without a new version number) must not reuse what the old code recorded."""
    root = Path(__file__).parent
    stamps = sorted(f"{p.relative_to(root)}:{p.stat().st_size}:{p.stat().st_mtime_ns}"
                    for p in root.rglob("*.py"))
    return hashlib.sha256("\n".join(stamps).encode()).hexdigest()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
