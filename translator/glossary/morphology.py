"""Words in any grammatical form: lemmas, stems, agreement, and finding a phrase in a target.

Slavic targets inflect every noun, so «авіабаза Рамштайн» appears as «на авіабазі Рамштайн»
and an exact-string check would flag every correct sentence. Two words are the *same word*
when their lemma sets intersect — over *all* parses, since pymorphy3 parses «Харкові» first
as the surname «Харко» — or, when the dictionary does not know one of them (foreign names,
Russian spellings, Polish through the small simplemma lemmatiser), when they share a stem
after removing a case ending. Ukrainian uses pymorphy3 with the Ukrainian dictionaries;
other languages use simplemma and then the ending-stripping fallback.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from translator.glossary.terms import primary_language

if TYPE_CHECKING:
    import pymorphy3

log = logging.getLogger(__name__)

_WORD = re.compile(r"[^\W_]+(?:['\u2019\u02bc][^\W_]+)*")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "`": "'"})
_OPENERS = " \t\"'«„“‘([*_"
_SENTENCE_END = re.compile(r"[.!?…:\n][\s\"'«„“‘(\[*_]*$")
_MIN_STEM = 3
_NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"})

_ENDINGS = {
    "uk": "а я у ю і ї е є о и ь ом ем єм ою ею єю ів їв ей ам ям ами ями ах ях ові еві єві "
    "ий ій ого ього ому ьому им ім их іх ими іми ої ую юю ая яя ее еє ин ина ину иною",
    "pl": "a e i y o u ą ę ie em om ach ami ów owi ego emu ej ym im ymi imi ych ich iem ia iu "
    "io ii ią ię owie ową owy owa owe",
}
_FOLD_STEM = {"pl": str.maketrans("óńśćźż", "onsczz")}


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a target text and its character range."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Analysis:
    """What we know about one (folded) word form."""

    lemmas: frozenset[str]
    stems: frozenset[str]
    known: bool


def fold_word(word: str) -> str:
    """Lower case with one apostrophe (pymorphy3's Ukrainian dictionary uses ``'``)."""
    return word.translate(_APOSTROPHES).lower()


def tokenize(text: str) -> list[Token]:
    """Words (letters and digits, inner apostrophes); hyphens and punctuation separate."""
    return [Token(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def sentence_initial(text: str, start: int) -> bool:
    """True when ``text[start]`` begins a sentence (or the text, a line, a quotation)."""
    before = text[:start]
    return not before.strip(_OPENERS) or bool(_SENTENCE_END.search(before[-12:]))


def capitalisation_ok(word: str, model: str, *, strict: bool, initial: bool) -> bool:
    """Does ``word`` keep the capitalisation the glossary form ``model`` requires?

    A capitalised glossary word (a name, «План перемоги») must stay capitalised in every
    form. With the ``case`` flag the match is exact: acronyms stay upper case and lower-case
    words stay lower case except at the start of a sentence.
    """
    if not word or not model:
        return True
    if model[0].isupper() and not word[0].isupper():
        return False
    if not strict:
        return True
    if len(model) > 1 and model.isupper() and not word.isupper():
        return False
    return not (model[0].islower() and word[0].isupper() and not initial)


def case_of(parse: pymorphy3.analyzer.Parse) -> str | None:
    """The parse's case; the Ukrainian dictionary leaves some nominatives untagged
    («секретар» is ``NOUN,anim masc``), so an untagged dictionary form counts as ``nomn``."""
    case = str(parse.tag.case) if parse.tag.case else None
    if case is None and parse.tag.POS in {"NOUN", "ADJF", "PRTF"} and parse.word == parse.normal_form:
        return "nomn"
    return case


@lru_cache(maxsize=1)
def uk_analyzer() -> pymorphy3.MorphAnalyzer:
    """The Ukrainian analyser: loaded on first use (≈0.1 s), never at import."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="uk")


