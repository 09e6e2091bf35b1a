"""Fuzzy lookup: FTS5 picks a few dozen candidates, rapidfuzz scores them.

Scoring every unit is out of the question at a million units, so lookup has two steps,
as in Lucene-backed memories (Weblate, Pootle's amaGama): an inverted index narrows the
memory to candidates, a string metric ranks them. The index is the pair's FTS5 table. Only
the postings of the sentence's *rarest* words are read (document frequencies come from the
store's ``terms`` table): a unit similar enough to matter shares most words with the query, so
it shares some of the rare ones, while the postings of "the" and "of" are half the memory.
The score is rapidfuzz's normalised Indel similarity (0-100), the Levenshtein-family ratio
that Translate Toolkit and OmegaT users read as "75 %".
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from translator.memory.store import Memory, Unit
from translator.memory.tokens import words

CANDIDATES = 60  # units sharing the most rare words, handed to rapidfuzz
QUERY_WORDS = 8  # rarest words whose postings are read
FEW_WORDS = 3  # below this many query words, ties are broken by length
POSTINGS_BUDGET = 12_000  # rows of postings read per lookup, at most


@dataclass(frozen=True)
class Match:
    """A memory unit and how close its source is to the query (100 = identical)."""

    unit: Unit
    score: float


def _ranked_terms(memory: Memory, pair: int, text: str) -> list[tuple[str, int]]:
    """The query's words present in the memory with their document counts, rarest first."""
    terms = words(text)
    if not terms:
        return []
    marks = ",".join("?" * len(terms))
    rows = memory.db.execute(
        f"SELECT term, docs FROM terms WHERE pair = ? AND term IN ({marks})",
        (pair, *terms)).fetchall()
    return sorted(rows, key=lambda row: row[1])


def candidates(memory: Memory, source_lang: str, target_lang: str, text: str,
               limit: int = CANDIDATES) -> dict[int, Unit]:
    """Up to ``limit`` units sharing the most of the query's rarest words.

    The rarest words' postings are read (no BM25: ranking every row of a common word is
    what makes an ``OR`` query slow) until ``POSTINGS_BUDGET`` rows; units are ranked by
    how many of those words they share. A sentence of common words only is looked up as
    an ``AND`` of its three rarest words instead.
    """
    pair = memory.pair_id(source_lang, target_lang)
    if pair is None:
        return {}
    ranked = _ranked_terms(memory, pair, text)
    if not ranked:
        return {}
    table = f"fts_{pair}"
    chosen: list[str] = []
    postings = 0
    for term, docs in ranked[:QUERY_WORDS]:
        if postings + docs > POSTINGS_BUDGET:
            break
        postings += docs
        chosen.append(f'"{term}"')
    if chosen:  # count shared words in SQL: the postings never become Python objects
        union = " UNION ALL ".join(
            f"SELECT rowid AS id FROM {table} WHERE {table} MATCH ?" for _ in chosen)
        if len(chosen) >= FEW_WORDS:
            rows = memory.db.execute(
                f"SELECT id FROM ({union}) GROUP BY id ORDER BY count(*) DESC, id DESC LIMIT ?",
                (*chosen, limit))
        else:  # one or two words share out ties by the thousand: the closest length wins
            rows = memory.db.execute(
                f"SELECT p.id FROM (SELECT id, count(*) AS n FROM ({union}) GROUP BY id) AS p "
                "JOIN units AS u ON u.id = p.id ORDER BY p.n DESC, "
                "abs(length(u.source) - ?), p.id DESC LIMIT ?", (*chosen, len(text), limit))
    else:
        rows = memory.db.execute(
            f"SELECT rowid FROM {table} WHERE {table} MATCH ? LIMIT ?",
            (" AND ".join(f'"{term}"' for term, _ in ranked[:3]), limit))
    return memory.by_ids(row[0] for row in rows)


def lookup(memory: Memory, source_lang: str, target_lang: str, text: str, *,
           limit: int = 5, threshold: float = 75.0) -> list[Match]:
    """The ``limit`` closest units at or above ``threshold``, one per distinct translation.

    Ties go to the most recently approved unit.
    """
    found = candidates(memory, source_lang, target_lang, text)
    if not found:
        return []
    scored = process.extract(text, {i: u.source for i, u in found.items()}, scorer=fuzz.ratio,
                             score_cutoff=threshold, limit=None)
    ranked = sorted(((score, found[i]) for _, score, i in scored),
                    key=lambda pair: pair[1].approved_at, reverse=True)
    ranked.sort(key=lambda pair: -pair[0])  # stable: equal scores stay newest first
    matches: list[Match] = []
    seen: set[tuple[str, str]] = set()
    for score, unit in ranked:
        if (unit.source, unit.target) in seen:
            continue
        seen.add((unit.source, unit.target))
        matches.append(Match(unit, round(score, 1)))
        if len(matches) == limit:
            break
    return matches

