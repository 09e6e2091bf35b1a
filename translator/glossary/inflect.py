"""Inflect a Ukrainian glossary rendering for the slot it goes into.

«на базі Рамштайн» must become «на авіабазі Рамштайн», never «на авіабаза Рамштайн», so a
replacement takes the case and number of the words it replaces (``slot_of``): the head noun
declines, adjectives before it agree with it, name parts decline unless indeclinable
(«Марком Рютте»), and genitive complements or appositions stay as written («Плану
перемоги», «авіабазі Рамштайн») — ``decline``. When the case cannot be told the answer is
``None``: a wrong inflection is worse than a flagged term. Used by ``fix`` (repairing a
target) and ``enforce`` (building a constrained prefix).
"""

from __future__ import annotations

import re

from translator.glossary.morphology import (
    UkrainianMorphology,
    case_of,
    fold_word,
    phrase_shape,
    tokenize,
)

_PREPOSITION_CASES = {
    "loct": {"у", "в", "на", "при", "уві", "о", "об", "по"},
    "gent": {"до", "з", "із", "зі", "від", "для", "без", "біля", "після", "серед", "коло",
             "крім", "поблизу", "навколо", "замість", "щодо", "протягом", "край"},
    "ablt": {"з", "із", "зі", "під", "над", "перед", "за", "між", "поміж"},
    "datv": {"завдяки", "всупереч", "згідно", "назустріч", "к"},
    "accs": {"у", "в", "на", "про", "через", "за", "під"},
}
_AVOID = {"Dist", "alt", "Arch", "Slng", "Rare", "Infr", "Erro"}
_CYRILLIC = re.compile(r"[а-яіїєґ]")
_VOWELS = "аеєиіїоуюя"
_INDECLINABLE_ENDINGS = "еєіоую"


def slot_of(
    target: str, start: int, found_text: str, matched: str, morph: UkrainianMorphology
) -> tuple[str, str] | None:
    """(case, number) of the slot that ``found_text`` fills at ``target[start:]``, told by
    its head word (read as a form of ``matched``, the glossary form it was recognised as,
    when there is one) and the preposition before it."""
    found = tokenize(found_text)
    model = tokenize(matched) if matched else []
    head_word, model_head = None, None
    if model and len(model) == len(found):
        shape = phrase_shape(matched, "uk")
        if shape.head is not None:
            head_word, model_head = found[shape.head].text, model[shape.head].text
    elif model and len(model) != len(found):
        return None  # words between the term's words: replacing would drop them
    if head_word is None:
        heads = [t.text for t in found if any(p.tag.POS == "NOUN" for p in morph.parses(t.text))]
        head_word = heads[0] if heads else found[0].text
    if model_head and fold_word(head_word) == fold_word(model_head):
        return "nomn", "sing"
    parses = morph.dictionary_parses(head_word) or morph.parses(head_word)
    if model_head:
        lemmas = morph.analyse(model_head).lemmas
        parses = [p for p in parses if p.normal_form in lemmas] or parses
    nouns = [p for p in parses if p.tag.POS == "NOUN" and case_of(p)] or [
        p for p in parses if case_of(p)
    ]
    if not nouns:
        return None
    # «Порошенко» is also an indeclinable feminine surname: the declinable reading tells more;
    # an unknown name in a vowel («Костелло», «Леслі») is indeclinable whatever is guessed
    fixed = all("Fixd" in p.tag for p in nouns) or (
        not morph.dictionary_parses(head_word)
        and fold_word(head_word)[-1] in _INDECLINABLE_ENDINGS)
    nouns = [p for p in nouns if "Fixd" not in p.tag] or nouns
    options = [(str(case_of(p) or "nomn"), str(p.tag.number or "sing")) for p in nouns]
    options.sort(key=lambda o: o[1] != "sing")  # «Атланти»: a name's genitive, not a plural
    before = tokenize(target[:start])[-1:]
    preposition = fold_word(before[0].text) if before else ""
    governed = [case for case, words in _PREPOSITION_CASES.items() if preposition in words]
    for case in governed:
        preferred = [o for o in options if o[0] == case]
        if preferred:
            return preferred[0]
    if len(governed) == 1:
        return governed[0], "sing"  # «до Огайо»: the preposition alone decides
    if governed or fixed:
        return None  # «в Огайо»: locative or accusative? An indeclinable word fits any case
    return options[0]



