"""Fetching logs over block ranges in chunks that adapt to what the provider accepts.

Hosted providers cap eth_getLogs by block range or result count and say so in the error,
sometimes with a suggested range. A chunk that fails shrinks (to the suggestion when there
is one); a run of cheap chunks grows back, so a quiet chain is read in few requests.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from charitychain.errors import CharityChainError
from charitychain.indexer.decode import RawLog

Request = Callable[[str, list[Any]], Any]  # (method, params) -> result; raises on an RPC error

INITIAL_CHUNK = 100_000  # blocks: one request on a local chain; providers that cap shrink it
MAX_CHUNK = 100_000
MIN_CHUNK = 1
CHEAP_RESULTS = 1_000  # logs; fewer than this and the chunk may grow
_SUGGESTED = re.compile(r"\[(0x[0-9a-fA-F]+),\s*(0x[0-9a-fA-F]+)\]")
_LIMIT_WORDS = (
    "more than",
    "too many",
    "range",
    "limit",
    "exceed",
    "timeout",
    "timed out",
    "response size",
)


class ScanError(CharityChainError):
    """The provider kept refusing even single-block log queries."""


@dataclass(frozen=True)
class Chunk:
    start: int
    end: int
    logs: tuple[RawLog, ...]


def _suggested_end(message: str, start: int) -> int | None:
    match = _SUGGESTED.search(message)
    if match is None:
        return None
    low, high = (int(x, 16) for x in match.groups())
    return high if low == start and high >= start else None


def _is_limit_error(message: str) -> bool:
    text = message.lower()
    return any(word in text for word in _LIMIT_WORDS)


def scan_logs(
    request: Request,
    addresses: Sequence[str],
    start: int,
    end: int,
    *,
    chunk: int = INITIAL_CHUNK,
) -> Iterator[Chunk]:
    """Yield the logs of `addresses` in [start, end], chunk by chunk, in block order."""
    size = max(MIN_CHUNK, chunk)
    block = start
    while block <= end:
        last = min(end, block + size - 1)
        params = [{"fromBlock": hex(block), "toBlock": hex(last), "address": list(addresses)}]
        try:
            result = request("eth_getLogs", params)
        except Exception as exc:  # the provider's refusal, in whatever shape it comes
            message = str(exc)
            if not _is_limit_error(message) or last == block:
                raise ScanError(
                    f"eth_getLogs for blocks {block}-{last} failed: {message}; check the RPC "
                    "endpoint or try again later"
                ) from None
            suggested = _suggested_end(message, block)
            size = (suggested - block + 1) if suggested is not None else max(MIN_CHUNK, size // 2)
            continue
        logs = tuple(RawLog.from_rpc(log) for log in result)
        yield Chunk(block, last, logs)
        block = last + 1
        if len(logs) < CHEAP_RESULTS:
            size = min(MAX_CHUNK, size * 2)
