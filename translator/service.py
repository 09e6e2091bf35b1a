"""From source texts to target texts: markup and placeholders around the engine and glossary.

The engine only ever sees plain sentences. Markdown segments go through ``inline.strip``
and come back through ``placement.transfer``; in them, and in catalogue messages and text
segments, everything ``translator.protect`` knows is not prose (placeholders, tags, URLs,
options, accelerators, line breaks…) comes back byte for byte, between words. The batch
job, the review UI's alternatives and re-translation all use this.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from translator import align, inline, placement, protect
from translator.documents.kinds import TextKind
from translator.engine.hypothesis import Hypothesis
from translator.engine.package import Package
from translator.placement import Alignment, Link

if TYPE_CHECKING:
    from translator.engine.ctranslate import Engine
    from translator.glossary.terms import Glossary

MARKDOWN = TextKind.MARKDOWN  # a document segment with inline Markdown
TEXT = TextKind.TEXT  # a plain-text document segment
MESSAGE = TextKind.MESSAGE  # a catalogue message with placeholders
_LETTER = re.compile(r"[^\W\d_]")
_DEFINITION = re.compile(r"\[\^[^\]\s]+\]:[ \t]*")
_SPAN_BEST = 3  # translations of a marked text looked for in the sentence, best first


@dataclass(frozen=True)
class Outcome:
    """A finished translation and what the glossary did to it."""

    text: str
    score: float = 0.0
    enforced: tuple[str, ...] = ()
    unmet: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # translator comments for review ("markup: placed at edge: …")


@dataclass
class Settings:
    """Engine settings and where the models come from."""

    models: list[Path] = field(default_factory=list)
    glossary: Path | None = None
    beam_size: int = 4
    threads: int = 0
    compute_type: str = "int8"
    use_store: bool = True  # also the Argos store's packages (a cluster worker has none)
    # How markup (Markdown, HTML/Word tags) finds its words: "spans" translates each marked
    # text alone and finds it in the sentence (attention breaks ties); "attention" alone.
    alignment: str = "spans"


class Service:
    """Owns the engine (models load once, on first use) and the glossary for one run."""

    def __init__(self, settings: Settings) -> None:
        if settings.alignment not in align.METHODS:
            raise ValueError(f"alignment must be one of {', '.join(align.METHODS)}")
        self.settings = settings
        self._engine: Engine | None = None
        self._glossary: Glossary | None = None
        self._packages: list[Package] | None = None

    @property
    def packages(self) -> list[Package]:
        """Packages given with ``--model`` first (they win), then the Argos store's."""
        if self._packages is None:
            from translator.engine.archive import open_package
            from translator.engine.store import installed

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
        from translator.engine.routing import route

        route(self.packages, src, tgt)

    def translate(self, items: Sequence[tuple[Kind, str]], src: str, tgt: str, *,
                  progress: Callable[[int], None] | None = None) -> dict[tuple[Kind, str], Outcome]:
        """Translate ``(kind, text)`` items (``MARKDOWN``, ``TEXT``, ``MESSAGE`` or a
        ``MessageKind``) in one batch."""
        prepared = {item: _prepare(*item, tgt) for item in dict.fromkeys(items)}
        plains = list(dict.fromkeys(text for p in prepared.values() for text in p.plains))
        if progress is not None and plains:
            report, scale = progress, len(items) / len(plains)

            def progress(n: int) -> None:  # items done, not texts
                report(round(n * scale))

        glossary = self.glossary
        if glossary is not None and glossary.for_lang(tgt):
            from translator.glossary.enforce import Enforcer

            enforcer = Enforcer(self.engine, glossary, src, tgt)
            enforced = enforcer.translate(plains, progress=progress)
            done = {text: (e.hypothesis, tuple(e.enforced), tuple(e.unmet))
                    for text, e in zip(plains, enforced, strict=True)}
        else:
            hyps = self.engine.translate(plains, src, tgt, return_alignment=True, progress=progress)
            done = {text: (h[0], (), ()) for text, h in zip(plains, hyps, strict=True)}
        own = self._alone([t for p in prepared.values() for t in p.spans], src, tgt)
        results: dict[tuple[Kind, str], Outcome] = {}
        for item, prep in prepared.items():
            if not prep.plains:  # nothing to translate: numbers, URLs, code only
                results[item] = Outcome(item[1])
                continue
            parts = [done[text] for text in prep.plains]
            text, notes = prep.finish([hyp for hyp, _, _ in parts], own)
            results[item] = Outcome(
                text, sum(hyp.score for hyp, _, _ in parts) / len(parts),
                tuple(dict.fromkeys(t for _, terms, _ in parts for t in terms)),
                tuple(dict.fromkeys(t for _, _, terms in parts for t in terms)), notes)
        return results

    def alternatives(self, text: str, src: str, tgt: str, *, kind: Kind = MESSAGE,
                     n: int = 5) -> list[tuple[str, float]]:
        """The engine's n-best translations of one text, best first, with scores."""
        prep = _prepare(kind, text, tgt)
        if not prep.plains:
            return [(text, 0.0)]
        found = self.engine.translate(list(prep.plains), src, tgt, n_best=n,
                                      return_alignment=True)
        own = self._alone(prep.spans, src, tgt)
        ranked = []
        for rank in range(max(len(hyps) for hyps in found)):
            hyps = [line[min(rank, len(line) - 1)] for line in found]
            ranked.append((prep.finish(hyps, own)[0], sum(h.score for h in hyps) / len(hyps)))
        return ranked

    def _alone(self, spans: Sequence[str], src: str, tgt: str) -> dict[str, list[str]]:
        """Marked texts translated on their own, once per distinct text (nothing with
        attention alignment): the glossary's renderings of a text that is a term, then
        the engine's n-best, which holds the synonym a sentence may have used instead
        («дрони», «безпілотники»)."""
        texts = list(dict.fromkeys(spans)) if self.settings.alignment == "spans" else []
        if not texts:
            return {}
        glossary = self.glossary.for_lang(tgt) if self.glossary is not None else None
        terms: dict[str, list[str]] = {}
        for term in glossary or ():
            terms.setdefault(term.source.casefold(), []).extend(term.renderings)
        found = self.engine.translate(texts, src, tgt, n_best=_SPAN_BEST)
        return {text: list(dict.fromkeys(terms.get(text.casefold(), []) + [h.text for h in hyps]))
                for text, hyps in zip(texts, found, strict=True)}