class Morphology:
    """Word identity for one target language; subclasses add a lemmatiser.

    The base class alone (for languages without a lemmatiser) compares folded words and
    ending-stripped stems.
    """

    stems_always = True

    def __init__(self, lang: str) -> None:
        self.lang = primary_language(lang)
        self._stem_fold = _FOLD_STEM.get(self.lang)
        endings = _ENDINGS.get(self.lang, "")
        if self._stem_fold is not None:
            endings = endings.translate(self._stem_fold)
        self._endings = sorted(set(endings.split()), key=len, reverse=True)
        self.analyse = lru_cache(maxsize=65536)(self._analyse)

    def lemmas(self, word: str) -> frozenset[str]:
        """Lemmas of a folded word (the word itself when nothing better is known)."""
        return frozenset({word})

    def known(self, word: str) -> bool:
        """Whether the lemmatiser knows the folded word (unknown words get stem matching)."""
        return False

    def stems(self, word: str) -> frozenset[str]:
        """The word minus each ending of the language that leaves ≥ 3 letters."""
        if self._stem_fold is not None:
            word = word.translate(self._stem_fold)
        stems = {word}
        for ending in self._endings:
            if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
                stems.add(word[: -len(ending)])
        return frozenset(stems)

    def _analyse(self, word: str) -> Analysis:
        folded = fold_word(word)
        return Analysis(self.lemmas(folded), self.stems(folded), self.known(folded))

    def same_word(self, word: str, model: str) -> bool:
        """Is ``word`` (from a target) a form of the glossary word ``model``?"""
        a, b = self.analyse(word), self.analyse(model)
        if a.lemmas & b.lemmas:
            return True
        if self.stems_always or not (a.known and b.known):
            return bool(a.stems & b.stems)
        return False

    def initial(self, word: str) -> str:
        """The folded first letter, which inflection keeps («Київ», «Києві»; «Kijów»,
        «Kijowie»): a cheap necessary condition for ``same_word``."""
        first = fold_word(word)[:1]
        return first.translate(self._stem_fold) if self._stem_fold is not None else first

    def keys(self, word: str) -> frozenset[str]:
        """Index keys: a target word that is ``same_word`` as a model shares one of these."""
        a = self.analyse(word)
        return a.lemmas | a.stems

    def agree(self, modifier: str, head: str) -> bool:
        """Can ``modifier`` agree with ``head`` (case, number, gender)? True when unsure."""
        return True

    def name_like(self, word: str) -> bool:
        """Could the word be a proper name (unknown to the lemmatiser, or tagged a name)?"""
        return not self.analyse(word).known

    def adjective(self, word: str) -> bool:
        """Is the word only ever an adjective? (False when unsure.)"""
        return False

    def proper(self, word: str) -> bool:
        """Could a capitalised word be a proper name rather than an ordinary word written
        with a capital («Спільноти Кромвеля»)? Without a dictionary: when it is unknown."""
        return self.name_like(word)


class SimplemmaMorphology(Morphology):
    """simplemma's lemma for the word plus stems (simplemma gives one guess per word)."""

    def lemmas(self, word: str) -> frozenset[str]:
        import simplemma

        try:
            lemma = simplemma.lemmatize(word, lang=self.lang).lower()
        except ValueError:  # a language simplemma does not ship
            return frozenset({word})
        return frozenset({word, lemma})

    def known(self, word: str) -> bool:
        import simplemma

        try:
            return bool(simplemma.is_known(word, lang=self.lang))
        except ValueError:
            return False


@lru_cache(maxsize=65536)
def _uk_parses(folded: str) -> tuple[pymorphy3.analyzer.Parse, ...]:
    return tuple(uk_analyzer().parse(folded))


@lru_cache(maxsize=4096)
def _proper(folded: str) -> bool:
    morph = morphology("uk")
    assert isinstance(morph, UkrainianMorphology)
    parses = morph.dictionary_parses(folded)
    return not parses or all(p.tag.POS == "NOUN" for p in parses) and any(
        _NAME_TAGS & p.tag.grammemes or not any("plur" in form.tag for form in p.lexeme)
        for p in parses)


