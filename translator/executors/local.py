"""The executor of one machine: shard after shard, one engine call per shard and language.

A shard holds thousands of texts, so CTranslate2 still gets large, length-sorted batches:
that, not the number of documents, is what makes a batch fast.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from translator.executors.base import Results, Shard, Task
from translator.service import Service


class LocalExecutor:
    """Runs the service in this process."""

    def __init__(self, service: Service) -> None:
        self.service = service

    def run(self, shards: Sequence[Shard], src: str,
            progress: Callable[[int], None] | None = None) -> Iterator[tuple[Task, Results]]:
        done = 0
        for shard in shards:
            yield from translate_shard(self.service, shard, src, _shifted(progress, done))
            done += sum(len(task.items) for task in shard)


def translate_shard(service: Service, shard: Shard, src: str,
                    progress: Callable[[int], None] | None = None
                    ) -> Iterator[tuple[Task, Results]]:
    """One engine call per target language of the shard; results split back by task."""
    done = 0
    for tgt in dict.fromkeys(task.tgt for task in shard):
        group = [task for task in shard if task.tgt == tgt]
        items = [item for task in group for item in task.items]
        step = _shifted(progress, done)
        results = service.translate(items, src, tgt, progress=step)
        step(len(items))  # all of this group, even when the engine reported less
        done += len(items)
        for task in group:
            yield task, {item: results[item] for item in task.items}


def _shifted(progress: Callable[[int], None] | None, base: int) -> Callable[[int], None]:
    """``progress`` told ``base`` more than a part of the work counts."""
    return lambda n: progress(base + n) if progress is not None else None
