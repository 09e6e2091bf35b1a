"""Which packages take one language to another: the direct one, else two via English."""

from __future__ import annotations

from collections.abc import Sequence

from translator.engine.package import Package
from translator.errors import LanguageError, ModelNotFound

__all__ = ["INSTALL_HINT", "PIVOT", "route"]

PIVOT = "en"
INSTALL_HINT = (
    "install one with `translator models install {src} {tgt}` (online) or "
    "`translator models install FILE.argosmodel`"
)


def route(packages: Sequence[Package], src: str, tgt: str) -> list[Package]:
    """The packages that take ``src`` to ``tgt``: the direct one, else two via English.

    Argos pivots the same way. With several packages for one pair, the first in
    ``packages`` wins: put ``--model`` packages before ``installed()`` (newest first).
    Raises ``ModelNotFound`` naming the pair, what is installed and how to install one.
    """
    src, tgt = _normal(src), _normal(tgt)
    if src == tgt:
        raise LanguageError(f"source and target language are both {src!r}")
    best: dict[tuple[str, str], Package] = {}
    for package in packages:
        best.setdefault((_normal(package.from_code), _normal(package.to_code)), package)
    # A regional code (uk_UA, pt-BR) uses its own package first, else the language's.
    for a in _fallbacks(src):
        for b in _fallbacks(tgt):
            if a == b:
                continue
            if (a, b) in best:
                return [best[a, b]]
            if PIVOT not in (a, b) and (a, PIVOT) in best and (PIVOT, b) in best:
                return [best[a, PIVOT], best[PIVOT, b]]
    pairs = ", ".join(sorted(f"{a}→{b}" for a, b in best)) or "none"
    via = f" (directly or via {PIVOT})" if PIVOT not in (src, tgt) else ""
    raise ModelNotFound(
        f"no installed model for {src}→{tgt}{via}; installed: {pairs}; "
        + INSTALL_HINT.format(src=src, tgt=tgt)
    )


def _normal(code: str) -> str:
    """``pt-BR`` → ``pt_br``: how codes are compared."""
    return code.strip().lower().replace("-", "_")


def _fallbacks(code: str) -> list[str]:
    """``uk_ua`` → ``["uk_ua", "uk"]``: the code, then its language alone.

    >>> _fallbacks("uk_ua"), _fallbacks("en")
    (['uk_ua', 'uk'], ['en'])
    """
    language = code.split("_")[0]
    return [code] if language == code else [code, language]
