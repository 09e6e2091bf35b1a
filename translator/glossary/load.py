"""Read glossaries: the native TSV/CSV, TBX (TBX-Basic, TBX-Min, MARTIF) and gettext PO.

The TSV is the team's file in git, so it is strict: every problem stops the load with
``file:line: message`` (a silently skipped row is a term that is silently not enforced).
TBX and PO files are exports from other tools (Weblate, GNOME), so they are lenient where
those tools are: untranslated entries are skipped and repeated source terms become
variants of one term, as TBX allows several entries per concept.
"""

from __future__ import annotations

import csv
import logging
import re
from collections.abc import Iterator
from os import PathLike
from pathlib import Path
from types import MappingProxyType

import polib
from lxml import etree

from translator.catalogue.header import CATALOGUE_SUFFIXES
from translator.catalogue.read import parse_catalogue
from translator.errors import CatalogueError, GlossaryError, InputError
from translator.fsutil import read_bytes
from translator.glossary.terms import FLAGS, Glossary, Term, primary_language

log = logging.getLogger(__name__)

REQUIRED_COLUMNS = ("term", "lang", "translation")
KNOWN_COLUMNS = (*REQUIRED_COLUMNS, "variants", "forbidden", "flags", "note")
_LANG_CODE = re.compile(r"^[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*$")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def load_glossary(path: str | PathLike[str], lang: str | None = None) -> Glossary:
    """Load a glossary file, choosing the format from the extension (or the content).

    ``lang`` is the target language for formats that cannot say it themselves (a glossary
    PO without a ``Language`` header); TSV and TBX files name their languages. A file with
    no term at all is an error: checking against it would pass everything.

    >>> load_glossary("glossaries/ukraine-news.tsv").for_lang("uk")  # doctest: +SKIP
    """
    file = Path(path)
    try:  # a regular file of bounded size: a FIFO or a huge file must not hang `check`
        data = read_bytes(file)
    except InputError as error:
        reason = error.message.removeprefix("cannot read: ")
        raise GlossaryError(f"cannot read glossary: {reason}", file=file) from None
    kind = _format_of(file, data)
    log.debug("loading %s glossary %s", kind, file)
    if kind == "tbx":
        terms = _merge(_read_tbx(file, data), file)
    else:
        text = _decode(file, data)
        if kind == "po":
            terms = _merge(_read_po(file, text, lang), file)
        else:
            terms = _read_table(file, text, delimiter="," if kind == "csv" else "\t")
    if not terms:
        raise GlossaryError(f"no terms in this {kind.upper()} glossary", file=file)
    return Glossary(terms, str(file))


def _format_of(file: Path, data: bytes) -> str:
    suffix = file.suffix.lower()
    if suffix in {".tbx", ".xml"}:
        return "tbx"
    if suffix in CATALOGUE_SUFFIXES:
        return "po"
    if suffix == ".csv":
        return "csv"
    if suffix in {".tsv", ".tab"}:
        return "tsv"
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:4096]
    if head.startswith(b"<"):
        return "tbx"
    if re.search(rb"^msgid\s", head, re.MULTILINE):
        return "po"
    first = head.split(b"\n", 1)[0]
    return "tsv" if b"\t" in first or b"," not in first else "csv"


def _decode(file: Path, data: bytes) -> str:
    """UTF-8 (BOM allowed) or a GlossaryError naming the line and column of the bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise GlossaryError(
            f"invalid UTF-8 (byte 0x{data[error.start]:02x} at column {column}); "
            "save the file as UTF-8",
            file=file,
            line=line,
        ) from None


# --- TSV / CSV -----------------------------------------------------------------------------


def _rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) for every non-blank, non-comment row."""
    if delimiter == "\t":
        # No quoting in TSV: «»"' are ordinary characters in translations.
        for number, raw in enumerate(text.split("\n"), start=1):
            line = raw.rstrip("\r")
            if line.strip() and not line.lstrip().startswith("#"):
                yield number, line.split("\t")
        return
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter, strict=True)
    start = 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells) and not cells[0].lstrip().startswith("#"):
                yield start, cells
            start = reader.line_num + 1
    except csv.Error as error:
        raise GlossaryError(f"malformed CSV: {error}", line=reader.line_num) from None


