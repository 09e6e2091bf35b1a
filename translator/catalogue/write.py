"""Writing catalogues: whole (a catalogue we render with polib) or by changed entries (the
rest of the file kept byte for byte), always atomically, under the catalogue's lock and
only over the file as it was read (see :mod:`.guard`).

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "uk.po"
    >>> _ = path.write_text('#, fuzzy\\nmsgid "Kyiv"\\nmsgstr "Киев"\\n', encoding="utf-8")
    >>> read = open_catalogue(path)
    >>> entry = read.po.find("Kyiv")
    >>> entry.msgstr, entry.flags = "Київ", []
    >>> _ = save_changes(path, [entry], base=read)
    >>> print(path.read_text(encoding="utf-8"), end="")
    msgid "Kyiv"
    msgstr "Київ"
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polib

from translator.catalogue.guard import ChangedOnDisk, changed_since, locked
from translator.catalogue.layout import with_changes
from translator.catalogue.merge import entry_state, reconcile
from translator.catalogue.read import (
    CatalogueFile,
    Fingerprint,
    forms_of,
    open_catalogue,
    parse_catalogue,
)
from translator.errors import OutputError
from translator.fsutil import atomic_write_bytes

log = logging.getLogger(__name__)
_CHARSET = re.compile(r"charset=([A-Za-z0-9_.:-]+)")


@dataclass(frozen=True)
class Written:
    """A catalogue as written: its fingerprint (for the next compare-and-swap) and the
    entries as they read now (line numbers of the new text)."""

    fingerprint: Fingerprint
    catalogue: polib.POFile


def write_catalogue(
    path: str | os.PathLike[str], text: str, encoding: str, *, expected: Fingerprint | None
) -> Fingerprint:
    """Write ``text`` in ``encoding``, atomically and under the catalogue's lock.

    ``expected`` is the file as read: if its content changed since (and it still exists),
    ChangedOnDisk is raised and nothing is written. None writes without comparing: only for
    a target the person chose to overwrite. OutputError when a character does not fit the
    file's charset.
    """
    target = real_path(path)
    data = _encode(text, encoding, target)
    with locked(target):
        if expected is not None and target.exists() and changed_since(target, expected):
            raise ChangedOnDisk("changed on disk since it was opened", file=target)
        atomic_write_bytes(target, data)
        return Fingerprint.of(target, data)


def save_catalogue(
    catalogue: polib.POFile, path: str | os.PathLike[str], *, base: CatalogueFile | None = None
) -> Fingerprint:
    """Write a catalogue rendered whole by polib (one we built), in its declared charset.

    ``base`` is the file this catalogue was built over, as read (None: there was none). If
    the file changed since, what the other writer changed is merged in first
    (:func:`~translator.catalogue.merge.reconcile`: a person's approval or edit wins over
    machine output); an entry two people changed differently refuses the write.
    """
    target = real_path(path)
    with locked(target):
        if changed_since(target, base.fingerprint if base else None) and target.exists():
            theirs = open_catalogue(target)
            before = parse_catalogue(base.text, target) if base else None
            taken = reconcile(catalogue, before, theirs.po, str(target))
            log.warning("%s changed on disk while we worked; kept %d of its entries", target,
                        taken)
        data = _encode(catalogue.__unicode__(), _charset(catalogue), target)
        atomic_write_bytes(target, data)
        return Fingerprint.of(target, data)


def save_changes(
    path: str | os.PathLike[str],
    changed: Sequence[polib.POEntry],
    *,
    base: CatalogueFile | None = None,
) -> Written:
    """Write the ``changed`` entries (msgstr, flags, translator comments) into the file at
    ``path``, keeping every other byte, its wrapping and its line endings.

    The entries are laid over the file as it is now, so other entries changed on disk
    since ``base`` was read are kept; if one of the ``changed`` entries was itself changed
    on disk, ChangedOnDisk is raised and nothing is written. Without ``base`` the entries'
    state on disk is not compared (the caller read the file just before).
    """
    with locked(real_path(path)):
        current = open_catalogue(real_path(path))
        if base is not None and current.fingerprint.sha256 != base.fingerprint.sha256:
            _refuse_overlaps(current, base, changed)
        text = with_changes(current.text, changed, str(current.path))
        fresh = parse_catalogue(text, current.path)
        reread = {(e.msgctxt, e.msgid): e for e in fresh if not e.obsolete}
        if len(fresh) != len(current.po) or any(
            forms_of(reread[(e.msgctxt, e.msgid)]) != forms_of(e) for e in changed
        ):
            raise OutputError("a layout-preserving rewrite failed its self-check; nothing "
                              "written", file=current.path)
        data = _encode(text, current.encoding, current.path)
        atomic_write_bytes(current.path, data)
        return Written(Fingerprint.of(current.path, data), fresh)


def real_path(path: str | os.PathLike[str]) -> Path:
    """Where a write must land: a catalogue that is a symlink is written at its target
    (replacing the link by a regular file would leave the target stale)."""
    return Path(os.path.realpath(path))


def _refuse_overlaps(
    current: CatalogueFile, base: CatalogueFile, changed: Sequence[polib.POEntry]
) -> None:
    """ChangedOnDisk naming the first of ``changed`` that someone else changed since ``base``."""
    before = {(e.msgctxt, e.msgid): e for e in parse_catalogue(base.text, base.path)}
    now = {(e.msgctxt, e.msgid): e for e in current.po if not e.obsolete}
    for entry in changed:
        key = (entry.msgctxt, entry.msgid)
        old, new = before.get(key), now.get(key)
        if old is None or new is None or entry_state(old) != entry_state(new):
            raise ChangedOnDisk(
                f"{entry.msgid[:40]!r} was changed on disk since it was read; nothing written",
                file=current.path,
                line=new.linenum if new is not None else None,
            )


def _charset(catalogue: polib.POFile) -> str:
    match = _CHARSET.search(catalogue.metadata.get("Content-Type", ""))
    return match.group(1) if match and match.group(1).upper() != "CHARSET" else "utf-8"


def _encode(text: str, encoding: str, target: Path) -> bytes:
    if "\x00" in text:  # the .mo would cut the string there; refused rather than written raw
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise OutputError("a NUL character cannot be written into a catalogue; nothing "
                          "written", file=target, line=line)
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as error:
        raise OutputError(
            f"a translation has a character the file's charset ({encoding}) cannot hold: "
            f"{error.object[error.start:error.end]!r}",
            file=target,
        ) from None
