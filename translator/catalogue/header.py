"""The header of the catalogues we write, where they live, and what their header says
about the text they hold.

    >>> text_kind({"X-Source-File": "news/rutte.md"}).value
    'markdown'
    >>> catalogue_path(Path("locales"), "uk", "rutte").as_posix()
    'locales/uk/LC_MESSAGES/rutte.po'
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import polib

from translator import __version__
from translator.catalogue.plural import Language
from translator.catalogue.read import WRAP_WIDTH
from translator.documents.kinds import TextKind, kind_of_path

GENERATOR = f"translator {__version__}"
SOURCE_HEADER = "X-Source-File"
CATALOGUE_SUFFIXES = frozenset({".po", ".pot"})  # what is read as a gettext catalogue


def text_kind(metadata: dict[str, str]) -> TextKind:
    """How a catalogue's msgids are written: segments of a document (``X-Source-File``,
    by its suffix), or ``message`` (a POT/PO catalogue's own entries)."""
    source = metadata.get(SOURCE_HEADER, "")
    if not source:
        return TextKind.MESSAGE
    return kind_of_path(source) or TextKind.TEXT


def catalogue_path(out_dir: Path, lang: str, stem: str) -> Path:
    """``<out>/<lang>/LC_MESSAGES/<stem>.po``, the gettext layout."""
    return Path(out_dir) / lang / "LC_MESSAGES" / f"{stem}.po"


def new_catalogue(
    lang: Language, *, source_lang: str, extra: dict[str, str] | None = None
) -> polib.POFile:
    """An empty catalogue with the header msgfmt -c expects."""
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M%z")
    catalogue = polib.POFile(wrapwidth=WRAP_WIDTH)
    catalogue.header = f"{lang.name} translation, machine-translated by {GENERATOR}."
    catalogue.metadata = {
        "Project-Id-Version": "translator",
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": now,
        "PO-Revision-Date": now,
        "Last-Translator": "translator (machine translation)",
        "Language-Team": f"{lang.name} <>",
        "Language": lang.code,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": lang.plural_forms,
        "X-Generator": GENERATOR,
        "X-Source-Language": source_lang,
        **(extra or {}),
    }
    return catalogue
