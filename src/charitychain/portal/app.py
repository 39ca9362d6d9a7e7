"""The portal's ASGI application: `create_app(suite, state_dir)` (Starlette + Jinja).

Pages and JSON read the follower's in-memory snapshot, so a page never waits for the chain;
only a transaction page asks the node (its receipt, once per snapshot: portal/transactions.py).
A rendered body is cached until the snapshot or the checks change, so many readers of the
same page cost one render.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from charitychain.contracts.suite import Suite
from charitychain.errors import CharityChainError
from charitychain.portal import api, pages
from charitychain.portal.follower import Follower, Live
from charitychain.portal.openapi import document
from charitychain.portal.search import search
from charitychain.portal.transactions import Transactions
from charitychain.services.inputs import InvalidInput, parse_address

# Nothing is fetched from anywhere but this server; no inline script or style.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]
_TX_HASH = 66  # 0x + 64 hex digits


class NotReady(Exception):
    """The follower has not finished its first sync."""


class Cache:
    """Rendered bodies for the current live state; emptied when the state changes."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._key: tuple[int, int] | None = None
        self._items: OrderedDict[tuple[str, str], tuple[int, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, live: Live, key: tuple[str, str]) -> tuple[int, bytes] | None:
        with self._lock:
            if self._key != live.key:
                self._key = live.key
                self._items.clear()
                return None
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, live: Live, key: tuple[str, str], value: tuple[int, bytes]) -> None:
        with self._lock:
            if self._key != live.key:
                return
            self._items[key] = value
            if len(self._items) > self.size:
                self._items.popitem(last=False)


