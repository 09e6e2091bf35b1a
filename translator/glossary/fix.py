"""Repair what can be repaired safely: a wrong rendering becomes the preferred term, inflected.

«на базі Рамштайн» must become «на авіабазі Рамштайн», never «на авіабаза Рамштайн», so the
replacement takes the case and number of the words it replaces: the head noun declines,
adjectives before it agree with it, name parts decline unless indeclinable («Марком
Рютте»), and genitive complements or appositions stay as written («Плану перемоги»,
«авіабазі Рамштайн»). When the case cannot be told, nothing is changed and the violation is
returned as unfixed: a wrong inflection is worse than a flagged term. For languages
without a generator (Polish) only capitalisation and dictionary-form renderings are fixed.

``fix_catalogues`` applies this to PO files, marks each changed entry fuzzy with a comment
naming the term, and rewrites only those entries' lines, atomically.
"""

from __future__ import annotations

import difflib
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from os import PathLike

import polib

from translator.catalogue.read import open_catalogue
from translator.catalogue.write import save_changes
from translator.glossary.check import (
    Finding,
    Violation,
    catalogue_language,
    check_set,
    po_items,
)
from translator.glossary.match import Matcher
from translator.glossary.morphology import (
    UkrainianMorphology,
    case_of,
    find_phrase,
    fold_word,
    morphology,
    phrase_shape,
    sentence_initial,
    tokenize,
)
from translator.glossary.terms import Glossary, primary_language
from translator.inline import restore as restore_markup
from translator.inline import strip as strip_markup

log = logging.getLogger(__name__)

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


@dataclass(frozen=True, slots=True)
class FixResult:
    """The repaired text, the violations repaired, and those left for a person."""

    text: str
    fixed: list[Violation] = field(default_factory=list)
    unfixed: list[Violation] = field(default_factory=list)


def fix_target(target: str, violations: Sequence[Violation], lang: str) -> FixResult:
    """Replace each wrong rendering in ``target`` by the expected term in the same slot.

    >>> from translator.glossary.check import Violation
    >>> v = Violation("forbidden", "Ramstein Air Base", "авіабаза Рамштайн", "базі Рамштайн",
    ...               10, 23, "база Рамштайн")
    >>> fix_target("Зустріч на базі Рамштайн.", [v], "uk").text
    'Зустріч на авіабазі Рамштайн.'
    """
    text = target
    fixed: list[Violation] = []
    unfixed: list[Violation] = []
    last_start = len(target) + 1
    spanned = [v for v in violations if v.start is not None and v.end is not None]
    for v in sorted(spanned, key=lambda v: v.start or 0, reverse=True):
        assert v.start is not None and v.end is not None
        replacement = None
        if v.end <= last_start and target[v.start : v.end] == v.found:
            replacement = replacement_for(target, v, lang)
        if replacement is None:
            unfixed.append(v)
            continue
        text = text[: v.start] + replacement + text[v.end :]
        last_start = v.start
        fixed.append(v)
    unfixed += [v for v in violations if v.start is None or v.end is None]
    fixed.reverse()
    return FixResult(text, fixed, unfixed)


def replacement_for(target: str, violation: Violation, lang: str) -> str | None:
    """What ``violation.found`` should become, or ``None`` when that cannot be told safely."""
    v = violation
    if v.kind == "inconsistent" and not v.matched:
        return None  # a name learnt from usage: its inflection is unknown
    if v.kind == "dnt":
        return v.expected
    if not v.matched and not _replaceable_stand_in(target, v, lang):
        return None
    found, expected = tokenize(v.found), tokenize(v.expected)
    morph = morphology(lang)
    if len(found) == len(expected) and all(
        morph.same_word(f.text, e.text) for f, e in zip(found, expected)
    ):
        result = _recapitalise(v.found, v.expected)
    elif isinstance(morph, UkrainianMorphology):
        result = _inflect_like(target, v, morph)
    elif v.matched and fold_word(v.found) == fold_word(v.matched):
        result = v.expected
    else:
        result = None
    if result and v.found[:1].isupper() and sentence_initial(target, v.start or 0):
        result = result[:1].upper() + result[1:]
    return result


def _replaceable_stand_in(target: str, v: Violation, lang: str) -> bool:
    """May the name standing where a term is missing (``v.found``) be replaced by it?

    Only like for like and only when the term is nowhere else in the target: «Даніель
    Угорщини» for «Гран-прі» — which words are the wrong name? «Генсек НАТО» for a second
    "Rutte", or «до Києва» for "the capital" beside a rendered «Зеленський», is more likely
    the translator's own wording than a wrong name: reported, left to a person.
    """
    if len(v.found.split()) != len(v.expected.split()) or _acronym(v.found) != _acronym(v.expected):
        return False
    return not find_phrase(target, tokenize(target), v.expected, lang)


def _acronym(text: str) -> bool:
    return len(text) > 1 and text.isupper()


def _recapitalise(found: str, expected: str) -> str:
    """``found`` with the capitalisation of the glossary words (inflection kept)."""
    out = list(found)
    for f, e in zip(tokenize(found), tokenize(expected)):
        if e.text[:1].isupper():
            out[f.start] = out[f.start].upper()
            if len(e.text) > 1 and e.text.isupper():
                out[f.start : f.end] = f.text.upper()
        elif not e.text[:1].isupper() and f.text[:1].isupper() and f.start > 0:
            out[f.start] = out[f.start].lower()
    return "".join(out)


