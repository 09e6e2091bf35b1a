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
        + INSTALL_HINT.format(src=src, tgt=tgt)
    )
