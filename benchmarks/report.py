"""The Markdown and JSON reports: machine, versions, command, date, every figure."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from benchmarks.common import Result, dump_json

_GOAL_TEXT = {">=": "≥", "<": "<", "<=": "≤"}


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1000 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _precision(build: dict[str, Any]) -> str:
    """The model's training precision; builds from before it was recorded say only the flag."""
    if build.get("training_precision"):
        return str(build["training_precision"])
    return "bf16 autocast" if build.get("recipe", {}).get("bf16") else "fp32"


def headline(results: list[Result]) -> list[tuple[str, str, str, str]]:
    """(figure, value, goal, verdict) rows for the summary table."""
    rows = []
    for r in results:
        if r.skipped:
            rows.append((r.name, "skipped", "", r.skipped))
            continue
        verdicts = r.verdicts()
        for key, (op, target) in r.goals.items():
            value = r.figures.get(key)
            verdict = "met" if verdicts.get(key) else "MISSED" if key in verdicts else "n/a"
            rows.append((f"{r.name}.{key}", _fmt(value), f"{_GOAL_TEXT[op]} {target:g}", verdict))
    return rows


def write(out_dir: Path, meta: dict[str, Any], results: list[Result]) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    data = {**meta, "results": {r.name: {
        "title": r.title, "skipped": r.skipped, "seconds": round(r.seconds, 1),
        "figures": r.figures, "goals": {k: list(v) for k, v in r.goals.items()},
        "verdicts": r.verdicts(), "commands": r.commands, "notes": r.notes,
    } for r in results}}
    json_path = out_dir / "report.json"
    dump_json(json_path, data)

    lines = [
        "# Benchmark report", "",
        f"- date: {meta['date']}",
        f"- command: `{meta['command']}`",
        f"- revision: {meta['revision']}",
        (f"- machine: {meta['machine'].get('cpu_model', '?')}, "
         f"{meta['machine'].get('cpus_usable', meta['machine'].get('cpus'))} CPUs "
         f"({', '.join(meta['machine'].get('cpu_features', []))}), "
         f"{meta['machine'].get('memory_gb', '?')} GB, {meta['machine'].get('platform')}, "
         f"Python {meta['machine'].get('python')}; load average at start "
         f"{meta['machine'].get('load_average_at_start')}, at end "
         f"{meta['machine'].get('load_average_at_end')}"),
        "- versions: " + ", ".join(f"{k} {v}" for k, v in meta["versions"].items()),
        f"- total time: {meta['seconds']:.0f} s",
    ]
    model = meta.get("model") or {}
    if model:
        build = model.get("build", {})
        check = build.get("length_check", {})
        lines.append(f"- model: {model.get('source')} ({model.get('archive_mb')} MB, "
                     f"{model.get('pair')})"
                     + (f"; built in {build.get('build_seconds')} s"
                        f"{' (cached this run)' if model.get('cached') else ''}; "
                        f"output/input tokens on held-out NTREX: {check.get('total_ratio')} "
                        f"(mean per sentence {check.get('mean_ratio')}), exact copies "
                        f"{check.get('exact_copies')}; trained in {_precision(build)}"
                        if build else ""))
    lines += ["", "## Goals", "", "| figure | value | goal | verdict |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in headline(results)]
    for r in results:
        lines += ["", f"## {r.title}", ""]
        if r.skipped:
            lines += [f"Skipped: {r.skipped}"]
            continue
        lines += ["| figure | value |", "|---|---|"]
        lines += [f"| {k} | {_fmt(v)} |" for k, v in r.figures.items()]
        if r.commands:
            lines += ["", "Commands:", "", "```"] + r.commands + ["```"]
        if r.notes:
            lines += [""] + [f"- {n}" for n in r.notes]
        lines += ["", f"({r.seconds:.0f} s)"]
    md_path = out_dir / "report.md"
    md_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return md_path, json_path
