"""Two writers of one catalogue: nobody's save is lost (issue 10, item 1).

Every writer takes the catalogue's advisory lock and compares the file with what it read;
when it changed, the other writer's changes are merged in (a person's wins over machine
output) or the write is refused with one line. Never silently overwritten.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import polib
import pytest

from translator import catalogue
from translator.catalogue import ChangedOnDisk, locked, open_catalogue
from translator.catalogue.guard import lock_path
from translator.review.model import Catalogue, Translation

REPO = Path(__file__).resolve().parents[1]
MODEL = REPO / "tests" / "fixtures" / "models" / "en_uk.argosmodel"
SENTENCES = [
    "Rutte visited Kyiv.",
    "The meeting took place on Tuesday.",
    "Air raid sirens sounded in Kharkiv.",
    "The allies will study the plan.",
]


def _translate(args: list[str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "translator", "translate", *args, "--to", "uk", "--model",
         str(MODEL), "--out", "out", "-q"],
        cwd=cwd, env={**os.environ, "PYTHONPATH": str(REPO)}, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )


def _waiting_for_lock(pid: int) -> bool:
    """Whether process ``pid`` is blocked on a file lock (Linux /proc/locks: ``->`` lines)."""
    text = Path("/proc/locks").read_text()
    waiting = re.compile(rf"->\s+FLOCK\s+\S+\s+WRITE\s+{pid}\s")
    return any(waiting.search(line) for line in text.splitlines())


@pytest.mark.skipif(not Path("/proc/locks").exists(), reason="needs Linux /proc/locks")
def test_translate_keeps_an_approval_saved_while_it_runs(tmp_path: Path) -> None:
    """The repro of the issue, made deterministic: translate reads the catalogue, translates
    and then waits for the write lock we hold; meanwhile a polib script (which takes no lock)
    approves an entry. When translate writes, the approval survives."""
    if not MODEL.is_file():
        pytest.skip("fixture model not built")
    article = tmp_path / "art.md"
    article.write_text("\n\n".join(SENTENCES[:2]) + "\n", encoding="utf-8")
    first = _translate([str(article)], tmp_path)
    assert first.wait(timeout=300) == 0, first.stderr.read() if first.stderr else ""
    path = tmp_path / "out" / "uk" / "LC_MESSAGES" / "art.po"
    article.write_text("\n\n".join(SENTENCES) + "\n", encoding="utf-8")  # work to do
    with locked(path):
        run = _translate([str(article), "--refresh"], tmp_path)
        deadline = time.monotonic() + 300
        while not _waiting_for_lock(run.pid):
            assert run.poll() is None, run.stderr.read() if run.stderr else ""
            assert time.monotonic() < deadline, "translate never reached its write"
            time.sleep(0.05)
        reviewer = polib.pofile(str(path))
        approved = reviewer.find(SENTENCES[0])
        approved.flags.remove("fuzzy")
        approved.msgstr = "Рютте відвідав Київ (схвалено)."
        reviewer.save(str(path))
    assert run.wait(timeout=300) == 0, run.stderr.read() if run.stderr else ""
    after = polib.pofile(str(path))
    entry = after.find(SENTENCES[0])
    assert entry.msgstr == "Рютте відвідав Київ (схвалено)." and not entry.fuzzy
    assert all(after.find(s) is not None and after.find(s).msgstr for s in SENTENCES)
    assert not lock_path(path).exists()


def _machine_catalogue(msgids: list[str]) -> polib.POFile:
    uk = catalogue.language("uk")
    units = [catalogue.Unit(msgid=m, occurrences=[("a.md", str(i))]) for i, m in enumerate(msgids)]
    result = catalogue.merge(units, None, uk, source_lang="en")
    for job in result.jobs:
        catalogue.set_machine_translation(job.entry, [f"машина: {job.entry.msgid}"], uk)
    return result.catalogue


def _approve(po: polib.POFile, msgid: str, text: str) -> None:
    entry = po.find(msgid)
    entry.msgstr = text
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")


def _written(tmp_path: Path, po: polib.POFile) -> Path:
    path = tmp_path / "uk.po"
    catalogue.save_catalogue(po, path)
    return path


def test_save_merges_what_another_writer_changed(tmp_path: Path) -> None:
    path = _written(tmp_path, _machine_catalogue(["One.", "Two.", "Three."]))
    base = open_catalogue(path)
    ours = polib.pofile(base.text)  # our run: machine output for "Three." redone
    uk = catalogue.language("uk")
    catalogue.set_machine_translation(ours.find("Three."), ["три (машина)"], uk)
    theirs = polib.pofile(str(path))  # meanwhile a reviewer approves "One." and edits "Three."
    _approve(theirs, "One.", "Один.")
    theirs.find("Three.").msgstr = "Три (людина)."
    theirs.save(str(path))
    catalogue.save_catalogue(ours, path, base=base)
    after = polib.pofile(str(path))
    assert (after.find("One.").msgstr, after.find("One.").fuzzy) == ("Один.", False)
    assert after.find("Three.").msgstr == "Три (людина)."  # a person's edit beats our machine
    assert after.find("Two.").msgstr == "машина: Two."


def test_an_approval_of_an_entry_whose_source_went_away_is_kept_once(tmp_path: Path) -> None:
    path = _written(tmp_path, _machine_catalogue(["One.", "Two."]))
    base = open_catalogue(path)
    uk = catalogue.language("uk")
    units = [catalogue.Unit("One.", occurrences=[("a.md", "0")])]  # "Two." left the source
    ours = catalogue.merge(units, polib.pofile(base.text), uk, source_lang="en").catalogue
    theirs = polib.pofile(str(path))
    _approve(theirs, "Two.", "Два.")
    theirs.save(str(path))
    catalogue.save_catalogue(ours, path, base=base)
    after = polib.pofile(str(path))
    assert [(e.msgid, e.msgstr, e.fuzzy) for e in after.obsolete_entries()] == [
        ("Two.", "Два.", False)
    ]


def test_two_people_changing_one_entry_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    path = _written(tmp_path, _machine_catalogue(["One.", "Two."]))
    base = open_catalogue(path)
    ours = polib.pofile(base.text)
    _approve(ours, "One.", "Один (ми).")
    theirs = polib.pofile(str(path))
    _approve(theirs, "One.", "Один (вони).")
    theirs.save(str(path))
    on_disk = path.read_bytes()
    with pytest.raises(ChangedOnDisk, match="changed here and on disk") as raised:
        catalogue.save_catalogue(ours, path, base=base)
    assert "\n" not in str(raised.value) and str(raised.value).startswith(str(path))
    assert path.read_bytes() == on_disk


def test_a_catalogue_created_meanwhile_is_merged_not_replaced(tmp_path: Path) -> None:
    ours = _machine_catalogue(["One.", "Two."])
    theirs = _machine_catalogue(["One."])
    _approve(theirs, "One.", "Один.")
    path = _written(tmp_path, theirs)
    catalogue.save_catalogue(ours, path, base=None)  # we saw no file when we started
    assert polib.pofile(str(path)).find("One.").msgstr == "Один."


def test_check_fix_keeps_other_entries_changed_on_disk_and_refuses_its_own(
    tmp_path: Path,
) -> None:
    path = _written(tmp_path, _machine_catalogue(["One.", "Two."]))
    base = open_catalogue(path)
    fixed = base.po.find("Two.")
    fixed.msgstr = "Два (виправлено глосарієм)."
    theirs = polib.pofile(str(path))
    _approve(theirs, "One.", "Один.")
    theirs.save(str(path))
    catalogue.save_changes(path, [fixed], base=base)
    after = polib.pofile(str(path))
    assert after.find("One.").msgstr == "Один." and not after.find("One.").fuzzy
    assert after.find("Two.").msgstr == "Два (виправлено глосарієм)."

    base = open_catalogue(path)
    fixed = base.po.find("One.")
    fixed.msgstr = "Один (глосарій)."
    theirs = polib.pofile(str(path))
    theirs.find("One.").msgstr = "Один (людина)."
    theirs.save(str(path))
    on_disk = path.read_bytes()
    with pytest.raises(ChangedOnDisk, match="changed on disk since it was read"):
        catalogue.save_changes(path, [fixed], base=base)
    assert path.read_bytes() == on_disk


def test_review_save_refuses_under_the_lock_when_the_file_changed(tmp_path: Path) -> None:
    path = _written(tmp_path, _machine_catalogue(["One.", "Two."]))
    opened = Catalogue.open(path)
    opened.entries[0].current = Translation(("Один.",), fuzzy=False)
    theirs = polib.pofile(str(path))
    _approve(theirs, "Two.", "Два.")
    theirs.save(str(path))
    with pytest.raises(ChangedOnDisk):
        opened.save()
    assert polib.pofile(str(path)).find("Two.").msgstr == "Два."
    merged, report = opened.merged_with_disk()
    merged.save()
    after = polib.pofile(str(path))
    assert (after.find("One.").msgstr, after.find("Two.").msgstr) == ("Один.", "Два.")


def test_writers_wait_for_each_other(tmp_path: Path) -> None:
    path = tmp_path / "uk.po"
    entered: list[float] = []

    def second_writer() -> None:
        with locked(path):
            entered.append(time.monotonic())

    with locked(path):
        thread = threading.Thread(target=second_writer)
        thread.start()
        time.sleep(0.3)
        released = time.monotonic()
        assert not entered
    thread.join(timeout=10)
    assert entered and entered[0] >= released
    assert not lock_path(path).exists()