class UkrainianMorphology(Morphology):
    """pymorphy3 with every parse; stems only when a word is not in the dictionary."""

    stems_always = False

    def parses(self, word: str) -> list[pymorphy3.analyzer.Parse]:
        """All parses of a word (folded first); cached, the checks ask for the same words
        again and again."""
        return list(_uk_parses(fold_word(word)))

    def dictionary_parses(self, word: str) -> list[pymorphy3.analyzer.Parse]:
        """Parses backed by the dictionary; guesses for unknown words are left out (they
        give lemmas like «ки» for «Киів» that would match unrelated words)."""
        return [
            p
            for p in self.parses(word)
            if all(type(step[0]).__name__ == "DictionaryAnalyzer" for step in p.methods_stack)
        ]

    def lemmas(self, word: str) -> frozenset[str]:
        return frozenset({word, *(p.normal_form for p in self.dictionary_parses(word))})

    def known(self, word: str) -> bool:
        return bool(self.dictionary_parses(word))

    def name_like(self, word: str) -> bool:
        parses = self.dictionary_parses(word)
        return not parses or any(_NAME_TAGS & p.tag.grammemes for p in parses)

    def proper(self, word: str) -> bool:
        """Unknown words are names. Known ones must be only nouns — «Далі» is also an
        adverb, «Середньому» an adjective — and a name or without plural forms: the
        dictionary tags people's names but not places («Флорида» is a plain noun), and
        «спільнота», «конгрес» have plurals."""
        return _proper(fold_word(word))

    def adjective(self, word: str) -> bool:
        parses = self.dictionary_parses(word)
        return bool(parses) and all(p.tag.POS in {"ADJF", "PRTF"} for p in parses)

    def agree(self, modifier: str, head: str) -> bool:
        modifiers = [
            (case_of(p), p.tag) for p in self.parses(modifier) if p.tag.POS in {"ADJF", "PRTF", "NUMR"}
        ]
        heads = [(case_of(p), p.tag) for p in self.parses(head) if p.tag.POS == "NOUN"]
        if not modifiers or not heads:
            return True
        for m_case, m in modifiers:
            for h_case, h in heads:
                if m_case != h_case or (m.number or "sing") != (h.number or "sing"):
                    continue
                if (h.number or "sing") == "plur" or not m.gender or not h.gender:
                    return True
                if str(m.gender) == str(h.gender) or "ms-f" in h.grammemes:
                    return True
        return False


@lru_cache(maxsize=16)
def morphology(lang: str) -> Morphology:
    """The morphology for a target language (one per language per process)."""
    code = primary_language(lang)
    if code == "uk":
        return UkrainianMorphology(code)
    return SimplemmaMorphology(code)


@dataclass(frozen=True, slots=True)
class Found:
    """A phrase found in a target: its character range, the token matched to each phrase
    word, and whether the capitalisation is what the glossary form requires."""

    start: int
    end: int
    tokens: tuple[int, ...]
    caps_ok: bool
    contiguous: bool


def find_phrase(
    text: str,
    tokens: list[Token],
    phrase: str,
    lang: str,
    *,
    max_gap: int = 1,
    strict_case: bool = False,
    starts: list[int] | None = None,
    capitals: Sequence[bool] | None = None,
) -> list[Found]:
    """Every occurrence of ``phrase`` (any inflected form) in ``text``, left to right.

    Words must come in the phrase's order; up to ``max_gap`` other words may sit between two
    of them (not across ``.!?;:``). Modifiers must agree with the head (Ukrainian), so
    «далекобійної зброї» is the term but «далекобійний … зброї» is not. Near misses in
    capitalisation are returned with ``caps_ok=False`` so callers can repair them;
    ``capitals`` says which capitalised phrase words must stay capitalised (default: all).
    """
    morph = morphology(lang)
    words = [t.text for t in tokenize(phrase)]
    if not words:
        return []
    shape = phrase_shape(phrase, lang) if isinstance(morph, UkrainianMorphology) else None
    found: list[Found] = []
    next_free = 0
    candidates = range(len(tokens)) if starts is None else starts
    for first in candidates:
        if first < next_free or not morph.same_word(tokens[first].text, words[0]):
            continue
        chosen = [first]
        for word in words[1:]:
            last = chosen[-1]
            for nxt in range(last + 1, min(len(tokens), last + 2 + max_gap)):
                between = text[tokens[last].end : tokens[nxt].start]
                if re.search(r"[.!?;:\n]", between):
                    break
                if morph.same_word(tokens[nxt].text, word):
                    chosen.append(nxt)
                    break
            else:
                break
            if chosen[-1] == last:
                break
        if len(chosen) != len(words):
            continue
        if shape is not None and shape.head is not None:
            head = tokens[chosen[shape.head]].text
            if not all(
                morph.agree(tokens[chosen[i]].text, head)
                for i, role in enumerate(shape.roles)
                if role == "agree"
            ):
                continue
        caps = all(
            capitalisation_ok(
                tokens[t].text,
                w if capitals is None or capitals[i] or strict_case else w.lower(),
                strict=strict_case,
                initial=sentence_initial(text, tokens[t].start),
            )
            for i, (t, w) in enumerate(zip(chosen, words))
        )
        contiguous = chosen[-1] - chosen[0] == len(chosen) - 1
        found.append(Found(tokens[first].start, tokens[chosen[-1]].end, tuple(chosen), caps,
                           contiguous))
        next_free = chosen[-1] + 1
    return found


