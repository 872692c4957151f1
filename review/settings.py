"""Settings: every REVIEW_* environment variable is read here, and only here, when asked for."""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

DEFAULT_HOME = Path.home() / ".local" / "share" / "review"


@dataclass(frozen=True)
class Settings:
    """Resolved configuration. Build with `Settings.from_env()`; tests pass a mapping or use `replace()`."""

    home: Path
    database_url: str
    broker_url: str
    secret_key: str
    max_upload_bytes: int = 20 * 1024 * 1024
    claim_minutes: int = 30
    sweep_seconds: int = 60  # how often the sweeper runs
    stale_seconds: int = 600  # unscored this long (queued or running) means the message was lost: enqueue again
    ratelimit_storage_url: str = "memory://"  # log-in rate-limit counters; redis://... to share them between web processes
    proxies: int = 0  # reverse proxies in front whose X-Forwarded-For/-Proto/-Host to trust (0: none)
    secure_cookies: bool = False  # session and remember-me cookies only over HTTPS
    rules: tuple[Path, ...] = ()  # newsroom rule files loaded after the built-in ones (REVIEW_RULES, os.pathsep)

    @property
    def embedded_broker(self) -> bool:
        return self.broker_url.startswith("sqla+sqlite")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        env = os.environ if environ is None else environ
        home = Path(env.get("REVIEW_HOME") or DEFAULT_HOME).expanduser().resolve()
        home.mkdir(parents=True, exist_ok=True)
        return cls(
            home=home,
            database_url=env.get("REVIEW_DATABASE_URL") or f"sqlite:///{home / 'review.sqlite'}",
            broker_url=env.get("REVIEW_BROKER_URL") or f"sqla+sqlite:///{home / 'broker.sqlite'}",
            secret_key=env.get("REVIEW_SECRET_KEY") or _stored_secret(home),
            max_upload_bytes=int(env.get("REVIEW_MAX_UPLOAD_BYTES") or cls.max_upload_bytes),
            claim_minutes=int(env.get("REVIEW_CLAIM_MINUTES") or cls.claim_minutes),
            sweep_seconds=int(env.get("REVIEW_SWEEP_SECONDS") or cls.sweep_seconds),
            stale_seconds=int(env.get("REVIEW_STALE_SECONDS") or cls.stale_seconds),
            ratelimit_storage_url=env.get("REVIEW_RATELIMIT_STORAGE_URL") or cls.ratelimit_storage_url,
            proxies=int(env.get("REVIEW_PROXIES") or cls.proxies),
            secure_cookies=(env.get("REVIEW_SECURE_COOKIES") or "").lower() in ("1", "true", "yes"),
            rules=tuple(Path(part).expanduser() for part in (env.get("REVIEW_RULES") or "").split(os.pathsep) if part),
        )

    def as_environ(self) -> dict[str, str]:
        """The variables that reproduce these settings in a child process (the embedded worker)."""
        return {
            "REVIEW_HOME": str(self.home),
            "REVIEW_DATABASE_URL": self.database_url,
            "REVIEW_BROKER_URL": self.broker_url,
            "REVIEW_SECRET_KEY": self.secret_key,
            "REVIEW_RULES": os.pathsep.join(str(path) for path in self.rules),
        }


def _stored_secret(home: Path) -> str:
    """Generate the secret key once and keep it under REVIEW_HOME, readable only by its owner."""
    path = home / "secret_key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_hex(32))
    return path.read_text().strip()
