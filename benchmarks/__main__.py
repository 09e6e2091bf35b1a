"""Run every benchmark and write benchmarks/results/report.md and report.json.

    python -m benchmarks            # full run (< 30 min on 2 cores, building the model if needed)
    python -m benchmarks --quick    # tiny inputs, fixture model (the smoke test)
    python -m benchmarks --only throughput --only startup

Reads ../shared/eval (next to the repository); benchmarks that need it are skipped with a
message when it is absent.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import shlex
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

from benchmarks import (
    checker_accuracy,
    documents,
    glossary_speed,
    model,
    qa,
    report,
    scale,
    startup,
    term_accuracy,
    throughput,
    tm,
)
from benchmarks.common import REPO, Context, Result, Skip, git_revision, machine_info, versions

MODULES = [throughput, startup, glossary_speed, checker_accuracy, term_accuracy, qa, tm, scale,
           documents]
NEEDS_MODEL = {"throughput", "startup", "scale"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="tiny inputs and the fixture model (seconds, not minutes)")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results",
                        help="where report.md and report.json go")
    parser.add_argument("--only", action="append", choices=[m.NAME for m in MODULES],
                        help="run only this benchmark (repeatable)")
    parser.add_argument("--model", type=Path, help="measure this .argosmodel instead")
    parser.add_argument("--threads", type=int, default=0, help="decoding threads (0 = all cores)")
    parser.add_argument("--keep-work", action="store_true", help="keep the scratch directory")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s",
                        datefmt="%H:%M:%S")
    log = logging.getLogger("benchmarks")

    started = time.perf_counter()
    date = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    machine = machine_info()
    revision = git_revision()  # the code measured, before anything else can change the tree
    threads = args.threads or machine.get("cpus_usable") or os.cpu_count() or 1
    work = Path(tempfile.mkdtemp(prefix="translator-bench-"))
    args.out.mkdir(parents=True, exist_ok=True)
    ctx = Context(quick=args.quick, out_dir=args.out, work_dir=work, threads=threads)
    selected = [m for m in MODULES if not args.only or m.NAME in args.only]
    results: list[Result] = []
    failed = False
    model_error: str | None = None
    if any(m.NAME in NEEDS_MODEL for m in selected):
        try:
            log.info("preparing the model")
            model.prepare(ctx, args.model)
            log.info("model: %s", ctx.model)
        except Skip as why:
            model_error = str(why)
    try:
        for module in selected:
            log.info("running %s", module.NAME)
            began = time.perf_counter()
            try:
                if module.NAME in NEEDS_MODEL and model_error:
                    raise Skip(model_error)
                result = module.run(ctx)
            except Skip as why:
                result = Result(module.NAME, module.TITLE, skipped=str(why))
                log.warning("%s skipped: %s", module.NAME, why)
            except Exception as error:  # noqa: BLE001 - one failure must not hide the others
                failed = True
                tail = "".join(traceback.format_exception(error)[-3:]).strip()
                result = Result(module.NAME, module.TITLE, skipped=f"ERROR: {tail}")
                log.error("%s failed:\n%s", module.NAME, traceback.format_exc())
            result.seconds = time.perf_counter() - began
            results.append(result)
            log.info("%s done in %.0f s", module.NAME, result.seconds)
    finally:
        if not args.keep_work:
            shutil.rmtree(work, ignore_errors=True)
        else:
            log.info("scratch directory kept: %s", work)
    meta = {
        "date": date,
        "command": "python -m benchmarks " + shlex.join(argv if argv is not None else sys.argv[1:]),
        "revision": revision,
        "machine": machine | {"load_average_at_end": [round(x, 2) for x in os.getloadavg()]},
        "versions": versions(),
        "quick": args.quick,
        "threads": threads,
        "beam_size": ctx.beam_size,
        "model": ctx.model_info,
        "seconds": round(time.perf_counter() - started, 1),
    }
    md, js = report.write(args.out, meta, results)
    print(md)
    print(js)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
