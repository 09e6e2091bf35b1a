"""Word identity per target language: lemmas, stems, agreement, name-likeness.

Two words are the *same word* when their lemma sets intersect — over *all* parses, since
pymorphy3 parses «Харкові» first as the surname «Харко» — or, when the dictionary does not
know one of them (foreign names, Russian spellings, Polish through the small simplemma
lemmatiser), when they share a stem after removing a case ending. Ukrainian uses pymorphy3
with the Ukrainian dictionaries; other languages use simplemma and then the ending-stripping
fallback.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from translator.glossary.morphology.words import fold_word
from translator.glossary.terms import primary_language

if TYPE_CHECKING:
    import pymorphy3

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
class Analysis:
    """What we know about one (folded) word form."""

    lemmas: frozenset[str]
    stems: frozenset[str]
    known: bool


def case_of(parse: pymorphy3.analyzer.Parse) -> str | None:
    """The parse's case; the Ukrainian dictionary leaves some nominatives untagged
    («секретар» is ``NOUN,anim masc``), so an untagged dictionary form counts as ``nomn``."""
    case = str(parse.tag.case) if parse.tag.case else None
    nominal = parse.tag.POS in {"NOUN", "ADJF", "PRTF"}
    if case is None and nominal and parse.word == parse.normal_form:
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
        modifiers = [(case_of(p), p.tag) for p in self.parses(modifier)
                     if p.tag.POS in {"ADJF", "PRTF", "NUMR"}]
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
