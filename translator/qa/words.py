"""Words: doubled, left in English, typed in the wrong script, apostrophes that disagree."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from translator.qa.base import CYRILLIC, LATIN, Pair, Problem, check
from translator.qa.elements import mask, option_spans, placeholder_spans, tag_spans, url_spans

_WORD = re.compile(r"[^\W\d_]+")
_DOUBLE = re.compile(r"(?<![\w'’ʼ-])((?:[^\W\d_]+['’ʼ])*[^\W\d_]+)[ \u00a0]+(\1)(?![\w'’ʼ-])",
                     re.IGNORECASE)  # «п'ять п'ять» is doubled, «від від'єднання» is not
_CODE = re.compile(r"`[^`]*`|\S*[_/\\.=<>#@$%{}\[\]*|~][\w/\\.=<>#@$%{}\[\]*|~-]*\S*")
_LOOKALIKES = frozenset("aceiopxy")  # lowercase Latin letters that pass for Cyrillic ones
_ALONE = re.compile(r"(?<=[\u0400-\u04ff,] )([^\W\d_])(?= [\u0400-\u04ff])")
_APOSTROPHE = re.compile(r"(?<=[\u0400-\u04ff])['’ʼ](?=[\u0400-\u04ff])")


@check("double-word", "warning")
def double_word(pair: Pair) -> Iterator[Problem]:
    """The same word twice in a row («файл файл») where the source repeats none."""
    if _DOUBLE.search(pair.source):
        return  # "that that": the source repeats on purpose
    for match in _DOUBLE.finditer(pair.target):
        yield Problem(f"«{match.group(1)}» twice in a row", match.start(2), match.end(2))


def prose_words(text: str) -> list[str]:
    """The English prose in ``text``: lowercase words and a capitalised first word before
    them; names (Capitalised), acronyms and anything code-like are left out.

    >>> prose_words("Save the file as %s to ~/Documents"), prose_words("Mark Rutte, GNOME")
    (['Save', 'the', 'file', 'as', 'to'], [])
    """
    masked = _CODE.sub(" ", mask(text, placeholder_spans(text) + url_spans(text)
                                 + tag_spans(text) + option_spans(text)))
    words = [w for w in re.findall(r"(?<!\w)[^\W\d_]+(?!\w)", masked)  # not "nd" of 2nd
             if LATIN.match(w) and not CYRILLIC.search(w)]
    prose = [w for w in words if w.islower() and len(w) > 1]
    if prose and words[0][:1].isupper() and words[0][1:].islower() and words[1].islower():
        prose.insert(0, words[0])
    return prose


@check("untranslated", "warning")
def untranslated(pair: Pair) -> Iterator[Problem]:
    """Left in English: the target is the source, or Latin-only prose in a Cyrillic catalogue."""
    target = pair.target.strip()
    if not target or CYRILLIC.search(target):
        return
    same = target == pair.source.strip()
    prose = [w for w in prose_words(target) if w.islower()]  # «Linux swap» is a name
    if (same or pair.settings.cyrillic) and len(prose) >= 2:
        what = "the same as the source" if same else "English prose, no Cyrillic"
        yield Problem(f"not translated: {what}", 0, len(pair.target))


@check("mixed-script", "warning")
def mixed_script(pair: Pair) -> Iterator[Problem]:
    """A Latin letter inside a Cyrillic word («Kиїв»), or the reverse."""
    if not (LATIN.search(pair.target) and CYRILLIC.search(pair.target)):
        return
    text = mask(pair.target, placeholder_spans(pair.target) + url_spans(pair.target))
    for match in _WORD.finditer(text):  # %sПов'язуємо is a placeholder and a word
        word = match.group()
        if CYRILLIC.search(word) and LATIN.search(word) and word not in pair.source:
            latin = "".join(dict.fromkeys(c for c in word if LATIN.match(c)))
            yield Problem(f"«{word}» mixes Latin ({latin}) and Cyrillic letters",
                          match.start(), match.end())
    if pair.settings.cyrillic:
        for match in _ALONE.finditer(text):  # «файли i теки»
            letter = match.group(1)
            if letter in _LOOKALIKES and not re.search(rf"(?<!\w){letter}(?!\w)", pair.source):
                yield Problem(f"Latin «{letter}» between Cyrillic words", match.start(),
                              match.end())


def catalogue_apostrophe(texts: Iterable[str]) -> str | None:
    """The apostrophe most used inside Cyrillic words of ``texts`` (None if none is).

    >>> catalogue_apostrophe(["пам'ять", "м’який", "об’єкт", "сім'я", "п’ять"])
    '’'
    """
    counts = Counter(m.group() for text in texts for m in _APOSTROPHE.finditer(text))
    return counts.most_common(1)[0][0] if counts else None


@check("apostrophe", "warning")
def apostrophe(pair: Pair) -> Iterator[Problem]:
    """One apostrophe (ʼ ’ ') in Cyrillic words, the one the catalogue uses most."""
    wanted = pair.settings.apostrophe
    if not wanted:
        return
    for match in _APOSTROPHE.finditer(pair.target):
        if match.group() != wanted:
            yield Problem(f"apostrophe {match.group()} where the catalogue uses {wanted}",
                          match.start(), match.end())
