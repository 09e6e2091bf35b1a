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

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from translator.errors import UsageError
from translator.service import Outcome, Service

Item = tuple[str, str]  # (kind, text), as Service.translate takes them
Results = dict[Item, Outcome]
NAMES = ("local", "ray")


@dataclass(frozen=True)
class Task:
    """The texts one document needs in one target language."""

    key: int
    tgt: str
    items: tuple[Item, ...]


Shard = list[Task]
SHARD_SIZE = 2000  # items: large enough for well-filled, length-sorted engine batches


class Executor(Protocol):
    """Translates shards and yields each task's results as soon as they are ready."""

    def run(self, shards: Sequence[Shard], src: str,
            progress: Callable[[int], None] | None = None) -> Iterator[tuple[Task, Results]]:
        """``progress(n)`` is told how many items are done so far, over all shards."""
        ...


def shards(tasks: Sequence[Task], size: int = SHARD_SIZE) -> list[Shard]:
    """Tasks in order, cut into shards of whole documents of about ``size`` items.

    >>> tasks = [Task(i, "uk", (("text", "x"),) * n) for i, n in enumerate([3, 2, 4, 1])]
    >>> [[t.key for t in shard] for shard in shards(tasks, 5)]
    [[0, 1], [2, 3]]
    """
    cut: list[Shard] = []
    load = size
    for task in tasks:
        if load + len(task.items) > size and load:
            cut.append([])
            load = 0
        cut[-1].append(task)
        load += len(task.items)
    return cut


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
