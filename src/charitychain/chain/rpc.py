"""Minimal JSON-RPC over HTTP with the standard library (no web3 import: fast health checks)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any


def rpc_call(url: str, method: str, params: list[Any] | None = None, timeout: float = 2.0) -> Any:
    """The `result` of one JSON-RPC request; raises OSError/ValueError on any failure."""
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params or []})
    request = urllib.request.Request(
        url, data=body.encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        reply = json.loads(response.read())
    if "error" in reply:
        raise ValueError(f"{method} failed: {reply['error']}")
    return reply["result"]


def try_rpc(url: str, method: str, params: list[Any] | None = None) -> Any | None:
    try:
        return rpc_call(url, method, params, timeout=1.0)
    except (OSError, ValueError, urllib.error.URLError):
        return None
