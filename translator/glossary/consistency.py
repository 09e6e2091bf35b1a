"""Consistency across a set of entries: one rendering per term, one spelling per name.

Entry analysis (``check.analyse_entry``) sees one target; this module sees all of them, so
it can tell that «безпілотники» is the dominant rendering of "drones" in a catalogue and
«дрони» the odd one out, or that a name rendered «Синєгубов» five times is misspelt the
sixth. Pure: no file is read or written here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from translator.glossary.check import (
    EntryCheck,
    Rendering,
    Violation,
    analyse_entry,
    keeps_case,
)
from translator.glossary.match import Match, Matcher, source_names
from translator.glossary.morphology import Word, morphology, similarity, tokenize
from translator.glossary.terms import Term


@dataclass(frozen=True, slots=True)
class Analysed:
    """One (source, target) pair as entry analysis saw it, kept so that consistency can be
    worked out again after some targets changed without analysing the others again."""

    source: str
    target: str
    matches: list[Match]
    entry: EntryCheck


def analyse(source: str, target: str, lang: str, matcher: Matcher) -> Analysed:
    """``check.analyse_entry`` with what ``consistent`` needs kept beside it."""
    matches = matcher.find(source)
    return Analysed(source, target, matches, analyse_entry(source, target, lang, matcher, matches))


def consistent(
    analysed: Sequence[Analysed], lang: str, *, names: bool = True
) -> list[list[Violation]]:
    """Each entry's violations plus those of consistency across all of them."""
    consistency = Consistency(lang, names=names)
    results: list[list[Violation]] = []
    for number, item in enumerate(analysed):
        results.append(list(item.entry.violations))
        consistency.add(number, item.source, item.target, item.matches, item.entry.used)
    for number, violation in consistency.finish():
        if not any(v.start == violation.start and v.end == violation.end and v.kind ==
                   violation.kind for v in results[number]):
            results[number].append(violation)
    return results


def check_set(
    items: Sequence[tuple[str, str]], lang: str, matcher: Matcher, *, names: bool = True
) -> list[list[Violation]]:
    """``check.check_entry`` for each (source, target) plus consistency across all of them.

    Glossary terms rendered with different accepted forms, and repeated proper names outside
    the glossary rendered differently from their dominant rendering, are ``inconsistent``.

    >>> from translator.glossary.terms import Glossary, Term
    >>> m = Matcher(Glossary([Term("drones", "uk", "безпілотники", variants=("дрони",))]), "uk")
    >>> [[v.found for v in found] for found in check_set(
    ...     [("Drones flew.", "Безпілотники летіли."), ("Drones again.", "Знову безпілотники."),
    ...      ("Drones.", "Дрони.")], "uk", m)]
    [[], [], ['Дрони']]
    """
    return consistent([analyse(s, t, lang, matcher) for s, t in items], lang, names=names)


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
        self.capitalised: dict[int, list[tuple[Word, str]]] = {}

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
                                 r.found.start, r.found.end, r.form, self.lang, keeps_case(term)))
                for item, r in uses if r.index != dominant
            ]
        return out

    def _names(self) -> list[tuple[int, Violation]]:
        morph = morphology(self.lang)
        clusters: list[tuple[str, dict[int, list[Word]]]] = []
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