class SecurityHeaders:
    """Adds the CSP and friends to every response, static files included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _tx_hash(text: str) -> str:
    value = text.strip().lower()
    if len(value) != _TX_HASH or not value.startswith("0x"):
        raise InvalidInput(f"{text!r} is not a transaction hash (0x + 64 hex digits)")
    try:
        int(value, 16)
    except ValueError:
        raise InvalidInput(f"{text!r} is not a transaction hash (0x + 64 hex digits)") from None
    return value


def _page_number(request: Request, name: str) -> int:
    try:
        return max(1, int(request.query_params.get(name, "1")))
    except ValueError:
        return 1


def create_app(
    suite: Suite,
    state_dir: Path,
    *,
    confirmations: int = 0,
    interval: float = 2.0,
    metadata_dir: Path | None = None,
    first_sync_timeout: float = 120.0,
) -> Starlette:
    """The portal for one deployment; its follower runs while the app is served."""
    follower = Follower(
        suite, state_dir, confirmations=confirmations, interval=interval, metadata_dir=metadata_dir
    )
    cache = Cache()
    transactions = Transactions(suite)
    openapi = document()
    openapi_body = json.dumps(openapi, indent=2).encode()
    addresses = {k: str(v) for k, v in suite.deployment.addresses().items()}

    def live() -> Live:
        current = follower.live
        if current.snapshot is None:
            raise NotReady(current.error or "the indexer is still reading the chain")
        return current

    def cached(kind: str, request: Request, make: Callable[[Live], tuple[int, bytes]]) -> Response:
        state = live()
        key = (kind, request.url.path + "?" + request.url.query)
        found = cache.get(state, key)
        if found is None:
            found = make(state)
            cache.put(state, key, found)
        status, body = found
        if kind == "json":
            return Response(body, status, media_type="application/json")
        return HTMLResponse(body, status)

    def as_json(record: Any, status: int = 200) -> tuple[int, bytes]:
        # As the CLI's --json prints it: sorted keys, anything odd as a string.
        return status, json.dumps(record, sort_keys=True, default=str).encode()

    def html(text: str, status: int = 200) -> tuple[int, bytes]:
        return status, text.encode()

    # --- pages ---------------------------------------------------------------------------

    async def home(request: Request) -> Response:
        return cached("html", request, lambda s: html(pages.home(s)))

    async def search_page(request: Request) -> Response:
        query = request.query_params.get("q", "")
        state = live()
        assert state.snapshot is not None
        hits = search(state.snapshot, query)
        if len(hits) == 1:
            return RedirectResponse(hits[0].url, 303)
        return HTMLResponse(pages.search_page(state, query, hits))

    async def organization_page(request: Request) -> Response:
        org_id = int(request.path_params["org_id"])

        def make(s: Live) -> tuple[int, bytes]:
            assert s.snapshot is not None
            if org_id not in s.snapshot.organizations:
                return html(pages.not_found(s, f"No organization {org_id} has applied."), 404)
            return html(pages.organization(s, org_id))

        return cached("html", request, make)

    async def project_page(request: Request) -> Response:
        pid = int(request.path_params["project_id"])
        donors = _page_number(request, "donors")
        donations = _page_number(request, "donations")

        def make(s: Live) -> tuple[int, bytes]:
            assert s.snapshot is not None
            if pid not in s.snapshot.projects:
                return html(pages.not_found(s, f"No project {pid} on this deployment."), 404)
            return html(pages.project(s, pid, donors, donations))

        return cached("html", request, make)

    async def donor_page(request: Request) -> Response:
        text = request.path_params["address"]

        def make(s: Live) -> tuple[int, bytes]:
            assert s.snapshot is not None
            try:
                address = parse_address(text, "donor address")
            except InvalidInput as exc:
                return html(pages.not_found(s, str(exc)), 400)
            return html(pages.donor(s, s.snapshot.donor(address)))

        return cached("html", request, make)

    async def tx_page(request: Request) -> Response:
        state = live()
        assert state.snapshot is not None
        key = ("html", request.url.path + "?" + request.url.query)
        if (found := cache.get(state, key)) is None:
            try:
                trace, check = await transactions.get(
                    _tx_hash(request.path_params["tx_hash"]), state.snapshot
                )
                found = html(pages.transaction(state, trace, check))
            except InvalidInput as exc:
                found = html(pages.not_found(state, str(exc)), 404)
            cache.put(state, key, found)
        return HTMLResponse(found[1], found[0])

    async def api_docs(request: Request) -> Response:
        return cached("html", request, lambda s: html(pages.api_docs(s, openapi)))

    # --- JSON ----------------------------------------------------------------------------

    async def openapi_json(request: Request) -> Response:
        return Response(openapi_body, media_type="application/json")

    async def status(request: Request) -> Response:
        return Response(
            json.dumps(api.status(follower.live, addresses), sort_keys=True),
            media_type="application/json",
            headers={"cache-control": "no-store"},
        )

    async def organizations(request: Request) -> Response:
        def make(s: Live) -> tuple[int, bytes]:
            assert s.snapshot is not None
            snap = s.snapshot
            return as_json([api.organization(o, snap) for o in snap.organizations.values()])

        return cached("json", request, make)

    async def organization(request: Request) -> Response:
        org_id = int(request.path_params["org_id"])

        def make(s: Live) -> tuple[int, bytes]:
            assert s.snapshot is not None
            found = s.snapshot.organizations.get(org_id)
            if found is None:
                return as_json({"error": f"no organization {org_id}"}, 404)
            return as_json(api.organization(found, s.snapshot))

        return cached("json", request, make)

    async def projects(request: Request) -> Response:
        def make(s: Live) -> tuple[int, bytes]:
            assert s.snapshot is not None
            snap = s.snapshot
            return as_json([api.project_summary(v, snap) for v in snap.projects.values()])

        return cached("json", request, make)

    async def project(request: Request) -> Response:
        pid = int(request.path_params["project_id"])

        def make(s: Live) -> tuple[int, bytes]:
            assert s.snapshot is not None
            view = s.snapshot.projects.get(pid)
            if view is None:
                return as_json({"error": f"unknown project {pid}: no ProjectCreated event"}, 404)
            return as_json(api.project(view, s.checks, s.snapshot))

        return cached("json", request, make)

    async def donor(request: Request) -> Response:
        text = request.path_params["address"]
        only = request.query_params.get("project")

        def make(s: Live) -> tuple[int, bytes]:
            assert s.snapshot is not None
            try:
                address = parse_address(text, "donor address")
                pid = int(only) if only else None
            except (InvalidInput, ValueError) as exc:
                return as_json({"error": str(exc)}, 400)
            return as_json(api.donor(s.snapshot.donor(address, pid)))

        return cached("json", request, make)

    async def tx_json(request: Request, part: int) -> Response:
        state = live()
        assert state.snapshot is not None
        key = ("json", request.url.path + "?" + request.url.query)
        if (found := cache.get(state, key)) is None:
            try:
                both = await transactions.get(
                    _tx_hash(request.path_params["tx_hash"]), state.snapshot
                )
                record = api.tx(both[0]) if part == 0 else api.tx_check(both[1])
                found = as_json(record)
            except InvalidInput as exc:
                found = as_json({"error": str(exc)}, 404)
            cache.put(state, key, found)
        return Response(found[1], found[0], media_type="application/json")

    async def tx(request: Request) -> Response:
        return await tx_json(request, 0)

    async def tx_verify(request: Request) -> Response:
        return await tx_json(request, 1)

    async def deployment(request: Request) -> Response:
        return cached("json", request, lambda s: as_json(api.deployment(s.checks)))

    async def search_api(request: Request) -> Response:
        query = request.query_params.get("q", "")

        def make(s: Live) -> tuple[int, bytes]:
            assert s.snapshot is not None
            return as_json([vars(h) for h in search(s.snapshot, query)])

        return cached("json", request, make)

    # --- errors and life cycle -----------------------------------------------------------

    async def not_ready(request: Request, exc: Exception) -> Response:
        message = f"The portal is still reading the chain ({exc}). Try again in a moment."
        if request.url.path.startswith("/api/"):
            return Response(
                json.dumps({"error": message}),
                503,
                media_type="application/json",
                headers={"retry-after": "2"},
            )
        return HTMLResponse(
            f"<!doctype html><title>Starting</title><p>{message}</p>",
            503,
            headers={"retry-after": "2"},
        )

    async def chain_error(request: Request, exc: Exception) -> Response:
        return Response(json.dumps({"error": str(exc)}), 502, media_type="application/json")

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        follower.start()
        await run_in_threadpool(follower.ready.wait, first_sync_timeout)
        try:
            yield
        finally:
            await transactions.rpc.close()
            await run_in_threadpool(follower.stop)

    static = Path(__file__).with_name("static")
    routes = [
        Route("/", home),
        Route("/search", search_page),
        Route("/organizations/{org_id:int}", organization_page),
        Route("/projects/{project_id:int}", project_page),
        Route("/donors/{address}", donor_page),
        Route("/tx/{tx_hash}", tx_page),
        Route("/api", api_docs),
        Route("/openapi.json", openapi_json),
        Route("/api/status", status),
        Route("/api/organizations", organizations),
        Route("/api/organizations/{org_id:int}", organization),
        Route("/api/projects", projects),
        Route("/api/projects/{project_id:int}", project),
        Route("/api/donors/{address}", donor),
        Route("/api/tx/{tx_hash}", tx),
        Route("/api/tx/{tx_hash}/verify", tx_verify),
        Route("/api/deployment", deployment),
        Route("/api/search", search_api),
        Mount("/static", StaticFiles(directory=static), name="static"),
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={NotReady: not_ready, CharityChainError: chain_error},
    )
    app.add_middleware(SecurityHeaders)
    app.state.follower = follower
    return app
