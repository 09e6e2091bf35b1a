"""Catalogues: the only code that reads or writes PO files.

``read`` parses (one mapping of polib's errors to one-line ``file:line`` errors, the
declared charset honoured); ``layout`` and ``write`` write back, whole or entry by entry
with every untouched byte kept; ``merge`` lays translation units over a catalogue without
touching reviewed work; ``plural`` reads Plural-Forms; ``header`` says where catalogues
live and what their header declares.

    >>> from translator import catalogue
    >>> uk = catalogue.language("uk")
    >>> result = catalogue.merge([catalogue.Unit("Kyiv")], None, uk, source_lang="en")
    >>> [job.sources for job in result.jobs]
    [['Kyiv']]
"""

from translator.catalogue.guard import ChangedOnDisk, locked
from translator.catalogue.header import (
    CATALOGUE_SUFFIXES,
    GENERATOR,
    SOURCE_HEADER,
    catalogue_path,
    new_catalogue,
    text_kind,
)
from translator.catalogue.merge import (
    Job,
    MergeResult,
    Unit,
    add_translator_note,
    fingerprint,
    is_reviewed,
    is_untouched_machine_output,
    machine_mark,
    mark_fuzzy,
    merge,
    needs_translation,
    reconcile,
    segment_ids,
    set_machine_translation,
    units_from_catalogue,
)
from translator.catalogue.placeholders import placeholder_spans, placeholders
from translator.catalogue.plural import Language, PluralForms, language, parse_plural_forms
from translator.catalogue.read import (
    CatalogueFile,
    Fingerprint,
    open_catalogue,
    parse_catalogue,
    read_catalogue,
)
from translator.catalogue.write import Written, save_catalogue, save_changes, write_catalogue

__all__ = [
    "GENERATOR",
    "CATALOGUE_SUFFIXES",
    "SOURCE_HEADER",
    "CatalogueFile",
    "ChangedOnDisk",
    "Fingerprint",
    "Job",
    "Language",
    "MergeResult",
    "PluralForms",
    "Unit",
    "Written",
    "add_translator_note",
    "mark_fuzzy",
    "catalogue_path",
    "fingerprint",
    "is_reviewed",
    "is_untouched_machine_output",
    "language",
    "locked",
    "machine_mark",
    "merge",
    "needs_translation",
    "new_catalogue",
    "open_catalogue",
    "parse_catalogue",
    "parse_plural_forms",
    "placeholder_spans",
    "placeholders",
    "read_catalogue",
    "reconcile",
    "save_catalogue",
    "save_changes",
    "segment_ids",
    "set_machine_translation",
    "text_kind",
    "units_from_catalogue",
    "write_catalogue",
]
