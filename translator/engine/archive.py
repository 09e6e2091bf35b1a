"""Package archives (``.argosmodel`` zip files): checked before a byte is extracted.

An archive is refused for zip-slip members, symbolic links, special files, more than one
top folder, a missing metadata.json/model/tokenizer or invalid metadata, all before
extraction; after extraction the model must load. ``open_package`` unpacks a ``--model``
archive once into the cache (keyed by its SHA-256) without touching the store.

Cheap to import: ctranslate2 loads only to verify a model.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from translator import paths
from translator.engine.package import TOKENIZER_FILES, Package, parse_metadata, read_package
from translator.errors import PackageError

__all__ = [
    "MAX_RATIO",
    "MAX_UNPACKED",
    "Checked",
    "blame",
    "check_archive",
    "extract",
    "open_package",
    "open_zip",
    "verify_loadable",
]

# Zip bombs: the largest Argos package (1.9) unpacks to about 500 MB, and model weights,
# tokenizers and vocabularies compress at most ~5:1. zipfile stops each member at its
# declared size (a lying header fails its CRC), so checking declared sizes bounds the disk
# and the time an archive can take.
MAX_UNPACKED = 4 << 30
"""Bytes an archive may unpack to."""
MAX_RATIO = 100
"""Compression ratio a member larger than ``_RATIO_FLOOR`` may have."""
_RATIO_FLOOR = 1 << 20


@dataclass(frozen=True)
class Checked:
    top: str
    metadata: dict[str, Any]
    uncompressed: int


def open_zip(path: Path) -> zipfile.ZipFile:
    """Open an archive or raise the one-line error every corrupt download deserves."""
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError:
        raise PackageError("no such file", file=path) from None
    except IsADirectoryError:
        raise PackageError("is a folder, not an archive", file=path) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        detail = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise PackageError(
            f"not an Argos package: not a zip archive, or a corrupt one ({detail})", file=path
        ) from None


def check_archive(zf: zipfile.ZipFile, path: Path) -> Checked:
    """Refuse unsafe or malformed archives before a single byte is extracted."""
    tops: set[str] = set()
    names: set[str] = set()
    total = 0
    for info in zf.infolist():
        name = info.filename
        posix = name.replace("\\", "/")
        parts = PurePosixPath(posix).parts
        if (
            not posix
            or posix.startswith("/")
            or (len(posix) > 1 and posix[1] == ":")
            or ".." in parts
        ):
            raise PackageError(f"unsafe archive: member {name!r} escapes the package", file=path)
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise PackageError(f"unsafe archive: member {name!r} is a symbolic link", file=path)
        if mode and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode) or stat.S_IFMT(mode) == 0):
            raise PackageError(f"unsafe archive: member {name!r} is a special file", file=path)
        parts = tuple(p for p in parts if p not in ("", "."))
        if not parts:
            continue
        if len(parts) == 1 and not info.is_dir():
            raise PackageError(
                f"not an Argos package: file {name!r} outside the package folder", file=path
            )
        tops.add(parts[0])
        names.add("/".join(parts[1:]) + ("/" if info.is_dir() else ""))
        total += info.file_size
        if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * info.compress_size:
            raise PackageError(
                f"unsafe archive: member {name!r} unpacks to {info.file_size:,} bytes from "
                f"{info.compress_size:,} (more than {MAX_RATIO}:1, a zip bomb?)", file=path)
    if total > MAX_UNPACKED:
        raise PackageError(f"unsafe archive: unpacks to {total:,} bytes, more than "
                           f"{MAX_UNPACKED:,} (a zip bomb?)", file=path)
    if len(tops) != 1:
        found = ", ".join(sorted(tops)) or "nothing"
        raise PackageError(
            f"not an Argos package: expected one top folder, found {found}", file=path
        )
    top = tops.pop()
    if top.startswith("."):
        raise PackageError(f"not an Argos package: bad folder name {top!r}", file=path)
    if "metadata.json" not in names:
        raise PackageError("not an Argos package: no metadata.json", file=path)
    for required in ("model/model.bin", "model/config.json"):
        if required not in names:
            raise PackageError(f"not an Argos package: no {required}", file=path)
    if not any(t in names for t in TOKENIZER_FILES):
        raise PackageError(
            "not an Argos package: no tokenizer (sentencepiece.model or bpe.model)", file=path
        )
    try:
        raw = zf.read(f"{top}/metadata.json")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise PackageError(f"corrupt archive: {error}", file=path) from None
    return Checked(top, parse_metadata(raw, f"{path}:{top}/metadata.json"), total)


def extract(zf: zipfile.ZipFile, checked: Checked, dest: Path, path: Path) -> Path:
    """Extract the checked archive's top folder into ``dest``; returns the folder."""
    free = shutil.disk_usage(dest).free
    if checked.uncompressed > free:
        raise PackageError(
            f"not enough disk space: needs {checked.uncompressed:,} bytes, {free:,} free",
            file=path,
        )
    dest_resolved = dest.resolve()
    try:
        for info in zf.infolist():
            parts = [p for p in PurePosixPath(info.filename.replace("\\", "/")).parts
                     if p not in ("", ".")]
            if not parts:
                continue
            target = dest.joinpath(*parts)
            if not target.resolve().is_relative_to(dest_resolved):  # belt and braces
                raise PackageError(f"unsafe archive: member {info.filename!r}", file=path)
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(info) as source, open(target, "wb") as out:
                shutil.copyfileobj(source, out, 1 << 20)
    except (zipfile.BadZipFile, EOFError, ValueError, zipfile.LargeZipFile) as error:
        raise PackageError(f"corrupt archive: {error}", file=path) from None
    except OSError as error:
        if error.errno == errno.ENOSPC:
            raise PackageError("not enough disk space to unpack", file=path) from None
        raise PackageError(f"cannot unpack: {error.strerror or error}", file=path) from None
    return dest / checked.top


