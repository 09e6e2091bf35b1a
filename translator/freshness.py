"""Which catalogues are already up to date with their source, so a re-run skips them.

After ``translate`` writes a catalogue in which nothing is left to translate, it records
the SHA-256 of the source and of the catalogue it wrote. A later run over the same source,
language and output whose two files still hash the same has nothing to do: merging the
same units over that catalogue gives it back unchanged. So it skips reading and segmenting
the source (most of a re-run: pysbd on a 1 MB document takes ~25 s), merging, writing,
and the engine. A reviewer's save, a source edit, another tool version or ``--refresh``
changes a hash or the key, and the catalogue goes through the whole pipeline again.

Records live in the cache directory; losing them only costs one full re-run.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path

from translator import __version__, paths

__all__ = ["fresh_kept", "record"]

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
    target = _record_path(source, catalogue, source_lang, lang)
    try:
        data = {"source": _sha256(source), "catalogue": _sha256(catalogue), "kept": kept}
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(prefix=".stamp-", dir=target.parent)
        with os.fdopen(handle, "w") as out:
            json.dump(data, out)
        os.replace(tmp, target)
    except OSError as error:  # a cache we cannot write only costs speed next time
        log.info("cannot record %s as up to date: %s", catalogue, error)


def _record_path(source: Path, catalogue: Path, source_lang: str, lang: str) -> Path:
    key = "\0".join([__version__, str(source.resolve()), str(catalogue.resolve()),
                     source_lang, lang])
    return paths.cache_dir() / "fresh" / f"{hashlib.sha256(key.encode()).hexdigest()[:40]}.json"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
