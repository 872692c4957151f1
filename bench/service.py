"""The service under load, against `review check` on the same WMT dev articles, measured side by side.

For each batch size (--docs, default 50 and 500): `review check BATCH --format json` in one process; then the
same batch POSTed to /api/v1/batches of a live service and timed until the batch is `done`,
- embedded defaults: `review serve` on a fresh REVIEW_HOME (SQLite, embedded broker and worker);
- PostgreSQL + Redis: a fresh database on --postgres, Redis db --redis-db, `review serve` plus
  `review worker --concurrency 2`.
Prints each time and the ratio service / check (target <= 1.5, aim 1.0).

--saves N (PostgreSQL + Redis, with the largest batch): while it scores, N revisions of already-scored articles
are saved through the API, one at a time, each timed from the POST until the API shows it scored; prints the
median and p95 (target p95 <= 3 s). Then an empty submission and a known-only one (`review submit --wait`) are
timed to their end (target <= 1 s each). Reads ../shared/corpora at run time (bench/pipeline.py's dev_pairs),
never copies it; there are 100 dev articles, so a larger batch repeats them under other ids.

--services embedded (or production) runs only that one (--saves needs production); --repeat N times each service
N times, each run against a `review check` made just before it, and prints the medians.

    .venv/bin/python bench/service.py [--docs 50,500] [--saves 20] [--services embedded,production] [--repeat 1]
                                      [--postgres URL] [--redis-db 13]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

from pipeline import dev_pairs  # bench/pipeline.py, next to this script
from sqlalchemy import create_engine, text

from review.core.formats import write_pairs
from review.core.model import DocumentPair

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from tests.workers.helpers import free_port, wait_for_health  # noqa: E402  (the tests' process helpers)


def review(args: list[str], env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "review", *args], env=env, cwd=REPO, capture_output=True,
                            text=True, check=False)
    if check and result.returncode != 0:
        raise SystemExit(f"review {' '.join(args)} failed ({result.returncode}): {result.stderr[-2000:]}")
    return result


def call(base: str, token: str, method: str, path: str, body: bytes | None = None,
         content_type: str = "application/json") -> dict:
    request = urllib.request.Request(base + path, data=body, method=method, headers={
        "Authorization": f"Bearer {token}", "Content-Type": content_type, "Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read())


class Service:
    """`review serve` (and a worker on Redis) on a fresh home and database, with an admin token."""

    def __init__(self, home: Path, database_url: str | None, broker_url: str | None) -> None:
        self.env = {**{k: v for k, v in os.environ.items() if not k.startswith("REVIEW_")},
                    "REVIEW_HOME": str(home), "REVIEW_SECRET_KEY": "bench"}
        if database_url:
            self.env |= {"REVIEW_DATABASE_URL": database_url, "REVIEW_BROKER_URL": broker_url or ""}
        review(["db", "upgrade"], self.env)
        review(["user", "add", "bench", "--role", "admin", "--password", "bench-password"], self.env)
        self.token = review(["token", "create", "bench"], self.env).stdout.strip()
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = home / "service.log"
        handle = self.log.open("ab")
        self.processes = [subprocess.Popen([sys.executable, "-m", "review", "serve", "--port", str(self.port)],
                                           env=self.env, cwd=REPO, stdout=handle, stderr=subprocess.STDOUT,
                                           start_new_session=True)]
        if database_url:
            self.processes.append(subprocess.Popen(
                [sys.executable, "-m", "review", "worker", "--concurrency", "2", "--loglevel", "WARNING"],
                env=self.env, cwd=REPO, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True))
        wait_for_health(self.port, self.log)
        time.sleep(3)  # the worker ready too

    def submit(self, data: bytes, name: str) -> dict:
        return call(self.base, self.token, "POST", f"/api/v1/batches?name={name}", data, "application/jsonl")

    def wait_done(self, batch_id: int, timeout: float = 3600) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            progress = call(self.base, self.token, "GET", f"/api/v1/batches/{batch_id}")
            if progress["status"] in ("done", "failed"):
                return progress
            time.sleep(0.2)
        raise SystemExit(f"batch {batch_id} not done after {timeout} s; see {self.log}")

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.terminate()
            process.wait(timeout=60)


def timed_check(batch: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "review", "check", str(batch), "--format", "json"], cwd=REPO,
                            capture_output=True, text=True, check=False)
    if result.returncode not in (0, 1):
        raise SystemExit(f"review check failed: {result.stderr[-2000:]}")
    return time.perf_counter() - start


def timed_service(service: Service, data: bytes, name: str) -> tuple[float, int]:
    start = time.perf_counter()
    batch = service.submit(data, name)
    service.wait_done(batch["id"])
    return time.perf_counter() - start, batch["id"]


def fresh_postgres(server_url: str) -> str:
    name = f"review_bench_{uuid.uuid4().hex[:8]}"
    engine = create_engine(f"{server_url.rstrip('/')}/test", isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return f"{server_url.rstrip('/')}/{name}"


def saves_during(service: Service, pairs_data: bytes, warm_ids: list[int], count: int) -> list[float]:
    """Re-score times of `count` saves made while the batch in `pairs_data` scores."""
    batch = service.submit(pairs_data, "bulk-during-saves")
    times: list[float] = []
    for number in range(count):
        document_id = warm_ids[number % len(warm_ids)]
        document = call(service.base, service.token, "POST", f"/api/v1/documents/{document_id}/claim", b"{}")
        body = json.dumps({"headline": document["target"]["headline"] + f" (edit {number})",
                           "body": document["target"]["body"], "base_revision": document["revision"]}).encode()
        start = time.perf_counter()
        call(service.base, service.token, "POST", f"/api/v1/documents/{document_id}/revisions", body)
        while not call(service.base, service.token, "GET", f"/api/v1/documents/{document_id}")["scored"]:
            time.sleep(0.05)
        times.append(time.perf_counter() - start)
        progress = call(service.base, service.token, "GET", f"/api/v1/batches/{batch['id']}")
        print(f"  save {number + 1}: re-scored in {times[-1]:.2f} s (bulk batch {progress['done']}/{progress['total']})",
              flush=True)
        time.sleep(0.5)
    service.wait_done(batch["id"])
    return times


def timed_submit(service: Service, path: Path, name: str) -> tuple[float, int]:
    start = time.perf_counter()
    result = review(["submit", str(path), "--server", service.base, "--token", service.token, "--batch-name", name,
                     "--wait", "--timeout", "60"], service.env, check=False)
    return time.perf_counter() - start, result.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", default="50,500")
    parser.add_argument("--saves", type=int, default=20)
    parser.add_argument("--postgres", default="postgresql+psycopg2://postgres@127.0.0.1:5432")
    parser.add_argument("--redis-db", type=int, default=13)
    parser.add_argument("--services", default="embedded,production",
                        help="embedded, production or both, comma-separated")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each service, each after a `review check`")
    args = parser.parse_args()
    sizes = [int(size) for size in args.docs.split(",")]
    services = set(args.services.split(","))
    every = articles(max(sizes) + 20)
    print(f"cores: {os.cpu_count()}, load average {os.getloadavg()[0]:.2f} at the start", flush=True)
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        for size in sizes:
            batch = root / f"dev-{size}.jsonl"
            data = write_pairs(every[:size], "jsonl")
            batch.write_bytes(data)
            if "embedded" in services:
                runs = []
                for run in range(args.repeat):
                    check_s = timed_check(batch)
                    embedded = Service(root / f"embedded-{size}-{run}", None, None)
                    try:
                        embedded_s, _ = timed_service(embedded, data, f"dev-{size}")
                    finally:
                        embedded.stop()
                    runs.append((check_s, embedded_s))
                    print(f"{size} articles: review check {check_s:.2f} s; embedded service {embedded_s:.2f} s = "
                          f"{embedded_s / check_s:.2f}x check; load {os.getloadavg()[0]:.2f}", flush=True)
                _medians(f"{size} articles, embedded", runs)
            if "production" in services:
                last = size == max(sizes) and args.saves
                _production(args, root, size, batch, data, every[size:size + 20] if last else None,
                            every[:size] if last else None)
    print(f"load average {os.getloadavg()[0]:.2f} at the end")


def _production(args: argparse.Namespace, root: Path, size: int, batch: Path, data: bytes,
                to_edit: list[DocumentPair] | None, bulk: list[DocumentPair] | None) -> None:
    """PostgreSQL + Redis with `review worker --concurrency 2`, --repeat runs each after a `review check`; after
    the last, when `to_edit` is given, the saves during an import of `bulk` and the empty and known-only
    submissions."""
    runs = []
    for run in range(args.repeat):
        subprocess.run(["redis-cli", "-n", str(args.redis_db), "flushdb"], capture_output=True, check=False)
        production = Service(root / f"production-{size}-{run}", fresh_postgres(args.postgres),
                             f"redis://127.0.0.1:6379/{args.redis_db}")
        try:
            check_s = timed_check(batch)
            production_s, _ = timed_service(production, data, f"dev-{size}")
            runs.append((check_s, production_s))
            print(f"{size} articles: review check {check_s:.2f} s; PostgreSQL + Redis, worker --concurrency 2: "
                  f"{production_s:.2f} s = {production_s / check_s:.2f}x check; load {os.getloadavg()[0]:.2f}",
                  flush=True)
            if to_edit is not None and bulk is not None and run == args.repeat - 1:
                _saves_and_submissions(args.saves, root, production, to_edit, bulk)
        finally:
            production.stop()
    _medians(f"{size} articles, PostgreSQL + Redis", runs)


def _medians(what: str, runs: list[tuple[float, float]]) -> None:
    """With more than one run: the median `review check` and service times and the median of the runs' ratios."""
    if len(runs) < 2:
        return
    ratios = [service / check for check, service in runs]
    print(f"{what}: median review check {statistics.median(check for check, _ in runs):.2f} s, service "
          f"{statistics.median(service for _, service in runs):.2f} s, median ratio {statistics.median(ratios):.2f}x "
          f"({', '.join(f'{ratio:.2f}' for ratio in ratios)})", flush=True)


