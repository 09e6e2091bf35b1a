"""``translator render``: a reviewed catalogue back into its document, doing no more than a
catalogue from someone else may make it do.

A catalogue is other people's data, so rendering one

- reads only its own source: ``X-Source-File`` is resolved relative to the catalogue and,
  links followed, must lie inside the **project root** — for a catalogue in the gettext
  layout ``<root>/<locales>/<lang>/LC_MESSAGES/<name>.po`` that is ``<root>``, the parent of
  the locales directory (where ``translator translate`` is run from); for a catalogue
  anywhere else, its own directory. An absolute header, or one leading elsewhere, is refused
  unless the source is named with ``--source``. The source must be a regular file of at
  most ``fsutil.MAX_INPUT_BYTES``;
- never overwrites its inputs: an output that is the catalogue or the source (also through a
  symlink or a hard link: same device and inode) is refused;
- publishes only the source's links: a translation whose link targets differ from its
  source's is reported, and one that brings a scheme the source segment does not use, other
  than http, https and mailto (``javascript:``, ``data:``, ``file:`` …), is refused;
- says which segments it leaves in the source language because the catalogue does not have
  them (the source changed since translation): the caller refuses unless told otherwise.

Links are read from markdown-it-py tokens (every syntactically valid link, also those a
CommonMark renderer would drop as unsafe, with the document's reference definitions), and
from the attributes of inline HTML tags.
"""

from __future__ import annotations

import functools
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import polib
from markdown_it import MarkdownIt

from translator.catalogue import SOURCE_HEADER, read_catalogue, segment_ids
from translator.documents import Document, Segment, parse_document, render
from translator.errors import InputError, OutputError

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
# Attributes of inline HTML that make the browser load or follow a URL.
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "srcset",
                             "poster", "data", "background", "cite"})
# Tags that run or embed content whatever their URL.
_ACTIVE_TAGS = frozenset({"script", "iframe", "object", "embed", "style", "frame", "frameset",
                          "base", "meta", "link", "form"})
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_IGNORED_IN_URLS = dict.fromkeys(map(ord, "\t\n\r"))


@dataclass(frozen=True)
class LinkChange:
    """A translation whose link targets are not its source's (as multisets: word order may
    move links)."""

    segment: str
    line: int  # of the entry in the catalogue
    added: tuple[str, ...]
    removed: tuple[str, ...]
    unsafe: tuple[str, ...]  # of ``added``: schemes or active HTML the source does not have


@dataclass(frozen=True)
class Rendered:
    """The rendered document (text, or bytes for a binary format such as DOCX) and what
    the catalogue did not give it."""

    text: str | bytes
    source: Path
    fuzzy: int  # fuzzy translations used
    # left in the source language, each with why: not in the catalogue (the source changed
    # since translation) or without a translation there
    untranslated: tuple[tuple[Segment, str], ...]
    link_changes: tuple[LinkChange, ...]

    @property
    def unsafe_links(self) -> tuple[LinkChange, ...]:
        return tuple(change for change in self.link_changes if change.unsafe)


def project_root(catalogue: Path) -> Path:
    """The directory a catalogue's source must lie in (see the module docstring).

    >>> project_root(Path("/news/locales/uk/LC_MESSAGES/story.po")).as_posix()
    '/news'
    >>> project_root(Path("/tmp/story.uk.po")).as_posix()
    '/tmp'
    """
    folder = Path(os.path.realpath(catalogue)).parent
    if folder.name == "LC_MESSAGES" and len(folder.parents) >= 3:
        return folder.parents[2]
    return folder


def source_from_header(catalogue_path: Path, header: str | None) -> Path:
    """The source document ``X-Source-File`` names, if it is one a catalogue may name."""
    if not header or not header.strip():
        raise InputError(f"no {SOURCE_HEADER} header; give the source with --source",
                         file=catalogue_path)
    if os.path.isabs(header) or header.startswith("~"):
        raise InputError(f"{SOURCE_HEADER} is an absolute path ({header}); a catalogue "
                         "may only name a source inside its project: give it with --source",
                         file=catalogue_path)
    root = project_root(catalogue_path)
    try:
        resolved = (Path(os.path.realpath(catalogue_path)).parent / header).resolve()
    except (OSError, ValueError, RuntimeError) as error:
        raise InputError(f"{SOURCE_HEADER} {header!r} is not a usable path ({error})",
                         file=catalogue_path) from None
    if not resolved.is_relative_to(root):
        raise InputError(f"{SOURCE_HEADER} {header} leads outside the project root {root} "
                         "(the parent of the locales directory); give the source with --source",
                         file=catalogue_path)
    if not resolved.exists():
        raise InputError(f"source document {header} not found; give it with --source",
                         file=catalogue_path)
    return resolved


def refuse_overwriting(output: Path, inputs: Iterable[tuple[str, Path]]) -> None:
    """OutputError when ``output`` is one of the ``(role, path)`` inputs, by inode, so a
    symlink or a hard link to it is caught as well."""
    for role, path in inputs:
        try:
            same = os.path.samefile(output, path)
        except OSError:  # the output does not exist yet (or the input is gone): no clash
            continue
        if same:
            raise OutputError(f"is the {role} being rendered ({path}); "
                              "choose another output file", file=output)


