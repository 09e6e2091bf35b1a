"""A catalogue under review: entries with their saved and current translations.

Reading uses :mod:`translator.catalogue.read` for what each entry means and
:mod:`translator.catalogue.layout` for how it is laid out;
saving writes every entry nobody changed exactly as it was read, so the diff of a review
shows only what the reviewer did.

    catalogue = Catalogue.open(Path("uk.po"))
    entry = catalogue.entries[0]
    entry.current = Translation(("Київ",), fuzzy=False)
    catalogue.save()
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import polib

from translator.catalogue import layout
from translator.catalogue.guard import ChangedOnDisk as ChangedOnDisk  # what save raises
from translator.catalogue.merge import segment_ids
from translator.catalogue.plural import PluralForms
from translator.catalogue.read import Fingerprint, open_catalogue
from translator.catalogue.write import write_catalogue
from translator.errors import CatalogueError

_LANG_IN_NAME = re.compile(r"(?:^|[._-])([a-z]{2,3}(?:_[A-Z]{2})?)\.po$")


class Status(StrEnum):
    UNTRANSLATED = "untranslated"
    FUZZY = "fuzzy"
    PROBLEM = "problem"
    APPROVED = "approved"


@dataclass(frozen=True)
class Translation:
    """What a reviewer changes: the msgstr (one form, or one per plural form) and fuzziness."""

    forms: tuple[str, ...]
    fuzzy: bool

    @property
    def complete(self) -> bool:
        return all(self.forms)

    def with_forms(self, forms: tuple[str, ...]) -> Translation:
        return Translation(forms, self.fuzzy)


@dataclass(frozen=True)
class Problem:
    """A glossary violation in one form of the target (offsets into that form)."""

    form: int
    kind: str
    term: str
    expected: str
    found: str | None
    start: int | None
    end: int | None
    note: str = ""
    """A QA finding's message (``kind`` is the check id); empty for glossary problems."""
    severity: str = "error"

    @property
    def message(self) -> str:
        if self.note:
            return self.note
        if self.kind == "missing":
            instead = f", not «{self.found}»" if self.found else ""
            return f"«{self.term}» should be translated as «{self.expected}»{instead}"
        if self.kind == "forbidden":
            return f"«{self.found}» is not allowed; use «{self.expected}»"
        if self.kind == "dnt":
            return f"«{self.term}» must stay as it is"
        if self.kind == "newline":
            side = "starts" if self.term == "start" else "ends"
            if self.found == "missing":
                return f"the source {side} with a line break; the translation must too"
            return f"the translation {side} with a line break; the source does not"
        if self.kind == "placeholder":
            if self.found is None:
                return f"placeholder {self.term} is missing"
            return f"placeholder {self.found} is not in the source"
        if self.kind == "inconsistent":
            return f"«{self.term}» rendered as «{self.found}»; the glossary says «{self.expected}»"
        return f"{self.kind}: «{self.term}» → «{self.expected}»"


@dataclass(eq=False)
class Entry:
    """One active (non-obsolete) entry."""

    number: int
    label: str
    msgctxt: str | None
    msgid: str
    msgid_plural: str
    flags: tuple[str, ...]
    """Flags other than fuzzy (c-format, ...)."""
    comment: str
    tcomment: str
    occurrences: tuple[tuple[str, str], ...]
    previous_msgid: str | None
    saved: Translation
    current: Translation
    block: layout.Block
    problems: tuple[Problem, ...] | None = None
    """Glossary problems of ``current``; None until checked."""
    checked: Translation | None = field(default=None, repr=False)
    previous_msgctxt: str | None = None
    """``#| msgctxt``: the context of the source this translation was made for."""

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def plural(self) -> bool:
        return bool(self.msgid_plural)

    @property
    def dirty(self) -> bool:
        return self.current != self.saved

    def source(self, form: int = 0) -> str:
        """The source text a form translates: msgid for form 0, msgid_plural for the rest."""
        return self.msgid_plural if self.plural and form > 0 else self.msgid

    @property
    def status(self) -> Status:
        if not self.current.complete:
            return Status.UNTRANSLATED
        if self.current.fuzzy:
            return Status.FUZZY
        if self.problems:
            return Status.PROBLEM
        return Status.APPROVED

    @property
    def approved(self) -> bool:
        return self.current.complete and not self.current.fuzzy

    @property
    def needs_work(self) -> bool:
        return self.status is not Status.APPROVED

    def render(self, style: layout.WrapStyle, eol: str) -> list[str]:
        """The block's lines for ``current``: the original lines when nothing changed."""
        if self.current == self.saved:
            return self.block.lines
        flags = None
        if self.current.fuzzy != self.saved.fuzzy:
            flags = (["fuzzy"] if self.current.fuzzy else []) + list(self.flags)
        return layout.rewrite_block(
            self.block.lines,
            flags=flags,
            forms=self.current.forms,
            plural=self.plural,
            style=style,
            eol=eol,
        )


