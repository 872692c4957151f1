"""Apertium process chains started once in null-flush mode (`-z`) and fed block after block.

An Apertium stage started with -z processes its input up to a NUL byte, writes the result and a NUL,
flushes, and waits for more: a chain pays its start-up (about 0.4 s, the transducers loading) once per
process that keeps it, not once per call. Analysers, transfer and generators keep nothing from one block
to the next; apertium-tagger may (review.core.text.tagging runs it between chains, as a relay).

A FlushPipeline is one or more chains joined in this process by relays: a relay gets each block that one
chain writes and returns what the next chain reads (and `finish` each block the last one writes), each in a
thread of its own, one block after the other in order (review.core.text.warm keeps what its relay sees). A pipeline
whose processes die (its output ends before a block's NUL), fail, or stall (no output for `stall_seconds`;
STARTUP_SECONDS more for the first output after a start) is killed and raises ApertiumError; its next call
starts it again.
"""
from __future__ import annotations

import os
import queue
import select
import shlex
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import IO

from review.core.text.apertium import ApertiumError, start_thread

RELAYS_AT_ONCE = 1  # blocks relayed (or finished) at a time: one, so that relays see the blocks in order
STALL_SECONDS = 60.0  # no output at all for this long while blocks are pending: the chain hangs
STARTUP_SECONDS = 60.0  # more time for a chain's first output after it started (its transducers load)
Relay = Callable[[bytes], bytes]
Commands = Sequence[Sequence[str]]


class FlushPipeline:
    """Chains of processes kept running between calls; `run` sends blocks through them all, in order."""

    def __init__(self, chains: Sequence[Commands], stall_seconds: float = STALL_SECONDS) -> None:
        self.chains = [tuple(tuple(command) for command in chain) for chain in chains]
        self.stall_seconds = stall_seconds
        self.processes: list[list[subprocess.Popen[bytes]]] = []
        self.errors: IO[bytes] | None = None
        self.started = 0  # how many times the processes were started (a restart makes it 2, ...)

    def run(self, blocks: Sequence[bytes], relays: Sequence[Relay] = (),
            finish: Relay = lambda block: block) -> list[bytes]:
        """finish(each block's output) (without its NUL), called as they come. `relays` join chain i to chain i + 1
        (one fewer than chains); all run in threads of their own."""
        if len(relays) != len(self.chains) - 1:
            raise ValueError(f"{len(self.chains)} chains need {len(self.chains) - 1} relays")
        if not blocks:
            return []
        first_wait = self.stall_seconds
        if not self.alive():
            self.close()
            self._start()
            first_wait += STARTUP_SECONDS
        failures: list[BaseException] = []
        threads = [start_thread(failures, _feed, self.processes[0][0].stdin, blocks)]
        threads += [start_thread(failures, _relay, self.processes[i][-1].stdout, self.processes[i + 1][0].stdin,
                            relay, len(blocks), failures) for i, relay in enumerate(relays)]
        try:
            outputs = self._collect(len(blocks), failures, finish, first_wait)
        except BaseException:
            self.close()  # ends the threads too: their pipes close
            raise
        finally:
            for thread in threads:
                thread.join()
        if failures:
            self.close()
            raise failures[0]
        return outputs

    def alive(self) -> bool:
        return bool(self.processes) and all(p.poll() is None for chain in self.processes for p in chain)

    def pids(self) -> list[int]:
        """Process ids of every stage (for tests that kill one)."""
        return [process.pid for chain in self.processes for process in chain]

    def close(self) -> None:
        """Kill every process (a later `run` starts them again)."""
        for chain in self.processes:
            for process in chain:
                for stream in (process.stdin, process.stdout):
                    if stream is not None:
                        try:
                            stream.close()
                        except OSError:
                            pass
                if process.poll() is None:
                    process.kill()
                process.wait()
        self.processes = []
        if self.errors is not None:
            self.errors.close()
            self.errors = None

    def __enter__(self) -> FlushPipeline:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _start(self) -> None:
        self.errors = tempfile.TemporaryFile()
        try:
            for chain in self.chains:
                started: list[subprocess.Popen[bytes]] = []
                for command in chain:
                    try:
                        process = subprocess.Popen(command, stdin=started[-1].stdout if started else subprocess.PIPE,
                                                   stdout=subprocess.PIPE, stderr=self.errors)
                    except FileNotFoundError as exc:
                        raise ApertiumError(f"{command[0]!r} not found: install `apertium-eng-spa` with apt-get") from exc
                    if started:
                        started[-1].stdout.close()  # type: ignore[union-attr]  # the next process holds it now
                        started[-1].stdout = None
                    started.append(process)
                self.processes.append(started)
        except BaseException:
            self.processes.append(started)
            self.close()
            raise
        self.started += 1

    def _collect(self, count: int, failures: list[BaseException], finish: Relay, first_wait: float) -> list[bytes]:
        """finish(each of `count` NUL-ended blocks from the last chain's output), RELAYS_AT_ONCE at a time, in order."""
        fd = self.processes[-1][-1].stdout.fileno()  # type: ignore[union-attr]
        with ThreadPoolExecutor(RELAYS_AT_ONCE) as pool:
            finishing = self._blocks(fd, count, failures, lambda block: pool.submit(finish, block), first_wait)
            return [future.result() for future in finishing]

    def _blocks(self, fd: int, count: int, failures: list[BaseException],
                take: Callable[[bytes], Future[bytes]], first_wait: float) -> list[Future[bytes]]:
        outputs: list[Future[bytes]] = []
        parts: list[bytes] = []
        wait = first_wait
        while len(outputs) < count:
            ready, _, _ = select.select([fd], [], [], wait)
            wait = self.stall_seconds
            if failures:
                raise failures[0]
            if not ready:
                raise ApertiumError(f"apertium stalled: no output for {wait:g} s")
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                raise ApertiumError(f"apertium ended before its output did: {self._failed()}")
            *ends, rest = chunk.split(b"\0")
            for end in ends:
                parts.append(end)
                outputs.append(take(b"".join(parts)))
                parts = []
            if rest:
                parts.append(rest)
        if parts or len(outputs) > count:
            raise ApertiumError("apertium wrote more blocks than it was given")
        return outputs

    def _failed(self) -> str:
        """Which stages ended, and their error output."""
        time.sleep(0.05)  # the others see their input end
        stages = [f"{shlex.join(p.args)} ({p.poll()})" for chain in self.processes for p in chain  # type: ignore[arg-type]
                  if p.poll() is not None]
        errors = b""
        if self.errors is not None:
            self.errors.seek(0)
            errors = self.errors.read()[-2000:]
        return f"{', '.join(stages) or 'no stage exited'}: {errors.decode(errors='replace').strip()}"


