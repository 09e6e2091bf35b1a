"""From source texts to target texts: markup and placeholders around the engine and glossary.

The engine only ever sees plain sentences. Markdown segments go through ``inline.strip``
and come back through ``inline.restore``; catalogue messages keep their placeholders
(``%s``, ``%(name)d``, ``{name}``), repaired from the alignment when the model drops or
mangles one. The batch job, the review UI's alternatives and re-translation all use this.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from translator import inline
from translator.po import placeholder_spans, placeholders

if TYPE_CHECKING:
    from translator.engine.ctranslate import Engine, Hypothesis
    from translator.engine.packages import Package
    from translator.glossary.terms import Glossary

MARKDOWN = "markdown"  # a document segment with inline Markdown
TEXT = "text"  # a plain-text document segment
MESSAGE = "message"  # a catalogue message with placeholders
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Outcome:
    """A finished translation and what the glossary did to it."""

    text: str
    score: float = 0.0
    enforced: tuple[str, ...] = ()
    unmet: tuple[str, ...] = ()


@dataclass
class Settings:
    """Engine settings and where the models come from."""

    models: list[Path] = field(default_factory=list)
    glossary: Path | None = None
    beam_size: int = 4
    threads: int = 0
    compute_type: str = "int8"
    use_store: bool = True  # also the Argos store's packages (a cluster worker has none)


class Service:
    """Owns the engine (models load once, on first use) and the glossary for one run."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._engine: Engine | None = None
        self._glossary: Glossary | None = None
        self._packages: list[Package] | None = None

    @property
    def packages(self) -> list[Package]:
        """Packages given with ``--model`` first (they win), then the Argos store's."""
        if self._packages is None:
            from translator.engine.packages import installed, open_package

            explicit = [open_package(path) for path in self.settings.models]
            self._packages = explicit + (installed() if self.settings.use_store else [])
        return self._packages

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from translator.engine.ctranslate import Engine

            self._engine = Engine(self.packages, threads=self.settings.threads,
                                  beam_size=self.settings.beam_size,
                                  compute_type=self.settings.compute_type)
        return self._engine

    @property
    def glossary(self) -> Glossary | None:
        if self._glossary is None and self.settings.glossary is not None:
            from translator.glossary.load import load_glossary

            self._glossary = load_glossary(self.settings.glossary)
        return self._glossary

    def check_route(self, src: str, tgt: str) -> None:
        """Fail before any work when no package (direct or via English) serves the pair."""
        from translator.engine.packages import route

        route(self.packages, src, tgt)

    def translate(self, items: Sequence[tuple[str, str]], src: str, tgt: str, *,
                  progress: Callable[[int], None] | None = None) -> dict[tuple[str, str], Outcome]:
        """Translate ``(kind, text)`` items (``MARKDOWN``, ``TEXT``, ``MESSAGE``) in one batch."""
        prepared = {item: _prepare(*item) for item in dict.fromkeys(items)}
        plains = list(dict.fromkeys(p.plain for p in prepared.values() if _LETTER.search(p.plain)))
        if progress is not None and plains:
            report, scale = progress, len(items) / len(plains)
            progress = lambda n: report(round(n * scale))
        glossary = self.glossary
        if glossary is not None and glossary.for_lang(tgt):
            from translator.glossary.enforce import Enforcer

            enforcer = Enforcer(self.engine, glossary, src, tgt)
            enforced = enforcer.translate(plains, progress=progress)
            done = {text: (e.hypothesis, tuple(e.enforced), tuple(e.unmet))
                    for text, e in zip(plains, enforced)}
        else:
            hyps = self.engine.translate(plains, src, tgt, return_alignment=True, progress=progress)
            done = {text: (h[0], (), ()) for text, h in zip(plains, hyps)}
        results: dict[tuple[str, str], Outcome] = {}
        for item, prep in prepared.items():
            if prep.plain not in done:  # nothing to translate: numbers, URLs, code only
                results[item] = Outcome(item[1])
                continue
            hyp, enforced_terms, unmet = done[prep.plain]
            results[item] = Outcome(prep.finish(hyp), hyp.score, enforced_terms, unmet)
        return results

    def alternatives(self, text: str, src: str, tgt: str, *, kind: str = MESSAGE,
                     n: int = 5) -> list[tuple[str, float]]:
        """The engine's n-best translations of one text, best first, with scores."""
        prep = _prepare(kind, text)
        if not _LETTER.search(prep.plain):
            return [(text, 0.0)]
        hyps = self.engine.translate([prep.plain], src, tgt, n_best=n, return_alignment=True)[0]
        return [(prep.finish(h), h.score) for h in hyps]


@dataclass(frozen=True)
class _Prepared:
    plain: str
    finish: Callable[[Hypothesis], str]


def _prepare(kind: str, text: str) -> _Prepared:
    """What the engine sees for ``text`` and how to turn its output back into ``kind``."""
    if kind == MARKDOWN:
        stripped = inline.strip(text)
        return _Prepared(stripped.plain, lambda hyp: _restore_markdown(stripped, hyp))
    if kind == TEXT:
        return _Prepared(text, lambda hyp: hyp.text)
    return _Prepared(text, lambda hyp: repair_placeholders(text, hyp))


def _restore_markdown(stripped: inline.Inline, hyp: Hypothesis) -> str:
    """Markup moved onto the aligned words; if a bad alignment cost a link, code span or
    URL, all markup goes to the sentence edges instead, where nothing is lost."""
    restored = inline.restore(stripped, hyp.text, token_links(hyp))
    atomic = [s.markup for s in stripped.spans if s.kind in inline.ATOMIC - {"number", "break"}]
    links = [s.close for s in stripped.spans if s.kind == "link"]
    if all(piece in restored for piece in atomic + links):
        return restored
    return inline.restore(stripped, hyp.text, lambda start, end: None)


def token_links(hyp: Hypothesis) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Alignment as ``((src_start, src_end), (tgt_start, tgt_end))`` per target token."""
    links = []
    for index, target in enumerate(hyp.target_tokens):
        if index < len(hyp.alignment) and 0 <= hyp.alignment[index] < len(hyp.source_tokens):
            source = hyp.source_tokens[hyp.alignment[index]]
            links.append(((source.start, source.end), (target.start, target.end)))
    return links


def repair_placeholders(source: str, hyp: Hypothesis) -> str:
    """Keep every placeholder of ``source`` in the translation, exactly once.

    Placeholders the model copied stay; one it lost or mangled replaces the target words
    aligned to it (or goes before the final punctuation when nothing is aligned); ones it
    invented are removed.
    """
    target = hyp.text
    wanted = placeholders(source)
    if sorted(placeholders(target)) == sorted(wanted):
        return target
    missing = list(wanted)
    edits: list[tuple[int, int, str]] = []
    for match in placeholder_spans(target):
        if match.group(0) in missing:
            missing.remove(match.group(0))
        else:
            edits.append((match.start(), match.end(), ""))
    map_span = inline.aligner(token_links(hyp))
    end = len(target.rstrip(".!?…: "))
    for match in placeholder_spans(source):
        if match.group(0) not in missing:
            continue
        missing.remove(match.group(0))
        found = map_span(*match.span())
        free = found is not None and not any(a < found[1] and found[0] < b for a, b, _ in edits)
        edits.append((*found, match.group(0)) if free else (end, end, " " + match.group(0)))
    for start, stop, value in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        target = target[:start] + value + target[stop:]
    return re.sub(r"(?<=\S)  +", " ", target).strip()
