"""The executor of a Ray cluster: model-holding actors translate shards of whole documents.

Why Ray actors and not Ray Data: the unit of work is a document's list of texts, results
must come back to the driver document by document (it alone writes catalogues), and a
shard lost with its worker must be sent again. A pool of actors, ``ray.wait`` and a queue
do all three in a few lines; Ray Data's ``map_batches`` would add a dataset layer, row
conversion and its own scheduler for no gain here.

Models travel with the job: the driver packs each package the run needs into an
``.argosmodel`` archive once and puts it in Ray's object store; each worker unpacks it into
its own cache through the same archive validation as ``translator models install``, and
never looks at an Argos store of its own node. The glossary travels the same way.
"""

from __future__ import annotations

import io
import logging
import os
import tempfile
import zipfile
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from translator.errors import TranslatorError, UsageError
from translator.executors.base import Results, Shard, Task
from translator.service import Service, Settings

log = logging.getLogger(__name__)

INSTALL_HINT = "the ray executor needs Ray: pip install 'translator[ray]'"
ATTEMPTS = 3  # restarts of a worker, and retries of its shard, before the run fails


@dataclass(frozen=True)
class _Shipment:
    """What a worker needs besides the archives: file names and engine settings."""

    archives: tuple[str, ...]
    glossary: str | None
    settings: Settings


