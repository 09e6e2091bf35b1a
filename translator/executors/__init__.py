"""Where the engine runs: in this process (``local``) or on a Ray cluster (``ray``).

The pipeline plans the work (what each document's catalogue still needs translated) and
writes the catalogues; an executor only turns each task's texts into outcomes, with the
same ``Service`` (engine, glossary enforcement, protection) wherever it runs. Ray is
imported only when the ``ray`` executor is asked for.

Both executors translate the same shards (whole documents, cut by ``shards`` from the tasks
alone), one engine call per shard and language: CTranslate2's output — the attention that
places markup above all — depends slightly on which texts share a batch, so the same shards
are what makes a cluster run byte-identical to a local one.
"""

from __future__ import annotations

from translator.errors import UsageError
from translator.executors.base import SHARD_SIZE, Executor, Results, Shard, Task, shards
from translator.service import Service

__all__ = ["NAMES", "SHARD_SIZE", "Executor", "Results", "Shard", "Task", "make_executor",
           "shards"]
NAMES = ("local", "ray")


def make_executor(name: str, service: Service, *, address: str | None = None,
                  workers: int | None = None) -> Executor:
    """The executor called ``name``; ``address`` and ``workers`` only apply to Ray."""
    if name == "local":
        from translator.executors.local import LocalExecutor

        return LocalExecutor(service)
    if name == "ray":
        from translator.executors.ray import RayExecutor

        return RayExecutor(service, address=address, workers=workers)
    raise UsageError(f"unknown executor {name!r}; choose one of: {', '.join(NAMES)}")