def _saves_and_submissions(saves: int, root: Path, production: Service, to_edit: list[DocumentPair],
                           bulk: list[DocumentPair]) -> None:
    """Re-score times of `saves` saves of the `to_edit` articles while `bulk` (renamed) is imported; then an
    empty and a known-only `review submit --wait`."""
    warm = write_pairs(to_edit, "jsonl")
    first = production.submit(warm, "to-edit")
    production.wait_done(first["id"])
    report = call(production.base, production.token, "GET", f"/api/v1/batches/{first['id']}/report")
    ids = [call(production.base, production.token, "GET", f"/api/v1/documents/{document_id}")["id"]
           for document_id in _document_ids(production, report)]
    times = saves_during(production, write_pairs([_renamed(pair, "again") for pair in bulk], "jsonl"), ids, saves)
    p95 = statistics.quantiles(times, n=20, method="inclusive")[-1] if len(times) > 1 else times[0]
    print(f"re-score of a save during a {len(bulk)}-article import: median {statistics.median(times):.2f} s, "
          f"p95 {p95:.2f} s, max {max(times):.2f} s ({len(times)} saves)", flush=True)
    empty = root / "empty.jsonl"
    empty.write_bytes(b"")
    empty_s, empty_code = timed_submit(production, empty, "empty")
    known = root / "known.jsonl"
    known.write_bytes(warm)
    known_s, known_code = timed_submit(production, known, "known-again")
    print(f"empty submission: refused (exit {empty_code}) in {empty_s:.2f} s; known-only submission: "
          f"exit {known_code} with its report in {known_s:.2f} s (both through `review submit --wait`, "
          f"which starts a Python process)", flush=True)


def _document_ids(service: Service, report: dict) -> list[int]:
    """Database ids of the report's documents (the API report names them by external id)."""
    engine = create_engine(service.env["REVIEW_DATABASE_URL"])
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id, external_id FROM documents")).all()
    engine.dispose()
    by_external = {external: document_id for document_id, external in rows}
    return [by_external[document["id"]] for document in report["documents"]]


def articles(count: int) -> list:  # type: ignore[type-arg]
    """`count` articles: the 100 WMT dev articles, then copies of them under other ids (new work for the service,
    the same text to translate)."""
    dev = dev_pairs(None)
    return [dev[i % len(dev)] if i < len(dev) else _renamed(dev[i % len(dev)], f"copy{i // len(dev)}")
            for i in range(count)]


def _renamed(pair, suffix: str):  # type: ignore[no-untyped-def]
    """The pair under another id, so that it is new work for the service (the id is part of the content hash)."""
    from dataclasses import replace

    return replace(pair, id=f"{pair.id}-{suffix}")


if __name__ == "__main__":
    main()
