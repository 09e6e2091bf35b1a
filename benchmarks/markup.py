"""Does Markdown markup land on the right words through ``translate``, and is any lost?

    python -m benchmarks.markup [--sentences 300] [--seed 1] [--model FILE]

Three sets of English sentences, each translated as Markdown segments by every alignment
method of ``translator.align.METHODS`` in one run:

* ``fixture``: the held-out en→uk pairs of the fixture domain (``benchmarks/data``; never in
  the fixture model's training data), one glossary term of ``glossaries/ukraine-news.tsv``
  per sentence wrapped in bold, italics, strike-through or a link;
* ``parallel``: sentences of ../shared/eval/parallel (FLORES, NTREX, WMT) holding such a
  glossary name, marked the same way (out of the fixture model's domain);
* ``flores``: FLORES dev sentences with one or two random words marked (code spans too).

For a marked glossary term the right words are known: its Ukrainian rendering. A mark is
``right`` when the output's markup covers exactly the words of a rendering (any inflected
form, by lemma), ``wrong`` when it sits, unflagged, on other words, ``edge`` when it was put
at a sentence edge or around other words and flagged for review (``markup: placed at edge``
note), ``lost`` when the output has fewer marks of that kind and target than the source (the
goal: 0), and ``no-ref`` when the translation lacks the rendering (nothing is right then).
``flores`` has no reference: ``placed`` counts marks the alignment placed, unjudged.
``first`` is the CPU time (every thread of the process: steadier than wall time on a shared
machine) of the set's first translation, model loaded beforehand; ``best`` the least of
``--repeat`` runs (word analyses cached by then): what each method costs.
The sets skip, saying why, when ../shared/eval is absent.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import FIXTURE_MODEL, HELDOUT, NEWS_GLOSSARY, REPO
from translator.inline import markup_of, strip

PARALLEL = next((parent / "shared" / "eval" / "parallel" for parent in REPO.parents
                 if (parent / "shared" / "eval" / "parallel").is_dir()),
                REPO.parent / "shared" / "eval" / "parallel")
FLORES = PARALLEL / "flores200.dev.en"
_MARKS = {"strong": ("**", "**"), "em": ("*", "*"), "em_": ("_", "_"), "code": ("`", "`"),
          "strike": ("~~", "~~")}
_EDGE = "markup: placed at edge: "


@dataclass(frozen=True)
class Case:
    """A marked sentence and, when known, the accepted renderings of its marked words."""

    text: str
    renderings: tuple[str, ...] = ()


def _wrap(word: str, kind: str, at: int) -> str:
    if kind == "link":
        return f"[{word}](https://example.org/{at})"
    opener, closer = _MARKS[kind]
    return f"{opener}{word}{closer}"


def marked(lines: list[str], seed: int) -> list[Case]:
    """Each line with markup on one or two of its plain words (no reference)."""
    rng = random.Random(seed)
    out = []
    for line in lines:
        words = line.split(" ")
        if len(words) < 4:
            continue
        for i in sorted(rng.sample(range(len(words) - 1), rng.choice([1, 2]))):
            word = words[i].rstrip(".,;:!?\"'")
            if word.isalpha():
                kind = rng.choice([k for k in _MARKS if k != "strike"] + ["link"])
                words[i] = _wrap(word, kind, i) + words[i][len(word):]
        out.append(Case(" ".join(words)))
    return out


def with_terms(lines: list[str], seed: int, glossary: Path = NEWS_GLOSSARY) -> list[Case]:
    """Lines holding a glossary term (longest first), one such term per line marked."""
    from translator.glossary.load import load_glossary

    terms = sorted(load_glossary(glossary).for_lang("uk"), key=lambda t: -len(t.source))
    rng = random.Random(seed)
    out = []
    for line in lines:
        found: list[tuple[int, int, tuple[str, ...]]] = []
        for term in terms:
            for m in re.finditer(rf"(?<![\w*\[~-]){re.escape(term.source)}(?![\w-])", line):
                if not any(a < m.end() and m.start() < b for a, b, _ in found):
                    found.append((m.start(), m.end(), term.renderings))
        if not found:
            continue
        a, b, renderings = rng.choice(found)
        kind = rng.choice(["strong", "em", "em_", "strike", "link"])
        out.append(Case(line[:a] + _wrap(line[a:b], kind, a) + line[b:], renderings))
    return out


def _covers(words: list[str], rendering: str) -> bool:
    """Are ``words`` exactly the rendering's words, in any form?"""
    from translator.glossary.morphology import morphology, tokenize

    same = morphology("uk").same_word
    wanted = [w.text for w in tokenize(rendering)]
    return len(words) == len(wanted) and all(
        same(w, r) for w, r in zip(words, wanted, strict=True))


