"""Typography at the edges: whitespace, line breaks, final punctuation, brackets.

Ukrainian-aware: «…» and „…“ close a sentence like "…" does, ``…`` is ``...``, and a
translation may end in a closing quote or bracket where the source does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from translator.qa.base import Pair, Problem, check

_SPACE = " \t\u00a0\u202f\u2009\u3000"
_CLOSERS = "\"'”’»“)]}*_`"  # closing quotes, brackets, Markdown emphasis
_OPENERS = "\"'«„“‘"
_END = {".": ".", "…": "…", ":": ":", "?": "?", "!": "!", ";": ";", "？": "?", "！": "!",
        "。": ".", "：": ":"}
_ABBREVIATION = re.compile(r"(?:\b(?:etc|e\.g|i\.e|vs|approx|Inc|Ltd|Co|cf|al|No|incl)"
                           r"|\b[A-Z])\.$")
# Ukrainian UI text drops the exclamation of English; "." and "…" may trade places.
_INTERCHANGEABLE = {frozenset(".!"), frozenset(".…")}
_PAIRS = {")": "(", "]": "[", "}": "{", "»": "«"}
_BRACKET = re.compile(r"[()\[\]{}«»]")


def _run(text: str, *, at_end: bool) -> str:
    """Leading (or trailing) spaces and tabs, line breaks ignored, no-break space as space."""
    stripped = text.rstrip(_SPACE) if at_end else text.lstrip(_SPACE)
    run = text[len(stripped):] if at_end else text[: len(text) - len(stripped)]
    return re.sub(r"[\u00a0\u202f\u2009]", " ", run)


@check("whitespace", "warning")
def whitespace(pair: Pair) -> Iterator[Problem]:
    """Leading and trailing spaces the same as in the source."""
    for at_end in (False, True):
        source = _run(pair.source.strip("\n") if not at_end else pair.source.rstrip("\n"),
                      at_end=at_end)
        target_text = pair.target.strip("\n") if not at_end else pair.target.rstrip("\n")
        target = _run(target_text, at_end=at_end)
        if source != target:
            where = "trailing" if at_end else "leading"
            offset = (len(pair.target) - len(pair.target.lstrip("\n")) if not at_end
                      else len(target_text) - len(target))
            end = min(offset + max(len(target), 1), len(pair.target))
            yield Problem(f"{where} whitespace {source!r} in the source, {target!r} here",
                          min(offset, end), end)


@check("newlines", "error")
def newlines(pair: Pair) -> Iterator[Problem]:
    """Line breaks (\\n) kept at the start and end (an error) and in number (a warning)."""
    if pair.settings.tagged:
        return  # in HTML a line break is a space; <br> is markup, the markup check's
    source, target = pair.source, pair.target
    end = len(target)
    if source.startswith("\n") != target.startswith("\n"):
        yield Problem("the source " + ("starts" if source.startswith("\n") else "does not start")
                      + " with a line break", 0, min(1, end))
    if source.endswith("\n") != target.endswith("\n"):
        yield Problem("the source " + ("ends" if source.endswith("\n") else "does not end")
                      + " with a line break", max(0, end - 1), end)
    elif source.count("\n") != target.count("\n"):
        yield Problem(f"{source.count(chr(10))} line break(s) in the source, "
                      f"{target.count(chr(10))} here", 0, end, severity="warning")


def end_punctuation_of(text: str) -> tuple[str, int]:
    """The sentence-final mark of ``text`` (``""`` if none) and where it is.

    >>> end_punctuation_of('Зберегти «Файл»...  ')
    ('…', 15)
    >>> end_punctuation_of("Done (really)")
    ('', 12)
    """
    stripped = text.rstrip(_SPACE + "\n")
    while stripped and stripped[-1] in _CLOSERS:
        stripped = stripped[:-1].rstrip(_SPACE)
    if stripped.endswith("..."):
        return "…", len(stripped) - 3
    if len(stripped) > 1 and stripped[-2] in _OPENERS and len(text.rstrip()) > len(stripped):
        return "", len(stripped)  # '.' quoted: the name of a thing, not the end of a sentence
    if stripped and stripped[-1] in _END:
        return _END[stripped[-1]], len(stripped) - 1
    return "", len(stripped)


@check("end-punctuation", "warning")
def end_punctuation(pair: Pair) -> Iterator[Problem]:
    """Final punctuation (. : ? ! … ;) as in the source; «…» quotes and dashes are fine."""
    source, _ = end_punctuation_of(pair.source)
    target, at = end_punctuation_of(pair.target)
    if source == target or not pair.target.strip():
        return
    if source == "." and not target and _ABBREVIATION.search(pair.source.rstrip()):
        return  # "… etc." → «… тощо»
    if not source and target == "." and len(pair.target.split()) <= 3:
        return  # a short label abbreviated to fit: "Bootable" → «Завантаж.»
    if frozenset((source, target)) in _INTERCHANGEABLE:
        return
    shown = {"": "no final punctuation"}
    yield Problem(f"ends with {shown.get(target, repr(target))}, the source with "
                  f"{shown.get(source, repr(source))}", at, min(at + 1, len(pair.target)))


def unmatched_bracket(text: str) -> int | None:
    """Offset of the first bracket or «quote» with no partner in ``text``, else None.

    >>> unmatched_bracket("Файл(и) «тест» [1]"), unmatched_bracket("(a [b) c]")
    (None, 5)
    """
    stack: list[int] = []
    for match in _BRACKET.finditer(text):
        index, char = match.start(), match.group()
        if char in "([{«":
            stack.append(index)
        elif char in _PAIRS:
            if not stack or text[stack[-1]] != _PAIRS[char]:
                return index
            stack.pop()
    return stack[0] if stack else None


@check("brackets", "warning")
def brackets(pair: Pair) -> Iterator[Problem]:
    """Brackets and «quotes» paired in the translation when they are in the source."""
    if unmatched_bracket(pair.source) is None:
        index = unmatched_bracket(pair.target)
        if index is not None:
            yield Problem(f"{pair.target[index]} has no partner", index, index + 1)
