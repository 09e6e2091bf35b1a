"""The benchmark model trains in bf16 only where the CPU does bf16 natively.

Emulated bf16 autocast made ``python -m benchmarks`` miss its budget by hours on a CPU
without ``avx512_bf16`` (issue 11), so the choice is made from the CPU's flags and recorded.
"""

from __future__ import annotations

import pytest

from benchmarks import report
from tools import build_benchmark_model as builder

EPYC_WITHOUT = "processor\t: 0\nflags\t\t: fpu vme avx2 avx512f avx512dq avx512_vnni\n\n" * 2
EPYC_WITH = "processor\t: 0\nflags\t\t: fpu avx2 avx512f avx512_bf16 avx512_vnni\n"
SAPPHIRE = "flags\t\t: fpu avx512f avx512_bf16 amx_bf16 amx_tile amx_int8\n"


@pytest.mark.parametrize(("cpuinfo", "flags"), [
    (EPYC_WITHOUT, []),
    (EPYC_WITH, ["avx512_bf16"]),
    (SAPPHIRE, ["avx512_bf16", "amx_bf16"]),
    ("", []),  # no flags line (e.g. an ARM cpuinfo): fp32, the safe choice
    ("flags\t: fpu not_avx512_bf16_really\n", []),  # whole flags only
])
def test_flags_are_read_from_cpuinfo(cpuinfo: str, flags: list[str]) -> None:
    assert builder.cpu_bf16_flags(cpuinfo) == flags


@pytest.mark.parametrize(("cpuinfo", "bf16"), [(EPYC_WITHOUT, False), (EPYC_WITH, True)])
def test_default_recipe_follows_the_cpu(monkeypatch: pytest.MonkeyPatch, cpuinfo: str,
                                        bf16: bool) -> None:
    real = builder.cpu_bf16_flags
    monkeypatch.setattr(builder, "cpu_bf16_flags", lambda text=None: real(cpuinfo))
    recipe = builder.Recipe()
    assert recipe.bf16 is bf16
    precision = builder.precision(recipe)
    assert precision.startswith("bf16" if bf16 else "fp32")
    assert "avx512_bf16" in precision  # says why either way


def test_this_machine_reads_its_own_flags() -> None:
    """On this machine the decision matches the flags line of /proc/cpuinfo itself."""
    try:
        text = open("/proc/cpuinfo", encoding="utf-8").read()
    except OSError:
        pytest.skip("no /proc/cpuinfo here")
    flags_line = next((line for line in text.splitlines() if line.startswith("flags")), "")
    assert builder.Recipe().bf16 == any(f in flags_line.split() for f in builder.BF16_FLAGS)


def test_precision_is_part_of_the_cache_key() -> None:
    """A model trained in fp32 is not served from a bf16 cache entry, or the other way."""
    assert builder.Recipe(bf16=True).key() != builder.Recipe(bf16=False).key()


def test_report_states_the_training_precision() -> None:
    recorded = {"training_precision": "fp32 (CPU has none of avx512_bf16, amx_bf16: ...)"}
    assert report._precision(recorded).startswith("fp32 (CPU has none")
    assert report._precision({"recipe": {"bf16": True}}) == "bf16 autocast"  # older build.json
    assert report._precision({"recipe": {"bf16": False}}) == "fp32"
