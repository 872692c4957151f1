"""apertium-tagger kept warm between documents, started again whenever a document changed its state.

In null-flush mode (`-z`) apertium-tagger tags block after block in one process, and its HMM starts every
block from the state a new process starts from (apertium hmm.cc, HMM::tagger: a block ends with an
end-of-file word, which is unambiguous, so no word is pending, and at the NUL the previous tags and their
score are reset to the sentence end's). One thing does carry over: a word whose set of tags is no ambiguity
class of the trained tagger is given the most similar class, and finding it overwrites the tagger's open
class (tagger_utils.cc, find_similar_ambiguity_class assigns through a reference to it), the tags of every
later unknown word. With -d the tagger reports each such word on its error output (-d changes nothing else
but other reports there), before the block's NUL (cerr is unbuffered). So a WarmTagger sends a block, reads
its output up to the NUL and, if the error output grew meanwhile, starts a new process for the next block:
every block gets the tags a process of its own would give it (checked on the 100 WMT dev articles, both
languages: about a quarter of the documents need a new process after them).
"""
from __future__ import annotations

import os
import select
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from typing import IO

from review.core.text.apertium import ApertiumError
from review.core.text.flushing import STALL_SECONDS


class WarmTagger:
    """`command` (apertium-tagger and its options, without -z) run with -z -d, one block at a time (thread-safe)."""

    def __init__(self, command: Sequence[str], stall_seconds: float = STALL_SECONDS) -> None:
        self.command = (command[0], "-z", "-d", *command[1:])
        self.stall_seconds = stall_seconds
        self.process: subprocess.Popen[bytes] | None = None
        self.errors: IO[bytes] | None = None
        self._lock = threading.Lock()

    def tag(self, block: bytes) -> bytes:
        """The tagger's output for one block (without its NUL); ApertiumError if the process fails or stalls."""
        with self._lock:
            if self.process is None or self.process.poll() is not None:
                self._start()
            try:
                output = self._exchange(block + b"\0")
            except BaseException:
                self.close()
                raise
            if os.fstat(self.errors.fileno()).st_size:  # type: ignore[union-attr]  # its state changed
                self.close()
                self._start()  # now, so that it loads before the next block comes
            return output

    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    def close(self) -> None:
        if self.process is not None:
            for stream in (self.process.stdin, self.process.stdout):
                if stream is not None:
                    stream.close()
            if self.process.poll() is None:
                self.process.kill()
            self.process.wait()
            self.process = None
        if self.errors is not None:
            self.errors.close()
            self.errors = None

    def _start(self) -> None:
        self.close()
        self.errors = tempfile.TemporaryFile()
        try:
            self.process = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                            stderr=self.errors, bufsize=0)
        except FileNotFoundError as exc:
            raise ApertiumError(f"{self.command[0]!r} not found: install `apertium-eng-spa` with apt-get") from exc
        os.set_blocking(self.process.stdin.fileno(), False)  # type: ignore[union-attr]

    def _exchange(self, data: bytes) -> bytes:
        """Write `data` and read up to the first NUL at once (a block larger than the pipes must be read while written)."""
        stdin = self.process.stdin.fileno()  # type: ignore[union-attr]
        stdout = self.process.stdout.fileno()  # type: ignore[union-attr]
        pending = memoryview(data)
        parts: list[bytes] = []
        while True:
            readable, writable, _ = select.select([stdout], [stdin] if pending else [], [], self.stall_seconds)
            if not readable and not writable:
                raise ApertiumError(f"{self.command[0]} stalled: no output for {self.stall_seconds:g} s")
            if writable:
                try:
                    pending = pending[os.write(stdin, pending[:1 << 16]):]
                except BrokenPipeError:
                    raise ApertiumError(f"{self.command[0]} ended: {self._failure()}") from None
            if readable:
                chunk = os.read(stdout, 1 << 16)
                if not chunk:
                    raise ApertiumError(f"{self.command[0]} ended before its output did: {self._failure()}")
                parts.append(chunk)
                if b"\0" in chunk:
                    break
        output = b"".join(parts)
        if pending or output.index(b"\0") != len(output) - 1:
            raise ApertiumError(f"{self.command[0]} wrote a block's end before reading all of it")
        return output[:-1]

    def _failure(self) -> str:
        self.errors.seek(0)  # type: ignore[union-attr]
        return self.errors.read()[-2000:].decode(errors="replace").strip()  # type: ignore[union-attr]
