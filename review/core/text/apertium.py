"""Apertium's translation pipeline run as two process chains around its tagger, keeping the tagged source.

`apertium -u PAIR` runs `apertium-destxt`, the pair's mode (analyser, tagger, pretransfer, lexical
transfer, ..., generators, as apertium-wblank-mode writes it out) and `apertium-retxt`. The mode's first
two stages are the source side's morphology, so `translate_tagged` runs the same processes but with the
tagger's `-p` (surface forms kept): the tagged stream comes back to this process, which keeps it and
passes it on to the rest of the mode with the surface forms taken out again, which is exactly what the
tagger writes without `-p`. One chain per call, never per line; the stream is passed on line by line, so
both chains run at once.
"""
from __future__ import annotations

import re
import shlex
import subprocess
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

MODES = Path("/usr/share/apertium/modes")
TIMEOUT_SECONDS = 600

_SURFACE = re.compile(r"\^[^/$^]*/")  # '^surface/' of a lexical unit, in a line with no escaped character
_SURFACE_ESCAPED = re.compile(r"(\\.)|\^(?:[^\\/$^]|\\.)*/")  # the same where backslash escapes may occur


class ApertiumError(RuntimeError):
    """A stage is missing, failed or timed out."""


def without_surfaces(line: str) -> str:
    """A line of `apertium-tagger -p` output as the tagger writes it without -p: '^sin/sin<pr>$' -> '^sin<pr>$'."""
    if "\\" not in line:
        return _SURFACE.sub("^", line)
    return _SURFACE_ESCAPED.sub(lambda match: match[1] or "^", line)


@dataclass(frozen=True)
class Chains:
    """A pair's translation pipeline split after its tagger: argv of every process of each part."""

    tagging: tuple[tuple[str, ...], ...]  # apertium-destxt, the analyser, ..., apertium-tagger -g -p
    rest: tuple[tuple[str, ...], ...]  # apertium-pretransfer, ..., the generators, apertium-retxt

    @classmethod
    def of(cls, pair: str, modes: Path = MODES) -> Chains:
        """The chains `apertium -u PAIR` runs: the mode with apertium-wblank-mode's stages, '$1' (the generator's
        unknown-word option) as -n, '$2' (a tagger option) empty."""
        script = run_stage(["apertium-wblank-mode", str(modes / f"{pair}.mode")], "")
        lexer = shlex.shlex(script, posix=True, punctuation_chars="|")
        lexer.whitespace_split = True
        stages: list[tuple[str, ...]] = [("apertium-destxt",)]
        command: list[str] = []
        for token in [*lexer, "|"]:
            if token != "|":
                command += {"$1": ["-n"], "$2": []}.get(token, [token])
            elif command:
                stages.append(tuple(command))
                command = []
        tagger = next((i for i, stage in enumerate(stages) if stage[0] == "apertium-tagger"), None)
        if tagger is None or "-g" not in stages[tagger]:
            raise ApertiumError(f"the {pair} mode has no apertium-tagger -g stage: {script.strip()}")
        stages[tagger] = (stages[tagger][0], "-p", *stages[tagger][1:])
        return cls(tuple(stages[:tagger + 1]), (*stages[tagger + 1:], ("apertium-retxt",)))


def translate_tagged(chains: Chains, text: str, keep: Callable[[str], None]) -> str:
    """`text` translated as `apertium -u` translates it; `keep` gets each line of the tagger's output (with surface
    forms) as it comes. Every process is killed after TIMEOUT_SECONDS."""
    processes: list[subprocess.Popen[bytes]] = []
    expired = threading.Event()
    failures: list[BaseException] = []  # raised in the threads that feed the chains

    def expire() -> None:
        expired.set()
        _kill(processes)

    timer = threading.Timer(TIMEOUT_SECONDS, expire)
    timer.start()
    with tempfile.TemporaryFile() as errors:
        try:
            tagging = _chain(chains.tagging, processes, errors)
            rest = _chain(chains.rest, processes, errors)
            threads = [_thread(failures, _feed, tagging[0].stdin, text),
                       _thread(failures, _pass_on, tagging[-1].stdout, rest[0].stdin, keep)]
            with rest[-1].stdout as output:  # type: ignore[union-attr]
                translated = output.read()
            for thread in threads:
                thread.join()
            for process in processes:
                process.wait()
        finally:
            timer.cancel()
            _kill(processes)
        if expired.is_set():
            raise ApertiumError(f"apertium timed out after {TIMEOUT_SECONDS} s")
        if failures:
            raise failures[0]
        failed = [process for process in processes if process.returncode]
        if failed:
            errors.seek(0)
            stages = ", ".join(f"{shlex.join(process.args)} ({process.returncode})"  # type: ignore[arg-type]
                               for process in failed)
            raise ApertiumError(f"apertium failed: {stages}: {errors.read().decode(errors='replace').strip()}")
    return translated.decode("utf-8")


def _kill(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        if process.poll() is None:
            process.kill()
            process.wait()


def _chain(commands: tuple[tuple[str, ...], ...], processes: list[subprocess.Popen[bytes]],
           errors: IO[bytes]) -> list[subprocess.Popen[bytes]]:
    """The commands started as one pipe line (stdin of the first and stdout of the last left to the caller)."""
    started: list[subprocess.Popen[bytes]] = []
    for command in commands:
        try:
            process = subprocess.Popen(command, stdin=started[-1].stdout if started else subprocess.PIPE,
                                       stdout=subprocess.PIPE, stderr=errors)
        except FileNotFoundError as exc:
            raise ApertiumError(f"{command[0]!r} not found: install `apertium-eng-spa` with apt-get") from exc
        if started:
            started[-1].stdout.close()  # type: ignore[union-attr]  # the next process holds it now
        started.append(process)
        processes.append(process)
    return started


def _thread(failures: list[BaseException], target: Callable[..., None], *args: object) -> threading.Thread:
    """`target(*args)` started in a thread; what it raises goes to `failures`."""
    def run() -> None:
        try:
            target(*args)
        except BaseException as exc:  # noqa: BLE001  (handed to the calling thread, which raises it)
            failures.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def _feed(stream: IO[bytes], text: str) -> None:
    try:
        with stream:
            stream.write(text.encode("utf-8"))
    except BrokenPipeError:  # the stage died: its exit status says why
        pass


def _pass_on(tagged: IO[bytes], rest: IO[bytes], keep: Callable[[str], None]) -> None:
    """Each tagged line to `keep`, and without its surface forms to the rest of the chain."""
    try:
        with tagged, rest:
            for raw in tagged:
                line = raw.decode("utf-8")
                rest.write(without_surfaces(line).encode("utf-8"))
                keep(line)
    except BrokenPipeError:  # the rest died: its exit status says why
        pass


def run_stage(command: list[str], text: str, error: type[RuntimeError] = ApertiumError) -> str:
    """The output of one Apertium process given `text`; `error` if it is missing, fails or times out."""
    try:
        completed = subprocess.run(command, input=text, capture_output=True, text=True, encoding="utf-8",
                                   timeout=TIMEOUT_SECONDS, check=False)
    except FileNotFoundError as exc:
        raise error(f"{command[0]!r} not found: install `apertium-eng-spa` with apt-get") from exc
    except subprocess.TimeoutExpired as exc:
        raise error(f"{command[0]} timed out after {TIMEOUT_SECONDS} s") from exc
    if completed.returncode != 0:
        raise error(f"{command[0]} failed ({completed.returncode}): {completed.stderr.strip()}")
    return completed.stdout