def _inflect_word(word: str, case: str, number: str, pos: set[str], gender: str | None,
                  morph: UkrainianMorphology) -> tuple[str, str | None] | None:
    """``word`` (a dictionary form) in ``case``/``number``; also returns its gender."""
    folded = fold_word(word)
    if not _CYRILLIC.search(folded):
        return word, None  # «Brexit», «Toyota»: Latin script does not decline
    parses = [p for p in morph.dictionary_parses(word) if p.word == folded
              and p.tag.POS in pos and case_of(p) == "nomn"]
    if not parses and "NOUN" in pos:
        if folded[-1] in _INDECLINABLE_ENDINGS:
            return word, None  # foreign names in -о, -у, -е, -і: «Кавано», «Палу», «Рютте»
        if folded[-1] not in _VOWELS:  # «Телліс» → «Телліса»: the guessed masculine paradigm
            parses = [p for p in morph.parses(word) if p.word == folded and p.tag.POS == "NOUN"
                      and case_of(p) == "nomn" and p.tag.gender == "masc" and "Fixd" not in p.tag]
    parses.sort(key=lambda p: not ({"Name", "Surn", "Patr"} & set(p.tag.grammemes)))
    for parse in parses:
        if "Fixd" in parse.tag:
            return word, str(parse.tag.gender) if parse.tag.gender else None
        forms = [
            form for form in parse.lexeme
            if case_of(form) == case and (form.tag.number or "sing") == number
            and not _AVOID & form.tag.grammemes
            and not (gender and number == "sing" and form.tag.gender
                     and str(form.tag.gender) != gender)
        ]
        if case == "loct":  # «у Китаї», not the rarer «у Китаєві»
            forms.sort(key=lambda form: len(form.word))
        if forms:
            gender_of = str(parse.tag.gender) if parse.tag.gender else None
            return _case_like(forms[0].word, word), gender_of
    return None


def _case_like(word: str, model: str) -> str:
    if len(model) > 1 and model.isupper():
        return word.upper()
    return word[:1].upper() + word[1:] if model[:1].isupper() else word



def inflect_like(
    expected: str, target: str, start: int, found: str, matched: str, morph: UkrainianMorphology
) -> str | None:
    """``expected`` declined to the slot ``found`` occupies at ``target[start:]``."""
    if decline(expected, "gent", "sing", morph) == expected:
        return expected  # «Кавано», «Brexit», «Бернерс-Лі» read the same in every case
    slot = slot_of(target, start, found, matched, morph)
    return None if slot is None else decline(expected, *slot, morph)


def decline(phrase: str, case: str, number: str, morph: UkrainianMorphology) -> str | None:
    """A Ukrainian glossary phrase in ``case`` and ``number``: the head noun inflected, words
    that agree with it follow, names inflect in the singular (``phrase_shape`` roles)."""
    if (case, number) == ("nomn", "sing"):
        return phrase  # glossary renderings are given in the dictionary form
    shape = phrase_shape(phrase, "uk")
    if shape.head is None:
        invariable = all(role == "prefix" or _inflect_word(word, case, number, {"NOUN"}, None,
                                                           morph) == (word, None)
                         for word, role in zip(shape.words, shape.roles, strict=True))
        return phrase if invariable else None
    words = list(shape.words)
    head = _inflect_word(words[shape.head], case, number, {"NOUN"}, None, morph)
    if head is None:
        return None
    words[shape.head], gender = head
    for i, role in enumerate(shape.roles):
        if role == "name" and i != shape.head:
            done = _inflect_word(words[i], case, "sing", {"NOUN"}, None, morph)
        elif role == "agree":
            done = _inflect_word(words[i], case, number, {"ADJF", "PRTF"}, gender, morph)
        else:
            continue
        if done is None:
            return None
        words[i] = done[0]
    pieces, position = [], 0
    for token, word in zip(tokenize(phrase), words, strict=True):
        pieces += [phrase[position : token.start], word]
        position = token.end
    return "".join(pieces) + phrase[position:]
