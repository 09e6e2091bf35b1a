"""The real ``translator review`` in a real terminal (tmux), driven by keystrokes like a
person: review the example article to fully approved and save; kill -9 after an unsaved
edit and get it back."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import polib
import pytest

from translator.review.journal import journal_path

pytestmark = pytest.mark.slow

TMUX = shutil.which("tmux")
CLI = Path(sys.executable).parent / "translator"


def command(catalogue: Path, glossary: Path) -> list[str]:
    """The installed ``translator`` script when there is one, else the same CLI via -m."""
    if CLI.exists():
        return [str(CLI), "review", str(catalogue), "--glossary", str(glossary)]
    return [sys.executable, "-m", "translator", "review", str(catalogue),
            "--glossary", str(glossary)]


class Terminal:
    """One tmux session running one command, 80×24."""

    def __init__(self, argv: list[str], workdir: Path) -> None:
        self.name = f"review-{uuid.uuid4().hex[:8]}"
        self.status = workdir / f"{self.name}.status"
        env = {key: os.environ[key] for key in os.environ
               if key.startswith(("XDG_", "ARGOS_", "PATH", "HOME"))}
        env.update(LANG="C.UTF-8", LC_ALL="C.UTF-8", TERM="xterm-256color")
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        script = f"export {exports}; exec {shlex.join(argv)}"
        # the review runs in a child shell (its pid is what kill -9 hits); the outer shell
        # records the exit code and keeps the pane open for a last look at the screen
        outer = f"sh -c {shlex.quote(script)}; echo $? > {shlex.quote(str(self.status))}; sleep 60"
        subprocess.run(
            [TMUX, "new-session", "-d", "-s", self.name, "-x", "80", "-y", "24", "sh", "-c", outer],
            check=True,
        )

    def screen(self) -> str:
        return subprocess.run(
            [TMUX, "capture-pane", "-p", "-t", self.name],
            capture_output=True, text=True, check=True,
        ).stdout

    def wait_for(self, *texts: str, timeout: float = 30.0) -> str:
        """Wait until one of ``texts`` is on screen (the header has a long and a short form)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if any(text in shown for text in texts):
                return shown
            time.sleep(0.2)
        raise AssertionError(f"{texts!r} never appeared; the screen shows:\n{self.screen()}")

    def keys(self, *keys: str, pause: float = 0.25) -> None:
        for key in keys:
            subprocess.run([TMUX, "send-keys", "-t", self.name, key], check=True)
            time.sleep(pause)

    def type(self, text: str) -> None:
        subprocess.run([TMUX, "send-keys", "-t", self.name, "-l", text], check=True)
        time.sleep(0.3)

    def pid(self) -> int:
        out = subprocess.run(
            [TMUX, "list-panes", "-t", self.name, "-F", "#{pane_pid}"],
            capture_output=True, text=True, check=True,
        ).stdout
        shell = int(out.split()[0])
        children = subprocess.run(
            ["pgrep", "-P", str(shell)], capture_output=True, text=True, check=True
        ).stdout.split()
        return int(children[0])

    def exit_code(self, timeout: float = 15.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.status.exists() and self.status.read_text().strip():
                return int(self.status.read_text())
            time.sleep(0.2)
        raise AssertionError(f"the review did not exit; the screen shows:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run([TMUX, "kill-session", "-t", self.name], capture_output=True, check=False)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Callable[[list[str]], Terminal]]:
    if TMUX is None:
        pytest.skip("tmux is not installed")
    opened: list[Terminal] = []

    def start(argv: list[str]) -> Terminal:
        opened.append(Terminal(argv, tmp_path))
        return opened[-1]

    yield start
    for term in opened:
        term.close()


def test_review_the_article_to_fully_approved_with_the_keyboard(
    terminal: Callable[[list[str]], Terminal], catalogue: Path, glossary: Path
) -> None:
    term = terminal(command(catalogue, glossary))
    term.wait_for("✓ 2/8", "approved 2/8")
    term.wait_for("✗1", "✗ 1 problem")  # the background glossary check has run
    # p1.1, p1.2: machine output that is fine → approve
    term.keys("n", "a", "n", "a")
    # p2.1: «база Рамштайн» is forbidden → rewrite the target, approve
    term.keys("n")
    term.wait_for("is not allowed; use «авіабаза Рамштайн»")
    term.keys("e", "End", "C-u")
    term.type("Наступну зустріч союзників прийме авіабаза Рамштайн.")
    term.keys("Escape", "a")
    # p2.2: untranslated → translate
    term.keys("n", "e")
    term.type("План перемоги також був на порядку денному.")
    term.keys("Escape", "a")
    # p3.1, p3.2 (plural), p4.1 → approve
    term.keys("n", "a", "n", "a", "n", "a")
    shown = term.wait_for("✓ 8/8 (100%)", "approved 8/8 (100%)")
    assert "✗" not in shown.splitlines()[0]
    term.keys("C-s")
    term.wait_for("Saved rutte.uk.po")
    term.keys("q")
    assert term.exit_code() == 0

    po = polib.pofile(str(catalogue))
    assert not po.fuzzy_entries() and not po.untranslated_entries()
    assert po.find("Ramstein Air Base will host the next meeting of the allies.").msgstr == (
        "Наступну зустріч союзників прийме авіабаза Рамштайн."
    )
    assert (po.find("The Victory Plan was also on the agenda.").msgstr
            == "План перемоги також був на порядку денному.")
    assert [e.msgid for e in po.obsolete_entries()] == ["Rutte is expected in Kyiv."]
    assert not journal_path(catalogue).exists()
    if shutil.which("msgfmt"):
        subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(catalogue)], check=True)


def test_kill_9_after_an_unsaved_edit_loses_nothing(
    terminal: Callable[[list[str]], Terminal], catalogue: Path, glossary: Path
) -> None:
    first = terminal(command(catalogue, glossary))
    first.wait_for("✓ 2/8", "approved 2/8")
    first.keys("n", "n", "n", "n", "e")  # p2.2, untranslated
    first.type("План перемоги обговорили.")
    first.keys("Escape")
    first.wait_for("●1", "● 1 unsaved")
    os.kill(first.pid(), signal.SIGKILL)
    first.exit_code()
    assert "План перемоги" not in catalogue.read_text(encoding="utf-8")

    second = terminal(command(catalogue, glossary))
    second.wait_for("Restore unsaved edits?")
    second.keys("r")
    second.wait_for("●1", "● 1 unsaved")
    second.keys("C-s")
    second.wait_for("Saved rutte.uk.po")
    second.keys("q")
    assert second.exit_code() == 0
    entry = polib.pofile(str(catalogue)).find("The Victory Plan was also on the agenda.")
    assert entry.msgstr == "План перемоги обговорили."