def shared_service(glossary: Path | None = None, models: Sequence[Path] = ()) -> Service:
    """A process-wide service per glossary and model set (the review's re-translations),
    renewed when the Argos store changes, so a session loads models once and still sees
    a model installed while it is open."""
    return _cached_service(glossary, tuple(models), _store_stamp())


@lru_cache(maxsize=2)
def _cached_service(glossary: Path | None, models: tuple[Path, ...],
                    store: tuple[str, int]) -> Service:
    """``store`` only keys the cache."""
    return Service(Settings(models=list(models), glossary=glossary))


def _store_stamp() -> tuple[str, int]:
    """The Argos store and when its list of packages last changed (install and remove
    rename directories in it)."""
    from translator.paths import argos_package_dir

    store = argos_package_dir()
    try:
        return str(store), store.stat().st_mtime_ns
    except OSError:
        return str(store), -1


@dataclass(frozen=True)
class MessageKind:
    """A catalogue message: its entry's gettext flags (``c-format`` makes every ``%``
    conversion a placeholder) and the catalogue's accelerator marker ("" for none)."""

    flags: frozenset[str] = frozenset()
    marker: str = ""


Kind = str | MessageKind


def message_kind(flags: Iterable[str], marker: str = "") -> MessageKind:
    """The kind of a catalogue entry with these flags, in a catalogue with this marker."""
    return MessageKind(frozenset(f for f in flags if f.endswith("-format")), marker)


Finish = Callable[[Sequence[Hypothesis], Mapping[str, Sequence[str]]],
                  tuple[str, tuple[str, ...]]]


@dataclass(frozen=True)
class _Prepared:
    plains: tuple[str, ...]  # what the engine must translate (nothing: copy the text)
    finish: Finish  # text and notes, from the hypotheses and the marked texts' translations
    spans: tuple[str, ...] = ()  # marked texts whose own translation helps place markup


