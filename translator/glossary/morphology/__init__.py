"""Words in any grammatical form: finding a glossary phrase in an inflected target.

Slavic targets inflect every noun, so «авіабаза Рамштайн» appears as «на авіабазі Рамштайн»
and an exact-string check would flag every correct sentence. One module per job:

- ``words``: ``Word`` spans of a target, folding, sentence starts;
- ``analysers``: word identity per language (pymorphy3 for Ukrainian, simplemma otherwise);
- ``shape``: how a Ukrainian glossary phrase inflects (head, agreeing words, names);
- ``search``: a phrase in any form (``find_phrase``) or verbatim (``find_verbatim``);
- ``transliterate``: is a target word an English name in another script.
"""

from translator.glossary.morphology.analysers import (
    Morphology,
    SimplemmaMorphology,
    UkrainianMorphology,
    case_of,
    morphology,
)
from translator.glossary.morphology.search import Found, find_phrase, find_verbatim
from translator.glossary.morphology.shape import Shape, phrase_shape
from translator.glossary.morphology.transliterate import similarity, transliterates
from translator.glossary.morphology.words import (
    Word,
    fold_word,
    initial_case,
    normal,
    sentence_initial,
    tokenize,
)

__all__ = [
    "Found",
    "Morphology",
    "Shape",
    "SimplemmaMorphology",
    "UkrainianMorphology",
    "Word",
    "case_of",
    "find_phrase",
    "find_verbatim",
    "fold_word",
    "initial_case",
    "morphology",
    "normal",
    "phrase_shape",
    "sentence_initial",
    "similarity",
    "tokenize",
    "transliterates",
]
