"""The batch job as a library function: documents → segments → engine → glossary → catalogues.

``run`` reads every input first, asks the engine for all texts of one language in one
call (so CTranslate2 sees large, length-sorted batches), then writes each catalogue
atomically. A bad input is reported in ``Report.failures`` and the others go on.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import polib

from translator import po
from translator.errors import InputError, OutputError, TranslatorError, UsageError
from translator.executors import SHARD_SIZE, Results, Task, make_executor, shards
from translator.service import MARKDOWN, MESSAGE, TEXT, Outcome, Service, Settings

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
DOCUMENT_SUFFIXES = {".md", ".markdown", ".txt", ".text"}
CATALOGUE_SUFFIXES = {".po", ".pot"}
SOURCE_HEADER = po.SOURCE_HEADER


@dataclass
class Options:
    """What ``translator translate`` was asked to do."""

    targets: list[str]
    source_lang: str = "en"
    out_dir: Path = Path("locales")
    glossary: Path | None = None
    models: list[Path] = field(default_factory=list)
    beam_size: int = 4
    threads: int = 0
    compute_type: str = "int8"
    refresh: bool = False  # also redo machine output nobody has touched
    executor: str = "local"  # or "ray"
    ray_address: str | None = None
    workers: int | None = None
    shard_size: int = SHARD_SIZE  # segments per shard of whole documents (batching, retries)


@dataclass
class Source:
    """One input file, read and cut into translation units."""

    path: Path
    units: list[po.Unit]
    kind: str  # how the service treats its texts: MARKDOWN, TEXT or MESSAGE
    base: polib.POFile | None = None  # a PO input in the target language seeds its catalogue


@dataclass
class Report:
    documents: int = 0
    segments: int = 0
    languages: int = 0
    seconds: float = 0.0
    kept: int = 0
    enforced: int = 0
    unmet: int = 0
    catalogues: list[Path] = field(default_factory=list)
    failures: list[TranslatorError] = field(default_factory=list)

    def summary(self) -> str:
        rate = self.segments / self.seconds if self.seconds else 0.0
        text = (
            f"{self.documents} document(s), {self.segments} segment(s) translated into "
            f"{self.languages} language(s) in {self.seconds:.1f} s ({rate:.1f} segments/s); "
            f"{self.kept} reviewed entr{'y' if self.kept == 1 else 'ies'} kept"
        )
        if self.enforced or self.unmet:
            text += f"; glossary: {self.enforced} enforced, {self.unmet} still unmet"
        if self.failures:
            text += f"; {len(self.failures)} input(s) failed"
        return text


def collect_inputs(paths: Sequence[Path]) -> list[Path]:
    """Files as given, and directories searched (sorted) for documents and catalogues."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES | CATALOGUE_SUFFIXES
                )
            )
        elif path.exists():
            found.append(path)
        else:
            raise InputError("no such file or directory", file=path)
    return found


def read_source(path: Path, source_lang: str) -> Source:
    """Cut one input into units: segments of a document, or entries of a POT/PO."""
    if path.suffix.lower() in CATALOGUE_SUFFIXES:
        catalogue = po.read_catalogue(path)
        units = po.units_from_catalogue(catalogue)
        if not units:
            raise InputError("no entries to translate", file=path)
        return Source(path, units, MESSAGE, base=catalogue)
    from translator.segment import parse_document

    document = parse_document(path, source_lang)
    units: dict[str, po.Unit] = {}
    reference = _display_path(path)
    for segment in document.segments:
        unit = units.setdefault(segment.text, po.Unit(msgid=segment.text))
        unit.occurrences.append((reference, str(segment.line)))
        unit.segment_ids.append(segment.id)
    kind = MARKDOWN if document.format == "markdown" else TEXT
    return Source(path, list(units.values()), kind)