def _prepare(kind: Kind, text: str, tgt: str = "uk") -> _Prepared:
    """What the engine sees for ``text`` and how to turn its output back into ``kind``."""
    if kind == TextKind.HTML:  # HTML/DOCX inline tags: their own restore, not Markdown's
        from translator.documents import htmlinline

        tagged = htmlinline.parse(text)
        plain = (tagged.plain,) if _LETTER.search(tagged.plain) else ()

        def finish_tags(hyps: Sequence[Hypothesis],
                        own: Mapping[str, Sequence[str]]) -> tuple[str, tuple[str, ...]]:
            placed = _placed(tagged, hyps[0].text, token_links(hyps[0]), own, tgt)
            restored = htmlinline.transfer(tagged, hyps[0].text, placed)
            return restored.text, _edge_notes(restored.edge)

        return _Prepared(plain, finish_tags, tuple(align.span_texts(tagged)) if plain else ())
    if kind == MARKDOWN:
        head = _DEFINITION.match(text)  # "[^1]: " of a footnote definition stays in front
        lead = head.group() if head else ""
        stripped = inline.strip(text[len(lead):])
        plains = (stripped.plain,) if _LETTER.search(stripped.plain) else ()

        def finish(hyps: Sequence[Hypothesis],
                   own: Mapping[str, Sequence[str]]) -> tuple[str, tuple[str, ...]]:
            restored, notes = _restore_markdown(stripped, hyps[0], own, tgt)
            return lead + restored, notes

        return _Prepared(plains, finish, tuple(align.span_texts(stripped)) if plains else ())
    message = kind if isinstance(kind, MessageKind) else MessageKind()
    protected = protect.protect(text, message.flags, message.marker, lines=kind != TEXT)
    return _Prepared(protected.plains, lambda hyps, _own: (protected.finish(
        [(hyp.text, placement.aligner(token_links(hyp))) for hyp in hyps]), ()))


def _restore_markdown(stripped: inline.Inline, hyp: Hypothesis, own: Mapping[str, Sequence[str]],
                      tgt: str) -> tuple[str, tuple[str, ...]]:
    """Protected pieces of the plain text repaired, then the markup moved onto its words:
    where each marked text's own translation (``own``) is found, else where attention
    points; what could only go to a sentence edge is named in the notes for review."""
    covered = [(s.start, s.end) for s in stripped.spans if s.kind in inline.ATOMIC - {"number"}]
    pieces = [p for p in protect.find(stripped.plain)
              if not any(a < p.end and p.start < b for a, b in covered)]
    links = token_links(hyp)
    repaired = protect.repair(stripped.plain, pieces, hyp.text, placement.aligner(links))
    moved = [(source, (repaired.moved(a), repaired.moved(b))) for source, (a, b) in links]
    restored = placement.transfer(stripped, repaired.text,
                                  _placed(stripped, repaired.text, moved, own, tgt))
    return restored.text, _edge_notes(restored.edge)


def _placed(marked: inline.Inline, target: str, links: list[Link],
            own: Mapping[str, Sequence[str]], tgt: str) -> Alignment | list[Link]:
    """Where ``marked``'s spans go in ``target``: where each marked text's own translation
    (``own``) is found, else where attention (``links``) points; attention alone without."""
    if not own:
        return links
    return align.combined(marked, target, own.get, placement.aligner(links), tgt)


def _edge_notes(edge: Sequence[str]) -> tuple[str, ...]:
    """The translator comments naming markup placed at an edge (check: markup-placement)."""
    return tuple(f"markup: placed at edge: {markup}" for markup in edge)


def token_links(hyp: Hypothesis) -> list[Link]:
    """Alignment as ``((src_start, src_end), (tgt_start, tgt_end))`` per target token."""
    links = []
    for index, target in enumerate(hyp.target_tokens):
        if index < len(hyp.alignment) and 0 <= hyp.alignment[index] < len(hyp.source_tokens):
            source = hyp.source_tokens[hyp.alignment[index]]
            links.append(((source.start, source.end), (target.start, target.end)))
    return links