class RayExecutor:
    """Runs the service in ``workers`` Ray actors; the driver keeps reading and writing."""

    def __init__(self, service: Service, *, address: str | None = None,
                 workers: int | None = None) -> None:
        try:
            import ray
        except ImportError:
            raise UsageError(INSTALL_HINT) from None
        self.service = service
        self.address = address or os.environ.get("RAY_ADDRESS") or None
        self.workers = workers
        self._ray = ray

    def run(self, shards: Sequence[Shard], src: str,
            progress: Callable[[int], None] | None = None) -> Iterator[tuple[Task, Results]]:
        if not shards:
            return
        ray = self._ray
        if not ray.is_initialized():
            # Ray's notice that its new local instance uses token authentication (the safe
            # default) is not news to a translator's user
            logging.getLogger("ray._private.authentication").setLevel(logging.ERROR)
            ray.init(address=self.address, include_dashboard=False, log_to_driver=False,
                     configure_logging=False)
        workers, cpus = self._size()
        actors = self._start(workers, cpus)
        shipment, refs = self._ship(src, {t.tgt for shard in shards for t in shard}, cpus)
        queue = deque(shards)
        idle = list(actors)
        pending: dict[Any, tuple[Any, Shard]] = {}
        done = 0
        while queue or pending:
            while idle and queue:
                actor, shard = idle.pop(), queue.popleft()
                pending[actor.translate.remote(shard, src, shipment, refs)] = (actor, shard)
            [ready], _ = ray.wait(list(pending), num_returns=1)
            actor, shard = pending.pop(ready)
            try:
                node, answer = ray.get(ready)
            except ray.exceptions.RayActorError as error:  # Ray's restarts and retries ran out
                raise TranslatorError(f"a shard of {len(shard)} document(s) was lost with its "
                                      f"worker {ATTEMPTS + 1} times: {error.error_msg}") from None
            if isinstance(answer, str):  # a TranslatorError raised on the worker, one line
                raise TranslatorError(answer)
            log.debug("%d document(s) translated on node %s", len(shard), node)
            idle.append(actor)
            for task, results in zip(shard, answer, strict=True):
                yield task, results  # the driver writes the catalogue, then it counts
                done += len(task.items)
                if progress is not None:
                    progress(done)

    def _size(self) -> tuple[int, int]:
        """How many actors, and how many CPUs each: by default one per node, each with
        the cores of the smallest node."""
        nodes = [n for n in self._ray.nodes() if n.get("Alive")]
        node_cpus = [int(n.get("Resources", {}).get("CPU", 1)) for n in nodes] or [1]
        total = sum(node_cpus)
        workers = self.workers or len(nodes) or 1
        return workers, max(1, min(min(node_cpus), total // workers))

    def _start(self, workers: int, cpus: int) -> list[Any]:
        """The actors. Ray restarts one that dies (killed, out of memory, its node lost) —
        on another node if its own is gone — and sends it the shard it held again."""
        worker = self._ray.remote(num_cpus=cpus, max_restarts=ATTEMPTS,
                                  max_task_retries=ATTEMPTS)(Worker)
        return [worker.remote() for _ in range(workers)]

    def _ship(self, src: str, targets: set[str], cpus: int) -> tuple[_Shipment, list[Any]]:
        """The run's models (and glossary), each put in the object store once."""
        from translator.engine.routing import route

        needed = {p.path: p for tgt in sorted(targets)
                  for p in route(self.service.packages, src, tgt)}
        refs = [self._ray.put(pack(path)) for path in needed]
        names = tuple(f"{i}-{path.name}.argosmodel" for i, path in enumerate(needed))
        settings = self.service.settings
        glossary = settings.glossary
        if glossary is not None:
            refs.append(self._ray.put(Path(glossary).read_bytes()))
        shipment = _Shipment(names, Path(glossary).name if glossary else None,
                             replace(settings, models=[], glossary=None,
                                     threads=settings.threads or cpus))
        return shipment, refs


def pack(folder: Path) -> bytes:
    """An installed or unpacked package folder as an ``.argosmodel`` archive (a zip with
    the folder on top), so it ships as one object and installs with the same checks."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.is_symlink():
                archive.write(path, f"{folder.name}/{path.relative_to(folder).as_posix()}")
    return buffer.getvalue()


class Worker:
    """A Ray actor: unpacks the shipped models into its own cache, then translates shards.

    The models come with each call as object references (handles, not bytes) and are
    fetched and unpacked on the first: a worker that Ray restarts after a crash loads them
    again by itself. Errors of ours come back as their one-line text, naming this node, so
    the driver fails the run with one clear line instead of a remote traceback.
    """

    def __init__(self) -> None:
        import ray

        self.node: str = ray.util.get_node_ip_address()
        self.node_id: str = ray.get_runtime_context().get_node_id()
        self.service: Service | None = None

    def translate(self, shard: Shard, src: str, shipment: _Shipment,
                  refs: list[Any]) -> tuple[str, list[Results] | str]:
        """This node's id, and the shard's results in task order or one line saying what
        went wrong here."""
        from translator.executors.local import translate_shard

        try:
            service = self.service or self._load(shipment, refs)
            done = dict(translate_shard(service, shard, src))
        except TranslatorError as error:
            return self.node_id, f"worker on node {self.node}: {error}"
        except OSError as error:  # the worker's own disk: cache or temporary folder
            return self.node_id, f"worker on node {self.node}: {error.filename}: {error.strerror}"
        return self.node_id, [done[task] for task in shard]

    def _load(self, shipment: _Shipment, refs: list[Any]) -> Service:
        """Write the shipped archives and glossary to a folder of this worker's and open
        them with the same validation as an install (and a load check of each model)."""
        import ray

        blobs: list[bytes] = ray.get(refs)
        folder = Path(tempfile.mkdtemp(prefix="translator-worker-"))
        models = []
        for name, blob in zip(shipment.archives, blobs, strict=False):
            models.append(folder / name)
            models[-1].write_bytes(blob)
        glossary = None
        if shipment.glossary is not None:
            glossary = folder / shipment.glossary
            glossary.write_bytes(blobs[-1])
        from translator.engine.archive import open_package

        for name, path in zip(shipment.archives, models, strict=False):
            try:  # unpack, validate and load-check each model now, naming the one that fails
                open_package(path)
            except (TranslatorError, OSError) as error:
                reason = error.strerror if isinstance(error, OSError) else error.message
                raise TranslatorError(
                    f"cannot open model {name.split('-', 1)[1]}: {reason}") from None
        service = Service(replace(shipment.settings, models=models, glossary=glossary,
                                  use_store=False))
        self.service = service
        return service
