"""Argos Translate packages: the shared store, safe installs, and routes between languages.

The store is Argos's own package directory (``paths.argos_package_dir()``): a package that
``argospm`` installed is listed and used here, and one installed here is a folder exactly
like the one ``argostranslate.package.install_from_path`` would have extracted (the archive's
top folder, unchanged). Unlike that function, an archive is checked before anything is
extracted (zip-slip, symlinks, layout, metadata), extracted into a staging folder beside the
store, checked again (the model must load), and only then renamed into place: a refused or
interrupted install leaves nothing in the store.

Cheap to import: no ctranslate2, no sentencepiece, no argostranslate.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import logging
import os
import shutil
import stat
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from translator import paths
from translator.errors import LanguageError, ModelNotFound, PackageError

__all__ = [
    "PIVOT",
    "Package",
    "install",
    "install_from_index",
    "installed",
    "open_package",
    "read_package",
    "remove",
    "route",
]

log = logging.getLogger(__name__)

PIVOT = "en"
TOKENIZER_FILES = ("sentencepiece.model", "bpe.model")
_STAGING = ".translator-staging"
_INSTALL_HINT = "install one with `translator models install {src} {tgt}` (online) or " \
    "`translator models install FILE.argosmodel`"

ProgressCallback = Callable[[int, "int | None"], None]


@dataclass(frozen=True)
class Package:
    """An installed or unpacked Argos translation package, read from its metadata.json."""

    path: Path
    from_code: str
    to_code: str
    from_name: str
    to_name: str
    version: str
    model_dir: Path
    tokenizer: Path
    target_prefix: str
    size_bytes: int

    @property
    def pair(self) -> str:
        """``en→uk``: how messages name a package."""
        return f"{self.from_code}→{self.to_code}"

    @property
    def tokenizer_kind(self) -> str:
        """``sentencepiece`` or ``bpe`` (the engine supports only the former)."""
        return "bpe" if self.tokenizer.name == "bpe.model" else "sentencepiece"


# --------------------------------------------------------------------------- reading


def read_package(folder: str | os.PathLike[str]) -> Package:
    """Read and check a package folder: metadata.json, model/, tokenizer.

    Raises ``PackageError`` naming the folder and what is missing, so that a broken
    package is reported once, clearly, instead of failing later inside CTranslate2.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise PackageError("not a package folder", file=folder)
    try:
        raw = (folder / "metadata.json").read_bytes()
    except FileNotFoundError:
        raise PackageError("not an Argos package: no metadata.json", file=folder) from None
    except OSError as error:
        raise PackageError(f"cannot read metadata.json: {error.strerror}", file=folder) from None
    meta = _parse_metadata(raw, folder)
    model_dir = folder / "model"
    for required in ("model.bin", "config.json"):
        if not (model_dir / required).is_file():
            raise PackageError(f"not an Argos package: no model/{required}", file=folder)
    tokenizer = next((folder / n for n in TOKENIZER_FILES if (folder / n).is_file()), None)
    if tokenizer is None:
        raise PackageError(
            "not an Argos package: no tokenizer (sentencepiece.model or bpe.model)", file=folder
        )
    return Package(
        path=folder,
        from_code=meta["from_code"],
        to_code=meta["to_code"],
        from_name=str(meta.get("from_name", "")),
        to_name=str(meta.get("to_name", "")),
        version=str(meta.get("package_version", "")),
        model_dir=model_dir,
        tokenizer=tokenizer,
        target_prefix=str(meta.get("target_prefix") or ""),
        size_bytes=_tree_size(folder),
    )


def _parse_metadata(raw: bytes, where: Path | str) -> dict[str, Any]:
    """metadata.json as a dict with the keys argostranslate needs for a translation package."""
    try:
        meta = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise PackageError(f"invalid metadata.json: {error}", file=where) from None
    if not isinstance(meta, dict):
        raise PackageError("invalid metadata.json: not a JSON object", file=where)
    kind = meta.get("type", "translate")
    if kind != "translate":
        raise PackageError(f"a {kind!r} package, not a translation package", file=where)
    for key in ("from_code", "to_code"):
        if not isinstance(meta.get(key), str) or not meta[key].strip():
            raise PackageError(f"invalid metadata.json: no {key}", file=where)
        meta[key] = meta[key].strip()
    return meta


