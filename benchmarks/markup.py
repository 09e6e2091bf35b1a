"""Is Markdown markup kept through ``translate``, and how much goes to an edge?

    python -m benchmarks.markup [--sentences 300] [--seed 1] [--model FILE]

Takes English sentences of ../shared/eval/parallel (FLORES dev), puts bold, italics, a link
or a code span on one or two random words of each, translates them as Markdown segments
with the demo model, and counts per kind: spans in the source, spans whose markup came back
on aligned words, spans placed at an edge or around other words (flagged by a
``markup: placed at edge`` note), and spans lost (the output parses to fewer of that kind;
the goal is 0). Which words are "right" needs a reference alignment this does not have:
"aligned" means only that the alignment, not the fallback, placed it.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

from benchmarks.common import FIXTURE_MODEL, REPO
from translator.inline import markup_of

FLORES = next((parent / "shared" / "eval" / "parallel" / "flores200.dev.en"
               for parent in REPO.parents
               if (parent / "shared" / "eval" / "parallel").is_dir()), Path("flores200.dev.en"))
_MARKS = {"strong": ("**", "**"), "em": ("*", "*"), "em_": ("_", "_"), "code": ("`", "`")}


def marked(lines: list[str], seed: int) -> list[str]:
    """Each line with markup on one or two of its plain words."""
    rng = random.Random(seed)
    out = []
    for line in lines:
        words = line.split(" ")
        if len(words) < 4:
            continue
        for i in sorted(rng.sample(range(len(words) - 1), rng.choice([1, 2]))):
            word = words[i].rstrip(".,;:!?\"'")
            if not word.isalpha():
                continue
            tail = words[i][len(word):]
            kind = rng.choice([*_MARKS, "link"])
            if kind == "link":
                words[i] = f"[{word}](https://example.org/{i}){tail}"
            else:
                opener, closer = _MARKS[kind]
                words[i] = f"{opener}{word}{closer}{tail}"
        out.append(" ".join(words))
    return out


def measure(texts: list[str], model: Path) -> dict[str, Counter[str]]:
    """Per kind: ``source``, ``aligned``, ``edge`` (noted for review) and ``lost``."""
    from translator.service import MARKDOWN, Service, Settings

    service = Service(Settings(models=[model]))
    results = service.translate([(MARKDOWN, text) for text in texts], "en", "uk")
    tally: dict[str, Counter[str]] = {}
    for text in texts:
        outcome = results[MARKDOWN, text]
        noted = Counter(note.removeprefix("markup: placed at edge: ") for note in outcome.notes)
        got = Counter((m.kind, m.target) for m in markup_of(outcome.text))
        for mark in markup_of(text):
            row = tally.setdefault(mark.kind, Counter())
            row["source"] += 1
            key = (mark.kind, mark.target)
            shown = text[mark.start:mark.end]
            if got[key] <= 0:
                row["lost"] += 1
                continue
            got[key] -= 1
            flagged = [n for n in noted if noted[n] > 0 and shown in n]
            if flagged:
                noted[flagged[0]] -= 1
                row["edge"] += 1
            else:
                row["aligned"] += 1
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.markup",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--sentences", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--model", type=Path, default=FIXTURE_MODEL)
    args = parser.parse_args(argv)
    if not FLORES.is_file():
        print(f"skipped: {FLORES} is absent", file=sys.stderr)
        return 0
    lines = FLORES.read_text(encoding="utf-8").splitlines()[:args.sentences]
    tally = measure(marked(lines, args.seed), args.model)
    print(f"{'kind':<8} {'source':>7} {'aligned':>8} {'edge':>6} {'lost':>6}")
    for kind, row in sorted(tally.items()):
        print(f"{kind:<8} {row['source']:>7} {row['aligned']:>8} {row['edge']:>6} "
              f"{row['lost']:>6}")
    return 1 if any(row["lost"] for row in tally.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
