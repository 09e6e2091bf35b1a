"""Glossaries: load term files, find terms in the source, check and fix the target.

``load`` → ``match`` (source) → ``check`` (target, with ``morphology``) → ``fix``; the
enforcer that reranks and constrains the engine's output reuses ``check.term_rendering``,
``check.complies`` and ``fix.fix_target``.
"""

from translator.glossary.check import (
    Finding,
    Report,
    Violation,
    check_catalogues,
    check_entry,
    check_set,
    complies,
    report_to_json,
    term_rendering,
)
from translator.glossary.fix import CatalogueFixes, FixResult, fix_catalogues, fix_target
from translator.glossary.load import load_glossary
from translator.glossary.match import Match, Matcher
from translator.glossary.terms import Glossary, Term

__all__ = [
    "CatalogueFixes",
    "Finding",
    "FixResult",
    "Glossary",
    "Match",
    "Matcher",
    "Report",
    "Term",
    "Violation",
    "check_catalogues",
    "check_entry",
    "check_set",
    "complies",
    "fix_catalogues",
    "fix_target",
    "load_glossary",
    "report_to_json",
    "term_rendering",
]
