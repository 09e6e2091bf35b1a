"""Quality checks of translations: what a software localiser and an editor ask first.

Did the placeholders, tags, accelerators, URLs, numbers and markup survive? Is anything
left in English, doubled, cut short, or typed with a Latin letter in a Cyrillic word? Each
check is a small function in one of the family modules below, registered with an id and a
severity; ``run`` applies them to catalogues. Ukrainian typography («…», the em dash, ʼ,
``1 300``, ``3,5``) and the catalogue's own plural rule are not errors.
"""

from __future__ import annotations

from translator.qa import (  # noqa: F401 - importing a family registers its checks
    accelerator,
    elements,
    length,
    markup,
    numbers,
    plurals,
    punctuation,
    words,
)
from translator.qa.base import REGISTRY, Check, Pair, Problem, Settings

__all__ = ["REGISTRY", "Check", "Pair", "Problem", "Settings"]
