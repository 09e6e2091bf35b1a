"""Numbers: the values of the source come through, in Ukrainian formatting if the
translator likes (``1,300`` → ``1 300``, ``3.5`` → ``3,5``, ``October 12`` → ``12 жовтня``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from translator.qa.base import Pair, Problem, check, whole
from translator.qa.elements import placeholder_spans, tag_spans, url_spans

# 1,300  1 300  3.5  3,5  12  12th  1.2.3 (versions); not inside words (x86, UTF-8 keep theirs);
# Markdown's _emphasis_ may touch them.
_NUMBER = re.compile(r"(?<![^\W_])(?<![.,])\d+(?:(?:[.,]|[ \u00a0\u202f](?=\d{3}(?!\d)))\d+)*"
                     r"(?:st|nd|rd|th)?(?![^\W_])")


# Small numbers are often written out: «двох або трьох» for "2- or 3-way", "three" → «3».
_UK_WORDS = {0: ("нул",), 1: ("один", "одн", "перш"), 2: ("дв", "друг"),
             3: ("три", "трь", "трет"), 4: ("чотир", "четвер"), 5: ("пʼят", "п'ят", "п’ят"),
             6: ("шіст", "шост"), 7: ("сім", "сем", "сьом"), 8: ("вісім", "восьм"),
             9: ("девʼят", "дев'ят", "дев’ят"), 10: ("десят",)}
_EN_WORDS = {"zero": 0, "one": 1, "first": 1, "two": 2, "second": 2, "both": 2, "three": 3,
             "third": 3, "four": 4, "fourth": 4, "five": 5, "fifth": 5, "six": 6, "seven": 7,
             "eight": 8, "nine": 9, "ten": 10, "twice": 2, "once": 1}


def _spelled_in_target(value: str, target: str) -> bool:
    """``value`` (0–10) written out as a Ukrainian word in ``target``."""
    if not value.isdigit() or int(value) not in _UK_WORDS:
        return False
    words = re.findall(r"[\w'’ʼ]+", target.lower())
    return any(w.startswith(_UK_WORDS[int(value)]) for w in words)


def _spelled_in_source(value: str, source: str) -> bool:
    """``value`` written out in English in the source, or as digits inside a word (v2, 4GiB)."""
    words = re.findall(r"[a-z]+", source.lower())
    return any(_EN_WORDS.get(w) == int(value) for w in words) if value.isdigit() and \
        int(value) <= 10 and not re.search(rf"\d*{value}", source) else value in source


_DIGIT = re.compile(r"\d")
_FUNCTION_KEY = re.compile(r"(?<![\w-])F(?:[1-9]|1[0-9]|2[0-4])(?![\w])")  # F10: a value too


def _values(text: str) -> list[tuple[int, int, str]]:
    """Numbers in ``text`` as canonical values: separators removed, decimal mark a dot."""
    skip = placeholder_spans(text) + url_spans(text) + tag_spans(text)
    found = []
    for match in _NUMBER.finditer(text):
        if any(start <= match.start() < end for start, end, _ in skip):
            continue
        found.append((match.start(), match.end(), _canonical(match.group())))
    found += [(m.start(), m.end(), m.group()) for m in _FUNCTION_KEY.finditer(text)]
    return found


def _canonical(number: str) -> str:
    """One spelling per value: ``1,300``/``1 300``/``1300`` → ``1300``; ``3,5``/``3.5`` → ``3.5``.

    >>> [_canonical(n) for n in
    ...  ["1,300", "1 300", "3,5", "3.5", "1.2.3", "1,000,000", "0,25", "21st"]]
    ['1300', '1300', '3.5', '3.5', '1.2.3', '1000000', '0.25', '21']
    """
    number = re.sub(r"[ \u00a0\u202f]|st$|nd$|rd$|th$", "", number)
    groups = re.split(r"[.,]", number)
    if len(groups) > 1 and all(len(g) == 3 for g in groups[1:]) and "," in number \
            and "." not in number and len(groups) > 2:
        return "".join(groups)  # 1,000,000
    if len(groups) == 2 and len(groups[1]) == 3 and "," in number and groups[0] != "0":
        return "".join(groups)  # 1,300 (English thousands); 3,5 stays a decimal
    return ".".join(groups)


def _same(source: str, target: str) -> bool:
    """Equal values, or an English thousands group (1.300 in the source) read as a decimal."""
    return source == target or (re.fullmatch(r"\d{1,3}(?:\.\d{3})+", target) is not None
                                and source == target.replace(".", ""))


@check("numbers", "warning")
def numbers(pair: Pair) -> Iterator[Problem]:
    """Numbers and F-keys kept (1 300, 3,5 and 12 жовтня are fine); none lost, none changed."""
    if not (_DIGIT.search(pair.source) or _DIGIT.search(pair.target)):
        return
    source = Counter(value for *_, value in _values(pair.source))
    target_spans = _values(pair.target)
    target = Counter(value for *_, value in target_spans)
    missing, extra = source - target, target - source
    for value in list(missing):
        twin = next((t for t in extra if _same(value, t)), None)
        if twin is not None:
            missing[value] -= 1
            extra[twin] -= 1
    missing = Counter({v: n for v, n in missing.items() if not _spelled_in_target(v, pair.target)
                       and not (pair.single and v == "1")})
    extra = Counter({v: n for v, n in extra.items() if not _spelled_in_source(v, pair.source)})
    for value in (+missing):
        yield Problem(f"number {value} of the source is missing", *whole(pair.target))
    for start, end, value in target_spans:
        if extra[value] > 0:
            extra[value] -= 1
            yield Problem(f"number {value} is not in the source", start, end)
