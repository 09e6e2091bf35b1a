"""Atomic writes through symlinks, cleanup after a killed write, and bounded reads
(issue 10, items 2, 18 and 19)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from translator import fsutil
from translator.errors import InputError, OutputError
from translator.fsutil import atomic_write_text, read_text, remove_stale_temps

REPO = Path(__file__).resolve().parents[1]
OLD = time.time() - fsutil.STALE_TEMP_SECONDS - 60


def _age(path: Path) -> None:
    os.utime(path, (OLD, OLD), follow_symlinks=False)


# -- item 18: a symlinked output ---------------------------------------------------------


def test_a_symlinked_output_is_written_at_its_target_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "shared" / "story.po"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    os.chmod(real, 0o640)
    link = tmp_path / "locales" / "story.po"
    link.parent.mkdir()
    link.symlink_to(Path("..") / "shared" / "story.po")  # relative, as people make them
    atomic_write_text(link, "new\n")
    assert link.is_symlink() and os.readlink(link) == str(Path("..") / "shared" / "story.po")
    assert real.read_text(encoding="utf-8") == "new\n"
    assert real.stat().st_mode & 0o777 == 0o640  # the target's permissions are kept
    assert sorted(p.name for p in real.parent.iterdir()) == ["story.po"]  # temp beside target
    assert sorted(p.name for p in link.parent.iterdir()) == ["story.po"]


def test_a_chain_of_links_is_followed_to_the_file(tmp_path: Path) -> None:
    real = tmp_path / "real.po"
    real.write_text("old\n", encoding="utf-8")
    (tmp_path / "one.po").symlink_to(real)
    (tmp_path / "two.po").symlink_to(tmp_path / "one.po")
    atomic_write_text(tmp_path / "two.po", "new\n")
    assert (tmp_path / "two.po").is_symlink() and (tmp_path / "one.po").is_symlink()
    assert real.read_text(encoding="utf-8") == "new\n"


def test_a_dangling_link_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "story.po"
    link.symlink_to(tmp_path / "elsewhere.po")
    atomic_write_text(link, "new\n")
    assert link.is_symlink() and (tmp_path / "elsewhere.po").read_text(encoding="utf-8") == "new\n"


def test_a_link_loop_is_an_error_not_a_replaced_link(tmp_path: Path) -> None:
    (tmp_path / "a.po").symlink_to(tmp_path / "b.po")
    (tmp_path / "b.po").symlink_to(tmp_path / "a.po")
    with pytest.raises(OutputError):
        atomic_write_text(tmp_path / "a.po", "new\n")
    assert (tmp_path / "a.po").is_symlink() and (tmp_path / "b.po").is_symlink()


# -- item 19: temp files of a killed write ------------------------------------------------

_HANGING_WRITER = textwrap.dedent("""
    import os, sys, time
    from translator import fsutil
    def hang(fd):
        print("writing", flush=True)
        time.sleep(600)
    fsutil.os.fsync = hang
    fsutil.atomic_write_text(sys.argv[1], "half of a catalogue\\n")
""")


def test_a_write_killed_mid_way_leaves_nothing_after_the_next_write(tmp_path: Path) -> None:
    """kill -9 between writing the temp file and renaming it; the next write of the same
    file removes the leftover once it is stale, and the file is the old one or the new."""
    target = tmp_path / "art.po"
    target.write_text("before\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen([sys.executable, "-c", _HANGING_WRITER, str(target)],
                             stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert child.stdout is not None and child.stdout.readline() == "writing\n"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    [leftover] = [p for p in tmp_path.iterdir() if p.name != "art.po"]
    assert leftover.name.startswith(".art.po.") and leftover.name.endswith(".tmp")
    assert target.read_text(encoding="utf-8") == "before\n"

    atomic_write_text(target, "after\n")  # too fresh to tell from a live write: kept
    assert leftover.exists()
    _age(leftover)
    atomic_write_text(target, "again\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["art.po"]
    assert target.read_text(encoding="utf-8") == "again\n"


def test_only_our_own_stale_temp_files_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "art.po"
    ours = tmp_path / ".art.po.k2x_9q0z.tmp"
    kept = [
        tmp_path / ".art.po.k2x9q0z.tmp",  # 7 random characters: not mkstemp's
        tmp_path / ".art.po.K2X_9Q0Z.tmp",  # upper case: not mkstemp's alphabet
        tmp_path / ".art.po.k2x_9q0z.tmp.bak",
        tmp_path / ".other.po.k2x_9q0z.tmp",  # another file's
        tmp_path / "art.po.k2x_9q0z.tmp",  # not hidden
    ]
    for path in [ours, *kept]:
        path.write_text("x", encoding="utf-8")
        _age(path)
    fresh = tmp_path / ".art.po.abcdefgh.tmp"
    fresh.write_text("a write in progress", encoding="utf-8")
    linked = tmp_path / ".art.po.linklink.tmp"
    linked.symlink_to(tmp_path / "precious")
    (tmp_path / "precious").write_text("x", encoding="utf-8")
    _age(linked)
    assert remove_stale_temps(target) == [ours]
    assert all(p.exists() for p in [*kept, fresh, tmp_path / "precious"])
    assert linked.is_symlink()


# -- item 2: reads are bounded to regular files -------------------------------------------


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "story.md"
    os.mkfifo(fifo)
    outcome: list[BaseException | str] = []

    def read() -> None:
        try:
            outcome.append(read_text(fifo))
        except InputError as error:
            outcome.append(error)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(5)
    if reader.is_alive():  # unblock the thread before failing
        with open(fifo, "w"):
            pass
        pytest.fail("reading a FIFO waited for a writer")
    assert isinstance(outcome[0], InputError) and "not a regular file" in str(outcome[0])


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/null", "."])
def test_devices_and_directories_are_refused(special: str) -> None:
    if not os.path.exists(special):
        pytest.skip(f"{special} does not exist here")
    with pytest.raises(InputError, match="not a regular file"):
        read_text(special)


def test_a_file_past_the_limit_is_refused_in_one_line(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.md"
    big.write_text("word " * 400, encoding="utf-8")
    monkeypatch.setattr(fsutil, "MAX_INPUT_BYTES", 1000)
    with pytest.raises(InputError) as caught:
        read_text(big)
    assert str(caught.value) == f"{big}: too large (2,000 bytes; the limit is 1,000)"
    assert read_text(big, limit=2000) == "word " * 400
