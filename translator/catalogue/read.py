"""Reading PO/POT files: the one place polib parses a catalogue and its errors are mapped.

Whatever reads a catalogue (translate, check, review, a PO glossary) gets the same rules:
the declared charset honoured, bytes that are not valid in it reported as ``file:line``,
syntax polib forgives but msgfmt rejects (an unterminated string) refused with its line,
and a duplicate message definition refused, so that nothing downstream writes one entry's
edit into another.

    >>> po = parse_catalogue('msgid "Kyiv"\\nmsgstr "Київ"\\n', "uk.po")
    >>> po.find("Kyiv").msgstr
    'Київ'
    >>> parse_catalogue('msgid "a"\\nmsgstr "b\\n', "uk.po")
    Traceback (most recent call last):
    ...
    translator.errors.CatalogueError: uk.po:2: unterminated string
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

import polib

from translator.errors import CatalogueError, InputError
from translator.fsutil import read_bytes

WRAP_WIDTH = 78
"""polib's width for catalogues we render whole (new ones)."""

_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")
_STRING = r'"(?:[^"\\]|\\.)*"'
_LINE = re.compile(rf"(?:(?:msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])\s+)?{_STRING}\s*")
_SYNTAX_ERROR = re.compile(r"\(line (\d+)\)(?::\s*(.*))?")


@dataclass(frozen=True)
class Fingerprint:
    """What a file looked like when we read or wrote it: enough to tell that it changed."""

    mtime_ns: int
    size: int
    sha256: str

    @classmethod
    def of(cls, path: Path, data: bytes | None = None) -> Fingerprint:
        stat = os.stat(path)
        if data is None:
            data = Path(path).read_bytes()
        return cls(stat.st_mtime_ns, stat.st_size, hashlib.sha256(data).hexdigest())


@dataclass
class CatalogueFile:
    """A catalogue as read: its bytes and text (for layout-preserving writes), what polib
    understood of it, and the fingerprint a later write compares against."""

    path: Path
    data: bytes
    text: str
    encoding: str
    po: polib.POFile
    fingerprint: Fingerprint


def declared_charset(data: bytes) -> str:
    """The header's ``charset=`` (UTF-8 when absent or the POT placeholder ``CHARSET``)."""
    match = _CHARSET.search(data[:8192])
    encoding = match.group(1).decode("ascii") if match else "UTF-8"
    return "UTF-8" if encoding.upper() == "CHARSET" else encoding


def open_catalogue(path: str | os.PathLike[str]) -> CatalogueFile:
    """Read and parse ``path``; InputError when unreadable or not in its charset,
    CatalogueError (with the line) when malformed."""
    target = Path(path)
    try:
        data = read_bytes(target)  # regular files only, size-bounded
        fingerprint = Fingerprint.of(target, data)
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", file=target) from None
    encoding = declared_charset(data)
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise CatalogueError(f"unknown charset {encoding!r} in the header", file=target) from None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputError(
            f"not valid {encoding} at byte {error.start}", file=target, line=line
        ) from None
    po = parse_catalogue(text, target)
    po.fpath = str(target)
    po.encoding = encoding
    return CatalogueFile(target, data, text, encoding, po, fingerprint)


def read_catalogue(path: str | os.PathLike[str]) -> polib.POFile:
    """The parsed catalogue at ``path`` (see :func:`open_catalogue` for the errors)."""
    return open_catalogue(path).po


def parse_catalogue(text: str, path: str | os.PathLike[str]) -> polib.POFile:
    """Parse PO text read from ``path``; CatalogueError naming the line when malformed."""
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
    return catalogue


def _check_syntax(text: str, path: str | os.PathLike[str]) -> None:
    """What polib forgives and msgfmt does not: unterminated or stray strings."""
    for number, line in enumerate(text.split("\n"), 1):
        if "\x00" in line:
            raise CatalogueError("a NUL byte (a PO file is text)", file=path, line=number)
        stripped = line.strip().lstrip("\ufeff") if number == 1 else line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not _LINE.fullmatch(stripped):
            quotes = len(re.findall(r'(?<!\\)"', stripped))
            problem = "unterminated string" if quotes % 2 else f"syntax error: {stripped[:40]!r}"
            raise CatalogueError(problem, file=path, line=number)


def forms_of(entry: polib.POEntry) -> tuple[str, ...]:
    """The msgstr of an entry, one string per plural form (in index order)."""
    if entry.msgid_plural:
        return tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
    return (entry.msgstr,)
