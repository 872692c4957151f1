"""docker-compose.yml's web and worker commands, with its environment, start and serve on local services.

Docker is not available here, so the compose file is read and its commands run as processes, with the
database and broker addresses pointed at the local PostgreSQL and Redis.
"""
from __future__ import annotations

import shlex
import urllib.request
from importlib import resources
from pathlib import Path

import pytest
import yaml

from tests.workers.helpers import REPO, batch_finished, flush_broker, free_port, review_env, run_review, start, stop, \
    wait_for_health, wait_until

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.apertium]


def compose_service(name: str) -> tuple[list[str], dict[str, str]]:
    services = yaml.safe_load((REPO / "docker-compose.yml").read_text())["services"]
    return shlex.split(services[name]["command"]), {k: str(v) for k, v in services[name]["environment"].items()}


def local_env(compose_env: dict[str, str], home: Path, pg_url: str, redis_url: str) -> dict[str, str]:
    assert set(compose_env) == {"REVIEW_HOME", "REVIEW_DATABASE_URL", "REVIEW_BROKER_URL", "REVIEW_SECRET_KEY"}
    assert compose_env["REVIEW_DATABASE_URL"].startswith("postgresql")
    assert compose_env["REVIEW_BROKER_URL"].startswith("redis://")
    return review_env(home, pg_url, redis_url, REVIEW_SECRET_KEY=compose_env["REVIEW_SECRET_KEY"])


def test_compose_commands_start_and_serve(postgres_server_url: str, redis_url: str, tmp_path: Path) -> None:
    from tests.conftest import _empty_tables

    _empty_tables(postgres_server_url)
    flush_broker(redis_url)
    migrate_command, migrate_env = compose_service("migrate")
    web_command, web_env = compose_service("web")
    worker_command, worker_env = compose_service("worker")
    env = local_env(web_env, tmp_path, postgres_server_url, redis_url)
    assert run_review(migrate_command[1:], local_env(migrate_env, tmp_path, postgres_server_url, redis_url)).returncode == 0
    port = free_port()
    web_command = [part if part != "8000" else str(port) for part in web_command]
    web_log, worker_log = tmp_path / "web.log", tmp_path / "worker.log"
    web = start(web_command, env, web_log)
    worker = start(worker_command, local_env(worker_env, tmp_path, postgres_server_url, redis_url), worker_log)
    try:
        wait_for_health(port, web_log)
        login_page = urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=5).read().decode()
        assert 'name="csrf_token"' in login_page
        demo = resources.files("review.demo").joinpath("newsroom.jsonl")
        assert run_review(["import", str(demo), "--batch-name", "compose"], env).returncode == 0
        wait_until(batch_finished(postgres_server_url), 180, "the worker command to score the batch", worker_log)
    finally:
        stop(web)
        stop(worker)
