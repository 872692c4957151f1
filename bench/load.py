"""Mixed load: 50 concurrent clients on queue, item and save requests for 60 s, against gunicorn with
PostgreSQL and Redis. Each client is a translator with a session of its own: it claims an item, then
reads queue pages (45%), item pages (45%) and saves a fix to its item (10%, base revision tracked, so
every save must succeed). Prints requests served, errors (anything but the expected status), and
client-side p50/p95/p99 per kind and overall.

    .venv/bin/python bench/load.py [--clients 50] [--seconds 60] [--documents 20000]
Needs PostgreSQL, Redis, Apertium (to score the seed document the database is cloned from).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web import build_database, gunicorn, percentile  # noqa: E402  (a sibling bench script)

from review.db.session import make_engine, make_session_factory, unit_of_work  # noqa: E402
from review.services.users import add_user  # noqa: E402

CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


class Client:
    """One translator in a browser: cookies, CSRF token, its claimed item and that item's revision."""

    def __init__(self, base: str, name: str, documents: int):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        self.documents = documents
        page = self._get("/login")
        self._post("/login", {"name": name, "password": "load-password", "csrf_token": CSRF.search(page).group(1)})
        claimed = self.opener.open(urllib.request.Request(
            f"{base}/queue/claim-next", data=urlencode({"csrf_token": self._token("/queue")}).encode()))
        self.item = claimed.geturl().removeprefix(base)
        self.revision = int(re.search(r'name="base_revision" value="(\d+)"', claimed.read().decode()).group(1))
        self.csrf = self._token(self.item)

    def _get(self, path: str) -> str:
        return self.opener.open(self.base + path, timeout=30).read().decode()

    def _post(self, path: str, data: dict[str, str], headers: dict[str, str] | None = None) -> bytes:
        request = urllib.request.Request(self.base + path, data=urlencode(data).encode(), headers=headers or {})
        return self.opener.open(request, timeout=30).read()

    def _token(self, path: str) -> str:
        return CSRF.search(self._get(path)).group(1)  # type: ignore[union-attr]

    def one_request(self, rng: random.Random) -> str:
        roll = rng.random()
        if roll < 0.45:
            self._get(f"/queue?page={rng.randint(1, 5)}")
            return "queue"
        if roll < 0.90:
            self._get(f"/items/{rng.randint(1, self.documents)}")
            return "item"
        answer = json.loads(self._post(f"{self.item}/revisions", {
            "csrf_token": self.csrf, "base_revision": str(self.revision),
            "headline": f"Fixed headline {rng.random():.6f}", "body": "A fixed body."},
            {"Accept": "application/json"}))
        self.revision = answer["revision"]
        return "save"


def run_client(client: Client, deadline: float, seed: int, results: list[tuple[str, float, bool]],
               lock: threading.Lock) -> None:
    rng = random.Random(seed)
    while time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            kind, ok = client.one_request(rng), True
        except (urllib.error.URLError, OSError, ValueError, AttributeError):
            kind, ok = "error", False
        with lock:
            results.append((kind, (time.perf_counter() - started) * 1000, ok))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--port", type=int, default=8766)
    args = parser.parse_args()
    url = build_database(args.documents)
    with unit_of_work(make_session_factory(make_engine(url))) as session:
        for number in range(args.clients):
            add_user(session, f"load-{number}", "translator", "load-password")
    access_log = Path(tempfile.mkdtemp(prefix="review-load-")) / "access.log"
    with gunicorn(url, args.workers, args.threads, args.port, access_log) as base:
        clients = [Client(base, f"load-{number}", args.documents) for number in range(args.clients)]
        results: list[tuple[str, float, bool]] = []
        lock = threading.Lock()
        deadline = time.monotonic() + args.seconds
        threads = [threading.Thread(target=run_client, args=(client, deadline, number, results, lock))
                   for number, client in enumerate(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    print(f"{args.clients} clients, {args.seconds} s, {args.documents:,} documents, gunicorn {args.workers} "
          f"workers x {args.threads} threads")
    errors = sum(not ok for _, _, ok in results)
    print(f"requests served: {len(results):,} ({len(results) / args.seconds:.0f}/s), errors: {errors}")
    for kind in ("queue", "item", "save", None):
        times = [ms for k, ms, ok in results if ok and (kind is None or k == kind)]
        if times:
            print(f"  {kind or 'all':5}: {len(times):6,} requests, p50 {statistics.median(times):6.1f} ms, "
                  f"p95 {percentile(times, .95):6.1f} ms, p99 {percentile(times, .99):6.1f} ms")


if __name__ == "__main__":
    main()
