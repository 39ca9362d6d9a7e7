"""Moving a dev chain's clock forward (tests and the demo story; never on real networks)."""

from __future__ import annotations

from typing import Any

from web3 import Web3
from web3.providers.eth_tester import EthereumTesterProvider

from charitychain.errors import CharityChainError


def now(w3: Web3) -> int:
    return int(w3.eth.get_block("latest")["timestamp"])


def advance(w3: Web3, seconds: int) -> int:
    """Advance the clock by `seconds` and mine a block; returns the new block time."""
    if isinstance(w3.provider, EthereumTesterProvider):
        tester: Any = w3.provider.ethereum_tester
        tester.time_travel(now(w3) + seconds)
        tester.mine_blocks(1)
        return now(w3)
    try:
        w3.provider.make_request("evm_increaseTime", [seconds])  # type: ignore[arg-type]
        w3.provider.make_request("evm_mine", [])  # type: ignore[arg-type]
    except Exception as exc:
        raise CharityChainError(
            f"This chain cannot move its clock ({exc}); time travel needs a dev chain"
        ) from None
    return now(w3)