@dataclass
class MergeReport:
    applied: int = 0
    conflicts: list[Entry] = field(default_factory=list)
    """Entries also changed on disk; the reviewer's version was kept."""
    missing: list[Entry] = field(default_factory=list)
    """Edited entries whose msgid is no longer in the file."""
    unplaced: Path | None = None
    """Where the edits of ``missing`` entries were kept."""


class Catalogue:
    """A PO file opened for review."""

    def __init__(
        self,
        path: Path,
        *,
        encoding: str,
        eol: str,
        metadata: dict[str, str],
        items: list[layout.Block | Entry],
        tail: list[str],
        header: layout.Block | None,
        fingerprint: Fingerprint,
        lang: str | None,
    ) -> None:
        self.path = path
        self.encoding = encoding
        self.eol = eol
        self.metadata = metadata
        self.items = items
        self.tail = tail
        self.header = header
        self.fingerprint = fingerprint
        self.lang = lang
        self.entries: list[Entry] = [item for item in items if isinstance(item, Entry)]
        self.plural_forms = PluralForms.parse(metadata.get("Plural-Forms"), lang)
        self.source_lang = metadata.get("X-Source-Language") or "en"
        self._index = {entry.key: entry for entry in self.entries}
        self._style: layout.WrapStyle | None = None

    # -- reading -----------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, lang: str | None = None) -> Catalogue:
        """Read ``path``; InputError when unreadable, CatalogueError when malformed."""
        source = open_catalogue(path)
        path, text, po = source.path, source.text, source.po
        blocks, tail = layout.split_blocks(text)
        header_at = next(
            (
                i
                for i, block in enumerate(blocks)
                if not block.obsolete and block.field("msgid") == ""
            ),
            None,
        )
        others = [block for i, block in enumerate(blocks) if i != header_at]
        if len(others) != len(po):
            raise CatalogueError(
                f"found {len(others)} entries where polib reads {len(po)}; not opening the file "
                "so that its layout is not lost",
                file=path,
            )
        lang = lang or po.metadata.get("Language") or _lang_from_path(path)
        nplurals = PluralForms.parse(po.metadata.get("Plural-Forms"), lang).count
        items: list[layout.Block | Entry] = []
        entries_seen = 0
        use_segment_ids = _all_have_segment_ids(po)
        po_entries = iter(po)
        for i, block in enumerate(blocks):
            if i == header_at:
                items.append(block)
                continue
            po_entry = next(po_entries)
            if block.field("msgid") != po_entry.msgid or block.obsolete != bool(po_entry.obsolete):
                raise CatalogueError(
                    "could not match this entry's lines to its meaning; not opening the file "
                    "so that its layout is not lost",
                    file=path,
                    line=block.first_line,
                )
            if po_entry.obsolete:
                items.append(block)
                continue
            entries_seen += 1
            items.append(_entry(po_entry, block, entries_seen, nplurals, use_segment_ids))
        return cls(
            path,
            encoding=source.encoding,
            eol=layout.line_ending(text),
            metadata=dict(po.metadata),
            items=items,
            tail=tail,
            header=blocks[header_at] if header_at is not None else None,
            fingerprint=source.fingerprint,
            lang=lang,
        )

    def find(self, key: tuple[str | None, str]) -> Entry | None:
        return self._index.get(key)

    @property
    def dirty_entries(self) -> list[Entry]:
        return [entry for entry in self.entries if entry.dirty]

    # -- writing -----------------------------------------------------------------------

    @property
    def style(self) -> layout.WrapStyle:
        """The file's wrapping style, worked out from a sample of its own entries."""
        if self._style is None:
            self._style = layout.sample_style(
                (entry.block, entry.saved.forms, entry.plural) for entry in self.entries
            )
        return self._style

    def render(self) -> str:
        """The whole file as it would be saved now."""
        return self._render(self._header_lines())

    def _header_lines(self) -> list[str] | None:
        """The header with PO-Revision-Date set to now when an entry changed, else None."""
        if self.header is None or not any(entry.dirty for entry in self.entries):
            return None
        return layout.touch_revision_date(self.header.lines)

    def _render(self, header_lines: list[str] | None) -> str:
        style, eol = self.style, self.eol
        out: list[str] = []
        for item in self.items:
            if isinstance(item, Entry):
                out.extend(item.render(style, eol))
            elif item is self.header and header_lines is not None:
                out.extend(header_lines)
            else:
                out.extend(item.lines)
        out.extend(self.tail)
        return "".join(out)

    def changed_on_disk(self) -> bool:
        """True when the file is no longer what we read or last wrote (mtime, size, hash)."""
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return False
        if (stat.st_mtime_ns, stat.st_size) == (self.fingerprint.mtime_ns, self.fingerprint.size):
            return False
        current = Fingerprint.of(self.path)
        if current.sha256 == self.fingerprint.sha256:
            self.fingerprint = current
            return False
        return True

    def save(self, path: Path | None = None, *, check_disk: bool = True) -> None:
        """Write atomically to ``path`` (default: where it was read).

        Raises ChangedOnDisk, without writing, when the file changed since it was read (the
        comparison is made under the catalogue's write lock, just before the rename).
        """
        target = Path(path) if path is not None else self.path
        expected = self.fingerprint if check_disk and target == self.path else None
        header_lines = self._header_lines()
        self.fingerprint = write_catalogue(
            target, self._render(header_lines), self.encoding, expected=expected
        )
        self.path = target
        style, eol = self.style, self.eol
        for item in self.items:
            if isinstance(item, Entry) and item.dirty:
                item.block = layout.Block(item.render(style, eol), item.block.first_line)
                item.saved = item.current
        if self.header is not None and header_lines is not None:
            self.header.lines = header_lines

    def merged_with_disk(self) -> tuple[Catalogue, MergeReport]:
        """The file as it is on disk now, with this catalogue's unsaved changes laid over it."""
        fresh = Catalogue.open(self.path, self.lang)
        report = MergeReport()
        for entry in self.dirty_entries:
            other = fresh.find(entry.key)
            if other is None:
                report.missing.append(entry)
                continue
            if other.saved != entry.saved:
                report.conflicts.append(other)
            other.current = entry.current
            report.applied += 1
        return fresh, report


