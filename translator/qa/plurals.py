"""Plural forms, read with the catalogue's own rule (``gettext.c2py`` of its header).

Every form must be filled and there must be as many as the header's ``nplurals``. Forms
used for many numbers (Ukrainian 1/21/31…, 2–4/22–24…, 5–20/25–30…) should not all be
the same when the English singular and plural differ; a form used for one number only
(GNOME's ``n==1`` form) may repeat another one and may drop the number («один файл»).
"""

from __future__ import annotations

import functools
import gettext
import re
from collections.abc import Callable, Iterator

import polib

from translator.qa.base import Problem, Settings, check

_HEADER = re.compile(r"nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+);?")
_SAMPLE = range(1000)


def parse_plural_forms(header: str) -> tuple[int, Callable[[int], int]] | None:
    """``nplurals`` and the plural function of a ``Plural-Forms`` header (None if invalid).

    >>> n, f = parse_plural_forms("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 "
    ...     "&& n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);")
    >>> n, [f(k) for k in (1, 2, 5, 11, 21, 22)]
    (3, [0, 1, 2, 2, 0, 1])
    """
    match = _HEADER.search(header or "")
    if not match:
        return None
    try:
        return int(match.group(1)), gettext.c2py(match.group(2).strip())
    except (ValueError, SyntaxError):
        return None


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
