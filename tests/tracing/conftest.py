"""Session history for trace tests, built once before the per-test snapshot."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from web3 import Web3

from charitychain.contracts.suite import bind
from charitychain.demo import run_demo
from tracing.storyline import Story, cancelled_project


@pytest.fixture(scope="session")
def story(w3: Web3) -> Story:
    demo = run_demo(w3, say=lambda _: None)
    suite = bind(w3, demo.deployment)
    pid, donors = cancelled_project(w3, suite)
    return Story(suite, demo, pid, donors)


@pytest.fixture(autouse=True)
def isolation(story: Story, w3: Web3) -> Iterator[None]:
    """Build the story once, before the per-test snapshot (overrides the root isolation)."""
    snapshot = w3.provider.make_request("evm_snapshot", [])["result"]  # type: ignore[arg-type]
    yield
    w3.provider.make_request("evm_revert", [snapshot])  # type: ignore[arg-type]


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "index.sqlite"