def _read_table(file: Path, text: str, delimiter: str) -> list[Term]:
    """Parse a TSV/CSV glossary; raise on the first problem with its line number."""
    rows = _rows(text, delimiter)
    try:
        header_line, header = next(rows)
    except StopIteration:
        raise GlossaryError("empty glossary: expected a header row", file=file, line=1) from None
    except GlossaryError as error:
        raise GlossaryError(error.message, file=file, line=error.line) from None
    columns = [c.strip().lower() for c in header]
    for name in columns:
        if not name:
            raise GlossaryError("empty column name in header", file=file, line=header_line)
        if columns.count(name) > 1:
            raise GlossaryError(f"column {name!r} appears twice", file=file, line=header_line)
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise GlossaryError(
            f"header lacks column(s) {', '.join(missing)}; expected "
            f"{' '.join(KNOWN_COLUMNS)} (got {' '.join(columns)})",
            file=file,
            line=header_line,
        )
    unknown = [c for c in columns if c not in KNOWN_COLUMNS]
    if unknown:
        log.info("%s: ignoring unknown column(s) %s", file, ", ".join(unknown))
    terms: list[Term] = []
    seen: dict[tuple[str, str], Term] = {}
    try:
        for number, cells in rows:
            if len(cells) != len(columns):
                raise GlossaryError(
                    f"expected {len(columns)} columns, found {len(cells)}"
                    + (" (tabs inside a cell?)" if delimiter == "\t" else ""),
                    file=file,
                    line=number,
                )
            row = dict(zip(columns, (c.strip() for c in cells), strict=True))
            term = _row_term(file, number, row)
            key = (term.source if term.case_sensitive else term.source.casefold(), term.lang)
            first = seen.get(key)
            if first is not None:
                what = "duplicate row" if first == term else "conflicting rows"
                raise GlossaryError(
                    f"{what} for {term.source!r} ({term.lang}): first at line {first.line}",
                    file=file,
                    line=number,
                )
            seen[key] = term
            terms.append(term)
    except GlossaryError as error:
        raise GlossaryError(error.message, file=file, line=error.line) from None
    return terms


def _split(cell: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p.strip() for p in cell.split("|") if p.strip()))


def _row_term(file: Path, line: int, row: dict[str, str]) -> Term:
    def fail(message: str) -> GlossaryError:
        return GlossaryError(message, file=file, line=line)

    source = row["term"]
    if not source:
        raise fail("empty term")
    lang = row["lang"]
    if not _LANG_CODE.match(lang):
        raise fail(f"bad language code {lang!r} for {source!r} (e.g. uk, pl, pt_BR)")
    flags = frozenset(f.strip().lower() for f in re.split(r"[,\s]+", row.get("flags", "")) if f)
    unknown = sorted(flags - FLAGS)
    if unknown:
        known = ", ".join(sorted(FLAGS))
        raise fail(f"unknown flag {unknown[0]!r} for {source!r} (known: {known})")
    translation = row["translation"] or (source if "dnt" in flags else "")
    if not translation:
        raise fail(f"empty translation for {source!r} (use the dnt flag to keep it as is)")
    variants = tuple(v for v in _split(row.get("variants", "")) if v != translation)
    forbidden = _split(row.get("forbidden", ""))
    clash = set(forbidden) & {translation, *variants}
    if clash:
        raise fail(f"{min(clash)!r} is both accepted and forbidden for {source!r}")
    extra = {k: v for k, v in row.items() if k not in KNOWN_COLUMNS}
    return Term(
        source=source,
        lang=primary_language(lang),
        translation=translation,
        variants=variants,
        forbidden=forbidden,
        flags=flags,
        note=row.get("note", ""),
        file=str(file),
        line=line,
        extra=MappingProxyType(extra),
    )


# --- merging (TBX, PO) ---------------------------------------------------------------------


