"""The review screen's dialogs, each a ModalScreen typed by its result."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from translator.memory import Match
from translator.review.journal import Contents
from translator.review.widgets.memory import match_content

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT | None], Generic[ResultT]):
    """Common frame: a titled box in the middle; escape cancels (None)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel")
    ]

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_answer(self, value: ResultT) -> None:
        """The answer a key binding gives (``answer(True)``, ``answer('merge')``)."""
        self.dismiss(value)


class ConfirmQuit(Dialog[bool]):
    """Quit with unsaved changes? True to quit without saving."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Quit", id="quit.yes"),
        Binding("n,escape", "answer(False)", "Stay", id="quit.no"),
    ]

    def __init__(self, unsaved: int, journal: str) -> None:
        super().__init__(classes="dialog")
        self.unsaved = unsaved
        self.journal = journal

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Label("Quit without saving?", classes="title")
            one = self.unsaved == 1
            yield Static(
                f"{self.unsaved} change{' is' if one else 's are'} not saved. "
                f"{'It stays' if one else 'They stay'} in the recovery journal ({self.journal}), "
                f"and opening the file again offers {'it' if one else 'them'} back. "
                "Press n, then ctrl+s, to save instead.",
                classes="message",
            )
            with Horizontal(classes="buttons"):
                yield Button("Quit (y)", id="yes", variant="error")
                yield Button("Stay (n)", id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class RestoreScreen(Dialog[bool]):
    """Unsaved edits were found in the journal: restore them? True to restore."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "answer(True)", "Restore", id="restore.yes"),
        Binding("d", "answer(False)", "Discard", id="restore.no"),
    ]

    def __init__(self, contents: Contents, catalogue_changed: bool) -> None:
        super().__init__(classes="dialog")
        self.contents = contents
        self.catalogue_changed = catalogue_changed

    def compose(self) -> ComposeResult:
        count = len(self.contents.latest())
        when = self.contents.last_time.replace("T", " ")[:16]
        text = (
            f"The last review of this file ended without saving. {count} entr"
            f"{'ies were' if count != 1 else 'y was'} changed (last at {when})."
        )
        if self.catalogue_changed:
            text += " The file has changed since then; the edits will be matched by message."
        if self.contents.damaged:
            text += f" {self.contents.damaged} damaged line(s) of the journal were skipped."
        with Vertical(classes="box"):
            yield Label("Restore unsaved edits?", classes="title")
            yield Static(text, classes="message")
            with Horizontal(classes="buttons"):
                yield Button("Restore (r)", id="restore", variant="primary")
                yield Button("Discard (d)", id="discard", variant="error")

    def on_mount(self) -> None:
        self.query_one("#restore", Button).focus()

    def action_cancel(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "restore")


