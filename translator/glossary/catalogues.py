"""Run the glossary check over PO catalogues, and with ``fix`` repair them, in one pass.

Each catalogue is read once. Its translated entries are checked against the glossary
(``consistency``: entry analysis plus consistency across every catalogue of the same
language); with ``fix`` the repairable findings are repaired (``fix``), the changed entries
analysed again and consistency worked out again, so the report says what is still wrong
after the repair without checking everything twice. Each changed entry becomes fuzzy with a
translator comment naming the terms, so review finds it; only the changed entries' lines of
the file change, and the file is replaced atomically.
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from os import PathLike
from pathlib import Path

import polib

from translator.catalogue import (
    add_translator_note,
    mark_fuzzy,
    open_catalogue,
    read_catalogue,
    save_changes,
    text_kind,
)
from translator.documents.kinds import TextKind
from translator.errors import CatalogueError
from translator.glossary.check import Violation
from translator.glossary.consistency import analyse, consistent
from translator.glossary.fix import fix_target
from translator.glossary.match import Matcher
from translator.glossary.report import Finding, Report
from translator.glossary.terms import Glossary, primary_language
from translator.inline import strip as strip_markup
from translator.placement import Link
from translator.placement import restore as restore_markup

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Item:
    """One translated form of one catalogue entry, as checked: ``source`` and ``target`` are
    plain text (a Markdown document's markup, an HTML or Word document's tags stripped)."""

    file: str
    entry: polib.POEntry
    plural: int | None
    source: str
    target: str
    kind: TextKind = TextKind.MESSAGE

    def finding(self, violation: Violation, line: int | None = None) -> Finding:
        """``violation`` located in this entry (at ``line`` when the file has changed)."""
        return Finding(self.file, self.entry.linenum if line is None else line,
                       self.entry.msgid, self.entry.msgctxt, self.plural, violation)


def po_items(po: polib.POFile) -> list[tuple[polib.POEntry, int | None, str, str]]:
    """(entry, plural index, source, target) for every translated form of every active entry.

    Obsolete, header and untranslated entries are skipped; fuzzy ones are checked (machine
    output is fuzzy and is what most needs checking). Plural form 0 is checked against
    ``msgid``, the others against ``msgid_plural``. In a Markdown document's catalogue the
    texts are checked without their markup: «на [авіабазі](…) Рамштайн» is the term.
    """
    kind = text_kind(po.metadata)
    items: list[tuple[polib.POEntry, int | None, str, str]] = []
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        if entry.msgid_plural:
            for index in sorted(entry.msgstr_plural):
                text = entry.msgstr_plural[index]
                if text:
                    source = entry.msgid if index == 0 else entry.msgid_plural
                    items.append((entry, int(index), plain_text(kind, source),
                                  plain_text(kind, text)))
        elif entry.msgstr:
            items.append((entry, None, plain_text(kind, entry.msgid),
                          plain_text(kind, entry.msgstr)))
    return items


def plain_text(kind: TextKind, text: str) -> str:
    """What the glossary reads of a ``kind`` text: a Markdown document's words without
    their markup, an HTML or Word document's without tags (attribute values are no prose).

    >>> plain_text(TextKind.HTML, 'on <a href="u">Ramstein</a> &amp; **more**')
    'on Ramstein & **more**'
    >>> plain_text(TextKind.MARKDOWN, 'on [Ramstein](u) & **more**')
    'on Ramstein & more'
    """
    if kind == TextKind.MARKDOWN:
        return strip_markup(text).plain
    if kind == TextKind.HTML:
        from translator.documents.htmlinline import parse

        return parse(text).plain
    return text


def with_markup(kind: TextKind, original: str, plain: str, links: Sequence[Link]) -> str:
    """The repaired ``plain`` text written as ``original`` was (a Markdown or tagged
    document's text): its markup moved onto the aligned words by the same inline model the
    translation used, so tags stay tags and nothing is escaped the other format's way.

    >>> with_markup(TextKind.HTML, 'на <a href="u">базі</a> Рамштайн &amp; *X*',
    ...             "на авіабазі Рамштайн & *X*",
    ...             _edit_links("на базі Рамштайн & *X*", "на авіабазі Рамштайн & *X*"))
    'на <a href="u">авіабазі</a> Рамштайн &amp; *X*'
    """
    if kind == TextKind.HTML:
        from translator.documents import htmlinline

        return htmlinline.restore(htmlinline.parse(original), plain, links)
    return restore_markup(strip_markup(original), plain, links)


def catalogue_language(po: polib.POFile, path: str | PathLike[str], lang: str | None) -> str:
    """``lang`` if given, else the catalogue's Language header."""
    found = lang or po.metadata.get("Language", "").strip()
    if not found:
        raise CatalogueError("no Language header; pass the target language (--lang)", file=path)
    return found


def check_catalogues(
    paths: Sequence[str | PathLike[str]], glossary: Glossary, lang: str | None = None,
    *, fix: bool = False,
) -> Report:
    """Check every translated entry of the catalogues, consistency across all of them; with
    ``fix``, repair what is safe first and report what is left.

    >>> report = check_catalogues(["uk.po"], load_glossary("glossaries/ukraine-news.tsv"),
    ...                           "uk")  # doctest: +SKIP
    >>> print(*report.findings, sep="\\n")  # doctest: +SKIP
    """
    read = {str(path): open_catalogue(path) for path in paths}  # kept: what was read
    catalogues = {path: file.po for path, file in read.items()}
    groups: dict[str, list[Item]] = {}
    for path, po in catalogues.items():
        code = primary_language(catalogue_language(po, path, lang))
        kind = text_kind(po.metadata)
        groups.setdefault(code, []).extend(Item(path, *item, kind) for item in po_items(po))
    report = Report([], [str(p) for p in paths])
    changed: dict[str, list[polib.POEntry]] = {}
    checked: list[tuple[Item, list[Violation]]] = []
    for code, items in groups.items():
        matcher = Matcher(glossary.require(code), code)
        analysed = [analyse(i.source, i.target, code, matcher) for i in items]
        results = consistent(analysed, code)
        report.entries += len({(i.file, id(i.entry)) for i in items})
        if fix:
            redone = _repair(items, results, code, report, changed)
            for n, item in redone.items():
                items[n] = item
                analysed[n] = analyse(item.source, item.target, code, matcher)
            if redone:
                results = consistent(analysed, code)
        checked += zip(items, results, strict=True)
    lines: dict[int, int] = {}
    for path, entries in changed.items():
        save_changes(path, entries, base=read[path])
        report.written.append(path)
        log.info("%s: fixed %d entries", path, len(entries))
        lines.update(_lines_now(path, catalogues[path]))
    report.findings = [item.finding(v, lines.get(id(item.entry))) for item, found in checked
                       for v in found]
    order = {f: n for n, f in enumerate(report.files)}
    report.findings.sort(key=lambda f: (order.get(f.file, 0), f.line, f.violation.start or -1))
    log.info("checked %d entries in %d files: %d violations", report.entries,
             len(report.files), len(report.findings))
    return report


def _repair(
    items: list[Item], results: list[list[Violation]], lang: str, report: Report,
    changed: dict[str, list[polib.POEntry]],
) -> dict[int, Item]:
    """Repair each item's findings in its entry (recorded in ``report.fixed``/``unfixed``,
    the entry in ``changed``); the items whose text changed, as they read now."""
    redone: dict[int, Item] = {}
    for n, (item, found) in enumerate(zip(items, results, strict=True)):
        if not found:
            continue
        repaired = fix_target(item.target, found, lang)
        report.fixed += [item.finding(v) for v in repaired.fixed]
        report.unfixed += [item.finding(v) for v in repaired.unfixed]
        if repaired.text == item.target:
            continue
        entry = item.entry
        original = entry.msgstr if item.plural is None else entry.msgstr_plural[item.plural]
        new = repaired.text
        if original != item.target:  # a document's entry was checked as plain text
            new = with_markup(item.kind, original, new, _edit_links(item.target, new))
        if item.plural is None:
            entry.msgstr = new
        else:
            entry.msgstr_plural[item.plural] = new
        _annotate(entry, repaired.fixed)
        if entry not in changed.setdefault(item.file, []):
            changed[item.file].append(entry)
        redone[n] = replace(item, target=plain_text(item.kind, new))
    return redone


def _edit_links(old: str, new: str) -> list[Link]:
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
    mark_fuzzy(entry)
    for v in fixed:
        add_translator_note(entry, f"glossary: {v.term} → «{v.expected}» (was «{v.found}»)")


def _lines_now(path: str, po: polib.POFile) -> dict[int, int]:
    """Each entry's first line in the file as written (entries gain comment and flag lines),
    by ``id`` of the entry as read: findings left after a fix point at the file as it is."""
    now = {(e.msgctxt, e.msgid): e.linenum for e in read_catalogue(Path(path)) if not e.obsolete}
    return {id(e): now[(e.msgctxt, e.msgid)] for e in po
            if not e.obsolete and (e.msgctxt, e.msgid) in now}
