"""Following the chain in the background: sync every few seconds, publish snapshots.

Two daemon threads. The follower asks for the head block; when it moved (or its hash
changed: a reorg) it syncs the LogStore (its SQLite connection lives in that thread), builds
a new snapshot and swaps it in. The checker runs the RPC-bound checks (code, reconciliation,
metadata) on the newest snapshot, so a slow check never holds back new blocks.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

from charitychain.contracts.suite import Suite
from charitychain.indexer.store import LogStore
from charitychain.indexer.sync import cache_path, sync
from charitychain.portal.checks import Checker, Checks
from charitychain.portal.snapshot import Snapshot, build_snapshot
from charitychain.services.views import Asset, asset_info


@dataclass(frozen=True)
class Live:
    """The snapshot and checks the pages read, and the follower's last error (if any)."""

    snapshot: Snapshot | None
    checks: Checks
    error: str | None

    @property
    def key(self) -> tuple[int, int]:
        """Changes whenever anything a page shows may have changed."""
        return (self.snapshot.version if self.snapshot else 0, self.checks.version)


class Follower:
    def __init__(
        self,
        suite: Suite,
        state_dir: Path,
        *,
        confirmations: int = 0,
        interval: float = 2.0,
        metadata_dir: Path | None = None,
    ) -> None:
        self.suite = suite
        self.store_path = cache_path(state_dir, suite)
        self.confirmations = confirmations
        self.interval = interval
        self.live = Live(None, Checks(), None)
        self.ready = threading.Event()  # set after the first sync (or its failure)
        self._checker = Checker(suite, metadata_dir)
        self._assets: dict[str, Asset] = {}
        self._stop = threading.Event()
        self._moved = threading.Condition()
        self._threads: list[threading.Thread] = []
        self._store: LogStore | None = None

    # --- life cycle ---------------------------------------------------------------------

    def start(self) -> None:
        for target, name in ((self._follow, "portal-follower"), (self._check, "portal-checker")):
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        with self._moved:
            self._moved.notify_all()
        for thread in self._threads:
            thread.join(timeout)
        self._threads.clear()

    def settled(self, timeout: float = 60.0) -> bool:
        """Wait until the checks cover the current snapshot (tests, benchmarks)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            live = self.live
            if live.snapshot is not None and live.checks.pending(live.snapshot) == 0:
                return True
            time.sleep(0.05)
        return False

    # --- following ----------------------------------------------------------------------

    def _follow(self) -> None:
        self._store = LogStore(self.store_path)  # SQLite: used by this thread only
        try:
            while not self._stop.is_set():
                self.refresh()
                self.ready.set()
                self._stop.wait(self.interval)
        finally:
            self._store.close()

    def refresh(self) -> bool:
        """One step: sync and publish when the head moved. True when a snapshot was published."""
        assert self._store is not None, "refresh runs in the follower thread"
        try:
            latest = self.suite.w3.eth.get_block("latest")
            current = self.live.snapshot
            if current is not None and (current.head, current.head_hash) == (
                int(latest["number"]),
                latest["hash"].to_0x_hex(),
            ):
                return False
            started = time.time()
            history = sync(self.suite, self._store, confirmations=self.confirmations)
            head = self.suite.w3.eth.get_block(history.head)
            snapshot = build_snapshot(
                history,
                version=(current.version if current else 0) + 1,
                head_hash=head["hash"].to_0x_hex(),
                chain_time=int(head["timestamp"]),
                synced_at=started,
                asset_for=self._asset,
                previous=current,
            )
        except Exception as exc:  # keep serving the last snapshot, say why
            with self._moved:
                self.live = Live(
                    self.live.snapshot, self.live.checks, f"{type(exc).__name__}: {exc}"
                )
            return False
        with self._moved:
            self.live = Live(snapshot, self.live.checks, None)
            self._moved.notify_all()
        return True

    def _asset(self, token: str) -> Asset:
        if token not in self._assets:
            self._assets[token] = asset_info(self.suite, token)
        return self._assets[token]

    # --- checking -----------------------------------------------------------------------

    def _check(self) -> None:
        done = 0
        while not self._stop.is_set():
            with self._moved:
                while not self._stop.is_set() and (
                    self.live.snapshot is None or self.live.snapshot.version == done
                ):
                    self._moved.wait(self.interval)
            snapshot = self.live.snapshot
            if self._stop.is_set() or snapshot is None:
                return
            try:
                checks = self._checker.run(snapshot, self.live.checks)
            except Exception as exc:  # shown on the status line, retried
                previous = self.live.checks
                checks = Checks(
                    previous.version + 1,
                    previous.deployment,
                    previous.reconciled,
                    previous.metadata,
                    f"{type(exc).__name__}: {exc}",
                )
                self._stop.wait(self.interval)
            else:
                done = snapshot.version
            with self._moved:
                self.live = Live(self.live.snapshot, checks, self.live.error)
