"""Words as the FTS5 index sees them: the one tokenizer the store and the lookup share."""

from __future__ import annotations

import re
import unicodedata

_TOKEN = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """Distinct words as FTS5's ``unicode61 remove_diacritics 2`` tokenizer sees them.

    >>> words("Rutte arrived in Kyïv; rutte left.")
    ['rutte', 'arrived', 'in', 'kyiv', 'left']
    """
    folded = text.lower()
    if not folded.isascii():
        folded = "".join(c for c in unicodedata.normalize("NFKD", folded)
                         if not unicodedata.combining(c))
    return list(dict.fromkeys(_TOKEN.findall(folded)))
