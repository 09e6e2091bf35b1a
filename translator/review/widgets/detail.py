"""The detail pane (the current entry in full, with its editors) and the header line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Label, Static, TextArea

from translator.catalogue.plural import FormLabel
from translator.review.model import Entry, Problem
from translator.review.widgets.memory import MemoryMatches
from translator.review.widgets.source_diff import diff_content

TERM = "bold $text-accent"
PROBLEM = "bold $text-error on $error-muted"
DIM = "$text-muted"


class TargetEditor(TextArea):
    """The editor for one form of the target."""

    def __init__(self, form: int, *, id: str | None = None) -> None:
        super().__init__(
            id=id, soft_wrap=True, tab_behavior="focus", show_line_numbers=False, compact=True
        )
        self.form = form


class TargetView(Static):
    """One form of the target, with its glossary problems highlighted; click to edit."""

    @dataclass
    class Clicked(Message):
        view: TargetView
        form: int

        @property
        def control(self) -> TargetView:
            return self.view

    def __init__(self, form: int, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="target")
        self.form = form

    def on_click(self) -> None:
        self.post_message(self.Clicked(self, self.form))


def highlight_terms(text: str, matches: Sequence[object]) -> Content:
    """``text`` with each glossary match styled as a term."""
    content = Content(text)
    for match in matches:
        content = content.stylize(TERM, match.start, match.end)  # type: ignore[attr-defined]
    return content


def highlight_problems(text: str, problems: Sequence[Problem]) -> Content:
    """``text`` with the span of each glossary problem marked."""
    content = Content(text)
    for problem in problems:
        if problem.start is not None and problem.end is not None and problem.end > problem.start:
            content = content.stylize(PROBLEM, problem.start, problem.end)
    return content


class FormSlot(Vertical):
    """Label, view and editor of one target form."""

    def __init__(self, form: int) -> None:
        super().__init__(id=f"form-{form}", classes="form")
        self.form = form

    def compose(self):  # type: ignore[no-untyped-def]
        yield Label("", id=f"form-label-{self.form}", classes="form-label")
        yield TargetView(self.form, id=f"target-{self.form}")
        yield TargetEditor(self.form, id=f"editor-{self.form}")

    @property
    def label(self) -> Label:
        return self.query_one(Label)

    @property
    def view(self) -> TargetView:
        return self.query_one(TargetView)

    @property
    def editor(self) -> TargetEditor:
        return self.query_one(TargetEditor)


class DetailPane(VerticalScroll):
    """The current entry in full: source with terms, target forms (view or editor), problems."""

    can_focus = False

    def __init__(self, slots: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.slots = slots

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static("", id="meta")
        yield Static("", id="changed")
        yield Static("", id="source")
        yield Static("", id="terms")
        for form in range(self.slots):
            yield FormSlot(form)
        yield Static("", id="problems")
        yield MemoryMatches("", id="memory")

    @property
    def memory(self) -> MemoryMatches:
        return self.query_one("#memory", MemoryMatches)

    def slot(self, form: int) -> FormSlot:
        return self.query_one(f"#form-{form}", FormSlot)

    def show(
        self,
        entry: Entry | None,
        *,
        matches: Sequence[Sequence[object]],
        labels: Sequence[FormLabel],
    ) -> None:
        """Fill the pane for ``entry`` (``matches``: glossary matches per source text)."""
        meta = self.query_one("#meta", Static)
        source = self.query_one("#source", Static)
        terms = self.query_one("#terms", Static)
        changed = self.query_one("#changed", Static)
        self.memory.clear()
        if entry is None:
            meta.update("")
            changed.display = False
            source.update(Content.styled("No entry matches the filter or search.", "italic"))
            terms.update("")
            for form in range(self.slots):
                self.slot(form).display = False
            self.show_problems(None)
            return
        meta.update(_meta_text(entry))
        changed.update(_changed_text(entry))
        changed.display = entry.previous_msgid is not None
        if entry.plural:
            source.update(
                Content.assemble(
                    ("singular  ", DIM),
                    highlight_terms(entry.msgid, matches[0] if matches else []),
                    ("\nplural    ", DIM),
                    highlight_terms(entry.msgid_plural, matches[1] if len(matches) > 1 else []),
                )
            )
        else:
            source.update(highlight_terms(entry.msgid, matches[0] if matches else []))
        seen: dict[str, object] = {}
        for group in matches:
            for match in group:
                term = match.term  # type: ignore[attr-defined]
                seen.setdefault(term.source, term)
        terms.update(_terms_text(list(seen.values())))
        terms.display = bool(seen)
        forms = entry.current.forms
        for form in range(self.slots):
            slot = self.slot(form)
            slot.display = form < len(forms)
            if form >= len(forms):
                continue
            if entry.plural:
                label = labels[form] if form < len(labels) else f"[{form}]"
                slot.label.update(f"{label}")
            slot.label.display = entry.plural
        self.show_target(entry)

    def show_target(self, entry: Entry) -> None:
        """Redraw the target forms and problem list of ``entry``."""
        problems = entry.problems or ()
        for form, text in enumerate(entry.current.forms[: self.slots]):
            view = self.slot(form).view
            mine = [p for p in problems if p.form == form]
            if text:
                view.update(highlight_problems(text, mine))
            else:
                view.update(Content.styled("(untranslated — press e to translate)", DIM))
        self.show_problems(entry)

    def show_problems(self, entry: Entry | None) -> None:
        box = self.query_one("#problems", Static)
        if entry is None or not entry.problems:
            box.update("")
            box.display = False
            return
        parts: list[Content | tuple[str, str] | str] = []
        for number, problem in enumerate(entry.problems):
            if number:
                parts.append("\n")
            parts.append(("✗ ", "bold $text-error"))
            prefix = f"[{problem.form}] " if entry.plural else ""
            parts.append(prefix + problem.message)
        box.update(Content.assemble(*parts))
        box.display = True

    def begin_edit(self, entry: Entry) -> TargetEditor:
        """Load the forms into the editors and show them; returns the editor to focus."""
        self.add_class("-editing")
        first_empty = None
        for form, text in enumerate(entry.current.forms[: self.slots]):
            editor = self.slot(form).editor
            editor.load_text(text)
            editor.move_cursor(editor.document.end)
            if not text and first_empty is None:
                first_empty = form
        return self.slot(first_empty or 0).editor

    def editor_forms(self, entry: Entry) -> tuple[str, ...]:
        count = len(entry.current.forms)
        texts = [self.slot(form).editor.text for form in range(min(count, self.slots))]
        return tuple(texts) + entry.current.forms[len(texts):]

    def end_edit(self) -> None:
        self.remove_class("-editing")


def _meta_text(entry: Entry) -> Content:
    parts = [f"#{entry.number}"]
    if entry.msgctxt:
        parts.append(f"context: {entry.msgctxt}")
    if entry.flags:
        parts.append(", ".join(entry.flags))
    if entry.occurrences:
        where = " ".join(f"{f}:{line}" if line else f for f, line in entry.occurrences[:3])
        more = " …" if len(entry.occurrences) > 3 else ""
        parts.append(where + more)
    pieces: list[Content | tuple[str, str] | str] = [(" · ".join(parts), DIM)]
    notes = [line for line in entry.comment.splitlines()
             if not line.startswith(("segment: ", "mt: "))]
    notes += entry.tcomment.splitlines()
    for note in notes:
        pieces.append((f"\nnote: {note}", DIM))
    return Content.assemble(*pieces)


def _changed_text(entry: Entry) -> Content:
    """For a translation carried over from a changed source (``#| msgid``): old → new
    source, the changed words marked, so the reviewer sees what the translation misses."""
    if entry.previous_msgid is None:
        return Content("")
    pieces: list[Content | tuple[str, str] | str] = [
        ("source changed  ", "bold $text-warning"), diff_content(entry.previous_msgid, entry.msgid)]
    if (entry.previous_msgctxt or None) != (entry.msgctxt or None):
        pieces.append((f"\ncontext was: {entry.previous_msgctxt or '(none)'}", DIM))
    return Content.assemble(*pieces)


def _terms_text(terms: Sequence[object]) -> Content:
    pieces: list[Content | tuple[str, str] | str] = [("terms  ", DIM)]
    for number, term in enumerate(terms):
        if number:
            pieces.append(("  ·  ", DIM))
        pieces.append((term.source, TERM))  # type: ignore[attr-defined]
        pieces.append(" → ")
        pieces.append((term.translation, "bold"))  # type: ignore[attr-defined]
        forbidden = getattr(term, "forbidden", ())
        if forbidden:
            pieces.append((f" (not {', '.join(forbidden)})", DIM))
    return Content.assemble(*pieces)
