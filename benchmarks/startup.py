"""Start-up (issue 6 §4): ``translator --help``, and one paragraph end to end, against
``argos-translate`` on the same paragraph.

Each command runs ``REPEATS`` times after one untimed warm-up (so the OS file cache and our
unpacked-model cache are warm for both); the median wall time is reported. argos-translate
runs through ``benchmarks/_argos.py cli``: its own ``argostranslate.cli.main`` with our
sentence splitter standing in for MiniSBD, which would download a model (the stand-in's
import, ~0.1 s, is charged to argos-translate).
"""

from __future__ import annotations

import statistics

from benchmarks import corpus
from benchmarks.common import (
    Context,
    Result,
    check,
    command_line,
    python,
    require_eval,
    run_measured,
    translator_cmd,
)

NAME = "startup"
TITLE = "Start-up: translator --help, one paragraph vs argos-translate"
REPEATS = 5


def _median(ctx: Context, cmd: list[str], what: str, repeats: int) -> tuple[float, float]:
    env = ctx.env()
    if not ctx.quick:
        check(run_measured(cmd, env=env), what)  # warm-up
    times, rss = [], []
    for _ in range(repeats):
        measured = check(run_measured(cmd, env=env), what)
        times.append(measured.seconds)
        rss.append(measured.max_rss_mb)
    return round(statistics.median(times), 3), round(max(rss))


def run(ctx: Context) -> Result:
    require_eval()
    result = Result(NAME, TITLE)
    repeats = 1 if ctx.quick else REPEATS
    work = ctx.work_dir / NAME
    work.mkdir(parents=True, exist_ok=True)
    paragraph = corpus.news_articles(1)[0].paragraphs[0]
    doc = work / "paragraph.md"
    doc.write_text(paragraph + "\n", encoding="utf-8")

    cmd = [*translator_cmd(), "--help"]
    result.figures["translator_help_s"], _ = _median(ctx, cmd, "translator --help", repeats)
    result.commands.append(command_line(cmd))

    cmd = [*translator_cmd(), "translate", str(doc), "--to", "uk", "--model", str(ctx.model),
           "--out", str(work / "out"), "-q", "--beam-size", str(ctx.beam_size)]
    result.figures["translator_paragraph_s"], rss_t = _median(ctx, cmd, "translator", repeats)
    result.commands.append(command_line(cmd))

    check(run_measured([python(), "-m", "benchmarks._argos", "install", str(ctx.model)],
                       env=ctx.env()), "argostranslate install")
    cmd = [python(), "-m", "benchmarks._argos", "cli", "-f", "en", "-t", "uk", paragraph]
    result.figures["argos_paragraph_s"], rss_a = _median(ctx, cmd, "argos-translate", repeats)
    result.commands.append(command_line(cmd[:6]) + " PARAGRAPH   # argos-translate, stand-in "
                                                   "sentencizer")
    if not ctx.quick:
        cmd = [python(), "-m", "benchmarks._argos", "cli", "--help"]
        result.figures["argos_help_s"], _ = _median(ctx, cmd, "argos-translate --help", repeats)
    result.figures["paragraph_speedup"] = round(
        result.figures["argos_paragraph_s"] / result.figures["translator_paragraph_s"], 2)
    result.figures["paragraph"] = {"sentences": paragraph.count(". ") + 1,
                                   "characters": len(paragraph)}
    result.figures["max_rss_mb"] = {"translator": rss_t, "argos-translate": rss_a}
    result.notes.append(f"median of {repeats} run(s) after one warm-up (none in --quick); wall "
                        "time of the process")
    return result
