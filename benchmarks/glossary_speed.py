"""Glossary speed (issue 6 §5): ``translator check`` on 10,000 segments with 2,000 terms.

Segments: the human English→Ukrainian pairs of ../shared/eval/parallel (FLORES, NTREX,
WMT22–24), cycled to 10,000, in 5 catalogues of 2,000 entries (msgctxt keeps repeated
sentences distinct). Terms: the verified news glossary (``termbank``), then the most frequent
remaining capitalised English n-grams of the same data paired with the Ukrainian word they
co-occur with most (unverified — they only need to be realistic in number and shape), to
2,000 terms. Timed: the whole ``translator check --format json`` process.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict

from benchmarks import corpus, termbank
from benchmarks.checker_accuracy import _catalogue
from benchmarks.common import (
    Context,
    Result,
    check,
    command_line,
    require_eval,
    run_measured,
    translator_cmd,
)

NAME = "glossary_speed"
TITLE = "Glossary speed: translator check, 10,000 segments × 2,000 terms"


def _filler_terms(pairs: list[tuple[str, str]], have: set[str], wanted: int) -> list[list[str]]:
    inside = termbank._capitalised_inside(pairs)
    sentences: dict[str, list[int]] = defaultdict(list)
    for i, (en, _) in enumerate(pairs):
        for run in termbank._en_runs(en, inside):
            for size in range(1, min(3, len(run)) + 1):
                for start in range(len(run) - size + 1):
                    sentences[" ".join(run[start:start + size])].append(i)
    rows = []
    seen = {h.lower() for h in have}  # the glossary matches case-insensitively
    for source, where in sorted(sentences.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if len(rows) >= wanted:
            break
        if source.lower() in seen:
            continue
        words: Counter[str] = Counter()
        for i in where[:20]:
            words.update({w for w in termbank._uk_words(pairs[i][1]) if w[:1].isupper()})
        if not words:
            continue
        rows.append([source, "uk", words.most_common(1)[0][0], "", "", "", "unverified filler"])
        seen.add(source.lower())
    return rows


def run(ctx: Context) -> Result:
    require_eval()
    result = Result(NAME, TITLE)
    work = ctx.work_dir / NAME
    work.mkdir(parents=True, exist_ok=True)
    segments = 300 if ctx.quick else 10_000
    wanted_terms = 200 if ctx.quick else 2_000
    pairs = corpus.pairs("flores", "ntrex", "wmt22", "wmt23", "wmt24")
    if ctx.quick:
        pairs = pairs[:segments]
    verified = termbank.verified_glossary(ctx)
    rows = list(csv.reader(io.StringIO(verified.read_text(encoding="utf-8")), delimiter="\t"))
    header, body = rows[0], rows[1:][:wanted_terms]
    body += _filler_terms(pairs, {r[0] for r in body}, wanted_terms - len(body))
    glossary = work / "glossary-2000.tsv"
    buffer = io.StringIO()
    csv.writer(buffer, delimiter="\t", lineterminator="\n").writerows([header, *body])
    glossary.write_text(buffer.getvalue(), encoding="utf-8")

    per_file = max(1, segments // 5)
    catalogues = []
    for f in range(5):
        entries = []
        seen: set[str] = set()
        for n in range(f * per_file, (f + 1) * per_file):
            en, uk = pairs[n % len(pairs)]
            entries.append((en, uk, f"seg {n}" if en in seen else None))  # repeats: msgctxt
            seen.add(en)
        path = work / f"part{f + 1}.po"
        _catalogue(entries, path)
        catalogues.append(path)

    cmd = [*translator_cmd(), "check", *map(str, catalogues), "--glossary", str(glossary),
           "--lang", "uk", "--format", "json"]
    measured = check(run_measured(cmd, env=ctx.env()), "translator check", ok=(0, 1))
    data = json.loads(measured.stdout[measured.stdout.index("{"):])
    total = per_file * 5
    result.figures.update({
        "segments": total, "terms": len(body), "seconds": round(measured.seconds, 2),
        "segments_per_s": round(total / measured.seconds, 1),
        "violations": len(data["violations"]), "max_rss_mb": round(measured.max_rss_mb),
    })
    result.commands.append(command_line(cmd[:3]) + " part{1..5}.po --glossary glossary-2000.tsv "
                                                    "--lang uk --format json")
    # The same segments against only the verified terms: how much of the time is the
    # reporting of the filler terms' (mostly wrong) renderings.
    cmd = [*cmd[:cmd.index("--glossary") + 1], str(verified), "--lang", "uk", "--format", "json"]
    measured = check(run_measured(cmd, env=ctx.env()), "translator check", ok=(0, 1))
    data = json.loads(measured.stdout[measured.stdout.index("{"):])
    result.figures["verified_terms_only"] = {
        "terms": len(rows) - 1, "seconds": round(measured.seconds, 2),
        "segments_per_s": round(total / measured.seconds, 1),
        "violations": len(data["violations"])}
    result.notes.append("seconds = the whole process: start-up, glossary load, morphology, "
                        "JSON output; the violation count is high because the filler terms' "
                        "renderings are unverified guesses, and every violation is analysed "
                        "and reported")
    return result
