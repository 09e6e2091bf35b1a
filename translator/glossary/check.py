"""Check one target against the glossary: missing, forbidden and dnt renderings.

A term counts as rendered when the target holds its preferred translation or a variant in
*any* grammatical form (see ``morphology``), so «на авіабазі Рамштайн» passes for
«авіабаза Рамштайн». Capitalised glossary words must stay capitalised («План перемоги» is
the plan's name; «плану перемоги» is reported). Forbidden renderings are searched in every
target, in any form and case, because they must never appear — except where the same
words are an accepted rendering (forbidden «план перемоги» never flags «Плану перемоги»).

``check_entry`` reports one entry and is what the review app and the enforcer ask of each
text (the enforcer through ``analyse_entry``, with the source's matches already known);
``consistency.check_set`` adds consistency across entries; ``catalogues`` runs both over PO
files. Pure: no file is read or written here.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from translator.glossary.match import NOT_NAMES, Match, Matcher
from translator.glossary.morphology import (
    Found,
    Word,
    find_phrase,
    find_verbatim,
    fold_word,
    morphology,
    normal,
    tokenize,
    transliterates,
)
from translator.glossary.terms import Term

KINDS = ("missing", "forbidden", "dnt", "inconsistent")
_SOURCE_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_ABBREVIATION = re.compile(r"\b(?:[A-Z]\.){2,}|\b[A-Z]{2,}\b")


@dataclass(frozen=True, slots=True)
class Violation:
    """One problem in one target.

    ``term`` is the source term, ``expected`` the rendering the glossary (or the dominant
    usage) wants, ``found`` the offending target text at ``start:end`` ('' and ``None`` when
    nothing was found), ``matched`` the glossary form ``found`` was recognised as (a
    forbidden entry, a variant, the preferred form with wrong capitalisation).
    ``keeps_case``: the capital of ``expected``'s first word is the term's own (a name, a
    ``case`` term); when False it is the glossary's style and a repair follows the sentence.
    """

    kind: str
    term: str
    expected: str
    found: str = ""
    start: int | None = None
    end: int | None = None
    matched: str = ""
    lang: str = field(default="", compare=False)
    keeps_case: bool = field(default=True, compare=False)


@dataclass(frozen=True, slots=True)
class Rendering:
    """Where and how a term is rendered in a target: ``form`` is the glossary rendering
    (``index`` 0 = preferred), ``found`` its place in the target."""

    term: Term
    form: str
    index: int
    found: Found
    text: str


def _spans_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def word_index(tokens: list[Word], lang: str) -> dict[str, list[int]]:
    """Word positions by ``Morphology.initial``: a phrase can only start at a word with
    its first word's first letter, so each rendering is tried at a few places and only
    those words are analysed, not every word of every target."""
    morph = morphology(lang)
    index: dict[str, list[int]] = {}
    for i, token in enumerate(tokens):
        index.setdefault(morph.initial(token.text), []).append(i)
    return index


def renderings(
    target: str, term: Term, lang: str, tokens: list[Word] | None = None,
    index: dict[str, list[int]] | None = None,
) -> list[Rendering]:
    """Every occurrence of an accepted rendering of ``term`` in ``target`` (any case form),
    including capitalisation near misses (``found.caps_ok`` False). Forms keep their first
    letter: the dictionary's suppletive pronoun forms («хто» → «кім», «вони» → «їх») are
    no renderings of a term."""
    out: list[Rendering] = []
    if term.dnt:
        for number, form in enumerate(term.renderings):
            for start, end in find_verbatim(target, form, fold=True):
                exact = normal(target[start:end]) == normal(form)
                out.append(Rendering(term, form, number, Found(start, end, (), exact, True),
                                     target[start:end]))
        return out
    tokens = tokenize(target) if tokens is None else tokens
    index = word_index(tokens, lang) if index is None else index
    morph = morphology(lang)
    for number, form in enumerate(term.renderings):
        first = tokenize(form)[:1]
        starts = index.get(morph.initial(first[0].text), []) if first else []
        if not starts:
            continue
        capitals = required_capitals(term, form)
        for found in find_phrase(target, tokens, form, lang, strict_case=term.case_sensitive,
                                 capitals=capitals, starts=starts):
            out.append(Rendering(term, form, number, found, target[found.start : found.end]))
    # «сирени повітряної тривоги» contains the variant «повітряна тривога»: longest wins
    out.sort(key=lambda r: (r.found.start - r.found.end, r.index))
    kept: list[Rendering] = []
    for r in out:
        span = (r.found.start, r.found.end)
        if not any(_spans_overlap(span, (k.found.start, k.found.end)) for k in kept):
            kept.append(r)
    return sorted(kept, key=lambda r: r.found.start)


def required_capitals(term: Term, form: str) -> tuple[bool, ...]:
    """Which capitalised words of a rendering must stay capitalised in the target.

    A capital is a requirement when it is deliberate (``keeps_case``): every capitalised word
    of a name ("victory plan" → «План перемоги», the plan's name) and any capitalised word
    after the first («авіабаза Рамштайн»). The first word of a common noun follows the
    sentence: UI glossaries capitalise every entry («Символ табуляції»), and «вставляти
    символ табуляції» is right.
    """
    return tuple(
        token.text[:1].isupper() and (i > 0 or keeps_case(term))
        for i, token in enumerate(tokenize(form))
    )


def keeps_case(term: Term) -> bool:
    """Is the first capital of the term's renderings its own? For a name (``name`` flag), a
    ``case`` term, and a term whose glossary forbids a rendering in another case (forbidden
    «план перемоги» beside «План перемоги» says the capital matters)."""
    if term.is_name or term.case_sensitive:
        return True
    folded = {form.casefold() for form in term.renderings}
    return any(form.casefold() in folded for form in term.forbidden)



def _forbidden_hits(
    target: str, term: Term, lang: str, tokens: list[Word], accepted: list[tuple[int, int]],
    starts: list[int] | None = None, words: dict[str, list[int]] | None = None,
) -> list[Violation]:
    """Forbidden renderings of ``term`` in ``target`` that are not part of an accepted one."""
    if not term.forbidden:
        return []
    own = [(r.found.start, r.found.end) for r in renderings(target, term, lang, tokens, words)
           if r.found.caps_ok]
    out = []
    for form in term.forbidden:
        for found in find_phrase(target, tokens, form, lang, max_gap=0, starts=starts):
            span = (found.start, found.end)
            if any(_spans_overlap(span, other) for other in own) or any(
                a <= span[0] and span[1] <= b for a, b in accepted
            ):  # part of an accepted rendering («Рамштайн» alone is fine, «базі Рамштайн» not)
                continue
            out.append(Violation("forbidden", term.source, term.translation,
                                 target[found.start : found.end], found.start, found.end,
                                 form, lang, keeps_case(term)))
    return out


@lru_cache(maxsize=8)
def _forbidden_index(matcher: Matcher, lang: str) -> tuple[frozenset[str], dict[str, list[Term]]]:
    """First letters of every forbidden rendering, and its first word's keys → terms, to
    scan targets quickly: only words with such a letter are analysed."""
    morph = morphology(lang)
    initials: set[str] = set()
    index: dict[str, list[Term]] = {}
    for term in matcher.terms:
        for form in term.forbidden:
            words = tokenize(form)
            if words:
                initials.add(morph.initial(words[0].text))
                for key in morph.keys(words[0].text):
                    index.setdefault(key, []).append(term)
    return frozenset(initials), index


@dataclass(slots=True)
class EntryCheck:
    """Violations of one target plus, for consistency, the rendering used for each term."""

    violations: list[Violation]
    used: list[Rendering]


def analyse_entry(
    source: str, target: str, lang: str, matcher: Matcher, matches: list[Match] | None = None
) -> EntryCheck:
    """The work behind ``check_entry``; also returns the renderings used."""
    matches = matcher.find(source) if matches is None else matches
    tokens = tokenize(target)
    index = word_index(tokens, lang)
    terms = list(dict.fromkeys(m.term for m in matches))
    violations: list[Violation] = []
    used: list[Rendering] = []
    accepted: list[tuple[int, int]] = []
    per_term: dict[Term, list[Rendering]] = {}
    for term in terms:
        found = renderings(target, term, lang, tokens, index)
        per_term[term] = found
        accepted += [(r.found.start, r.found.end) for r in found if r.found.caps_ok]
    forbidden = _all_forbidden(target, lang, matcher, tokens, index, accepted, set(terms))
    violations += forbidden
    mentions = Counter(m.term for m in matches)
    absent: list[tuple[Term, bool]] = []  # per unrendered mention: is the term rendered elsewhere
    for term in terms:
        good = [r for r in per_term[term] if r.found.caps_ok]
        near = [r for r in per_term[term] if not r.found.caps_ok
                and not any(_spans_overlap((r.found.start, r.found.end), (v.start or 0, v.end or 0))
                            for v in forbidden)]
        used += good
        for r in near:
            kind = "inconsistent" if good else ("dnt" if term.dnt else "missing")
            expected = good[0].text if good else r.form
            violations.append(Violation(kind, term.source, expected, r.text, r.found.start,
                                        r.found.end, r.form, lang, keeps_case(term)))
        flagged = len(near) + sum(v.term == term.source for v in forbidden)
        # «Трамп» inside «Дональд Трамп» renders "Donald Trump", not another "Trump"
        own = [r for r in good if not any(
            o.term != term and o.found.start <= r.found.start and r.found.end <= o.found.end
            and o.found.end - o.found.start > r.found.end - r.found.start
            for other in terms for o in per_term[other] if o.found.caps_ok)]
        if good or flagged:
            # "Kyiv … Kyiv" with one «Києві» and one wrong name: a right rendering of one
            # mention must not hide a wrong one, so a term rendered fewer times than it is
            # mentioned is reported when a name stands where the other mention should be
            if len(own) + flagged < mentions[term] and _is_named(term):
                absent += [(term, True)] * (mentions[term] - len(own) - flagged)
            continue
        if term.dnt:
            surfaces = {m.text for m in matches if m.term == term}
            if any(find_verbatim(target, s) for s in surfaces):
                continue
        if _is_named(term):
            absent += [(term, False)] * mentions[term]
            continue
        violations.append(Violation(_kind(term), term.source, term.translation, lang=lang))
    if absent:
        taken = accepted + [(v.start or 0, v.end or 0) for v in violations if v.start is not None]
        violations += _missing_names(source, target, tokens, lang, absent, taken, matches)
    violations.sort(key=lambda v: (v.start if v.start is not None else -1, v.kind))
    return EntryCheck(violations, used)


def _is_named(term: Term) -> bool:
    """Is the term rendered as a name (capitalised target words)? Then a wrong rendering is
    usually another name, which ``_stand_ins`` can point at."""
    return any(required_capitals(term, term.translation))


def _missing_names(
    source: str, target: str, tokens: list[Word], lang: str, absent: list[tuple[Term, bool]],
    taken: list[tuple[int, int]], matches: list[Match],
) -> list[Violation]:
    """``missing`` for unrendered mentions of names (``absent``: one item per mention, and
    whether the term is rendered elsewhere in the target), pointing at the name that stands
    in its place when that is unambiguous.

    A term rendered for some of its mentions is reported only when an unexplained name is
    there to stand in for the others: translators rightly say «він» or «столиця» the second
    time, but «Трампа … Меркель» for "Trump … Trump" is a wrong name.
    """
    stand_ins = _stand_ins(source, target, tokens, lang, taken, matches)
    terms = list(dict.fromkeys(term for term, _ in absent))
    out = []
    for term in terms:
        places = [(s, e) for s, e in stand_ins if not _derived(target[s:e], term)]
        mentions = sum(t == term for t, _ in absent)
        if len(terms) == 1 and places and len(places) == mentions:
            out += [Violation(_kind(term), term.source, term.translation, target[s:e], s, e, "",
                              lang, keeps_case(term)) for s, e in places]
        elif places or not any(partly for t, partly in absent if t == term):
            out.append(Violation(_kind(term), term.source, term.translation, lang=lang))
    return out


def _kind(term: Term) -> str:
    return "dnt" if term.dnt else "missing"


def _derived(text: str, term: Term) -> bool:
    """Is ``text`` made from a word of the term's renderings («Трансаляскінського» from
    «Аляска», «Київщини» from «Київ», «Рамштайн» of «авіабаза Рамштайн»)? Then it is no
    other name."""
    folded = fold_word(text)
    return any(len(stem) >= 4 and stem in folded
               for form in term.renderings for word in tokenize(form)
               for stem in [fold_word(word.text)[:-1]])


def _stand_ins(
    source: str, target: str, tokens: list[Word], lang: str, taken: list[tuple[int, int]],
    matches: list[Match],
) -> list[tuple[int, int]]:
    """Spans of target names that nothing in the source accounts for.

    A name is a capitalised word that may be a proper name (``Morphology.proper``: not
    «Однак» opening a sentence, not «Спільноти» of «Спільноти Кромвеля»), not part of a
    glossary rendering already found (``taken``), not kept in English from the source, not a
    transliteration of a capitalised source word outside the glossary matches («Шей» is
    "Shay"). Adjacent ones form one span («Олівера Кенії» for "Oliver Cromwell" leaves
    «Кенії»).
    """
    morph = morphology(lang)

    def unmatched(found: re.Match[str]) -> bool:
        return not any(m.start <= found.start() < m.end for m in matches)

    names = {
        found.group() for found in _SOURCE_WORD.finditer(source)
        if found.group()[:1].isupper() and found.group() not in NOT_NAMES
        and (len(found.group()) > 2 or found.group().isupper()) and unmatched(found)
    }
    # «США», «ЄС», «ООН»: translated abbreviations, one per abbreviation of the source
    abbreviations = sum(map(unmatched, _ABBREVIATION.finditer(source)))
    runs: list[list[Word]] = []
    for token in tokens:
        if (
            not token.text[:1].isupper()
            or any(a <= token.start < b for a, b in taken)
            or find_verbatim(source, token.text)  # kept in English: a title, a brand
            or not morph.proper(token.text)
            or any(transliterates(token.text, name, lang) for name in names)
        ):
            continue
        if len(token.text) > 1 and token.text.isupper() and abbreviations:
            abbreviations -= 1
            continue
        if runs and not target[runs[-1][-1].end : token.start].strip():
            runs[-1].append(token)
        else:
            runs.append([token])
    # adjectives are the attribute of a name («Стародавньому Китаї», «Північної Юти»)
    names_only = [run[next((i for i, t in enumerate(run) if not morph.adjective(t.text)),
                           len(run)):] for run in runs]
    return [(run[0].start, run[-1].end) for run in names_only if run]


def _all_forbidden(
    target: str,
    lang: str,
    matcher: Matcher,
    tokens: list[Word],
    words: dict[str, list[int]],
    accepted: list[tuple[int, int]],
    in_source: set[Term],
) -> list[Violation]:
    """Forbidden renderings of any term; one violation per span, naming a term of this
    entry's source when there is one (Kyiv and Kiev both forbid «Киев»)."""
    initials, index = _forbidden_index(matcher, lang)
    if not index:
        return []
    morph = morphology(lang)
    starts: dict[Term, set[int]] = {}
    for letter in initials & words.keys():
        for i in words[letter]:
            for key in morph.keys(tokens[i].text):
                for term in index.get(key, ()):
                    starts.setdefault(term, set()).add(i)
    best: dict[tuple[int | None, int | None], Violation] = {}
    ranked = sorted(starts.items(), key=lambda item: item[0] not in in_source)
    for term, where in ranked:
        for hit in _forbidden_hits(target, term, lang, tokens, accepted, sorted(where), words):
            best.setdefault((hit.start, hit.end), hit)
    hits = sorted(best.values(), key=lambda v: (v.start or 0) - (v.end or 0))
    kept: list[Violation] = []
    for hit in hits:  # longest first: «Владимир Зеленский» hides its «Зеленский»
        if not any(_spans_overlap((hit.start or 0, hit.end or 0), (k.start or 0, k.end or 0))
                   for k in kept):
            kept.append(hit)
    return kept


def check_entry(source: str, target: str, lang: str, matcher: Matcher) -> list[Violation]:
    """Glossary problems of one translated segment, in target order.

    >>> from translator.glossary.terms import Glossary, Term
    >>> m = Matcher(Glossary([Term("Kyiv", "uk", "Київ", forbidden=("Киев",))]), "uk")
    >>> check_entry("Talks in Kyiv.", "Переговори у Києві.", "uk", m)
    []
    >>> [v.kind for v in check_entry("Talks in Kyiv.", "Переговори в Киеве.", "uk", m)]
    ['forbidden']
    """
    return analyse_entry(source, target, lang, matcher).violations
