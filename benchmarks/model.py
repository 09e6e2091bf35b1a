"""The model every timing benchmark uses.

Full runs use the benchmark model (``tools/build_benchmark_model.py``: the shape of a
published Argos model, trained to copy English so its outputs are as long as its inputs),
built on first use and cached. ``--quick`` uses the tiny fixture model instead.
"""

from __future__ import annotations

import json
import time
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from benchmarks.common import EVAL_DIR, FIXTURE_MODEL, REPO, Context, Skip


def prepare(ctx: Context, model: Path | None = None) -> None:
    """Set ``ctx.model`` and ``ctx.model_info`` (building the benchmark model if needed)."""
    if model is not None:
        ctx.model = model
        ctx.model_info = {"source": "given with --model", "path": str(model)}
    elif ctx.quick:
        if not FIXTURE_MODEL.exists():
            raise Skip(f"{FIXTURE_MODEL} not found (quick mode measures with the fixture model)")
        ctx.model = FIXTURE_MODEL
        ctx.model_info = {"source": "fixture model (quick mode)", "path": str(FIXTURE_MODEL)}
    else:
        # Built in a child process, so torch (and its thread pool) never lives in this one.
        import subprocess
        import sys

        from tools import build_benchmark_model as builder

        if not (EVAL_DIR / "parallel").is_dir():
            raise Skip(f"{EVAL_DIR / 'parallel'} not found (the benchmark model is trained on it)")
        archive = builder.package_path(builder.Recipe())
        cached = archive.exists()
        started = time.perf_counter()
        log_path = ctx.out_dir / "model-build.log"
        with log_path.open("w", encoding="utf-8") as log:
            subprocess.run([sys.executable, str(REPO / "tools" / "build_benchmark_model.py")],
                           check=True, stdout=subprocess.DEVNULL, stderr=log, cwd=REPO)
        ctx.model = archive
        ctx.model_info = {
            "source": "tools/build_benchmark_model.py",
            "path": str(archive),
            "cached": cached,
            "seconds_this_run": round(time.perf_counter() - started, 1),
            "build": builder.build_info(archive),
        }
    ctx.model_info.update(describe(ctx.model))


@lru_cache(maxsize=4)
def _describe(path: str, mtime: float) -> dict[str, Any]:
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        top = names[0].split("/")[0]
        metadata = json.loads(zf.read(f"{top}/metadata.json"))
        config = json.loads(zf.read(f"{top}/model/config.json")) \
            if f"{top}/model/config.json" in names else {}
    return {
        "archive_mb": round(Path(path).stat().st_size / 1e6, 1),
        "pair": f"{metadata.get('from_code')}→{metadata.get('to_code')}",
        "ct2_config": {k: config.get(k) for k in ("add_source_bos", "add_source_eos",
                                                   "decoder_start_token")},
    }


def describe(path: Path) -> dict[str, Any]:
    return _describe(str(path), path.stat().st_mtime)


def unpacked(ctx: Context) -> Path:
    """The package folder (model/, sentencepiece.model), unpacked once into the work dir."""
    assert ctx.model is not None
    if ctx.model.is_dir():
        return ctx.model
    dest = ctx.work_dir / "model"
    if not dest.exists():
        with zipfile.ZipFile(ctx.model) as zf:
            zf.extractall(dest)
    folders = [p for p in dest.iterdir() if p.is_dir()]
    return folders[0]


def sentencepiece(ctx: Context):
    import sentencepiece as spm

    return spm.SentencePieceProcessor(model_file=str(unpacked(ctx) / "sentencepiece.model"))