def run(inputs: Sequence[Path], options: Options, progress: Progress | None = None) -> Report:
    """Translate ``inputs`` into one catalogue per document and target language.

    ``progress(done, total)`` counts texts sent to the engine across all languages.
    """
    started = time.perf_counter()
    if not options.targets:
        raise UsageError("give at least one target language with --to")
    languages = [po.language(code) for code in dict.fromkeys(options.targets)]
    po.language(options.source_lang)
    report = Report(languages=len(languages))
    sources = _read_sources(collect_inputs(inputs), options.source_lang, report)
    if not sources:
        if not report.failures:
            raise InputError("no documents or catalogues found", file=", ".join(map(str, inputs)))
        report.seconds = time.perf_counter() - started
        return report
    _check_writable(Path(options.out_dir))
    service = Service(Settings(models=options.models, glossary=options.glossary,
                               beam_size=options.beam_size, threads=options.threads,
                               compute_type=options.compute_type))
    for lang in languages:
        service.check_route(options.source_lang, lang.code)
    plans: dict[str, list[tuple[Source, po.MergeResult]]] = {}
    for lang in languages:
        for source in list(sources):
            try:
                plans.setdefault(lang.code, []).append((source, _plan(source, lang, options)))
            except TranslatorError as error:
                report.failures.append(error)
    pairs = [(source, merge) for lang in languages for source, merge in plans.get(lang.code, [])]
    paths = [po.catalogue_path(Path(options.out_dir), merge.language.code, source.path.stem)
             for source, merge in pairs]
    tasks = [Task(key, merge.language.code,
                  tuple((source.kind, text) for job in merge.jobs for text in job.sources))
             for key, (source, merge) in enumerate(pairs)]
    total = sum(len(task.items) for task in tasks)

    def step(done: int) -> None:
        if progress is not None:
            progress(done, total)

    executor = make_executor(options.executor, service, address=options.ray_address,
                             workers=options.workers)
    work = shards([task for task in tasks if task.items], options.shard_size)
    for task, results in executor.run(work, options.source_lang, step):
        _apply(*pairs[task.key], results, paths[task.key], report)
    for task in tasks:
        if not task.items:  # nothing new for this catalogue: written as merged
            _apply(*pairs[task.key], {}, paths[task.key], report)
    report.catalogues = paths
    report.documents = len({source.path for pairs in plans.values() for source, _ in pairs})
    report.seconds = time.perf_counter() - started
    return report


def _apply(source: Source, merge: po.MergeResult, results: Results, path: Path,
           report: Report) -> None:
    """Put one catalogue's machine translations in place and write it, atomically."""
    for job in merge.jobs:
        outcome = [results[source.kind, text] for text in job.sources]
        po.set_machine_translation(job.entry, [o.text for o in outcome], merge.language)
        _annotate(job.entry, outcome, report)
    po.save_catalogue(merge.catalogue, path)
    report.kept += merge.kept
    report.segments += len(merge.jobs)


def _read_sources(paths: Sequence[Path], source_lang: str, report: Report) -> list[Source]:
    """Every readable input; a bad one, or a second input with the same catalogue name, is
    a failure in ``report`` and the rest go on."""
    sources: dict[str, Source] = {}
    for path in paths:
        try:
            if path.stem in sources:
                raise InputError(f"same catalogue name as {sources[path.stem].path}; rename one",
                                 file=path)
            sources[path.stem] = read_source(path, source_lang)
        except TranslatorError as error:
            report.failures.append(error)
    return list(sources.values())


def _plan(source: Source, lang: po.Language, options: Options) -> po.MergeResult:
    """Merge the source's units over the catalogue already on disk, if any."""
    path = po.catalogue_path(Path(options.out_dir), lang.code, source.path.stem)
    existing = po.read_catalogue(path) if path.exists() else None
    if existing is None and source.base is not None:
        base_lang = source.base.metadata.get("Language", "")
        if base_lang.replace("-", "_").split("_")[0] == lang.code.split("_")[0]:
            existing = source.base
    headers = {}
    if source.base is None:
        headers[SOURCE_HEADER] = os.path.relpath(source.path.resolve(), path.parent.resolve())
    return po.merge(source.units, existing, lang, source_lang=options.source_lang,
                    extra_headers=headers, refresh=options.refresh)