class ExternalChangeScreen(Dialog[str]):
    """The file changed on disk: "merge", "save-as" or None (cancel)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "answer('merge')", "Reload and merge", id="external.merge"),
        Binding("s", "answer('save-as')", "Save as", id="external.save_as"),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__(classes="dialog")
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Label("The file changed on disk", classes="title")
            yield Static(
                f"{self.path.name} was changed by another program since you opened it. "
                "Reload it and lay your changes over it, or save your version under another name.",
                classes="message",
            )
            with Horizontal(classes="buttons"):
                yield Button("Reload and merge (m)", id="merge", variant="primary")
                yield Button("Save as (s)", id="save-as")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#merge", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "cancel" else event.button.id)


class SaveAsScreen(Dialog[Path]):
    """Ask for a file name; a Path, or None."""

    def __init__(self, suggestion: Path) -> None:
        super().__init__(classes="dialog")
        self.suggestion = suggestion
        self._confirm: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Label("Save as", classes="title")
            yield Input(str(self.suggestion), id="path")
            yield Static("enter: save · escape: cancel", id="hint", classes="message")

    @on(Input.Submitted, "#path")
    def _submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if not value:
            return
        path = Path(value).expanduser()
        if not path.is_absolute():
            path = self.suggestion.parent / path
        if path.is_dir():
            self.query_one("#hint", Static).update("That is a folder; give a file name.")
            return
        if path.exists() and self._confirm != path:
            self._confirm = path
            self.query_one("#hint", Static).update(
                f"{path.name} exists: press enter again to replace it.")
            return
        self.dismiss(path)


class FilterScreen(Dialog[str]):
    """Pick which entries to show: the chosen option's id, or None (escape)."""

    def __init__(self, title: str, options: Sequence[tuple[str, str]], current: str) -> None:
        """``options``: (id, label) pairs; ``current`` is highlighted first."""
        super().__init__(classes="dialog")
        self.title_text = title
        self.options = list(options)
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Label(self.title_text, classes="title")
            yield OptionList(*(Option(Content(label), id=name) for name, label in self.options),
                             id="filters")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [name for name, _ in self.options]
        options.highlighted = ids.index(self.current) if self.current in ids else 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class PickScreen(Dialog[str]):
    """Pick one of a numbered list: up/down and enter, or its number (1-9). The n-best
    alternatives and the memory matches are picked with the same keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(str(n), f"pick({n - 1})", f"Pick {n}", show=False, id=f"pick.{n}")
        for n in range(1, 10)
    ]

    def __init__(self, title: str, source: Content | str, choices: Sequence[Content],
                 results: Sequence[str]) -> None:
        """``choices`` are shown, ``results[i]`` is what picking ``choices[i]`` returns."""
        super().__init__(classes="dialog")
        self.title_text = title
        self.source = source
        self.choices = list(choices)
        self.results = list(results)

    def compose(self) -> ComposeResult:
        with Vertical(classes="box wide"):
            yield Label(self.title_text, classes="title")
            source = Content(self.source) if isinstance(self.source, str) else self.source
            yield Static(source, classes="message source")  # a msgid is text, not markup
            yield OptionList(*(Option(choice, id=str(i)) for i, choice in enumerate(self.choices)),
                             id="choices")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def action_pick(self, index: int) -> None:
        if index < len(self.results):
            self.dismiss(self.results[index])
        else:
            self.app.bell()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.results[int(event.option.id or 0)])


class AlternativesScreen(PickScreen):
    """Pick one of the engine's n-best translations; the text or None."""

    def __init__(self, source: str, alternatives: Sequence[tuple[str, float]]) -> None:
        self.alternatives = list(alternatives)
        choices = [Content.assemble(f"{i}. {text}", (f"  {score:.2f}", "$text-muted"))
                   for i, (text, score) in enumerate(self.alternatives, start=1)]
        super().__init__("Alternatives", source, choices, [text for text, _ in alternatives])


class MemoryScreen(PickScreen):
    """Pick one of the translation memory's matches; the translation or None."""

    def __init__(self, source: str, matches: Sequence[Match], catalogue: Path) -> None:
        self.matches = list(matches)
        choices = [match_content(i, match, source, catalogue)
                   for i, match in enumerate(self.matches, start=1)]
        super().__init__("Translation memory", source, choices,
                         [match.unit.target for match in self.matches])


def key_table(app: App[Any], bindings: Sequence[BindingType]) -> list[tuple[str, str]]:
    """(keys as the app shows them, what they do) per binding, for ``HelpScreen``."""
    rows: list[tuple[str, str]] = []
    for binding in bindings:
        assert isinstance(binding, Binding)
        keys = ", ".join(app.get_key_display(Binding(key.strip(), ""))
                         for key in binding.key.split(","))
        rows.append((keys, binding.tooltip or binding.description))
    return rows


class HelpScreen(Dialog[None]):
    """The keys, in two columns so that they fit 80×24."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "cancel", "Close", id="help.close")
    ]

    def __init__(self, keys: list[tuple[str, str]]) -> None:
        super().__init__(classes="dialog")
        self.keys = keys

    def compose(self) -> ComposeResult:
        width = max(len(keys) for keys, _ in self.keys)
        half = (len(self.keys) + 1) // 2
        columns = [self.keys[:half], self.keys[half:]]
        with Vertical(classes="box wide help"):
            yield Label("Keys", classes="title")
            with Horizontal(classes="columns"):
                for column in columns:
                    yield Static(
                        Content("\n").join(
                            Content.assemble((keys.ljust(width), "bold $text-accent"), "  ", text)
                            for keys, text in column
                        ),
                        classes="keys",
                    )
            yield Static(
                "In the editor, tab moves to the next plural form and ctrl+z undoes typing; "
                "in the alternatives and memory pickers, 1-9 pick at once. "
                "Every change goes to a recovery journal beside the file; saving is atomic. "
                "Mouse: click a row to select it, click the translation to edit it.",
                classes="message",
            )
