"""Check targets against the glossary: missing, forbidden, dnt and inconsistent renderings.

A term counts as rendered when the target holds its preferred translation or a variant in
*any* grammatical form (see ``morphology``), so «на авіабазі Рамштайн» passes for
«авіабаза Рамштайн». Capitalised glossary words must stay capitalised («План перемоги» is
the plan's name; «плану перемоги» is reported). Forbidden renderings are searched in every
target, in any form and case, because they must never appear — except where the same
words are an accepted rendering (forbidden «план перемоги» never flags «Плану перемоги»).

``term_rendering`` and ``complies`` answer the question enforcement asks of each n-best
hypothesis; ``check_entry`` reports one entry; ``check_set`` adds consistency across entries.
``check_catalogues`` runs all of it over PO files and ``report_to_json`` gives the CI its
JSON.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from os import PathLike
from pathlib import Path

import polib

from translator.catalogue.header import text_kind
from translator.documents.kinds import TextKind
from translator.errors import CatalogueError
from translator.glossary.match import NOT_NAMES, Match, Matcher, source_names
from translator.glossary.morphology import (
    Found,
    Token,
    find_phrase,
    find_verbatim,
    fold_word,
    morphology,
    similarity,
    tokenize,
    transliterates,
)
from translator.glossary.terms import Glossary, Term, primary_language
from translator.inline import strip as strip_markup

log = logging.getLogger(__name__)

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
    """

    kind: str
    term: str
    expected: str
    found: str = ""
    start: int | None = None
    end: int | None = None
    matched: str = ""
    lang: str = field(default="", compare=False)


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


def word_index(tokens: list[Token], lang: str) -> dict[str, list[int]]:
    """Token positions by ``Morphology.initial``: a phrase can only start at a word with
    its first word's first letter, so each rendering is tried at a few places and only
    those words are analysed, not every word of every target."""
    morph = morphology(lang)
    index: dict[str, list[int]] = {}
    for i, token in enumerate(tokens):
        index.setdefault(morph.initial(token.text), []).append(i)
    return index