def _annotate(entry: polib.POEntry, outcome: Sequence[Outcome], report: Report) -> None:
    """Translator comments for glossary enforcement, so review finds what needs a look."""
    enforced = sorted({term for o in outcome for term in o.enforced})
    unmet = sorted({term for o in outcome for term in o.unmet})
    if enforced:
        po.add_translator_note(entry, "glossary enforced: " + ", ".join(enforced))
        report.enforced += 1
    if unmet:
        po.add_translator_note(entry, "glossary unmet: " + ", ".join(unmet))
        report.unmet += 1


def _check_writable(out_dir: Path) -> None:
    probe = out_dir
    while not probe.exists():
        probe = probe.parent
    if not probe.is_dir() or not os.access(probe, os.W_OK | os.X_OK):
        raise OutputError("output directory is not writable", file=out_dir)


def _display_path(path: Path) -> str:
    """A reference path as gettext tools show it: relative to the working directory if inside."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def render_catalogue(catalogue_path: Path, *, source: Path | None = None,
                     approved_only: bool = False) -> tuple[str, int]:
    """The translated document for a catalogue; returns the text and the fuzzy count used."""
    from translator.segment import parse_document, render

    catalogue = po.read_catalogue(catalogue_path)
    if source is None:
        relative = catalogue.metadata.get(SOURCE_HEADER)
        if not relative:
            raise InputError(f"no {SOURCE_HEADER} header; give the source with --source",
                             file=catalogue_path)
        source = (Path(catalogue_path).parent / relative)
        if not source.exists():
            raise InputError(f"source document {relative} not found; give it with --source",
                             file=catalogue_path)
    document = parse_document(source, catalogue.metadata.get("X-Source-Language", "en"))
    translations: dict[str, str] = {}
    fuzzy = 0
    by_msgid = {e.msgid: e for e in catalogue if not e.obsolete and e.msgctxt is None}
    for segment in document.segments:
        entry = by_msgid.get(segment.text)
        if entry is None or not entry.msgstr:
            continue
        if entry.fuzzy:
            if approved_only:
                continue
            fuzzy += 1
        translations[segment.id] = entry.msgstr
    return render(document, translations), fuzzy


def alternatives(text: str, src: str, tgt: str, *, n: int = 5, glossary: Path | None = None,
                 models: Sequence[Path] = (), kind: str = MESSAGE) -> list[tuple[str, float]]:
    """The engine's ``n`` best translations of one text with scores, best first (review UI).

    With a glossary, the enforced translation comes first when it differs from them all.
    """
    service = _service(glossary, tuple(models), _store_stamp())
    found = service.alternatives(text, src, tgt, kind=kind, n=n)
    if glossary is not None:
        enforced = service.translate([(kind, text)], src, tgt)[kind, text]
        if enforced.text not in {t for t, _ in found}:
            found.insert(0, (enforced.text, enforced.score))
    return found


def retranslate(text: str, src: str, tgt: str, *, glossary: Path | None = None,
                models: Sequence[Path] = (), kind: str = MESSAGE) -> str:
    """One fresh translation of one text, with the glossary enforced when given."""
    service = _service(glossary, tuple(models), _store_stamp())
    return service.translate([(kind, text)], src, tgt)[kind, text].text


@lru_cache(maxsize=2)
def _service(glossary: Path | None, models: tuple[Path, ...],
             store: tuple[str, int]) -> Service:
    """One service per glossary, model set and state of the Argos store (``store`` only
    keys the cache), so a review session loads models once and still sees a model
    installed while it is open."""
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
