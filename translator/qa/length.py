"""Length: a translation far shorter than its source has probably lost content.

Measured in characters and in words, each against the catalogue's own typical ratio, so a
terse catalogue is not flagged as a whole. English function words (articles, auxiliaries,
"there was", "do you want to") have no Ukrainian counterpart, so the source side counts
only the rest: «Помилка читання теки» is not short for "There was an error reading the
folder".

One ratio under 60 % of the catalogue's is enough; so are two weaker signals that agree:
both ratios under 75 %, or a ratio under 85 % with fewer sentences than the source, or two
clause marks fewer (commas, colons, conjunctions; Ukrainian writes more of them than
English, so fewer is telling). An engine that drops a clause or a sentence still ends its
output with the right mark, so the end-punctuation check does not see it; a translator
who joins two sentences or rewords a clause keeps the length.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from translator.qa.base import Pair, Problem, check

MIN_SOURCE = 24  # characters; shorter sources vary too much to judge ("Open" → «Відкрити»)
MIN_WORDS = 4
_MARKUP = re.compile(r"<[^>]+>|&\w+;|%\S|\{[^}]*\}|\s+")
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")  # doesn't, пам'ять: one word
_FUNCTION_WORDS = frozenset(
    "the a an of by to is are was were be been being has have had do does did it its there this "
    "these those that you your will would can could should shall may might must please "
    "want wish sure".split())
# Ukrainian words that cannot end a sentence: prepositions, conjunctions, relative words.
_DANGLING = frozenset(
    "в у на з із зі до для від про по за під над між через без при після перед крізь біля "
    "і й та або чи але а що які який яка яке якого яких якій якщо коли щоб бо ніж".split())
# A sentence ends at . ! ? or … followed by a capital (after any closing quote or bracket).
_SENTENCE_END = re.compile(r"[.!?…][\"'»”’)\]]*\s+(?=[\"'«“„(\[]*[A-ZА-ЯІЇЄҐ])")
# What opens or joins a clause, in the source (English) and in a Ukrainian target (перед,
# після, для open one as «перед тим як», «для того щоб»).
# ("to" is not one: "Whether to show…" is «Показувати…», with nothing to count.)
_CLAUSE_EN = re.compile(r"[,;:]|\b(?:which|that|if|when|whether|because|so|but|or|and|while|"
                        r"before|after|until|unless|where)\b", re.IGNORECASE)
_CLAUSE_UK = re.compile(r"[,;:]|(?<!\w)(?:що|який|яка|яке|які|якого|яких|якщо|коли|чи|бо|тому|"
                        r"але|а|або|і|й|та|поки|доки|де|щоб|перед|після|для)(?!\w)",
                        re.IGNORECASE)
ALONE, BOTH, STRUCTURE = 0.6, 0.75, 0.85  # ratio thresholds, as a share of the usual ratio
_OPEN_ENDED = frozenset("and or either to of for with the a an in on at by from that which if "
                        "when".split())  # an English source cut off itself (a wrapped line)


def letters(text: str, *, english: bool = False) -> int:
    """Length without tags, placeholders and runs of space (and English function words)."""
    text = _MARKUP.sub(" ", text)
    if english:
        text = " ".join(w for w in text.split() if w.lower().strip(".,:;!?\"'()") not in
                        _FUNCTION_WORDS)
    return len(text.strip())


def words(text: str, *, english: bool = False) -> int:
    """Words, without tags and placeholders (and English function words)."""
    found = _WORD.findall(_MARKUP.sub(" ", text))
    return sum(1 for w in found if not english or w.lower() not in _FUNCTION_WORDS)


def sentences(text: str) -> int:
    """Sentences in ``text``: a full stop inside «e.g. the» or «3.5» does not end one.

    >>> sentences("Files are kept. Click «OK» to go on! e.g. this one")
    2
    """
    return len(_SENTENCE_END.findall(text.strip())) + 1 if text.strip() else 0


@check("length", "warning")
def length(pair: Pair) -> Iterator[Problem]:
    """Translation far shorter than the source, or cut off mid-sentence (content dropped)."""
    settings = pair.settings
    if letters(pair.source) < MIN_SOURCE:
        return
    source, target = letters(pair.source, english=True), letters(pair.target)
    if not target or not source:
        return
    by_chars = target / source / settings.length_ratio
    source_words = words(pair.source, english=True)
    by_words = (words(pair.target) / source_words / settings.word_ratio
                if source_words >= MIN_WORDS else 1.0)
    last = _WORD.findall(pair.target.lower())[-1:]
    source_last = _WORD.findall(pair.source.lower())[-1:]
    if last and last[0] in _DANGLING and pair.target.rstrip()[-1:].isalpha() \
            and not (source_last and source_last[0] in _OPEN_ENDED):
        yield Problem(f"ends mid-sentence, at «{last[0]}»", 0, len(pair.target))
    elif by_chars < ALONE or by_words < ALONE or max(by_chars, by_words) < BOTH:
        yield Problem(f"{target} characters for {source} in the source ({by_chars:.0%} and "
                      f"{by_words:.0%} by words of the catalogue's usual ratio)",
                      0, len(pair.target))
    elif min(by_chars, by_words) < STRUCTURE and (missing := _fewer_parts(pair)):
        yield Problem(f"{missing}, and shorter ({min(by_chars, by_words):.0%} of the "
                      "catalogue's usual ratio)", 0, len(pair.target))


def _fewer_parts(pair: Pair) -> str:
    """What says a part of the source is gone: fewer sentences, or two clause marks fewer
    (``""`` when neither)."""
    count, have = sentences(pair.source), sentences(pair.target)
    if count > have:
        return f"{count} sentences in the source, {have} here"
    count, have = len(_CLAUSE_EN.findall(pair.source)), len(_CLAUSE_UK.findall(pair.target))
    if count - have >= 2:
        return f"{count} clause marks (, ; : and, which, if…) in the source, {have} here"
    return ""
