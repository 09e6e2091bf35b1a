"""Apply the QA checks to catalogues: settings per catalogue, findings per entry.

Every entry with a translation is checked, fuzzy ones too (msgfmt skips them; a reviewer
must not). An entry opts out of one check with the Weblate-style flag ``#, ignore-<id>``.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import polib

from translator.catalogue import parse_plural_forms, read_catalogue, text_kind
from translator.catalogue.plural import plural_function
from translator.documents.kinds import TextKind
from translator.errors import UsageError
from translator.qa.accelerator import HEADER, infer_marker
from translator.qa.base import REGISTRY, Check, Pair, Problem, Settings
from translator.qa.length import MIN_SOURCE, MIN_WORDS, letters, words
from translator.qa.plurals import single_forms
from translator.qa.words import catalogue_apostrophe

IGNORE_FLAG = "ignore-"
# The translators' names, not a translation of anything (Translate Toolkit skips them too).
CREDITS = frozenset({"translator-credits", "translator_credits", "TRANSLATOR-CREDITS"})


@dataclass(frozen=True)
class Finding:
    """One problem in one entry of one catalogue; ``span`` is ``[start, end)`` of the target
    (of plural form ``form`` when the entry has plurals)."""

    file: str
    line: int
    msgid: str
    msgctxt: str | None
    check: str
    severity: str
    message: str
    span: tuple[int, int]
    form: int | None = None
    fuzzy: bool = False

    def __str__(self) -> str:
        form = f" (plural form {self.form})" if self.form is not None else ""
        return f"{self.file}:{self.line}: {self.severity}: {self.check}: {self.message}{form}"

    def to_json(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "msgid": self.msgid,
                "msgctxt": self.msgctxt, "check": self.check, "severity": self.severity,
                "message": self.message, "span": list(self.span), "form": self.form,
                "fuzzy": self.fuzzy}


@dataclass
class Report:
    """Findings over a set of catalogues; ``ok`` unless there is an error."""

    findings: list[Finding]
    entries: int
    files: int

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def ok(self) -> bool:
        return self.errors == 0

    @property
    def summary(self) -> dict[str, object]:
        return {"files": self.files, "entries": self.entries, "findings": len(self.findings),
                "errors": self.errors, "warnings": len(self.findings) - self.errors,
                "by_check": dict(Counter(f.check for f in self.findings).most_common())}

    def to_json(self) -> dict[str, object]:
        return {"findings": [f.to_json() for f in self.findings], "qa_summary": self.summary}


def select_checks(only: Sequence[str] = (), ignore: Sequence[str] = ()) -> list[Check]:
    """The checks to run: ``only`` these (all when empty) minus ``ignore``; unknown ids are
    a usage error naming the known ones."""
    unknown = [name for name in [*only, *ignore] if name not in REGISTRY]
    if unknown:
        raise UsageError(f"unknown check {', '.join(unknown)} (known: "
                         f"{', '.join(sorted(REGISTRY))})")
    return [c for name, c in REGISTRY.items() if (not only or name in only) and name not in ignore]


def _translated(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [text for _, text in sorted(entry.msgstr_plural.items(), key=lambda kv: int(kv[0]))]
    return [entry.msgstr]


def settings_for(catalogue: polib.POFile, *, lang: str | None = None,
                 apostrophe: str | None = None) -> Settings:
    """What the checks need to know about ``catalogue``, from its header and its entries."""
    entries = [(e.msgid, e.msgid_plural, _translated(e)) for e in catalogue
               if not e.obsolete and e.msgid]
    return settings_of(catalogue.metadata, entries, lang=lang, apostrophe=apostrophe)


def settings_of(metadata: Mapping[str, str], entries: Sequence[tuple[str, str, Sequence[str]]],
                *, lang: str | None = None, apostrophe: str | None = None) -> Settings:
    """Settings from a header and ``(msgid, msgid_plural, forms)`` of every entry: what a
    caller without a polib catalogue (the review screen) passes."""
    plural = parse_plural_forms(metadata.get("Plural-Forms"))
    targets = [t for *_, forms in entries for t in forms if t]
    singular = [(msgid, forms[0]) for msgid, msgid_plural, forms in entries
                if not msgid_plural and forms and forms[0]]
    ratios = [letters(target) / letters(msgid, english=True) for msgid, target in singular
              if letters(msgid) >= MIN_SOURCE and letters(msgid, english=True)]
    word_ratios = [words(target) / words(msgid, english=True) for msgid, target in singular
                   if words(msgid, english=True) >= MIN_WORDS]
    return Settings(
        lang=(lang or metadata.get("Language") or "uk"),
        accelerator=infer_marker(metadata.get(HEADER), (msgid for msgid, *_ in entries)),
        apostrophe=apostrophe or catalogue_apostrophe(targets),
        nplurals=plural[0] if plural else 2,
        plural=_function(plural[1]) if plural else None,
        markdown=text_kind(dict(metadata)) == TextKind.MARKDOWN,
        tagged=text_kind(dict(metadata)) == TextKind.HTML,
        length_ratio=statistics.median(ratios) if len(ratios) >= 20 else 1.0,
        word_ratio=statistics.median(word_ratios) if len(word_ratios) >= 20 else 1.0,
    )


def _function(expression: str) -> Callable[[int], int] | None:
    try:
        function = plural_function(expression)
        function(0)  # "n%0" compiles and fails only here
        return function
    except (ValueError, SyntaxError, ArithmeticError):  # malformed: forms counted only
        return None


def entry_problems(entry: polib.POEntry, settings: Settings, checks: Iterable[Check]
                   ) -> Iterator[tuple[Check, Problem]]:
    """Every problem the ``checks`` find in one entry (flags ``ignore-<id>`` honoured)."""
    flags = frozenset(entry.flags)
    checks = [c for c in checks if IGNORE_FLAG + c.id not in flags]
    pairs: list[tuple[int | None, Pair]] = []
    if entry.msgid_plural:
        singles = single_forms(settings)
        for key, text in sorted(entry.msgstr_plural.items(), key=lambda kv: int(kv[0])):
            if text:  # a form for n = 1 only translates msgid; the others msgid_plural
                single = int(key) in singles and settings.plural is not None \
                    and settings.plural(1) == int(key)
                source = entry.msgid if single else entry.msgid_plural
                pairs.append((int(key), Pair(source, text, settings, flags,
                                             single=int(key) in singles)))
    elif entry.msgstr:
        pairs.append((None, Pair(entry.msgid, entry.msgstr, settings, flags)))
    for check in checks:
        if check.scope == "entry":
            for problem in check.function(entry, settings):
                yield check, problem
            continue
        for form, pair in pairs:
            for problem in check.function(pair):
                yield check, Problem(problem.message, problem.start, problem.end, form,
                                     problem.severity)


def forms_problems(msgid: str, msgid_plural: str, forms: Sequence[str], flags: Iterable[str],
                   tcomment: str, settings: Settings, checks: Iterable[Check]
                   ) -> list[tuple[Check, Problem]]:
    """``entry_problems`` for an entry given as its parts (the review screen's model).

    >>> import translator.qa
    >>> [(c.id, p.message) for c, p in forms_problems(
    ...     "%d files in %s", "", ["%d файлів"], ["c-format"], "", Settings(),
    ...     select_checks(["placeholders"]))]
    [('placeholders', 'missing placeholder %s')]
    """
    entry = polib.POEntry(msgid=msgid, msgid_plural=msgid_plural, flags=list(flags),
                          tcomment=tcomment)
    if msgid_plural:
        entry.msgstr_plural = dict(enumerate(forms))
    else:
        entry.msgstr = forms[0] if forms else ""
    return list(entry_problems(entry, settings, checks))


def check_catalogue(catalogue: polib.POFile, checks: Sequence[Check], *, file: str,
                    lang: str | None = None, apostrophe: str | None = None) -> list[Finding]:
    """Findings in one parsed catalogue."""
    settings = settings_for(catalogue, lang=lang, apostrophe=apostrophe)
    findings = []
    for entry in catalogue:
        if entry.obsolete or not entry.msgid or entry.msgid in CREDITS:
            continue
        for check, problem in entry_problems(entry, settings, checks):
            findings.append(Finding(file, entry.linenum, entry.msgid, entry.msgctxt, check.id,
                                    problem.severity or check.severity, problem.message,
                                    (problem.start, problem.end), problem.form,
                                    "fuzzy" in entry.flags))
    return findings


def check_catalogues(paths: Sequence[Path], checks: Sequence[Check], *, lang: str | None = None,
                     apostrophe: str | None = None) -> Report:
    """Read and check every catalogue; a malformed one raises ``CatalogueError``."""
    findings: list[Finding] = []
    entries = 0
    for path in paths:
        catalogue = read_catalogue(Path(path))
        entries += sum(1 for e in catalogue if not e.obsolete and e.msgid)
        findings += check_catalogue(catalogue, checks, file=str(path), lang=lang,
                                    apostrophe=apostrophe)
    return Report(findings, entries, len(paths))
