"""The Ray executor on real Ray: the same catalogues as a local run (on a local instance and
on a simulated two-node cluster whose workers have no Argos store), a worker killed
mid-run, an interrupted run resumed, a worker that cannot open a model."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from translator.errors import TranslatorError
from translator.pipeline import Options, Tally, run

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "glossaries" / "ukraine-news.tsv"

ray = pytest.importorskip("ray", reason="the ray extra is not installed: pip install -e '.[ray]'")
pytestmark = pytest.mark.ray


def _documents(folder: Path) -> list[Path]:
    """Three articles of different lengths from the example, so shards differ in size."""
    text = (ROOT / "examples" / "rutte-kyiv.md").read_text(encoding="utf-8")
    folder.mkdir()
    docs = [folder / "rutte.md", folder / "kharkiv.md", folder / "short.md"]
    docs[0].write_text(text, encoding="utf-8")
    docs[1].write_text(text.replace("Kyiv", "Kharkiv"), encoding="utf-8")
    docs[2].write_text(text[: len(text) // 3], encoding="utf-8")
    return docs


def _catalogues(out: Path) -> dict[str, str]:
    """Every catalogue under ``out``, without the two timestamps of its header."""
    return {
        str(path.relative_to(out)): "".join(
            line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
            if not line.startswith(('"POT-Creation-Date:', '"PO-Revision-Date:')))
        for path in sorted(out.rglob("*.po"))
    }


def _options(out: Path, **extra: object) -> Options:
    return Options(targets=["uk", "pl"], out_dir=out, glossary=GLOSSARY, shard_size=40,
                   **extra)  # type: ignore[arg-type]  # Options' fields, by name


@pytest.fixture(scope="module")
def worker_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Workers get their own cache and an Argos store that does not exist."""
    base = tmp_path_factory.mktemp("workers")
    return {"XDG_CACHE_HOME": str(base / "cache"), "ARGOS_PACKAGES_DIR": str(base / "no-store"),
            "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}


@pytest.fixture(scope="module")
def local_ray(worker_env: dict[str, str]) -> Iterator[None]:
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False,
             runtime_env={"env_vars": worker_env})
    yield
    ray.shutdown()


def test_ray_run_is_byte_identical_to_local(local_ray: None, argos_env: Path,
                                            tmp_path: Path) -> None:
    docs = _documents(tmp_path / "docs")
    local = run(docs, _options(tmp_path / "local"))
    clustered = run(docs, _options(tmp_path / "ray", executor="ray", workers=2))
    assert clustered.segments == local.segments > 0
    assert [p.relative_to(tmp_path / "ray") for p in clustered.catalogues] == [
        p.relative_to(tmp_path / "local") for p in local.catalogues]
    assert _catalogues(tmp_path / "ray") == _catalogues(tmp_path / "local")
    assert len(_catalogues(tmp_path / "ray")) == 6


def test_a_worker_killed_mid_run_loses_nothing(local_ray: None, argos_env: Path,
                                               tmp_path: Path) -> None:
    import psutil  # comes with ray

    docs = _documents(tmp_path / "docs")
    run(docs, _options(tmp_path / "local"))
    killed: list[int] = []

    def kill_workers_once(tally: Tally) -> None:
        """SIGKILL every worker process (Ray titles them ``ray::Worker``) once."""
        if killed or not tally.engine_done:
            return
        for process in psutil.process_iter(["cmdline"]):
            if (process.info["cmdline"] or [""])[0].startswith("ray::Worker"):
                os.kill(process.pid, signal.SIGKILL)
                killed.append(process.pid)

    report = run(docs, _options(tmp_path / "ray", executor="ray", workers=2),
                 progress=kill_workers_once)
    assert killed, "no worker was running to kill"
    assert report.segments > 0
    assert _catalogues(tmp_path / "ray") == _catalogues(tmp_path / "local")
    for path in (tmp_path / "ray").rglob("*.po"):
        subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(path)], check=True)


def test_an_interrupted_run_resumes_where_it_stopped(local_ray: None, argos_env: Path,
                                                     tmp_path: Path) -> None:
    docs = _documents(tmp_path / "docs")
    out = tmp_path / "ray"
    full = run(docs, _options(tmp_path / "local"))

    def interrupt_after_first_catalogue(tally: Tally) -> None:
        if tally.engine_done:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run(docs, _options(out, executor="ray", workers=1),
            progress=interrupt_after_first_catalogue)
    written = _catalogues(out)
    assert 0 < len(written) < 6
    for path in out.rglob("*.po"):  # whole catalogues only
        subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(path)], check=True)
    resumed = run(docs, _options(out, executor="ray", workers=1))
    assert 0 < resumed.segments < full.segments  # only what was missing went to the engine
    assert _catalogues(out) == _catalogues(tmp_path / "local")


def test_a_worker_that_cannot_open_a_model_fails_the_run_in_one_line(
        argos_env: Path, tmp_path: Path, worker_env: dict[str, str]) -> None:
    blocked = tmp_path / "cache-is-a-file"
    blocked.write_text("not a folder")
    ray.shutdown()  # this test needs its own instance, with its own worker environment
    ray.init(address="local", num_cpus=1, include_dashboard=False, log_to_driver=False,
             runtime_env={"env_vars": {**worker_env, "XDG_CACHE_HOME": str(blocked)}})
    try:
        with pytest.raises(TranslatorError) as failure:
            run(_documents(tmp_path / "docs"), _options(tmp_path / "out", executor="ray"))
    finally:
        ray.shutdown()
    message = str(failure.value)
    assert message.startswith("worker on node ")
    assert "\n" not in message and "argosmodel" in message


def test_two_nodes_whose_workers_have_no_store(argos_env: Path, tmp_path: Path,
                                               worker_env: dict[str, str],
                                               caplog: pytest.LogCaptureFixture) -> None:
    from ray.cluster_utils import Cluster

    docs = _documents(tmp_path / "docs")
    run(docs, _options(tmp_path / "local"))
    ray.shutdown()
    cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": 1})
    cluster.add_node(num_cpus=1)
    ray.init(address=cluster.address, log_to_driver=False,
             runtime_env={"env_vars": worker_env})
    try:
        with caplog.at_level(logging.DEBUG, logger="translator.executors.ray"):
            run(docs, _options(tmp_path / "ray", executor="ray"))
    finally:
        ray.shutdown()
        cluster.shutdown()
    nodes = {r.args[1] for r in caplog.records if r.msg.startswith("%d document(s) translated")}
    assert len(nodes) == 2  # one worker per node by default, both given shards
    assert _catalogues(tmp_path / "ray") == _catalogues(tmp_path / "local")
