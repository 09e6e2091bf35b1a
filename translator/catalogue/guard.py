"""What keeps two writers of one catalogue from losing each other's work.

Every writer (translate, ``check --fix``, review, the memory) takes an advisory lock on a
sibling file (``.name.po.lock``, ``fcntl.flock``) for the moment of its write, and compares
the file with the fingerprint it recorded when it read it (compare-and-swap). If the file
changed in between, the writer merges the other side's changes or refuses with one line;
it never silently wins. A writer that does not take the lock (a text editor, a polib
script) is still caught by the comparison, made under the lock just before the rename.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "uk.po"
    >>> with locked(path):
    ...     sorted(p.name for p in path.parent.iterdir())
    ['.uk.po.lock']
    >>> sorted(p.name for p in path.parent.iterdir())
    []
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from translator.catalogue.read import Fingerprint
from translator.errors import OutputError


class ChangedOnDisk(OutputError):
    """The catalogue was changed by someone else since we read it, in a way we cannot merge."""


def lock_path(path: Path) -> Path:
    """The sibling lock file of a catalogue (hidden, beside it)."""
    return path.with_name(f".{path.name}.lock")


@contextmanager
def locked(path: str | os.PathLike[str]) -> Iterator[None]:
    """Hold the advisory write lock of the catalogue at ``path`` (blocking until it is free).

    The lock file is removed on release; a waiter that locked a file already removed
    notices (the inode at the path is not the one it holds) and locks again.
    """
    target = lock_path(Path(path))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot write here: {error.strerror}", file=target.parent) from None
    while True:
        try:
            fd = os.open(target, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise OutputError(f"cannot lock: {error.strerror}", file=target) from None
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            same = os.stat(target).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        yield
    finally:
        try:
            os.unlink(target)
        except OSError:
            pass  # already gone or not ours to remove: the lock itself is released below
        os.close(fd)


def on_disk(path: str | os.PathLike[str]) -> Fingerprint | None:
    """The fingerprint of the file at ``path`` now; None when there is none."""
    try:
        return Fingerprint.of(Path(path))
    except FileNotFoundError:
        return None
    except OSError as error:
        raise OutputError(f"cannot read: {error.strerror}", file=path) from None


def changed_since(path: str | os.PathLike[str], read: Fingerprint | None) -> bool:
    """Whether the file's content differs from what was read (None: there was no file)."""
    now = on_disk(path)
    if now is None or read is None:
        return (now is None) != (read is None)
    return now.sha256 != read.sha256
