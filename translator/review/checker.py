"""What the review checks in a target, for the screen to highlight.

Two kinds of problem: what ``msgfmt -c`` would reject (placeholders of ``*-format``
entries, a line break at the start or end of one side only) and, with a glossary, term
violations from ``translator.glossary.check``. Plural entries are checked form by form:
form 0 against msgid, the others against msgid_plural. One checker per thread: the screen
keeps one for the entry being edited and forks another for the background check.

    checker = Checker(load_glossary(path), "uk")
    problems = checker.check(entry, entry.current)
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from translator.catalogue.placeholders import placeholders
from translator.review.model import Entry, Problem, Translation

if TYPE_CHECKING:
    from translator.glossary.match import Matcher
    from translator.glossary.terms import Glossary
    from translator.qa.base import Settings as QASettings


class Checker:
    """Checks entries of one catalogue; ``markdown`` for a Markdown document's catalogue,
    whose texts are checked without their markup as ``translator check`` does («на
    [авіабазі](…) Рамштайн» is the term) and whose problems point into the marked-up text."""

    def __init__(self, glossary: Glossary | None = None, lang: str | None = None,
                 *, markdown: bool = False, qa: QASettings | None = None) -> None:
        self.glossary = glossary
        self.lang = lang
        self.markdown = markdown
        self.qa = qa  # the QA checks of ``translator check``, with the catalogue's settings
        self.matcher = None
        if glossary is not None and lang:
            from translator.glossary.match import Matcher

            self.matcher = Matcher(glossary, lang)

    def fork(self) -> Checker:
        """A checker of its own for another thread."""
        return Checker(self.glossary, self.lang, markdown=self.markdown, qa=self.qa)

    def terms(self, source: str) -> list[Any]:
        """Glossary matches in ``source`` (``.term``, ``.start``, ``.end``); [] without one."""
        return self.matcher.find(source) if self.matcher is not None else []

    def check(self, entry: Entry, translation: Translation) -> tuple[Problem, ...]:
        """Problems in every non-empty form of ``translation``."""
        problems = format_problems(entry, translation)
        if self.qa is not None:
            problems.extend(qa_problems(entry, translation, self.qa, problems))
        if self.matcher is not None and self.lang:
            problems.extend(self._glossary_problems(entry, translation, self.matcher, self.lang))
        return tuple(problems)

    def _glossary_problems(self, entry: Entry, translation: Translation, matcher: Matcher,
                           lang: str) -> list[Problem]:
        from translator.glossary.check import check_entry
        from translator.inline import strip

        problems: list[Problem] = []
        for form, target in enumerate(translation.forms):
            if not target:
                continue
            source = entry.source(form)
            inline = strip(target) if self.markdown else None
            if inline is not None:
                source, plain = strip(source).plain, inline.plain
            else:
                plain = target
            for violation in check_entry(source, plain, lang, matcher):
                start, end = violation.start, violation.end
                if inline is not None and start is not None and end is not None:
                    start, end = inline.markup_span(start, end)
                problems.append(
                    Problem(
                        form=form,
                        kind=str(violation.kind),
                        term=violation.term,
                        expected=violation.expected,
                        found=violation.found or None,
                        start=start,
                        end=end,
                    )
                )
        return problems


def format_problems(entry: Entry, translation: Translation) -> list[Problem]:
    """What ``msgfmt -c`` rejects: line breaks at either end, placeholders of format strings."""
    problems: list[Problem] = []
    formats = [flag for flag in entry.flags
               if flag.endswith("-format") and not flag.startswith("no-")]
    allowed = Counter(placeholders(entry.msgid)) | Counter(placeholders(entry.msgid_plural))
    for form, target in enumerate(translation.forms):
        if not target:
            continue
        source = entry.source(form)
        for where, test in (("start", str.startswith), ("end", str.endswith)):
            if test(source, "\n") != test(target, "\n"):
                found = "missing" if test(source, "\n") else "extra"
                problems.append(Problem(form, "newline", where, "", found, None, None))
        if not formats:
            continue
        wanted = Counter(placeholders(source))
        present = Counter(placeholders(target))
        if not entry.plural or form > 0:
            for missing in (wanted - present).elements():
                problems.append(Problem(form, "placeholder", missing, missing, None, None, None))
        for extra in (present - (allowed if entry.plural else wanted)).elements():
            start = target.find(extra)
            problems.append(Problem(form, "placeholder", extra, "", extra, start,
                                    start + len(extra)))
    return problems


def qa_problems(entry: Entry, translation: Translation, settings: QASettings,
                known: list[Problem]) -> list[Problem]:
    """``translator check``'s QA findings as problems (``kind`` = the check id), except
    what ``known`` (msgfmt's problems) already says about placeholders and line breaks."""
    import translator.qa  # noqa: F401 - registers the checks
    from translator.qa.run import forms_problems, select_checks

    said = {(p.form, p.kind) for p in known}
    problems = []
    for check, problem in forms_problems(entry.msgid, entry.msgid_plural, translation.forms,
                                         entry.flags, entry.tcomment, settings,
                                         select_checks()):
        form = problem.form or 0
        severity = problem.severity or check.severity
        if (check.id == "placeholders" and (form, "placeholder") in said) or (
                check.id == "newlines" and severity == "error" and (form, "newline") in said):
            continue
        problems.append(Problem(form, check.id, "", "", None, problem.start, problem.end,
                                note=f"{check.id}: {problem.message}", severity=severity))
    return problems


GLOSSARY_KINDS = {
    "missing": "glossary: a term not translated as the glossary says",
    "forbidden": "glossary: a translation the glossary forbids",
    "dnt": "glossary: a term that must stay untranslated",
    "inconsistent": "glossary: a term rendered two ways",
    "newline": "msgfmt: a line break at the start or end of one side only",
    "placeholder": "msgfmt: a placeholder of a format string missing or extra",
}


def problem_title(kind: str) -> str:
    """What a problem kind means: the QA check's title (``--list-checks``), or the glossary's
    or msgfmt's own.

    >>> problem_title("dnt")
    'glossary: a term that must stay untranslated'
    """
    if kind in GLOSSARY_KINDS:
        return GLOSSARY_KINDS[kind]
    import translator.qa  # noqa: F401 - registers the checks
    from translator.qa.base import REGISTRY

    check = REGISTRY.get(kind)
    return check.title if check is not None else kind
