"""Markdown markup of document segments: emphasis, links, code, images and footnotes kept,
link targets unchanged. Only catalogues whose msgids are Markdown (``X-Source-File: *.md``)
are read this way: in a program's messages ``*`` and ``[`` are plain characters. Segments
of HTML pages and Word documents are read as inline HTML (``docmarkup``) by the same check.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import polib

from translator.inline import strip
from translator.qa import docmarkup
from translator.qa.base import Pair, Problem, Settings, check, whole

_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\](:?)")
_NAMES = {"em": "emphasis", "strong": "bold", "strike": "strikethrough", "link": "link",
          "code": "code span", "image": "image", "html": "inline HTML"}
COMMENT = "markup:"


def _markup(text: str) -> tuple[Counter[str], list[tuple[int, int, str]]]:
    """What the reader sees of ``text``'s markup: kinds with their verbatim parts."""
    inline = strip(text)
    found = []
    for span in inline.spans:
        if span.kind not in _NAMES:
            continue
        if span.kind in ("link", "image"):
            key = f"{_NAMES[span.kind]} to {span.url}"
        elif span.kind in ("code", "html"):
            key = f"{_NAMES[span.kind]} {span.markup}"
        else:
            key = _NAMES[span.kind]
        start, end = inline.markup_span(span.start, span.end)
        found.append((start, end, key))
    found += [(m.start(), m.end(), f"footnote {m.group()}") for m in _FOOTNOTE.finditer(text)]
    return Counter(key for *_, key in found), found


@check("markup", "error")
def markup(pair: Pair) -> Iterator[Problem]:
    """Markup kept (Markdown, HTML tags, Word runs): bold, italic, links (same targets), code."""
    if pair.settings.tagged:
        yield from docmarkup.problems(pair.source, pair.target)
        return
    if not pair.settings.markdown:
        return
    wanted, _ = _markup(pair.source)
    have, spans = _markup(pair.target)
    for key, count in (wanted - have).items():
        yield Problem(f"{key} lost" + (f" ({count}×)" if count > 1 else ""), *whole(pair.target))
    extra = have - wanted
    for start, end, key in spans:
        if extra[key] > 0:
            extra[key] -= 1
            yield Problem(f"{key} is not in the source", start, end)


@check("markup-placement", "warning", scope="entry")
def markup_placement(entry: polib.POEntry, settings: Settings) -> Iterator[Problem]:
    """Markup machine translation could only put at an edge (a '# markup:' comment): look."""
    for line in (entry.tcomment or "").splitlines():
        if line.strip().startswith(COMMENT):
            yield Problem(line.strip()[len(COMMENT):].strip() or "markup placed at an edge",
                          *whole(entry.msgstr))
