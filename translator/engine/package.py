"""One Argos translation package: its metadata.json and the files beside it.

Cheap to import (no ctranslate2, no sentencepiece, no argostranslate): the store, the
archive checks, the routes and the engine all describe packages with ``Package``.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translator.errors import PackageError

__all__ = ["TOKENIZER_FILES", "Package", "parse_metadata", "read_package", "version_key"]

TOKENIZER_FILES = ("sentencepiece.model", "bpe.model")
# ISO 639 language, then optional script/region/variant subtags (en, pt_BR, zh-Hant, zt).
_LANGUAGE_CODE = re.compile(r"[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*")


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
    meta = parse_metadata(raw, folder)
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


def parse_metadata(raw: bytes, where: Path | str) -> dict[str, Any]:
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
        if not is_language_code(meta[key]):
            raise PackageError(f"invalid metadata.json: {key} {meta[key]!r} is not a language "
                               "code (such as en, uk, pt_BR)", file=where)
    return meta


def is_language_code(code: str) -> bool:
    """Language-code syntax only: metadata codes end up in paths and messages.

    >>> [is_language_code(c) for c in ("en", "pt_BR", "zh-Hant", "../../etc/x", "en\t", "")]
    [True, True, True, False, False, False]
    """
    return _LANGUAGE_CODE.fullmatch(code) is not None


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


def version_key(version: str) -> tuple[int, Any]:
    """Sort key for package versions: PEP 440 when it parses, else the plain string."""
    from packaging.version import InvalidVersion, Version

    try:
        return (1, Version(version))
    except InvalidVersion:
        return (0, version)
