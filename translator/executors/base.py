"""What every executor shares: the task and shard types, and how shards are cut."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from translator.service import Kind, Outcome

Item = tuple[Kind, str]  # (kind, text), as Service.translate takes them
Results = dict[Item, Outcome]


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
