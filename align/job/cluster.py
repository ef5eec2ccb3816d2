"""Running the tasks of a batch on an existing Dask distributed cluster (``--dask ADDRESS``).

bitext manages no cluster: start a scheduler (``dask scheduler``) and workers
(``dask worker ADDRESS --nworkers -1 --nthreads 1``) on any machines with bitext and its
``dask`` extra installed; see ``docs/scale-out.md``. The client (this process)
reads each pair's two files and sends their bytes in the task (workers need
not share its file system), a worker plugin loads the models and dictionaries
once per worker, and each result comes back with the output file(s) as bytes,
which the client writes into its output folder (atomically, through the ledger).

``distributed`` is imported only here, only when ``--dask`` is given.
"""

from __future__ import annotations

import uuid
from typing import Any, Callable, Sequence

from align.core.errors import UsageError
from align.job.tasks import load_resources

PER_THREAD = 3  # tasks in flight per worker thread

try:
    import distributed
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # pragma: no cover - exercised without the extra
    distributed = None
    WorkerPlugin = object


class LoadResources(WorkerPlugin):
    """Loads every model and dictionary of the aligner once per worker, and keeps BLAS to one thread."""

    name = "bitext-resources"

    def __init__(self, fast: bool = False, mining: bool = False):
        self.fast = fast
        self.mining = mining

    def setup(self, worker) -> None:
        if getattr(worker, "nthreads", 1) > 1:
            import logging

            logging.getLogger("distributed.worker").warning(
                "bitext: this worker runs %s threads; start workers with --nthreads 1 (alignment is CPU-bound Python, "
                "and a pair's warnings may be reported with another pair)", worker.nthreads)
        load_resources(self.fast, self.mining, worker=True)


def connect(address: str):
    """A ``distributed.Client`` on the scheduler at ``address``; UsageError if dask is missing or unreachable."""
    if distributed is None:
        raise UsageError("--dask needs Dask distributed: pip install 'bitext[dask]' (on the workers too)")
    try:
        return distributed.Client(address, timeout="20s")
    except (OSError, TimeoutError, ValueError) as error:
        raise UsageError(f"cannot reach the Dask scheduler at {address}: {error}") from None


def run_on_cluster(
    address: str,
    function: Callable[[Any], Any],
    tasks: Sequence[Any],
    deliver: Callable[[int, Any], None],
    on_error: Callable[[Any, BaseException], Any],
    *,
    fast: bool = False,
    mining: bool = False,
    prepare: Callable[[Any], Any] | None = None,
) -> None:
    """Submit ``function(prepare(task))`` for every task; ``deliver(index, result)`` each as it comes back."""
    client = connect(address)
    try:
        client.register_plugin(LoadResources(fast, mining))
        threads = max(sum(client.nthreads().values()), 1)
        run = uuid.uuid4().hex[:8]
        queue = list(reversed(range(len(tasks))))
        running: dict[Any, int] = {}
        while queue or running:
            while queue and len(running) < threads * PER_THREAD:
                index = queue.pop()
                task = prepare(tasks[index]) if prepare else tasks[index]
                name = getattr(task, "name", str(index))
                running[client.submit(function, task, key=f"bitext-{run}-{index}-{name}", pure=False, retries=0)] = index
            done, _ = distributed.wait(list(running), return_when="FIRST_COMPLETED")
            for future in sorted(done, key=running.__getitem__):
                index = running.pop(future)
                try:
                    result = future.result()
                except Exception as error:  # a worker died (KilledWorker), the result did not travel...
                    result = on_error(tasks[index], error)
                future.release()
                deliver(index, result)
    finally:
        client.close()