def find_verbatim(text: str, form: str, *, fold: bool = False) -> list[int]:
    """Starts of ``form`` in ``text`` at word boundaries (``dnt`` terms: no inflection).

    With ``fold`` the search ignores case (when lower-casing keeps the text's length).
    """
    haystack, needle = text, form
    if fold and len(text.lower()) == len(text):
        haystack, needle = text.lower(), form.lower()
    starts: list[int] = []
    position = haystack.find(needle) if needle else -1
    while position >= 0:
        end = position + len(needle)
        before = text[position - 1] if position else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
            starts.append(position)
        position = haystack.find(needle, position + 1)
    return starts


_ROMAN = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ye", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "yu", "я": "ya", "'": "", "ы": "y",
    "э": "e", "ё": "yo", "ъ": "", "ł": "l", "ó": "o", "ń": "n", "ś": "s", "ć": "c", "ź": "z",
    "ż": "z", "ą": "a", "ę": "e",
})


def romanise(word: str) -> str:
    """A rough Latin spelling (Ukrainian national transliteration, Polish letters
    stripped of diacritics), to compare target words with English source names."""
    return fold_word(word).translate(_ROMAN)


def similarity(a: str, b: str, lang: str) -> float:
    """0..1 likeness of two words by their shortest stems, across scripts."""
    from difflib import SequenceMatcher

    morph = morphology(lang)
    x = romanise(min(morph.stems(fold_word(a)), key=len))
    y = romanise(min(morph.stems(fold_word(b)), key=len))
    return SequenceMatcher(None, x, y).ratio() if x and y else 0.0


_CONSONANTS = str.maketrans({
    "б": "b", "в": "v", "г": "h", "ґ": "h", "д": "d", "ж": "j", "з": "s", "к": "k", "л": "l",
    "м": "m", "н": "n", "п": "p", "р": "r", "с": "s", "т": "t", "ф": "f", "х": "h", "ц": "c",
    "ч": "c", "ш": "s", "щ": "s", **dict.fromkeys("аеєиіїоуюяйьыэёъ'", ""),
})
_LATIN_SOUNDS = (("sch", "s"), ("tch", "c"), ("sh", "s"), ("th", "t"), ("ph", "f"), ("ck", "k"),
                 ("x", "ks"), ("q", "k"), ("w", "v"), ("z", "s"), ("dg", "j"))


def _skeletons(word: str) -> tuple[str, ...]:
    """Consonant skeletons of a word: how it sounds, roughly, with sounds that the two
    scripts swap merged (г/h/g, з/s/z, дж/j, ч/ц/ch). An English word gets two readings,
    hard and soft ("Gingrich" → Гінгріч, "Georgia" → Джорджія; "Michael" → Майкл)."""
    folded = fold_word(word)
    if any("а" <= c <= "я" or c in "іїєґё" for c in folded):
        return (_squeeze(folded.replace("дж", "j").translate(_CONSONANTS)),)
    for a, b in _LATIN_SOUNDS:
        folded = folded.replace(a, b)
    hard = folded.replace("ch", "k").replace("c", "k")
    soft = re.sub(r"c(?=[eiy])", "s", re.sub(r"g(?=[eiy])", "j", folded))
    soft = soft.replace("ch", "ч").replace("c", "k").replace("ч", "c")
    return tuple(_squeeze(re.sub(r"[aeiouy'’]", "", r).replace("g", "h")) for r in (hard, soft))


