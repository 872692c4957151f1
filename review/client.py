"""A small client for the /api/v1 JSON API, used by `review submit` (stdlib only)."""
from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote


class ApiError(Exception):
    def __init__(self, status: int, body: dict[str, Any]):
        super().__init__(f"HTTP {status}: {body.get('error', body)}")
        self.status = status
        self.body = body


class ApiClient:
    def __init__(self, server: str, token: str, poll_seconds: float = 1.0):
        self.server = server.rstrip("/")
        self.token = token
        self.poll_seconds = poll_seconds

    def submit(self, data: bytes, name: str) -> dict[str, Any]:
        return self._call("POST", f"/api/v1/batches?name={quote(name)}", data, "application/jsonl")

    def progress(self, batch_id: int) -> dict[str, Any]:
        return self._call("GET", f"/api/v1/batches/{batch_id}")

    def report(self, batch_id: int) -> dict[str, Any]:
        return self._call("GET", f"/api/v1/batches/{batch_id}/report")

    def follow(self, batch_id: int, timeout: float) -> Iterator[dict[str, Any]]:
        """Yield progress until the batch is done or failed; raise ApiError(408) past the timeout."""
        deadline = time.monotonic() + timeout
        while True:
            progress = self.progress(batch_id)
            yield progress
            if progress["status"] in ("done", "failed"):
                return
            if time.monotonic() > deadline:
                raise ApiError(408, {"error": f"batch {batch_id} not scored after {timeout:.0f} s"})
            time.sleep(self.poll_seconds)

    def _call(self, method: str, path: str, data: bytes | None = None,
              content_type: str = "application/json") -> dict[str, Any]:
        request = urllib.request.Request(self.server + path, data=data, method=method, headers={
            "Authorization": f"Bearer {self.token}", "Accept": "application/json", "Content-Type": content_type})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            try:
                body = json.loads(error.read())
            except ValueError:
                body = {"error": error.reason}
            raise ApiError(error.code, body) from None
        except urllib.error.URLError as error:
            raise ApiError(0, {"error": f"cannot reach {self.server}: {error.reason}"}) from None
