"""A SQLite cache of final logs (one file per chain id and deployment) with a cursor.

Only logs at least `confirmations` blocks deep are stored; the cursor remembers the last
final block and its hash, so a restart can tell whether the chain under it was reorganised.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

from charitychain.indexer.decode import RawLog

_FORMAT = "2"  # bump when the stored layout changes; old caches are then rebuilt
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS logs (
    block_number INTEGER NOT NULL,
    log_index INTEGER NOT NULL,
    block_hash TEXT NOT NULL,
    tx_hash TEXT NOT NULL,
    address TEXT NOT NULL,
    topics TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (block_number, log_index)
);
"""


Chunk = tuple[tuple[RawLog, ...], int, str]  # (logs, last block, its hash)


class LogStore:
    """Every method first waits for a pending background write (`append_later`), so the
    connection is only ever used by one thread at a time."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._writer: threading.Thread | None = None
        self._write_error: BaseException | None = None
        self._db = sqlite3.connect(path, check_same_thread=False)
        # A cache that can always be rebuilt from the chain: WAL with normal sync is safe
        # against corruption and makes each chunk's commit cheap.
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        if self._get("format") != _FORMAT:  # written by another version: start over
            with self._db:
                self._db.execute("DELETE FROM logs")
                self._db.execute("DELETE FROM meta")
                self._db.execute("INSERT INTO meta VALUES ('format', ?)", (_FORMAT,))

    def close(self) -> None:
        self._wait()
        self._db.close()

    def _wait(self) -> None:
        if self._writer is not None:
            self._writer.join()
            self._writer = None
        if self._write_error is not None:
            error, self._write_error = self._write_error, None
            raise error

    def append_later(self, chunks: list[Chunk]) -> None:
        """Store scanned chunks in a background thread, so a cold trace need not wait for
        the disk; the next use of the store (or close) waits for it."""
        self._wait()

        def write() -> None:
            try:
                for logs, block, digest in chunks:
                    self._append(logs, block, digest)
            except BaseException as exc:  # surfaced by the next _wait()
                self._write_error = exc

        self._writer = threading.Thread(target=write, name="charitychain-cache-writer")
        self._writer.start()

    def _get(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def cursor(self) -> tuple[int, str] | None:
        """(last final block scanned, its hash), or None before the first scan."""
        self._wait()
        block, digest = self._get("cursor_block"), self._get("cursor_hash")
        return None if block is None or digest is None else (int(block), digest)

    def append(self, logs: Iterable[RawLog], cursor_block: int, cursor_hash: str) -> None:
        """Store a scanned chunk and move the cursor in one transaction."""
        self._wait()
        self._append(logs, cursor_block, cursor_hash)

    def _append(self, logs: Iterable[RawLog], cursor_block: int, cursor_hash: str) -> None:
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO logs VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    (
                        log.block_number,
                        log.log_index,
                        log.block_hash,
                        log.tx_hash,
                        log.address,
                        " ".join(log.topics),
                        log.data,
                    )
                    for log in logs
                ),
            )
            self._set_cursor(cursor_block, cursor_hash)

    def _set_cursor(self, block: int, digest: str) -> None:
        self._db.executemany(
            "INSERT OR REPLACE INTO meta VALUES (?, ?)",
            (("cursor_block", str(block)), ("cursor_hash", digest)),
        )

    def rollback_to(self, block: int, digest: str | None) -> None:
        """Forget everything above `block` (a reorg replaced it); None: forget everything."""
        self._wait()
        with self._db:
            if digest is None:
                self._db.execute("DELETE FROM logs")
                self._db.execute("DELETE FROM meta WHERE key LIKE 'cursor_%'")
            else:
                self._db.execute("DELETE FROM logs WHERE block_number > ?", (block,))
                self._set_cursor(block, digest)

    def log_blocks_desc(self) -> list[tuple[int, str]]:
        """Distinct (block, hash) pairs holding stored logs, newest first."""
        self._wait()
        rows = self._db.execute(
            "SELECT DISTINCT block_number, block_hash FROM logs ORDER BY block_number DESC"
        )
        return [(int(b), str(h)) for b, h in rows]

    def logs(self) -> list[RawLog]:
        self._wait()
        rows = self._db.execute(
            "SELECT block_number, log_index, block_hash, tx_hash, address, topics, data "
            "FROM logs ORDER BY block_number, log_index"
        )
        return [
            RawLog(address, tuple(topics.split()), data, block, block_hash, tx_hash, index)
            for block, index, block_hash, tx_hash, address, topics, data in rows
        ]
