"""Atomic file writes and bounded reads.

A reader sees the old file or the new one, never half of either; a write through a symlink
lands at the link's target and keeps the link; temp files a killed run left behind are
removed on the next write of the same file. Reads take regular files only, up to a size
limit, so a name from someone else's file (``X-Source-File: /dev/zero``) cannot hang or
exhaust the process.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import time
from pathlib import Path

from translator.errors import InputError, OutputError

# Larger than any article or catalogue we have seen by two orders of magnitude (the
# largest test catalogue is ~5 MB); a file past it is refused, not read.
MAX_INPUT_BYTES = 64 * 1024 * 1024
# A temp file of ours this old is a leftover of a killed run: a live write refreshes its
# temp file's mtime as it writes, and finishes in seconds.
STALE_TEMP_SECONDS = 10 * 60
# tempfile.mkstemp's random part: 8 characters of this alphabet (CPython's
# tempfile._RandomNameSequence); matched exactly so only our own leftovers are removed.
_TEMP_RANDOM = r"[a-z0-9_]{8}"


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` through a temp file in the same directory, fsync, rename."""
    atomic_write_bytes(path, text.encode(encoding))


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; keeps the old file's permissions.

    A symlink is written through: the new content replaces the link's target (atomically,
    beside the target) and the link stays a link.
    """
    target = _through_links(Path(path))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(target)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise OutputError(f"cannot write here: {error.strerror}", file=target.parent) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write: {error.strerror}", file=target) from None
    _fsync_dir(target.parent)


def _through_links(path: Path) -> Path:
    """The file a write to ``path`` must replace: the final target when it is a symlink."""
    if not path.is_symlink():
        return path
    target = Path(os.path.realpath(path))
    if target.is_symlink():  # realpath gives up on a loop and returns a link
        raise OutputError("symbolic link loop", file=path)
    return target


def remove_stale_temps(target: Path, *, older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Delete ``.<name>.<random>.tmp`` files that a killed write of ``target`` left.

    Only names of exactly our pattern, regular files (not links) owned by this user and
    untouched for ``older_than`` seconds: a write in progress, another program's file or
    a file the user named so are kept. Returns what was removed.
    """
    pattern = re.compile(re.escape(f".{target.name}.") + _TEMP_RANDOM + r"\.tmp")
    removed: list[Path] = []
    now = time.time()
    try:
        names = os.listdir(target.parent)
    except OSError:
        return removed
    for name in names:
        if not pattern.fullmatch(name):
            continue
        candidate = target.parent / name
        try:
            info = candidate.lstat()
            if (stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid()
                    and now - info.st_mtime > older_than):
                candidate.unlink()
                removed.append(candidate)
        except OSError:
            continue  # gone meanwhile, or not ours to remove
    return removed


def _fsync_dir(directory: Path) -> None:
    """Make the rename durable (POSIX); a no-op where directories cannot be opened."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def read_bytes(path: str | os.PathLike[str], *, limit: int | None = None) -> bytes:
    """A regular file's bytes, at most ``limit`` of them (default ``MAX_INPUT_BYTES``);
    InputError for anything else (a device, a FIFO, a directory, a file past the limit)."""
    target = Path(path)
    limit = MAX_INPUT_BYTES if limit is None else limit
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; no effect on regular files
        fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", file=target) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
        os.close(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError("cannot read: not a regular file", file=target)
        raise InputError(f"too large ({info.st_size:,} bytes; the limit is {limit:,})",
                         file=target)
    with os.fdopen(fd, "rb") as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as error:
            raise InputError(f"cannot read: {error.strerror or error}", file=target) from None
    if len(data) > limit:  # grew since fstat
        raise InputError(f"too large (over {limit:,} bytes)", file=target)
    return data


def read_text(path: str | os.PathLike[str], *, limit: int | None = None) -> str:
    """A UTF-8 regular file's text (see ``read_bytes``); InputError naming the file, line
    and byte where it is not UTF-8."""
    target = Path(path)
    data = read_bytes(target, limit=limit)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputError(f"not valid UTF-8 at byte {error.start}", file=target,
                         line=line) from None
