"""Bringing the cache up to date with the chain, then reading the whole history from it."""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from web3 import Web3

from charitychain.contracts.suite import SUITE, Suite
from charitychain.indexer.decode import Event, EventDecoder, RawLog
from charitychain.indexer.scan import Request, scan_logs
from charitychain.indexer.store import LogStore

Progress = Callable[[int, int], None]  # (blocks done, blocks to do)


@dataclass(frozen=True)
class History:
    """Every log of a deployment up to `head`, oldest first, decoded when asked for.

    A project's trace needs only its own logs: `project_events` picks them by their first
    indexed topic (the project id) before decoding, so one project of many costs little.
    """

    chain_id: int
    head: int
    final_block: int  # logs up to here are at least `confirmations` deep
    logs: tuple[RawLog, ...]
    rolled_back: bool  # a reorg was detected and the cache rolled back
    registry: str  # its logs (organization names) belong to every project's history

    @cached_property
    def events(self) -> tuple[Event, ...]:
        return _decode(self.logs)

    def project_events(self, project_id: int) -> tuple[Event, ...]:
        topic = "0x" + format(project_id, "064x")
        registry = self.registry.lower()
        return _decode(
            [
                log
                for log in self.logs
                if (len(log.topics) > 1 and log.topics[1] == topic)
                or log.address.lower() == registry
            ]
        )


def _decode(logs: Sequence[RawLog]) -> tuple[Event, ...]:
    decoder = _suite_decoder()
    collecting = gc.isenabled()
    gc.disable()  # see sync(): many small acyclic objects
    try:
        return tuple(e for e in map(decoder.decode, logs) if e is not None)
    finally:
        if collecting:
            gc.enable()


def cache_path(state_dir: Path, suite: Suite) -> Path:
    chain_id = suite.deployment.chain_id
    return state_dir / "index" / f"{chain_id}-{suite.deployment.escrow.lower()}.sqlite"


def decoder_for(suite: Suite) -> EventDecoder:
    return _suite_decoder()


@lru_cache(maxsize=1)
def _suite_decoder() -> EventDecoder:
    """The shipped ABIs never change while running: parse them once."""
    from charitychain.contracts.artifacts import load_artifact

    return EventDecoder(load_artifact(name).abi for name in SUITE)


def _rpc(w3: Web3) -> Request:
    def request(method: str, params: list[Any]) -> Any:
        reply = w3.provider.make_request(method, params)  # type: ignore[arg-type]
        if "error" in reply:
            error = reply["error"]
            message = error.get("message", error) if isinstance(error, dict) else error
            raise RuntimeError(
                f"{message} {error.get('data', '') if isinstance(error, dict) else ''}"
            )
        return reply["result"]

    return request


def sync(
    suite: Suite,
    store: LogStore,
    *,
    confirmations: int = 0,
    start_block: int = 0,
    request: Request | None = None,
    progress: Progress | None = None,
) -> History:
    """Scan what is new since the cursor (after re-checking it), store the final part."""
    rpc = request or _rpc(suite.w3)
    addresses = list(suite.deployment.addresses().values())
    head = int(rpc("eth_blockNumber", []), 16)
    final = head - confirmations
    rolled_back = _check_cursor(rpc, store)
    cursor = store.cursor()
    begin = cursor[0] + 1 if cursor else start_block
    total = max(0, head - begin + 1)
    # Many small objects are made below and none are cyclic: pausing the cyclic collector
    # keeps it from rescanning them again and again (a 10,000-log scan gets ~2x faster).
    collecting = gc.isenabled()
    gc.disable()
    try:
        logs = store.logs()  # final logs from earlier runs; new ones are kept as fetched
        fresh: list[tuple[tuple[RawLog, ...], int, str]] = []
        for chunk in scan_logs(rpc, addresses, begin, final) if begin <= final else ():
            block = rpc("eth_getBlockByNumber", [hex(chunk.end), False])
            fresh.append((chunk.logs, chunk.end, str(block["hash"])))
            logs.extend(chunk.logs)
            if progress is not None:
                progress(chunk.end - begin + 1, total)
        for chunk in scan_logs(rpc, addresses, max(begin, final + 1), head):
            logs.extend(chunk.logs)  # not final yet: read fresh every time, never stored
        if progress is not None:
            progress(total, total)
        if fresh:
            store.append_later(fresh)  # the answer does not wait for the disk
    finally:
        if collecting:
            gc.enable()
    registry = suite.deployment.registry
    return History(suite.deployment.chain_id, head, final, tuple(logs), rolled_back, registry)


def _check_cursor(rpc: Request, store: LogStore) -> bool:
    """Roll the cache back past any block whose hash the chain no longer has."""
    cursor = store.cursor()
    if cursor is None or _hash_at(rpc, cursor[0]) == cursor[1]:
        return False
    for block, digest in store.log_blocks_desc():
        if _hash_at(rpc, block) == digest:
            store.rollback_to(block, digest)
            return True
    store.rollback_to(0, None)
    return True


def _hash_at(rpc: Request, block: int) -> str | None:
    found = rpc("eth_getBlockByNumber", [hex(block), False])
    return None if found is None else str(found["hash"])
