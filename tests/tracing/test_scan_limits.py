"""Scanning through a provider that caps eth_getLogs, like hosted RPC services do."""

from __future__ import annotations

import json
import threading
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from charitychain.chain.connect import connect
from charitychain.contracts.suite import bind
from charitychain.indexer.scan import ScanError, scan_logs
from charitychain.indexer.store import LogStore
from charitychain.indexer.sync import sync
from charitychain.trace.build import project_trace
from tracing.storyline import Story

MAX_RANGE = 10  # blocks, tiny so the story's ~150 blocks need many chunks
MAX_RESULTS = 15


class LimitingProxy(ThreadingHTTPServer):
    """Forwards JSON-RPC to anvil, refusing eth_getLogs over MAX_RANGE blocks or MAX_RESULTS."""

    def __init__(self, upstream: str) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.upstream = upstream
        self.refusals = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    server: LimitingProxy

    def log_message(self, *args: Any) -> None:  # quiet
        pass

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        reply = self._forward(body)
        if body.get("method") == "eth_getLogs" and "result" in reply:
            query = body["params"][0]
            start, end = int(query["fromBlock"], 16), int(query["toBlock"], 16)
            if end - start + 1 > MAX_RANGE:
                self.server.refusals += 1
                reply = {"jsonrpc": "2.0", "id": body["id"], "error": {
                    "code": -32600,
                    "message": f"eth_getLogs is limited to a {MAX_RANGE} block range"}}  # fmt: skip
            elif len(reply["result"]) > MAX_RESULTS:
                self.server.refusals += 1
                half = hex(start + (end - start) // 2)
                reply = {"jsonrpc": "2.0", "id": body["id"], "error": {
                    "code": -32005,
                    "message": f"query returned more than {MAX_RESULTS} results. "
                    f"Try with this block range [{query['fromBlock']}, {half}]."}}  # fmt: skip
        data = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _forward(self, body: dict[str, Any]) -> dict[str, Any]:
        request = urllib.request.Request(
            self.server.upstream, json.dumps(body).encode(), {"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            reply: dict[str, Any] = json.loads(response.read())
        return reply


@pytest.fixture
def proxy(story: Story) -> Iterator[LimitingProxy]:
    upstream = story.suite.w3.provider.endpoint_uri  # type: ignore[attr-defined]
    server = LimitingProxy(str(upstream))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()


def test_trace_completes_through_a_provider_that_caps_log_queries(
    story: Story, proxy: LimitingProxy, tmp_path: Path
) -> None:
    direct = sync(story.suite, LogStore(tmp_path / "direct.sqlite")).events
    capped_suite = bind(connect(proxy.url), story.suite.deployment)
    capped = sync(capped_suite, LogStore(tmp_path / "capped.sqlite")).events
    assert proxy.refusals > 0
    assert [(e.block_number, e.log_index) for e in capped] == [
        (e.block_number, e.log_index) for e in direct
    ]
    assert project_trace(capped, story.cancelled) == project_trace(direct, story.cancelled)


def test_a_suggested_range_is_followed_and_chunks_grow_back() -> None:
    calls: list[tuple[int, int]] = []

    def request(method: str, params: list[Any]) -> Any:
        start, end = int(params[0]["fromBlock"], 16), int(params[0]["toBlock"], 16)
        calls.append((start, end))
        if end - start + 1 > 100:
            raise RuntimeError(f"Try with this block range [{hex(start)}, {hex(start + 99)}]")
        return []

    chunks = list(scan_logs(request, ["0x" + "00" * 20], 0, 999, chunk=1000))
    assert chunks[0].start == 0 and chunks[-1].end == 999
    assert calls[:2] == [(0, 999), (0, 99)]
    assert sum(c.end - c.start + 1 for c in chunks) == 1000


def test_a_provider_that_refuses_even_one_block_is_reported_clearly() -> None:
    def request(method: str, params: list[Any]) -> Any:
        raise RuntimeError("query timeout exceeded")

    with pytest.raises(ScanError, match="eth_getLogs for blocks 5-5 failed"):
        list(scan_logs(request, [], 5, 9, chunk=4))
