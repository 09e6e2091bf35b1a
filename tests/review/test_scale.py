"""A real 5,708-entry catalogue (util-linux, from ../shared/eval) opens at once, moves
without lag and saves back with only the reviewer's change. ``-s`` prints the timings:

    python -m pytest tests/review/test_scale.py -s
"""

from __future__ import annotations

import difflib
import os
import shutil
import time
from pathlib import Path

import polib
import pytest

from translator.review.app import create_app

from .conftest import EVAL_PO
from .test_catalogue import msgfmt_check
from .test_e2e_tmux import TMUX, Terminal, command
from .test_keys import screen, settle

BIG = EVAL_PO / "util-linux.uk.po"
pytestmark = [
    pytest.mark.eval,
    pytest.mark.skipif(not BIG.exists(),
                       reason=f"eval catalogue not found: {BIG} (../shared/eval/po)"),
]


@pytest.fixture
def big(tmp_path: Path) -> Path:
    copy = tmp_path / BIG.name
    shutil.copyfile(BIG, copy)
    return copy


# Timings are printed, not asserted (shared machines make them noise; the benchmarks
# measure them). What is asserted is what makes it fast: the list is virtualised, so the
# DOM does not grow with the catalogue.


@pytest.mark.anyio
async def test_opens_in_about_a_second_and_moves_without_lag(big: Path) -> None:
    started, started_cpu = time.perf_counter(), time.process_time()
    app = create_app(big)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        opened, opened_cpu = time.perf_counter() - started, time.process_time() - started_cpu
        review = screen(app)
        assert len(review.session.entries) == 5708
        assert len(list(app.screen.query("*"))) < 300  # no widget per entry
        cpu = time.process_time()
        for key in ["j"] * 40 + ["pagedown"] * 10 + ["n"] * 10:
            await pilot.press(key)
        per_key = (time.process_time() - cpu) / 60
        await pilot.press("G")
        assert review.current is review.session.entries[-1]
        await settle(app, pilot)
    print(
        f"\nutil-linux.uk.po (5,708 entries): open + first paint {opened:.2f}s "
        f"({opened_cpu:.2f}s CPU), {per_key * 1000:.1f} ms CPU per key"
    )


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_opens_in_a_terminal(tmp_path: Path, big: Path) -> None:
    if TMUX is None:
        pytest.skip("tmux is not installed")
    if not Path("/proc/self/stat").exists():
        pytest.skip("needs Linux /proc to read the process's CPU time")
    argv = [a for a in command(big, Path("unused")) if a not in ("--glossary", "unused")]
    started = time.perf_counter()
    term = Terminal(argv, tmp_path)
    try:
        term.wait_for("5708", timeout=30)
        elapsed = time.perf_counter() - started
        cpu = cpu_seconds(term.pid())
        term.keys("q")
        assert term.exit_code() == 0
    finally:
        term.close()
    print(
        f"\n`translator review util-linux.uk.po` in tmux: first screen after {elapsed:.2f}s "
        f"({cpu:.2f}s CPU, including Python start-up and imports)"
    )


@pytest.mark.anyio
async def test_approving_one_entry_changes_only_that_entry(big: Path) -> None:
    before = big.read_text(encoding="utf-8")
    app = create_app(big)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        review = screen(app)
        await pilot.press("f", "down", "down", "down", "enter")  # fuzzy only
        entry = review.current
        assert entry.current.fuzzy
        await pilot.press("a", "ctrl+s")
        await pilot.pause()
    after = big.read_text(encoding="utf-8")
    diff = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert diff[0].startswith('-"PO-Revision-Date:') and diff[1].startswith('+"PO-Revision-Date:')
    assert diff[2:] in (["-#, fuzzy"], ["-#, fuzzy, c-format", "+#, c-format"])
    assert not polib.pofile(str(big)).find(entry.msgid).fuzzy
    msgfmt_check(big)