def _alternatives(text: str) -> list[str]:
    """«коміт, подання, внесок» → three renderings: exported UI glossaries list choices in
    one term (outside parentheses, split on commas and semicolons)."""
    pieces, depth, current = [], 0, ""
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char in ",;" and depth <= 0:
            pieces.append(current)
            current = ""
        else:
            current += char
    pieces.append(current)
    return [p.strip() for p in pieces if p.strip()] or [text.strip()]


def _merge(terms: Iterator[Term], file: Path) -> list[Term]:
    """Fold repeated (source, lang) pairs into one term: later renderings become variants."""
    merged: dict[tuple[str, str], Term] = {}
    for term in terms:
        key = (term.source.casefold(), term.lang)
        first = merged.get(key)
        if first is None:
            merged[key] = term
            continue
        log.info("%s:%s: %r (%s) repeats line %s; kept as variants", file, term.line,
                 term.source, term.lang, first.line)
        accepted = dict.fromkeys((*first.renderings, *term.renderings))
        forbidden = tuple(dict.fromkeys((*first.forbidden, *term.forbidden)))
        notes = "; ".join(n for n in dict.fromkeys((first.note, term.note)) if n)
        merged[key] = Term(
            source=first.source,
            lang=first.lang,
            translation=first.translation,
            variants=tuple(a for a in accepted if a != first.translation and a not in forbidden),
            forbidden=forbidden,
            flags=first.flags | term.flags,
            note=notes,
            file=first.file,
            line=first.line,
        )
    return list(merged.values())


# --- gettext PO ----------------------------------------------------------------------------


def _po_language(file: Path, po: polib.POFile, lang: str | None) -> str:
    if lang:
        return primary_language(lang)
    header = po.metadata.get("Language", "").strip()
    if header:
        return primary_language(header)
    candidate = file.name.removesuffix(file.suffix).rsplit(".", 1)[-1]
    if _LANG_CODE.match(candidate):
        return primary_language(candidate)
    raise GlossaryError(
        "cannot tell the glossary's language: no Language header; pass lang "
        "(--lang) or name the file NAME.<lang>.po",
        file=file,
    )


def _read_po(file: Path, text: str, lang: str | None) -> Iterator[Term]:
    """msgid → msgstr; ``#.`` comments become the note; fuzzy/untranslated entries skipped."""
    try:
        po = parse_catalogue(text, file)
    except CatalogueError as error:
        raise GlossaryError(f"malformed PO glossary: {error.message}", file=file,
                            line=error.line) from None
    target = _po_language(file, po, lang)
    skipped = 0
    for entry in po:
        if not entry.msgid or entry.obsolete:
            continue
        translation = (entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr)
        if entry.fuzzy or not translation.strip():
            skipped += 1
            continue
        renderings = _alternatives(translation)
        yield Term(
            source=entry.msgid.strip(),
            lang=target,
            translation=renderings[0],
            variants=tuple(renderings[1:]),
            note=entry.comment.strip().strip('"').strip(),
            file=str(file),
            line=entry.linenum,
        )
    log.debug("%s: skipped %d untranslated or fuzzy entries", file, skipped)


# --- TBX -----------------------------------------------------------------------------------

_ENTRY = {"termEntry", "conceptEntry", "entry"}
_LANG_SECTION = {"langSet", "langSec", "langGroup"}
_TERM_GROUP = {"tig", "ntig", "termSec", "termGroup", "termGrp"}
_STATUS_TYPES = {"administrativeStatus", "normativeAuthorization"}
_STATUS_TAGS = {"termStatus", "administrativeStatus", "status"}
_FORBIDDEN_STATUS = ("deprecated", "superseded", "notrecommended", "obsolete", "forbidden")


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _children(element: etree._Element, names: set[str]) -> list[etree._Element]:
    return [c for c in _elements(element) if _local(c) in names]


def _elements(element: etree._Element) -> Iterator[etree._Element]:
    """Descendant elements only: no entity references or processing instructions."""
    yield from element.iterdescendants(etree.Element)


