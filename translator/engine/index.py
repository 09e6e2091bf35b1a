"""Argos's online package index: find a pair's newest package, download it, install it.

Uses the index URL argostranslate uses (``ARGOS_PACKAGE_INDEX``) but not its code:
``argostranslate.package`` creates folders at import, has no download progress, and when
offline its ``get_available_packages`` recurses until RecursionError.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from translator import paths
from translator.engine.package import Package, is_language_code, version_key
from translator.engine.routing import PIVOT
from translator.engine.store import install
from translator.errors import LanguageError, ModelNotFound, PackageError

__all__ = ["fetch_index", "install_from_index"]

ProgressCallback = Callable[[int, "int | None"], None]


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
    for code in (src, tgt):
        if not is_language_code(code):
            raise LanguageError(f"{code!r} is not a language code (such as en, uk, pt_BR)")
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
    entry = max(candidates, key=lambda e: version_key(str(e.get("package_version", ""))))
    downloads = paths.cache_dir() / "downloads"
    # The index is data from the network: its version must not steer the file name.
    version = re.sub(r"[^A-Za-z0-9._-]", "_", str(entry.get("package_version", "0")))
    name = f"translate-{src}_{tgt}-{version}.argosmodel"
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
