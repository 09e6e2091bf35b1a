"""Glossaries: load term files, find terms in the source, check and fix the target.

``load`` → ``match`` (source) → ``check`` (one target, with ``morphology``) and
``consistency`` (across targets) → ``fix`` (repair a target, with ``inflect``);
``catalogues`` runs check and fix over PO files and ``report`` shows the result. The enforcer
(``enforce``, with ``placement``) that reranks and constrains the engine's output asks
``check.analyse_entry`` of each hypothesis and repairs with ``fix.fix_target``.
"""

from translator.glossary.catalogues import check_catalogues
from translator.glossary.check import Violation, check_entry
from translator.glossary.consistency import check_set
from translator.glossary.fix import FixResult, fix_target
from translator.glossary.load import load_glossary
from translator.glossary.match import Match, Matcher
from translator.glossary.report import Finding, Report, report_to_json
from translator.glossary.terms import Glossary, Term

__all__ = [
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
    "fix_target",
    "load_glossary",
    "report_to_json",
]
