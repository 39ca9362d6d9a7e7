"""Transaction pages without the per-call cost of web3's formatters.

`trace.transaction.tx_trace` and `services.verification.check_tx` ask the node five times
through web3 (two receipts, the transaction, the head, the block); under many readers that
CPU dominates a page. Here one raw `eth_getTransactionReceipt`, awaited on the event loop,
gives everything both need,
the head is the snapshot's, and the canonical check uses the indexer's verified block hash
(one raw block look-up when the transaction is not indexed). The records are built exactly
as those functions build them; tests/portal compares both with the CLI's --json. A
transaction newer than the snapshot goes through the services themselves.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

import aiohttp
from starlette.concurrency import run_in_threadpool
from web3 import HTTPProvider

from charitychain.contracts.suite import Suite
from charitychain.indexer.sync import decoder_for
from charitychain.portal.snapshot import Snapshot
from charitychain.services.inputs import InvalidInput
from charitychain.services.verification import TxCheck, check_tx, tx_check_from
from charitychain.trace.model import TxTrace
from charitychain.trace.transaction import trace_from_receipt, tx_trace


class Rpc:
    """Raw JSON-RPC calls awaited on the event loop (aiohttp) when the node speaks HTTP.

    A call made from a worker thread instead would queue for the interpreter behind the
    loop's work at every socket read; other providers (IPC, the embedded chain) still go
    through a worker thread.
    """

    def __init__(self, suite: Suite) -> None:
        self.suite = suite
        provider = suite.w3.provider
        self.url = str(provider.endpoint_uri) if isinstance(provider, HTTPProvider) else None
        self._session: aiohttp.ClientSession | None = None

    async def call(self, method: str, params: list[Any]) -> Any:
        if self.url is None:
            reply = await run_in_threadpool(
                self.suite.w3.provider.make_request,
                method,  # type: ignore[arg-type]
                params,
            )
        else:
            if self._session is None:
                self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
            body = {"jsonrpc": "2.0", "id": 1, "method": method, "params": params}
            async with self._session.post(self.url, json=body) as answer:
                reply = await answer.json(content_type=None)
        if "error" in reply:
            raise InvalidInput(f"the node refused {method}: {reply['error']}")
        return reply.get("result")

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


def _trace(suite: Suite, receipt: dict[str, Any]) -> TxTrace:
    return trace_from_receipt(receipt, decoder_for(suite))


def _check(
    suite: Suite,
    receipt: dict[str, Any],
    trace: TxTrace,
    snap: Snapshot,
    chain_hash: str | None,
) -> TxCheck:
    """check_tx's record; the block hash is the indexer's, else `chain_hash` (the node's)."""
    indexed = snap.txs.get(trace.tx.lower())
    canonical = (indexed[0].block_hash if indexed else chain_hash) == str(receipt["blockHash"])
    return tx_check_from(suite, receipt, trace, snap.head, canonical)


class Transactions:
    """Trace and check of a transaction per snapshot version, a few thousand kept."""

    def __init__(self, suite: Suite, size: int = 4096) -> None:
        self.suite = suite
        self.size = size
        self._found: OrderedDict[tuple[str, int], tuple[TxTrace, TxCheck]] = OrderedDict()
        self._lock = threading.Lock()
        self.rpc = Rpc(suite)

    async def get(self, tx: str, snap: Snapshot) -> tuple[TxTrace, TxCheck]:
        """Only the node's answer is awaited in a worker thread; the rest runs on the loop."""
        key = (tx, snap.version)
        with self._lock:
            found = self._found.get(key)
        if found is None:
            found = await self._fetch(tx, snap)
            with self._lock:
                self._found[key] = found
                if len(self._found) > self.size:
                    self._found.popitem(last=False)
        return found

    async def _fetch(self, tx: str, snap: Snapshot) -> tuple[TxTrace, TxCheck]:
        receipt = await self.rpc.call("eth_getTransactionReceipt", [tx])
        if not receipt:
            raise InvalidInput(
                f"no transaction {tx} on chain {self.suite.deployment.chain_id}: check the hash "
                "and the network"
            )
        if receipt.get("blockNumber") is None or int(receipt["blockNumber"], 16) > snap.head:
            return await run_in_threadpool(self._services, tx)  # newer than the snapshot
        trace = _trace(self.suite, receipt)
        if snap.txs.get(trace.tx.lower()):
            return trace, _check(self.suite, receipt, trace, snap, None)
        block = await self.rpc.call("eth_getBlockByNumber", [hex(trace.block), False])
        chain_hash = str(block["hash"]) if block else None
        return trace, _check(self.suite, receipt, trace, snap, chain_hash)

    def _services(self, tx: str) -> tuple[TxTrace, TxCheck]:
        return tx_trace(self.suite, tx), check_tx(self.suite, tx)