def _squeeze(reading: str) -> str:
    return re.sub(r"(.)\1+", r"\1", reading)


def transliterates(word: str, source: str, lang: str) -> bool:
    """Could target ``word`` be ``source`` (an English name) written in the target's
    script and inflected? By stems (``similarity``) or by consonant skeletons. On 130
    one-word names from WMT22–24 references: 91.5 % recognised, 1.4 % of 2,569 pairs of a
    name with another name's rendering taken for one."""
    if similarity(word, source, lang) >= 0.6:
        return True
    from difflib import SequenceMatcher

    mine = _skeletons(word)[0]
    return bool(mine) and any(
        SequenceMatcher(None, mine, other).ratio() >= 0.7 for other in _skeletons(source) if other
    )


@dataclass(frozen=True, slots=True)
class Shape:
    """How a Ukrainian glossary phrase inflects: one role per word.

    ``head`` declines to the slot's case and number; ``agree`` (adjectives before it) follow
    the head's case, number and gender; ``name`` (first names, declinable surnames of a
    personal name) take the slot's case; ``keep`` stays as written (genitive complements as
    in «План перемоги», appositions as in «авіабаза Рамштайн», indeclinables like «Рютте»);
    ``prefix`` is the first part of a hyphenated compound («Нью» of «Нью-Йорк»).
    """

    words: tuple[str, ...]
    roles: tuple[str, ...]
    head: int | None


@lru_cache(maxsize=4096)
def phrase_shape(phrase: str, lang: str = "uk") -> Shape:
    """Roles of each word of a glossary phrase given in its dictionary form."""
    tokens = tokenize(phrase)
    words = tuple(t.text for t in tokens)
    if primary_language(lang) != "uk":
        return Shape(words, ("head",) + ("keep",) * (len(words) - 1), 0 if words else None)
    # «Нью-Йорк» → «Нью-Йорку», «Гран-прі» stays: only a compound's last part declines
    prefixes = {i for i, (a, b) in enumerate(pairwise(tokens))
                if phrase[a.end : b.start] == "-"}
    morph = morphology("uk")
    assert isinstance(morph, UkrainianMorphology)
    parses = [morph.parses(w) for w in words]

    def nominal(i: int, pos: str, *marks: str) -> bool:
        folded = fold_word(words[i])
        return any(
            p.tag.POS == pos and case_of(p) == "nomn" and p.word == folded
            and all(m in p.tag for m in marks)
            for p in parses[i]
        )

    # A personal name: capitalised animate nouns (or unknown words), one a first name,
    # surname or patronymic. The dictionary tags «Володимир» as Name only in some forms.
    personal = (
        len(words) > 1 and not prefixes
        and all(
            words[i][:1].isupper() and (nominal(i, "NOUN", "anim") or not morph.known(words[i]))
            for i in range(len(words))
        )
        and any(nominal(i, "NOUN", m) for i in range(len(words)) for m in ("Name", "Surn", "Patr"))
    )
    if personal:
        roles = tuple(
            "keep" if not morph.known(w) or any("Fixd" in p.tag for p in parses[i]
                                                if case_of(p) == "nomn") else "name"
            for i, w in enumerate(words)
        )
        head = next((i for i, r in enumerate(roles) if r == "name"), None)
        return Shape(words, roles, head)
    head = next((i for i in range(len(words)) if i not in prefixes and nominal(i, "NOUN")), None)
    if head is None:
        return Shape(words, tuple("prefix" if i in prefixes else "keep"
                                  for i in range(len(words))), None)
    roles = tuple(
        "prefix" if i in prefixes
        else "head" if i == head
        else "agree" if i < head and (nominal(i, "ADJF") or nominal(i, "PRTF"))
        else "keep"
        for i in range(len(words))
    )
    return Shape(words, roles, head)
