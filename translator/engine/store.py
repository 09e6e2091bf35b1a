"""The package store: Argos's own package directory, listed, installed into, removed from.

The store is ``paths.argos_package_dir()``: a package that ``argospm`` installed is listed
and used here, and one installed here is a folder exactly like the one
``argostranslate.package.install_from_path`` would have extracted (the archive's top
folder, unchanged). Unlike that function, an install is staged beside the store, checked
(``archive``), and only then renamed into place: a refused or interrupted install leaves
nothing in the store.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from pathlib import Path

from translator import paths
from translator.engine.archive import blame, check_archive, extract, open_zip, verify_loadable
from translator.engine.package import Package, read_package, version_key
from translator.errors import ModelNotFound, PackageError

__all__ = ["install", "installed", "remove"]

log = logging.getLogger(__name__)

_STAGING = ".translator-staging"


def installed(directory: str | os.PathLike[str] | None = None) -> list[Package]:
    """Packages in the Argos store (or ``directory``), sorted by pair, newest first.

    Folders that are not translation packages (sbd packages, junk, half-copied folders
    from other tools) are skipped with a warning rather than failing the whole listing.
    """
    store = Path(directory) if directory is not None else paths.argos_package_dir()
    if not store.is_dir():
        return []
    found = []
    for child in sorted(store.iterdir()):
        if child.name.startswith(".") or not child.is_dir():
            continue
        try:
            found.append(read_package(child))
        except PackageError as error:
            log.warning("skipping %s", error)
    newest_first = sorted(found, key=lambda p: version_key(p.version), reverse=True)
    return sorted(newest_first, key=lambda p: (p.from_code, p.to_code))  # stable


def install(
    source: str | os.PathLike[str],
    directory: str | os.PathLike[str] | None = None,
    *,
    verify: bool = True,
) -> Package:
    """Install an ``.argosmodel`` file or a package folder into the Argos store.

    The result is the folder Argos itself would have made. An installed package for the
    same pair is replaced (one package per pair keeps routes unambiguous for us and Argos);
    a store folder of the same name that is not a package, or is another pair's, is not.
    """
    source = Path(source)
    store = Path(directory) if directory is not None else paths.argos_package_dir()
    try:
        store.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PackageError(f"cannot create the package store: {error.strerror}",
                           file=store) from None
    staging = _staging_dir(store)
    tmp = Path(tempfile.mkdtemp(prefix="install-", dir=staging))
    try:
        if source.is_dir():
            checked_top = source.name
            read_package(source)
            if checked_top.startswith("."):
                raise PackageError(f"bad package folder name {checked_top!r}", file=source)
            try:
                shutil.copytree(source, tmp / checked_top, symlinks=True)
            except (OSError, shutil.Error) as error:
                raise PackageError(f"cannot copy: {error}", file=source) from None
            folder = tmp / checked_top
            if any(p.is_symlink() for p in folder.rglob("*")):
                raise PackageError("unsafe package: contains symbolic links", file=source)
        else:
            with open_zip(source) as zf:
                checked = check_archive(zf, source)
                folder = extract(zf, checked, tmp, source)
        with blame(source):
            package = read_package(folder)
            if package.tokenizer_kind == "bpe":
                raise PackageError(_bpe_message(package))
            if verify:
                verify_loadable(package)
        destination = store / folder.name
        _check_replaceable(destination, package, source)
        replaced = [p for p in installed(store)
                    if (p.from_code, p.to_code) == (package.from_code, package.to_code)]
        _move_into_place(folder, destination, tmp)
        for old in replaced:
            if old.path != destination:
                _remove_folder(old.path, store)
        if replaced:
            log.info("replaced %s", ", ".join(str(p.path) for p in replaced))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        _drop_if_empty(staging)
    log.info("installed %s %s into %s", package.pair, package.version, destination)
    return read_package(destination)


def _check_replaceable(destination: Path, package: Package, source: Path) -> None:
    """Refuse to install over a folder that is not the same pair's package: the name comes
    from the archive, the folder may be a user's own or another pair's package."""
    if not os.path.lexists(destination):
        return
    hint = f"move {destination} away or choose another archive"
    if destination.is_symlink() or not destination.is_dir():
        raise PackageError(f"{destination.name} in the store is not a package folder; "
                           f"not replaced ({hint})", file=source)
    try:
        existing = read_package(destination)
    except PackageError:
        raise PackageError(f"{destination.name} in the store is not an Argos package; "
                           f"not replaced ({hint})", file=source) from None
    pair = (package.from_code.lower(), package.to_code.lower())
    if (existing.from_code.lower(), existing.to_code.lower()) != pair:
        raise PackageError(
            f"{destination.name} in the store is the {existing.pair} package, this archive is "
            f"{package.pair}; not replaced (remove it first with `translator models remove "
            f"{existing.from_code} {existing.to_code}`)", file=source)


def _bpe_message(package: Package) -> str:
    return (
        f"{package.pair} uses a BPE tokenizer (bpe.model), which this tool does not support; "
        "use a SentencePiece package (sentencepiece.model), as all current Argos packages are"
    )


def _move_into_place(folder: Path, destination: Path, tmp: Path) -> None:
    """Rename the staged folder into the store; an old folder of that name is swapped out."""
    old = None
    if destination.exists():
        old = tmp / ".old"
        os.rename(destination, old)
    try:
        os.rename(folder, destination)
    except OSError as error:
        if old is not None:
            os.rename(old, destination)
        raise PackageError(f"cannot install: {error.strerror}", file=destination) from None


def _staging_dir(store: Path) -> Path:
    """Where installs are unpacked: beside the store, never in it, so Argos (which lists
    every folder in the store and fails on one without metadata.json) never sees a half
    package, even after a crash. Falls back to a hidden folder inside the store only when
    the parent is unwritable or on another file system (a rename would then not be atomic).
    """
    for candidate in (store.parent / _STAGING, store / _STAGING):
        try:
            candidate.mkdir(exist_ok=True)
            if os.stat(candidate).st_dev == os.stat(store).st_dev and os.access(
                candidate, os.W_OK
            ):
                _clean_stale(candidate)
                return candidate
        except OSError:
            continue
    raise PackageError("cannot write next to or inside the package store", file=store)


def _clean_stale(staging: Path, age_seconds: float = 3600) -> None:
    """Remove leftovers of installs that were killed (older than an hour)."""
    now = time.time()
    for entry in staging.iterdir():
        try:
            if now - entry.stat().st_mtime > age_seconds:
                shutil.rmtree(entry, ignore_errors=True)
        except OSError:
            pass


def _drop_if_empty(staging: Path) -> None:
    """Leave no trace of the staging folder once nothing is staged in it."""
    try:
        staging.rmdir()
    except OSError:
        pass


def _remove_folder(folder: Path, store: Path) -> None:
    """Take a package folder out of the store atomically, then delete it."""
    staging = _staging_dir(store)
    trash = Path(tempfile.mkdtemp(prefix="remove-", dir=staging))
    try:
        os.rename(folder, trash / folder.name)
    except OSError as error:
        raise PackageError(f"cannot remove: {error.strerror}", file=folder) from None
    finally:
        shutil.rmtree(trash, ignore_errors=True)
        _drop_if_empty(staging)


def remove(from_code: str, to_code: str, directory: str | os.PathLike[str] | None = None) -> Path:
    """Remove the installed ``from_code→to_code`` package(s); returns the removed folder."""
    store = Path(directory) if directory is not None else paths.argos_package_dir()
    packages = installed(store)
    matches = [p for p in packages
               if (p.from_code.lower(), p.to_code.lower()) == (from_code.lower(), to_code.lower())]
    if not matches:
        pairs = ", ".join(p.pair for p in packages) or "none"
        raise ModelNotFound(
            f"no installed {from_code}→{to_code} package in {store}; installed: {pairs}"
        )
    for package in matches:
        _remove_folder(package.path, store)
    return matches[0].path
