"""Where tasks run: in this process, in a pool of processes on this machine, or on a Dask cluster.

:func:`run_all` calls ``function(task)`` for every task and hands each result to
``on_result(index, result)`` in the parent process as soon as it is ready (the
parent writes the outputs, so two workers never write the same file); it returns
the results in the order of the tasks, whatever order they finished in.

- ``jobs=1`` (or a single task): in this process, one after another.
- ``jobs=N``: a ``ProcessPoolExecutor`` of N processes started by a fork server
  (the parent's threads, e.g. a progress bar, are not forked), whose initializer
  loads every model and dictionary once per worker (``tasks.load_resources``)
  and limits BLAS to one thread. Workers ignore Ctrl-C (the parent stops the
  batch) and end within a second of the parent if it is killed.
- ``dask=ADDRESS``: the tasks of an existing Dask cluster (``align.job.cluster``).

At most a few tasks per worker are in flight at a time, so a batch of thousands
of pairs does not hold thousands of documents in memory. A worker process that
dies (killed, out of memory) fails the tasks it left unfinished; the others go on
in a new pool.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Sequence

from align.job.tasks import load_resources

Function = Callable[[Any], Any]
OnResult = Callable[[int, Any], None]
OnError = Callable[[Any, BaseException], Any]  # (task, what went wrong in the machinery) -> a result
PER_WORKER = 3  # tasks in flight per worker


def default_jobs() -> int:
    """The cores this process may use (``os.cpu_count()``, less any affinity mask such as ``taskset``'s)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def run_all(
    function: Function,
    tasks: Sequence[Any],
    on_result: OnResult,
    on_error: OnError,
    *,
    jobs: int | None = None,
    fast: bool = False,
    mining: bool = False,
    dask: str | None = None,
    prepare: Callable[[Any], Any] | None = None,
) -> list[Any]:
    """Run ``function`` on every task; ``on_result`` sees each result once, in the parent, as it arrives.

    ``prepare(task)`` turns a task into what is sent (e.g. reads the documents'
    bytes into it for Dask) just before it is submitted.
    """
    results: list[Any] = [None] * len(tasks)

    def deliver(index: int, result: Any) -> None:
        results[index] = result
        on_result(index, result)

    if not tasks:
        return results
    if dask:
        from align.job.cluster import run_on_cluster

        run_on_cluster(dask, function, tasks, deliver, on_error, fast=fast, mining=mining, prepare=prepare)
        return results
    jobs = min(jobs or default_jobs(), len(tasks))
    if jobs <= 1:
        load_resources(fast, mining)
        for index, task in enumerate(tasks):
            deliver(index, function(prepare(task) if prepare else task))
        return results
    _run_in_pool(function, tasks, deliver, on_error, jobs, fast, mining, prepare)
    return results


def _start_worker(fast: bool, mining: bool, parent: int) -> None:
    """A pool worker's initializer: leave Ctrl-C to the parent, end with it, load the resources."""
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the batch; no traceback from every worker
    threading.Thread(target=_watch, args=(parent,), name="bitext-parent-watch", daemon=True).start()
    load_resources(fast, mining, worker=True)


def _watch(parent: int) -> None:
    """End this worker when the parent process is gone (killed: nobody would read its results)."""
    import time

    while True:
        time.sleep(1.0)
        try:
            os.kill(parent, 0)
        except (ProcessLookupError, PermissionError):  # gone (or its pid reused by another user's process)
            os._exit(1)


PRELOAD = ["align.job.tasks", "align.aligner", "align.aligner.mining", "align.read.reader", "align.formats"]


def _context():
    """A fork server where there is one (it imports the code once; each worker is a fork of it), else spawn."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def _run_in_pool(function, tasks, deliver, on_error, jobs, fast, mining, prepare) -> None:
    remaining = list(range(len(tasks)))
    while remaining:
        remaining = _pool_pass(function, tasks, remaining, deliver, on_error, jobs, fast, mining, prepare)


def _pool_pass(function, tasks, indices, deliver, on_error, jobs, fast, mining, prepare) -> list[int]:
    """Run ``indices`` in one pool; if the pool breaks, fail the tasks that were running and return those not started."""
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_context(), initializer=_start_worker,
                               initargs=(fast, mining, os.getpid()))
    queue = list(reversed(indices))
    running: dict[Future, int] = {}
    finished = False
    try:
        while queue or running:
            while queue and len(running) < jobs * PER_WORKER:
                index = queue.pop()
                running[pool.submit(function, prepare(tasks[index]) if prepare else tasks[index])] = index
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            broken = False
            for future in sorted(done, key=running.__getitem__):
                index = running.pop(future)
                try:
                    result = future.result()
                except BrokenProcessPool as error:
                    broken = error
                    result = on_error(tasks[index], error)
                except Exception as error:  # the result could not travel back (pickling...)
                    result = on_error(tasks[index], error)
                deliver(index, result)
            if broken:
                for future, index in sorted(running.items(), key=lambda item: item[1]):
                    error = future.exception() if future.done() else broken
                    deliver(index, future.result() if error is None else on_error(tasks[index], error))
                finished = True
                return list(reversed(queue))
        finished = True
        return []
    finally:
        if not finished:  # interrupted (Ctrl-C...): stop the workers now rather than after their current pair
            for process in (getattr(pool, "_processes", None) or {}).values():
                process.terminate()
        pool.shutdown(wait=finished, cancel_futures=True)