def _feed(stream: IO[bytes], blocks: Sequence[bytes]) -> None:
    try:
        for block in blocks:
            stream.write(block + b"\0")
        stream.flush()
    except (BrokenPipeError, ValueError):  # the stage died (or was killed): the reader reports it
        pass


def _relay(source: IO[bytes], sink: IO[bytes], relay: Relay, count: int, failures: list[BaseException]) -> None:
    """`count` blocks from `source` to `sink`, each through `relay` and ended by a NUL again: RELAYS_AT_ONCE at a
    time, in order (a relay may wait on a process of its own) while this thread reads on, written on in order by a
    thread."""
    fd = source.fileno()
    ready: queue.SimpleQueue[Future[bytes] | None] = queue.SimpleQueue()
    writer = start_thread(failures, _write_on, ready, sink)
    pending: list[bytes] = []
    done = 0
    with ThreadPoolExecutor(RELAYS_AT_ONCE) as pool:
        try:
            while done < count:
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    return  # the chain died: the reader of the last chain sees its output end
                *ends, rest = chunk.split(b"\0")
                for end in ends:
                    pending.append(end)
                    ready.put(pool.submit(relay, b"".join(pending)))
                    pending = []
                    done += 1
                if rest:
                    pending.append(rest)
        finally:
            ready.put(None)
            writer.join()


def _write_on(ready: queue.SimpleQueue[Future[bytes] | None], sink: IO[bytes]) -> None:
    """Each relayed block, in order, to the next chain; a relay's exception ends the pipeline (its reader sees it)."""
    try:
        while (future := ready.get()) is not None:
            sink.write(future.result() + b"\0")
            sink.flush()
    except (BrokenPipeError, ValueError):
        pass
    except BaseException:
        sink.close()  # the next chain's input ends: the pipeline fails
        raise


class WarmProcess:
    """One null-flush process kept for the next question by the process that started it (a forked child starts its
    own), asked by one thread at a time; a process that dies or stalls is started again and asked once more, and a
    second failure raises `error`."""

    def __init__(self, command: Sequence[str], error: type[Exception]) -> None:
        self.command = tuple(command)
        self.error = error
        self._process: FlushPipeline | None = None
        self._owner = 0  # the pid that started _process
        self._turn = threading.Lock()

    def ask(self, block: bytes) -> str:
        """The process's output for the block."""
        with self._turn:
            if self._process is None or self._owner != os.getpid():  # a forked child leaves its parent's alone
                self._process = FlushPipeline([[self.command]])
                self._owner = os.getpid()
            try:
                return self._process.run([block])[0].decode("utf-8")
            except ApertiumError:
                pass  # the pipeline killed itself: this run starts it again
            try:
                return self._process.run([block])[0].decode("utf-8")
            except ApertiumError as exc:
                raise self.error(f"{shlex.join(self.command)}: {exc}") from exc

    def close(self) -> None:
        """Stop this process's copy (a later question starts it again)."""
        with self._turn:
            if self._process is not None and self._owner == os.getpid():
                self._process.close()
            self._process = None
