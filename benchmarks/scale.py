"""Scaling (issue 15 §6): the local executor vs Ray with 1 and 2 workers on this machine, the
overheads Ray adds per run and per shard, the driver's own rate, and from those a model of
a cluster of N nodes.

Every figure is the wall time of a ``translator translate`` child process on the same
articles, model and options; only ``--executor``, ``--workers`` and ``--shard-size`` change.

The model, one worker per node (``r`` segments/s each), ``W`` segments in shards of ``S``:
the workers take ``W / (N·r)``; the driver reads, merges and writes catalogues at ``d``
segments/s and schedules each shard at ``o`` seconds, serially, overlapping the workers;
the run pays ``R`` once (Ray start, actors, models into the object store). So

    T(N) = R + max(W / (N·r), W / d + (W / S)·o)

and the speed-up stops growing at ``N* = d·S / (r·(S + d·o))``, where the driver becomes
the bottleneck. Transfer of the models to new nodes (one object per package) is part of
``R`` here, on one machine; across a network it adds size / bandwidth per node, once.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from benchmarks import corpus
from benchmarks.common import (
    Context,
    Result,
    check,
    command_line,
    require_eval,
    run_measured,
    translator_cmd,
)

NAME = "scale"
TITLE = "Scaling: local executor vs Ray workers, and a model of N nodes"

FULL_ARTICLES = 40
QUICK_ARTICLES = 4
RUN_SHARD = 150  # segments: several shards even for this run, so two workers both have work
SMALL_SHARD = 20  # segments: many shards, to measure what one costs
NODES = (1, 4, 16, 64)


def run(ctx: Context) -> Result:
    require_eval()
    result = Result(NAME, TITLE)
    articles = corpus.news_articles(QUICK_ARTICLES if ctx.quick else FULL_ARTICLES)
    work = ctx.work_dir / NAME
    shutil.rmtree(work, ignore_errors=True)
    inputs = work / "articles"
    corpus.write_articles(articles, inputs)
    tiny = work / "tiny"
    tiny.mkdir()
    (tiny / "one.md").write_text("NATO leaders met in Kyiv.\n", encoding="utf-8")
    # a private local Ray instance per run: never join a cluster someone else started here
    env = ctx.env(RAY_ADDRESS="local")
    base = [*translator_cmd(), "translate", "--to", "uk", "--model", str(ctx.model),
            "--beam-size", str(ctx.beam_size), "-q"]

    def timed(name: str, source: Path, *extra: str, out: str | None = None,
              environment: dict[str, str] | None = None) -> float:
        folder = out or "".join(c if c.isalnum() else "-" for c in name)
        cmd = [*base, str(source), "--out", str(work / folder), *extra]
        measured = check(run_measured(cmd, env=environment or env), name)
        result.commands.append(command_line(cmd) + f"   # {name}")
        return measured.seconds

    timed("warm-up", tiny)  # unpacks the model into the cache once
    shard = ("--shard-size", str(RUN_SHARD))
    local = timed("local", inputs, *shard)
    segments = _segments(work / "local")
    # the driver's own work: read, segment, merge and write every catalogue again, the
    # engine idle (a cache without the record of the first run, or it would skip it all)
    rerun = timed("driver only (re-run, nothing to translate)", inputs, out="local",
                  environment=ctx.env(XDG_CACHE_HOME=str(work / "no-freshness-cache")))
    ray1 = timed("ray, 1 worker", inputs, "--executor", "ray", "--workers", "1", *shard)
    ray2 = timed("ray, 2 workers", inputs, "--executor", "ray", "--workers", "2", *shard)
    small = timed(f"ray, 1 worker, shards of {SMALL_SHARD}", inputs, "--executor", "ray",
                  "--workers", "1", "--shard-size", str(SMALL_SHARD))
    tiny_local = timed("tiny document, local", tiny)
    tiny_ray = timed("tiny document, ray", tiny, "--executor", "ray", "--workers", "1")

    shards_small = -(-segments // SMALL_SHARD)
    per_run = max(0.0, tiny_ray - tiny_local)
    shards_run = -(-segments // RUN_SHARD)
    per_shard = max(0.0, (small - ray1) / max(1, shards_small - shards_run))
    driver_rate = segments / rerun
    worker_rate = segments / max(1e-6, ray1 - per_run - rerun)
    shard = 2000
    result.figures["input"] = {"articles": len(articles), "segments": segments,
                               "model": ctx.model_info.get("name", str(ctx.model))}
    result.figures["measured_s"] = {
        "local": round(local, 2), "ray_1_worker": round(ray1, 2),
        "ray_2_workers": round(ray2, 2), f"ray_1_worker_shards_of_{SMALL_SHARD}": round(small, 2),
        "driver_only_rerun": round(rerun, 2), "tiny_local": round(tiny_local, 2),
        "tiny_ray": round(tiny_ray, 2)}
    result.figures["ratios"] = {"ray1_over_local": round(ray1 / local, 2),
                                "ray2_over_ray1": round(ray2 / ray1, 2),
                                "speed_up_2_workers": round(ray1 / ray2, 2)}
    result.figures["model_inputs"] = {
        "R_per_run_s": round(per_run, 2), "o_per_shard_s": round(per_shard, 4),
        "d_driver_segments_per_s": round(driver_rate, 1),
        "r_worker_segments_per_s": round(worker_rate, 1), "S_shard_segments": shard}
    result.figures["predicted"] = predict(per_run, per_shard, driver_rate, worker_rate, shard)
    return result


def predict(per_run: float, per_shard: float, driver: float, worker: float, shard: int,
            work: int = 80_000_000) -> dict[str, object]:
    """Speed-up at ``NODES`` nodes for ``work`` segments (100k articles × 10 languages ×
    80 segments), and the node count past which the driver is the bottleneck.

    >>> predict(10.0, 0.01, 1000.0, 100.0, 2000)["ceiling_nodes"]
    10.0
    """
    def seconds(nodes: int) -> float:
        return per_run + max(work / (nodes * worker), work / driver + work / shard * per_shard)

    ceiling = driver * shard / (worker * (shard + driver * per_shard))
    return {"work_segments": work,
            "speed_up": {str(n): round(seconds(1) / seconds(n), 1) for n in NODES},
            "hours": {str(n): round(seconds(n) / 3600, 1) for n in NODES},
            "ceiling_nodes": round(ceiling, 1)}


def _segments(out: Path) -> int:
    """How many segments the articles gave: entries of the catalogues of a run."""
    import polib

    return sum(len(polib.pofile(str(p))) for p in out.rglob("*.po"))
