"""`charitychain serve` as a real process: binds 127.0.0.1 by default and serves the portal."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from portal.world import World, wait_until


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _status(url: str) -> dict[str, object] | None:
    try:
        with urllib.request.urlopen(url + "/api/status", timeout=2) as answer:
            found: dict[str, object] = json.loads(answer.read())
            return found if found.get("ready") else None
    except OSError:
        return None


@pytest.mark.slow
def test_serve_starts_the_portal_on_localhost(world: World) -> None:
    port = _free_port()
    script = Path(sys.executable).with_name("charitychain")
    server = subprocess.Popen(
        [str(script), "--project", str(world.root), "serve", "--rpc-url", world.rpc_url,
         "--port", str(port), "--interval", "0.5"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}"
        status = wait_until(lambda: _status(url), 60, "charitychain serve to answer")
        assert status["projects"] == 3
        with urllib.request.urlopen(url + "/projects/1", timeout=5) as page:
            assert page.status == 200 and b"Clean Water Trust" in page.read()
        with urllib.request.urlopen(url + "/openapi.json", timeout=5) as doc:
            assert json.loads(doc.read())["openapi"] == "3.1.0"
    finally:
        server.terminate()
        out, err = server.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in out, (out, err)


def test_serve_help_names_its_options() -> None:
    from click.testing import CliRunner

    from charitychain.cli.main import cli

    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--rpc-url", "--network", "--metadata-dir"):
        assert option in result.output
    assert "127.0.0.1" in result.output and "8700" in result.output
