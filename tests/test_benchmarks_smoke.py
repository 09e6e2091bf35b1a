"""Smoke test: every benchmark runs on a tiny input (``python -m benchmarks --quick``).

Not a timing test: it checks that the one command produces both reports, that every
benchmark either produced figures or says why it was skipped, and that nothing crashed.
It uses the fixture model, never the big benchmark model.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO.parent / "shared" / "eval" / "parallel"
FIXTURE_MODEL = REPO / "tests" / "fixtures" / "models" / "en_uk.argosmodel"

pytestmark = [
    pytest.mark.eval,
    pytest.mark.skipif(not EVAL.is_dir(), reason="../shared/eval is absent"),
    pytest.mark.skipif(not FIXTURE_MODEL.exists(), reason="fixture model not built"),
]


@pytest.fixture(scope="module")
def quick_report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("bench")
    # not a timing test: the bound only catches a hang (~30 s of CPU, which took 2-3 min of
    # wall time on a 2-core machine shared with other jobs)
    done = subprocess.run([sys.executable, "-m", "benchmarks", "--quick", "--out", str(out)],
                          cwd=REPO, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert (out / "report.md").exists()
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    report["_markdown"] = (out / "report.md").read_text(encoding="utf-8")
    return report


def test_report_names_machine_versions_command_and_date(quick_report: dict) -> None:
    assert quick_report["quick"] is True
    assert quick_report["command"].startswith("python -m benchmarks")
    assert quick_report["date"] and quick_report["machine"]["cpus"]
    assert quick_report["versions"]["ctranslate2"] != "not installed"
    assert "fixture" in quick_report["model"]["source"]


@pytest.mark.parametrize("name", ["throughput", "startup", "glossary_speed", "checker_accuracy",
                                  "term_accuracy"])
def test_each_benchmark_runs_or_says_why_not(quick_report: dict, name: str) -> None:
    result = quick_report["results"][name]
    if result["skipped"]:
        assert not result["skipped"].startswith("ERROR"), result["skipped"]
        assert name == "term_accuracy" and "heldout" in result["skipped"]
        return
    assert result["figures"], name
    assert result["commands"], name


def test_throughput_has_every_figure_side_by_side(quick_report: dict) -> None:
    figures = quick_report["results"]["throughput"]["figures"]
    for run in ("a_argostranslate", "b_translator", "c_ceiling"):
        assert figures[run]["segments"] > 0
        assert figures[run]["tokens_per_s"] > 0
        assert figures[run]["max_rss_mb"] > 0
        assert "output_input_ratio" in figures[run]
    assert figures["b_over_a"] > 0 and figures["b_over_c"] > 0
    assert "| throughput.b_over_a |" in quick_report["_markdown"]


def test_checker_accuracy_counts_alarms_detections_and_fixes(quick_report: dict) -> None:
    figures = quick_report["results"]["checker_accuracy"]["figures"]
    assert figures["glossary"]["term_occurrences"] > 0
    assert 0 <= figures["false_alarm_rate"] <= 1
    assert 0 <= figures["detection_rate_wrong"] <= 1
    assert 0 <= figures["fix_exact_forbidden"] <= 1
