"""Queue and item page latency with 100,000 documents in PostgreSQL, under 20 concurrent clients.

1. Creates a scratch PostgreSQL database, migrates it, imports and scores the demo batch with the real
   pipeline, then clones its seed article (rows and all: segments, links, scores, flags, events) with
   INSERT ... SELECT until there are --documents documents, varying the queue-priority columns.
2. Serves the app with gunicorn (--workers x --threads) and drives it with wrk (--connections clients,
   --seconds each) on random queue pages/filters and random item pages, logged in as a translator.
3. Prints server-side p50/p95/p99 (gunicorn's access log, request time in microseconds) and wrk's
   client-side latency, per page.

    .venv/bin/python bench/web.py [--documents 100000] [--connections 20] [--seconds 30]
Needs: PostgreSQL on 127.0.0.1 (REVIEW_BENCH_POSTGRES_URL), Apertium, and wrk (apt-get install wrk).
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.cookiejar import CookieJar
from importlib import resources
from pathlib import Path
from urllib.parse import urlencode

import redis
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from review.core.text.translate import ApertiumTranslator
from review.db.migrate import upgrade
from review.db.models import Base
from review.db.session import make_engine, make_session_factory, unit_of_work
from review.services.analysis import score_document
from review.services.importing import import_batch
from review.services.users import add_user

ADMIN_URL = os.environ.get("REVIEW_BENCH_POSTGRES_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/test")
BENCH_DB = "review_bench_web"
BENCH_BROKER = "redis://127.0.0.1:6379/14"
CLONED = ("segments", "links", "scores", "flags", "review_events")
WRK_SCRIPT = """
math.randomseed(os.time())
local kind = os.getenv("BENCH_KIND")
local documents = tonumber(os.getenv("BENCH_DOCUMENTS"))
local filters = {"", "severity=major", "severity=critical", "code=quote_dropped", "assignee=none", "batch=3"}
request = function()
  if kind == "item" then
    return wrk.format("GET", "/items/" .. math.random(1, documents))
  end
  local query = filters[math.random(#filters)]
  return wrk.format("GET", "/queue?page=" .. math.random(1, 5) .. "&" .. query)
end
"""


def build_database(documents: int) -> str:
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{BENCH_DB}"'))
    admin.dispose()
    url = make_url(ADMIN_URL).set(database=BENCH_DB).render_as_string(hide_password=False)
    upgrade(url)
    factory = make_session_factory(make_engine(url))
    demo = resources.files("review.demo").joinpath("newsroom.jsonl").read_bytes()
    with unit_of_work(factory) as session:
        add_user(session, "translator", "translator", "translator-bench")
        seed_id = import_batch(session, demo.splitlines()[0], "bench-0").created_ids[0]
    with unit_of_work(factory) as session:
        score_document(session, seed_id, ApertiumTranslator())
    engine = make_engine(url)
    with engine.begin() as connection:
        clone_seed(connection, documents)
    engine.dispose()
    return url


def clone_seed(connection, documents: int) -> None:  # type: ignore[no-untyped-def]
    """Copies document 1 (and everything hanging off it) documents - 1 times, ids offset by a stride."""
    stride = {table: connection.scalar(text(f"SELECT max(id) FROM {table}")) for table in CLONED}
    columns = {table.name: [c.name for c in table.columns] for table in Base.metadata.sorted_tables}
    connection.execute(text("INSERT INTO batches (id, name, created_at) "
                            "SELECT g, 'bench-' || g, now() FROM generate_series(2, 100) g"))
    connection.execute(text(f"""
        INSERT INTO documents ({', '.join(columns['documents'])})
        SELECT {', '.join(_document_expression(c) for c in columns['documents'])}
        FROM documents d, generate_series(1, :n) g WHERE d.id = 1""").bindparams(n=documents - 1))
    connection.execute(text(f"""
        INSERT INTO revisions ({', '.join(columns['revisions'])})
        SELECT {', '.join('r.id + g' if c == 'id' else 'r.document_id + g' if c == 'document_id' else 'r.' + c
                          for c in columns['revisions'])}
        FROM revisions r, generate_series(1, :n) g WHERE r.document_id = 1""").bindparams(n=documents - 1))
    connection.execute(text("UPDATE documents SET current_revision_id = id"))
    offsets = {"revision_id": "g", "document_id": "g", "link_id": f"g * {stride['links']}"}
    for table in CLONED:
        select_list = ", ".join(
            f"t.id + g * {stride[table]}" if c == "id" else
            f't."{c}" + {offsets[c]}' if c in offsets else f't."{c}"' for c in columns[table])
        connection.execute(text(f"""
            INSERT INTO {table} ({', '.join(f'"{c}"' for c in columns[table])})
            SELECT {select_list} FROM {table} t, generate_series(1, :n) g WHERE t.id <= {stride[table]}
        """).bindparams(n=documents - 1))
    for table in ("batches", "documents", "revisions", *CLONED):
        connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))
    connection.execute(text("ANALYZE"))


def _document_expression(column: str) -> str:
    """How a cloned document's column is derived from the seed's and the clone number g."""
    return {
        "id": "d.id + g",
        "batch_id": "1 + g % 100",  # batches 1..100
        "external_id": "d.external_id || '-' || g",
        "content_hash": "md5(d.content_hash || g)",
        "current_revision_id": "NULL",
        "status": "CASE WHEN g % 10 = 0 THEN 'needs_signoff' ELSE 'scored' END",
        "open_critical": "(g % 50 = 0)::int",
        "open_major": "(g % 7 = 0)::int + (g % 13 = 0)::int",
        "headline_flagged": "g % 3 = 0",
        "lowest_chrf": "(g * 37 % 1000) / 10.0",
    }.get(column, f"d.{column}")


def session_cookie(base: str) -> str:
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/login").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    opener.open(f"{base}/login", data=urlencode({"name": "translator", "password": "translator-bench",
                                                 "csrf_token": token}).encode())
    return "; ".join(f"{c.name}={c.value}" for c in jar)


@contextmanager
def gunicorn(database_url: str, workers: int, threads: int, port: int, access_log: Path) -> Iterator[str]:
    """The app under gunicorn on PostgreSQL and the local Redis; yields its base URL once it answers.
    Scoring tasks that saves enqueue are dropped from the scratch Redis database afterwards (no worker runs)."""
    env = {**os.environ, "REVIEW_HOME": str(access_log.parent), "REVIEW_DATABASE_URL": database_url,
           "REVIEW_BROKER_URL": BENCH_BROKER, "REVIEW_SECRET_KEY": "bench"}
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "review.web:create_app()", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--threads", str(threads), "--access-logfile", str(access_log),
         "--access-logformat", "%(U)s %(s)s %(D)s"], env=env, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        redis.Redis.from_url(BENCH_BROKER).flushdb()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--reuse", action="store_true", help="serve the database the last run built")
    args = parser.parse_args()
    started = time.perf_counter()
    if args.reuse:
        url = make_url(ADMIN_URL).set(database=BENCH_DB).render_as_string(hide_password=False)
    else:
        url = build_database(args.documents)
        print(f"built {args.documents:,} documents in PostgreSQL in {time.perf_counter() - started:.0f} s")
    scratch = Path(tempfile.mkdtemp(prefix="review-bench-"))
    access_log = scratch / "access.log"
    with gunicorn(url, args.workers, args.threads, args.port, access_log) as base:
        cookie = session_cookie(base)
        script = scratch / "bench.lua"
        script.write_text(WRK_SCRIPT)
        print(f"gunicorn {args.workers} workers x {args.threads} threads; wrk {args.connections} connections, "
              f"{args.seconds} s per page")
        for kind in ("queue", "item"):
            access_log.write_text("")
            wrk = subprocess.run(
                ["wrk", "-t", "2", "-c", str(args.connections), "-d", f"{args.seconds}s", "--latency", "-s", str(script),
                 "-H", f"Cookie: {cookie}", base],
                env={**os.environ, "BENCH_KIND": kind, "BENCH_DOCUMENTS": str(args.documents)},
                capture_output=True, text=True, check=True)
            time.sleep(1)
            rows = [line.split() for line in access_log.read_text().splitlines()]
            durations = [int(r[2]) / 1000 for r in rows if len(r) == 3]
            errors = sum(1 for r in rows if len(r) == 3 and not r[1].startswith("2"))
            requests = re.search(r"(\d+) requests in", wrk.stdout)
            client_p99 = re.search(r"99%\s+(\S+)", wrk.stdout)
            print(f"{kind:5} page: {len(durations):,} requests, {errors} non-2xx; server side p50 "
                  f"{statistics.median(durations):.1f} ms, p95 {percentile(durations, .95):.1f} ms, p99 "
                  f"{percentile(durations, .99):.1f} ms; wrk: {requests.group(1) if requests else '?'} requests, "
                  f"client p99 {client_p99.group(1) if client_p99 else '?'}")


if __name__ == "__main__":
    main()
