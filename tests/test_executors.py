"""Executors without a cluster: shards, choosing an executor, the missing extra."""

from __future__ import annotations

import sys

import pytest

from translator.errors import UsageError
from translator.executors import Task, make_executor, shards


def test_shards_keep_documents_whole_and_in_order() -> None:
    tasks = [Task(i, "uk", (("text", str(i)),) * n) for i, n in enumerate([7, 1, 2, 9, 3])]
    cut = shards(tasks, 5)
    assert [t.key for shard in cut for t in shard] == [0, 1, 2, 3, 4]
    assert [[t.key for t in shard] for shard in cut] == [[0], [1, 2], [3], [4]]
    assert shards([], 5) == []


def test_without_ray_the_executor_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)
    with pytest.raises(UsageError, match=r"pip install 'translator\[ray\]'"):
        make_executor("ray", service=None)  # type: ignore[arg-type]  # never reached


def test_an_unknown_executor_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown executor"):
        make_executor("slurm", service=None)  # type: ignore[arg-type]  # never reached
