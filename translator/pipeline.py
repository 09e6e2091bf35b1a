"""The batch job as a library function: documents → segments → engine → glossary → catalogues.

``run`` reads every input first, plans each catalogue (merge, carry-over, memory), then
hands the texts still to translate to an executor in shards of whole documents (thousands
of texts each, so CTranslate2 sees large, length-sorted batches) and writes each catalogue
atomically as its document comes back. A bad input is reported in ``Report.failures`` and
the others go on.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib

from translator import catalogue as po
from translator import freshness
from translator.documents.kinds import DOCUMENT_SUFFIXES, TextKind
from translator.errors import InputError, OutputError, TranslatorError, UsageError
from translator.executors import SHARD_SIZE, Results, Task, make_executor, shards
from translator.memory.pretranslate import Pretranslator, reuse
from translator.protect import marker_of
from translator.service import Kind, Outcome, Service, Settings, message_kind

log = logging.getLogger(__name__)

SOURCE_HEADER = po.SOURCE_HEADER


@dataclass(frozen=True, slots=True)
class Tally:
    """Where a run's new translations come from, so far: what the progress line shows.

    The engine's part is counted in texts (a plural entry sends two) as the executor
    reports them; the memory's and carry-over's are known, in entries, before it starts.
    """

    engine_done: int  # texts the engine has translated
    engine_total: int  # texts it will translate in this run
    memory: int  # entries filled from the translation memory
    carried: int  # changed entries given the reviewed translation of their old source

    def note(self) -> str:
        """What follows the engine's count on the progress line.

        >>> Tally(3, 10, memory=4, carried=1).note()
        'by the engine · 4 from the memory · 1 carried over'
        """
        return f"by the engine · {self.memory} from the memory · {self.carried} carried over"


Progress = Callable[[Tally], None]


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
    memory: Path | None = None  # translation memory file (None: no memory)
    tm_threshold: float = 75.0  # lowest fuzzy memory match offered
    executor: str = "local"  # or "ray"
    ray_address: str | None = None
    workers: int | None = None
    shard_size: int = SHARD_SIZE  # segments per shard of whole documents (batching, retries)


@dataclass
class Source:
    """One input file, read and cut into translation units."""

    path: Path
    units: list[po.Unit]
    kind: TextKind  # how the service treats its texts
    base: polib.POFile | None = None  # a PO input in the target language seeds its catalogue
    marker: str = ""  # the catalogue's keyboard accelerator marker, if it uses one


@dataclass
class Report:
    documents: int = 0
    segments: int = 0
    languages: int = 0
    seconds: float = 0.0
    kept: int = 0
    enforced: int = 0
    unmet: int = 0
    carried: int = 0  # changed sources given their old reviewed translation
    from_memory: int = 0  # entries filled from the translation memory
    memory: bool = True  # a translation memory was used (not --no-tm)
    catalogues: list[Path] = field(default_factory=list)
    failures: list[TranslatorError] = field(default_factory=list)

    def summary(self) -> str:
        """One line: where the new translations came from (engine, memory, carry-over),
        what was kept, what the glossary did.

        >>> Report(documents=2, segments=5, languages=1, seconds=2.0, kept=7, carried=1,
        ...        from_memory=3).summary()  # doctest: +NORMALIZE_WHITESPACE
        '2 document(s), 9 segment(s) translated into 1 language(s) in 2.0 s: 5 by the
        engine (2.5 segments/s), 3 from the translation memory, 1 carried over from a
        changed source; 7 reviewed entries kept'
        """
        rate = self.segments / self.seconds if self.seconds else 0.0
        memory = (f"{self.from_memory} from the translation memory" if self.memory
                  else "no translation memory (--no-tm)")
        text = (
            f"{self.documents} document(s), {self.segments + self.from_memory + self.carried} "
            f"segment(s) translated into {self.languages} language(s) in {self.seconds:.1f} s: "
            f"{self.segments} by the engine ({rate:.1f} segments/s), "
            f"{memory}, {self.carried} carried over from a changed source; "
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
                    if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES | po.CATALOGUE_SUFFIXES
                )
            )
        elif path.exists():
            found.append(path)
        else:
            raise InputError("no such file or directory", file=path)
    return found


def read_source(path: Path, source_lang: str) -> Source:
    """Cut one input into units: segments of a document, or entries of a POT/PO."""
    if path.suffix.lower() in po.CATALOGUE_SUFFIXES:
        catalogue = po.read_catalogue(path)
        entries = po.units_from_catalogue(catalogue)
        if not entries:
            raise InputError("no entries to translate", file=path)
        marker = marker_of(catalogue.metadata, (unit.msgid for unit in entries))
        return Source(path, entries, TextKind.MESSAGE, base=catalogue, marker=marker)
    reference = _display_path(path)
    cached = freshness.load_units(path, source_lang, reference)
    if cached is not None:  # the same bytes as last time: segmenting gives the same units
        kind, units = cached
        return Source(path, units, TextKind(kind))
    from translator.documents import parse_document

    digest = freshness.source_digest(path)
    document = parse_document(path, source_lang)
    by_text: dict[str, po.Unit] = {}
    for segment in document.segments:
        unit = by_text.setdefault(segment.text, po.Unit(msgid=segment.text))
        unit.occurrences.append((reference, str(segment.line)))
        unit.segment_ids.append(segment.id)
    kind = document.kind
    freshness.save_units(path, source_lang, reference, kind, list(by_text.values()), digest)
    return Source(path, list(by_text.values()), kind)


def run(inputs: Sequence[Path], options: Options, progress: Progress | None = None) -> Report:
    """Translate ``inputs`` into one catalogue per document and target language.

    ``progress`` is told, once planning is done and then as the engine works, a ``Tally``
    of the translations from the engine (across all languages), the memory and carry-over.
    """
    started = time.perf_counter()
    if not options.targets:
        raise UsageError("give at least one target language with --to")
    languages = [po.language(code) for code in dict.fromkeys(options.targets)]
    po.language(options.source_lang)
    report = Report(languages=len(languages), memory=options.memory is not None)
    found = collect_inputs(inputs)
    fresh = _up_to_date(found, languages, options)
    for catalogues in fresh.values():
        report.catalogues += [path for path, _ in catalogues]
        report.kept += sum(kept for _, kept in catalogues)
    sources = _read_sources([p for p in found if p not in fresh], options.source_lang, report)
    if not sources:
        if not report.failures and not fresh:
            raise InputError("no documents or catalogues found", file=", ".join(map(str, inputs)))
        report.documents = len(fresh)
        report.seconds = time.perf_counter() - started
        return report
    _check_writable(Path(options.out_dir))
    service = Service(Settings(models=options.models, glossary=options.glossary,
                               beam_size=options.beam_size, threads=options.threads,
                               compute_type=options.compute_type))
    for lang in languages:
        service.check_route(options.source_lang, lang.code)
    plans: dict[str, list[tuple[Source, po.MergeResult]]] = {}
    memory = Pretranslator.open(options.memory, options.source_lang, options.tm_threshold,
                                service.glossary)
    try:
        for lang in languages:
            for source in list(sources):
                try:
                    plans.setdefault(lang.code, []).append(
                        (source, _plan(source, lang, options, memory, report)))
                except TranslatorError as error:
                    report.failures.append(error)
    finally:
        if memory is not None:
            memory.close()
    pairs = [(source, merge, lang.code) for lang in languages
             for source, merge in plans.get(lang.code, [])]
    paths = [po.catalogue_path(Path(options.out_dir), code, source.path.stem)
             for source, _, code in pairs]
    tasks = [Task(key, code,
                  tuple((_kind(source, job), text) for job in merge.jobs for text in job.sources))
             for key, (source, merge, code) in enumerate(pairs)]
    total = sum(len(task.items) for task in tasks)

    def step(done: int) -> None:
        if progress is not None:
            progress(Tally(done, total, report.from_memory, report.carried))

    step(0)  # memory and carry-over are counted before the engine starts (or is not needed)

    executor = make_executor(options.executor, service, address=options.ray_address,
                             workers=options.workers)
    work = shards([task for task in tasks if task.items], options.shard_size)
    # Nothing to translate: no shard, so the engine (and CTranslate2) is never loaded.
    for task, results in executor.run(work, options.source_lang, step):
        _apply(*pairs[task.key], results, paths[task.key], options, report)
    for task in tasks:
        if not task.items:  # nothing new for this catalogue: written as merged
            _apply(*pairs[task.key], {}, paths[task.key], options, report)
    report.catalogues += paths
    report.documents = len(fresh) + len({source.path for source, _, _ in pairs})
    report.seconds = time.perf_counter() - started
    return report


def _up_to_date(found: Sequence[Path], languages: Sequence[po.Language],
                options: Options) -> dict[Path, list[tuple[Path, int]]]:
    """Inputs whose every catalogue is exactly as a previous run left it (see
    ``freshness``), with those catalogues and their reviewed-entry counts. ``--refresh``
    and inputs sharing a catalogue name always go the whole way."""
    if options.refresh:
        return {}
    stems = [path.stem for path in found]
    fresh: dict[Path, list[tuple[Path, int]]] = {}
    for path in found:
        if stems.count(path.stem) > 1:
            continue
        catalogues = []
        for lang in languages:
            catalogue = po.catalogue_path(Path(options.out_dir), lang.code, path.stem)
            kept = freshness.fresh_kept(path, catalogue, options.source_lang, lang.code)
            if kept is None:
                break
            catalogues.append((catalogue, kept))
        else:
            fresh[path] = catalogues
    if fresh:
        log.info("%d input(s) unchanged since their catalogues were written", len(fresh))
    return fresh


def _apply(source: Source, merge: po.MergeResult, lang: str, results: Results, path: Path,
           options: Options, report: Report) -> None:
    """Put one catalogue's machine translations in place and write it, atomically (merged
    with whatever a person saved meanwhile); remember it as fresh when nothing is left."""
    for job in merge.jobs:
        outcome = [results[_kind(source, job), text] for text in job.sources]
        po.set_machine_translation(job.entry, [o.text for o in outcome], merge.language)
        _annotate(job.entry, outcome, report)
    po.save_catalogue(merge.catalogue, path, base=merge.base)
    if not any(po.needs_translation(e) for e in merge.catalogue if not e.obsolete):
        freshness.record(source.path, path, options.source_lang, lang, merge.kept)
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


def _plan(source: Source, lang: po.Language, options: Options, memory: Pretranslator | None,
          report: Report) -> po.MergeResult:
    """Merge the source's units over the catalogue already on disk, if any; changed sources
    keep their old reviewed translation, then the memory fills what it can."""
    path = po.catalogue_path(Path(options.out_dir), lang.code, source.path.stem)
    read = po.open_catalogue(path) if path.exists() else None
    existing = read.po if read else None
    if existing is None and source.base is not None:
        base_lang = source.base.metadata.get("Language", "")
        if base_lang.replace("-", "_").split("_")[0] == lang.code.split("_")[0]:
            existing = source.base
    headers = {}
    if source.base is None:
        headers[SOURCE_HEADER] = os.path.relpath(source.path.resolve(), path.parent.resolve())
    merged = po.merge(source.units, existing, lang, source_lang=options.source_lang,
                      extra_headers=headers, refresh=options.refresh, base=read)
    carried, filled = reuse(merged, path, lang.code, memory)
    report.carried += carried
    report.from_memory += filled
    return merged


def _annotate(entry: polib.POEntry, outcome: Sequence[Outcome], report: Report) -> None:
    """Translator comments for glossary enforcement, so review finds what needs a look."""
    enforced = sorted({term for o in outcome for term in o.enforced})
    unmet = sorted({term for o in outcome for term in o.unmet})
    for note in dict.fromkeys(note for o in outcome for note in o.notes):
        po.add_translator_note(entry, note)
    if enforced:
        po.add_translator_note(entry, "glossary enforced: " + ", ".join(enforced))
        report.enforced += 1
    if unmet:
        po.add_translator_note(entry, "glossary unmet: " + ", ".join(unmet))
        report.unmet += 1


def _kind(source: Source, job: po.Job) -> Kind:
    """How the service treats a job's texts: a message knows its format flags and the
    catalogue's accelerator marker."""
    if source.kind != TextKind.MESSAGE or source.base is None:
        return source.kind
    return message_kind(job.entry.flags, source.marker)


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


