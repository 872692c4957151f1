"""An ordered map over indices shared by this process and forked helpers (where fork exists).

This process works on the items too, rather than waiting on a pool: with `processes` cores, it and
`processes - 1` forked helpers each take the next index nobody has taken (a counter in shared memory),
so a long item holds no other back. A helper computes `remote(index)` on the data it inherited and sends
the result back through a pipe (read here by one thread per helper, so that a helper never waits on a
full pipe); `rebuild(index, result)` turns it into what `local(index)` gives. Compared with a
multiprocessing.Pool of `processes` workers, this spares one fork, the pool's handler threads (a few
milliseconds of this process's time per task) and the round trip of the items done here.
"""
from __future__ import annotations

import multiprocessing
import queue
import threading
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from multiprocessing.sharedctypes import Synchronized
from typing import TypeVar

Local = TypeVar("Local")
Remote = TypeVar("Remote")


class HelperDied(RuntimeError):
    """A forked helper ended without sending back a result it had taken on."""


def ordered_map(count: int, processes: int, local: Callable[[int], Local], remote: Callable[[int], Remote],
                rebuild: Callable[[int, Remote], Local]) -> Iterator[Local]:
    """local(index) for each index in range(count), in order, computed by this process and processes - 1 helpers.

    A helper's exception is raised here; so is HelperDied if one is killed. Call it with no other thread
    running (fork copies only the calling thread)."""
    context = multiprocessing.get_context("fork")
    taken: Synchronized[int] = context.Value("q", 0)  # type: ignore[assignment]
    results: queue.SimpleQueue[tuple[int, object] | None] = queue.SimpleQueue()  # None: a helper has ended
    helpers: list[tuple[multiprocessing.process.BaseProcess, Connection]] = []
    drains: list[threading.Thread] = []
    try:
        for _ in range(processes - 1):
            receiver, sender = context.Pipe(duplex=False)
            helper = context.Process(target=_help, args=(taken, count, remote, sender), daemon=True)
            helper.start()
            sender.close()
            helpers.append((helper, receiver))
        drains = [threading.Thread(target=_drain, args=(receiver, results), daemon=True) for _, receiver in helpers]
        for drain in drains:  # threads only once every helper is forked
            drain.start()
        running = len(helpers)
        ready: dict[int, Local] = {}
        for index in range(count):
            while index not in ready:
                try:
                    found = results.get_nowait()
                except queue.Empty:
                    mine = _take(taken, count)
                    if mine is not None:
                        ready[mine] = local(mine)
                        continue
                    if not running:
                        raise HelperDied(f"no result for item {index}: a helper process ended early") from None
                    found = results.get()
                if found is None:
                    running -= 1
                    continue
                done, result = found
                if isinstance(result, _Failure):
                    raise result.exception
                ready[done] = rebuild(done, result)  # type: ignore[arg-type]
            yield ready.pop(index)
    finally:
        for helper, _ in helpers:
            helper.kill()
            helper.join()
        for drain in drains:  # each sees its pipe end once its helper is gone
            drain.join()
        for _, receiver in helpers:
            receiver.close()


class _Failure:
    """An exception raised in a helper, sent back to be raised in the parent."""

    def __init__(self, exception: BaseException) -> None:
        self.exception = exception


def _take(taken: Synchronized[int], count: int) -> int | None:
    """The next index nobody has taken, now taken; None when all are."""
    with taken.get_lock():
        index = taken.value
        if index >= count:
            return None
        taken.value = index + 1
        return index


def _help(taken: Synchronized[int], count: int, remote: Callable[[int], object], sender: Connection) -> None:
    """A helper's life: take indices until none is left, sending each result (or the exception) back."""
    with sender:
        while (index := _take(taken, count)) is not None:
            try:
                result: object = remote(index)
            except Exception as exc:  # noqa: BLE001  (raised again in the parent)
                result = _Failure(exc)
            try:
                sender.send((index, result))
            except Exception as exc:  # noqa: BLE001  (an exception that cannot be pickled)
                sender.send((index, _Failure(RuntimeError(f"helper failed on item {index}: {exc!r}"))))
            if isinstance(result, _Failure):
                return


def _drain(receiver: Connection, results: queue.SimpleQueue[tuple[int, object] | None]) -> None:
    """Move one helper's results to the queue as they come; None once it has ended (its pipe is closed)."""
    try:
        while True:
            results.put(receiver.recv())
    except (EOFError, OSError):
        results.put(None)
