"""How much of the machine a build may use, and the worker processes it hands work to.

KB_PARALLEL=0 makes a build use one process: every job then runs in that process, in order.
Workers are started from a clean server process ("forkserver"), never forked from the build
itself: under `mkdocs serve` the build runs in a thread beside the HTTP and file-watching threads.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any, TypeVar

T = TypeVar("T")


def parallel() -> bool:
    return os.environ.get("KB_PARALLEL") != "0" and (os.cpu_count() or 1) > 1


def spare_cores() -> int:
    """Cores beyond the one the build runs on (0 when the build must stay in one process)."""
    return (os.cpu_count() or 1) - 1 if parallel() else 0


class InlineExecutor(Executor):
    """Runs each job at once, in this process: the executor of a one-process build."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # handed to whoever asks for the result, as a pool would
            future.set_exception(exc)
        return future


def worker_pool(workers: int) -> Executor:
    """`workers` processes, or this process if there are none to spare."""
    if workers < 1:
        return InlineExecutor()
    return ProcessPoolExecutor(max_workers=workers, mp_context=get_context("forkserver"))
