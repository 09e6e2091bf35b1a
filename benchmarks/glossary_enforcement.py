"""Glossary enforcement (issue 4 §6): term accuracy, chrF and time, without and with the
enforcer, in one process on one engine.

    python -m benchmarks.glossary_enforcement            # full held-out set, 11 timed rounds
    python -m benchmarks.glossary_enforcement --quick    # 40 sentences, 2 rounds (smoke test)
    python -m benchmarks.glossary_enforcement --json out.json

Input: ``benchmarks/data/heldout.en-uk.tsv`` (English source, Ukrainian reference; generated
apart from the fixture models' training corpus), the fixture model
``tests/fixtures/models/en_uk.argosmodel`` and ``glossaries/ukraine-news.tsv``.

- *Term accuracy*: share of glossary-term occurrences in the English (found by the glossary
  matcher) whose translation the checker accepts: any inflected form of the preferred or an
  accepted rendering, capitals where the glossary makes them, no forbidden rendering. A term
  occurring k times counts k times: each needs its own accepted rendering, and each violation
  the checker reports for it costs one.
- *chrF* of both outputs against the references (sacrebleu; its signature is printed).
- *Time*: ``engine.translate`` (as ``translate`` runs without a glossary: one batch, with
  alignment) against ``Enforcer.translate`` on the same texts and engine, after one warm-up
  of each; rounds alternate which goes first; the time ratio is the median over rounds of
  with / without wall time measured back to back (also printed: ratio of the medians, of
  the best times).
  The CPU-time ratio (process time, all threads) is printed too: on a shared machine it
  moves less with other people's load.

Library use (for ``python -m benchmarks``): ``run(quick: bool) -> dict`` with every figure.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
MODEL = REPO / "tests" / "fixtures" / "models" / "en_uk.argosmodel"
DATA = REPO / "benchmarks" / "data" / "heldout.en-uk.tsv"
GLOSSARY = REPO / "glossaries" / "ukraine-news.tsv"
COMMAND = "python -m benchmarks.glossary_enforcement"
NAME = "glossary_enforcement"
TITLE = "Glossary enforcement: term accuracy, chrF and time, without and with the enforcer"
GOAL = {"term_accuracy": 0.99, "time_ratio": 1.3}


def read_pairs(path: Path) -> list[tuple[str, str]]:
    """(source, reference) rows of a TSV file; a header row and ``#`` lines are skipped."""
    rows: list[tuple[str, str]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) < 2 or row[0].startswith("#"):
                continue
            if not rows and row[0].strip().lower() in {"source", "en", "src"}:
                continue
            rows.append((row[0].strip(), row[1].strip()))
    return rows


def term_scores(sources: list[str], outputs: list[str], matcher: Any, lang: str
                ) -> tuple[int, int, list[dict[str, str]]]:
    """(occurrences, correct, misses) over all sentences, by the glossary checker."""
    from translator.glossary.check import check_entry, renderings

    total = correct = 0
    misses: list[dict[str, str]] = []
    for source, output in zip(sources, outputs, strict=True):
        matches = matcher.find(source)
        if not matches:
            continue
        counts = Counter(m.term for m in matches)
        violations = check_entry(source, output, lang, matcher)
        for term, k in counts.items():
            accepted = sum(r.found.caps_ok for r in renderings(output, term, lang))
            wrong = [v for v in violations if v.term == term.source]
            good = max(0, min(accepted, k - len(wrong)))
            total += k
            correct += good
            if good < k:
                misses.append({"source": source, "output": output, "term": term.source,
                               "expected": term.translation,
                               "problems": "; ".join(f"{v.kind} «{v.found}»" if v.found else v.kind
                                                     for v in wrong) or "too few renderings"})
    return total, correct, misses