def _entry(
    po_entry: polib.POEntry, block: layout.Block, number: int, nplurals: int, ids: bool
) -> Entry:
    if po_entry.msgid_plural:
        count = max(nplurals, len(po_entry.msgstr_plural))
        forms = tuple(po_entry.msgstr_plural.get(i, "") for i in range(count))
    else:
        forms = (po_entry.msgstr,)
    translation = Translation(forms, "fuzzy" in po_entry.flags)
    label = str(number)
    if ids:
        label = segment_ids(po_entry.comment)[0]
    return Entry(
        number=number,
        label=label,
        msgctxt=po_entry.msgctxt,
        msgid=po_entry.msgid,
        msgid_plural=po_entry.msgid_plural or "",
        flags=tuple(flag for flag in po_entry.flags if flag != "fuzzy"),
        comment=po_entry.comment or "",
        tcomment=po_entry.tcomment or "",
        occurrences=tuple(tuple(o) for o in po_entry.occurrences),
        previous_msgid=po_entry.previous_msgid,
        previous_msgctxt=po_entry.previous_msgctxt,
        saved=translation,
        current=translation,
        block=block,
    )


def _all_have_segment_ids(po: polib.POFile) -> bool:
    active = [entry for entry in po if not entry.obsolete]
    return bool(active) and all(segment_ids(entry.comment) for entry in active)


def _lang_from_path(path: Path) -> str | None:
    """``uk`` from ``…/uk/LC_MESSAGES/x.po`` or ``x.uk.po``."""
    if path.parent.name == "LC_MESSAGES":
        return path.parent.parent.name or None
    match = _LANG_IN_NAME.search(path.name)
    return match.group(1) if match else None