def _read_tbx(file: Path, data: bytes) -> Iterator[Term]:
    """TBX in any of its dialects, matched on local element names (namespaces vary).

    A glossary is data from other people: no DTD is loaded, nothing is fetched, no entity
    is expanded, and a TBX that declares entities (an XXE or "billion laughs" attempt; real
    exports declare none) is refused.
    """
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise GlossaryError(f"malformed TBX: {error.msg}", file=file, line=error.lineno) from None
    dtd = root.getroottree().docinfo.internalDTD
    entities = [entity.name for entity in dtd.iterentities()] if dtd is not None else []
    if entities:
        at = data.find(b"<!ENTITY")
        raise GlossaryError(
            f"TBX declares entities ({', '.join(entities[:3])}{', …' if entities[3:] else ''})"
            "; refused: a glossary needs none", file=file,
            line=data[:at].count(b"\n") + 1 if at >= 0 else 1)
    if not _children(root, _ENTRY):
        raise GlossaryError(f"not a TBX glossary: no term entries in <{_local(root)}>",
                            file=file, line=root.sourceline)
    source_lang = root.get(_XML_LANG) or "en"
    for languages in _children(root, {"languages"}):
        source_lang = languages.get("source") or source_lang
    source_lang = primary_language(source_lang)
    for entry in _children(root, _ENTRY):
        yield from _tbx_entry(file, entry, source_lang)


def _tbx_terms(section: etree._Element) -> list[tuple[str, str, bool, bool, int]]:
    """(text, status, dnt, proper noun, line) for each term of a language section."""
    groups = _children(section, _TERM_GROUP) or [section]
    found = []
    for group in groups:
        terms = _children(group, {"term"})
        if not terms:
            continue
        status, dnt, proper = "", False, False
        for note in _elements(group):
            name, kind = _local(note), note.get("type", "")
            value = _text(note).lower()
            if name in _STATUS_TAGS or kind in _STATUS_TYPES:
                status = value
            elif kind == "translationNote" and value == "no":
                dnt = True
            elif name == "partOfSpeech" or kind == "partOfSpeech":
                proper = value.replace(" ", "") in {"propernoun", "propn"}
        for text in _alternatives(_text(terms[0])) if _text(terms[0]) else [""]:
            found.append((text, status, dnt, proper, terms[0].sourceline or 0))
    return found


def _tbx_entry(file: Path, entry: etree._Element, source_lang: str) -> Iterator[Term]:
    sources: list[tuple[str, int]] = []
    targets: dict[str, list[tuple[str, str, bool, bool, int]]] = {}
    notes = [_text(n) for n in entry if _local(n) == "note" and _text(n)]
    target_notes: dict[str, list[str]] = {}
    proper = False
    for section in _children(entry, _LANG_SECTION):
        lang = primary_language(section.get(_XML_LANG) or section.get("lang") or "")
        if not lang:
            raise GlossaryError("language section without xml:lang", file=file,
                                line=section.sourceline)
        terms = _tbx_terms(section)
        proper = proper or any(t[3] for t in terms)
        if lang == source_lang:
            for text, _status, _dnt, _proper, line in terms:
                if not text:
                    raise GlossaryError("empty source term", file=file, line=line)
                sources.append((text, line))
        else:
            targets.setdefault(lang, []).extend(terms)
            target_notes[lang] = [_text(n) for n in _children(section, {"note"}) if _text(n)]
    if not sources:
        log.debug("%s:%s: entry without a %s term skipped", file, entry.sourceline, source_lang)
        return
    for lang, terms in targets.items():
        accepted = [t for t in terms if t[0] and not t[1].startswith(_FORBIDDEN_STATUS)]
        if not accepted:
            log.debug("%s:%s: no %s translation; skipped", file, entry.sourceline, lang)
            continue
        accepted.sort(key=lambda t: not t[1].startswith("preferred"))
        flags = {"dnt"} if any(t[2] for t in terms) else set()
        if proper:
            flags.add("name")
        renderings = list(dict.fromkeys(t[0] for t in accepted))
        for source, line in sources:
            yield Term(
                source=source,
                lang=lang,
                translation=renderings[0],
                variants=tuple(renderings[1:]),
                forbidden=tuple(dict.fromkeys(t[0] for t in terms if t[0] and t not in accepted)),
                flags=frozenset(flags),
                note="; ".join([*notes, *target_notes.get(lang, [])]),
                file=str(file),
                line=line,
            )
