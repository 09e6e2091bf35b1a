"""Do protected pieces survive ``translator translate``, whole and between words?

    python -m benchmarks.protection [--per-catalogue 80] [--model FILE] [--keep DIR]

Builds one POT per catalogue of ../shared/eval/po from its msgids that carry something a
translation can break (placeholders of every syntax, tags, URLs, options, accelerators,
line breaks, outer whitespace, a trailing colon; flags kept, so ``c-format`` entries stay
printf), translates them with the demo model through the real pipeline, and counts per
kind: pieces in the source, pieces found byte for byte in the output, and pieces in the
output touching a letter on a side where the source's touched none (glued into a word).
Then ``msgfmt -c`` on the output as written and after ``msgattrib --clear-fuzzy``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import polib

from benchmarks.common import EVAL_DIR, FIXTURE_MODEL, REPO
from translator.protect import find, marker_of, touches
from translator.protect.accelerator import split

# ../shared/eval beside the repository, or beside a folder of worktrees holding it.
PO_DIR = next((parent / "shared" / "eval" / "po" for parent in REPO.parents
               if (parent / "shared" / "eval" / "po").is_dir()), EVAL_DIR / "po")


def interesting(entry: polib.POEntry, marker: str) -> bool:
    """Whether a msgid has anything protection is for."""
    text = entry.msgid
    return bool(find(text, entry.flags) or split(text, marker)[1] >= 0 or "\n" in text
                or text != text.strip() or text.rstrip().endswith(":"))


def build_pots(out: Path, per_catalogue: int) -> list[Path]:
    """One POT per eval catalogue with up to ``per_catalogue`` interesting msgids, taken
    evenly through the file (deterministic)."""
    pots = []
    for path in sorted(PO_DIR.glob("*.po")):
        source = polib.pofile(str(path))
        active = [e for e in source if not e.obsolete and e.msgid]
        marker = marker_of(source.metadata, (e.msgid for e in active))
        chosen = [e for e in active if interesting(e, marker)]
        step = max(1, len(chosen) // per_catalogue)
        pot = polib.POFile()
        pot.metadata = {"Content-Type": "text/plain; charset=UTF-8",
                        "Content-Transfer-Encoding": "8bit"}
        for entry in chosen[::step][:per_catalogue]:
            pot.append(polib.POEntry(msgid=entry.msgid, msgid_plural=entry.msgid_plural,
                                     msgctxt=entry.msgctxt,
                                     flags=[f for f in entry.flags if f != "fuzzy"]))
        target = out / (path.name.split(".")[0] + ".pot")
        pot.save(str(target))
        pots.append(target)
    return pots


def count(pairs: Iterable[tuple[str, str, list[str], str]]) -> dict[str, Counter[str]]:
    """Per kind: ``source`` pieces, ``kept`` byte for byte, ``glued`` to a letter the
    source's did not touch. Accelerators, line breaks and outer whitespace/colon too."""
    tally: dict[str, Counter[str]] = {}
    for source, target, flags, marker in pairs:
        pieces = find(source, flags)
        got = find(target, flags)
        left = Counter(p.text for p in got)
        for piece in pieces:
            row = tally.setdefault(piece.kind, Counter())
            row["source"] += 1
            if left[piece.text] > 0:
                left[piece.text] -= 1
                row["kept"] += 1
        for mine in got:  # glued: a letter on a side where no copy in the source had one
            if mine.kind == "control":
                continue  # a tab beside a word is whitespace, not a piece inside it
            was = [touches(source, p.start, p.end) for p in pieces if p.text == mine.text]
            now = touches(target, mine.start, mine.end)
            if was and ((now[0] and not any(w[0] for w in was))
                        or (now[1] and not any(w[1] for w in was))):
                tally[mine.kind]["glued"] += 1
        checks = {
            "accelerator": (split(source, marker)[1] >= 0, marker and marker in target),
            "newline": ("\n" in source, target.count("\n") == source.count("\n")),
            "outer-space": (source != source.strip(),
                            _outer(source) == _outer(target)),
            "colon": (source.rstrip().endswith(":"), target.rstrip().endswith(":")),
        }
        for kind, (present, kept) in checks.items():
            if present:
                row = tally.setdefault(kind, Counter())
                row["source"] += 1
                row["kept"] += bool(kept)
    return tally


def _outer(text: str) -> tuple[str, str]:
    return text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]


def msgfmt_ok(po: Path) -> tuple[bool, bool]:
    """``msgfmt -c`` as written, and after every fuzzy flag is cleared."""
    def check(path: Path) -> bool:
        run = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)],
                             capture_output=True, text=True, check=False)
        if run.returncode:
            print(run.stderr.strip()[:2000], file=sys.stderr)
        return run.returncode == 0

    cleared = po.with_suffix(".cleared.po")
    subprocess.run(["msgattrib", "--clear-fuzzy", "-o", str(cleared), str(po)], check=True)
    return check(po), check(cleared)


def measure(work: Path, per_catalogue: int, model: Path) -> tuple[dict[str, Counter[str]],
                                                                    dict[str, tuple[bool, bool]]]:
    """Build the POTs in ``work``, translate them, return the tally and msgfmt results."""
    from translator.pipeline import Options, run

    pots = build_pots(work, per_catalogue)
    report = run(pots, Options(targets=["uk"], out_dir=work / "out", models=[model]))
    if report.failures:
        raise SystemExit("; ".join(map(str, report.failures)))
    pairs = []
    fmt = {}
    for po_path in report.catalogues:
        catalogue = polib.pofile(str(po_path))
        marker = marker_of(catalogue.metadata, (e.msgid for e in catalogue))
        for entry in catalogue:
            if entry.msgid_plural:
                pairs.append((entry.msgid, entry.msgstr_plural[0], entry.flags, marker))
                pairs.append((entry.msgid_plural, entry.msgstr_plural[1], entry.flags, marker))
            else:
                pairs.append((entry.msgid, entry.msgstr, entry.flags, marker))
        fmt[po_path.stem] = msgfmt_ok(po_path)
    return count(pairs), fmt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.protection",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--per-catalogue", type=int, default=80)
    parser.add_argument("--model", type=Path, default=FIXTURE_MODEL)
    parser.add_argument("--keep", type=Path, help="keep the POTs and catalogues here")
    args = parser.parse_args(argv)
    if not PO_DIR.is_dir():
        print(f"skipped: {PO_DIR} is absent", file=sys.stderr)
        return 0
    work = Path(tempfile.mkdtemp(prefix="protection-")) if args.keep is None else args.keep
    work.mkdir(parents=True, exist_ok=True)
    try:
        tally, fmt = measure(work, args.per_catalogue, args.model)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    entries = sum(row["source"] for row in tally.values())
    print(f"{'kind':<12} {'in source':>9} {'kept':>6} {'glued':>6}   ({entries} checks)")
    for kind, row in sorted(tally.items()):
        print(f"{kind:<12} {row['source']:>9} {row['kept']:>6} {row['glued']:>6}")
    for name, (written, cleared) in fmt.items():
        print(f"msgfmt -c {name}: {'ok' if written else 'FAILS'} as written, "
              f"{'ok' if cleared else 'FAILS'} with fuzzy cleared")
    lost = any(row["kept"] < row["source"] or row["glued"] for row in tally.values())
    return 1 if lost or not all(all(pair) for pair in fmt.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