def _tree_size(folder: Path) -> int:
    """Bytes on disk of every file under ``folder`` (what ``models list`` shows)."""
    total = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                pass
    return total


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
    newest_first = sorted(found, key=lambda p: _version_key(p.version), reverse=True)
    return sorted(newest_first, key=lambda p: (p.from_code, p.to_code))  # stable


def _version_key(version: str) -> tuple[int, Any]:
    """Sort key for package versions: PEP 440 when it parses, else the plain string."""
    from packaging.version import InvalidVersion, Version

    try:
        return (1, Version(version))
    except InvalidVersion:
        return (0, version)


# --------------------------------------------------------------------------- routes


def route(packages: Sequence[Package], src: str, tgt: str) -> list[Package]:
    """The packages that take ``src`` to ``tgt``: the direct one, else two via English.

    Argos pivots the same way. With several packages for one pair, the first in
    ``packages`` wins: put ``--model`` packages before ``installed()`` (newest first). Raises ``ModelNotFound`` naming the pair, what is installed and how to install one.
    """
    src, tgt = src.strip().lower(), tgt.strip().lower()
    if src == tgt:
        raise LanguageError(f"source and target language are both {src!r}")
    best: dict[tuple[str, str], Package] = {}
    for package in packages:
        best.setdefault((package.from_code.lower(), package.to_code.lower()), package)
    if (src, tgt) in best:
        return [best[src, tgt]]
    if PIVOT not in (src, tgt) and (src, PIVOT) in best and (PIVOT, tgt) in best:
        return [best[src, PIVOT], best[PIVOT, tgt]]
    pairs = ", ".join(sorted(f"{a}→{b}" for a, b in best)) or "none"
    via = f" (directly or via {PIVOT})" if PIVOT not in (src, tgt) else ""
    raise ModelNotFound(
        f"no installed model for {src}→{tgt}{via}; installed: {pairs}; "
        + _INSTALL_HINT.format(src=src, tgt=tgt)
    )


# --------------------------------------------------------------------------- archives


@dataclass(frozen=True)
class _Checked:
    top: str
    metadata: dict[str, Any]
    uncompressed: int


def _open_zip(path: Path) -> zipfile.ZipFile:
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


def _check_archive(zf: zipfile.ZipFile, path: Path) -> _Checked:
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
    if len(tops) != 1:
        found = ", ".join(sorted(tops)) or "nothing"
        raise PackageError(
            f"not an Argos package: expected one top folder, found {found}", file=path
        )
    top = tops.pop()
    if top.startswith(".") or top in (_STAGING,):
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
    return _Checked(top, _parse_metadata(raw, f"{path}:{top}/metadata.json"), total)


def _extract(zf: zipfile.ZipFile, checked: _Checked, dest: Path, path: Path) -> Path:
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
def _blame(source: Path) -> Iterator[None]:
    """Report problems found in a staging copy against the file the user named."""
    try:
        yield
    except PackageError as error:
        raise PackageError(error.message, file=source) from None


def _verify_loadable(package: Package) -> None:
    """Load the model once (CTranslate2 + tokenizer), so a broken one is never installed."""
    from translator.engine.ctranslate import check_loadable  # heavy import, only here

    check_loadable(package)


# --------------------------------------------------------------------------- opening


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
    with _open_zip(path) as zf:
        checked = _check_archive(zf, path)
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".unpack-", dir=root))
        try:
            folder = _extract(zf, checked, tmp, path)
            with _blame(path):
                package = read_package(folder)
                if verify:
                    _verify_loadable(package)
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


# --------------------------------------------------------------------------- installing


