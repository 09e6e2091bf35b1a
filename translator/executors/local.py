"""The executor of one machine: shard after shard, one engine call per shard and language.

A shard holds thousands of texts, so CTranslate2 still gets large, length-sorted batches:
that, not the number of documents, is what makes a batch fast.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from translator.executors.base import Results, Shard, Task
from translator.service import Service

ENGINE_CALL = 2000  # texts per engine call: large length-sorted batches, bounded memory


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
        results: Results = {}
        # A shard is whole documents, and one large page is tens of thousands of texts: the
        # engine's working data (inline spans, alignments) is kept for one slice at a time.
        for at in range(0, len(items), ENGINE_CALL):
            part = items[at:at + ENGINE_CALL]
            step = _shifted(progress, done)
            results.update(service.translate(part, src, tgt, progress=step))
            step(len(part))  # all of this slice, even when the engine reported less
            done += len(part)
        for task in group:
            yield task, {item: results[item] for item in task.items}


def _shifted(progress: Callable[[int], None] | None, base: int) -> Callable[[int], None]:
    """``progress`` told ``base`` more than a part of the work counts."""
    return lambda n: progress(base + n) if progress is not None else None
