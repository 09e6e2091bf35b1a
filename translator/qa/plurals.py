"""Plural forms, read with the catalogue's own rule (``gettext.c2py`` of its header, through
``translator.catalogue.plural``).

Every form must be filled and there must be as many as the header's ``nplurals``. Forms
used for many numbers (Ukrainian 1/21/31…, 2–4/22–24…, 5–20/25–30…) should not all be
the same when the English singular and plural differ; a form used for one number only
(GNOME's ``n==1`` form) may repeat another one and may drop the number («один файл»).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import polib

from translator.qa.base import Problem, Settings, check

_SAMPLE = range(1000)


@functools.lru_cache(maxsize=64)
def numbers_of_forms(settings: Settings) -> dict[int, list[int]]:
    """Which numbers (of 0–999) each form is used for."""
    forms: dict[int, list[int]] = {index: [] for index in range(settings.nplurals)}
    if settings.plural is None:
        return forms
    for n in _SAMPLE:
        forms.setdefault(settings.plural(n), []).append(n)
    return forms


@functools.lru_cache(maxsize=64)
def single_forms(settings: Settings) -> frozenset[int]:
    """Forms used for exactly one number (they may say «один» instead of ``%d``)."""
    return frozenset(form for form, ns in numbers_of_forms(settings).items() if len(ns) == 1)


def _wording(text: str) -> str:
    return re.sub(r"%\S|\{[^}]*\}|\d+", "", text).strip().lower()


@check("plurals", "error", scope="entry")
def plurals(entry: polib.POEntry, settings: Settings) -> Iterator[Problem]:
    """Every plural form filled, as many as nplurals, different where the numbers differ."""
    if not entry.msgid_plural or not any(entry.msgstr_plural.values()):
        return
    forms = {int(k): v for k, v in entry.msgstr_plural.items()}
    if len(forms) != settings.nplurals:
        yield Problem(f"{len(forms)} plural forms, the header says nplurals="
                      f"{settings.nplurals}", 0, 0, form=max(forms))
    for index, text in sorted(forms.items()):
        if not text.strip():
            yield Problem(f"plural form {index} is empty", 0, 0, form=index)
    if _wording(entry.msgid) == _wording(entry.msgid_plural):
        return
    many = [f for f, ns in numbers_of_forms(settings).items() if len(ns) > 1 and f in forms]
    if len(many) > 1 and len({forms[f] for f in many}) == 1 and forms[many[0]]:
        # Some differ legitimately (Ukrainian genitive: «копіювання 3/5 файлів»); all the
        # same is a form copied and never changed.
        example = numbers_of_forms(settings)
        yield Problem(f"forms {', '.join(map(str, many))} are all the same, but "
                      f"{', '.join(str(example[f][1]) for f in many)} usually take "
                      "different words", 0, len(forms[many[-1]]), form=many[-1],
                      severity="warning")