def _slot(target: str, v: Violation, morph: UkrainianMorphology) -> tuple[str, str] | None:
    """(case, number) of the words ``v.found`` fills, from its head and the preposition."""
    found = tokenize(v.found)
    model = tokenize(v.matched) if v.matched else []
    head_word, model_head = None, None
    if model and len(model) == len(found):
        shape = phrase_shape(v.matched, "uk")
        if shape.head is not None:
            head_word, model_head = found[shape.head].text, model[shape.head].text
    elif model and len(model) != len(found):
        return None  # words between the term's words: replacing would drop them
    if head_word is None:
        nouns = [t.text for t in found if any(p.tag.POS == "NOUN" for p in morph.parses(t.text))]
        head_word = nouns[0] if nouns else found[0].text
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
        not morph.dictionary_parses(head_word) and fold_word(head_word)[-1] in _INDECLINABLE_ENDINGS)
    nouns = [p for p in nouns if "Fixd" not in p.tag] or nouns
    options = [(str(case_of(p) or "nomn"), str(p.tag.number or "sing")) for p in nouns]
    options.sort(key=lambda o: o[1] != "sing")  # «Атланти»: a name's genitive, not a plural
    before = tokenize(target[: v.start or 0])[-1:]
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


def _inflect_like(target: str, v: Violation, morph: UkrainianMorphology) -> str | None:
    """The expected phrase declined to the slot ``v.found`` occupies."""
    if decline(v.expected, "gent", "sing", morph) == v.expected:
        return v.expected  # «Кавано», «Brexit», «Бернерс-Лі» read the same in every case
    slot = _slot(target, v, morph)
    return None if slot is None else decline(v.expected, *slot, morph)


def decline(phrase: str, case: str, number: str, morph: UkrainianMorphology) -> str | None:
    """A Ukrainian glossary phrase in ``case`` and ``number``: the head noun inflected, words
    that agree with it follow, names inflect in the singular (``phrase_shape`` roles)."""
    if (case, number) == ("nomn", "sing"):
        return phrase  # glossary renderings are given in the dictionary form
    shape = phrase_shape(phrase, "uk")
    if shape.head is None:
        invariable = all(role == "prefix" or _inflect_word(word, case, number, {"NOUN"}, None,
                                                           morph) == (word, None)
                         for word, role in zip(shape.words, shape.roles))
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
    for token, word in zip(tokenize(phrase), words):
        pieces += [phrase[position : token.start], word]
        position = token.end
    return "".join(pieces) + phrase[position:]


# --- catalogues ----------------------------------------------------------------------------


@dataclass(slots=True)
class CatalogueFixes:
    """What ``fix_catalogues`` did: repaired and unrepaired findings, files rewritten."""

    fixed: list[Finding] = field(default_factory=list)
    unfixed: list[Finding] = field(default_factory=list)
    written: list[str] = field(default_factory=list)


def fix_catalogues(
    paths: Sequence[str | PathLike[str]], glossary: Glossary, lang: str | None = None
) -> CatalogueFixes:
    """Check the catalogues as ``check_catalogues`` does and repair what is safe.

    Each changed entry becomes fuzzy and gets a translator comment naming the terms, so
    review finds it; the file is rewritten atomically, and only the changed entries' lines
    change (everything else stays byte for byte).
    """
    bases = {str(p): open_catalogue(p) for p in paths}  # what save_changes compares with
    catalogues = {path: read.po for path, read in bases.items()}
    groups: dict[str, list[tuple[str, polib.POEntry, int | None, str, str]]] = {}
    for path, po in catalogues.items():
        code = primary_language(catalogue_language(po, path, lang))
        groups.setdefault(code, []).extend((path, *item) for item in po_items(po))
    result = CatalogueFixes()
    changed: dict[str, list[polib.POEntry]] = {}
    for code, items in groups.items():
        matcher = Matcher(glossary, code)
        for (path, entry, plural, _, text), found in zip(
            items, check_set([(i[3], i[4]) for i in items], code, matcher)
        ):
            if not found:
                continue
            repaired = fix_target(text, found, code)
            where = (path, entry.linenum, entry.msgid, entry.msgctxt, plural)
            result.fixed += [Finding(*where, v) for v in repaired.fixed]
            result.unfixed += [Finding(*where, v) for v in repaired.unfixed]
            if repaired.text == text:
                continue
            original = entry.msgstr if plural is None else entry.msgstr_plural[plural]
            new = repaired.text
            if original != text:  # a Markdown entry was checked as plain text
                new = restore_markup(strip_markup(original), new, _edit_links(text, new))
            if plural is None:
                entry.msgstr = new
            else:
                entry.msgstr_plural[plural] = new
            _annotate(entry, repaired.fixed)
            if entry not in changed.setdefault(path, []):
                changed[path].append(entry)
    for path, entries in changed.items():
        save_changes(path, entries, base=bases[path])
        result.written.append(path)
        log.info("%s: fixed %d entries", path, len(entries))
    return result


def _edit_links(old: str, new: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Character alignment between a text and its repaired version, for moving markup:
    unchanged characters map one to one, a replaced stretch to its replacement."""
    links = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            links += [((a1 + k, a1 + k + 1), (b1 + k, b1 + k + 1)) for k in range(a2 - a1)]
        elif a1 < a2:
            links.append(((a1, a2), (b1, max(b1, b2))))
    return links


def _annotate(entry: polib.POEntry, fixed: list[Violation]) -> None:
    if "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")  # where msgmerge puts it: "#, fuzzy, c-format"
    lines = entry.tcomment.splitlines() if entry.tcomment else []
    for v in fixed:
        note = f"glossary: {v.term} → «{v.expected}» (was «{v.found}»)"
        if note not in lines:
            lines.append(note)
    entry.tcomment = "\n".join(lines)