def _present(plain: str, rendering: str) -> bool:
    from translator.glossary.morphology import morphology, tokenize

    same = morphology("uk").same_word
    words = [w.text for w in tokenize(plain)]
    return all(any(same(w, r) for w in words) for r in (x.text for x in tokenize(rendering)))


def measure(cases: list[Case], model: Path, method: str, repeat: int = 1) -> dict[str, float]:
    """``marks``, ``right``, ``wrong``, ``placed``, ``edge``, ``lost``, ``no-ref``, and
    ``first`` and ``best`` seconds for ``cases`` translated with alignment ``method``."""
    from translator.glossary.morphology import tokenize
    from translator.service import MARKDOWN, Service, Settings

    service = Service(Settings(models=[model], alignment=method))
    service.translate([(MARKDOWN, "**Rutte** arrived in *Kyiv*.")], "en", "uk")  # load all
    times = []
    for _ in range(max(1, repeat)):
        began = time.process_time()
        results = service.translate([(MARKDOWN, case.text) for case in cases], "en", "uk")
        times.append(time.process_time() - began)
    tally: Counter[str] = Counter()
    for case in cases:
        outcome = results[MARKDOWN, case.text]
        noted = Counter(n.removeprefix(_EDGE) for n in outcome.notes if n.startswith(_EDGE))
        got = Counter((m.kind, m.target) for m in markup_of(outcome.text))
        placed = {(m.kind, m.target): m.text for m in markup_of(outcome.text)}
        plain = strip(outcome.text).plain
        for mark in markup_of(case.text):
            tally["marks"] += 1
            key, shown = (mark.kind, mark.target), case.text[mark.start:mark.end]
            if got[key] <= 0:
                tally["lost"] += 1
                continue
            got[key] -= 1
            flagged = [n for n in noted if noted[n] > 0 and shown in n]
            if flagged:
                noted[flagged[0]] -= 1
            if case.renderings and not any(_present(plain, r) for r in case.renderings):
                tally["no-ref"] += 1  # whatever happened, no words were right
            elif flagged:
                tally["edge"] += 1
            elif not case.renderings:
                tally["placed"] += 1
            elif any(_covers([w.text for w in tokenize(placed[key])], r)
                     for r in case.renderings):
                tally["right"] += 1
            else:
                tally["wrong"] += 1
    return {**tally, "first": round(times[0], 2), "best": round(min(times), 2)}


def sets(sentences: int, seed: int) -> dict[str, list[Case] | str]:
    """The benchmark's sets, or for one that cannot be built here, why not."""
    rows = [line.split("\t") for line in HELDOUT.read_text(encoding="utf-8").splitlines()[1:]]
    out: dict[str, list[Case] | str] = {"fixture": with_terms([r[0] for r in rows], seed)}
    if not PARALLEL.is_dir():
        why = f"skipped: {PARALLEL} is absent (a clone without ../shared)"
        return {**out, "parallel": why, "flores": why}
    lines = [line for path in sorted(PARALLEL.glob("*.en"))
             for line in path.read_text(encoding="utf-8").splitlines()]
    out["parallel"] = with_terms(lines, seed)
    out["flores"] = marked(FLORES.read_text(encoding="utf-8").splitlines()[:sentences], seed)
    return out


COLUMNS = ("marks", "right", "wrong", "placed", "edge", "lost", "no-ref", "first", "best")


def main(argv: list[str] | None = None) -> int:
    from translator.align import METHODS

    parser = argparse.ArgumentParser(prog="python -m benchmarks.markup",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--sentences", type=int, default=300, help="FLORES sentences")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--model", type=Path, default=FIXTURE_MODEL)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per method and set")
    args = parser.parse_args(argv)
    print(f"{'set':<9} {'method':<10} " + " ".join(f"{c:>7}" for c in COLUMNS))
    lost = 0
    for name, cases in sets(args.sentences, args.seed).items():
        if isinstance(cases, str):
            print(f"{name:<9} {cases}")
            continue
        for method in METHODS:
            row = measure(cases, args.model, method, args.repeat)
            lost += int(row.get("lost", 0))
            print(f"{name:<9} {method:<10} " + " ".join(f"{row.get(c, 0):>7}" for c in COLUMNS))
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
