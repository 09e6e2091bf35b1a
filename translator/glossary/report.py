"""What a catalogue check found, and how it is shown: one line per finding, or JSON for CI.

``catalogues.check_catalogues`` fills a ``Report``; the CLI prints it with ``text_lines`` /
``summary_line`` or ``report_to_json``. Nothing here reads catalogues or talks to a person.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from translator.glossary.check import KINDS, Violation


@dataclass(frozen=True, slots=True)
class Finding:
    """A violation in a catalogue entry; ``line`` is polib's ``entry.linenum`` (the entry's
    first line) and ``plural`` the msgstr index for plural entries."""

    file: str
    line: int
    msgid: str
    msgctxt: str | None
    plural: int | None
    violation: Violation

    def __str__(self) -> str:
        v = self.violation
        found = f", found «{v.found}»" if v.found else ", not found"
        form = f" [plural {self.plural}]" if self.plural is not None else ""
        return f"{self.file}:{self.line}: {v.kind}: {v.term} → «{v.expected}»{found}{form}"


@dataclass(slots=True)
class Report:
    """Everything a check of catalogues found, in file and entry order.

    With ``fix``: ``fixed`` and ``unfixed`` are the findings before repair (lines of the
    catalogue as it was), ``written`` the files changed; ``findings`` are what is still wrong
    afterwards (lines of the catalogue as written).
    """

    findings: list[Finding]
    files: list[str]
    entries: int = 0
    fixed: list[Finding] = field(default_factory=list)
    unfixed: list[Finding] = field(default_factory=list)
    written: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when there is nothing to report (exit code 0)."""
        return not self.findings

    @property
    def by_kind(self) -> dict[str, int]:
        """Violations by kind, every kind listed (0 when absent)."""
        counts = dict.fromkeys(KINDS, 0)
        for finding in self.findings:
            counts[finding.violation.kind] = counts.get(finding.violation.kind, 0) + 1
        return counts

    @property
    def summary(self) -> dict[str, object]:
        """Counts for people and CI: files, entries checked, violations by kind."""
        return {"files": len(self.files), "entries": self.entries,
                "violations": len(self.findings), "by_kind": self.by_kind}


def report_to_json(report: Report) -> dict[str, object]:
    """The JSON object for ``translator check --format json``: ``violations`` + ``summary``."""
    return {
        "violations": [
            {"file": f.file, "line": f.line, "msgid": f.msgid, "msgctxt": f.msgctxt,
             "plural": f.plural, "term": f.violation.term, "expected": f.violation.expected,
             "found": f.violation.found, "kind": f.violation.kind,
             "start": f.violation.start, "end": f.violation.end}
            for f in report.findings
        ],
        "summary": report.summary,
    }


def text_lines(report: Report) -> list[str]:
    """The text report: what ``--fix`` repaired and left, then one line per finding."""
    return ([f"fixed: {finding}" for finding in report.fixed]
            + [f"not fixed: {finding}" for finding in report.unfixed]
            + [str(finding) for finding in report.findings])


def summary_line(report: Report) -> str:
    """«N violation(s) in M entries of K catalogue(s): …» — the closing line for people."""
    kinds = ", ".join(f"{n} {kind}" for kind, n in report.by_kind.items() if n)
    return (f"{len(report.findings)} violation(s) in {report.entries} entries of "
            f"{len(report.files)} catalogue(s)" + (f": {kinds}" if kinds else ""))