def run(quick: bool = False, *, model: Path = MODEL, data: Path = DATA,
        glossary: Path = GLOSSARY, rounds: int | None = None, threads: int = 0,
        n_best: int | None = None) -> dict[str, Any]:
    """Measure both runs and return every figure (see the module docstring)."""
    from sacrebleu.metrics import CHRF

    from translator.engine.archive import open_package
    from translator.engine.ctranslate import Engine
    from translator.glossary.enforce import Enforcer
    from translator.glossary.load import load_glossary
    from translator.glossary.match import Matcher

    for path in (model, data, glossary):
        if not path.is_file():
            raise FileNotFoundError(
                f"{path}: missing (build it first: see tools/build_fixtures.py)")
    pairs = read_pairs(data)
    if quick:
        pairs = pairs[:40]
    rounds = rounds or (2 if quick else 11)
    sources = [s for s, _ in pairs]
    references = [r for _, r in pairs]
    src, tgt = "en", "uk"

    package = open_package(model)
    engine = Engine([package], threads=threads)
    terms = load_glossary(glossary)
    enforcer = Enforcer(engine, terms, src, tgt, **({"n_best": n_best} if n_best else {}))
    matcher = Matcher(terms, tgt)

    def plain_run() -> list[str]:
        return [h[0].text for h in engine.translate(sources, src, tgt, return_alignment=True)]

    def enforced_run() -> list[Any]:
        return enforcer.translate(sources)

    plain = plain_run()  # warm-up: loads the model and tokenizer
    enforced = enforced_run()  # warm-up: loads the morphology dictionaries
    seconds: dict[str, list[float]] = {"plain": [], "enforced": []}
    cpu: dict[str, list[float]] = {"plain": [], "enforced": []}
    for number in range(rounds):
        order = [("plain", plain_run), ("enforced", enforced_run)]
        for name, job in order if number % 2 == 0 else order[::-1]:
            began, began_cpu = time.perf_counter(), time.process_time()
            job()
            seconds[name].append(time.perf_counter() - began)
            cpu[name].append(time.process_time() - began_cpu)
    outputs = {"plain": plain, "enforced": [e.text for e in enforced]}

    chrf = CHRF()
    figures: dict[str, Any] = {}
    for name, texts in outputs.items():
        total, correct, misses = term_scores(sources, texts, matcher, tgt)
        figures[name] = {
            "term_occurrences": total,
            "terms_correct": correct,
            "term_accuracy": correct / total if total else 1.0,
            "chrf": chrf.corpus_score(texts, [references]).score,
            "seconds": [round(s, 4) for s in seconds[name]],
            "median_seconds": statistics.median(seconds[name]),
            "cpu_seconds": [round(s, 4) for s in cpu[name]],
            "median_cpu_seconds": statistics.median(cpu[name]),
            "misses": misses,
        }
    figures["enforced"]["how"] = dict(Counter(e.how for e in enforced))
    figures["enforced"]["unmet"] = [
        {"source": s, "output": e.text, "unmet": list(e.unmet)}
        for s, e in zip(sources, enforced, strict=True) if e.unmet
    ]
    # Each round times both runs back to back: the median of the per-round ratios cancels
    # most of the load other processes put on a shared machine.
    ratio = statistics.median(
        e / p for e, p in zip(seconds["enforced"], seconds["plain"], strict=True))
    median_ratio = figures["enforced"]["median_seconds"] / figures["plain"]["median_seconds"]
    best_ratio = min(seconds["enforced"]) / min(seconds["plain"])
    cpu_ratio = figures["enforced"]["median_cpu_seconds"] / figures["plain"]["median_cpu_seconds"]
    return {
        "name": NAME,
        "title": TITLE,
        "command": COMMAND + (" --quick" if quick else ""),
        "model": str(model.relative_to(REPO) if model.is_relative_to(REPO) else model),
        "data": str(data.relative_to(REPO) if data.is_relative_to(REPO) else data),
        "glossary": str(glossary.relative_to(REPO) if glossary.is_relative_to(REPO) else glossary),
        "sentences": len(sources),
        "sentences_with_terms": sum(bool(matcher.find(s)) for s in sources),
        "threads": engine.threads_per_batch * engine.parallel_batches,
        "rounds": rounds,
        "n_best": enforcer.n_best,
        "chrf_signature": str(chrf.get_signature()),
        "plain": figures["plain"],
        "enforced": figures["enforced"],
        "time_ratio": ratio,
        "time_ratio_of_medians": median_ratio,
        "time_ratio_best": best_ratio,
        "cpu_ratio": cpu_ratio,
        "goal": {
            "term_accuracy": figures["enforced"]["term_accuracy"] >= GOAL["term_accuracy"],
            "chrf": figures["enforced"]["chrf"] >= figures["plain"]["chrf"],
            "time_ratio": ratio <= GOAL["time_ratio"],
        },
    }


def summary(result: dict[str, Any]) -> str:
    """The figures as text (what BENCHMARKS.md records)."""
    plain, enforced = result["plain"], result["enforced"]
    lines = [
        f"{result['title']}",
        f"  command: {result['command']}",
        (f"  model {result['model']}, data {result['data']} ({result['sentences']} sentences, "
        f"{result['sentences_with_terms']} with terms, {plain['term_occurrences']} term "
        f"occurrences), glossary {result['glossary']}, {result['threads']} threads, "
        f"{result['rounds']} timed rounds, enforcer n-best {result['n_best']}"),
        f"  {'':12}{'term accuracy':>22}{'chrF':>8}{'median s':>10}",
    ]
    for name, f in (("without", plain), ("with", enforced)):
        lines.append(
            f"  {name:12}{f['term_accuracy']:>9.2%} "
            f"({f['terms_correct']:>4}/{f['term_occurrences']})"
            f"{f['chrf']:>11.2f}{f['median_seconds']:>10.3f}")
    lines += [
        (f"  time ratio (wall, median of per-round ratios) {result['time_ratio']:.3f}; "
         f"of medians {result['time_ratio_of_medians']:.3f}; best of each "
         f"{result['time_ratio_best']:.3f}; CPU time (medians) {result['cpu_ratio']:.3f}"),
        f"  wall s: without {plain['seconds']}, with {enforced['seconds']}",
        f"  CPU s:  without {plain['cpu_seconds']}, with {enforced['cpu_seconds']}",
        f"  chrF signature: {result['chrf_signature']}",
        f"  how: {enforced['how']}",
        "  goal: " + ", ".join(f"{k} {'met' if v else 'NOT met'}"
                               for k, v in result["goal"].items()),
    ]
    for name, f in (("without", plain), ("with", enforced)):
        lines.append(f"  misses {name} enforcement: {len(f['misses'])}")
        if name == "with" or len(f["misses"]) <= 20:
            for miss in f["misses"]:
                lines.append(f"    {miss['term']}: {miss['problems']} | {miss['source']} → "
                             f"{miss['output']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=COMMAND, description=TITLE)
    parser.add_argument("--quick", action="store_true", help="40 sentences, 2 timed rounds")
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--glossary", type=Path, default=GLOSSARY)
    parser.add_argument("--rounds", type=int, help="timed rounds (default 11, quick 2)")
    parser.add_argument("--threads", type=int, default=0, help="decoding threads (0 = all)")
    parser.add_argument("--n-best", type=int, help="hypotheses the enforcer reranks (default: "
                        "the enforcer's; 1 = skip reranking, force every failing term)")
    parser.add_argument("--json", type=Path, help="also write every figure here")
    args = parser.parse_args(argv)
    try:
        result = run(args.quick, model=args.model, data=args.data, glossary=args.glossary,
                     rounds=args.rounds, threads=args.threads, n_best=args.n_best)
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return 2
    print(summary(result))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
