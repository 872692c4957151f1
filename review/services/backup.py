"""Whole-database backup and restore as JSON lines: users (with password hashes), API token hashes,
batches, documents, every revision with its analysis, flags with their comments, and the history.

The first line names the format and the schema revision; each further line is one row,
{"table": ..., "row": {...}}, tables in foreign-key order. Restore needs an empty database of the
same schema revision, keeps every id, and runs in the caller's transaction: all or nothing.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, func, insert, select, text, update
from sqlalchemy.orm import Session

from review.db.migrate import heads
from review.db.models import Base, Document

FORMAT = "review-backup"
CHUNK = 1000
DEFERRED = {("documents", "current_revision_id")}  # a cycle (documents <-> revisions): set after revisions


class BackupError(ValueError):
    """The file is not a backup this version can restore, or the database is not empty (exit 2 / HTTP 400)."""


def is_backup(first_line: bytes) -> bool:
    try:
        header = json.loads(first_line)
    except ValueError:
        return False
    return isinstance(header, dict) and header.get("format") == FORMAT


def dump(session: Session) -> Iterator[str]:
    tables = Base.metadata.sorted_tables
    yield json.dumps({"format": FORMAT, "schema": heads()[0], "tables": [t.name for t in tables]}) + "\n"
    for table in tables:
        for row in session.execute(select(table).order_by(*table.primary_key.columns)
                                   .execution_options(yield_per=CHUNK)).mappings():
            yield json.dumps({"table": table.name, "row": {k: _plain(v) for k, v in row.items()}},
                             ensure_ascii=False) + "\n"


def restore(session: Session, lines: Iterable[bytes]) -> dict[str, int]:
    """Insert every row of the backup; returns rows per table."""
    iterator = iter(lines)
    header = _header(next(iterator, b""))
    tables = {table.name: table for table in Base.metadata.sorted_tables}
    if any(session.scalar(select(func.count()).select_from(table)) for table in tables.values()):
        raise BackupError("restore needs an empty database: this one already holds data")
    counts = {name: 0 for name in header["tables"]}
    pending: dict[str, list[dict[str, Any]]] = {}
    deferred: list[dict[str, Any]] = []
    for number, line in enumerate(iterator, start=2):
        try:
            record = json.loads(line)
            table = tables[record["table"]]
            row = {column.name: _typed(column.type, record["row"][column.name]) for column in table.columns}
        except (ValueError, KeyError, TypeError) as error:
            raise BackupError(f"line {number}: not a row of this schema ({error})") from None
        for table_name, column in DEFERRED:
            if table.name == table_name and row[column] is not None:
                deferred.append({"id": row["id"], column: row[column], "updated_at": row["updated_at"]})
                row[column] = None
        pending.setdefault(table.name, []).append(row)
        counts[table.name] += 1
        if len(pending[table.name]) >= CHUNK:
            _flush(session, tables, pending)
    _flush(session, tables, pending)
    for values in deferred:  # updated_at given explicitly, or its onupdate would stamp the restore time
        session.execute(update(Document).where(Document.id == values["id"]).values(**values))
    if session.get_bind().dialect.name == "postgresql":
        for name in counts:
            session.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                                 f"COALESCE((SELECT max(id) FROM {name}), 0) + 1, false)"))
    return counts


def _flush(session: Session, tables: dict[str, Any], pending: dict[str, list[dict[str, Any]]]) -> None:
    """Insert what is pending, in foreign-key order (rows arrive table by table, so earlier tables are done)."""
    for name in [t for t in tables if t in pending]:
        if pending[name]:
            session.execute(insert(tables[name]), pending[name])
            pending[name] = []


def _header(line: bytes) -> dict[str, Any]:
    if not is_backup(line):
        raise BackupError(f"line 1: not a {FORMAT} file")
    header = json.loads(line)
    if header.get("schema") != heads()[0]:
        raise BackupError(f"line 1: backup of schema {header.get('schema')!r}, this version is at {heads()[0]!r}; "
                          "restore it with the release that wrote it, then upgrade")
    return header


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def _typed(column_type: Any, value: Any) -> Any:
    return datetime.fromisoformat(value) if isinstance(column_type, DateTime) and value is not None else value