def install(
    source: str | os.PathLike[str],
    directory: str | os.PathLike[str] | None = None,
    *,
    verify: bool = True,
) -> Package:
    """Install an ``.argosmodel`` file or a package folder into the Argos store.

    The result is the folder Argos itself would have made. An installed package for the
    same pair is replaced (one package per pair keeps routes unambiguous for us and Argos).
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
            with _open_zip(source) as zf:
                checked = _check_archive(zf, source)
                folder = _extract(zf, checked, tmp, source)
        with _blame(source):
            package = read_package(folder)
            if package.tokenizer_kind == "bpe":
                raise PackageError(_bpe_message(package))
            if verify:
                _verify_loadable(package)
        destination = store / folder.name
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


# --------------------------------------------------------------------------- the index


def install_from_index(
    src: str,
    tgt: str,
    *,
    directory: str | os.PathLike[str] | None = None,
    progress: ProgressCallback | None = None,
    timeout: float = 30.0,
) -> Package:
    """Download the ``src→tgt`` package from Argos's package index and install it.

    Uses the index URL argostranslate uses (``ARGOS_PACKAGE_INDEX``) but not its code:
    ``argostranslate.package`` creates folders at import, has no download progress, and
    when offline its ``get_available_packages`` recurses until RecursionError. Reports
    ``progress(bytes_done, bytes_total_or_None)`` while downloading.
    """
    src, tgt = src.strip().lower(), tgt.strip().lower()
    index = fetch_index(timeout=timeout)
    candidates = [
        entry for entry in index
        if isinstance(entry, dict)
        and entry.get("type", "translate") == "translate"
        and str(entry.get("from_code", "")).lower() == src
        and str(entry.get("to_code", "")).lower() == tgt
        and entry.get("links")
    ]
    if not candidates:
        pairs = {(str(e.get("from_code")), str(e.get("to_code"))) for e in index
                 if isinstance(e, dict)}
        hint = ""
        if (src, PIVOT) in pairs and (PIVOT, tgt) in pairs:
            hint = f"; install {src}→{PIVOT} and {PIVOT}→{tgt} to translate via {PIVOT}"
        raise ModelNotFound(f"the Argos package index has no {src}→{tgt} package{hint}")
    entry = max(candidates, key=lambda e: _version_key(str(e.get("package_version", ""))))
    downloads = paths.cache_dir() / "downloads"
    name = f"translate-{src}_{tgt}-{entry.get('package_version', '0')}.argosmodel"
    file = _download(list(entry["links"]), downloads / name, progress, timeout)
    try:
        return install(file, directory)
    finally:
        file.unlink(missing_ok=True)


def fetch_index(*, timeout: float = 30.0) -> list[Any]:
    """The Argos package index (a JSON list of package metadata)."""
    import urllib.error
    import urllib.request

    url = paths.argos_index_url()
    try:
        request = urllib.request.Request(url, headers={"User-Agent": "translator"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read()
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or error
        raise PackageError(f"cannot reach the Argos package index: {reason} ({url})") from None
    try:
        index = json.loads(data)
    except ValueError as error:
        raise PackageError(f"invalid Argos package index: {error} ({url})") from None
    if not isinstance(index, list):
        raise PackageError(f"invalid Argos package index: not a list ({url})")
    return index


def _download(
    links: Iterable[str], target: Path, progress: ProgressCallback | None, timeout: float
) -> Path:
    """Stream the first link that works into ``target`` (via a ``.part`` file)."""
    import urllib.error
    import urllib.request

    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    errors = []
    for link in links:
        try:
            request = urllib.request.Request(link, headers={"User-Agent": "translator"})
            with urllib.request.urlopen(request, timeout=timeout) as response, \
                    open(part, "wb") as out:
                length = response.headers.get("Content-Length")
                total = int(length) if length and length.isdigit() else None
                done = 0
                if progress:
                    progress(0, total)
                while block := response.read(1 << 16):
                    out.write(block)
                    done += len(block)
                    if progress:
                        progress(done, total)
            os.replace(part, target)
            return target
        except (urllib.error.URLError, OSError, ValueError) as error:
            errors.append(f"{link}: {getattr(error, 'reason', None) or error}")
        finally:
            part.unlink(missing_ok=True)
    raise PackageError("download failed: " + "; ".join(errors or ["no links"]))