def renderings(
    target: str, term: Term, lang: str, tokens: list[Token] | None = None,
    index: dict[str, list[int]] | None = None,
) -> list[Rendering]:
    """Every occurrence of an accepted rendering of ``term`` in ``target`` (any case form),
    including capitalisation near misses (``found.caps_ok`` False). Forms keep their first
    letter: the dictionary's suppletive pronoun forms («хто» → «кім», «вони» → «їх») are
    no renderings of a term."""
    out: list[Rendering] = []
    if term.dnt:
        for number, form in enumerate(term.renderings):
            for start in find_verbatim(target, form, fold=True):
                end = start + len(form)
                exact = target[start:end] == form
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

    A capital is a requirement when it is deliberate: every capitalised word of a name
    (``name``/``case`` flag), any capitalised word after the first («авіабаза Рамштайн»,
    «Близький Схід»), and a capitalised first word whose source term is lower case
    ("victory plan" → «План перемоги»). A first-word capital that only mirrors a capitalised
    source ("Download" → «Завантажити» in a UI glossary) is style, not a requirement.
    """
    deliberate_first = term.is_name or term.case_sensitive or not term.source[:1].isupper()
    return tuple(
        token.text[:1].isupper() and (i > 0 or deliberate_first)
        for i, token in enumerate(tokenize(form))
    )


def term_rendering(target: str, term: Term, lang: str) -> Rendering | None:
    """The first compliant rendering of ``term`` in ``target``, or ``None``.

    The question enforcement asks of each hypothesis: the span tells it where the term is.
    """
    return next((r for r in renderings(target, term, lang) if r.found.caps_ok), None)


def complies(target: str, terms: Sequence[Term], lang: str) -> bool:
    """True when every term is rendered acceptably and no forbidden rendering appears."""
    return all(term_rendering(target, t, lang) for t in terms) and not any(
        _forbidden_hits(target, t, lang, tokenize(target), []) for t in terms
    )


def _forbidden_hits(
    target: str, term: Term, lang: str, tokens: list[Token], accepted: list[tuple[int, int]],
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
                                 form, lang))
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
                                        r.found.end, r.form, lang))
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
    source: str, target: str, tokens: list[Token], lang: str, absent: list[tuple[Term, bool]],
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
                              lang) for s, e in places]
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
    source: str, target: str, tokens: list[Token], lang: str, taken: list[tuple[int, int]],
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
    runs: list[list[Token]] = []
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
    tokens: list[Token],
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


def check_set(
    items: Sequence[tuple[str, str]], lang: str, matcher: Matcher, *, names: bool = True
) -> list[list[Violation]]:
    """``check_entry`` for each (source, target) plus consistency across all of them.

    Glossary terms rendered with different accepted forms, and repeated proper names outside
    the glossary rendered differently from their dominant rendering, are ``inconsistent``.
    """
    consistency = Consistency(lang, names=names)
    results: list[list[Violation]] = []
    for number, (source, target) in enumerate(items):
        matches = matcher.find(source)
        entry = analyse_entry(source, target, lang, matcher, matches)
        results.append(list(entry.violations))
        consistency.add(number, source, target, matches, entry.used)
    for number, violation in consistency.finish():
        if not any(v.start == violation.start and v.end == violation.end and v.kind ==
                   violation.kind for v in results[number]):
            results[number].append(violation)
    return results


class Consistency:
    """Learns how each term and each repeated source name is rendered across a set of
    entries, then reports the odd ones out.

    Glossary terms: when more than one accepted rendering is used, the dominant one (ties go
    to the preferred) is expected. Names outside the glossary: a capitalised target word is
    taken as the rendering of a source name when it occurs in at least half of the entries
    naming it (and at least two), looks like the name (transliterated), and is otherwise
    rare; an entry naming it with a *similar but different* word instead is flagged. Without
    such a look-alike nothing is reported — a pronoun or a paraphrase is not an error.
    """

    def __init__(self, lang: str, *, names: bool = True) -> None:
        self.lang = lang
        self.names = names
        self.usage: dict[Term, list[tuple[int, Rendering]]] = {}
        self.mentions: dict[str, set[int]] = {}
        self.mid_sentence: set[str] = set()
        self.capitalised: dict[int, list[tuple[Token, str]]] = {}

    def add(self, item: int, source: str, target: str, matches: list[Match],
            used: list[Rendering]) -> None:
        """Record one entry (``used``: renderings ``analyse_entry`` found)."""
        for rendering in used:
            self.usage.setdefault(rendering.term, []).append((item, rendering))
        if not self.names:
            return
        spans = source_names(source, matches)
        for span in spans:
            words = span.text.split()
            # "Oleh Syniehubov" is also a mention of "Syniehubov"
            for name in dict.fromkeys([span.text, *(words if len(words) > 1 else [])]):
                self.mentions.setdefault(name, set()).add(item)
                if not span.initial or name != words[0]:
                    self.mid_sentence.add(name)
        if spans:
            taken = [(r.found.start, r.found.end) for r in used]
            self.capitalised[item] = [
                (t, target) for t in tokenize(target)
                if t.text[:1].isupper() and not any(s <= t.start < e for s, e in taken)
            ]

    def finish(self) -> list[tuple[int, Violation]]:
        """(entry number, violation) for every inconsistent rendering."""
        return self._terms() + (self._names() if self.names else [])

    def _terms(self) -> list[tuple[int, Violation]]:
        out = []
        for term, uses in self.usage.items():
            counts: dict[int, int] = {}
            for _, r in uses:
                counts[r.index] = counts.get(r.index, 0) + 1
            if len(counts) < 2:
                continue
            dominant = max(counts, key=lambda i: (counts[i], -i))
            out += [
                (item, Violation("inconsistent", term.source, term.renderings[dominant], r.text,
                                 r.found.start, r.found.end, r.form, self.lang))
                for item, r in uses if r.index != dominant
            ]
        return out

    def _names(self) -> list[tuple[int, Violation]]:
        morph = morphology(self.lang)
        clusters: list[tuple[str, dict[int, list[Token]]]] = []
        by_key: dict[str, list[int]] = {}
        for item, tokens in self.capitalised.items():
            for token, _ in tokens:
                keys = morph.keys(token.text)
                hits = {c for k in keys for c in by_key.get(k, ())}
                home = next((c for c in sorted(hits)
                             if morph.same_word(token.text, clusters[c][0])), None)
                if home is None:
                    home = len(clusters)
                    clusters.append((token.text, {}))
                    for k in keys:
                        by_key.setdefault(k, []).append(home)
                clusters[home][1].setdefault(item, []).append(token)
        # Each cluster renders the name it resembles most: in "LABEL … PARTLABEL" usage
        # texts «LABEL» belongs to LABEL, not to PARTLABEL.
        owners: dict[int, tuple[float, str]] = {}
        in_item: dict[int, set[int]] = {}
        for number, (_, where) in enumerate(clusters):
            for item in where:
                in_item.setdefault(item, set()).add(number)
        for name, items in self.mentions.items():
            if len(items) < 2 or name not in self.mid_sentence:
                continue
            near = set().union(*(in_item.get(item, ()) for item in items))
            for number in sorted(near):
                rep, where = clusters[number]
                shared = items & where.keys()
                if len(shared) < 2 or len(shared) * 2 < len(items):
                    continue
                if len(shared) * 2 < len(items | where.keys()):
                    continue  # a word of many other entries (a place, a weekday), not this name
                score = max(similarity(rep, w, self.lang) for w in name.split())
                if score >= 0.5 and score > owners.get(number, (0.0, ""))[0]:
                    owners[number] = (score, name)
        out: list[tuple[int, Violation]] = []
        for number, (_, name) in sorted(owners.items()):
            rep, where = clusters[number]
            surfaces = [t.text for i in self.mentions[name] & where.keys() for t in where[i]]
            expected = max(set(surfaces), key=surfaces.count)
            for item in sorted(self.mentions[name] - where.keys()):
                # two ordinary words («Формат», «Форматувати») are not a name's spellings
                odd = [
                    (similarity(t.text, rep, self.lang), t)
                    for t, _ in self.capitalised.get(item, [])
                    if morph.name_like(t.text) or morph.name_like(rep)
                ]
                odd = [o for o in odd if o[0] >= 0.7]
                if odd:
                    token = max(odd, key=lambda o: o[0])[1]
                    out.append((item, Violation("inconsistent", name, expected, token.text,
                                                token.start, token.end, "", self.lang)))
        return out


# --- catalogues ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Finding:
    """A violation in a catalogue entry; ``line`` is polib's ``entry.linenum`` (the entry's
    first line) and ``plural`` the msgstr index for plural entries."""

    file: str
    line: int
    msgid: str
    msgctxt: str | None
    plural: int | None
    violation: Violation

    def __str__(self) -> str:
        v = self.violation
        found = f", found «{v.found}»" if v.found else ", not found"
        form = f" [plural {self.plural}]" if self.plural is not None else ""
        return f"{self.file}:{self.line}: {v.kind}: {v.term} → «{v.expected}»{found}{form}"


@dataclass(slots=True)
class Report:
    """Everything ``check_catalogues`` found, in file and entry order."""

    findings: list[Finding]
    files: list[str]
    entries: int = 0

    @property
    def ok(self) -> bool:
        """True when there is nothing to report (exit code 0)."""
        return not self.findings

    @property
    def summary(self) -> dict[str, object]:
        """Counts for people and CI: files, entries checked, violations by kind."""
        by_kind = {kind: 0 for kind in KINDS}
        for finding in self.findings:
            by_kind[finding.violation.kind] = by_kind.get(finding.violation.kind, 0) + 1
        return {"files": len(self.files), "entries": self.entries,
                "violations": len(self.findings), "by_kind": by_kind}


def load_catalogue(path: str | PathLike[str]) -> polib.POFile:
    """The catalogue, read as strictly as ``translate`` reads one (file:line on errors)."""
    from translator.catalogue.read import read_catalogue

    return read_catalogue(Path(path))


def po_items(po: polib.POFile) -> list[tuple[polib.POEntry, int | None, str, str]]:
    """(entry, plural index, source, target) for every translated form of every active entry.

    Obsolete, header and untranslated entries are skipped; fuzzy ones are checked (machine
    output is fuzzy and is what most needs checking). Plural form 0 is checked against
    ``msgid``, the others against ``msgid_plural``. In a Markdown document's catalogue the
    texts are checked without their markup: «на [авіабазі](…) Рамштайн» is the term.
    """
    plain = {TextKind.MARKDOWN: _plain, TextKind.HTML: _untagged}.get(text_kind(po.metadata),
                                                                      _same)
    items = []
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        if entry.msgid_plural:
            for index in sorted(entry.msgstr_plural):
                text = entry.msgstr_plural[index]
                if text:
                    source = entry.msgid if index == 0 else entry.msgid_plural
                    items.append((entry, int(index), plain(source), plain(text)))
        elif entry.msgstr:
            items.append((entry, None, plain(entry.msgid), plain(entry.msgstr)))
    return items


def _plain(markdown: str) -> str:
    return strip_markup(markdown).plain


def _untagged(text: str) -> str:
    """An HTML or DOCX segment's words, without its tags (attribute values are no prose)."""
    from translator.documents.htmlinline import parse

    return parse(text).plain