@contextlib.contextmanager
def blame(source: Path) -> Iterator[None]:
    """Report problems found in a staging copy against the file the user named."""
    try:
        yield
    except PackageError as error:
        raise PackageError(error.message, file=source) from None


def verify_loadable(package: Package) -> None:
    """Load the model once (CTranslate2 + tokenizer), so a broken one is never installed."""
    from translator.engine.ctranslate import check_loadable  # heavy import, only here

    check_loadable(package)


def open_package(path: str | os.PathLike[str], *, verify: bool = True) -> Package:
    """A package from a folder or an ``.argosmodel`` file, without installing it.

    Archives are unpacked once into the cache, keyed by their SHA-256, so ``--model
    FILE.argosmodel`` costs an unpack only the first time and never touches the store.
    """
    path = Path(path)
    if path.is_dir():
        return read_package(path)
    if not path.exists():
        raise PackageError("no such package file or folder", file=path)
    digest = _sha256(path)
    root = paths.cache_dir() / "packages"
    final = root / digest[:32]
    cached = _cached_package(final)
    if cached is not None:
        return cached
    with open_zip(path) as zf:
        checked = check_archive(zf, path)
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".unpack-", dir=root))
        try:
            folder = extract(zf, checked, tmp, path)
            with blame(path):
                package = read_package(folder)
                if verify:
                    verify_loadable(package)
            try:
                os.rename(tmp, final)
            except OSError:  # another process unpacked the same archive first
                cached = _cached_package(final)
                if cached is None:
                    raise
                return cached
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return read_package(final / checked.top)


def _cached_package(folder: Path) -> Package | None:
    """The package already unpacked in ``folder`` (one sub-folder), if it is intact."""
    if not folder.is_dir():
        return None
    subdirs = [p for p in folder.iterdir() if p.is_dir()]
    if len(subdirs) != 1:
        return None
    try:
        return read_package(subdirs[0])
    except PackageError:
        return None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as error:
        raise PackageError(f"cannot read: {error.strerror}", file=path) from None
    return digest.hexdigest()
