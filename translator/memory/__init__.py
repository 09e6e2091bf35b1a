"""Translation memory: approved translations kept in SQLite, found again exactly or fuzzily.

``Memory`` is the store (``store.py``), ``lookup`` the fuzzy search (``fuzzy.py``),
``files.py`` reads PO catalogues and TMX into units and writes TMX.
"""

from translator.memory.fuzzy import Match, lookup
from translator.memory.store import Memory, PairStats, Unit, lang_code

__all__ = ["Match", "Memory", "PairStats", "Unit", "lang_code", "lookup"]