def _same(text: str) -> str:
    return text


def catalogue_language(po: polib.POFile, path: str | PathLike[str], lang: str | None) -> str:
    """``lang`` if given, else the catalogue's Language header."""
    found = lang or po.metadata.get("Language", "").strip()
    if not found:
        raise CatalogueError("no Language header; pass the target language (--lang)", file=path)
    return found


def check_catalogues(
    paths: Sequence[str | PathLike[str]], glossary: Glossary, lang: str | None = None
) -> Report:
    """Check every translated entry of the catalogues, consistency across all of them.

    >>> report = check_catalogues(["uk.po"], load_glossary("glossaries/ukraine-news.tsv"),
    ...                           "uk")  # doctest: +SKIP
    >>> print(*report.findings, sep="\\n")  # doctest: +SKIP
    """
    groups: dict[str, list[tuple[str, polib.POEntry, int | None, str, str]]] = {}
    for path in paths:
        po = load_catalogue(path)
        code = primary_language(catalogue_language(po, path, lang))
        groups.setdefault(code, []).extend((str(path), *item) for item in po_items(po))
    report = Report([], [str(p) for p in paths])
    for code, items in groups.items():
        matcher = Matcher(glossary, code)
        results = check_set([(i[3], i[4]) for i in items], code, matcher)
        report.entries += len({(i[0], id(i[1])) for i in items})
        for (file, entry, plural, _, _), violations in zip(items, results):
            report.findings += [
                Finding(file, entry.linenum, entry.msgid, entry.msgctxt, plural, v)
                for v in violations
            ]
    order = {f: n for n, f in enumerate(report.files)}
    report.findings.sort(key=lambda f: (order.get(f.file, 0), f.line, f.violation.start or -1))
    log.info("checked %d entries in %d files: %d violations", report.entries,
             len(report.files), len(report.findings))
    return report


def report_to_json(report: Report) -> dict[str, object]:
    """The JSON object for ``translator check --format json``: ``violations`` + ``summary``."""
    return {
        "violations": [
            {"file": f.file, "line": f.line, "msgid": f.msgid, "msgctxt": f.msgctxt,
             "plural": f.plural, "term": f.violation.term, "expected": f.violation.expected,
             "found": f.violation.found, "kind": f.violation.kind,
             "start": f.violation.start, "end": f.violation.end}
            for f in report.findings
        ],
        "summary": report.summary,
    }
