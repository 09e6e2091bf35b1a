"""``translator review``: a Textual app over one catalogue.

    app = create_app(Path("locales/uk/LC_MESSAGES/rutte.po"), glossary=Path("news.tsv"),
                     memory=Path("memory.sqlite"))
    app.run()

``create_app`` reads the catalogue and the glossary before any screen is drawn, so a bad
file is one ``file:line: message`` from the CLI, not a broken screen. The CLI and the
tests build the app the same way.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from translator.catalogue.header import text_kind
from translator.documents.kinds import TextKind
from translator.review.checker import Checker
from translator.review.memory import ReviewMemory
from translator.review.model import Catalogue
from translator.review.screens import ReviewScreen
from translator.review.session import ReviewSession


class ReviewApp(App[int]):
    """One catalogue under review."""

    CSS_PATH = "review.tcss"
    TITLE = "translator review"
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, session: ReviewSession) -> None:
        super().__init__()
        self.session = session
        self.title = session.catalogue.path.name

    async def action_quit(self) -> None:
        """ctrl+q too asks before dropping unsaved changes."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, ReviewScreen):
                screen.action_quit()
                return
        self.exit()

    def on_mount(self) -> None:
        screen = ReviewScreen(self.session)
        self.push_screen(screen)
        contents = self.session.pending_journal()
        if contents is not None:
            screen.offer_restore(contents)


def create_app(path: Path, glossary: Path | None = None, lang: str | None = None, *,
               memory: Path | None = None, tm_threshold: float = 75.0) -> ReviewApp:
    """The review app for the catalogue at ``path``; ``memory``: the translation memory
    file whose matches are shown and which saved approvals go into (None: no memory).

    Raises InputError / CatalogueError / GlossaryError / MemoryFileError for files that
    cannot be read.
    """
    catalogue = Catalogue.open(Path(path), lang)
    terms = None
    if glossary is not None:
        from translator.glossary.load import load_glossary

        if not catalogue.lang:
            from translator.errors import UsageError

            raise UsageError(
                "cannot tell the catalogue's language for the glossary check; pass --lang",
                file=path,
            )
        terms = load_glossary(glossary, catalogue.lang)
    markdown = text_kind(catalogue.metadata) == TextKind.MARKDOWN
    from translator.qa.run import settings_of

    qa = settings_of(catalogue.metadata, [(e.msgid, e.msgid_plural, e.saved.forms)
                                          for e in catalogue.entries], lang=catalogue.lang)
    checker = Checker(terms, catalogue.lang, markdown=markdown, qa=qa)
    tm = None
    if memory is not None:
        tm = ReviewMemory(memory, catalogue.source_lang, catalogue.lang, threshold=tm_threshold)
        tm.check()
    return ReviewApp(ReviewSession(catalogue, checker, glossary, tm))


def run_review(path: Path, glossary: Path | None, lang: str | None, *,
               memory: Path | None = None, tm_threshold: float = 75.0) -> int:
    """Open the review screen; returns the exit code (0)."""
    app = create_app(path, glossary, lang, memory=memory, tm_threshold=tm_threshold)
    try:
        app.run()
    finally:
        app.session.journal.close()
        if app.session.memory is not None:
            app.session.memory.close()
    return app.return_code or 0