def render_catalogue(catalogue_path: Path, *, source: Path | None = None,
                     approved_only: bool = False) -> Rendered:
    """Render ``catalogue_path`` into its source document; ``source`` overrides the header
    (and is trusted: the user named it)."""
    catalogue = read_catalogue(catalogue_path)
    if source is None:
        source = source_from_header(catalogue_path, catalogue.metadata.get(SOURCE_HEADER))
    by_msgid = {e.msgid: e for e in catalogue if not e.obsolete and e.msgctxt is None}
    # The catalogue's own sentences: blocks they still tile are not split again, so a large
    # document renders in seconds; a block that changed is split afresh.
    known = {seg_id: msgid for msgid, entry in by_msgid.items()
             for seg_id in segment_ids(entry.comment)}
    document = parse_document(source, catalogue.metadata.get("X-Source-Language", "en"),
                              known)
    translations: dict[str, str] = {}
    used: dict[str, polib.POEntry] = {}
    fuzzy = 0
    missing: list[tuple[Segment, str]] = []
    for segment in document.segments:
        entry = by_msgid.get(segment.text)
        if entry is None or not entry.msgstr:
            why = "not in the catalogue (the source changed since translation)" \
                if entry is None else "not translated in the catalogue"
            missing.append((segment, why))
            continue
        if entry.fuzzy:
            if approved_only:
                continue
            fuzzy += 1
        translations[segment.id] = entry.msgstr
        used[segment.id] = entry
    changes = _link_changes(document, translations, used) if document.format == "markdown" \
        else []
    language = catalogue.metadata.get("Language") or None
    return Rendered(render(document, translations, language), Path(source), fuzzy,
                    tuple(missing),
                    tuple(changes))


# -- links -------------------------------------------------------------------------------


class _EveryLink(MarkdownIt):
    """A parser that makes a link of every syntactically valid one: the default drops
    ``javascript:`` and the like, which another Markdown renderer may still publish."""

    def validateLink(self, url: str) -> bool:
        return True


@functools.cache
def _parser() -> MarkdownIt:
    return _EveryLink("commonmark", {"linkify": True}).enable("linkify")


def _link_changes(document: Document, translations: dict[str, str],
                  entries: dict[str, polib.POEntry]) -> list[LinkChange]:
    env: dict[str, Any] = {}
    if "]:" in document.text:  # reference definitions: resolve [text][label] to its target
        _parser().parse(document.text, env)
    changes = []
    for segment in document.segments:
        translation = translations.get(segment.id)
        if translation is None or translation == segment.text:
            continue
        before, after = links(segment.text, env), links(translation, env)
        if Counter(before) == Counter(after):
            continue
        added = tuple((Counter(after) - Counter(before)).elements())
        removed = tuple((Counter(before) - Counter(after)).elements())
        known = {scheme(target) for target in before}
        unsafe = tuple(t for t in added if t.startswith("<")
                       or scheme(t) not in SAFE_SCHEMES | known | {""})
        changes.append(LinkChange(segment.id, entries[segment.id].linenum, added, removed,
                                  unsafe))
    return changes


def links(markdown: str, env: dict[str, Any] | None = None) -> list[str]:
    """The link and image targets of inline Markdown, in order; inline HTML adds its URL
    attributes, and an active tag or event handler as ``<tag>``/``<tag onevent>``.

    >>> links('See [NATO](https://nato.int) and ![map](map.png "Map").')
    ['https://nato.int', 'map.png']
    >>> links('[x](javascript:alert(1)) <a href="/a" onclick="f()">a</a>')
    ['javascript:alert(1)', '<a onclick>', '/a']
    """
    found: list[str] = []
    for block in _parser().parseInline(markdown, dict(env or {})):
        for token in block.children or []:
            if token.type == "link_open":
                found.append(str(token.attrGet("href") or ""))
            elif token.type == "image":
                found.append(str(token.attrGet("src") or ""))
            elif token.type == "html_inline":
                found.extend(_html_links(token.content))
    return found


def scheme(url: str) -> str:
    """A URL's scheme as a browser reads it (tabs and line breaks dropped, leading
    controls and spaces stripped), lower-cased; "" for a relative URL.

    >>> scheme(" Java\\tScript:alert(1)"), scheme("//host/x"), scheme("MAILTO:a@b.c")
    ('javascript', '', 'mailto')
    """
    cleaned = url.translate(_IGNORED_IN_URLS).lstrip("".join(map(chr, range(0x21))))
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else ""


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        handlers = sorted({name for name, _ in attrs if name.startswith("on")})
        if tag in _ACTIVE_TAGS or handlers:
            self.found.append(f"<{' '.join([tag, *handlers])}>")
        self.found.extend(value or "" for name, value in attrs if name in _URL_ATTRIBUTES)

    handle_startendtag = handle_starttag


def _html_links(html: str) -> list[str]:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser.found
