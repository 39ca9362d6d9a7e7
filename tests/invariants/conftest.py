"""Fixtures and Hypothesis profiles for the escrow state-machine tests.

The deployed system is story.deploy_system (as in tests/contracts), plus what the machine
needs: an auditor who is also the organization admin (conflicted),
two more donors, an allow-listed MockERC20 and FeeOnTransferToken(100) minted and approved
for every donor, and an ERC-20 that is not allow-listed.

Profiles (registered, not loaded, so no other test's Hypothesis settings change):
  ci    the default: 100 examples x up to 30 steps, derandomized so CI is reproducible
  soak  CHARITYCHAIN_HYPOTHESIS_PROFILE=soak (`make soak`): 2000 random examples
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from story import System, deploy_system
from web3 import Web3
from web3.contract import Contract

from charitychain.compiler import CompileResult
from invariants.escrow_model import World, build_world

settings.register_profile(
    "ci",
    max_examples=100,
    stateful_step_count=30,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "soak",
    max_examples=2000,
    stateful_step_count=30,
    deadline=None,
    derandomize=False,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="session")
def inv_system(
    w3: Web3,
    accounts: list[str],
    compiled: CompileResult,
    project_root: Path,
    deploy: Callable[..., Contract],
    chain_time: Callable[[], int],
    time_travel: Callable[[int], int],
) -> System:
    return deploy_system(
        w3,
        accounts,
        project_root,
        deploy,
        chain_time,
        time_travel,
        Web3.to_checksum_address("0x" + "0b" * 20),
    )


@pytest.fixture(scope="session")
def world(inv_system: System, project_root: Path) -> World:
    return build_world(inv_system, project_root)


@pytest.fixture
def exact_time(world: World) -> Iterator[None]:
    """One block per transaction, each one second after the last (no wall clock)."""
    world.rpc.request("anvil_setBlockTimestampInterval", [1])
    try:
        yield
    finally:
        world.rpc.request("anvil_removeBlockTimestampInterval", [])


@pytest.fixture(autouse=True)
def isolation(world: World, w3: Web3) -> Iterator[None]:
    """Override of the root isolation: deploy first, then snapshot around each test."""
    snapshot = w3.provider.make_request("evm_snapshot", [])["result"]  # type: ignore[arg-type]
    yield
    reverted = w3.provider.make_request("evm_revert", [snapshot])  # type: ignore[arg-type]
    assert reverted.get("result") is True, reverted
