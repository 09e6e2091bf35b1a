"""Writing catalogues: whole (a catalogue we render with polib) or by changed entries (the
rest of the file kept byte for byte), always atomically.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "uk.po"
    >>> _ = path.write_text('#, fuzzy\\nmsgid "Kyiv"\\nmsgstr "Киев"\\n', encoding="utf-8")
    >>> entry = read_catalogue(path).find("Kyiv")
    >>> entry.msgstr, entry.flags = "Київ", []
    >>> _ = save_changes(path, [entry])
    >>> print(path.read_text(encoding="utf-8"), end="")
    msgid "Kyiv"
    msgstr "Київ"
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Sequence
from pathlib import Path

import polib

from translator.catalogue.layout import with_changes
from translator.catalogue.read import (
    Fingerprint,
    forms_of,
    open_catalogue,
    parse_catalogue,
    read_catalogue,
)
from translator.errors import OutputError
from translator.fsutil import atomic_write_bytes

log = logging.getLogger(__name__)
_CHARSET = re.compile(r"charset=([A-Za-z0-9_.:-]+)")

__all__ = ["read_catalogue", "save_catalogue", "save_changes", "write_catalogue"]


def write_catalogue(path: str | os.PathLike[str], text: str, encoding: str) -> Fingerprint:
    """Write ``text`` atomically in ``encoding``; OutputError when a character does not fit
    the file's charset. Returns what the file looks like now."""
    target = Path(path)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError as error:
        raise OutputError(
            f"a translation has a character the file's charset ({encoding}) cannot hold: "
            f"{error.object[error.start:error.end]!r}",
            file=target,
        ) from None
    atomic_write_bytes(target, data)
    return Fingerprint.of(target, data)


def save_catalogue(catalogue: polib.POFile, path: str | os.PathLike[str]) -> Fingerprint:
    """Write a catalogue rendered whole by polib (one we built), in its declared charset."""
    match = _CHARSET.search(catalogue.metadata.get("Content-Type", ""))
    encoding = match.group(1) if match and match.group(1).upper() != "CHARSET" else "utf-8"
    return write_catalogue(path, catalogue.__unicode__(), encoding)


def save_changes(path: str | os.PathLike[str], changed: Sequence[polib.POEntry]) -> Fingerprint:
    """Write the ``changed`` entries (msgstr, flags, translator comments) into the file at
    ``path``, keeping every other byte, its wrapping and its line endings."""
    current = open_catalogue(path)
    text = with_changes(current.text, changed, str(current.path))
    fresh = parse_catalogue(text, current.path)
    reread = {(e.msgctxt, e.msgid): e for e in fresh if not e.obsolete}
    if len(fresh) != len(current.po) or any(
        forms_of(reread[(e.msgctxt, e.msgid)]) != forms_of(e) for e in changed
    ):
        raise OutputError("a layout-preserving rewrite failed its self-check; nothing written",
                          file=current.path)
    return write_catalogue(current.path, text, current.encoding)
