"""What every benchmark shares: where things are, how a child process is timed, the report.

Each benchmark module has ``NAME``, ``TITLE`` and ``run(ctx) -> Result``. A benchmark that
cannot run here (no ../shared/eval, a missing part of the tool) raises ``Skip`` with the
reason, which the report prints instead of figures.
"""

from __future__ import annotations

import dataclasses
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
EVAL_DIR = REPO.parent / "shared" / "eval"
PARALLEL = EVAL_DIR / "parallel"
FIXTURE_MODEL = REPO / "tests" / "fixtures" / "models" / "en_uk.argosmodel"
HELDOUT = REPO / "benchmarks" / "data" / "heldout.en-uk.tsv"
NEWS_GLOSSARY = REPO / "glossaries" / "ukraine-news.tsv"


class Skip(Exception):
    """This benchmark cannot run here; the message says why."""


@dataclasses.dataclass
class Context:
    """The run's settings, shared by every benchmark."""

    quick: bool
    out_dir: Path  # reports go here
    work_dir: Path  # scratch space for this run (catalogues, stores, inputs)
    threads: int
    beam_size: int = 4
    model: Path | None = None  # the .argosmodel measured by throughput/start-up
    model_info: dict[str, Any] = dataclasses.field(default_factory=dict)

    def env(self, **extra: str) -> dict[str, str]:
        """Environment for child processes: private Argos/XDG dirs, no user config."""
        env = dict(os.environ)
        home = self.work_dir / "home"
        env.update({
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")])),
            "PYTHONDONTWRITEBYTECODE": "1",
        })
        env.pop("ARGOS_TRANSLATE_PACKAGE_DIR", None)
        env.pop("ARGOS_PACKAGES_DIR", None)
        env.update(extra)
        return env


@dataclasses.dataclass
class Result:
    """Figures of one benchmark: ``figures`` name → value; ``goals`` name → (op, target)."""

    name: str
    title: str
    figures: dict[str, Any] = dataclasses.field(default_factory=dict)
    goals: dict[str, tuple[str, float]] = dataclasses.field(default_factory=dict)
    notes: list[str] = dataclasses.field(default_factory=list)
    commands: list[str] = dataclasses.field(default_factory=list)
    skipped: str | None = None
    seconds: float = 0.0

    def verdicts(self) -> dict[str, bool]:
        out = {}
        for key, (op, target) in self.goals.items():
            value = self.figures.get(key)
            if isinstance(value, (int, float)):
                out[key] = value >= target if op == ">=" else value < target if op == "<" \
                    else value <= target
        return out


@dataclasses.dataclass
class Measured:
    """A finished child process: exit code, wall time, peak RSS, output."""

    returncode: int
    seconds: float
    max_rss_mb: float
    stdout: str
    stderr: str


def run_measured(cmd: Sequence[str], *, env: Mapping[str, str] | None = None,
                 cwd: Path | None = None, stdin: str | None = None,
                 timeout: float = 1800) -> Measured:
    """Run ``cmd``; wall time from fork to exit, peak RSS from ``wait4`` (this child only)."""
    import tempfile

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(list(cmd), env=dict(env) if env else None, cwd=cwd,
                                   stdin=subprocess.PIPE if stdin is not None else
                                   subprocess.DEVNULL, stdout=out, stderr=err)
        if stdin is not None:
            assert process.stdin is not None
            process.stdin.write(stdin.encode())
            process.stdin.close()
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.005)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Measured(process.returncode, seconds, usage.ru_maxrss / 1024,
                        out.read().decode("utf-8", "replace"),
                        err.read().decode("utf-8", "replace"))


def check(measured: Measured, what: str, ok: tuple[int, ...] = (0,)) -> Measured:
    """``measured`` if its exit code is one of ``ok``, else RuntimeError with its stderr."""
    if measured.returncode not in ok:
        tail = "\n".join((measured.stderr or measured.stdout).strip().splitlines()[-15:])
        raise RuntimeError(f"{what} failed with exit code {measured.returncode}:\n{tail}")
    return measured


def python() -> str:
    return sys.executable


def translator_cmd() -> list[str]:
    """The installed ``translator`` script next to this interpreter, else ``-m translator``."""
    script = Path(sys.executable).with_name("translator")
    return [str(script)] if script.exists() else [sys.executable, "-m", "translator"]


def command_line(cmd: Sequence[str]) -> str:
    import shlex

    shown = []
    for part in cmd:
        part = str(part)
        for prefix, name in ((str(REPO) + "/", ""),):
            part = part.replace(prefix, name)
        shown.append(part)
    return " ".join(shlex.quote(p) for p in shown)


def require_eval() -> None:
    if not PARALLEL.is_dir():
        raise Skip(f"{PARALLEL} not found: the evaluation kit (../shared/eval) is absent")


def machine_info() -> dict[str, Any]:
    info: dict[str, Any] = {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }
    try:
        info["cpus_usable"] = len(os.sched_getaffinity(0))
    except AttributeError:
        pass
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu_model"] = line.split(":", 1)[1].strip()
                break
        flags = next((line for line in Path("/proc/cpuinfo").read_text().splitlines()
                      if line.startswith("flags")), "")
        info["cpu_features"] = [f for f in ("avx2", "avx512f", "avx512_bf16", "avx512_vnni")
                                if f" {f}" in flags]
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
        info["load_average_at_start"] = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        pass
    return info


def versions() -> dict[str, str]:
    from importlib import metadata

    out = {}
    for name in ("translator", "ctranslate2", "sentencepiece", "argostranslate", "torch",
                 "pymorphy3", "sacrebleu", "polib", "pyahocorasick"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def git_revision() -> str:
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO,
                             capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=REPO, capture_output=True, text=True, check=False).stdout.strip()
        return rev + ("+dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def dump_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n",
                    encoding="utf-8")
