"""Carry-over: a changed source keeps the reviewed translation of its old version.

What ``msgmerge`` does when a msgid changed: the closest old entry gives its translation to
the new one, marked fuzzy, with the old source in ``#| msgid`` (and ``#| msgctxt``) so the
reviewer sees what changed. Unlike ``msgmerge``, which uses the old entry up, it stays in
the catalogue as obsolete (``#~``): when the edit is reverted, ``merge`` revives it exactly,
approved, as ``msgmerge`` revives an obsolete entry — the catalogue keeps the approval
itself, with or without a translation memory (``msgmerge`` gives the reverted source its
own translation back only as fuzzy). Only
*reviewed* old entries are carried over (approved, or machine output a person edited):
untouched machine output of an old source is worth less than the engine's translation of
the new one. Closeness is rapidfuzz's ratio, helped by position: an entry at the same
document segment (``#. segment: p2.3``) is accepted at a lower similarity, since an edited
sentence usually stays where it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import polib
from rapidfuzz import fuzz, process

from translator.catalogue import is_reviewed, mark_fuzzy, segment_ids

if TYPE_CHECKING:
    from translator.catalogue import MergeResult

THRESHOLD = 75.0  # similarity for any old entry
SAME_PLACE_THRESHOLD = 60.0  # similarity for the old entry at the same segment


def carry_over(result: MergeResult) -> int:
    """Fill new, untranslated entries of ``result`` from the closest reviewed obsolete entry
    (each gives its translation to one new entry at most, and stays obsolete).

    The filled entries leave ``result.jobs``: nothing of them goes to the engine. Returns
    how many.
    """
    donors = [e for e in result.catalogue if e.obsolete and is_reviewed(e)]
    wanting = [job.entry for job in result.jobs if not _translated(job.entry)]
    if not donors or not wanting:
        return 0
    pairs = sorted(_scored_pairs(wanting, donors), key=lambda pair: -pair[0])
    taken: set[int] = set()
    used: set[int] = set()
    for _, new, old in pairs:
        if id(new) in taken or id(old) in used:
            continue
        _give(old, new)
        taken.add(id(new))
        used.add(id(old))
    result.jobs[:] = [job for job in result.jobs if id(job.entry) not in taken]
    return len(taken)


def _scored_pairs(wanting: Sequence[polib.POEntry], donors: Sequence[polib.POEntry]
                  ) -> list[tuple[float, polib.POEntry, polib.POEntry]]:
    """Every acceptable (score, new entry, old entry): similarity plus a same-place bonus.

    ``cdist`` scores the whole matrix in C (a 5,000-entry catalogue against its old self
    is 25 million comparisons), skipping pairs below the lower threshold.
    """
    matrix = process.cdist([_key(e) for e in wanting], [_key(e) for e in donors],
                           scorer=fuzz.ratio, score_cutoff=SAME_PLACE_THRESHOLD, workers=-1)
    places = [set(segment_ids(e.comment)) for e in donors]
    out = []
    for row, col in zip(*matrix.nonzero(), strict=True):
        new, old = wanting[row], donors[col]
        if bool(new.msgid_plural) != bool(old.msgid_plural):
            continue
        score = float(matrix[row, col])
        same_place = bool(places[col] & set(segment_ids(new.comment)))
        if score >= (SAME_PLACE_THRESHOLD if same_place else THRESHOLD):
            out.append((score + (10.0 if same_place else 0.0), new, old))
    return out


def _key(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt or ''}\x04{entry.msgid}\x00{entry.msgid_plural or ''}"


def _translated(entry: polib.POEntry) -> bool:
    return bool(entry.msgstr) or any((entry.msgstr_plural or {}).values())


def _give(old: polib.POEntry, new: polib.POEntry) -> None:
    """``new`` takes ``old``'s translation and translator comment, fuzzy, with ``#|`` lines."""
    if new.msgid_plural:
        forms = old.msgstr_plural or {}
        new.msgstr_plural = {i: forms.get(i, "") for i in sorted(new.msgstr_plural or forms)}
    else:
        new.msgstr = old.msgstr
    if old.tcomment and not new.tcomment:
        new.tcomment = old.tcomment
    mark_fuzzy(new)
    new.previous_msgctxt = old.msgctxt or None
    new.previous_msgid = old.msgid
    new.previous_msgid_plural = old.msgid_plural or None
